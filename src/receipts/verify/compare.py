"""Structured comparison of a claim and a piece of evidence, on their parses.

Each rule is precise and explains itself: a number that differs for the same counted thing, a
negation of the same predicate, opposite predicates (stopped / continued, held / skipped), opposite
evaluations of the same topic (progress / regrettable). Rules that do not fire say nothing; the NLI
model then decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from receipts.nlp.syntax import GATHERING_NOUNS, MODAL_WORDS, has_aux

FAMILIES = {
    "transfer": {
        "return",
        "send",
        "repatriate",
        "hand",
        "deliver",
        "give",
        "receive",
        "bring",
        "transfer",
        "release",
        "come",
        "reach",
        "arrive",
    },
    "stop": {"stop", "halt", "cease", "end", "suspend", "freeze", "dismantle", "abandon", "close"},
    "continue": {"continue", "increase", "expand", "resume", "build", "accelerate", "grow", "construct"},
    "held": {"meet", "attend", "convene"},
    "skipped": {"skip", "cancel", "boycott", "fail", "postpone", "delay", "abandon"},
    # the direction of a change: "unemployment fell" against "unemployment rose"
    "up": {"rise", "increase", "grow", "climb", "jump", "soar", "double", "triple", "surge", "swell"},
    "down": {"fall", "decrease", "drop", "decline", "shrink", "plunge", "halve", "sink", "slump", "dip", "ease"},
}
OPPOSITE = {
    ("stop", "continue"),
    ("continue", "stop"),
    ("held", "skipped"),
    ("skipped", "held"),
    ("up", "down"),
    ("down", "up"),
}
# General English evaluations of an event or process; no word from one story.
POSITIVE_EVAL = {
    "progress",
    "productive",
    "good-faith",
    "constructive",
    "success",
    "successful",
    "breakthrough",
    "positive",
    "fruitful",
}
NEGATIVE_EVAL = {
    "regrettable",
    "failure",
    "failed",
    "dangerous",
    "collapse",
    "collapsed",
    "setback",
    "hostile",
    "fruitless",
    "stalled",
    "disaster",
}
_LIGHT = {
    "be",
    "have",
    "say",
    "do",
    "make",
    "get",
    "tell",
    "add",
    "go",
    "will",
    "would",
    "accord",
    "come",
    "take",
    "show",
    "find",
    "report",
    "clarify",
    "wish",
    "seem",
    "appear",
    "include",
    "detail",
    "call",
    "ask",
    "set",
}
# Verbs of saying: who said what is not what happened ("he wrote that ..." and "she wrote that ..." share no act).
_REPORTING = {
    "write",
    "state",
    "announce",
    "confirm",
    "note",
    "explain",
    "argue",
    "acknowledge",
    "admit",
    "warn",
    "declare",
    "stress",
    "insist",
    "claim",
    "suggest",
    "contend",
    "testify",
    "maintain",
    "tweet",
    "respond",
    "reply",
    "comment",
    "cite",
    "describe",
    "label",
    "brand",
    "mention",
    "remark",
    "observe",
    "emphasize",
    "emphasise",
}
_LIGHT = _LIGHT | _REPORTING
_GENERIC = {"thing", "time", "way", "day", "week", "people", "side", "year", "part", "point", "today"}


@dataclass(frozen=True, slots=True)
class Signal:
    """What a rule concluded: stance support / refute, its strength, and a short reason."""

    stance: str  # support | refute
    strength: float
    kind: str  # quantity | negation | predicate | evaluation
    detail: str


def singular(word: str) -> str:
    """Crude singular for matching unit words against spaCy noun lemmas ("remains" -> "remain")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


_EVENT_NOUNS = GATHERING_NOUNS | {"conference", "negotiation"}


def key_lemmas(doc: Doc) -> set[str]:
    """Nouns and names a claim is about, lower-cased lemmas, plus what its numbers count."""
    keys = {
        t.lemma_.lower()
        for t in doc
        if t.pos_ in ("NOUN", "PROPN")
        and not t.is_stop
        and t.lemma_.lower() not in _GENERIC
        and len(t.text) > 2
        and t.ent_type_ not in ("DATE", "TIME")
    }
    for q in getattr(doc._, "quantities", ()) or ():
        if q.unit and q.kind == "count":
            keys |= {singular(w) for w in q.unit.lower().split() if w != "of"}
    return keys


