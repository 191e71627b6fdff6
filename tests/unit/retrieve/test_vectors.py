from __future__ import annotations

import numpy as np
import pytest

from receipts.retrieve.lexical import query_terms
from receipts.retrieve.vectors import HEADER, VectorFile


def unit(rows: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_query_terms_drop_stop_words_short_tokens_and_repeats():
    assert query_terms("The cases, the CASES and a U.S. transport_cases!") == ["cases", "transport"]
    assert query_terms("of the and") == []


@pytest.mark.parametrize("on_disk", [True, False])
def test_vector_file_finds_each_vector_as_its_own_nearest(tmp_path, on_disk):
    vf = VectorFile(tmp_path / "v" if on_disk else None, stamp="s1", dim=8)
    vecs = unit(50)
    assert vf.append(np.arange(1, 51), vecs) == 50
    for i in (0, 17, 49):
        key, score = vf.search(vecs[i], k=1)[0]
        assert key == i + 1 and score == pytest.approx(1.0, abs=2e-3)


def test_vector_file_skips_keys_it_holds_and_needs_increasing_keys(tmp_path):
    vf = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    vf.append(np.array([1, 2, 3]), unit(3))
    assert vf.append(np.array([2, 3, 4]), unit(3, seed=1)) == 1
    assert vf.keys.tolist() == [1, 2, 3, 4] and vf.last_key == 4
    with pytest.raises(ValueError, match="increasing"):
        vf.append(np.array([9, 8]), unit(2))


@pytest.mark.issue(18)
@pytest.mark.parametrize("on_disk", [True, False])
def test_keys_below_the_last_that_the_file_lacks_are_merged_in_key_order(tmp_path, on_disk):
    vf = VectorFile(tmp_path / "v" if on_disk else None, stamp="s1", dim=8)
    vecs = unit(6)
    vf.append(np.array([1, 5, 6]), vecs[[0, 4, 5]])
    assert vf.append(np.array([2, 3, 5]), vecs[[1, 2, 4]]) == 2  # 5 is held already
    assert vf.keys.tolist() == [1, 2, 3, 5, 6] and vf.last_key == 6
    assert vf.search(vecs[2], k=1)[0][0] == 3


def test_width_is_read_from_the_file_of_the_same_store_only(tmp_path):
    VectorFile(tmp_path / "v", stamp="s1", dim=8)
    assert VectorFile.width(tmp_path / "v", stamp="s1") == 8
    assert VectorFile.width(tmp_path / "v", stamp="other") == 0
    assert VectorFile.width(tmp_path / "missing", stamp="s1") == 0


def test_second_map_of_the_file_sees_appended_rows_after_reload(tmp_path):
    a = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    a.append(np.array([1]), unit(1))
    b = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    a.append(np.array([2]), unit(1, seed=2))
    assert len(b) == 1
    b.reload()
    assert b.keys.tolist() == [1, 2]


def test_file_of_another_store_or_width_starts_empty(tmp_path):
    VectorFile(tmp_path / "v", stamp="s1", dim=8).append(np.array([1]), unit(1))
    assert len(VectorFile(tmp_path / "v", stamp="s2", dim=8)) == 0
    assert len(VectorFile(tmp_path / "v", stamp="s2", dim=4)) == 0


def test_torn_last_row_is_dropped_on_next_append(tmp_path):
    vf = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    vf.append(np.array([1]), unit(1))
    with open(tmp_path / "v", "ab") as fh:
        fh.write(b"\x01\x02\x03")  # a crash in the middle of a row
    vf = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    vf.append(np.array([2]), unit(1, seed=3))
    assert (tmp_path / "v").stat().st_size == HEADER + 2 * (8 + 4 + 8)  # key, scale, 8 int8
    assert vf.keys.tolist() == [1, 2]


def test_dead_keys_are_skipped_and_compacted_away(tmp_path):
    vf = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    vecs = unit(10)
    vf.append(np.arange(1, 11), vecs)
    assert vf.search(vecs[3], k=1, dead=np.array([4]))[0][0] != 4
    assert vf.compact(np.array([2, 4, 6])) == 3
    assert vf.keys.tolist() == [1, 3, 5, 7, 8, 9, 10]
    assert vf.search(vecs[6], k=1)[0][0] == 7


def test_vector_file_needs_matching_widths_and_a_stamp(tmp_path):
    with pytest.raises(ValueError, match="stamp"):
        VectorFile(None, stamp="", dim=8)
    vf = VectorFile(None, stamp="s", dim=8)
    with pytest.raises(ValueError, match="8-wide"):
        vf.append(np.array([1]), unit(1, dim=4))


@pytest.mark.issue(18)
def test_int8_rows_keep_cosines_within_a_few_thousandths():
    from receipts.retrieve.vectors import as_stored, quantize

    vecs = unit(200, dim=384, seed=5)
    scales, codes = quantize(vecs)
    assert codes.dtype == np.int8 and np.abs(codes).max(axis=1).min() == 127  # each row uses its whole range
    back = as_stored(vecs)
    assert np.abs(back @ vecs.T - vecs @ vecs.T).max() < 0.005
    assert quantize(np.zeros((1, 4)))[0][0] == 1.0  # an all-zero row keeps a usable scale


@pytest.mark.issue(18)
def test_a_float16_file_of_the_first_format_is_converted_in_place(tmp_path):
    from receipts.retrieve.vectors import OLD_MAGIC

    vecs = unit(5, dim=8, seed=9)
    old = np.zeros(5, dtype=np.dtype([("key", "<i8"), ("vec", "<f2", (8,))]))
    old["key"], old["vec"] = [2, 4, 6, 8, 10], vecs
    header = (OLD_MAGIC + np.uint32(8).tobytes() + b"s1".ljust(32, b" ")).ljust(HEADER, b"\0")
    (tmp_path / "v").write_bytes(header + old.tobytes())
    assert VectorFile.width(tmp_path / "v", stamp="s1") == 8  # still this store's file
    vf = VectorFile(tmp_path / "v", stamp="s1", dim=8)
    assert vf.keys.tolist() == [2, 4, 6, 8, 10]
    assert (tmp_path / "v").read_bytes()[:8] == b"RCPTVEC2"
    assert vf.search(vecs[3], k=1)[0][0] == 8
    got = vf.vectors_for([6])[6]
    assert float(got @ vecs[2]) == pytest.approx(1.0, abs=5e-3)
    other = VectorFile(tmp_path / "v", stamp="s1", dim=8)  # a second process maps the converted file
    assert other.keys.tolist() == [2, 4, 6, 8, 10]


@pytest.mark.issue(18)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rank_bounds_from_a_sample_never_put_a_key_below_its_place(seed):
    from receipts.retrieve.vectors import query_codes

    vf = VectorFile(None, stamp="s1", dim=8)
    vf.append(np.arange(1, 401), unit(400, seed=seed))
    queries = unit(30, seed=seed + 10)
    keys = [3, 77, 150, 399, 400, 9999]  # 9999 is not held: unknown
    dead = np.array([5, 6, 7])
    q_scales, q_codes = query_codes(queries)
    bounds = vf.rank_bounds(q_scales, q_codes, keys, (5, 20), dead=dead, sample=100)
    assert bounds.shape == (6, 30) and set(np.unique(bounds)) <= {0, 5, 20} and (bounds[-1] == 0).all()
    proven = 0
    for j, q in enumerate(queries):
        ranked = [k for k, _ in vf.search(q, k=400, dead=dead)]
        for i, key in enumerate(keys[:-1]):
            assert ranked.index(key) >= bounds[i, j]  # a bound is never above the key's true place
            proven += bounds[i, j] > 0
    assert proven > 30  # and the sample proves most keys far down
