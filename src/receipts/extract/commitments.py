"""Promises and agreements: who owes what to whom, by when.

Cues: promise, pledge, vow, agree (to), commit, undertake, guarantee, and
"will"/"shall" when an actor is the subject. A commitment reported by a
document ("the pact details only that ... will be repatriated") is an
agreement whose source is that document.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from receipts.extract.commitments_actor import interviewee, rejected_on_real_news
from receipts.extract.commitments_rules import Candidate, rejected_by
from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import COMMIT_VERBS, SPEECH_VERBS
from receipts.extract.numbers import antecedent
from receipts.extract.speakers import SpeakerResolver
from receipts.nlp.syntax import FUTURE_WORDS, GATHERING_NOUNS, negated, subject
from receipts.types import Canonical, Commitment, Quote, Span, Speaker, TimeExpr

_DEADLINE_PREPS = frozenset("by within before until in".split())
NEGATIONS = frozenset("not never".split())  # written out in an action whose undertaking is one not to act
INTENT_VERBS = frozenset("plan intend aim hope expect consider want seek mean".split())
_FIRST_PERSON = frozenset("i we".split())
_HEDGES = frozenset("call say describe characterize characterise argue suggest put think imagine guess note".split())
# Verbs by which speakers announce what they are about to say ("I will simply restate ...", "I'll tell
# you this"): the words that follow are the statement.
_ANNOUNCING = frozenset("restate repeat reiterate say tell add stress emphasise emphasize".split())
_ACTORISH = ("person", "organisation", "country", "group")
# "has a plan to raise the money", "announced a pledge to cut fares": an undertaking named by a noun,
# held or made public by its subject.
PLAN_NOUNS = frozenset("plan pledge promise commitment vow".split())
PLAN_HOLDERS = frozenset("have announce unveil outline present make give detail release lay set".split())
# Reporting verbs that deny what they report: "denied that he would raise taxes" is a plan not to.
DENIALS = frozenset("deny dismiss reject".split())
# "Under the terms, the company must buy back ...": what a party owes under an agreement it made.
AGREEMENT_NOUNS = frozenset("term settlement agreement deal accord pact contract decree".split())


def _subject(tok: Token) -> Token | None:
    return subject(tok)


def _action_span(doc: Doc, verb: Token, exclude: set[int]) -> tuple[int, int]:
    """Return the verb phrase: the verb and what follows it, without trailing adjuncts of time."""
    toks = [verb.i]
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "mark", "punct", "cc", "advcl", "conj"):
            continue
        if child.i < verb.i and child.dep_ not in ("prt",):
            continue
        sub = [t.i for t in child.subtree if t.i not in exclude]
        toks.extend(sub)
    toks = sorted(set(toks))
    start, end = toks[0], toks[-1] + 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if doc[start:end].text.count('"') % 2 and end < len(doc) and doc[end].text == '"':
        end += 1  # keep a quotation closed: repatriated "as soon as practicable"
    return start, end


_OCCASIONS = GATHERING_NOUNS | frozenset("visit trip election vote ceremony hearing".split())
_MOTION = frozenset("travel go come fly move head walk drive sail ride journey".split())


def _within_clause(t: Token, top: Token) -> bool:
    """Whether ``t`` sits in ``top``'s own phrase, not in a clause hung on it ("a condition that ...")."""
    for anc in t.ancestors:
        if anc.i == top.i:
            return True
        if anc.dep_ in ("relcl", "acl", "appos", "advcl"):
            return False
    return False


