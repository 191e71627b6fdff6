"""Events: meetings, summits, talks, statements, transfers and visits, with their status."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from receipts.extract.doctext import doc_text
from receipts.nlp.syntax import FUTURE_WORDS, has_aux
from receipts.types import Event, Mention, Span, TimeExpr

TRIGGERS = {
    "meeting": "meeting",
    "meet": "meeting",
    "summit": "summit",
    "talks": "talks",
    "talk": "talks",
    "negotiations": "talks",
    "handover": "transfer",
    "transfer": "transfer",
    "repatriation": "transfer",
    "visit": "visit",
    "trip": "visit",
    "statement": "statement",
    "conference": "meeting",
    "ceremony": "meeting",
    "hand": "transfer",
    "send": "transfer",
}
_STATUS_CUES = {
    "skipped": ("skip", "boycott", "snub", "no-show", "absent", "miss"),
    "cancelled": ("cancel", "scrap", "abandon", "call"),  # "call off" checked with its particle
    "postponed": ("postpone", "delay", "defer", "reschedule", "push"),
    "scheduled": (
        "schedule",
        "plan",
        "due",
        "propose",
        "expect",
        "set",
        "arrange",
        "vow",
        "pledge",
        "promise",
        "agree",
        "intend",
        "hope",
        "aim",
    ),
}
_PLACE_LABELS = ("GPE", "LOC", "FAC")


_TOPIC_VERBS = {
    "discuss",
    "debate",
    "consider",
    "review",
    "raise",
    "address",
    "negotiate",
    "mention",
    "plan",
    "propose",
}
_MAYBE = {"can", "could", "may", "might", "should", "must"}
# nouns an event can hang on and still be an occurrence: "two days of talks", "the end of the summit"
_FRAMES = {
    "day",
    "hour",
    "week",
    "month",
    "round",
    "series",
    "end",
    "start",
    "beginning",
    "eve",
    "sideline",
    "margin",
    "close",
    "opening",
    "part",
    "session",
    "outcome",
    "result",
    "collapse",
    "failure",
    "success",
}


def _modifies_a_thing(trigger: Token) -> bool:
    """Whether an event noun only describes another noun ("the plan for the handover")."""
    if trigger.pos_ != "NOUN":
        return False
    gov = (
        trigger.head.head
        if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep"
        else (trigger.head if trigger.dep_ in ("poss", "nmod", "appos") else None)
    )
    return gov is not None and gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.lower() not in _FRAMES


def _dates_another(tok: Token) -> bool:
    """ "weeks after the Geneva summit": the summit is a reference point, the time is not its date."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("after", "since", "following", "before")


def _clause(tok: Token) -> Token:
    """The verb heading the clause a token sits in (the token itself for a verb)."""
    for t in (tok, *tok.ancestors):
        if t.pos_ in ("VERB", "AUX"):
            return t
    return tok.sent.root


