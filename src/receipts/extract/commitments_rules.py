"""Named rules that keep a candidate out of the commitments.

A commitment is an undertaking by someone who can be held to it: a promise, a vow, an agreement, a
declared plan. "Will" and "would" mark far more than that: forecasts ("the storm will reach the
coast"), hypotheses ("if she withdrew, the party would have to choose"), counterfactuals, what a plan
or a law would do, questions, and other people's wishes. Each rule below is a
:class:`CommitmentRule` in :data:`RULES` that recognises one of these; :func:`rejected_by` names the
first that applies to a candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from receipts.extract.lexicon import COMMIT_VERBS, SPEECH_VERBS
from receipts.nlp.syntax import FUTURE_WORDS, negated, subject

if TYPE_CHECKING:
    from spacy.tokens import Token

    from receipts.types import Quote, Speaker

# Wanting, planning and meaning to: only a plan, an intention or a want said of oneself binds.
DECLARED_INTENT = frozenset({"plan", "intend", "aim", "want"})
# Verbs for what happens to someone rather than what they do: "will face criticism", "would see
# their taxes go up", "'ll need to find $500". A future of these is a forecast, not an undertaking.
UNDERGONE = frozenset(
    "have need face see get receive lose become remain seem appear cost mean cause find know feel "
    "suffer die happen change benefit affect depend require owe deserve fail".split()
)
# Subjects that name no one who could be held to anything: "nobody would question", "everything
# will work out", "that would help".
NOBODY = frozenset(
    "nobody no-one everyone everybody everything someone somebody something anyone anybody anything nothing "
    "none all each either neither this that these those".split()
)
# Clauses of time: "the days when he would return", "until she would agree" tell what happened or
# used to, not what anyone undertakes.
TIME_MARKS = frozenset("when whenever while as until till before after once".split())
# Verbs that carry a request to someone else: "persuade the utilities to agree", "urged them to commit".
ASKING = frozenset("ask urge call press push persuade convince pressure force encourage lobby implore".split())
# Refusing or failing to undertake: "refused to pledge", "declined to commit".
REFUSING = frozenset("refuse decline fail reject resist avoid".split())
# What someone wants to say or ask is a turn of speech: "I want to ask you", "I just want to know".
SPEECH_ACTS = frozenset("ask say tell know thank interrupt add note remind assure stress point mention".split())
_FIRST_PERSON = frozenset({"i", "we"})
_PERSONAL = frozenset({"he", "she", "it", "they", "i", "we"})
_ACTORISH = frozenset({"person", "organisation", "country", "group"})
_CONDITIONS = frozenset({"if", "unless"})
_INDEFINITE = frozenset({"a", "an", "some", "many", "any"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the commitments stage found before judging it: the trigger word, the cue, the verb of the
    action, its subject and the resolved actor, and the quote around it."""

    trigger: Token  # the word that started it: "pledged", "plans", "will"
    cue: Token  # the commitment or intention verb, or the future auxiliary
    verb: Token  # the head of the action: "return" in "will return the remains"
    subject: Token | None
    actor: Speaker | None
    quote: Quote | None
    document_terms: bool = False  # a document's terms, owed by no one named ("the pact details that ...")
    bound: bool = False  # owed under a named agreement: "under the settlement, the company must ..."

    @property
    def future(self) -> bool:
        return self.cue.lower_ in FUTURE_WORDS

    @property
    def wish(self) -> bool:
        """ "would like to", "would love to": a declared want, said with "would"."""
        return (
            self.cue.lower_ == "would"
            and self.verb.lemma_.lower() in ("like", "love")
            and any(ch.dep_ == "xcomp" for ch in self.verb.children)
        )

    @property
    def head(self) -> Token:
        """The clause head the rules look at: the verb under a future auxiliary, else the cue."""
        return self.verb if self.future else self.cue


@dataclass(frozen=True, slots=True)
class CommitmentRule:
    """One reason a candidate is not a commitment.

    Example::

        CommitmentRule("question", "asks, does not undertake", lambda c: c.trigger.sent.text.endswith("?"))
    """

    name: str
    why: str
    applies: Callable[[Candidate], bool]


