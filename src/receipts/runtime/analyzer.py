"""The analyzer: one spaCy pipeline of receipts stages per process, loaded on first use."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from receipts.config import Settings
from receipts.errors import ExtractionError, ReceiptsError
from receipts.extract.actors import AliasTable
from receipts.nlp.limits import estimate_sentences, time_limit
from receipts.runtime.pipeline import load_nlp, process, process_guarded, to_extraction
from receipts.types import Article


class Analyzer:
    """Holds the spaCy pipeline; loads it on first use.

    Example::

        analyzer = Analyzer(settings)
        extraction = analyzer.extract_one(article)
    """

    def __init__(self, settings: Settings, extra_aliases: Iterable[Path] = ()) -> None:
        self.settings = settings
        self.extra_aliases = [p for p in extra_aliases]
        self._nlp = None
        self._aliases = None

    def warm_up(self) -> None:
        if self._nlp is None:
            st = self.settings
            self._nlp = _cached_nlp(
                st.spacy_model,
                st.claim_threshold,
                st.checkworthy_model,
                st.attribution_model,
                (st.max_document_chars, st.max_sentence_chars, st.max_sentences),
            )
            self._aliases = AliasTable.load(self.settings.aliases_file, *self.extra_aliases)

    def extract(self, articles: list[Article]) -> Iterator[tuple[Article, object]]:
        """Yield ``(article, Extraction | ExtractionError)`` in order; one bad article does not stop the rest.

        The batch runs through the pipeline at once, within one time budget. When it fails or runs
        out of time, each article runs again on its own, a component at a time
        (:func:`receipts.runtime.process_guarded`): a failing stage, or one the budget left no time
        for, costs only its own output, and the article comes back marked partial with the reason.
        """
        self.warm_up()
        budget = self.settings.extract_time_budget_s
        done = {id(a): self._over_limits(a) for a in articles}
        todo = [a for a in articles if done[id(a)] is None]
        try:
            with time_limit(budget):
                docs = process(self._nlp, [(a.text, a.published) for a in todo], aliases=self._aliases)
                done.update({id(a): to_extraction(doc) for a, doc in zip(todo, docs)})
        except Exception:  # noqa: BLE001 - a batch failed or ran out of time: isolate the article and the stage
            done.update({id(a): self._extract_guarded(a) for a in todo})
        for article in articles:
            yield article, done[id(article)]

    def _over_limits(self, article: Article) -> ExtractionError | None:
        """Refuse, before any parsing, an article over the character limit or far over the sentence limit."""
        st = self.settings
        if len(article.text) > st.max_document_chars:
            return ExtractionError(
                f"{article.origin}: text is {len(article.text):,} characters, over the limit of "
                f"{st.max_document_chars:,} (RECEIPTS_MAX_DOCUMENT_CHARS); split it"
            )
        n = estimate_sentences(article.text)
        if n > st.max_sentences:
            return ExtractionError(
                f"{article.origin}: about {n:,} sentences, over the limit of {st.max_sentences:,} "
                f"(RECEIPTS_MAX_SENTENCES); split the document or raise the limit"
            )
        return None

    def _extract_guarded(self, article: Article):
        """One article, a component at a time: an Extraction (partial, perhaps) or an ExtractionError."""
        from dataclasses import replace

        try:
            doc, partial = process_guarded(
                self._nlp,
                article.text,
                article.published,
                aliases=self._aliases,
                budget_s=self.settings.extract_time_budget_s,
            )
            extraction = to_extraction(doc)
        except ReceiptsError as exc:
            return ExtractionError(f"{article.origin}: {exc}")
        except Exception as exc:  # noqa: BLE001 - recorded per article, as the runner contract says
            return ExtractionError(f"{article.origin}: extraction failed: {exc.__class__.__name__}: {exc}")
        return replace(extraction, partial=partial) if partial else extraction


@lru_cache(maxsize=2)
def _cached_nlp(
    model: str,
    claim_threshold: float,
    checkworthy_model: str,
    attribution_model: str = "builtin",
    limits: tuple[int, int, int] = (200_000, 2000, 5000),
):
    """Load a pipeline once per process: loading spaCy takes about a second.

    :param limits: Characters per document, characters per sentence, sentences per document.
    """
    max_chars, max_sentence_chars, max_sentences = limits
    return load_nlp(
        model,
        claim_threshold=claim_threshold,
        checkworthy_model=checkworthy_model,
        attribution_model=attribution_model,
        max_chars=max_chars + 1,
        max_sentence_chars=max_sentence_chars,
        max_sentences=max_sentences,
    )
