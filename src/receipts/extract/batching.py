"""Overlap a stage's model call with the rest of the pipeline.

A stage that runs an ONNX model over a batch of docs spends most of its time inside
``InferenceSession.run``, which releases the GIL. :func:`overlapped` runs that call for batch k+1 on
a worker thread while batch k is finished on the calling thread and handed to the next stages (and
the stages upstream parse the batch after). On two cores this keeps both busy instead of letting
spaCy and the models take turns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

D = TypeVar("D")
I = TypeVar("I")  # noqa: E741 - the model's input for one batch
R = TypeVar("R")


def batches(stream: Iterable[D], size: int) -> Iterator[list[D]]:
    """Cut a stream into lists of ``size`` items (the last one may be shorter)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    batch: list[D] = []
    for item in stream:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def overlapped(
    stream: Iterable[D],
    size: int,
    prepare: Callable[[list[D]], I],
    infer: Callable[[I], R],
    finish: Callable[[list[D], R], Iterable[D]],
    *,
    name: str = "receipts-model",
) -> Iterator[D]:
    """Yield ``finish(batch, infer(prepare(batch)))`` for each batch, in order, one batch in flight.

    ``prepare`` and ``finish`` run on the calling thread, ``infer`` on one worker thread. An error
    raised by ``infer`` comes out of this generator when its batch is finished.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) as pool:
        pending = None
        for batch in batches(stream, size):
            future = pool.submit(infer, prepare(batch))
            if pending is not None:
                yield from finish(pending[0], pending[1].result())
            pending = (batch, future)
        if pending is not None:
            yield from finish(pending[0], pending[1].result())