def _sentence_is_question(c: Candidate) -> bool:
    toks = [t for t in c.trigger.sent if not (t.is_space or t.is_quote)]
    return bool(toks) and toks[-1].text == "?"


def _counterfactual(c: Candidate) -> bool:
    """ "would have done", "would not have been": what did not happen."""
    return c.future and any(a.dep_ == "aux" and a.lower_ == "have" for a in c.verb.children)


def _copula(c: Candidate) -> bool:
    """ "will be the king", "would be a fool", "will be first-order business": an evaluation or a
    forecast of a state, not an action anyone undertakes."""
    return c.future and c.verb.lemma_ == "be"


def _undergone(c: Candidate) -> bool:
    return c.future and c.verb.lemma_.lower() in UNDERGONE


def _discourse(c: Candidate) -> bool:
    """ "I'll tell you", "I would say", "I want to ask you", "I just want to know": a turn of speech."""
    if c.cue.lemma_.lower() == "want" or c.wish:
        action = c.verb if c.cue.lemma_.lower() == "want" else next(ch for ch in c.verb.children if ch.dep_ == "xcomp")
        return action.lemma_.lower() in SPEECH_ACTS
    return (
        c.future
        and c.verb.lemma_.lower() in ("tell", "say")
        and not any(ch.dep_ in ("ccomp", "xcomp") for ch in c.verb.children)
    )


def _reporter(c: Candidate) -> Token | None:
    """The reporting or promising verb the clause hangs from ("said it would", "vowed that ...")."""
    node = c.trigger.head if c.future else c.cue
    for anc in [node, *node.ancestors]:
        if anc.i == c.verb.i:
            continue
        if anc.lemma_.lower() in SPEECH_VERBS | COMMIT_VERBS and anc.pos_ == "VERB":
            return anc
        if anc.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "ROOT") and anc.i != node.i:
            return None
    return None


def _own_word(c: Candidate, resolve) -> bool:
    """Whether the future is the actor's own word: first person in their quote, "would like to",
    reported of themself ("X said she would ..."), or pledged ("vowed that ... would")."""
    subj = c.subject
    if c.quote is not None and c.quote.speaker is not None and c.actor is not None:
        if c.actor.name == c.quote.speaker.name:
            return True  # "We will return them," the minister said; "the agency said it would ..."
    if c.quote is not None and c.quote.direct:
        return subj is not None and subj.lower_ in _FIRST_PERSON
    rep = _reporter(c)
    if rep is None:
        return False
    if rep.lemma_.lower() in COMMIT_VERBS:
        return True
    rsubj = subject(rep)
    if rsubj is None or subj is None or rsubj.i == subj.i:
        return rsubj is not None and subj is not None
    if subj.lower_ in _PERSONAL:
        said_by = resolve(rsubj)
        return said_by is not None and c.actor is not None and said_by.name == c.actor.name
    return False


def _unreported_future(c: Candidate, resolve) -> bool:
    """A "would" is a commitment only when the actor says it of themself or pledges it; a "will"
    also when the reporter states it as the actor's plan (not in a quote, in a main clause)."""
    if not c.future or c.document_terms or c.bound:
        return False
    if _own_word(c, resolve):
        return False
    if c.wish:
        return c.quote is not None and c.quote.direct  # "the campaign would like to ...", not someone else's
    if c.cue.lower_ == "would" or (c.quote is not None and c.quote.direct):
        return True
    # Narrator's voice: "the family will donate $1 million" - a main clause about a named actor.
    main = c.verb.dep_ in ("ROOT", "conj") and _reporter(c) is None
    return not (main and c.actor is not None and c.actor.kind in _ACTORISH and c.subject is not None)


def _weak_intent(c: Candidate) -> bool:
    """Hoping, expecting, considering, seeking and being meant to are not undertakings."""
    return not c.future and not c.bound and c.cue.lemma_.lower() not in COMMIT_VERBS | DECLARED_INTENT