def object_lemmas(doc: Doc) -> set[str]:
    """What the main verbs act on: objects, passive subjects, and what numbers count."""
    objs = {
        t.lemma_.lower()
        for t in doc
        if t.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "nsubj") and t.pos_ in ("NOUN", "PROPN")
    }
    for q in getattr(doc._, "quantities", ()) or ():
        if q.unit:
            objs |= {singular(w) for w in q.unit.lower().split() if w != "of"}
    return objs


_DISTANCING = {
    "contradict",
    "deny",
    "dispute",
    "reject",
    "refute",
    "question",
    "doubt",
    "pledge",
    "promise",
    "vow",
    "agree",
    "commit",
    "plan",
    "intend",
    "hope",
    "expect",
    "want",
    "aim",
}
_CLAIM_NOUNS = {"statement", "claim", "assertion", "allegation", "promise", "pledge"}


def asserted(t) -> bool:
    """Whether a token is asserted by its sentence, not held at a distance ("contradicts her statement that ...")."""
    for anc in t.ancestors:
        if anc.lemma_.lower() in _DISTANCING or (anc.lemma_.lower() in _CLAIM_NOUNS and anc.pos_ == "NOUN"):
            return False
    return True


def verb_families(doc: Doc) -> set[str]:
    """Predicate families of the asserted main verbs, plus the verbs' own lemmas ("verb:reopen")."""
    fams = set()
    for t in doc:
        lemma = t.lemma_.lower()
        skipped_event = t.dep_ == "amod" and lemma in FAMILIES["skipped"] and t.head.lemma_.lower() in _EVENT_NOUNS
        if skipped_event and asserted(t):
            fams.add("skipped")  # "the skipped meeting at Panmor" takes for granted that it was skipped
            continue
        if not asserted(t) or t.dep_ == "amod" or has_aux(t, MODAL_WORDS):
            continue
        if t.pos_ == "VERB" and lemma not in _LIGHT and t.dep_ not in ("xcomp", "advcl"):
            fams.add(f"verb:{lemma}")
        if lemma in ("hold", "take") and t.pos_ == "VERB":
            args = {c.lemma_.lower() for c in t.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")}
            if args & _EVENT_NOUNS or (lemma == "take" and any(c.lower_ == "place" for c in t.children)):
                fams.add("held")
            continue
        if t.pos_ in ("VERB", "AUX", "NOUN") and lemma not in _LIGHT or lemma == "no-show":
            for fam, words in FAMILIES.items():
                if lemma in words or (lemma == "no-show" and fam == "skipped"):
                    fams.add(fam)
        if lemma == "fail" and any(
            c.dep_ == "xcomp" and c.lemma_ in ("show", "attend", "appear", "come") for c in t.children
        ):
            fams.add("skipped")
        direction = _phrasal_direction(t)
        if direction and t.pos_ == "VERB":
            fams.add(direction)
    return fams


def _phrasal_direction(t) -> str | None:
    """ "have gone up", "shot up", "went down": a change told by a verb and its particle."""
    if t.lemma_.lower() not in _PHRASAL_MOVES:
        return None
    particle = next(
        (c.lower_ for c in t.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("up", "down")), None
    )
    return {"up": "up", "down": "down"}.get(particle or "")


def is_negated(doc: Doc) -> bool:
    """Whether the statement denies its main content ("no remains have been returned", "not a single set")."""
    for t in doc:
        if t.dep_ == "neg" and t.head.pos_ in ("VERB", "AUX") and t.head.lemma_.lower() not in ("deny",):
            return True
        if t.lower_ in ("no", "none", "never", "nothing", "nobody") and t.dep_ in (
            "det",
            "neg",
            "nsubj",
            "nsubjpass",
            "dobj",
            "advmod",
        ):
            return True
    return any(t.pos_ == "VERB" and _denied_token(t) for t in doc)


_NONE_WORDS = {"none", "nothing", "nobody", "neither"}


def _denied_token(t) -> bool:
    """Whether this verb itself is denied: "has not returned", "no remains were returned",
    "none of them arrived", "not a single set ... has been returned"."""
    if any(c.dep_ == "neg" for c in t.children):
        return True
    for arg in t.children:
        if arg.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if arg.lower_ in _NONE_WORDS or any(
            c.dep_ == "det" and c.lower_ == "no" or c.dep_ == "neg" for c in arg.children
        ):
            return True
        first = arg.left_edge
        if first.i > 0 and first.nbor(-1).lower_ == "not" and first.lower_ in ("a", "one", "any", "single"):
            return True
    return False


def denied(doc: Doc) -> dict[str, set[str]]:
    """Predicates the statement denies, each with the nouns it acts on.

    "No remains have been returned to Ostravia" -> {"transfer": {remain, ostravia}, "verb:return": {...}}.
    """
    out: dict[str, set[str]] = {}
    for t in doc:
        if t.pos_ != "VERB" or not asserted(t) or not _denied_token(t):
            continue
        lemma = t.lemma_.lower()
        dated = {d.i for c in t.children if c.dep_ == "prep" and _when(c) for d in c.subtree}
        args = {
            d.lemma_.lower()
            for d in t.subtree
            if d.i not in dated
            and d.i != t.i
            and d.pos_ in ("NOUN", "PROPN")
            and d.ent_type_ not in ("DATE", "TIME")
            and d.lemma_.lower() not in _GENERIC
        }
        if lemma in _NONE_WORDS or not args:
            continue
        names = {f"verb:{lemma}"} | {fam for fam, words in FAMILIES.items() if lemma in words}
        for name in names:
            out.setdefault(name, set()).update(args)
    return out


def evaluations(doc: Doc) -> dict[str, int]:
    """Evaluations by topic: {"talk": +1} for "the talks had been good-faith negotiations"."""
    out: dict[str, int] = {}
    for t in doc:
        word = t.lower_
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-":  # spaCy splits "good-faith" in three
            word = f"{word}-{doc[t.i + 2].lower_}"
        sign = (
            1
            if word in POSITIVE_EVAL or t.lemma_.lower() in POSITIVE_EVAL
            else -1
            if (word in NEGATIVE_EVAL or t.lemma_.lower() in NEGATIVE_EVAL)
            else 0
        )
        if not sign:
            continue
        head = t
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        subj = next(
            (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None
        )
        if subj is not None and subj.lemma_.lower() in _SPANS_OF:  # "two days of talks" are talks
            subj = next(
                (
                    g
                    for p in subj.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ),
                subj,
            )
        if subj is not None:
            topic = subj.lemma_.lower()
            out[topic] = out.get(topic, 0) + sign
    return {k: (1 if v > 0 else -1) for k, v in out.items() if v}


def _unit_key(unit: str | None) -> str | None:
    if not unit:
        return None
    return " ".join(singular(w) for w in unit.lower().split(" of ")[0].split())


def same_unit(a: str | None, b: str | None) -> bool:
    """ "transport cases" matches "cases" and "transport cases", not "instrument cases"."""
    ka, kb = _unit_key(a), _unit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return " " not in short and long_.split()[-1] == short


def _readable(families: set[str]) -> str:
    """Name a shared predicate for a reader: a family ("transfer") or the verb ("reopen")."""
    named = sorted(f for f in families if not f.startswith("verb:"))
    verbs = sorted(f[5:] for f in families if f.startswith("verb:"))
    return (verbs or named or ["it"])[0] if verbs else named[0]


_TIME_PREPS = {"since", "after", "before", "until", "during", "following"}


def _when(prep) -> bool:
    """Whether a prepositional phrase only dates something ("since the summit", "on July 4")."""
    return prep.lower_ in _TIME_PREPS or any(x.ent_type_ in ("DATE", "TIME") for x in prep.subtree)


def family_arguments(doc: Doc, family: str) -> set[str]:
    """Nouns and names the words of one predicate family act on, leaving out when it happened.

    "construction at the Sarn site has continued since the summit" -> {construction, sarn, site}
    for "continue": the summit only dates it, and "the end of the summit" is not about the site.
    """
    words = (
        FAMILIES.get(family, set())
        | ({"hold", "take"} if family == "held" else set())
        | ({"no-show"} if family == "skipped" else set())
    )
    out: set[str] = set()
    for t in doc:
        if t.lemma_.lower() not in words:
            continue
        if t.dep_ == "amod":
            t = t.head  # "the skipped meeting at the crossing": what was skipped is the meeting
        dated = {d.i for c in t.children if c.dep_ == "prep" and _when(c) for d in c.subtree}
        out |= {
            d.lemma_.lower()
            for d in t.subtree
            if d.i not in dated
            and d.pos_ in ("NOUN", "PROPN")
            and d.ent_type_ not in ("DATE", "TIME")
            and d.lemma_.lower() not in _GENERIC
        }
    return out


_PHRASAL_MOVES = {"go", "shoot", "come", "move", "edge", "creep", "tick", "head"}
_SPANS_OF = {"day", "week", "hour", "round", "month", "session", "series"}
_SAYS = {
    "stop": "it stopped",
    "continue": "it continued",
    "held": "it was held",
    "skipped": "it was skipped",
    "up": "it rose",
    "down": "it fell",
}
_MEASURES = {"number", "level", "rate", "share", "amount", "total", "figure", "count"}


def changed(doc: Doc, family: str) -> set[str]:
    """What went up or down: the subject of a verb of the family, with its compounds, and what a
    measure counts ("the number of tourists" -> {tourist}); "rainfall in Dorn" -> {rainfall}."""
    out: set[str] = set()
    for t in doc:
        if t.lemma_.lower() not in FAMILIES[family] and _phrasal_direction(t) != family:
            continue
        for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")):
            heads = [subj]
            if subj.lemma_.lower() in _MEASURES:
                heads = [
                    g
                    for p in subj.children
                    if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
            for h in heads:
                out |= {h.lemma_.lower()} | {c.lemma_.lower() for c in h.children if c.dep_ == "compound"}
    return out


_NOT_PLACES = {
    "statement",
    "interview",
    "speech",
    "report",
    "letter",
    "response",
    "addition",
    "fact",
    "total",
    "order",
    "case",
    "effect",
    "favor",
    "favour",
    "place",
    "charge",
    "term",
    "particular",
    "general",
    "public",
    "power",
    "office",
    "touch",
    "contact",
    "line",
    "support",
    "time",
    "way",
    "part",
    "service",
    "talk",
    "meeting",
    "news",
    "conference",
    "hearing",
    "briefing",
    "court",
    "session",
}
_LOCATIVE = {"in", "at", "across", "throughout", "near", "inside", "outside"}
_MUTUAL = {"meet", "talk", "negotiate", "agree", "clash", "trade", "speak"}
_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "this", "that", "who", "which", "one"}
_DURATION = re.compile(r"\b(?:years?|decades?|months?|weeks?|centur(?:y|ies))\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def agents(doc: Doc, words: set[str] | None = None) -> set[str]:
    """Who does it: the active subjects (and passive agents) of the asserted verbs, with their
    compounds, pronouns left out. ``words`` limits it to verbs with those lemmas."""
    out: set[str] = set()
    for t in doc:
        if (
            t.pos_ not in ("VERB", "AUX")
            or (words is not None and t.lemma_.lower() not in words)
            or t.lemma_.lower() in _LIGHT
        ):
            continue
        subjects = [c for c in t.children if c.dep_ == "nsubj"]
        subjects += [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if t.lemma_.lower() in _MUTUAL:  # "the union met the minister" is "the minister met the union"
            subjects += [c for c in t.children if c.dep_ == "dobj"]
            subjects += [
                g for c in t.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"
            ]
        for subj in subjects:
            if subj.lower_ in _PRONOUNS or subj.pos_ == "PRON":
                continue
            out |= {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ == "compound"}
            # "a shipment of grain", "the number of tourists": what the head measures is who it is about
            out |= {
                g.lemma_.lower()
                for p in subj.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            }
    return out


def scope(doc: Doc) -> tuple[set[str], set[str], bool]:
    """Where and when a statement holds: places named, years named, and whether it counts over a
    stretch of time ("in the 18 years that ...")."""
    places = set()  # what a locative phrase names ("in Kent", "at the Sarn site"); a country as an actor is no place
    for t in doc:
        if (
            t.dep_ != "prep"
            or t.lower_ not in _LOCATIVE
            or t.head.pos_ not in ("VERB", "AUX", "NOUN")
            or t.head.lemma_.lower() in _LIGHT
        ):  # "said in a statement" says where it was said, not where it holds
            continue
        for g in t.children:
            if g.dep_ != "pobj" or g.pos_ not in ("NOUN", "PROPN") or g.ent_type_ in ("DATE", "TIME", "PERSON"):
                continue
            if g.lemma_.lower() not in _GENERIC and g.lemma_.lower() not in _NOT_PLACES:
                places.add(g.lemma_.lower())
    years = {m.group(1) for e in doc.ents if e.label_ == "DATE" for m in _YEAR.finditer(e.text)}
    stretch = any(
        e.label_ == "DATE"
        and _DURATION.search(e.text)
        and any(t.like_num for t in e)
        and (
            e.root.head.lower_ in ("in", "over", "during", "for", "across", "throughout")
            or any(t.lower_ in ("past", "last", "previous", "first") for t in e)
        )
        for e in doc.ents
    )
    return places, years, stretch


def scopes_differ(claim: Doc, evidence: Doc) -> str | None:
    """Why two statements are not about the same place or time, or None when nothing says so."""
    cp, cy, cs = scope(claim)
    ep, ey, es = scope(evidence)
    if cp and ep and not cp & ep:
        return "different places"
    if cy and ey and not cy & ey:
        return "different years"
    if cs != es:
        return "one counts over a stretch of time"
    return None


def shared_action_words(c_fams: set[str], e_fams: set[str]) -> set[str]:
    """The verb lemmas behind the predicates two statements share ("transfer" -> return, send, ...)."""
    both = c_fams & e_fams
    return {f[5:] for f in both if f.startswith("verb:")} | {w for f in both if f in FAMILIES for w in FAMILIES[f]}


def agents_differ(claim: Doc, evidence: Doc, words: set[str] | None = None) -> bool:
    """Both statements name who did the shared action (``words``), and they name different actors.
    Without shared action words nothing is compared: who reported it is not who did it."""
    if not words:
        return False
    ca, ea = agents(claim, words), agents(evidence, words)
    return bool(ca and ea and not ca & ea)


def compare(
    claim: Doc, evidence: Doc, *, claim_keys: frozenset[str] = frozenset(), claim_unit_text: str | None = None
) -> tuple[bool, Signal | None]:
    """Compare parsed claim and evidence.

    :param claim_keys: Extra nouns the claim is about, known from its context (an elided counted noun).
    :returns: ``(relevant, signal)``: relevant when they share a key noun or name; signal when a rule fired.
    """
    shared = (key_lemmas(claim) | claim_keys) & key_lemmas(evidence)
    if not shared:
        return False, None
    c_fams, e_fams = verb_families(claim), verb_families(evidence)
    topic = ", ".join(sorted(shared)[:3])
    # Numbers for the same counted thing, in a statement about the same action or place.
    cq = [q for q in claim._.quantities if q.kind in ("count", "percent", "money") and q.value]
    eq = [q for q in evidence._.quantities if q.kind in ("count", "percent", "money") and q.value]
    unit_words = {singular(w) for q in cq + eq for w in (q.unit or "").lower().split()}
    c_verbs = {f for f in c_fams if f.startswith("verb:")}
    e_verbs = {f for f in e_fams if f.startswith("verb:")}
    # aligned: the same action (or, with no action on either side, the same things beyond what is
    # counted), by the same actor, in the same place and time
    comparable = (
        (bool(c_fams & e_fams) or (not c_verbs and not e_verbs and len(shared - unit_words) >= 2))
        and not agents_differ(claim, evidence, shared_action_words(c_fams, e_fams))
        and scopes_differ(claim, evidence) is None
    )
    for a in cq:
        for b in eq:
            ka, kb = _unit_key(a.unit), _unit_key(b.unit)
            if ka and kb and ka.split()[-1] == kb.split()[-1] and not same_unit(a.unit, b.unit):
                return False, None  # "transport cases" and "instrument cases": not the same thing
    for a in cq:
        for b in eq:
            if comparable and same_unit(a.unit, b.unit):
                close = abs(a.value - b.value) <= 0.05 * max(abs(a.value), 1)
                if close:
                    return True, Signal("support", 0.8, "quantity", f"same figure: {b.span.text}")
                return True, Signal(
                    "refute", 0.8, "quantity", f"claimed {a.span.text} {a.unit or ''}; record: {b.span.text}".strip()
                )
    claim_neg, ev_neg = is_negated(claim), is_negated(evidence)
    same_family = bool(c_fams & e_fams)
    c_objects = object_lemmas(claim) | claim_keys
    same_object = bool(c_objects & (object_lemmas(evidence) | key_lemmas(evidence)))
    aligned = (
        not agents_differ(claim, evidence, shared_action_words(c_fams, e_fams))
        and scopes_differ(claim, evidence) is None
    )
    if same_family and same_object and claim_neg != ev_neg and aligned:
        what = _readable(c_fams & e_fams)
        thing = ", ".join(sorted(c_objects & (object_lemmas(evidence) | key_lemmas(evidence)))[:2])
        if claim_neg:
            detail = f"claim denies it ({what}: {thing}); record says it happened"
        elif cq:
            unit = cq[0].unit or claim_unit_text or thing
            detail = f"claimed {cq[0].span.text.split()[0]} {unit} ({what}); record: none"
        else:
            detail = f"claim says it happened ({what}: {thing}); record says it did not"
        return True, Signal("refute", 0.85, "negation", detail)
    for a in c_fams:
        for b in e_fams:
            if (
                (a, b) in OPPOSITE
                and not (claim_neg or ev_neg)
                and aligned
                and (
                    changed(claim, a) & changed(evidence, b)
                    if a in ("up", "down")
                    else family_arguments(claim, a) & family_arguments(evidence, b)
                )
            ):
                return True, Signal(
                    "refute", 0.8, "predicate", f"claim says {_SAYS[a]}; record says {_SAYS[b]} ({topic})"
                )
    if claim_neg and ev_neg:
        c_den, e_den = denied(claim), denied(evidence)
        both = sorted(f for f in c_den if f in e_den and c_den[f] & e_den[f])
        if both and aligned:
            what = _readable(set(both))
            thing = ", ".join(sorted(c_den[both[0]] & e_den[both[0]])[:2])
            return True, Signal(
                "support", 0.75, "negation", f"the record also says it did not happen: {what} ({thing})"
            )
    same_verb = any(f.startswith("verb:") for f in c_fams & e_fams)
    if same_family and same_object and aligned and not claim_neg and not ev_neg and (len(shared) >= 2 or same_verb):
        what = _readable(c_fams & e_fams)
        thing = ", ".join(sorted(c_objects & (object_lemmas(evidence) | key_lemmas(evidence)))[:2])
        return True, Signal("support", 0.7, "predicate", f"the record says the same: {what} ({thing})")
    ce, ee = evaluations(claim), evaluations(evidence)
    clash = sorted(
        (t for t in ce if t in ee and ce[t] != ee[t]), key=lambda t: (t not in _EVENT_NOUNS, t)
    )  # talks first
    if clash:
        topics = " and ".join(f"{t}s" if not t.endswith("s") else t for t in clash[:2])
        return True, Signal("refute", 0.75, "evaluation", f"opposite accounts of the {topics}")
    return True, None
