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
_FIRST_PERSON = frozenset({"i", "we"})
_PERSONAL = frozenset({"he", "she", "it", "they", "i", "we"})
_ACTORISH = frozenset({"person", "organisation", "country", "group"})


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
    """ "I'll tell you", "I would say": a turn of speech."""
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
    if not c.future or c.document_terms:
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
    return not c.future and c.cue.lemma_.lower() not in COMMIT_VERBS | DECLARED_INTENT


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
    )


def rejected_by(candidate: Candidate, resolve) -> str | None:
    """Return the name of the first rule that keeps the candidate out of the commitments, or None.

    :param resolve: Maps a subject token to a Speaker (or None), as the stage resolves actors.
    """
    return next((rule.name for rule in rules(resolve) if rule.applies(candidate)), None)
