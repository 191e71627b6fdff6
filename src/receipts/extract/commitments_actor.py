"""Commitments on real news: who is committing, and whether anyone is (issue #15).

Reporting adds traps to those of :mod:`receipts.extract.commitments_rules`: emphasis ("I promise you"),
wishes ("I want to see ..."), thinking ("will look into"), narration, guesses, garbled subjects (a
date, an event, a dateline), quoted phrases, and answers credited to the one who asked. Each rejecting
rule is a :class:`CommitmentRule` in :func:`real_news_rules`; :func:`interviewee` recovers an actor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from receipts.extract.commitments_rules import Candidate, CommitmentRule
from receipts.extract.lexicon import (
    ANAPHORIC_ORG_HEADS,
    COMMIT_VERBS,
    DESCRIPTION_HEADS,
    SPEECH_VERBS,
    THINK_VERBS,
    TITLES,
)
from receipts.nlp.syntax import FUTURE_WORDS, GATHERING_NOUNS, subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from receipts.types import Quote, Speaker

# Wishes for a state ("want to see it reopened") and likings ("would welcome a debate") are not acts.
DESIRED_STATES = frozenset("see be have hear feel know become stay remain live emerge".split())
ATTITUDES = frozenset("welcome prefer appreciate enjoy love like hate mind hope wish".split())
# Thinking commits to nothing: "would consider it", "will look into it", "think about it" (with these particles).
NONCOMMITTAL = frozenset("consider ponder mull weigh explore study contemplate".split())
NONCOMMITTAL_PHRASAL = {"look": frozenset({"into", "at", "forward"}), "think": frozenset({"about", "over"})}
# Emphasis, not pledges: "I promise you, ...", "I'll tell you what", "I will admit, it was hard".
LISTENERS = frozenset("you ya y'all yall me us him her them".split())
SPEECH_AS_EMPHASIS = frozenset("tell say assure promise guarantee swear admit confess concede repeat phrase".split())
# Plans narrated in the past ("planned to reopen") are history; wishes are judged by what they wish for.
PLAN_CUES, WISH_CUES = frozenset("plan intend aim".split()), frozenset("want hope wish".split())
# "is expected to", "is predicted to": passive verbs of others' expectation over the commitment.
EXPECTED = frozenset("expect anticipate predict project forecast".split())
# Forecasts, whoever says them: what a fact will show ("would reveal"), outcomes ("we will win"), knowing
# ("wouldn't recognize it", "I would bet on her"), and futures believed, feared or hedged ("would probably").
FORECAST_VERBS = frozenset("predict prove reveal determine signal indicate matter win lose triumph prevail".split())
COGNITION = frozenset(
    "recognize notice understand imagine believe expect bet guess discover remember forget underestimate".split()
)
BELIEF_WORDS = (THINK_VERBS - {"indicate", "show"}) | frozenset(  # "indicated it would give" declares a plan
    "expect predict doubt fear worry suspect bet guess assume hope wonder sure certain confident convinced afraid "
    "worried concerned nervous hopeful optimistic likely unlikely speculate consider clear estimate joke "
    "suggest hint imply".split()  # "a Clinton ally suggested she would do an about-face": a hint, not a pledge
)
HEDGE_ADVERBS = frozenset("probably possibly perhaps maybe likely necessarily conceivably".split())
# Narration: the rest of a past story ("he would later agree") and a habit ("he would often call").
LATER = frozenset("later eventually ultimately subsequently afterwards afterward".split())
HABITUAL = frozenset("often always usually sometimes frequently regularly routinely occasionally".split())
# A writer's inference ("he seems to want to"), not the actor's word.
INFERENCE_VERBS = frozenset("seem appear look sound".split())
# Heads of descriptions that can pledge: people, offices, bodies ("the laws guaranteed" names none).
AGENT_HEADS = (
    frozenset(w for w in {*DESCRIPTION_HEADS, *TITLES} if " " not in w)
    | ANAPHORIC_ORG_HEADS
    | frozenset(
        "board team family nominee coalition alliance bloc city state nation country bank airline league club "
        "operator owner utility organization organisation association federation authority body people "
        "side partner member donor rebel worker resident voter protester student teacher parent employer "
        "employee citizen farmer landlord tenant university school hospital church".split()
    )
)
IMPERSONAL_PLEDGES = frozenset({"promise", "guarantee"})
# Subjects that name no one who pledged: events, a share of a group.
EVENT_NOUNS = GATHERING_NOUNS | frozenset("debate election race struggle fight primary contest".split())
QUANTIFIERS = frozenset("some many several most few both all none each either neither".split())
# Asking: a future in what is asked ("asked whether he would") is a question; "X asked Y": Y answers.
ASKING = frozenset("ask question wonder inquire query".split())
QUESTIONING = frozenset("ask question press quiz query interview grill challenge".split())
_DASHES, _SINGLE_QUOTES = frozenset({"—", "–", "--", "-"}), frozenset({"'", "‘", "`"})
_WOULD, _ACTORISH = frozenset({"would", "'d"}), frozenset({"person", "organisation", "country", "group"})


def _through_try(verb: Token) -> Token:
    """The act behind "try to": "want to try to get" wants to get."""
    while verb.lemma_.lower() in ("try", "attempt"):
        nxt = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            break
        verb = nxt
    return verb


def _wished_act(c: Candidate) -> Token | None:
    """The verb a want, a hope or a "would like to" is about, or None when the cue is not a wish."""
    if c.cue.lemma_.lower() in WISH_CUES and not c.future:
        return _through_try(c.verb)
    if c.wish:
        action = next((ch for ch in c.verb.children if ch.dep_ == "xcomp"), None)
        return _through_try(action) if action is not None else None
    return None


def _desired_state(c: Candidate) -> bool:
    """ "I want to see the mill reopened", "we want to be ...", "I want to make sure": a wish, not an act."""
    act = _wished_act(c)
    sure = (
        act is not None
        and act.lemma_ == "make"
        and any(ch.lower_ in ("sure", "certain", "clear") for ch in act.children)
    )
    passive = act is not None and any(ch.dep_ == "auxpass" for ch in act.children)  # "want to be associated"
    return sure or passive or (act is not None and act.lemma_.lower() in DESIRED_STATES)


def _attitude(c: Candidate) -> bool:
    """ "she would welcome a debate", "I would love to compete": a liking, not an undertaking."""
    liking = c.verb.lemma_.lower() != "like" or not any(ch.dep_ == "xcomp" for ch in c.verb.children)
    return c.future and c.verb.lemma_.lower() in ATTITUDES and liking  # "would like to organize" is a plan


def _noncommittal(c: Candidate) -> bool:
    """ "she would look into the complaints", "would consider it an insult": thinking is not undertaking."""
    act = _through_try(c.verb)
    parts = NONCOMMITTAL_PHRASAL.get(act.lemma_.lower(), frozenset())
    return act.lemma_.lower() in NONCOMMITTAL or any(
        ch.lower_ in parts and ch.dep_ in ("prep", "prt", "advmod") for ch in act.children
    )


def _pledge_as_emphasis(c: Candidate) -> bool:
    """ "I promise you, nobody works harder": a promise verb whose object is the listener is emphasis."""
    if c.cue.lemma_.lower() not in COMMIT_VERBS or c.verb.i != c.cue.i:
        return False
    obj = next((ch for ch in c.cue.children if ch.dep_ == "dobj"), None)
    return obj is not None and obj.lower_ in LISTENERS


def _narrated_past_plan(c: Candidate) -> bool:
    """ "Mr. Pereira planned to reopen the mill": a plan narrated in the past, not reported, is history."""
    if c.future or c.quote is not None or c.cue.lemma_.lower() not in PLAN_CUES or c.cue.tag_ != "VBD":
        return False
    return not any(a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB" for a in c.cue.ancestors)


def _cut_off(c: Candidate) -> bool:
    """ "I want to try to get —": speech broken off right after the action holds no one to anything."""
    toks = [t for t in c.trigger.doc[c.verb.i + 1 : c.trigger.sent.end] if not t.is_space]
    dash = next((k for k, t in enumerate(toks) if t.text in _DASHES), None)
    if dash is None:
        return False
    rest = toks[dash + 1 :]
    return not rest or rest[0].is_quote or all(t.is_punct for t in rest)


def _headline(c: Candidate) -> bool:
    """ "FELLOW DOCTORS DON'T WANT TO ASSOCIATE WITH HIM — ...": a clause in capitals is a heading."""
    seen = {t.i for t in c.head.subtree} | ({t.i for t in c.subject.subtree} if c.subject is not None else set())
    doc = c.trigger.doc
    words = [t for t in (doc[i] for i in seen) if t.is_alpha and len(t.text) > 1]
    return len(words) >= 3 and sum(t.is_upper for t in words) >= 0.8 * len(words)


def _future_of(words: frozenset[str]) -> Callable[[Candidate], bool]:
    """A rule that applies to a "will" or "would" of one of ``words``: "would reveal", "will win"."""
    return lambda c: c.future and c.verb.lemma_.lower() in words


def _future_with(adverbs: frozenset[str], cues: frozenset[str]) -> Callable[[Candidate], bool]:
    """A rule for a future in ``cues`` with one of ``adverbs``: "would later" ("will always" is a pledge)."""
    return lambda c: (
        c.cue.lower_ in cues and any(ch.dep_ == "advmod" and ch.lower_ in adverbs for ch in c.verb.children)
    )


def _believed_future(c: Candidate) -> bool:
    """ "she was sure he would win", "I think we will win": a future believed or feared is a prediction."""
    if not c.future:
        return False
    for node in [c.verb, *c.verb.ancestors]:
        if node.i != c.verb.i and node.lemma_.lower() in BELIEF_WORDS:
            return True
        if node.dep_ not in ("ccomp", "conj", "acomp", "xcomp"):
            return False
    return False


def _wish(c: Candidate) -> bool:
    """ "Trump wants to simplify the tax code", "she would like to give it a shot", "hopes to": a want or a
    hope, however firmly held, commits no one to act (the real-news guideline's desires)."""
    return c.wish or (not c.future and c.cue.lemma_.lower() in WISH_CUES)


def _expected_of(c: Candidate) -> bool:
    """ "The Fed is expected to announce that it will pass": what others expect an actor to do."""
    for node in c.cue.ancestors:
        if node.lemma_.lower() in EXPECTED and any(ch.dep_ == "auxpass" for ch in node.children):
            return True
    return False


def _pledge_by_a_thing(c: Candidate) -> bool:
    """ "The new rules promised to cut waits": "promise" and "guarantee" of a non-agent name no one."""
    subj = c.subject
    if c.cue.lemma_.lower() not in IMPERSONAL_PLEDGES or c.document_terms or subj is None or subj.pos_ != "NOUN":
        return False
    agent = c.actor is not None and c.actor.kind in _ACTORISH
    return not agent and not {subj.lemma_.lower(), subj.lower_} & AGENT_HEADS


def _inferred_intent(c: Candidate) -> bool:
    """ "Governor Abel Cruz seems to want to cut taxes": the writer's inference, not the actor's word."""
    return c.cue.dep_ == "xcomp" and c.cue.head.lemma_.lower() in INFERENCE_VERBS


def _speech_as_emphasis(c: Candidate) -> bool:
    """ "I'll tell you what, we will win", "I will admit, ...": announcing speech undertakes nothing."""
    subj, verb = c.subject, c.verb
    obj = [ch.lemma_.lower() for ch in verb.children if ch.dep_ == "dobj"]
    wording = verb.lemma_ in ("put", "use") and obj in (["it"], ["word"], ["term"])  # "I'll put it this way"
    speech = verb.lemma_.lower() in SPEECH_AS_EMPHASIS or wording
    return c.future and subj is not None and subj.lower_ in ("i", "we") and speech


def _time_as_actor(c: Candidate) -> bool:
    """ "This past weekend in the capital, the leaders committed ...": a time parsed as the subject."""
    return c.subject is not None and c.subject.ent_type_ in ("DATE", "TIME") and not c.document_terms


def _story_sequence(c: Candidate) -> bool:
    """ "I would answer, and he would look at me": "would" clauses of several people tell a scene."""
    if c.cue.lower_ != "would" or c.subject is None:
        return False
    joined = [ch for ch in c.verb.children if ch.dep_ == "conj"]
    if c.verb.dep_ == "conj":
        joined.append(c.verb.head)
    return any(
        any(ch.dep_ == "aux" and ch.lower_ == "would" for ch in other.children)
        and (osubj := subject(other)) is not None
        and osubj.lower_ != c.subject.lower_
        for other in joined
    )


def _unreal_condition(c: Candidate) -> bool:
    """ "If I had won / if I could / if Iran were a stock, I would ...": an unreal "if" (not "if I were")."""
    if c.cue.lower_ != "would":
        return False
    for clause in c.verb.children:
        if clause.dep_ != "advcl" or not any(ch.lower_ == "if" and ch.dep_ == "mark" for ch in clause.children):
            continue
        if any(ch.dep_ == "aux" and ch.lower_ in ("had", "'d", "could") for ch in clause.children):
            return True
        csubj = subject(clause)
        other = csubj is None or c.subject is None or csubj.lower_ != c.subject.lower_
        if clause.lower_ == "were" and other:
            return True
    return False


def _bare_singular_actor(c: Candidate) -> bool:
    """ "After the vote, bloc aims to ...", "Party aims to ...": headline shorthand names no one."""
    subj = c.subject
    if subj is None or subj.tag_ not in ("NN", "NNP") or c.document_terms:
        return False
    headline_start = subj.is_sent_start and subj.ent_type_ == "" and subj.lemma_.lower() in AGENT_HEADS
    if not (subj.text.islower() or headline_start):
        return False
    return not any(ch.dep_ in ("det", "poss", "compound", "nummod", "amod") for ch in subj.children)


def _future_in_description(c: Candidate) -> bool:
    """ "our schools are something we support and will protect": a future describing a noun."""
    node = c.verb
    while node.dep_ == "conj":
        node = node.head
    return c.future and node.dep_ == "relcl" and (c.subject is None or c.subject.tag_ not in ("WP", "WDT"))


def _participle_adjective(c: Candidate) -> bool:
    """ "the convention's pledged delegates", "delegates committed to her": a participle pledges nothing."""
    doc, i = c.cue.doc, c.cue.i
    participle = c.cue.dep_ == "amod" or (c.cue.dep_ == "acl" and c.cue.tag_ == "VBN")  # "delegates committed to"
    noun_phrase = 0 < i < len(doc) - 1 and doc[i - 1].tag_ in ("POS", "DT", "CD") and doc[i + 1].pos_ == "NOUN"
    return c.cue.pos_ == "VERB" and (participle or noun_phrase)


def _in_comparison(c: Candidate) -> bool:
    """ "longer than she had planned to": a plan named in a comparison is a measure, not a plan."""
    return any(ch.lower_ == "than" and ch.dep_ in ("mark", "prep") for ch in c.cue.children)


def _quoted_phrase(c: Candidate) -> bool:
    """ "'... satisfied with 'We'll bomb them,'' said McCain": an "I" or "we" quoted within a quote."""
    subj, q = c.subject, c.quote
    if subj is None or q is None or subj.lower_ not in ("i", "we"):
        return False
    marks = [t for t in c.trigger.doc[c.trigger.sent.start : subj.i] if t.idx >= q.content.start]
    return sum(t.text in _SINGLE_QUOTES for t in marks) % 2 == 1


def _embedded_question(c: Candidate) -> bool:
    """ "Asked whether he would fire the writer", "asked about how he would ...": a question."""
    if not c.future:
        return False
    if any(ch.lower_ == "whether" and ch.dep_ == "mark" for ch in c.verb.children):
        return True
    if c.verb.dep_ == "ccomp" and any(ch.lower_ == "if" and ch.dep_ == "mark" for ch in c.verb.children):
        return True  # "asked if she would", "I don't know if I would": an "if" clause as an object
    wh = any((ch.tag_ in ("WRB", "WP") or ch.lower_ == "if") and ch.i < c.verb.i for ch in c.verb.children)
    return wh and any(a.lemma_.lower() in ASKING for a in list(c.verb.ancestors)[:3])


def _plan_in_question(c: Candidate) -> bool:
    """ "declined to say how he intended to address it", "why she plans to run": a plan asked about or
    explained, not declared."""
    return c.cue.lemma_.lower() in PLAN_CUES and any(ch.tag_ == "WRB" and ch.i < c.cue.i for ch in c.cue.children)


# Verbs whose object, not their subject, does what the clause under them says: "asked supporters to pledge".
OBJECT_CONTROL = frozenset("ask urge tell persuade encourage force order invite push press pressure implore".split())


def _asked_of_others(c: Candidate) -> bool:
    """ "Trump has started asking his supporters to raise their hands and pledge their loyalty": the pledge
    is the supporters', asked of them, not the asker's."""
    node = c.cue
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    head = node.head
    return (
        node.dep_ == "xcomp"
        and head.lemma_.lower() in OBJECT_CONTROL
        and any(ch.dep_ == "dobj" for ch in head.children)
    )


def _event_as_actor(c: Candidate) -> bool:
    """ "as the committee meeting began vowing to fight": an event is not an actor."""
    subj = c.subject
    return subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in EVENT_NOUNS


def _dateline_actor(c: Candidate) -> bool:
    """ "BUENA VISTA, Calif. - ... promised": a dateline in capitals parsed as the subject."""
    subj = c.subject
    if subj is None or not subj.is_upper or len(subj.text) < 4:
        return False
    return any(t.text in _DASHES for t in c.trigger.doc[subj.i + 1 : subj.i + 8])


def _quantified_actor(c: Candidate) -> bool:
    """ "some of the women would campaign for her": a share of a group is no one in particular."""
    subj = c.subject
    return subj is not None and subj.lower_ in QUANTIFIERS and any(ch.lower_ == "of" for ch in subj.children)


def _garbled_actor(c: Candidate) -> bool:
    """ "Republicans will pledge to appoint ...": a pledge in the writer's future is a forecast; and an
    actor of a dozen words ("the group, in which he played a role, and which ...") is a garbled parse."""
    narrated = c.quote is None and any(ch.dep_ == "aux" and ch.lower_ in ("will", "'ll") for ch in c.cue.children)
    return narrated or (c.actor is not None and len(c.actor.name.split()) > 12)


def _plural_for_one(c: Candidate) -> bool:
    """ "because they would reveal his debts", "Sanders supporters plan to": a plural is not one person."""
    plural = c.subject is not None and (c.subject.lower_ == "they" or c.subject.tag_ == "NNS")
    return plural and c.actor is not None and c.actor.kind == "person"


def real_news_rules() -> tuple[CommitmentRule, ...]:
    """The rules in the order they are tried, after those of :mod:`commitments_rules`."""
    return (
        CommitmentRule("headline", "a heading in capitals", _headline),
        CommitmentRule("cut_off", "speech broken off mid-sentence", _cut_off),
        CommitmentRule("time_as_actor", "a time parsed as the subject", _time_as_actor),
        CommitmentRule("speech_as_emphasis", "'I'll tell you what, ...'", _speech_as_emphasis),
        CommitmentRule("inferred_intent", "'seems to want to': the writer's inference", _inferred_intent),
        CommitmentRule("pledge_as_emphasis", "'I promise you, ...': emphasis", _pledge_as_emphasis),
        CommitmentRule("desired_state", "a wish for a state, not an act", _desired_state),
        CommitmentRule("attitude", "a liking: 'would welcome'", _attitude),
        CommitmentRule("noncommittal", "to think about it is not to undertake it", _noncommittal),
        CommitmentRule("narrated_past_plan", "a plan narrated in the past", _narrated_past_plan),
        CommitmentRule("forecast_verb", "what will show or win: 'would reveal'", _future_of(FORECAST_VERBS)),
        CommitmentRule("believed_future", "a future believed or feared: a prediction", _believed_future),
        CommitmentRule("wish", "a want or a hope: 'wants to', 'would like to'", _wish),
        CommitmentRule("expected_of", "'is expected to': what others expect", _expected_of),
        CommitmentRule("later_in_story", "the narrator's 'would later'", _future_with(LATER, _WOULD)),
        CommitmentRule("habitual_would", "'would often': a past habit", _future_with(HABITUAL, _WOULD)),
        CommitmentRule("pledge_by_a_thing", "a promise verb said of a thing", _pledge_by_a_thing),
        CommitmentRule("story_sequence", "'would' clauses of several people: a scene", _story_sequence),
        CommitmentRule("unreal_condition", "'if I had ..., I would': counterfactual", _unreal_condition),
        CommitmentRule("bare_singular_actor", "headline shorthand: 'bloc aims to'", _bare_singular_actor),
        CommitmentRule("future_in_description", "a future in a relative clause", _future_in_description),
        CommitmentRule("hedged_future", "'would probably': a guess", _future_with(HEDGE_ADVERBS, FUTURE_WORDS)),
        CommitmentRule("cognition_future", "knowing is not an act: 'wouldn't recognize it'", _future_of(COGNITION)),
        CommitmentRule("participle_adjective", "'pledged delegates'", _participle_adjective),
        CommitmentRule("in_comparison", "'than she had planned'", _in_comparison),
        CommitmentRule("quoted_phrase", "someone else's words quoted in a quote", _quoted_phrase),
        CommitmentRule("embedded_question", "'asked whether he would'", _embedded_question),
        CommitmentRule("plan_in_question", "'how he intended to': a plan asked about", _plan_in_question),
        CommitmentRule("asked_of_others", "'asked supporters to pledge': the pledge is theirs", _asked_of_others),
        CommitmentRule("event_as_actor", "an event is not an actor", _event_as_actor),
        CommitmentRule("dateline_actor", "a dateline parsed as the subject", _dateline_actor),
        CommitmentRule("quantified_actor", "'some of the women': no one in particular", _quantified_actor),
        CommitmentRule("garbled_actor", "a forecast pledge, or a dozen-word actor", _garbled_actor),
        CommitmentRule("plural_for_one", "a 'they' taken for one person", _plural_for_one),
    )


def rejected_on_real_news(candidate: Candidate) -> str | None:
    """Return the name of the first real-news rule that keeps the candidate out, or None."""
    return next((rule.name for rule in real_news_rules() if rule.applies(candidate)), None)


def interviewee(doc: Doc, quote: Quote, resolve) -> Speaker | None:
    """Return Y, who answers in "X asked Y about it. 'I will ...,' he said", where "he" was resolved to X.

    :param resolve: Maps a token to a Speaker, as the stage resolves actors.
    :returns: The one asked, or None when the quote does not answer a question put just before it.
    """
    said_by = quote.speaker
    if said_by is None or said_by.via != "pronoun" or said_by.span is None:
        return None
    pron = doc.char_span(said_by.span.start, said_by.span.end, alignment_mode="expand")
    if pron is None or pron.root.lower_ not in ("he", "she"):
        return None
    first = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    before = doc[first.start - 1].sent
    for verb in [t for t in reversed(before) if t.lemma_.lower() in QUESTIONING and t.pos_ == "VERB"]:
        asker = subject(verb)
        if asker is not None and asker.dep_ == "nsubj":
            asked = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
        elif asker is not None and asker.dep_ == "nsubjpass":
            asked, agent = asker, next((ch for ch in verb.children if ch.dep_ == "agent"), None)
            asker = next((ch for ch in agent.children if ch.dep_ == "pobj"), None) if agent is not None else None
        else:
            continue
        if asked is None or asker is None:
            continue
        who_asked, who_answers = resolve(asker), resolve(asked)
        if who_asked is None or who_answers is None or who_answers.kind != "person":
            continue
        if who_asked.name == said_by.name and who_answers.name != said_by.name:
            return who_answers
    return None
