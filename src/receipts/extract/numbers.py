"""Quantities: numbers with what they count, approximations, ranges, money and percent."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import APPROX, CURRENCIES, SCALES, TIME_UNITS, WORD_NUMBERS
from receipts.types import Quantity, Span

_DIGITS = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
_CONTAINER = frozenset("remains bodies sets cases boxes units batches groups tons tonnes loads shipments".split())
_NOT_COUNTED = frozenset(TIME_UNITS) | {f"{u}s" for u in TIME_UNITS} | {"times", "percent", "people's"}
_TIME_LABELS = ("DATE", "TIME")


def parse_number(words: list[str]) -> float | None:
    """Parse ``["12,000"]``, ``["two", "hundred"]`` or ``["1.5", "million"]`` to a float."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower().replace(",", "").strip()
        w = w.rstrip("%")
        if not w or w in ("and", "-"):
            continue
        if _DIGITS.match(w):
            current += float(w)
            seen = True
        elif "-" in w and all(p in WORD_NUMBERS for p in w.split("-")):
            current += sum(WORD_NUMBERS[p] for p in w.split("-"))
            seen = True
        elif w in WORD_NUMBERS and w not in ("a", "an"):
            current += WORD_NUMBERS[w]
            seen = True
        elif w in ("a", "an"):
            current += 1
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _is_num(tok: Token) -> bool:
    low = tok.lower_.replace(",", "")
    return (
        (
            tok.like_num
            and tok.lower_ not in ("one",)
            or low in WORD_NUMBERS
            and low not in ("a", "an")
            or low in SCALES
            and tok.i > 0
            and tok.nbor(-1).like_num
        )
        or low == "one"
        and tok.pos_ == "NUM"
    )


def _approx(doc: Doc, start: int) -> tuple[str | None, int]:
    for n in (3, 2, 1):
        if start - n < 0:
            continue
        phrase = doc[start - n : start].text.lower()
        if phrase in APPROX:
            return APPROX[phrase], start - n
    return None, start


def _counted_noun(doc: Doc, tok: Token) -> tuple[str | None, bool]:
    """Return what a number counts and whether it was recovered from context."""
    head = tok.head
    if tok.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
        if head.lower_ in SCALES or head.like_num:
            return _counted_noun(doc, head)
        words = [c.text for c in head.lefts if c.dep_ == "compound" and c.i > tok.i] + [head.text]
        of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"]
        noun = " ".join(words)
        if head.lower_ in _CONTAINER and of:
            pobj = [c for c in of[0].children if c.dep_ == "pobj"]
            if pobj:
                noun = f"{noun} of {pobj[0].text}"
        return noun, False
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    if of:
        pobj = [c for c in of[0].children if c.dep_ == "pobj"]
        if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
            return pobj[0].text, False
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"):
        return antecedent(doc, tok), True
    return None, False


