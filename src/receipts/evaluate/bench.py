"""Throughput benchmarks: full extraction against bare spaCy on the same texts."""

from __future__ import annotations

import time
from pathlib import Path

from receipts.config import Settings
from receipts.errors import ConfigError
from receipts.ingest import IngestFailure, read_sources


def bench_extract(settings: Settings, *, corpus: Path, n: int = 500, repeat: int = 1) -> dict:
    """Time bare ``nlp.pipe`` and the full receipts pipeline over the corpus repeated to n articles.

    With ``repeat`` > 1 the two are timed alternately that many times each and the median of the
    per-round ratios is reported (with its range), so that a burst of load on a shared machine
    moves one round rather than the result.

    :raises ConfigError: When the corpus holds no readable article.
    """
    from statistics import median

    from receipts.extract.actors import AliasTable
    from receipts.runtime import load_nlp, process, to_extraction

    if repeat < 1:
        raise ConfigError(f"repeat must be at least 1, got {repeat}")
    articles = [a for a in read_sources([corpus]) if not isinstance(a, IngestFailure)]
    if not articles:
        raise ConfigError(f"{corpus}: no readable articles to benchmark")
    texts = [articles[i % len(articles)] for i in range(n)]
    words = sum(len(a.text.split()) for a in texts)
    bare = load_nlp(settings.spacy_model, stages=False)
    full = load_nlp(
        settings.spacy_model,
        claim_threshold=settings.claim_threshold,
        checkworthy_model=settings.checkworthy_model,
        attribution_model=settings.attribution_model,
    )
    aliases = AliasTable.load(settings.aliases_file, *(p for p in [corpus / "actors.yaml"] if p.is_file()))
    # Warm both pipelines so that neither pays for first-call set-up.
    list(bare.pipe([a.text for a in articles[:4]]))
    list(process(full, [(a.text, a.published) for a in articles[:4]], aliases=aliases))

    rounds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in bare.pipe((a.text for a in texts), batch_size=16):
            pass
        bare_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for doc in process(full, ((a.text, a.published) for a in texts), batch_size=16, aliases=aliases):
            to_extraction(doc)
        rounds.append((bare_s, time.perf_counter() - t0))
    ratios = [b / f for b, f in rounds]
    bare_s = median(b for b, _ in rounds)
    full_s = median(f for _, f in rounds)
    return {
        "articles": n,
        "words": words,
        "rounds": repeat,
        "bare_seconds": round(bare_s, 3),
        "full_seconds": round(full_s, 3),
        "bare_articles_per_s": n / bare_s,
        "bare_words_per_s": words / bare_s,
        "full_articles_per_s": n / full_s,
        "full_words_per_s": words / full_s,
        "ratio": median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }


_ACTORS = [
    "Governor Lina Marsh",
    "Mayor Tom Reyes",
    "Minister Paul Okoro",
    "Senator Maria Vance",
    "Chancellor Evi Rast",
    "the health office",
    "the transport authority",
    "the audit office",
    "the relief agency",
    "the city council",
]
_THINGS = ["nurses", "buses", "tents", "schools", "bridges", "trees", "homes", "clinics", "trucks", "wells"]
_PLACES = ["the northern valley", "the coast", "the capital", "the river towns", "the islands", "the border region"]
_VERBS = [
    ("hired", "had hired"),
    ("built", "had built"),
    ("delivered", "had delivered"),
    ("repaired", "had repaired"),
    ("opened", "had opened"),
    ("closed", "had closed"),
]


