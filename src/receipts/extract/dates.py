"""Time expressions, resolved against the publication date."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import WORD_NUMBERS
from receipts.types import Span, TimeExpr

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "hour": 0, "minute": 0, "decade": 3650}

_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|a few|many)\s+)?"
    r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?P<dir>earlier|later|after|before|ago|afterwards|from now|on)\b",
    re.I,
)
_WITHIN = re.compile(
    r"\b(?:within|in|over the next|inside)\s+"
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|sixty|ninety)\s+"
    r"(?P<unit>days?|weeks?|months?|years?)\b",
    re.I,
)
_MONTH_DAY = re.compile(
    r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>\d{4}))?\b",
    re.I,
)
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
    r"(?:,?\s+(?P<year>\d{4}))?\b",
    re.I,
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MONTH_ONLY = re.compile(
    r"\b(?P<part>early|mid|late|mid-)?\s*(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+(?P<year>\d{4}))?\b",
    re.I,
)
_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b")
_DEICTIC = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|this week|last week|next week|"
    r"this month|last month|next month|this year|last year|next year)\b",
    re.I,
)
_END_OF = re.compile(r"\b(?:the\s+)?end\s+of\s+(?P<which>the|this|next)\s+(?P<unit>year|month|week)\b", re.I)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|no later than)\s*$", re.I)  # "by June 30": a deadline lies ahead
_WEEKDAY = re.compile(
    r"\b(?P<mod>last|next|this|on)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)


def _future(sent: SpacySpan | None) -> bool:
    """Whether a clause speaks of the future: "will meet", "next week", "is scheduled for"."""
    if sent is None:
        return False
    past_root = sent.root.tag_ in ("VBD", "VBN")
    for tok in sent:
        if tok.lower_ in ("will", "'ll", "shall", "next", "upcoming"):
            return True
        if tok.lower_ in ("scheduled", "planned", "due", "expected", "vowed", "pledged", "promised") and not past_root:
            return True
        if tok.lower_ in ("vowed", "pledged", "promised", "expects", "plans"):
            return True
    return False


def _verb_not_past(span: SpacySpan | None) -> bool:
    """Whether the verb a time expression hangs on is not in the past ("would publish it by June 30",
    not "had returned them by June 12")."""
    if span is None:
        return False
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok:
        tok = tok.head
    if tok.tag_ == "VBD":
        return False
    return not (tok.tag_ == "VBN" and any(c.lower_ in ("had", "has", "have", "was", "were") for c in tok.children))


def _closest_year(month: int, day: int, pub: date, future: bool) -> date:
    """Pick the year that puts month/day nearest the publication date, in the right direction."""
    day = min(day, monthrange(pub.year, month)[1])
    cand = date(pub.year, month, day)
    if future and cand < pub - timedelta(days=31):
        return date(pub.year + 1, month, min(day, monthrange(pub.year + 1, month)[1]))
    if not future and cand > pub + timedelta(days=31):
        return date(pub.year - 1, month, min(day, monthrange(pub.year - 1, month)[1]))
    return cand


def _end_of(unit: str, pub: date, shift: int) -> tuple[date, date, str, bool]:
    """The last day of the publication date's year, month or week (or the next one's): "by the end of the year"."""
    if unit == "year":
        d = date(pub.year + shift, 12, 31)
    elif unit == "month":
        y, m = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        d = date(y, m + 1, monthrange(y, m + 1)[1])
    else:
        d = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift, days=6)
    return d, d, "day", True


def _month_interval(month: int, year: int, part: str | None) -> tuple[date, date]:
    last = monthrange(year, month)[1]
    if part and part.lower().startswith("early"):
        return date(year, month, 1), date(year, month, 10)
    if part and part.lower().startswith("mid"):
        return date(year, month, 11), date(year, month, 20)
    if part and part.lower().startswith("late"):
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def resolve_time(
    text: str, pub: date | None, *, future: bool = False, anchor: date | None = None
) -> tuple[date | None, date | None, str, bool]:
    """Resolve one time expression.

    :param text: The expression, e.g. ``"Thursday"``, ``"on June 12"``, ``"weeks after"``.
    :param pub: The publication date, the anchor of relative expressions.
    :param future: Whether the surrounding clause speaks of the future.
    :param anchor: For "weeks after X", "days later": the date of X when it is known; the time is then
        counted from it (and never before it), up to the publication date.
    :returns: ``(start, end, granularity, relative)``; start is None when unresolvable.
    """
    low = text.lower()
    if anchor is not None and (m := _RELATIVE.search(low)) and m["dir"].lower() in _FORWARD:
        lo, hi = _counts(m)
        days = _UNIT_DAYS[m["unit"].lower().rstrip("s")]
        start, end = anchor + timedelta(days=days * lo), anchor + timedelta(days=days * hi)
        if pub is not None and not future and end > pub:  # told as past: it happened by publication
            end = max(pub, anchor)
        return min(start, end), end, "relative", True
    if m := _ISO.search(text):
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        return d, d, "day", False
    for rx in (_MONTH_DAY, _DAY_MONTH):
        if m := rx.search(text):
            month = _MONTH_ABBR[
                m["month"][:4].lower() if m["month"].lower().startswith("sept") else m["month"][:3].lower()
            ]
            day = int(m["day"])
            if m["year"]:
                d = date(int(m["year"]), month, min(day, monthrange(int(m["year"]), month)[1]))
                return d, d, "day", False
            if pub is None:
                return None, None, "day", True
            d = _closest_year(month, day, pub, future)
            return d, d, "day", True
    if pub is not None and (m := _END_OF.search(low)):
        return _end_of(m["unit"].lower(), pub, 1 if m["which"].lower() == "next" else 0)
    if pub is not None and (m := _DEICTIC.search(low)):
        word = m.group(1)
        offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
        if word in offsets:
            d = pub + timedelta(days=offsets[word])
            return d, d, "day", True
        which, unit = word.split()
        shift = {"this": 0, "last": -1, "next": 1}[which]
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
            return monday, monday + timedelta(days=6), "week", True
        if unit == "month":
            y, mth = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
            s, e = _month_interval(mth + 1, y, None)
            return s, e, "month", True
        y = pub.year + shift
        return date(y, 1, 1), date(y, 12, 31), "year", True
    if m := _WEEKDAY.search(low):
        if pub is None:
            return None, None, "day", True
        target = WEEKDAYS.index(m["wd"])
        mod = (m["mod"] or "").lower()
        if mod == "next" or (future and mod != "last"):
            delta = (target - pub.weekday()) % 7 or 7
            d = pub + timedelta(days=delta)
        else:
            delta = (pub.weekday() - target) % 7
            if mod == "last" and delta == 0:
                delta = 7
            d = pub - timedelta(days=delta)
        return d, d, "day", True
    if (m := _WITHIN.search(low)) and pub is not None:
        n_raw = m["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else WORD_NUMBERS.get(n_raw, 1)
        return pub, pub + timedelta(days=_UNIT_DAYS[m["unit"].rstrip("s")] * n), "interval", True
    if m := _RELATIVE.search(low):
        if pub is None:
            return None, None, "relative", True
        days = _UNIT_DAYS[m["unit"].rstrip("s")]
        direction = m["dir"].lower()
        n_lo, n_hi = _counts(m)
        if direction in ("earlier", "before", "ago"):
            return pub - timedelta(days=days * n_hi), pub - timedelta(days=days * n_lo), "relative", True
        if direction == "from now":
            return pub + timedelta(days=days * n_lo), pub + timedelta(days=days * n_hi), "relative", True
        # "weeks after X", "days later": the anchor is an earlier event; the point is on or before publication.
        return pub - timedelta(days=days * n_hi) if days else pub, pub, "relative", True
    if m := _MONTH_ONLY.search(text):
        month = MONTHS.index(m["month"].lower()) + 1
        if m["year"]:
            year = int(m["year"])
        elif pub is None:
            return None, None, "month", True
        else:
            year = pub.year
            if month - pub.month > 6 or (not future and month > pub.month + 1 and month - pub.month > 3):
                year -= 1
            elif pub.month - month > 6 or (future and month < pub.month):
                year += 1
        s, e = _month_interval(month, year, m["part"])
        return s, e, "month", not m["year"]
    if m := _YEAR.search(text):
        y = int(m["y"])
        return date(y, 1, 1), date(y, 12, 31), "year", False
    return None, None, "relative", True


_FORWARD = ("after", "later", "afterwards", "on")


def _counts(m: re.Match) -> tuple[int, int]:
    """How many units a relative phrase counts, as a range: "six weeks" 6-6, "weeks" (unspecified) 2-8."""
    n_raw = (m["n"] or "").lower()
    n = int(n_raw) if n_raw.isdigit() else WORD_NUMBERS.get(n_raw, 0)
    if n == 0:
        return (2, 8) if m["unit"].lower().rstrip("s") != "hour" else (1, 12)
    return n, n


def _anchor_after(doc: Doc, start: int, end: int, published: date | None) -> date | None:
    """The date of X in "weeks after X" when the text gives it ("weeks after the June 12 summit", "days after
    the summit on June 12"): a day named in the same sentence just after the phrase, not after publication."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not _RELATIVE.search(span.text.lower()) or span[-1].lower_ not in ("after", "since"):
        return None
    stop = min(span.sent.end_char, end + 40)
    for ent in doc.ents:
        if ent.label_ == "DATE" and end <= ent.start_char < stop:
            value, last, gran, _ = resolve_time(ent.text, published)
            if gran == "day" and value is not None and (published is None or value <= published):
                return value
    return None


def _relative_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(doc_text(doc))]


