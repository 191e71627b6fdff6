"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Extraction is pure (text in, an ``Extraction`` out; it never touches the store), so batches of
articles can be shipped to other processes or machines while this process reads the next files and
writes the finished results, in order, one transaction per document.

Example::

    engine = make_engine(settings, workers=4)               # 4 local processes
    engine = make_engine(settings, scheduler="tcp://10.0.0.5:8786")  # a running Dask cluster
    for batch, results in engine.map(batches):               # results in the order batches went in
        ...
    engine.close()
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from receipts.config import Settings
from receipts.errors import ConfigError
from receipts.runtime.analyzer import Analyzer

Batch = list  # a list of ingest ``Article``s
Results = list  # ``[(Article, Extraction | ExtractionError), ...]`` for one batch

_WORKER: dict[tuple, object] = {}  # one Analyzer per settings, per worker process
_EMBEDDER: dict[tuple, object] = {}  # one sentence embedder per model and thread count, per worker process


def extract_batch(
    settings: Settings, aliases: tuple[str, ...], batch: Batch, *, embed: bool = False, threads: int = 0
) -> Results:
    """Run extraction over one batch in whatever process this is; the pipeline loads once per process.

    :param embed: Also embed each extracted sentence where the extraction ran, so that worker processes
        share that work too: each result is then ``(article, extraction, float32 vectors | None)``, one
        vector per sentence in ``extraction.sentences`` order.
    :param threads: Threads for the embedding model in this process (0: its default).
    """
    key = (
        settings.config_hash(),
        aliases,
        settings.max_document_chars,
        settings.max_sentence_chars,
        settings.max_sentences,
        settings.extract_time_budget_s,
    )
    analyzer = _WORKER.get(key)
    if analyzer is None:
        analyzer = _WORKER[key] = Analyzer(settings, [Path(p) for p in aliases])
    results = list(analyzer.extract(batch))
    return _embedded(settings, results, threads) if embed else results


def _embedded(settings: Settings, results: Results, threads: int) -> Results:
    """Add each extraction's sentence vectors (float32, as the embedder gives them) to its result."""
    from receipts.errors import ReceiptsError
    from receipts.retrieve.dense import make_embedder

    embedder = _EMBEDDER.get((settings.embedding_model, threads), False)
    if embedder is False:
        embedder = _EMBEDDER[(settings.embedding_model, threads)] = make_embedder(
            True,
            settings.embedding_model,
            threads=threads,
            backend=settings.embedding_backend,
            cache_dir=settings.model_cache,
        )
    texts = [s.span.text for _, r in results if not isinstance(r, ReceiptsError) for s in r.sentences]
    if embedder is None or not texts:
        return [(a, r, None) for a, r in results]
    vecs = embedder.encode(texts)
    out, at = [], 0
    for article, result in results:
        n = 0 if isinstance(result, ReceiptsError) else len(result.sentences)
        out.append((article, result, vecs[at : at + n] if n else None))
        at += n
    return out


def exit_with_parent(parent_pid: int, *, every_s: float = 1.0) -> None:
    """In a worker process: exit as soon as the process that started it is gone.

    A worker blocks on its task queue, or runs a batch, and never learns that its parent was
    killed (``kill -9`` leaves no one to shut the pool down), so each worker watches its parent
    from a daemon thread and ends itself within ``every_s`` of the parent's death.

    :param parent_pid: The parent's process id, taken in the parent.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every_s)
        os._exit(1)  # no cleanup to wait for: the parent that would collect the results is gone

    threading.Thread(target=watch, name="receipts-exit-with-parent", daemon=True).start()


class InProcess:
    """Extraction in this process (the default)."""

    name = "in-process"

    def __init__(self, settings: Settings, aliases: tuple[str, ...] = (), *, embed: bool = False) -> None:
        self.settings, self.aliases, self.embed = settings, aliases, embed

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Results]]:
        if not self.embed:
            for batch in batches:
                yield batch, extract_batch(self.settings, self.aliases, batch)
            return
        # Batch k is embedded on a thread (torch leaves the GIL) while batch k+1 is parsed: on two cores the
        # embedding model and spaCy run side by side instead of taking turns.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1, thread_name_prefix="receipts-embed") as pool:
            pending = None
            for batch in batches:
                results = extract_batch(self.settings, self.aliases, batch)
                future = pool.submit(_embedded, self.settings, results, 1)
                if pending is not None:
                    yield pending[0], pending[1].result()
                pending = (batch, future)
            if pending is not None:
                yield pending[0], pending[1].result()

    def close(self) -> None:
        pass


class _Pooled:
    """Keeps a few batches in flight and hands results back in submission order."""

    in_flight = 2

    def _submit(self, batch: Batch):
        raise NotImplementedError

    def _result(self, future) -> Results:
        return future.result()

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Results]]:
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, self._submit(batch)))
            while len(pending) >= self.in_flight:
                done, future = pending.popleft()
                yield done, self._result(future)
        while pending:
            done, future = pending.popleft()
            yield done, self._result(future)


class ProcessPool(_Pooled):
    """Extraction in ``workers`` local processes, each loading the pipeline once."""

    name = "processes"

    def __init__(
        self, settings: Settings, aliases: tuple[str, ...] = (), *, workers: int = 2, embed: bool = False
    ) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, not {workers}")
        self.settings, self.aliases, self.in_flight = settings, aliases, 2 * workers
        self.embed, self._threads = embed, max(1, (os.cpu_count() or 1) // workers)
        # spawn, not fork: the parent may hold model sessions and threads that must not be copied
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )

    def _submit(self, batch: Batch):
        return self._pool.submit(
            extract_batch, self.settings, self.aliases, batch, embed=self.embed, threads=self._threads
        )

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(_Pooled):
    """Extraction on a Dask cluster (``dask-scheduler`` plus ``dask-worker`` on each machine).

    Every worker needs receipts installed with the same models; the store is written by this process
    only, so workers need no database access.
    """

    name = "dask"

    def __init__(
        self, settings: Settings, aliases: tuple[str, ...] = (), *, scheduler: str | object, embed: bool = False
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ConfigError("the Dask engine needs the 'dask' extra: pip install 'receipts[dask]'") from exc
        self.settings, self.aliases, self.embed = settings, aliases, embed
        try:
            self._client = scheduler if hasattr(scheduler, "submit") else Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self._own = not hasattr(scheduler, "submit")
        workers = len(self._client.scheduler_info().get("workers", {})) or 1
        self.in_flight = 2 * workers

    def _submit(self, batch: Batch):
        return self._client.submit(extract_batch, self.settings, self.aliases, batch, embed=self.embed, pure=False)

    def close(self) -> None:
        if self._own:
            self._client.close()


def make_engine(
    settings: Settings,
    aliases: Iterable[Path | str] = (),
    *,
    workers: int = 1,
    scheduler: str | None = None,
    embed: bool = False,
):
    """The engine for these options: a Dask scheduler address wins, then ``workers`` > 1, else in-process.

    :param embed: Embed each extracted sentence where it was extracted (results become triples, see
        :func:`extract_batch`).
    """
    names = tuple(str(p) for p in aliases)
    if scheduler:
        return DaskEngine(settings, names, scheduler=scheduler, embed=embed)
    if workers > 1:
        return ProcessPool(settings, names, workers=workers, embed=embed)
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    return InProcess(settings, names, embed=embed)