def synthetic_documents(n_sentences: int, *, per_doc: int = 20, seed: int = 11) -> list[dict]:
    """Invented news sentences about numbers of things done in places, grouped into dated documents."""
    import random
    from datetime import date, timedelta

    rng = random.Random(seed)
    docs, sentences = [], []
    for i in range(n_sentences):
        actor, thing, place = rng.choice(_ACTORS), rng.choice(_THINGS), rng.choice(_PLACES)
        verb, perfect = rng.choice(_VERBS)
        n = rng.choice([12, 40, 75, 100, 120, 200, 300, 500, 1200])
        form = rng.randrange(4)
        if form == 0:
            s = f"{actor[0].upper() + actor[1:]} said that {n} {thing} {perfect.split()[0]} been {verb} in {place}."
        elif form == 1:
            s = f"Records show that {n} {thing} were {verb} in {place} this year."
        elif form == 2:
            s = f"No {thing} have been {verb} in {place} so far, {actor} said."
        else:
            s = f'"We {verb} {n} {thing} in {place}," {actor} told reporters.'
        sentences.append(s)
    start = date(2026, 1, 1)
    for k in range(0, len(sentences), per_doc):
        docs.append(
            {
                "text": " ".join(sentences[k : k + per_doc]),
                "source": f"Synthetic Wire {k // per_doc % 7}",
                "published": (start + timedelta(days=k // per_doc % 300)).isoformat(),
                "title": f"synthetic {k}",
            }
        )
    return docs


def bench_verify(
    settings: Settings,
    *,
    sentences: int = 20000,
    claims: int = 20,
    articles: list[int] | None = None,
    folder: Path | None = None,
    vocabulary: Path | None = None,
    on_size=None,
) -> dict:
    """Time claim -> verdict over a store of synthetic sentences.

    ``on_size`` (with ``articles``) is called with each size's row as soon as it is measured: a store
    of 20,000 articles takes long to grow, and what was measured on the way is worth seeing.

    Without ``articles``: ingest ``sentences`` synthetic sentences (the whole pipeline) into a temporary
    store, then time ``claims`` claims. With ``articles`` (increasing store sizes): grow one store of
    synthetic articles through those sizes (see ``_verify_growth``) and, at each, time ``verify --new``
    after one more article and the latency of ``claims`` claims; the growth ratios come with them.
    """
    if articles:
        return _verify_growth(
            settings,
            sizes=articles,
            claims=claims,
            folder=folder or Path("bench-verify"),
            vocabulary=vocabulary,
            on_size=on_size,
        )
    import json
    import tempfile

    from receipts.app import services, verification
    from receipts.app.queries import list_items, sentence_index

    with tempfile.TemporaryDirectory() as tmp:
        local = settings.model_copy(update={"database_url": f"sqlite:///{tmp}/bench.db"})
        src = Path(tmp) / "synthetic.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in synthetic_documents(sentences)))
        t0 = time.perf_counter()
        report = services.ingest([str(src)], local, batch_size=32)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = sentence_index(local)
        index_s = time.perf_counter() - t0
        stored = len(index.items)
        items = list_items(local, "claims", limit=10**9)
        picks = items[:: max(1, len(items) // claims)][:claims]
        verifier = verification.make_verifier(local)
        latencies = []
        for c in picks:
            t0 = time.perf_counter()
            verification.verify_claims(local, claim_id=c["id"], verifier=verifier)
            latencies.append(time.perf_counter() - t0)
    latencies.sort()
    return {
        "sentences": stored,
        "documents": len(report.added),
        "claims_timed": len(latencies),
        "ingest_seconds": round(ingest_s, 2),
        "ingest_sentences_per_s": round(stored / ingest_s, 1),
        "index_load_seconds": round(index_s, 2),
        **_percentiles(latencies),
        "nli": verifier.nli.method if verifier.nli is not None else "none (rules only)",
    }


def _percentiles(latencies: list[float]) -> dict:
    import statistics

    latencies = sorted(latencies)
    if not latencies:
        return {"latency_median_s": None, "latency_p95_s": None, "latency_max_s": None}
    return {
        "latency_median_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
        "latency_max_s": round(latencies[-1], 3),
    }


# Claims per synthetic article in the growth benchmark: the sentences whose id ends in one of these (about
# 1 in 8, 2.5 per article of 20 sentences; the 84 real PolNeAR dev articles have 9 claims each, 38 sentences).
_CLAIM_ENDINGS = ("0", "1")


def _verify_growth(
    settings: Settings, *, sizes: list[int], claims: int, folder: Path, vocabulary: Path | None, on_size=None
) -> dict:
    """Grow one store of synthetic articles through ``sizes`` and time verification at each size.

    The articles are those of ``bench search`` (20 sentences of words drawn from real news frequencies,
    random unit vectors), about one sentence in eight stored as a claim (searched for by its sentence's
    vector, as a real claim that is a whole sentence is). At each size: ``verify --new`` after one more
    article (everything verification does for it: claims, contradictions, promises, repeated claims),
    then the latency of ``claims`` claims verified one by one, and from it the time a whole run would take
    (stored claims x median latency: verifying every claim from scratch is not run at the larger sizes).

    :raises ConfigError: When sizes are not increasing positive numbers.
    """
    import numpy as np

    from receipts.app import verification
    from receipts.app.index import vector_path
    from receipts.app.queries import sentence_index
    from receipts.app.verifycache import cache_path, verify_cache
    from receipts.store import Store

    if not sizes or any(b <= a for a, b in zip([0, *sizes], sizes)):
        raise ConfigError(f"sizes must be increasing positive numbers, got {sizes}")
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "verify-bench.db"
    url = f"sqlite:///{db}"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), vector_path(url), cache_path(url)):
        stale.unlink(missing_ok=True)
    local = settings.model_copy(update={"database_url": url})
    store = Store(url)
    store.migrate()
    words, weights = _word_frequencies(vocabulary)
    rng = np.random.default_rng(18)
    cache = verify_cache(url, embedding_model=settings.embedding_model)
    verifier = verification.make_verifier(local)

    def grow(first: int, count: int) -> list[str]:
        _add_synthetic_articles(store, rng, words, weights, first=first, count=count)
        with store.engine.begin() as conn:
            last = conn.exec_driver_sql("SELECT id FROM documents WHERE title = ?", (f"Article {first + count - 1}",))
            new = [r[0] for r in last]
            conn.exec_driver_sql(
                'INSERT INTO claims (score, id, document_id, start, "end", method) '
                "SELECT 0.9, 'c_' || substr(id, 3), document_id, start, \"end\", 'claims.bench.v1' "
                "FROM sentences WHERE substr(id, -1) IN (%s) AND rowid > ?" % ",".join("?" * len(_CLAIM_ENDINGS)),
                (*_CLAIM_ENDINGS, grow.rowid),
            )
            grow.rowid = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM sentences").scalar()
        return new

    grow.rowid = 0
    rows, stored = [], 0
    for size in sizes:
        t0 = time.perf_counter()
        grow(stored, size - stored)
        build_s = time.perf_counter() - t0
        stored = size
        sentence_index(local)  # the vector file catches up before the clock starts
        with store.engine.connect() as conn:
            n_claims = conn.exec_driver_sql("SELECT count(*) FROM claims").scalar()
            picks = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM claims ORDER BY id LIMIT ? OFFSET ?", (claims, max(0, n_claims // 3))
                )
            ]
        # verify --new after one more article: mark what is stored as checked, then add the article
        verification.verify_all(local, documents=set())
        new = grow(stored, 1)
        stored += 1
        t0 = time.perf_counter()
        result = verification.verify_all(local, documents=set(new))
        new_s = time.perf_counter() - t0
        latencies = []
        for claim_id in picks:
            t0 = time.perf_counter()
            verification.verify_claims(local, claim_id=claim_id, verifier=verifier)
            latencies.append(time.perf_counter() - t0)
        row = {
            "articles": size,
            "sentences": size * SENTENCES_PER_ARTICLE,
            "claims": n_claims,
            "build_s": round(build_s, 1),
            "verify_new_s": round(new_s, 2),
            "verify_new_claims": len(result["verdicts"]),
            **_percentiles(latencies),
        }
        row["full_verify_estimate_s"] = round(n_claims * row["latency_median_s"], 1) if latencies else None
        rows.append(row)
        if on_size is not None:
            on_size(dict(row))
    first = rows[0]
    for row in rows:
        scale = row["articles"] / first["articles"]
        row["size_ratio"] = round(scale, 1)
        row["verify_new_ratio"] = round(row["verify_new_s"] / first["verify_new_s"], 2)
        if row["latency_median_s"] and first["latency_median_s"] and first["claims"]:
            row["latency_ratio"] = round(row["latency_median_s"] / first["latency_median_s"], 2)
            # from the unrounded estimates: a tiny store's whole-store estimate can round to 0.0 s
            row["full_verify_ratio"] = round(
                (row["claims"] * row["latency_median_s"]) / (first["claims"] * first["latency_median_s"]), 1
            )
    cache_bytes = cache.size()
    return {
        "sizes": rows,
        "claims_timed": claims,
        "verify_cache_bytes_per_article": round(
            (cache_bytes["parses_bytes"] + cache_bytes["vectors_bytes"]) / max(stored, 1)
        ),
        "nli": verifier.nli.method if verifier.nli is not None else "none (rules only)",
    }