def extract_times(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Find DATE/TIME entities and relative phrases and resolve each against published.

    Needs entities and sentences. Pure: no I/O.

    :param doc: A parsed article.
    :param published: The publication date, or None (absolute dates still resolve).
    :returns: Time expressions in document order.
    """
    found: dict[tuple[int, int], TimeExpr] = {}
    candidates: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    candidates += _relative_spans(doc)
    candidates += [(m.start(), m.end()) for m in _WITHIN.finditer(doc_text(doc))]
    for start, end in sorted(candidates):
        # Widen an entity to the relative phrase that contains it ("weeks" -> "weeks after").
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in candidates):
            continue
        text = doc_text(doc)[start:end]
        if text.lower() in ("night", "tonight's", "the night") or not text.strip():
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = span.sent if span is not None else None
        ahead = _future(sent) or (
            bool(_DEADLINE_BEFORE.search(doc_text(doc)[max(0, start - 16) : start])) and _verb_not_past(span)
        )
        anchor = _anchor_after(doc, start, end, published)
        value, stop, gran, relative = resolve_time(text, published, future=ahead, anchor=anchor)
        if value is None and gran == "relative" and not _RELATIVE.search(text.lower()):
            continue  # durations such as "40-minute" or "three hours" are not points in time
        found[(start, end)] = TimeExpr(
            span=Span(start, end, text), value=value, end=stop, granularity=gran, relative=relative
        )
    return [found[k] for k in sorted(found)]


@Language.factory("receipts_dates", requires=["doc.ents", "doc.sents"], assigns=["doc._.times"])
def make_dates(nlp: Language, name: str):
    def dates(doc: Doc) -> Doc:
        doc._.times = tuple(extract_times(doc, doc._.published))
        return doc

    return dates