def _beneficiary(verb: Token) -> str | None:
    for child in verb.subtree:
        if child.dep_ == "dative":
            return " ".join(t.text for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_.lower() in _MOTION:
            continue  # "travel to the border": where, not for whom
        if child.dep_ == "prep" and child.lower_ in ("to", "for") and child.head.i == verb.i:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and child.lower_ == "for" and pobj[0].lemma_.lower() in _OCCASIONS:
                continue  # "for the next handover": when, not for whom
            if pobj and pobj[0].pos_ in ("PROPN", "NOUN", "PRON") and pobj[0].ent_type_ not in ("DATE", "TIME"):
                return " ".join(t.text for t in pobj[0].subtree)
    # "the remains of 300 Ostravian soldiers": the people something is returned to.
    for child in verb.children:
        if child.dep_ == "dobj":
            for t in child.subtree:
                if t.ent_type_ in ("NORP", "GPE") and t.i != child.i and _within_clause(t, child):
                    table = verb.doc._.aliases
                    country = table.demonym(t.text) if table is not None else None
                    return country or t.text
    return None


def _deadline(times: tuple[TimeExpr, ...], a: int, b: int, doc: Doc) -> TimeExpr | None:
    best = None
    for t in times:
        if a <= t.span.start < b:
            before = doc_text(doc)[max(0, t.span.start - 8) : t.span.start].lower().split()
            lead = t.span.text.lower().split()[0] if t.span.text else ""
            if (before and before[-1] in _DEADLINE_PREPS) or lead in _DEADLINE_PREPS:
                return t
            best = best or (t if (t.value is not None and not t.relative) else None)
    return best


def _resolve_object(doc: Doc, verb: Token) -> str | None:
    """What a pronoun object stands for: "return them" -> "remains of soldiers"."""

    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None or obj.lower_ not in ("them", "it", "those", "these", "they"):
        return None
    # Best: the object of the same verb said earlier ("pledged to return the remains ... 'We will return them'").
    for tok in reversed(doc[max(0, verb.i - 120) : verb.i]):
        if tok.lemma_ == verb.lemma_ and tok.pos_ == "VERB":
            prev = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if prev is not None:
                of = next((c for c in prev.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                return f"{prev.text} of {pobj.text}" if pobj is not None else prev.text
    return antecedent(doc, obj)


def _under_commit(tok: Token) -> bool:
    """Whether a clause hangs from a commitment verb ("vowed that no family would be evicted")."""
    return any(a.lemma_.lower() in COMMIT_VERBS for a in tok.head.ancestors)


def _plan_noun(tok: Token) -> Token | None:
    """The action of a plan held or announced by the clause subject ("he has a plan to raise the money"),
    or None ("has no plan to", "does not have a plan", "the plan to raise" with no holder)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PLAN_NOUNS or tok.dep_ != "dobj":
        return None
    holder = tok.head
    if holder.lemma_.lower() not in PLAN_HOLDERS or any(c.dep_ == "neg" for c in holder.children):
        return None
    if any(c.lower_ in ("no", "any") for c in tok.children):
        return None
    return next(
        (c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)),
        None,
    )


def _under_agreement(verb: Token) -> bool:
    """Whether a clause is set "under the terms" (the settlement, the deal) of an agreement."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "under":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in AGREEMENT_NOUNS:
                return True
    return False


def _negative(c: Candidate) -> bool:
    """Whether the undertaking is one not to act: "vowed not to", "does not plan to", "denied he would"."""
    if any(ch.dep_ == "neg" for ch in c.verb.children):
        return True
    if c.future and any(a.lemma_.lower() in DENIALS and a.pos_ == "VERB" for a in c.verb.ancestors):
        return True
    return not c.future and c.cue.pos_ == "VERB" and c.cue.i != c.verb.i and negated(c.cue)


def _enclosing(quotes: tuple[Quote, ...], char: int) -> Quote | None:
    best = None
    for q in quotes:
        if q.content.start <= char < q.content.end and (best is None or q.content.start >= best.content.start):
            best = q
    return best


def _open_at(text: str, a: int, i: int) -> bool:
    """Whether a quotation mark opened between a and i is still open at i, within one paragraph."""
    before = text[a:i]
    if "\n" in before:
        return False
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _quoted_by(quotes: tuple[Quote, ...], text: str, i: int) -> Quote | None:
    """The quote whose quotation is still open at i: the one around it, or one that began earlier in the
    paragraph and runs on past its tagged content ('"If you like your doctor, ... Period. If you like
    your plan, you will be able to keep it."')."""
    around = _enclosing(quotes, i)
    if around is not None:
        return around
    earlier = [
        q for q in quotes if q.speaker is not None and q.content.start < i and _open_at(text, q.content.start, i)
    ]
    return max(earlier, key=lambda q: q.content.start, default=None)


def _assured_ability(head: Token, subj: Token | None, aux: Token, quote: Quote | None) -> Token | None:
    """A pledge made to the audience: '"If you like your plan, you will be able to keep your plan," the
    president said' promises what the listener will be able to do; the speaker owes it. Only in the
    speaker's own words inside quotation marks, not negated ("you will not be able to" warns), not with
    "would" (a conditional). Returns the verb of what is assured."""
    if quote is None or quote.speaker is None or subj is None or subj.lower_ != "you":
        return None
    if not _open_at(doc_text(subj.doc), quote.content.start, subj.idx):
        return None  # the speaker's own words only, inside quotation marks
    if aux.lower_ == "would" or head.lemma_ != "be" or any(c.dep_ == "neg" for c in head.children):
        return None
    able = next((c for c in head.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
    if able is None:
        return None
    return next((c for c in able.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def extract_commitments(doc: Doc, *, mentions=None, quotes=None, times=None) -> list[Commitment]:
    """Find commitments with actor, action, beneficiary, deadline and source.

    Needs the parser, ``doc._.mentions``, ``doc._.quotes`` and ``doc._.times``. Pure.
    """
    mentions = doc._.mentions if mentions is None else mentions
    quotes = doc._.quotes if quotes is None else quotes
    times = doc._.times if times is None else times
    resolver = SpeakerResolver(doc, mentions)

    def resolve_subject(tok: Token) -> Speaker | None:
        quote = _enclosing(quotes, tok.idx)
        return resolver.resolve(tok, self_speaker=quote.speaker if quote else None)

    out: list[Commitment] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        verb = cue = None
        kind = "promise"
        assured: Token | None = None  # the "you" of a pledge to the audience (_assured_ability)
        if lemma in COMMIT_VERBS and tok.pos_ == "VERB":
            xcomp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
            if xcomp is not None and xcomp.pos_ in ("VERB", "AUX"):
                verb, cue = xcomp, tok
            elif any(c.dep_ == "dobj" for c in tok.children) and lemma in ("promise", "pledge", "guarantee", "vow"):
                verb, cue = tok, tok  # "promised new housing to the victims": the object is the action
            elif lemma in ("agree", "commit") and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                prep = next(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to")
                pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is None:
                    continue
                verb, cue = pobj, tok  # "agreed to a ceasefire", "committed to lifting the sanctions"
            else:
                continue
            if lemma in ("agree", "commit"):
                kind = "agreement"
            if tok.tag_ == "VBZ" and lemma == "commit":
                kind = "agreement"  # "The pact commits both countries to ..."
        elif lemma in INTENT_VERBS and tok.pos_ == "VERB":
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            if xcomp is None or lemma == "expect" and not any(c.dep_ in ("nsubj",) for c in tok.children):
                continue
            verb, cue, kind = xcomp, tok, "intention"
        elif (action := _plan_noun(tok)) is not None:
            verb, cue, kind = action, tok, "intention"  # "he has a plan to raise the $12 million"
        elif tok.lower_ == "must" and tok.dep_ == "aux" and tok.head.pos_ == "VERB" and _under_agreement(tok.head):
            verb, cue, kind = tok.head, tok, "agreement"  # "under the settlement, the company must buy back"
        elif tok.lower_ in FUTURE_WORDS and tok.dep_ == "aux" and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
            if head.lemma_.lower() in COMMIT_VERBS or head.dep_ in ("xcomp",):
                continue
            if tok.lower_ == "would" and head.lemma_.lower() in _HEDGES:
                continue  # "I would call it productive": an opinion, softened, not an intention
            if head.lemma_.lower() in _ANNOUNCING and (s := _subject(head)) is not None and s.lower_ in ("i", "we"):
                continue  # "I will simply restate what I have said": what the speaker says next, not a pledge
            if head.lemma_.lower() in INTENT_VERBS and any(c.dep_ == "xcomp" for c in head.children):
                continue
            if (
                head.pos_ == "AUX"
                and head.lemma_ == "be"
                and not any(c.dep_ in ("acomp", "advmod", "attr") for c in head.children)
            ):
                continue
            verb, cue = head, tok
            subj_tok = _subject(head)
            quoted = _enclosing(quotes, tok.idx) is not None
            first_person = subj_tok is not None and subj_tok.lower_ in _FIRST_PERSON
            kind = "promise" if (tok.lower_ != "would" and quoted and first_person) else "intention"
            speaking = _quoted_by(quotes, doc_text(doc), tok.idx)
            able = _assured_ability(head, subj_tok, tok, speaking)
            if able is not None:
                verb, kind, assured = able, "promise", subj_tok
            if tok.lower_ == "would" and _under_commit(tok):
                kind = "promise"
        else:
            continue
        subj = _subject(cue if cue.pos_ == "VERB" and cue.lemma_.lower() in COMMIT_VERBS else verb)
        if cue.pos_ == "NOUN":
            subj = _subject(cue.head)  # the one who has or announced the plan
        if assured is not None:
            subj = assured
        if subj is None and cue.tag_ == "VBG" and cue.dep_ == "advcl":
            # "Trump spoke to the miners, promising to lift the rules": a participle's subject is its clause's.
            subj = subject(cue.head)
        quote = _enclosing(quotes, tok.idx)
        actor: Speaker | None = None
        passive = subj if subj is not None and subj.dep_ == "nsubjpass" else None
        if passive is not None:
            # "the remains will be repatriated": they are what is owed; the one who owes it is the agent, if named
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subj is not None:
            actor = resolver.resolve(subj, self_speaker=quote.speaker if quote else None)
        if assured is not None:
            quote = speaking
            actor = quote.speaker  # "you will be able to keep your plan": the speaker assures it (_assured_ability)
        if actor is None and subj is not None and subj.pos_ == "PRON":
            # "The ministry said it would ...": the pronoun is the reporting clause's subject.
            reporter = next((a for a in verb.ancestors if a.lemma_.lower() in SPEECH_VERBS), None)
            rsubj = _subject(reporter) if reporter is not None else None
            if rsubj is not None and rsubj.i != subj.i:
                actor = resolver.resolve(rsubj)
        if (
            quote is not None
            and quote.direct
            and actor is not None
            and subj is not None
            and subj.lower_ in _FIRST_PERSON
            and quote.speaker is not None
            and actor.name == quote.speaker.name
            and (asked := interviewee(doc, quote, resolver.resolve)) is not None
        ):
            # "X asked Y about it. 'I will ...,' he said": the one who answers is Y.
            quote = replace(quote, speaker=asked)
            actor = Speaker(asked.name, asked.kind, actor.span, "pronoun")
        # Reported by whom: the quote's speaker, or the speaker of a paraphrase around it.
        source = quote.speaker if quote else None
        if actor is not None and quote is not None and subj is not None and subj.lower_ in _FIRST_PERSON:
            actor = Speaker(actor.name, actor.kind if actor.kind != "unknown" else "person", actor.span, actor.via)
        terms = False
        if actor is None or actor.kind not in _ACTORISH:
            # A document's terms ("the pact details only that ... will be repatriated"), not a
            # forecast about things ("motors that will not arrive before March").
            if (
                source is not None
                and source.kind == "document"
                and verb.dep_ not in ("ROOT", "relcl")
                and not any(c.dep_ == "neg" for c in verb.children)
                and passive is not None  # terms say what "will be done"; "the plan would cut" is an effect
            ):
                kind, terms = "agreement", True
            elif cue.lemma_.lower() not in COMMIT_VERBS | INTENT_VERBS | PLAN_NOUNS:
                continue  # "the storm will reach the coast": nobody owes anything
        if cue.pos_ == "NOUN" and actor is not None:
            # A plan made public by its holder ("announced a plan to", "said he has a plan to") is
            # an undertaking to track, as a pledge is; one the narrator ascribes stays an intention.
            own = quote is not None and quote.speaker is not None and quote.speaker.name == actor.name
            if cue.lemma_.lower() != "plan" or own or cue.head.lemma_.lower() != "have":
                kind = "promise"
        bound = _under_agreement(verb)
        if bound and kind == "intention":
            kind = "agreement"  # "under the deal, the country will reduce its stockpile"
        # a pledge to the audience binds the speaker, not its "you" (which the rules rightly never take for an actor)
        candidate = Candidate(
            tok, cue, verb, None if assured is not None else subj, actor, quote, document_terms=terms, bound=bound
        )
        if rejected_by(candidate, resolve_subject) is not None or rejected_on_real_news(candidate) is not None:
            continue
        sent = tok.sent
        deadline = _deadline(times, sent.start_char, sent.end_char, doc)
        exclude: set[int] = set()
        if deadline is not None and deadline.span.start > verb.idx:
            dspan = doc.char_span(deadline.span.start, deadline.span.end, alignment_mode="expand")
            if dspan is not None:
                first = (
                    dspan.start - 1
                    if dspan.start > 0 and doc[dspan.start - 1].lower_ in _DEADLINE_PREPS
                    else dspan.start
                )
                exclude = set(range(first, dspan.end))
        if verb is cue:
            obj = next(c for c in verb.children if c.dep_ == "dobj")
            a, b = obj.left_edge.i, obj.right_edge.i + 1
        else:
            a, b = _action_span(doc, verb, exclude)
        if passive is not None and actor is None and passive.i < a:
            a = passive.left_edge.i  # "the remains will be repatriated": what is owed, with no one named to owe it
        action = doc[a:b].text
        negative = _negative(candidate)
        if negative and not any(t.dep_ == "neg" or t.lower_ in NEGATIONS for t in doc[a:b]):
            # "would not seek a recount", "denied he would raise taxes": the undertaking is one not to act
            said = next((c for c in verb.children if c.dep_ == "neg" and c.lower_ in NEGATIONS), None)
            action = f"{said.lower_ if said is not None else 'not'} {action}"
        span = Span(sent.start_char, sent.end_char, doc_text(doc)[sent.start_char : sent.end_char])
        vspan = doc[a:b]
        resolved = _resolve_object(doc, verb)
        canonical = Canonical(
            object_resolved=resolved,
            subject=actor.name if actor else None,
            predicate=verb.lemma_.lower() if verb is not cue else cue.lemma_.lower(),
            object=action,
            polarity="negative" if negative else "positive",
            holds_at=deadline.iso if deadline else None,
            said_on=doc._.published.isoformat() if doc._.published else None,
            speaker=source.name if source else None,
            quantity=next(
                (
                    {"value": q.value, "unit": q.unit, "approx": q.approx, "upper": q.upper}
                    for q in doc._.quantities
                    if vspan.start_char <= q.span.start < vspan.end_char
                ),
                None,
            ),
        )
        out.append(
            Commitment(
                canonical=canonical,
                span=span,
                actor=actor.name if actor else None,
                action=action,
                cue=cue.text,
                beneficiary=_beneficiary(verb),
                deadline=deadline,
                source=source,
                kind=kind,
            )
        )
    return out


@Language.factory(
    "receipts_commitments", requires=["doc._.mentions", "doc._.quotes", "doc._.times"], assigns=["doc._.commitments"]
)
def make_commitments(nlp: Language, name: str):
    def commitments(doc: Doc) -> Doc:
        doc._.commitments = tuple(extract_commitments(doc))
        return doc

    return commitments