def bench_ingest(
    settings: Settings,
    *,
    corpus: Path,
    documents: int = 84,
    workers: tuple[int, ...] = (1, 2),
    scheduler: str | None = None,
) -> dict:
    """End-to-end ingest of real articles against bare spaCy ``nlp.pipe`` on the same texts.

    Each worker count ingests the same articles into a fresh SQLite store (extraction, sentence vectors,
    the store and the vector file: everything ``receipts ingest`` does), timed after every worker has
    loaded its models. Reports articles/s and words/s, the ratio to bare spaCy's words/s in one process,
    the speed-up over the first worker count and the per-worker efficiency, and the stored bytes per
    article (the database and its vector file; verification's cache, which can be deleted, apart), as
    ingest leaves them and after ``receipts compact``.

    :param corpus: PolNeAR JSONL (``.jsonl`` or ``.jsonl.gz``, one article a line) or a folder of articles.
    :param workers: Worker counts to time (1: in this process).
    :param scheduler: Time this Dask cluster instead of local processes (for counts above 1).
    :raises ConfigError: When the corpus holds no readable article or a count is below 1.
    """
    import tempfile

    from receipts.app import services
    from receipts.runtime import load_nlp
    from receipts.runtime.engines import make_engine

    if documents < 1 or not workers or min(workers) < 1:
        raise ConfigError(f"need at least 1 document and worker counts of at least 1, got {documents}, {workers}")
    out: dict = {"corpus": str(corpus), "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        src = _corpus_jsonl(corpus, Path(tmp) / "articles.jsonl", documents)
        articles = [a for a in read_sources([src]) if not isinstance(a, IngestFailure)]
        if not articles:
            raise ConfigError(f"{corpus}: no readable articles to benchmark")
        words = sum(len(a.text.split()) for a in articles)
        out.update(articles=len(articles), words=words)

        bare = load_nlp(settings.spacy_model, stages=False)
        list(bare.pipe([a.text for a in articles[:4]]))  # first-call set-up off the clock
        t0 = time.perf_counter()
        for _doc in bare.pipe((a.text for a in articles), batch_size=16):
            pass
        bare_s = time.perf_counter() - t0
        out.update(bare_seconds=round(bare_s, 3), bare_articles_per_s=len(articles) / bare_s)
        out["bare_words_per_s"] = words / bare_s
        del bare

        warm = articles[:2]
        for n in workers:
            local = settings.model_copy(update={"database_url": f"sqlite:///{tmp}/w{n}.db"})
            engine = make_engine(local, workers=n, scheduler=scheduler if n > 1 else None, embed=local.embeddings)
            try:
                for _ in engine.map([[a] for a in warm * n]):  # every worker loads its models before the clock
                    pass
                t0 = time.perf_counter()
                report = services.ingest([str(src)], local, engine=engine)
                seconds = time.perf_counter() - t0
            finally:
                engine.close()
            stored = _stored_bytes(local.database_url)
            compacted = services.open_store(local).compact()["bytes_after"] or 0
            added = len(report.added)
            out["runs"].append(
                {
                    "workers": n,
                    "engine": engine.name,
                    "seconds": round(seconds, 3),
                    "articles": added,
                    "articles_per_s": added / seconds,
                    "words_per_s": words / seconds,
                    "ratio_to_bare": (words / seconds) / out["bare_words_per_s"],
                    "bytes_per_article": stored["store"] / max(added, 1),
                    "cache_bytes_per_article": stored["cache"] / max(added, 1),
                    "compacted_bytes_per_article": compacted / max(added, 1),
                    "failed": len(report.failed),
                }
            )
    first = out["runs"][0]
    for run in out["runs"]:
        run["speedup"] = first["seconds"] / run["seconds"]
        run["efficiency"] = run["speedup"] * first["workers"] / run["workers"]
    return out


def _corpus_jsonl(corpus: Path, into: Path, limit: int) -> Path:
    """Write up to ``limit`` articles of a PolNeAR JSONL file as ingest JSONL (text, source, title, date)."""
    import gzip
    import json

    if corpus.is_dir():
        return corpus if limit >= sum(1 for _ in read_sources([corpus])) else _folder_jsonl(corpus, into, limit)
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh, open(into, "w", encoding="utf-8") as sink:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            row = json.loads(line)
            meta = row.get("meta") or {}
            sink.write(
                json.dumps(
                    {
                        "text": row["text"],
                        "source": meta.get("publisher") or row.get("source"),
                        "title": meta.get("title") or row.get("title"),
                        "published": meta.get("publication_date") or row.get("published"),
                    }
                )
                + "\n"
            )
    return into


def _folder_jsonl(folder: Path, into: Path, limit: int) -> Path:
    import json

    with open(into, "w", encoding="utf-8") as sink:
        for n, a in enumerate(x for x in read_sources([folder]) if not isinstance(x, IngestFailure)):
            if n >= limit:
                break
            published = a.published.isoformat() if a.published else None
            sink.write(
                json.dumps({"text": a.text, "source": a.source, "title": a.title, "published": published}) + "\n"
            )
    return into


def _stored_bytes(url: str) -> dict[str, int]:
    """Bytes a SQLite store takes on disk (database, write-ahead log, vector file), and its verify cache."""
    import sqlite3

    db = Path(url.removeprefix("sqlite:///"))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = {
        name: p.stat().st_size
        for name in ("", "-wal", "-vectors", "-verify-cache", "-verify-cache-wal")
        if (p := Path(f"{db}{name}")).exists()
    }
    return {
        "store": size.get("", 0) + size.get("-wal", 0) + size.get("-vectors", 0),
        "cache": size.get("-verify-cache", 0),
    }


SERVE_READS = (
    "/api/claims",
    "/api/claims/{claim}",
    "/api/documents",
    "/api/actors",
    "/api/promises",
    "/api/verdicts",
    "/claims",
)
SERVE_WRITE = "/api/claims/{claim}/review"


def bench_serve(
    settings: Settings,
    *,
    clients: tuple[int, ...] = (1, 4, 16, 64),
    seconds: float = 5.0,
    write_every: int = 10,
    workers: int | None = None,
    startup_s: float = 120.0,
) -> dict:
    """Serve the store on loopback and drive bounded concurrent clients over the main reads and the review write.

    A SQLite store is copied first, so the reviews the benchmark writes never reach the newsroom's
    data; any other database is used as it is (point it at a scratch database). The server is the
    real ``receipts serve`` in its own processes, on a free port of 127.0.0.1. Every worker answers
    every endpoint once before the clock starts, so no level pays for another's first requests.

    Each level also reports the CPU time the server processes and the clients spent per request,
    and how many cores that kept busy: one client keeps about one core busy (it waits for each
    answer), so on a machine of N cores many clients can read at most about N times as fast, less
    what contention adds to each request's CPU.

    :param clients: Concurrency levels, each run for ``seconds``.
    :param write_every: Every client makes each n-th request a review write (0: reads only).
    :param workers: Server processes (``receipts serve --workers``); default one per core, at most 8.
    :returns: Per level and endpoint: requests, req/s, p50 and p99 in ms, errors; per level the CPU
        figures; and the ratio of read throughput at 16 clients to that at 1 (when both levels ran).
    :raises ConfigError: On bad levels, a store without claims, or a server that does not start.
    """
    import os
    import secrets
    import sqlite3
    import tempfile

    from receipts.app import newsroom, review

    workers = workers or min(os.cpu_count() or 1, 8)
    if not clients or any(not 1 <= n <= 256 for n in clients):
        raise ConfigError(f"client levels must each be between 1 and 256, got {list(clients)}")
    if seconds <= 0:
        raise ConfigError(f"seconds must be positive, got {seconds}")
    with tempfile.TemporaryDirectory(prefix="receipts-bench-") as tmp:
        url = settings.database_url
        if url.startswith("sqlite:///"):
            source = sqlite3.connect(url.removeprefix("sqlite:///"))
            target = sqlite3.connect(f"{tmp}/bench.db")
            source.backup(target)  # the store runs in WAL mode: copying the file could miss pages
            source.close()
            target.close()
            url = f"sqlite:///{tmp}/bench.db"
        local = settings.model_copy(update={"database_url": url})
        first = newsroom.claims(local, newsroom.Page(limit=1))["items"]
        if not first:
            raise ConfigError(
                f"{settings.database_url}: no claims to read; run 'receipts ingest' and 'receipts verify' first"
            )
        token = review.add_user(local, f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(16))
        with _served(url, Path(tmp) / "server.log", startup_s, workers) as server:
            # warm every worker (routes, templates, compiled queries) with a few connections each
            _drive(server.port, 4 * workers, min(seconds, 2.0), claim=first[0]["id"], token=token, write_every=0)
            levels = [
                _measured(server, n, seconds, claim=first[0]["id"], token=token, write_every=write_every)
                for n in clients
            ]
        log = (Path(tmp) / "server.log").read_text(errors="replace")
    reads = {lv["clients"]: lv["reads_per_s"] for lv in levels}
    return {
        "store": settings.database_url,
        "seconds": seconds,
        "workers": workers,
        "cores": os.cpu_count(),
        "levels": levels,
        "read_ratio_16_1": reads[16] / reads[1] if reads.get(1) and 16 in reads else None,
        "server_tracebacks": log.count("Traceback (most recent call last)"),
    }


class _served:
    """``receipts serve`` on a free loopback port in a child process, stopped on exit."""

    def __init__(self, url: str, log: Path, startup_s: float, workers: int = 1) -> None:
        self.url, self.log, self.startup_s, self.workers = url, log, startup_s, workers

    def __enter__(self) -> _served:
        import os
        import secrets
        import socket
        import subprocess
        import sys
        import urllib.request

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = dict(os.environ, RECEIPTS_DATABASE_URL=self.url, RECEIPTS_SECRET_KEY=secrets.token_urlsafe(32))
        self.out = self.log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from receipts.cli.main import app; app()",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(self.workers),
            ],
            env=env,
            stdout=self.out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + self.startup_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.__exit__()
                raise ConfigError(
                    f"the server exited with {self.proc.returncode}: {self.log.read_text(errors='replace')[-2000:]}"
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/claims?limit=1", timeout=5):
                    self.port = port
                    return self
            except OSError:
                time.sleep(0.25)
        self.__exit__()
        raise ConfigError(f"the server did not answer on 127.0.0.1:{port} within {self.startup_s:.0f} s")

    def __exit__(self, *exc) -> None:
        import subprocess

        self.proc.terminate()  # uvicorn's supervisor stops its workers too
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.out.close()

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the server and its worker processes (None where /proc is missing)."""
        return _tree_cpu_seconds(self.proc.pid)


def _tree_cpu_seconds(root: int) -> float | None:
    """User and system CPU seconds of a process and its descendants, from Linux's /proc."""
    import os

    proc = Path("/proc")
    if not (proc / str(root) / "stat").is_file():
        return None
    stats: dict[int, list[str]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:  # the command name may hold spaces and parentheses: the fields start after the last ')'
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # a process that ended while we looked
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, f in stats.items() if int(f[1]) in tree} - tree
        tree |= more
        grew = bool(more)
    # utime and stime, and cutime and cstime: a worker that ended and was waited for still counts
    ticks = sum(sum(int(x) for x in stats[pid][11:15]) for pid in tree if pid in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def _measured(server: _served, n: int, seconds: float, **drive) -> dict:
    """One level of :func:`_drive`, with the CPU the server and the clients spent and the machine's load."""
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    server_0, client_0 = server.cpu_seconds(), time.process_time()
    level = _drive(server.port, n, seconds, **drive)
    server_1, client_1 = server.cpu_seconds(), time.process_time()
    requests = max(level["requests"], 1)
    client_s = client_1 - client_0  # the clients are the only busy threads of this process meanwhile
    level["client_cpu_ms"] = round(1000 * client_s / requests, 2)
    level["load_average"] = round(load, 2) if load is not None else None
    if server_0 is None or server_1 is None:
        level["server_cpu_ms"] = level["cores_busy"] = None
    else:
        level["server_cpu_ms"] = round(1000 * (server_1 - server_0) / requests, 2)
        level["cores_busy"] = round((server_1 - server_0 + client_s) / level["seconds"], 2)
    return level


def _drive(port: int, n: int, seconds: float, *, claim: str, token: str, write_every: int) -> dict:
    """Run n client threads for the given seconds; each keeps one connection and cycles through the endpoints."""
    import http.client
    import json
    import threading

    body = json.dumps({"label": "SUPPORTED", "rationale": "load benchmark review"})
    write_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    samples: list[list[tuple[str, float, bool]]] = [[] for _ in range(n)]
    start = threading.Barrier(n + 1)
    stop_at: list[float] = []

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, i = samples[k], k
        start.wait()
        while time.perf_counter() < stop_at[0]:
            i += 1
            write = write_every > 0 and i % write_every == 0
            name = SERVE_WRITE if write else SERVE_READS[i % len(SERVE_READS)]
            path = name.replace("{claim}", claim)
            t0 = time.perf_counter()
            try:
                if write:
                    conn.request("POST", path, body=body, headers=write_headers)
                else:
                    conn.request("GET", path + ("?limit=20" if path.startswith("/api/") and "{" not in name else ""))
                response = conn.getresponse()
                response.read()
                ok = 200 <= response.status < 300
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((name, time.perf_counter() - t0, ok))
        conn.close()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(n)]
    for t in threads:
        t.start()
    stop_at.append(time.perf_counter() + seconds)
    t0 = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return _level_stats(n, elapsed, [s for mine in samples for s in mine])


def _level_stats(n: int, elapsed: float, samples: list[tuple[str, float, bool]]) -> dict:
    def pct(values: list[float], q: float) -> float:
        return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1) if values else 0.0

    endpoints = {}
    for name in (*SERVE_READS, SERVE_WRITE):
        mine = sorted(t for e, t, _ in samples if e == name)
        if mine:
            endpoints[name] = {
                "requests": len(mine),
                "per_s": round(len(mine) / elapsed, 1),
                "p50_ms": pct(mine, 0.5),
                "p99_ms": pct(mine, 0.99),
                "errors": sum(1 for e, _, ok in samples if e == name and not ok),
            }
    reads = sum(1 for e, _, ok in samples if e != SERVE_WRITE and ok)  # throughput counts answers, not errors
    return {
        "clients": n,
        "seconds": round(elapsed, 2),
        "endpoints": endpoints,
        "reads_per_s": round(reads / elapsed, 1),
        "requests": len(samples),
        "errors": sum(1 for _, _, ok in samples if not ok),
    }