def _intent_in_phrase(c: Candidate) -> bool:
    """ "the things she wants to accomplish", "anyone wanting to learn": a want inside a noun phrase
    describes, it does not declare."""
    if c.cue.lemma_.lower() not in DECLARED_INTENT or c.cue.dep_ not in ("relcl", "acl", "amod"):
        return False
    # "... revenue, which she plans to raise through taxes": a clause set off by a comma adds a
    # statement about the actor; one that picks out the noun ("the things she wants") does not.
    first = c.cue.left_edge
    return not (first.i > 0 and c.cue.doc[first.i - 1].text == "," and first.lower_ in ("which", "who"))


def _want_not(c: Candidate) -> bool:
    """ "we do not want to go back", "they wanted to tape": a refusal or a past wish."""
    return c.cue.lemma_.lower() == "want" and (negated(c.cue) or c.cue.tag_ == "VBD")


def _agreed_view(c: Candidate) -> bool:
    """ "agreed that it was a top-heavy plan", "I swear he better live": agreeing with a view, or an
    oath about something else, binds no one to act."""
    if c.cue.lemma_.lower() not in COMMIT_VERBS or c.verb.i == c.cue.i:
        return False
    if c.verb.dep_ != "ccomp":
        return False
    if c.verb.lemma_ == "be":
        return True  # "analyses agree the top 1 percent would be the biggest beneficiaries"
    return not any(ch.dep_ == "aux" and (ch.lower_ in FUTURE_WORDS or ch.lower_ == "to") for ch in c.verb.children)


def _no_actor(c: Candidate) -> bool:
    """No one named to hold to it: "the plan would ...", an unresolved subject, or people in general
    ("many residents want ...", "voters want ...": a bare plural with no "the" or owner)."""
    if c.document_terms:
        return False
    if c.actor is None:
        return True
    subj = c.subject
    if c.actor.kind not in _ACTORISH:
        # A promise verb binds a body named by description ("the harbour board pledged"); a bare
        # "will" or "wants" needs a known actor.
        definite = subj is not None and any(
            ch.dep_ in ("det", "poss", "compound", "nummod") and ch.lower_ not in ("a", "an", "some", "many", "any")
            for ch in subj.children
        )
        return not (c.cue.lemma_.lower() in COMMIT_VERBS and definite)
    return (
        subj is not None
        and subj.tag_ == "NNS"
        and all(ch.dep_ == "amod" or ch.lower_ in ("many", "some", "most") for ch in subj.children)
    )


def _third_person_self(c: Candidate) -> bool:
    """ "'... he would try to deflect them,' she said": in their own direct quote a speaker is "I" or
    "we"; a "he", "she" or "they" there is someone else, whoever the resolver made it."""
    subj, q = c.subject, c.quote
    if subj is None or q is None or not q.direct or q.speaker is None or c.actor is None:
        return False
    return subj.pos_ == "PRON" and subj.lower_ not in _FIRST_PERSON | {"me", "us"} and c.actor.name == q.speaker.name


def _nobody(c: Candidate) -> bool:
    """ "nobody would question her", "everything will work out", "you would be shooting yourself in the
    foot": no one, everyone, a thing, or the listener, never an actor binding itself."""
    subj = c.subject
    if subj is None or c.document_terms:
        return False
    if subj.lower_ in NOBODY and subj.tag_ != "WDT" or subj.lower_ == "you":
        return True
    # "all agreed that it would add layers of complexity": reported by no one in particular
    rep = _reporter(c) if c.future else None
    rsubj = subject(rep) if rep is not None else None
    return rsubj is not None and rsubj.lower_ in NOBODY and rsubj.tag_ != "WDT"


def _described_actor(c: Candidate) -> bool:
    """ "a serial liar, rampant xenophobe ... who has pledged": a relative "who" on a bare description
    names no one; "the company, which pledged" or "Senator Lund, who vowed" do."""
    subj = c.subject
    if subj is None or subj.tag_ not in ("WP", "WDT"):
        return False
    clause = next((t for t in [c.cue, c.verb, *c.cue.ancestors] if t.dep_ == "relcl"), None)
    if clause is None:
        return False
    noun = clause.head
    if noun.text[:1].isupper() or noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False  # a name (the tagger calls some lowercase nouns proper: "rampant xenophobe")
    return not any(ch.dep_ in ("det", "poss") and ch.lower_ not in _INDEFINITE for ch in noun.children)


