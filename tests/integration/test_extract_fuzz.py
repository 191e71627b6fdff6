"""Fuzz extraction on a few generated texts: every stage finishes, and the rows can be stored."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receipts.config import Settings
from receipts.runtime.analyzer import Analyzer
from receipts.store import Store, repo
from receipts.types import Article, Extraction

pytestmark = pytest.mark.issue(16)

words = st.sampled_from(
    [
        "The",
        "minister",
        "said",
        '"We',
        "will",
        "build",
        "300",
        "homes",
        "by",
        'March,"',
        "Ana",
        "Lopez",
        "promised",
        "on",
        "Tuesday.",
        "&",
        "(",
        ")",
        "$4",
        "million",
        "vowed",
        "would",
        "according",
        "to",
        "officials",
        "\u201c",
        "\u201d",
        "\n\n",
        "?",
        "U.S.",
        "...",
        "'",
    ]
)
texts = st.one_of(
    st.lists(words, min_size=1, max_size=120).map(" ".join),
    st.text(min_size=1, max_size=300).filter(lambda t: t.strip()),
)


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    return Analyzer(Settings(database_url="sqlite:///:memory:", embeddings=False))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'r.db'}")
    store.migrate()
    return store


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=texts)
def test_fuzz_extract_then_store_generated_text(analyzer, store, text):
    from receipts.ingest import content_hash

    [(article, result)] = analyzer.extract([Article(text=text, origin="fuzz.txt")])
    assert isinstance(result, Extraction) and result.partial is None, result
    with store.transaction() as s:
        digest = content_hash(text)
        if repo.find_document_by_hash(s, digest) is None:
            doc = repo.add_document(s, article, digest, None)
            repo.replace_extraction(s, doc.id, result, None)
