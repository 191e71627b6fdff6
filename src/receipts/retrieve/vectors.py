"""Sentence vectors in one append-only int8 file, memory-mapped, each under a key that only grows.

A process maps the file and appends what the store added since its last key; nothing is rebuilt. Keys
of deleted sentences are masked at search time and dropped from the file when they pile up
(:meth:`VectorFile.compact`). Without a path the same structure lives in memory (PostgreSQL, tests).

Each vector is kept as int8 with its own scale (the largest magnitude maps to 127): 396 bytes for a
384-wide vector against 776 in float16, and a search widens int8 to float32 several times faster than
float16 (``receipts bench search``: warm hybrid search over 100,000 synthetic articles 1,258 ms with
float16, 365 ms with int8). A cosine moves by less than 0.005 (``tests/unit/retrieve/test_vectors.py``).
Files of the first format (float16, ``RCPTVEC1``) are converted in place the first time they are opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC = b"RCPTVEC2"
OLD_MAGIC = b"RCPTVEC1"  # float16 rows (key, vec): converted on open
HEADER = 64  # magic, dim (uint32), store stamp (32 ascii bytes), padding
# Vectors scored per numpy call: large enough for BLAS, small enough that the float32 copy stays small.
CHUNK = 65_536


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a core dependency; without it BLAS keeps its own threads
        return None
    return ThreadpoolController()


@lru_cache(maxsize=1)
def _scan_pool():
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(2, thread_name_prefix="receipts-scan")


def one_blas_thread() -> AbstractContextManager:
    """Score on one BLAS thread: a product of one query with a block of vectors is small, and on busy cores
    waking BLAS's threads for each one costs far more than the product (a verify run ranks thousands: 0.1 ms
    a query on one thread, 1 to 8 ms on two shared cores). The same thread count for every ranking also
    keeps the scores, and so the rankings, the same from one call and one machine to the next."""
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller is not None else nullcontext()


def _records(dim: int) -> np.dtype:
    return np.dtype([("key", "<i8"), ("scale", "<f4"), ("vec", "i1", (dim,))])


def _old_records(dim: int) -> np.dtype:
    return np.dtype([("key", "<i8"), ("vec", "<f2", (dim,))])


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (scales, int8 codes) for rows of vectors: row i is about ``scales[i] * codes[i]``.

    The largest magnitude of a row maps to 127, and the scale gives the widened row the original's length
    (a unit vector comes back a unit vector, so a sentence scores 1.0 against itself).
    """
    v = np.asarray(vectors, dtype=np.float32)
    top = np.abs(v).max(axis=1) if v.size else np.zeros(len(v), dtype=np.float32)
    codes = np.clip(np.rint(v * np.where(top > 0, 127.0 / np.where(top > 0, top, 1.0), 0.0)[:, None]), -127, 127)
    codes = codes.astype(np.int8)
    lengths = np.linalg.norm(codes.astype(np.float32), axis=1)
    scales = np.where(lengths > 0, np.linalg.norm(v, axis=1) / np.where(lengths > 0, lengths, 1.0), 1.0)
    return scales.astype(np.float32), codes


