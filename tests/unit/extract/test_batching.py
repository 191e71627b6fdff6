import threading

import pytest

from receipts.extract.batching import batches, overlapped


def test_batches_cut_the_stream_and_keep_the_tail():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(batches([1], 0))


def test_overlapped_keeps_order_and_runs_the_model_off_the_calling_thread():
    seen_threads = set()

    def infer(items):
        seen_threads.add(threading.current_thread().name)
        return [x * 10 for x in items]

    def finish(batch, result):
        assert [x * 10 for x in batch] == result
        yield from zip(batch, result)

    out = list(overlapped(range(10), 4, list, infer, finish, name="test-model"))
    assert out == [(x, x * 10) for x in range(10)]
    assert seen_threads and all(name.startswith("test-model") for name in seen_threads)


def test_overlapped_reads_one_batch_ahead_at_most():
    pulled = []

    def stream():
        for x in range(9):
            pulled.append(x)
            yield x

    gen = overlapped(stream(), 3, list, lambda b: b, lambda batch, _: iter(batch))
    assert next(gen) == 0
    # the first batch is finished only after the second was read and handed to the worker
    assert pulled == list(range(6))


def test_overlapped_raises_the_model_error():
    def infer(items):
        if 5 in items:
            raise RuntimeError("model failed on batch with 5")
        return items

    gen = overlapped(range(9), 3, list, infer, lambda batch, result: iter(result))
    assert [next(gen) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(RuntimeError, match="batch with 5"):
        list(gen)
