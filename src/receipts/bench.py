"""Throughput benchmarks: full extraction against bare spaCy on the same texts."""

from __future__ import annotations

import time
from pathlib import Path

from receipts.config import Settings
from receipts.errors import ConfigError
from receipts.ingest import IngestFailure, read_sources


def bench_extract(settings: Settings, *, corpus: Path, n: int = 500) -> dict:
    """Time bare ``nlp.pipe`` and the full receipts pipeline over the corpus repeated to n articles.

    :raises ConfigError: When the corpus holds no readable article.
    """
    from receipts.extract.actors import AliasTable
    from receipts.nlp import load_nlp, process, to_extraction

    articles = [a for a in read_sources([corpus]) if not isinstance(a, IngestFailure)]
    if not articles:
        raise ConfigError(f"{corpus}: no readable articles to benchmark")
    texts = [articles[i % len(articles)] for i in range(n)]
    words = sum(len(a.text.split()) for a in texts)
    bare = load_nlp(settings.spacy_model, stages=False)
    full = load_nlp(settings.spacy_model, claim_threshold=settings.claim_threshold,
                    checkworthy_model=settings.checkworthy_model)
    aliases = AliasTable.load(settings.aliases_file, *(p for p in [corpus / "actors.yaml"] if p.is_file()))
    # Warm both pipelines so that neither pays for first-call set-up.
    list(bare.pipe([a.text for a in articles[:4]]))
    list(process(full, [(a.text, a.published) for a in articles[:4]], aliases=aliases))

    t0 = time.perf_counter()
    for _ in bare.pipe((a.text for a in texts), batch_size=16):
        pass
    bare_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in process(full, ((a.text, a.published) for a in texts), batch_size=16, aliases=aliases):
        to_extraction(doc)
    full_s = time.perf_counter() - t0
    return {
        "articles": n, "words": words,
        "bare_seconds": round(bare_s, 3), "full_seconds": round(full_s, 3),
        "bare_articles_per_s": n / bare_s, "bare_words_per_s": words / bare_s,
        "full_articles_per_s": n / full_s, "full_words_per_s": words / full_s,
        "ratio": bare_s / full_s,
    }
