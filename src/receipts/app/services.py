"""Use cases the shells call: ingest, analyse, list, show, report."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import undefer

from receipts import __version__
from receipts.app.index import SentenceIndex, vector_path
from receipts.app.render import document_json
from receipts.config import Settings
from receipts.errors import IngestError, ReceiptsError, StoreError
from receipts.ingest import IngestFailure, Overrides, content_hash, read_sources
from receipts.ingest.neardup import NearDuplicates, signature
from receipts.ingest.normalize import parse_published
from receipts.ingest.readers import ReadLimits, count_inputs
from receipts.retrieve.dense import Embedder, loaded_embedder, make_embedder, pack
from receipts.store import Store, repo
from receipts.store.models import DocumentRow
from receipts.types import Article

log = logging.getLogger(__name__)

ALIAS_FILE_NAMES = ("actors.yaml", "actors.yml")


@dataclass
class IngestReport:
    """What one ingest did, per source."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (origin, doc id)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, existing doc id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    near_duplicates: list[tuple[str, str, str, float]] = field(default_factory=list)  # (origin, doc id, of, similarity)
    partial: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (origin, doc id, why): stored, not every stage ran
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


_STORES: OrderedDict[str, Store] = OrderedDict()
_STORES_LOCK = threading.Lock()
MAX_OPEN_STORES = 8


def open_store(settings: Settings) -> Store:
    """Return this process's store for the configured database, migrated when this process first opens it.

    One engine and connection pool per database and process: the server opens its store at start
    and every request reuses it, so a request never runs a migration (Alembic is not thread-safe).

    :raises StoreError: When the database cannot be opened or migrated.
    """
    url = settings.database_url
    with _STORES_LOCK:
        store = _STORES.get(url)
        if store is not None and store.exists():
            _STORES.move_to_end(url)
            return store
        if store is not None:  # a SQLite file deleted under us: start again
            store.dispose()
        store = Store(url)
        store.migrate()
        mark_interrupted_runs(store)
        _STORES[url] = store
        while len(_STORES) > MAX_OPEN_STORES:  # tests and benchmarks open many; keep the newest
            _STORES.popitem(last=False)[1].dispose()
        return store


def compact(settings: Settings) -> dict:
    """Give back the space a store no longer uses (``Store.compact``), with its size per document.

    :returns: ``documents``, ``bytes_before`` and ``bytes_after`` (None on PostgreSQL), and
        ``bytes_per_document`` after.
    :raises StoreError: When the database cannot be opened or compacted.
    """
    from sqlalchemy import func, select

    url = settings.database_url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        if not path.is_file():
            raise StoreError(f"no store at {path}: nothing to compact")
    store = open_store(settings)
    with store.transaction() as s:
        documents = s.scalar(select(func.count()).select_from(DocumentRow)) or 0
    sizes = store.compact()
    after = sizes["bytes_after"]
    per = round(after / documents) if after is not None and documents else None
    return {"documents": documents, **sizes, "bytes_per_document": per}


