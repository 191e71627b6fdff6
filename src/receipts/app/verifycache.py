"""What verification works out once and keeps: sentence parses and query vectors, by text.

Verification parses every sentence it compares and embeds every claim it searches for. Both depend only
on the text and on the models, so they are kept beside a SQLite store in ``<db>-verify-cache`` (a small
SQLite file of its own: a cache, not part of the record; deleting it costs only time). A later run, and
``receipts verify --new`` in particular, reads them back instead of working them out again.

- **Parses** are spaCy's own serialisation of a parsed sentence (tokens, lemmas, tags, dependencies,
  entities), without the tensor and without the receipts annotations, zlib-compressed. On reading, the
  receipts components of the verify pipeline (the numbers stage) run again over the restored parse, so
  a change to those rules needs no invalidation. A different spaCy model, spaCy version or pipeline
  empties the table.
- **Query vectors** are the embeddings of the texts verification searches for that are not stored
  sentences (claims cut from a sentence, claims with context words, promises), in float16 as the sentence
  vectors are (verification rounds every query vector so, fresh or cached). A stored sentence is searched
  for by its vector in the index. A different embedding model empties the table.

On PostgreSQL (no file path) the cache lives in the process only.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS parses (key BLOB PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, data BLOB NOT NULL)",
)
# SQLite's limit on bound parameters is 32766 in current builds; stay well under older ones (999).
_CHUNK = 900


def cache_path(url: str) -> Path | None:
    """Where a store keeps its verify cache: beside a SQLite file, else nowhere (in memory)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///")).expanduser()
        return db.with_name(db.name + "-verify-cache")
    return None


_OPEN: dict[str, VerifyCache] = {}


def verify_cache(url: str, *, embedding_model: str) -> VerifyCache:
    """The verify cache of a store, one per process; its vectors are those of the given embedding model."""
    cache = _OPEN.get(url)
    version = f"embeddings {embedding_model} float16"
    if cache is None:
        cache = _OPEN[url] = VerifyCache(cache_path(url), vectors=version)
    else:
        cache._check("vectors", version)
    return cache


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class VerifyCache:
    """Parses (as bytes) and query vectors by text, in a SQLite file or, without a path, in memory.

    Example::

        cache = VerifyCache(Path("r.db-verify-cache"), vectors="minilm")
        cache.put_vectors({"200 returned": vec})
        cache.vectors(["200 returned"])  # {"200 returned": vec}
    """

    def __init__(self, path: Path | None, *, vectors: str, parses: str | None = None) -> None:
        """:param vectors: The version of what makes a query vector; a different one stored empties the vectors.
        :param parses: The same for the parses (None: set later with ``use_parses``, once a parser is loaded)."""
        self.path = path
        self._lock = threading.Lock()
        self._memory: dict[str, dict[bytes, bytes]] = {"parses": {}, "vectors": {}}
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for stmt in SCHEMA:
                self._db.execute(stmt)
        self._versions: dict[str, str] = {}
        self._check("vectors", vectors)
        if parses is not None:
            self._check("parses", parses)

    def use_parses(self, version: str) -> None:
        """Say what makes the parses (the spaCy model and pipeline); stored parses of another are dropped."""
        self._check("parses", version)

    def _check(self, table: str, version: str) -> None:
        if self._versions.get(table) == version:
            return
        self._versions[table] = version
        if self._db is None:
            self._memory[table].clear()
            return
        with self._lock:
            stored = self._db.execute("SELECT value FROM meta WHERE name = ?", (table,)).fetchone()
            if stored is None or stored[0] != version:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - table is one of two fixed names
                self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (table, version))
                self._db.execute("COMMIT")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _get(self, table: str, texts: Iterable[str]) -> dict[str, bytes]:
        keys = {_key(t): t for t in texts}
        if self._db is None:
            mem = self._memory[table]
            return {text: mem[k] for k, text in keys.items() if k in mem}
        out: dict[str, bytes] = {}
        todo = list(keys)
        with self._lock:
            for lo in range(0, len(todo), _CHUNK):
                part = todo[lo : lo + _CHUNK]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(f"SELECT key, data FROM {table} WHERE key IN ({marks})", part)  # noqa: S608
                out.update((keys[k], data) for k, data in rows)
        return out

    def _put(self, table: str, items: dict[str, bytes]) -> None:
        if not items:
            return
        rows = [(_key(t), data) for t, data in items.items()]
        if self._db is None:
            self._memory[table].update(rows)
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)  # noqa: S608
            self._db.execute("COMMIT")

    def parses(self, texts: Iterable[str]) -> dict[str, bytes]:
        """The stored parses (decompressed bytes) of those texts that have one."""
        return {t: zlib.decompress(data) for t, data in self._get("parses", texts).items()}

    def put_parses(self, items: dict[str, bytes]) -> None:
        self._put("parses", {t: zlib.compress(data, 6) for t, data in items.items()})

    def vectors(self, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored query vectors of those texts that have one (float16, widened to float32)."""
        return {
            t: np.frombuffer(data, dtype=np.float16).astype(np.float32)
            for t, data in self._get("vectors", texts).items()
        }

    def put_vectors(self, items: dict[str, np.ndarray]) -> None:
        self._put("vectors", {t: np.asarray(v, dtype=np.float16).tobytes() for t, v in items.items()})

    def size(self) -> dict[str, int]:
        """Rows and stored bytes per table (parses, vectors)."""
        out = {}
        for table in ("parses", "vectors"):
            if self._db is None:
                mem = self._memory[table]
                out[table] = len(mem)
                out[f"{table}_bytes"] = sum(len(v) for v in mem.values())
            else:
                with self._lock:
                    n, size = self._db.execute(
                        f"SELECT count(*), coalesce(sum(length(data)) + 16 * count(*), 0) FROM {table}"  # noqa: S608
                    ).fetchone()
                out[table], out[f"{table}_bytes"] = n, size
        return out
