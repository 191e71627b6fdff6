"""Batched, overlapped processing must give the same extraction as one document at a time."""

from datetime import date
from pathlib import Path

import pytest

from receipts.config import Settings
from receipts.ingest import IngestFailure, read_sources
from receipts.runtime import process, to_extraction

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _summary(doc):
    ext = to_extraction(doc)
    return (
        [(q.content.start, q.content.end, q.speaker.name if q.speaker else None) for q in ext.quotes],
        [(c.span.start, c.span.end, c.score) for c in ext.claims],
    )


def test_batches_of_three_match_single_documents(nlp):
    articles = [a for a in read_sources([EXAMPLES]) if not isinstance(a, IngestFailure)][:7]
    assert len(articles) >= 5
    pairs = [(a.text, a.published or date(2026, 7, 3)) for a in articles]
    batched = [_summary(d) for d in process(nlp, pairs, batch_size=3)]
    single = [_summary(next(process(nlp, [p], batch_size=1))) for p in pairs]
    assert batched == single
    assert any(quotes for quotes, _ in batched) and any(claims for _, claims in batched)


def test_a_sentence_keeps_its_closing_quotation_mark(nlp):
    text = (
        '"We promised to bring them home," Kessler said, "and today already 200 have been sent back."\n\n'
        "The agency disagreed."
    )
    doc = next(process(nlp, [(text, date(2026, 6, 20))]))
    sentences = [s.span.text for s in to_extraction(doc).sentences]
    assert sentences[0].endswith('sent back."') and sentences[-1] == "The agency disagreed."


@pytest.mark.issue(18)
def test_an_articles_extraction_does_not_depend_on_the_batch_size():
    from receipts.runtime import pipeline
    from receipts.runtime.analyzer import Analyzer

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.md"))[:6]]
    analyzer = Analyzer(Settings())
    analyzer.warm_up()

    def run(size: int) -> list[str]:
        docs = pipeline.process(analyzer._nlp, [(t, None) for t in texts], batch_size=size)
        return [repr(pipeline.to_extraction(d)) for d in docs]

    assert run(1) == run(4) == run(16)