def _date_of(trigger: Token, times: list[TimeExpr]) -> TimeExpr | None:
    """The sentence's time expression in the trigger's own clause: in "Kessler, who flew in on
    Friday, said she would travel for the next handover", Friday dates the flight, not the handover."""
    if not times:
        return None
    doc, head = trigger.doc, _clause(trigger)
    own = next((c for c in trigger.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
    if trigger.pos_ == "NOUN" and own is not None:
        head = own  # "a statement on Wednesday about the talks held in Korvi": the talks have their own verb
    heads = {head}
    if head.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in head.children):
        heads.add(_clause(head.head))  # "meet in early July to arrange the first handover": the same occasion
    for t in times:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None and (_clause(span.root) in heads or span.root.head == trigger):
            return t
    return None


def _renames(tok: Token) -> bool:
    """Whether an event noun renames the event just before it: "a summit, the first meeting of ..."."""
    left = tok.left_edge
    if left.i < 2 or tok.doc[left.i - 1].text != ",":
        return False
    before = tok.doc[left.i - 2]
    return before.pos_ == "NOUN" and TRIGGERS.get(before.lemma_.lower()) is not None


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
    no_show = any(
        t.lower_ == "show"
        and t.i >= 2
        and t.doc[t.i - 2].lower_ == "no"
        and t.doc[t.i - 1].text == "-"
        and (t.i in near or t.head.i in near)
        for t in sent
    )  # spaCy splits "no-show" in three
    for mod in trigger.children:  # "the skipped meeting", "the postponed talks"
        if mod.dep_ in ("amod", "compound") and mod.i < trigger.i:
            for status in ("skipped", "cancelled", "postponed"):
                if mod.lemma_.lower() in _STATUS_CUES[status] and mod.lemma_.lower() != "call":
                    return status
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in _TOPIC_VERBS:
        return "unknown"  # "we discussed the handover": a topic, not the handover itself
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ in ("after", "since", "following")
        and trigger.head.head.pos_ in ("VERB", "AUX", "NOUN")
    ):
        return "held"  # "weeks after the Geneva summit": a past event that dates another
    for tok in path:
        lemma = tok.lemma_.lower()
        if governed_by_denial(tok):
            return "unknown"  # "denied that the meeting had been cancelled" says nothing of whether it was held
        if tok.pos_ == "NOUN" and tok.i != trigger.i:
            continue  # "the promise it made at the summit": the noun is not what the summit's status hangs on
        if (
            ("fail" == lemma and ("show up" in text or "attend" in text or "turn up" in text))
            or lemma in _STATUS_CUES["skipped"]
            or no_show
        ):
            return "skipped"
        if lemma == "call" and any(c.lower_ == "off" for c in tok.children):
            return "cancelled"
        if lemma in _STATUS_CUES["cancelled"] and lemma != "call":
            return "cancelled" if tok.i not in negated_heads else "unknown"
        if lemma in _STATUS_CUES["postponed"]:
            return "postponed"
        if lemma in _STATUS_CUES["scheduled"] or has_aux(tok, FUTURE_WORDS):
            return "scheduled"
        if any(c.lower_ in _MAYBE for c in tok.children):
            return "unknown"  # "so that the handover can take place": not yet
    root = trigger.sent.root
    if has_aux(root, FUTURE_WORDS):
        return "scheduled"
    if _modifies_a_thing(trigger):
        return "unknown"  # "no plan for the handover", "reports on the repatriation": not said to have happened
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
        if lemma == "talk" and tok.pos_ == "VERB" or tok.dep_ == "compound":
            continue  # "the handover records" are records
        if tok.pos_ == "NOUN" and (tok.dep_ == "appos" and TRIGGERS.get(tok.head.lemma_.lower()) or _renames(tok)):
            continue  # "a one-day summit, the first meeting between the leaders": one event
        if (
            lemma == "meet"
            and tok.pos_ == "VERB"
            and any(
                t.pos_ == "NOUN" and TRIGGERS.get(t.lemma_.lower()) in ("summit", "talks", "meeting") for t in tok.sent
            )
        ):
            continue  # "the leaders met at the summit": one event, the summit
        # "a statement" is an event only when someone issues it; otherwise it is a document.
        if etype == "statement" and tok.head.lemma_.lower() not in ("issue", "release", "publish", "make", "read"):
            continue
        sent = tok.sent
        s, e = sent.start_char, sent.end_char
        participants = tuple(
            dict.fromkeys(m.canonical for m in mentions if s <= m.span.start < e and m.kind != "document")
        )
        place = None
        for ent in sent.ents:
            if ent.label_ in _PLACE_LABELS and ent.start > 0 and doc[ent.start - 1].lower_ in ("in", "at", "to"):
                place = ent.text
                break
        if place is None:
            for t in sent:
                if t.lower_ in ("at", "in") and t.head.i == tok.i:
                    pobj = [c for c in t.children if c.dep_ == "pobj"]
                    # a place has a name in it ("the Panmor border crossing"), unlike "at the request of"
                    if (
                        pobj
                        and pobj[0].ent_type_ not in ("DATE", "TIME")
                        and any(x.pos_ == "PROPN" for x in pobj[0].subtree)
                    ):
                        place = doc[pobj[0].left_edge.i : pobj[0].i + 1].text
        when = (
            None
            if _dates_another(tok)
            else _date_of(tok, [t for t in times if s <= t.span.start < e and t.value is not None])
        )
        out.append(
            Event(
                span=Span(s, e, doc_text(doc)[s:e]),
                type=etype,
                status=_status(tok),
                trigger=tok.text,
                participants=participants,
                place=place,
                date=when,
            )
        )
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
