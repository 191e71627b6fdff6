"""Events: meetings, summits, talks, statements, transfers and visits, with their status."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from receipts.types import Event, Mention, Span, TimeExpr

TRIGGERS = {
    "meeting": "meeting", "meet": "meeting", "summit": "summit", "talks": "talks", "talk": "talks",
    "negotiations": "talks", "handover": "transfer", "transfer": "transfer", "repatriation": "transfer",
    "visit": "visit", "trip": "visit", "statement": "statement", "conference": "meeting",
    "ceremony": "meeting", "hand": "transfer", "send": "transfer",
}
_STATUS_CUES = {
    "skipped": ("skip", "boycott", "snub", "no-show", "absent", "miss"),
    "cancelled": ("cancel", "scrap", "abandon", "call"),  # "call off" checked with its particle
    "postponed": ("postpone", "delay", "defer", "reschedule", "push"),
    "scheduled": ("schedule", "plan", "due", "propose", "expect", "set", "arrange", "vow", "pledge", "promise",
                  "agree", "intend", "hope", "aim"),
}
_PLACE_LABELS = ("GPE", "LOC", "FAC")


def _status(trigger: Token) -> str:
    """Decide the status from the words governing the trigger within its sentence."""
    sent = trigger.sent
    negated_heads = {t.head.i for t in sent if t.dep_ == "neg"}
    denied = {t.i for t in sent if t.lemma_.lower() in ("deny", "reject", "dismiss")}

    def governed_by_denial(tok: Token) -> bool:
        return any(anc.i in denied for anc in tok.ancestors)

    path = [trigger, *trigger.ancestors][:4]
    text = sent.text.lower()
    # "The meeting was a no-show" (a no-show hangs on the trigger's own verb), not "the no-show
    # came hours after the minister arrived for two days of talks" (the talks were held)
    near = {p.i for p in path[:3]}
    no_show = any(t.lower_ == "show" and t.i >= 2 and t.doc[t.i - 2].lower_ == "no" and t.doc[t.i - 1].text == "-"
                  and (t.i in near or t.head.i in near) for t in sent)  # spaCy splits "no-show" in three
    for tok in path:
        lemma = tok.lemma_.lower()
        if governed_by_denial(tok):
            continue
        if ("fail" == lemma and ("show up" in text or "attend" in text or "turn up" in text)) or lemma in _STATUS_CUES["skipped"] or no_show:
            return "skipped"
        if lemma == "call" and any(c.lower_ == "off" for c in tok.children):
            return "cancelled"
        if lemma in _STATUS_CUES["cancelled"] and lemma != "call":
            return "cancelled" if tok.i not in negated_heads else "unknown"
        if lemma in _STATUS_CUES["postponed"]:
            return "postponed"
        if lemma in _STATUS_CUES["scheduled"] or any(c.lower_ in ("will", "would", "'ll") for c in tok.children):
            return "scheduled"
    root = trigger.sent.root
    if any(c.lower_ in ("will", "would", "shall") for c in root.children):
        return "scheduled"
    if trigger.pos_ == "VERB" and trigger.tag_ in ("VBD", "VBN"):
        return "held"
    if any(t.tag_ == "VBD" for t in path) or root.tag_ == "VBD":
        return "held"
    return "unknown"


def extract_events(doc: Doc, *, mentions=None, times=None) -> list[Event]:
    """Find event mentions with type, status, participants, place and date.

    Needs the parser, entities, ``doc._.mentions`` and ``doc._.times``. Pure.
    """
    mentions: tuple[Mention, ...] = doc._.mentions if mentions is None else mentions
    times: tuple[TimeExpr, ...] = doc._.times if times is None else times
    out: list[Event] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        etype = TRIGGERS.get(lemma) or TRIGGERS.get(tok.lower_)
        if etype is None or tok.pos_ not in ("NOUN", "VERB"):
            continue
        if lemma == "hand" and not any(c.lower_ == "over" for c in tok.children):
            continue
        if lemma == "send" and not any(c.dep_ == "dobj" for c in tok.children):
            continue
        if lemma == "talk" and tok.pos_ == "VERB":
            continue
        # "a statement" is an event only when someone issues it; otherwise it is a document.
        if etype == "statement" and tok.head.lemma_.lower() not in ("issue", "release", "publish", "make", "read"):
            continue
        sent = tok.sent
        s, e = sent.start_char, sent.end_char
        participants = tuple(dict.fromkeys(m.canonical for m in mentions if s <= m.span.start < e and m.kind != "document"))
        place = None
        for ent in sent.ents:
            if ent.label_ in _PLACE_LABELS and ent.start > 0 and doc[ent.start - 1].lower_ in ("in", "at", "to"):
                place = ent.text
                break
        if place is None:
            for t in sent:
                if t.lower_ in ("at", "in") and t.head.i == tok.i:
                    pobj = [c for c in t.children if c.dep_ == "pobj"]
                    if pobj and pobj[0].ent_type_ not in ("DATE", "TIME"):
                        place = doc[pobj[0].left_edge.i : pobj[0].i + 1].text
        when = next((t for t in times if s <= t.span.start < e and t.value is not None), None)
        out.append(Event(
            span=Span(s, e, doc.text[s:e]), type=etype, status=_status(tok), trigger=tok.text,
            participants=participants, place=place, date=when,
        ))
    return _dedupe(out)


def _dedupe(events: list[Event]) -> list[Event]:
    """Keep one event per sentence and type, preferring the one with a known status."""
    best: dict[tuple[int, str], Event] = {}
    for ev in events:
        key = (ev.span.start, ev.type)
        cur = best.get(key)
        if cur is None or (cur.status == "unknown" and ev.status != "unknown"):
            best[key] = ev
    return sorted(best.values(), key=lambda e: e.span.start)


@Language.factory("receipts_events", requires=["doc._.mentions", "doc._.times"], assigns=["doc._.events"])
def make_events(nlp: Language, name: str):
    def events(doc: Doc) -> Doc:
        doc._.events = tuple(extract_events(doc))
        return doc

    return events