def _in_time_clause(c: Candidate) -> bool:
    """ "the days when he and his family would return", "until they would agree": a future inside a
    clause of time tells what was to happen, it undertakes nothing."""
    if not c.future:
        return False
    for node in [c.verb, *c.verb.ancestors]:
        if node.dep_ in ("advcl", "relcl") and any(
            ch.lower_ in TIME_MARKS and ch.dep_ in ("mark", "advmod") for ch in node.children
        ):
            return True
        if node.dep_ not in ("conj", "xcomp"):
            break
    return False


def _in_condition(c: Candidate) -> bool:
    """ "if the other side pledged to cap", "unless it wants to release": a pledge or a want inside an
    "if" clause is a hypothesis. (A "will" or "would" under "if" is left to the other rules: "if they
    attack, we will respond" is a conditional pledge.)"""
    if c.future:
        return False
    for node in [c.cue, *c.cue.ancestors]:
        if node.dep_ == "advcl" and any(ch.lower_ in _CONDITIONS and ch.dep_ == "mark" for ch in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp", "ccomp", "advcl"):
            break
    return False


def _modal_cue(c: Candidate) -> bool:
    """ "the United States would pledge to ...", "could agree to": a promise verb under a modal is a
    pledge someone might make, not one made."""
    if c.future:
        return False
    return any(ch.dep_ == "aux" and ch.lower_ in ("would", "could", "might", "may", "should") for ch in c.cue.children)


def _refused(c: Candidate) -> bool:
    """ "refused to pledge to release his returns", "would not commit to": a promise declined."""
    if c.future or c.cue.lemma_.lower() not in COMMIT_VERBS:
        return False
    if c.cue.dep_ == "xcomp" and c.cue.head.lemma_.lower() in REFUSING:
        return True
    return any(ch.dep_ == "neg" and ch.i < c.cue.i for ch in c.cue.children)


def _asked_of_others(c: Candidate) -> bool:
    """ "until he can persuade the utilities to agree to pay", "called on the administration to
    consider": what one party asks another to undertake is the other's, and not yet undertaken."""
    if c.future or c.cue.dep_ != "xcomp":
        return False
    head = c.cue.head
    asked = head.lemma_.lower() in ASKING
    has_object = any(ch.dep_ in ("dobj", "dative") and ch.i < c.cue.i for ch in head.children)
    return has_object or asked


def _want_of_another(c: Candidate) -> bool:
    """ "'Hillary Clinton wants to continue these policies,' Pence said": a want is declared by the one
    who has it; said by someone else it is a characterisation (often an accusation)."""
    if c.cue.lemma_.lower() != "want" or c.quote is None or c.quote.speaker is None or c.actor is None:
        return False
    return c.quote.speaker.name != c.actor.name


def _reported_by_another(c: Candidate, resolve) -> bool:
    """Whether the cue hangs from a reporting verb whose subject is not (resolved to) the actor."""
    rep = next((a for a in c.cue.ancestors if a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB"), None)
    rsubj = subject(rep) if rep is not None else None
    if rsubj is None or (c.subject is not None and rsubj.i == c.subject.i):
        return False
    said_by = resolve(rsubj)
    return said_by is None or c.actor is None or said_by.name != c.actor.name


def _pronoun_not_reporter(c: Candidate, resolve) -> bool:
    """ "nearly eight of 10 voters say they plan to tune in": a "he" or "they" that plans or wants,
    in a clause someone reports, is that reporter; when the resolver names someone else, the actor is
    wrong. (Futures are judged by ``unreported_future``.)"""
    subj = c.subject
    if c.future or subj is None or subj.lower_ not in _PERSONAL - _FIRST_PERSON:
        return False
    rep = next((a for a in c.cue.ancestors if a.lemma_.lower() in SPEECH_VERBS and a.pos_ == "VERB"), None)
    rsubj = subject(rep) if rep is not None else None
    return rsubj is not None and rsubj.pos_ != "PRON" and _reported_by_another(c, resolve)


def _plan_of_another(c: Candidate, resolve) -> bool:
    """ "he believes the nominee has the best plan to fix it": a plan noun ("has a plan to") binds its
    holder only when the holder says so, not when someone else reports or rates it."""
    if c.cue.pos_ != "NOUN":
        return False
    return any(ch.tag_ in ("JJS", "JJR") for ch in c.cue.children) or _reported_by_another(c, resolve)


def _present_would(c: Candidate) -> bool:
    """ "The institute says it would add $84 billion": under a reporting verb in the present, "would"
    is not the past of "will" ("said it would" reports "we will") but a hypothesis, here an estimate
    of what a plan would do. For "it" only ("he says he would ..." is a candidate's own conditional
    pledge), and for a "would" joined to the present verb itself ("says ..., but would add")."""
    if c.cue.lower_ != "would":
        return False
    head = c.verb.head
    if c.verb.dep_ == "conj" and head.lemma_.lower() in SPEECH_VERBS and head.tag_ in ("VBZ", "VBP"):
        return True
    if c.subject is None or c.subject.lower_ != "it":
        return False
    rep = _reporter(c)
    return rep is not None and rep.tag_ in ("VBZ", "VBP") and rep.lemma_.lower() in SPEECH_VERBS


def _narrated_future(c: Candidate) -> bool:
    """ "South Korea will hold elections next year", "he'll promote it at any cost": a "will" in the
    writer's own voice is a schedule or a forecast. A commitment is the actor's word: their quote,
    a report of what they said, or a promise verb."""
    if not c.future or c.document_terms or c.bound or c.quote is not None:
        return False
    return _reporter(c) is None and not c.wish


def rules(resolve) -> tuple[CommitmentRule, ...]:
    """The rules in the order they are tried; ``resolve`` maps a subject token to a Speaker."""
    return (
        CommitmentRule("question", "asks, does not undertake", _sentence_is_question),
        CommitmentRule("counterfactual", "what would have happened", _counterfactual),
        CommitmentRule("copula", "a future state, not an action", _copula),
        CommitmentRule("undergone", "something that happens to the subject", _undergone),
        CommitmentRule("discourse", "a turn of speech", _discourse),
        CommitmentRule("weak_intent", "a hope, expectation or aim-less wish", _weak_intent),
        CommitmentRule("intent_in_phrase", "a want that describes a noun", _intent_in_phrase),
        CommitmentRule("want_not", "a refusal or a past wish", _want_not),
        CommitmentRule("agreed_view", "agreeing with a view", _agreed_view),
        CommitmentRule("no_actor", "nobody named to hold to it", _no_actor),
        CommitmentRule(
            "unreported_future", "a forecast, not the actor's own word", lambda c: _unreported_future(c, resolve)
        ),
        CommitmentRule("third_person_self", "a he or she in a quote taken for its speaker", _third_person_self),
        CommitmentRule("nobody", "no one, everyone, a thing or the listener", _nobody),
        CommitmentRule("described_actor", "a bare description, not an actor", _described_actor),
        CommitmentRule("in_time_clause", "a future inside a clause of time", _in_time_clause),
        CommitmentRule("in_condition", "a pledge or want inside an if-clause", _in_condition),
        CommitmentRule("modal_cue", "a pledge that might be made", _modal_cue),
        CommitmentRule("refused", "a promise declined", _refused),
        CommitmentRule("asked_of_others", "asked of someone else", _asked_of_others),
        CommitmentRule("want_of_another", "a want said by someone else", _want_of_another),
        CommitmentRule(
            "pronoun_not_reporter", "a pronoun resolved past its reporter", lambda c: _pronoun_not_reporter(c, resolve)
        ),
        CommitmentRule(
            "plan_of_another", "a plan reported or rated by someone else", lambda c: _plan_of_another(c, resolve)
        ),
        CommitmentRule("present_would", "an estimate: 'says it would'", _present_would),
        CommitmentRule("narrated_future", "a schedule or forecast in the writer's voice", _narrated_future),
    )


def rejected_by(candidate: Candidate, resolve) -> str | None:
    """Return the name of the first rule that keeps the candidate out of the commitments, or None.

    :param resolve: Maps a subject token to a Speaker (or None), as the stage resolves actors.
    """
    return next((rule.name for rule in rules(resolve) if rule.applies(candidate)), None)
