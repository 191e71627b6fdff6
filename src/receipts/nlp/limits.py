"""Bounds on the work one document can cost: sentence length, sentence count and time.

Several stages look at a token's whole sentence, so a text with no sentence end (900 kB of one
"sentence") made extraction quadratic. ``receipts_sentence_limits`` runs before the parser and
starts a new sentence wherever one grows past ``max_chars``; the parser keeps those boundaries.
``receipts_document_limits`` runs after the parser and refuses a document with more sentences
than ``max_sentences``. :func:`time_limit` stops a run that goes past its time budget.

Example::

    nlp.add_pipe("receipts_sentence_limits", before="parser", config={"max_chars": 2000})
    with time_limit(60):
        doc = nlp(text)  # raises BudgetExceeded after 60 s
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language
from spacy.tokens import Doc

from receipts.errors import ExtractionError

_ENDS = frozenset(".!?")
_SOFT = frozenset(",;:\u2014\u2013-)")


MAX_TOKEN_RUN = 100  # characters: no word is longer; a longer run with no space is cut into pieces this long
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_TOKEN_RUN + 1))


_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:\s+|$)|\n\s*")


def estimate_sentences(text: str) -> int:
    """Count sentence ends before parsing: runs of ``.``, ``!``, ``?`` before a space, and line breaks.

    Close to what the parser finds, and linear: a document far over the sentence limit is refused
    without parsing it first.
    """
    n, end = 0, 0
    for m in _SENTENCE_END.finditer(text):
        n, end = n + 1, m.end()
    return n + (1 if text[end:].strip() else 0)


class LimitExceeded(ExtractionError):
    """A document is over a size limit (RECEIPTS_MAX_SENTENCES and the like)."""


class BudgetExceeded(ExtractionError):
    """Extraction of a document ran past its time budget (RECEIPTS_EXTRACT_TIME_BUDGET_S)."""


def sentence_starts(doc: Doc, *, max_chars: int) -> list[int]:
    """Return the tokens that must start a sentence so that none runs past ``max_chars``.

    A sentence is taken to end after ``.``, ``!``, ``?`` or a line break; the parser may split
    further, never less. A cut falls after a comma, semicolon, colon or dash in the second half of
    the window when there is one, else before the token that crosses the limit. Linear in length.

    :param doc: A tokenised, not yet parsed Doc.
    :param max_chars: The longest sentence allowed, in characters (at least 10).
    :returns: Token indices, ascending.
    :raises ValueError: When max_chars is below 10.
    """
    if max_chars < 10:
        raise ValueError(f"max_chars must be at least 10, got {max_chars}")
    starts: list[int] = []
    begin = 0  # character where the current sentence begins
    soft = None  # the last token after a soft break in this sentence
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if prev.text in _ENDS or "\n" in prev.text or (prev.text and prev.text[-1] in _ENDS and prev.is_punct):
            begin, soft = tok.idx, None
            continue
        if prev.text and prev.text[-1] in _SOFT:
            soft = i
        if tok.idx + len(tok.text) - begin > max_chars:
            cut = soft if soft is not None and doc[soft].idx - begin >= max_chars // 2 else i
            starts.append(cut)
            begin, soft = doc[cut].idx, None
            if cut != i and tok.idx + len(tok.text) - begin > max_chars:  # one long token after the soft break
                starts.append(i)
                begin = tok.idx
    return starts


@Language.factory("receipts_sentence_limits", default_config={"max_chars": 2000})
def make_sentence_limits(nlp: Language, name: str, max_chars: int):
    """Start a new sentence wherever one would run past ``max_chars`` (place it before the parser)."""
    if max_chars < 10:
        raise ValueError(f"max_chars must be at least 10, got {max_chars}")

    def sentence_limits(doc: Doc) -> Doc:
        for i in sentence_starts(doc, max_chars=max_chars):
            doc[i].is_sent_start = True
        return doc

    return sentence_limits


@Language.factory("receipts_document_limits", default_config={"max_sentences": 5000})
def make_document_limits(nlp: Language, name: str, max_sentences: int):
    """Refuse a parsed document with more than ``max_sentences`` sentences (place it after the parser)."""
    if max_sentences < 1:
        raise ValueError(f"max_sentences must be at least 1, got {max_sentences}")

    def document_limits(doc: Doc) -> Doc:
        n = sum(1 for tok in doc if tok.is_sent_start)
        if n > max_sentences:
            raise LimitExceeded(
                f"{n} sentences, over the limit of {max_sentences} (RECEIPTS_MAX_SENTENCES); "
                f"split the document or raise the limit"
            )
        return doc

    return document_limits


class RunLimitedTokenizer:
    """spaCy's tokenizer, with runs of text that hold no space cut into pieces first.

    The tokenizer peels prefixes and suffixes off a whitespace-free run one at a time, each time
    searching what is left, so its cost grows with the square of the run: 20 kB of ``&`` took
    over a minute. A run longer than ``max_run`` characters becomes tokens of ``max_run``
    characters; the rest of the text is tokenised as before, and the Doc's text is unchanged.

    Example::

        nlp.tokenizer = RunLimitedTokenizer(nlp.tokenizer)
    """

    def __init__(self, tokenizer, max_run: int = MAX_TOKEN_RUN) -> None:
        if max_run < 10:
            raise ValueError(f"max_run must be at least 10, got {max_run}")
        self.tokenizer = tokenizer
        self.max_run = max_run
        self._long = _LONG_RUN if max_run == MAX_TOKEN_RUN else re.compile(r"\S{%d,}" % (max_run + 1))

    def __call__(self, text: str) -> Doc:
        runs = list(self._long.finditer(text))
        if not runs:
            return self.tokenizer(text)
        pieces: list[Doc] = []
        at = 0
        for m in runs:
            if m.start() > at:
                pieces.append(self.tokenizer(text[at : m.start()]))
            run = m.group()
            words = [run[i : i + self.max_run] for i in range(0, len(run), self.max_run)]
            pieces.append(Doc(self.tokenizer.vocab, words=words, spaces=[False] * len(words)))
            at = m.end()
        if at < len(text):
            pieces.append(self.tokenizer(text[at:]))
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        if doc.text != text:  # never expected: keep the offsets right whatever it costs
            return self.tokenizer(text)
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` inside the block once it has run for ``seconds``.

    Uses ``SIGALRM``, so it only acts in the main thread on POSIX and when no other timer is set
    (a test runner's, for one); elsewhere it does nothing and callers rely on their own checks
    between steps. Python code is interrupted at once; a long call into compiled code at its end.

    :param seconds: The budget; None or 0 for no limit.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def on_alarm(signum, frame):
        raise BudgetExceeded(f"over the time budget of {seconds:g} s (RECEIPTS_EXTRACT_TIME_BUDGET_S)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