SEARCH_QUERIES = (
    "president said the election",
    "government officials denied the report",
    "congress vote on the health care bill",
    "police shooting investigation",
    "economy jobs tax plan",
)
SENTENCES_PER_ARTICLE = 20


def bench_search(
    settings: Settings,
    *,
    sizes: list[int],
    folder: Path,
    vocabulary: Path | None = None,
    hybrid: bool = True,
    cold_runs: int = 3,
    on_size=None,
) -> list[dict]:
    """Grow one store of synthetic articles through ``sizes`` and time search at each size.

    ``on_size`` is called with each size's row as soon as it is measured (a 100k store takes long to grow).

    Articles are 20 sentences of words drawn from the word frequencies of real news (the PolNeAR texts
    when ``vocabulary`` is given, else the repository's example stories), with random unit vectors: the
    latency of the index, not the quality of results, is measured. Cold: a fresh ``receipts search``
    process (Python start, imports, opening the index, one query); the OS file cache is warm, as it is on
    a server. Warm: the same query again in this process.

    :param folder: Where the store is built (it can grow to gigabytes); it is reused and extended.
    :raises ConfigError: When sizes are not increasing positive numbers.
    """
    import os
    import statistics
    import subprocess
    import sys

    import numpy as np

    from receipts.app.index import SentenceIndex, vector_path
    from receipts.retrieve.dense import make_embedder
    from receipts.store import Store

    if not sizes or any(b <= a for a, b in zip([0, *sizes], sizes)):
        raise ConfigError(f"sizes must be increasing positive numbers, got {sizes}")
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "search-bench.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), vector_path(f"sqlite:///{db}")):
        stale.unlink(missing_ok=True)
    store = Store(f"sqlite:///{db}")
    store.migrate()
    words, weights = _word_frequencies(vocabulary)
    rng = np.random.default_rng(18)
    embedder = (
        make_embedder(
            settings.embeddings,
            settings.embedding_model,
            backend=settings.embedding_backend,
            cache_dir=settings.model_cache,
        )
        if hybrid
        else None
    )
    results, stored = [], 0
    for size in sizes:
        t0 = time.perf_counter()
        _add_synthetic_articles(store, rng, words, weights, first=stored, count=size - stored)
        build_s = time.perf_counter() - t0
        stored = size
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        index = SentenceIndex(store, embedder)
        t0 = time.perf_counter()
        index.refresh()  # the first search after the ingest appends the new vectors to the vector file
        catch_up_s = time.perf_counter() - t0
        vec_bytes = vector_path(store.url).stat().st_size if vector_path(store.url).exists() else 0
        db_bytes = sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())
        row = {
            "articles": size,
            "sentences": size * SENTENCES_PER_ARTICLE,
            "build_s": round(build_s, 1),
            "catch_up_s": round(catch_up_s, 2),
            "db_bytes_per_article": round(db_bytes / size),
            "vector_bytes_per_article": round(vec_bytes / size),
            "bytes_per_article": round((db_bytes + vec_bytes) / size),
        }
        modes = [("lexical", False)] + ([("hybrid", True)] if embedder is not None else [])
        for mode, embeddings in modes:
            env = {**os.environ, "RECEIPTS_EMBEDDINGS": "true" if embeddings else "false", "HF_HUB_OFFLINE": "1"}
            cold = []
            for run in range(cold_runs):
                query = SEARCH_QUERIES[run % len(SEARCH_QUERIES)]
                t0 = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-c", "import sys; from receipts.cli.main import app; app(sys.argv[1:])"]
                    + ["search", query, "--db", str(db), "--json"],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                cold.append(time.perf_counter() - t0)
            searcher = index if embeddings else SentenceIndex(store, None)
            warm = []
            for query in SEARCH_QUERIES:
                searcher.search_relevant(query, k=10)  # the first run loads the pages; time the second
                t0 = time.perf_counter()
                searcher.search_relevant(query, k=10)
                warm.append(time.perf_counter() - t0)
            row[f"{mode}_cold_s"] = round(statistics.median(cold), 3)
            row[f"{mode}_warm_ms"] = round(1000 * statistics.median(warm), 1)
        results.append(row)
        if on_size is not None:
            on_size(dict(row))
    store.dispose()
    for before, after in zip(results, results[1:]):
        after["growth"] = round(after["articles"] / before["articles"], 1)
        for key in ("lexical_cold_s", "lexical_warm_ms", "hybrid_cold_s", "hybrid_warm_ms", "bytes_per_article"):
            if before.get(key) and key in after:
                after[f"{key}_ratio"] = round(after[key] / before[key], 2)
    return results