def antecedent(doc: Doc, tok: Token) -> str | None:
    """Recover an elided counted noun: the nearest plural noun before the number, within two sentences."""
    sent = tok.sent
    floor = sent.start
    prev = sent.start - 1
    for _ in range(2):
        if prev < 0:
            break
        floor = doc[prev].sent.start
        prev = floor - 1
    for i in range(tok.i - 1, floor - 1, -1):
        cand = doc[i]
        if cand.tag_ not in ("NNS", "NNPS") and cand.lower_ not in _CONTAINER:
            continue
        if cand.lower_ in _NOT_COUNTED or cand.ent_type_ in _TIME_LABELS:
            continue
        # "the remains of our soldiers": the container noun is what is counted.
        if cand.dep_ == "pobj" and cand.head.lower_ == "of" and cand.head.head.lower_ in _CONTAINER:
            return f"{cand.head.head.text} of {cand.text}"
        if cand.lower_ in _CONTAINER:
            return cand.text
        return cand.text
    # Nothing before: the noun may come later in the same sentence ("..., speaking of the remains").
    for cand in doc[tok.i + 1 : sent.end]:
        if cand.tag_ in ("NNS", "NNPS") and cand.lower_ not in _NOT_COUNTED and cand.ent_type_ not in _TIME_LABELS:
            if cand.dep_ == "pobj" and cand.head.lower_ == "of" and cand.head.head.lower_ in _CONTAINER:
                return f"{cand.head.head.text} of {cand.text}"
            return cand.text
    return None


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Find numbers and record what each counts.

    Needs the parser and entities. Pure: no I/O.

    :param doc: A parsed article.
    :returns: Quantities in document order.
    """
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not _is_num(tok):
            i += 1
            continue
        j = i
        while j + 1 < n and (
            _is_num(doc[j + 1])
            or doc[j + 1].lower_ in SCALES
            or (doc[j + 1].lower_ == "and" and j + 2 < n and _is_num(doc[j + 2]) and doc[j].lower_ in SCALES)
        ):
            j += 1
        last = doc[j]
        ent = tok.ent_type_
        words = [t.text for t in doc[i : j + 1]]
        value = parse_number(words)
        if value is None:
            i = j + 1
            continue
        # A number inside a date ("June 18", "2019") is time, not a quantity, unless it is a duration.
        after = doc[j + 1] if j + 1 < n else None
        is_duration = after is not None and after.lemma_.lower() in TIME_UNITS
        if ent in _TIME_LABELS and not is_duration:
            i = j + 1
            continue
        if tok.like_num and re.fullmatch(r"(19|20)\d{2}", tok.text) and ent in ("DATE", ""):
            i = j + 1
            continue
        approx, start_i = _approx(doc, i)
        upper = None
        # Ranges: "between 100 and 200", "100 to 200", "100-200".
        if (
            j + 2 < n
            and doc[j + 1].lower_ in ("to", "-", "and")
            and _is_num(doc[j + 2])
            and (doc[j + 1].lower_ != "and" or (i > 0 and doc[i - 1].lower_ == "between"))
        ):
            upper = parse_number([doc[j + 2].text])
            if upper is not None:
                j += 2
                last = doc[j]
                after = doc[j + 1] if j + 1 < n else None
                if i > 0 and doc[i - 1].lower_ == "between":
                    start_i = min(start_i, i - 1)
        kind, unit, inferred = "count", None, False
        end_i = j + 1
        if after is not None and (after.text == "%" or after.lower_ in ("percent", "per")):
            kind, unit = "percent", "percent"
            end_i = j + 2 if after.lower_ != "per" else j + 3
        elif i > 0 and doc[i - 1].text in CURRENCIES:
            kind, unit = "money", CURRENCIES[doc[i - 1].text]
            start_i = min(start_i, i - 1)
        elif after is not None and after.lower_ in CURRENCIES:
            kind, unit = "money", CURRENCIES[after.lower_]
            end_i = j + 2
        elif is_duration:
            kind, unit = "duration", after.lemma_.lower() + "s"
            end_i = j + 2
        elif last.text.endswith("%"):
            kind, unit = "percent", "percent"
        else:
            unit, inferred = _counted_noun(doc, last)
            if upper is not None and (inferred or unit is None):
                unit, inferred = _counted_noun(doc, doc[i])
            if unit and not inferred and last.head.i > j:
                end_i = max(end_i, last.head.i + 1)
        start_char = doc[start_i].idx
        end_char = doc[end_i - 1].idx + len(doc[end_i - 1])
        out.append(
            Quantity(
                span=Span(start_char, end_char, doc_text(doc)[start_char:end_char]),
                value=value,
                unit=unit,
                approx=approx,
                upper=upper,
                kind=kind,
                unit_inferred=inferred,
            )
        )
        i = j + 1
    return out


@Language.factory("receipts_numbers", requires=["token.dep", "doc.ents"], assigns=["doc._.quantities"])
def make_numbers(nlp: Language, name: str):
    def numbers(doc: Doc) -> Doc:
        doc._.quantities = tuple(extract_quantities(doc))
        return doc

    return numbers