def query_codes(queries: list[np.ndarray] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Queries as the file scores them: (scales, codes as float32 of shape dim x queries).

    A query is quantised as the rows are, so a score is ``row scale * query scale * (codes . codes)``. The
    integer product is at most 127 * 127 * dim (6.2 million at 384), below 2**24, so float32 arithmetic
    gives it exactly in any order: one query and a block of many queries (a matrix product) score a row the
    same, on any number of threads.
    """
    scales, codes = quantize(np.atleast_2d(np.asarray(queries, dtype=np.float32)))
    return scales, np.ascontiguousarray(codes.T, dtype=np.float32)


def as_stored(vectors: np.ndarray) -> np.ndarray:
    """Rows of vectors as the file gives them back (float32)."""
    scales, codes = quantize(np.atleast_2d(vectors))
    return codes.astype(np.float32) * scales[:, None]


class VectorFile:
    """Keyed int8 unit vectors (one scale each) with exhaustive cosine search.

    Example::

        vf = VectorFile(Path("receipts.db-vectors"), stamp="a1b2...", dim=384)
        vf.append(np.array([1, 2]), vectors)          # keys must grow
        vf.search(query_vector, k=10)                 # [(key, cosine), ...], best first
    """

    def __init__(self, path: Path | None, *, stamp: str, dim: int) -> None:
        if not stamp or len(stamp.encode()) > 32:
            raise ValueError(f"stamp must be 1-32 ASCII characters, not {stamp!r}")
        self.path = path
        self.stamp = stamp
        self.dim = dim
        self._dtype = _records(dim)
        self._data = np.zeros(0, dtype=self._dtype)
        if path is not None:
            self._open()

    # -- the file ---------------------------------------------------------------------------------------

    def _header(self) -> bytes:
        return (MAGIC + np.uint32(self.dim).tobytes() + self.stamp.encode().ljust(32, b" ")).ljust(HEADER, b"\0")

    def _open(self) -> None:
        """Map the file; convert one of the float16 format; start it afresh when it belongs to another store
        or another width."""
        assert self.path is not None
        if not self._header_ok():
            with self._locked():
                if self._header_ok():  # another process started or converted it meanwhile
                    self._map()
                    return
                tmp = self.path.with_name(self.path.name + ".new")
                with open(tmp, "wb") as fh:
                    fh.write(self._header())
                    if self._header_ok(OLD_MAGIC):
                        self._convert_into(fh)
                os.replace(tmp, self.path)
        self._map()

    def _convert_into(self, fh) -> None:
        """Write the rows of a float16 file of this store and width as int8 rows, block by block."""
        assert self.path is not None
        old = _old_records(self.dim)
        n = (self.path.stat().st_size - HEADER) // old.itemsize
        if n <= 0:
            return
        data = np.memmap(self.path, dtype=old, mode="r", offset=HEADER, shape=(n,))
        for lo in range(0, n, CHUNK):
            part = data[lo : lo + CHUNK]
            rows = np.zeros(len(part), dtype=self._dtype)
            rows["key"] = part["key"]
            rows["scale"], rows["vec"] = quantize(part["vec"])
            fh.write(rows.tobytes())
        del data

    def _header_ok(self, magic: bytes = MAGIC) -> bool:
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                return fh.read(HEADER) == magic + self._header()[len(MAGIC) :]
        except FileNotFoundError:
            return False

    def _map(self) -> None:
        assert self.path is not None
        n = (self.path.stat().st_size - HEADER) // self._dtype.itemsize
        if n <= 0:
            self._data = np.zeros(0, dtype=self._dtype)
        else:
            self._data = np.memmap(self.path, dtype=self._dtype, mode="r", offset=HEADER, shape=(n,))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock beside the file (one writer at a time); readers never wait."""
        if self.path is None:
            yield
            return
        lock = self.path.with_name(self.path.name + ".lock")
        with open(lock, "a+b") as fh:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - not POSIX: one process at a time is assumed
                yield
                return
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @staticmethod
    def width(path: Path | None, *, stamp: str) -> int:
        """Return the vector width recorded in the file at ``path`` for this store, or 0 (no such file)."""
        if path is None:
            return 0
        try:
            with open(path, "rb") as fh:
                head = fh.read(HEADER)
        except FileNotFoundError:
            return 0
        if len(head) < HEADER or head[:8] not in (MAGIC, OLD_MAGIC) or head[12:44] != stamp.encode().ljust(32, b" "):
            return 0
        return int(np.frombuffer(head[8:12], dtype=np.uint32)[0])

    # -- reading -----------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._data)

    @property
    def last_key(self) -> int:
        """The largest key held (0 when empty)."""
        return int(self._data["key"][-1]) if len(self._data) else 0

    @property
    def keys(self) -> np.ndarray:
        return np.asarray(self._data["key"])

    @property
    def nbytes(self) -> int:
        return HEADER + len(self._data) * self._dtype.itemsize

    def reload(self) -> None:
        """See rows another process appended since this one mapped the file."""
        if self.path is not None:
            self._open()

    def vectors_for(self, keys: list[int]) -> dict[int, np.ndarray]:
        """Return the float32 vector of each key held (keys not held are left out)."""
        held = self.keys
        pos = np.searchsorted(held, keys)
        out = {}
        for key, p in zip(keys, pos):
            if p < len(held) and held[p] == key:
                row = self._data[p]
                out[int(key)] = row["vec"].astype(np.float32) * np.float32(row["scale"])
        return out

    def rank_bounds(
        self,
        q_scales: np.ndarray,
        q_codes: np.ndarray,
        keys: list[int],
        depths: tuple[int, ...],
        *,
        dead: np.ndarray | None = None,
        sample: int = 4096,
    ) -> np.ndarray:
        """How far down the ranking of each query (a column of ``q_codes``, see :func:`query_codes`) each key
        must at least be, read from a sample of the rows instead of all of them.

        Returns an array (keys x queries) holding, for each pair, the largest of ``depths`` such that at least
        that many sampled rows score strictly above the key (0 when none is proven): the key's place in the
        full ranking, counted from 0, is at least that. Scores are worked out as ``scan`` works them out, so a
        key scores here exactly what it scores in a search. A key the file does not hold gets 0 (unknown).
        """
        bounds = np.zeros((len(keys), q_codes.shape[1]), dtype=np.int64)
        n = len(self._data)
        if n == 0 or not keys or not depths:
            return bounds
        rows = self._data[:: max(1, n // sample)]
        if dead is not None and len(dead):
            rows = rows[~np.isin(np.asarray(rows["key"]), dead)]
        held = self.keys
        pos = np.minimum(np.searchsorted(held, keys), n - 1)
        found = held[pos] == np.asarray(keys, dtype=np.int64)
        mine = self._data[pos[found]]
        depths = tuple(sorted(d for d in depths if 0 < d <= len(rows)))
        if not depths or not len(mine):
            return bounds
        with one_blas_thread():
            sampled = (rows["vec"].astype(np.float32) @ q_codes) * np.asarray(rows["scale"])[:, None]
            sampled *= q_scales[None, :]
            own = (mine["vec"].astype(np.float32) @ q_codes) * np.asarray(mine["scale"])[:, None]
            own *= q_scales[None, :]
        ordered = np.ascontiguousarray(sampled.T)  # one query a row: partitioned along contiguous memory
        cut = np.partition(ordered, [len(rows) - d for d in depths], axis=1)
        at = np.zeros(own.shape, dtype=np.int64)
        for d in depths:  # the d-th best sampled score above the key's: d rows score strictly above it
            at = np.where(own < cut[:, len(rows) - d][None, :], d, at)
        bounds[found] = at
        return bounds

    def search(self, query: np.ndarray, k: int = 10, *, dead: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Return up to k (key, cosine) pairs, best first; keys in ``dead`` (sorted) are skipped.

        :param query: A unit vector of this file's width.
        :param dead: Keys of sentences deleted since they were appended.
        """
        n = len(self._data)
        if n == 0 or k <= 0:
            return []
        q_scales, q_codes = query_codes([query])
        starts = list(range(0, n, CHUNK))
        halves = [starts[: len(starts) // 2], starts[len(starts) // 2 :]] if len(starts) >= 4 else [starts]
        with one_blas_thread():
            if len(halves) > 1 and (os.cpu_count() or 1) > 1:
                # a large file is scanned in two halves on two threads (numpy leaves the GIL while it widens
                # and multiplies); each chunk is scored as in one thread, so the ranking is the same
                pool = _scan_pool()
                parts = list(pool.map(lambda h: self.scan(h, q_scales, q_codes, [k], dead)[0], halves))
            else:
                parts = [self.scan(h, q_scales, q_codes, [k], dead)[0] for h in halves]
        keys = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(keys[i]), float(scores[i])) for i in order if np.isfinite(scores[i])]

    def scan(
        self,
        starts: list[int] | None,
        q_scales: np.ndarray,
        q_codes: np.ndarray,
        ks: list[int],
        dead: np.ndarray | None,
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each query (a column of ``q_codes``, see :func:`query_codes`), its best ``ks[j]`` keys and scores
        of each chunk starting at ``starts`` (None: every chunk), concatenated in chunk order. Many queries cost
        one matrix product a chunk; each score is the one a search for that query alone gives."""
        if starts is None:
            starts = list(range(0, len(self._data), CHUNK))
        m = q_codes.shape[1]
        best: list[tuple[list, list]] = [([], []) for _ in range(m)]
        buf = np.empty((min(CHUNK, len(self._data)), self.dim), dtype=np.float32)
        for lo in starts:
            part = self._data[lo : lo + CHUNK]
            block = buf[: len(part)]
            np.copyto(block, part["vec"])  # int8 -> float32 in place, no new array per chunk
            products = block @ q_codes  # whole numbers, exact
            row_scales = np.asarray(part["scale"])
            keys = np.asarray(part["key"])
            mask = np.isin(keys, dead, assume_unique=True) if dead is not None and len(dead) else None
            for j, (kept_keys, kept_scores) in enumerate(best):
                scores = products[:, j] * row_scales
                scores *= q_scales[j]
                if mask is not None:
                    scores[mask] = -np.inf
                take = min(ks[j] if j < len(ks) else ks[-1], len(scores))
                if take <= 0:
                    continue
                top = np.argpartition(-scores, take - 1)[:take]
                kept_keys.append(keys[top])
                kept_scores.append(scores[top])
        return [
            (np.concatenate(kk), np.concatenate(ks_)) if kk else (np.zeros(0, np.int64), np.zeros(0, np.float32))
            for kk, ks_ in best
        ]

    # -- writing -----------------------------------------------------------------------------------------

    def append(self, keys: np.ndarray, vectors: np.ndarray) -> int:
        """Add vectors under keys not held yet; return how many rows were added.

        Keys above the last one are appended. A key below it that the file lacks (a writer committed it while
        another appended later keys) is merged in by rewriting the file, which is rare. Keys held already,
        from another process, are kept and skipped.
        """
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) and np.any(np.diff(keys) <= 0):
            raise ValueError("keys must be strictly increasing")
        vectors = np.asarray(vectors)
        if len(keys) != len(vectors) or (len(vectors) and vectors.shape[1] != self.dim):
            raise ValueError(f"need one {self.dim}-wide vector per key, got {vectors.shape} for {len(keys)} keys")
        with self._locked():
            self.reload()
            fresh = keys > self.last_key
            if len(keys) and not fresh.all():  # some keys below the last one: are they held?
                held = self.keys
                pos = np.minimum(np.searchsorted(held, keys), max(len(held) - 1, 0))
                fresh |= (held[pos] != keys) if len(held) else True
            if not fresh.any():
                return 0
            rows = np.zeros(int(fresh.sum()), dtype=self._dtype)
            rows["key"] = keys[fresh]
            rows["scale"], rows["vec"] = quantize(vectors[fresh])
            if rows["key"][0] > self.last_key:
                self._write_tail(rows)
            else:
                merged = np.concatenate([np.asarray(self._data), rows])
                self._rewrite(merged[np.argsort(merged["key"], kind="stable")])
            return len(rows)

    def _write_tail(self, rows: np.ndarray) -> None:
        if self.path is None:
            self._data = np.concatenate([self._data, rows])
            return
        with open(self.path, "r+b") as fh:
            fh.truncate(self.nbytes)  # drop a torn row left by a crash
            fh.seek(self.nbytes)
            fh.write(rows.tobytes())
        self._map()

    def _rewrite(self, rows: np.ndarray) -> None:
        if self.path is None:
            self._data = rows
            return
        tmp = self.path.with_name(self.path.name + ".new")
        with open(tmp, "wb") as fh:
            fh.write(self._header())
            fh.write(rows.tobytes())
        os.replace(tmp, self.path)  # readers keep the old map until they reload
        self._map()

    def compact(self, dead: np.ndarray) -> int:
        """Rewrite the file without the keys in ``dead``; return how many rows were dropped."""
        with self._locked():
            self.reload()
            keep = ~np.isin(self.keys, dead)
            dropped = int((~keep).sum())
            if not dropped:
                return 0
            self._rewrite(np.asarray(self._data[keep]))
            return dropped