def mark_interrupted_runs(store: Store) -> list[int]:
    """Mark the runs a kill left unfinished as interrupted (see :func:`repo.mark_interrupted_runs`).

    Done when a process first opens the store; a store that cannot be written now is left as it
    is, to be marked at a later open.

    :returns: The ids of the runs marked.
    """
    import socket

    try:
        with store.transaction() as s:
            return repo.mark_interrupted_runs(s, host=socket.gethostname()[:255], alive=_process_alive)
    except ReceiptsError:
        return []


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a zombie has exited)."""
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def close_stores() -> None:
    """Dispose of every store this process opened; the next :func:`open_store` opens and migrates afresh
    (after a database was dropped or rebuilt behind this process's back, as tests do)."""
    with _STORES_LOCK:
        while _STORES:
            _STORES.popitem()[1].dispose()


def _alias_files(paths: Iterable[str | Path]) -> list[Path]:
    found = []
    for p in paths:
        p = Path(p)
        folder = p if p.is_dir() else p.parent
        for name in ALIAS_FILE_NAMES:
            if (folder / name).is_file():
                found.append(folder / name)
    return list(dict.fromkeys(found))


def count_sources(paths: list[str], *, follow_symlinks: bool = False) -> int:
    """How many files (and stdin) ``ingest`` will read: the total of its progress bar."""
    return count_inputs(paths, follow_symlinks=follow_symlinks)


def ingest(
    paths: list[str],
    settings: Settings,
    *,
    overrides: Overrides | None = None,
    batch_size: int = 16,
    on_progress: Callable[[str, str], None] | None = None,
    store: Store | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    engine=None,
    follow_symlinks: bool = False,
) -> IngestReport:
    """Read, deduplicate, extract and store documents; one transaction per document.

    :param paths: Files, folders or ``-`` for stdin.
    :param on_progress: Called with ``(origin, outcome)`` after each source.
    :param workers: Extract in this many local processes (1: in this process).
    :param scheduler: Extract on the Dask cluster at this address instead (``tcp://host:8786``).
    :param engine: An engine from :func:`receipts.runtime.engines.make_engine`, left open for the caller.
    :param follow_symlinks: Follow symlinks in folders that lead outside them.
    :returns: What was added, skipped as duplicate, or failed.
    """
    store = store or open_store(settings)
    own = engine is None
    from receipts.runtime.engines import make_engine  # loads spaCy: only when extraction runs

    engine = engine or make_engine(
        settings,
        _alias_files([p for p in paths if p != "-"]),
        workers=workers,
        scheduler=scheduler,
        embed=settings.embeddings,  # sentence vectors are made where the extraction runs, in parallel with it
    )  # before the run is recorded: a bad address stops here
    try:
        return _ingest(
            paths,
            settings,
            store,
            engine,
            overrides=overrides,
            batch_size=batch_size,
            on_progress=on_progress,
            follow_symlinks=follow_symlinks,
        )
    finally:
        if own:
            engine.close()


def _ingest(
    paths,
    settings: Settings,
    store: Store,
    engine,
    *,
    overrides,
    batch_size: int,
    on_progress,
    follow_symlinks: bool = False,
) -> IngestReport:
    report = IngestReport()
    with store.transaction() as s:
        report.run_id = repo.start_run(
            s,
            command="ingest",
            code_version=__version__,
            config_hash=settings.config_hash(),
            spacy_model=settings.spacy_model,
        )
    notify = on_progress or (lambda origin, outcome: None)
    seen_hashes: dict[str, str] = {}
    near = _near_duplicate_index(store, settings.near_duplicate_at)

    embeds = settings.embeddings and getattr(engine, "embed", False)  # else they are made here
    embedder = (
        make_embedder(
            True, settings.embedding_model, backend=settings.embedding_backend, cache_dir=settings.model_cache
        )
        if settings.embeddings and not embeds
        else None
    )

    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for item in read_sources(
            paths, limits=ReadLimits.from_settings(settings), overrides=overrides, follow_symlinks=follow_symlinks
        ):
            if isinstance(item, IngestFailure):
                _fail(store, report, item.origin, "ingest", str(item))
                notify(item.origin, "failed")
                continue
            digest = content_hash(item.text)
            with store.transaction() as s:
                existing = repo.find_document_by_hash(s, digest)
            if existing is not None or digest in seen_hashes:
                report.duplicates.append((item.origin, existing.id if existing else f"d_{digest[:12]}"))
                notify(item.origin, "duplicate")
                continue
            seen_hashes[digest] = item.origin
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    # Beside a SQLite file the vectors live in the vector file only (added once each batch has committed);
    # elsewhere (PostgreSQL) in the sentences' column.
    with_vectors = embeds or embedder is not None
    vector_file = SentenceIndex(store, None) if with_vectors and vector_path(store.url) else None

    def store_results(results: list) -> None:
        vectors: dict[int, list] = {}  # per result, (start, end, vector) for each sentence
        if embeds:  # made beside the extraction: (article, extraction, vectors) each
            made = [v for _, _, v in results]
            results = [(a, r) for a, r, _ in results]
            for i, ((_, r), rv) in enumerate(zip(results, made)):
                if rv is not None:
                    vectors[i] = [(s.span.start, s.span.end, v) for s, v in zip(r.sentences, rv)]
        elif embedder is not None:
            spans = [
                (i, s.span) for i, (_, r) in enumerate(results) if not isinstance(r, ReceiptsError) for s in r.sentences
            ]
            vecs = embedder.encode([span.text for _, span in spans]) if spans else []
            for (i, span), vec in zip(spans, vecs):
                vectors.setdefault(i, []).append((span.start, span.end, vec))
        fresh_vectors: dict[str, list] = {}
        for n, (article, result) in enumerate(results):
            digest = content_hash(article.text)
            if isinstance(result, ReceiptsError):
                _fail(store, report, article.origin, "extract", str(result))
                notify(article.origin, "failed")
                continue
            try:
                with store.transaction() as s:
                    existing = repo.find_document_by_hash(s, digest)
                    if existing is not None:
                        report.duplicates.append((article.origin, existing.id))
                        notify(article.origin, "duplicate")
                        continue
                    doc = repo.add_document(s, article, digest, report.run_id)
                    sig = signature(article.text)
                    hit = near.index.find(sig, near.published)
                    doc.minhash = sig
                    if hit is not None:
                        doc.near_duplicate_of = near.root.get(hit[0], hit[0])
                        doc.near_duplicate_score = hit[1]
                        report.near_duplicates.append((article.origin, doc.id, doc.near_duplicate_of, hit[1]))
                    if vector_file is None:
                        packed = [pack(v) for _, _, v in vectors.get(n, [])] if with_vectors else None
                        repo.replace_extraction(s, doc.id, result, report.run_id, packed)
                    else:
                        repo.replace_extraction(s, doc.id, result, report.run_id)
                        fresh_vectors[doc.id] = vectors.get(n, [])
                    report.added.append((article.origin, doc.id))
                    if result.partial:
                        report.partial.append((article.origin, doc.id, result.partial))
                        repo.add_run_error(s, report.run_id, article.origin, "partial", result.partial)
                near.index.add(doc.id, sig)
                near.published[doc.id] = article.published or ""
                if doc.near_duplicate_of:
                    near.root[doc.id] = doc.near_duplicate_of
                notify(article.origin, "added")
            except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, and the batch goes on
                message = (
                    str(exc)
                    if isinstance(exc, ReceiptsError)
                    else f"{article.origin}: cannot store: {exc.__class__.__name__}: {exc}"
                )
                _fail(store, report, article.origin, "store", message)
                notify(article.origin, "failed")
        if vector_file is not None:
            # After the commits, so the file never holds a row the store lacks; should this fail (or the
            # process die first), the next search embeds those sentences again.
            try:
                vector_file.add_vectors(fresh_vectors)
            except (OSError, ValueError) as exc:
                log.warning("sentence vectors not added to the vector file (the next search adds them): %s", exc)

    for _, results in engine.map(batches()):
        store_results(results)
    # the model is at hand here when this process embedded the sentences (not when worker processes did)
    at_hand = embedder or (loaded_embedder(settings.embedding_model) if settings.embeddings else None)
    if at_hand is not None and report.added:
        _cache_for_verify(settings, {doc_id for _, doc_id in report.added}, at_hand)
    with store.transaction() as s:
        repo.finish_run(
            s, report.run_id, documents=len(report.added), duplicates=len(report.duplicates), failed=len(report.failed)
        )
    return report


def _cache_for_verify(settings: Settings, documents: set[str], embedder: Embedder) -> None:
    """Embed what verification will search the new documents' claims and promises by, while the model is
    loaded (``verify --new`` then need not load it). A cache: should this fail, verification embeds them."""
    from receipts.app.verification import cache_search_vectors  # verification opens stores through this module

    try:
        cache_search_vectors(settings, documents, embedder.encode)
    except (ReceiptsError, OSError, sqlite3.Error) as exc:
        log.warning("query vectors not cached ahead of verification (it will embed them): %s", exc)


@dataclass
class _Near:
    index: NearDuplicates
    published: dict[str, object]  # doc id -> publication date, to prefer the earliest original
    root: dict[str, str]  # near-duplicate -> the document it republishes


def _near_duplicate_index(store: Store, threshold: float) -> _Near:
    """The stored documents' MinHash signatures in an LSH index; documents stored before signatures
    existed get one now (and keep it)."""
    from sqlalchemy import select

    near = _Near(NearDuplicates(threshold), {}, {})
    with store.transaction() as s:
        for doc in s.scalars(select(DocumentRow).options(undefer(DocumentRow.minhash))):
            if doc.minhash is None:
                doc.minhash = signature(doc.text)
            near.index.add(doc.id, doc.minhash)
            near.published[doc.id] = doc.published or ""
            if doc.near_duplicate_of:
                near.root[doc.id] = doc.near_duplicate_of
    return near


def _fail(store: Store, report: IngestReport, origin: str, stage: str, message: str) -> None:
    report.failed.append((origin, message))
    with store.transaction() as s:
        repo.add_run_error(s, report.run_id, origin, stage, message)


def reextract(
    settings: Settings,
    *,
    doc: str | None = None,
    store: Store | None = None,
    on_progress: Callable[[str, str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
) -> int:
    """Run extraction again over stored documents (after an upgrade or a settings change).

    :param on_progress: Called with ``(document id, "extracted")`` after each document.
    :param on_start: Called once with the number of documents to extract, before the first.
    :param workers: / :param scheduler: Where extraction runs, as for :func:`ingest`.
    """
    store = store or open_store(settings)
    from receipts.runtime.engines import make_engine  # loads spaCy: only when extraction runs

    engine = make_engine(settings, workers=workers, scheduler=scheduler)
    try:
        return _reextract(
            settings, store, engine, doc=doc, on_progress=on_progress, on_start=on_start, batch_size=batch_size
        )
    finally:
        engine.close()


def _reextract(settings: Settings, store: Store, engine, *, doc, on_progress, batch_size: int, on_start=None) -> int:
    with store.transaction() as s:
        rows = repo.list_documents(s, repo.Filters(doc=doc, limit=10**9))
        if doc:
            rows = [r for r in rows if r.id == doc]
        run_id = repo.start_run(
            s,
            command="extract",
            code_version=__version__,
            config_hash=settings.config_hash(),
            spacy_model=settings.spacy_model,
        )
        articles = [(r.id, Article(text=r.text, published=r.published, origin=r.id)) for r in rows]
    if on_start:
        on_start(len(articles))
    done = 0
    batches = [[a for _, a in articles[i : i + batch_size]] for i in range(0, len(articles), batch_size)]
    results = (pair for _, batch_results in engine.map(batches) for pair in batch_results)
    for (doc_id, _), (article, result) in zip(articles, results):
        if isinstance(result, ReceiptsError):
            with store.transaction() as s:
                repo.add_run_error(s, run_id, doc_id, "extract", str(result))
            continue
        with store.transaction() as s:
            repo.replace_extraction(s, doc_id, result, run_id)
            if result.partial:
                repo.add_run_error(s, run_id, doc_id, "partial", result.partial)
        done += 1
        if on_progress:
            on_progress(doc_id, "extracted")
    with store.transaction() as s:
        repo.finish_run(s, run_id, documents=done, duplicates=0, failed=len(articles) - done)
    return done


def analyze(path: str, settings: Settings, *, overrides: Overrides | None = None, store: Store | None = None) -> dict:
    """Ingest and extract one document and return its analysis as a JSON-ready dict.

    :raises IngestError: When the source cannot be read or holds no single document.
    """
    store = store or open_store(settings)
    report = ingest([path], settings, overrides=overrides, store=store)
    if report.failed:
        raise IngestError(report.failed[0][1])
    ids = [d for _, d in report.added] + [d for _, d in report.duplicates]
    if not ids:
        raise IngestError(f"{path}: no document found")
    with store.transaction() as s:
        result = document_json(s, ids[0])
    # a document stored before keeps the extraction it got then (ingest is idempotent)
    result["already_stored"] = not report.added
    return result


def parse_since(value: str | None) -> datetime | None:
    """Parse a ``--since`` value such as ``2026-06-01``."""
    return parse_published(value, origin="--since") if value else None
