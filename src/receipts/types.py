"""Domain types: frozen dataclasses shared by every layer."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

ACTOR_KINDS = ("person", "organisation", "country", "group", "document", "unknown")
EVENT_STATUSES = ("held", "scheduled", "skipped", "cancelled", "postponed", "unknown")


def content_id(prefix: str, *parts: object) -> str:
    """Return a stable content-hash id such as ``q_3f2a9c01d2e4``."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into an article's text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}:{self.end}]")


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested document with its provenance."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    origin: str = "<unknown>"  # file path, "<stdin>", "feed.xml#3"
    content_type: str = "text"


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an attribution points at, after resolution."""

    name: str
    kind: str = "unknown"  # one of ACTOR_KINDS
    span: Span | None = None  # the mention that names them in the text
    via: str = "name"  # name | pronoun | description | title | document | organisation


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect attribution: source, cue and content."""

    content: Span
    speaker: Speaker | None
    cue: Span | None
    direct: bool
    fragments: tuple[Span, ...] = ()
    nested_in: str | None = None  # id of the enclosing quote
    method: str = "quotes.rules.v1"
    # False when the content names only a topic or reports no statement ("discussed [his strategy]",
    # "passed [it]"): an attribution in the broad sense, not a quote to list (coreference.topic_only)
    statement: bool = True

    @property
    def id(self) -> str:
        return content_id("q", self.content.start, self.content.end, self.content.text)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number and what it counts."""

    span: Span
    value: float | None
    unit: str | None  # what is counted: "transport cases", "percent", "USD"
    approx: str | None = None  # at least | about | more than | up to | exactly
    upper: float | None = None  # for ranges
    kind: str = "count"  # count | percent | money | measure | ordinal | year
    unit_inferred: bool = False  # True when the counted noun was elided and recovered
    method: str = "numbers.rules.v1"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression resolved against the publication date."""

    span: Span
    value: date | None  # the resolved day (start of interval when one)
    end: date | None = None  # inclusive end of an interval, when one
    granularity: str = "day"  # day | week | month | year | interval | relative
    relative: bool = False
    method: str = "dates.rules.v1"

    @property
    def iso(self) -> str | None:
        if self.value is None:
            return None
        if self.end and self.end != self.value:
            return f"{self.value.isoformat()}/{self.end.isoformat()}"
        return self.value.isoformat()


@dataclass(frozen=True, slots=True)
class Canonical:
    """A claim or commitment reduced to the fields verification compares."""

    subject: str | None
    predicate: str
    object: str | None = None
    quantity: dict | None = None  # {"value", "unit", "approx", "upper"}
    polarity: str = "positive"  # positive | negative
    holds_at: str | None = None  # ISO date or interval when the claimed fact holds (or is due)
    said_on: str | None = None  # ISO date when the claim was made
    speaker: str | None = None
    object_resolved: str | None = None  # what a pronoun object stands for ("them" -> "remains of soldiers")

    def to_dict(self) -> dict:
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "object_resolved": self.object_resolved,
            "quantity": self.quantity,
            "polarity": self.polarity,
            "holds_at": self.holds_at,
            "said_on": self.said_on,
            "speaker": self.speaker,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy declarative sentence."""

    span: Span
    score: float
    speaker: Speaker | None = None
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    method: str = "claims.heuristic.v1"
    canonical: Canonical | None = None
    claim_type: str | None = None  # temporal | statistical | comparison | interval (numeric claims)

    @property
    def id(self) -> str:
        return content_id("c", self.span.start, self.span.end, self.span.text)


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise or agreement: who owes what to whom, by when."""

    span: Span
    actor: str | None
    action: str
    cue: str
    beneficiary: str | None = None
    deadline: TimeExpr | None = None
    source: Speaker | None = None  # who reported the commitment
    kind: str = "promise"  # promise | agreement | intention
    method: str = "commitments.rules.v3"
    canonical: Canonical | None = None

    @property
    def id(self) -> str:
        return content_id("p", self.span.start, self.span.end, self.action)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened or was planned: a meeting, a transfer, a visit."""

    span: Span
    type: str  # meeting | summit | statement | transfer | visit | talks
    status: str  # one of EVENT_STATUSES
    trigger: str
    participants: tuple[str, ...] = ()
    place: str | None = None
    date: TimeExpr | None = None
    method: str = "events.rules.v1"

    @property
    def id(self) -> str:
        return content_id("e", self.span.start, self.span.end, self.type)


@dataclass(frozen=True, slots=True)
class Mention:
    """A textual mention of an actor, resolved to a canonical name."""

    span: Span
    canonical: str
    kind: str
    via: str = "name"  # name | alias | surname | title | pronoun | description


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with the surface forms seen for it."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with the speaker of the quote it belongs to, if any."""

    span: Span
    speaker: Speaker | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline found in one article."""

    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = field(default_factory=tuple)
    sentences: tuple[Sentence, ...] = ()
    partial: str | None = None  # why some stages did not finish (one failed, or time ran out); None: complete


# Links: receipts stores and publishes absolute http(s) URLs only.

# Browsers drop tabs and newlines inside a URL, so "java\tscript:" would still run: refuse any
# whitespace or control character rather than guess how a consumer reads it.
_UNSAFE_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def safe_url(url: str | None) -> str | None:
    """Return the URL when it is an absolute http(s) link with a host, else None.

    ``javascript:``, ``data:``, ``vbscript:``, protocol-relative (``//host``) and relative links
    all give None, as do links with whitespace, control characters or backslashes inside.

    :param url: A link from a document's metadata, or None.
    :returns: The link without surrounding whitespace, or None.
    """
    if not url:
        return None
    url = url.strip()
    if _UNSAFE_CHAR.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