def _word_frequencies(vocabulary: Path | None):
    """Return words and their probabilities from real news text (PolNeAR JSONL or the example stories)."""
    import gzip
    import json
    import re
    from collections import Counter

    import numpy as np

    counts: Counter[str] = Counter()
    if vocabulary is not None:
        opener = gzip.open if vocabulary.suffix == ".gz" else open
        with opener(vocabulary, "rt", encoding="utf-8") as fh:
            for line in fh:
                counts.update(re.findall(r"[A-Za-z][A-Za-z'-]+|\d+", json.loads(line).get("text", "")))
    else:
        for path in sorted((Path(__file__).resolve().parents[3] / "examples").rglob("*.md")):
            counts.update(re.findall(r"[A-Za-z][A-Za-z'-]+|\d+", path.read_text(encoding="utf-8")))
    if not counts:
        raise ConfigError(f"no words to draw synthetic articles from ({vocabulary or 'examples/'})")
    words = list(counts)
    freq = np.array([counts[w] for w in words], dtype=np.float64)
    return words, freq / freq.sum()


def _add_synthetic_articles(store, rng, words, weights, *, first: int, count: int, batch: int = 1000) -> None:
    """Insert ``count`` synthetic articles straight into the store (the index triggers still run), and their
    vectors into the vector file after each batch commits, as ingest does (the store keeps no copy)."""
    import datetime as dt
    import hashlib

    import numpy as np

    from receipts.app.index import SentenceIndex

    index = SentenceIndex(store, None)

    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    vocab = np.array(words, dtype=object)
    for lo in range(first, first + count, batch):
        n = min(batch, first + count - lo)
        lengths = rng.integers(12, 36, size=n * SENTENCES_PER_ARTICLE)
        drawn = vocab[rng.choice(len(words), size=int(lengths.sum()), p=weights)]
        vecs = rng.standard_normal((len(lengths), 384)).astype(np.float32)
        vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float16)
        docs, sents, at = [], [], 0
        doc_vectors: dict[str, list] = {}
        for a in range(n):
            texts, offsets, pos = [], [], 0
            for s in range(SENTENCES_PER_ARTICLE):
                i = a * SENTENCES_PER_ARTICLE + s
                text = " ".join(drawn[at : at + lengths[i]]).capitalize() + "."
                at += lengths[i]
                texts.append(text)
                offsets.append((pos, pos + len(text)))
                pos += len(text) + 1
            body = " ".join(texts)
            digest = hashlib.sha256(f"bench-{lo + a}".encode()).hexdigest()
            doc_id = f"d_{digest[:12]}"
            docs.append((doc_id, digest, f"Article {lo + a}", "bench", "text", body, len(body.split()), now))
            for s, (text, (start, end)) in enumerate(zip(texts, offsets)):
                sid = "s_" + hashlib.sha1(f"{doc_id}:{start}".encode()).hexdigest()[:12]
                sents.append((sid, doc_id, start, end, "sentences.bench.v1"))  # text: read from the document
                doc_vectors.setdefault(doc_id, []).append((start, end, vecs[a * SENTENCES_PER_ARTICLE + s]))
        with store.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB: random sentence ids touch the whole index
            conn.exec_driver_sql(
                "INSERT INTO documents (id, content_hash, title, origin, content_type, text, words, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                docs,
            )
            conn.exec_driver_sql(
                'INSERT INTO sentences (id, document_id, start, "end", method) VALUES (?, ?, ?, ?, ?)',
                sents,
            )
        index.add_vectors(doc_vectors)
