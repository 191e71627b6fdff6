"""Named rules that keep a claim unit out of the check-worthy claims before it is scored.

A fact-checker checks statements: a clause that says something happened, holds or was said. The
rules below turn away the units that are not statements, whatever the model would score them:
fragments (a noun phrase, a verb phrase with no subject, a piece cut out of a larger clause or cut
off inside one), questions (asked or reported), two statements run together across a colon into a
quotation, instructions and advice, forecasts and speculation, headlines, value judgements and
vague generalisations. Each rule is a :class:`ClaimRule` in
:data:`RULES`; :func:`rejected_by` names the first rule that turns a unit away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from receipts.extract.doctext import doc_text
from receipts.nlp.syntax import FUTURE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"})
# What advice and obligation sound like: "you should", "investors must".
_NORMATIVE = frozenset({"should", "must", "ought"})
# "is likely to rise", "is expected to fall", "is set to": a forecast said without "will".
_FORECAST_ADJ = frozenset({"likely", "unlikely", "expected", "poised", "set", "bound", "projected", "forecast"})
# These forecast only with the verb that follows ("is bound to rise"); alone they are other words
# ("the lower bound of the estimate", "the date is set").
_FORECAST_ONLY_WITH_VERB = frozenset({"poised", "set", "bound"})
# Links between a unit and the words around it that do not make the unit a piece of a larger phrase.
_ATTACHMENTS = frozenset({"punct", "cc", "mark", "parataxis", "advcl", "prep", "npadvmod", "advmod", "intj", "dep"})


# Words that judge rather than report, as the predicate of "is" ("the tweets are lies", "he is
# incapable of it", "that is a disgrace"). General English, not words of any one story.
_EVALUATIVE = frozenset(
    "lie disgrace shame mistake disaster joke nonsense outrage scandal travesty insult farce "
    "insane crazy ridiculous absurd outrageous shameful disgraceful pathetic stupid foolish "
    "incapable incompetent irresponsible reckless dishonest unfair unacceptable wrong "
    "terrible horrible awful great wonderful fantastic amazing brilliant beautiful "
    "unhinged typical pointless justified unjustified".split()
)
# Verbs of wanting, believing and feeling as the main verb: a state of mind, not a checkable fact.
_MIND = frozenset("want wish hope think believe fear worry love hate prefer".split())
# Modals of mere possibility: "could affect a billion people", "may prove transient".
_POSSIBLE = frozenset({"could", "may", "might"})
# Quantifiers that leave a group unnamed: "many colleges offer ...", "some judges are eager".
_VAGUE_QUANTIFIERS = frozenset("many some most few several every each all".split())
# Names that make a group or a statement specific enough to check.
_SPECIFIC_ENTS = frozenset("PERSON ORG GPE NORP LOC FAC EVENT LAW DATE".split())
# Word classes a finished clause does not end on: a preposition, a conjunction, an article.
_DANGLING = frozenset({"ADP", "CCONJ", "SCONJ", "DET"})
# The short words a headline leaves in lower case: "Mayor's Harbour Plan Is Bold but Costly".
_HEADLINE_SMALL = frozenset("a an the of for and or nor but to in on at by as with from vs via".split())


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """One reason a unit is not a check-worthy claim.

    Example::

        ClaimRule("question", "asks rather than states", lambda span: span.text.endswith("?"))
    """

    name: str
    why: str
    applies: Callable[[SpacySpan], bool]


def _words(span: SpacySpan) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def _predicate(span: SpacySpan) -> Token:
    """The unit's main word: its syntactic root, through a "that" or "and" left at its edge."""
    return span.root


def _has_subject(tok: Token, span: SpacySpan | None = None) -> bool:
    """Whether the verb has a subject (inside ``span``, when given: "[Acme] plans to expand" cut
    after the name leaves a unit with no subject)."""
    inside = (lambda t: span.start <= t.i < span.end) if span is not None else (lambda t: True)
    if any(c.dep_ in _SUBJECTS and inside(c) for c in tok.children):
        return True
    # "... and [ ] fell by half": a verb conjoined to one with a subject shares it.
    return tok.dep_ == "conj" and tok.head.i != tok.i and inside(tok.head) and _has_subject(tok.head, span)


def _has_clause(span: SpacySpan, *, top: bool = False) -> bool:
    """Whether some finite verb in the unit has its own subject there, outside relative clauses
    ("73 percent maintained subsidiaries" parsed around the noun still states something).

    :param top: Only a verb that hangs from outside the unit (the parse rooted it elsewhere).
    """
    for t in span:
        if t.pos_ not in ("VERB", "AUX") or _in_relative(t, span) or not _finite(t):
            continue
        if top and span.start <= t.head.i < span.end and t.head.i != t.i:
            continue
        subj = next((c for c in t.children if c.dep_ in _SUBJECTS and span.start <= c.i < span.end), None)
        if subj is not None and subj.tag_ not in ("WDT", "WP"):
            return True
    return False


def _in_relative(tok: Token, span: SpacySpan) -> bool:
    """Whether the verb is a relative clause of the unit, or subordinate inside one: "comments [he
    had made after she gained weight]" is a noun phrase however many clauses its relative clause
    holds. Only a "relcl" is climbed through: an "acl" with a subject of its own ("Another
    challenge: most states have passed ...") is most often a clause the parse hung on a noun."""
    if tok.dep_ in ("relcl", "acl"):
        return True
    node = tok
    while span.start <= node.i < span.end and node.head.i != node.i:
        if node.dep_ == "conj":
            return False  # a clause joined by "and" stands on its own, whatever the parse hung it on
        node = node.head
        if node.dep_ == "relcl":
            return True
    return False


def _finite(tok: Token) -> bool:
    return tok.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in tok.children)


def is_fragment(span: SpacySpan) -> bool:
    """A unit with no clause of its own: "most investors", "to lend the firm $5 million",
    "failing to disclose the payments", "Thousands of shootings."."""
    root = _predicate(span)
    if root.pos_ in ("VERB", "AUX"):
        # A verb with no subject of its own ("plans to reforest a million acres", "see their incomes
        # go up"); instructions, which have none either, are caught first by their own rule.
        if _relative_subject(span, root):
            return True
        if _has_subject(root, span) or _has_clause(span, top=True):
            return False
        # A finite verb with a noun before it most likely has its subject there, misparsed ("just
        # 1 percent of the people derive ..."); one that opens the unit has none ("plans to ...").
        return not (_finite(root) and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span[: root.i - span.start]))
    # A verbless phrase ("Prices higher than ever"), unless a clause hides under a misparse.
    return not _has_subject(root, span) and not _has_clause(span)


def _relative_subject(span: SpacySpan, root: Token) -> bool:
    """ "that included some regional banks": a lower-case relative pronoun opens the unit as its
    subject, so the unit is the tail of a noun phrase, not a clause."""
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    return (
        subj is not None and subj.i == span.start and subj.lower_ in ("that", "which", "who") and subj.text[0].islower()
    )


def _imperative_mood(root: Token, span: SpacySpan) -> bool:
    return root.tag_ == "VB" and not _has_subject(root, span) and not any(c.dep_ == "aux" for c in root.children)


def is_instruction(span: SpacySpan) -> bool:
    """An instruction or a list heading: "Manage your exposure.", "6 Review the fees.",
    "Don't forget that ...": a bare verb with no subject leads the unit."""
    root = _predicate(span)
    if root.tag_ != "VB" or any(c.dep_ == "aux" and c.lower_ not in ("do", "don't") for c in root.children):
        return False  # "will rise", "can sum up": not the imperative
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subj is not None and not (subj.like_num and subj.i == span.start):
        return False  # a number heading a list item ("4 Check the fees") is no subject
    lead = [t for t in span[: root.i - span.start] if not (t.is_punct or t.is_space or t.like_num)]
    # Only words that belong to the verb may come first ("Please", "Don't", "Then").
    return all(t.head.i == root.i and t.dep_ in ("aux", "neg", "advmod", "intj") for t in lead)


def is_lead_in(span: SpacySpan) -> bool:
    """A line that introduces what follows it ("And it comes down to three things:"): the claim, if
    any, is in the next sentence."""
    toks = [t for t in span if not t.is_quote]
    for k, t in enumerate(toks):
        if t.text == ":" and (k == len(toks) - 1 or (toks[k + 1].is_space and "\n" in toks[k + 1].text)):
            return True
    return False


def is_question(span: SpacySpan) -> bool:
    """A question, direct or ending its sentence: "What do you have to lose?"."""
    doc = span.doc
    end = span.end
    while end < len(doc) and (doc[end].is_quote or doc[end].is_space):
        end += 1
    return any(t.text == "?" for t in span[-2:]) or (end < len(doc) and doc[end].text == "?")


def is_advice(span: SpacySpan) -> bool:
    """What someone should or must do: advice and obligation, not a report of what is."""
    root = _predicate(span)
    return any(c.dep_ == "aux" and c.lower_ in _NORMATIVE for c in root.children)


def is_forecast(span: SpacySpan) -> bool:
    """A forecast: the main verb in the future ("will rise", "'ll win", "is going to fall") or said to
    be likely or expected ("is likely to be higher"). "Would" is left alone: "the plan would cost
    $1 trillion" is an estimate a fact-checker does check, and so is a sum of money in a "will"
    clause ("the stadium will cost $400 million", "we will take back $9m a week"): the figure is
    checked whatever the tense."""
    root = _predicate(span)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_WORDS - {"would"} for c in root.children):
        return not _has_money(root, span)
    if root.lemma_ == "go" and root.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in root.children):
        return any(c.dep_ == "aux" for c in root.children)  # "is going to fall"
    if root.lemma_ == "be" and any(
        c.dep_ == "acomp"
        and c.lower_ in _FORECAST_ADJ
        and (c.lower_ not in _FORECAST_ONLY_WITH_VERB or any(g.dep_ == "xcomp" for g in c.children))
        for c in root.children
    ):
        return True
    return root.lower_ in _FORECAST_ADJ and any(c.dep_ == "xcomp" for c in root.children)  # "is expected to rise"


def _has_money(root: Token, span: SpacySpan) -> bool:
    """Whether a sum of money belongs to this clause itself, not to a clause inside it ("for parents
    [who pay $100,000], they will need ...")."""
    for t in span:
        if t.ent_type_ != "MONEY":
            continue
        node = t
        while node.i != root.i and node.head.i != node.i and node.dep_ not in ("relcl", "advcl", "acl", "ccomp"):
            node = node.head
        if node.i == root.i:
            return True
    return False


def _has_number(span: SpacySpan) -> bool:
    return any(t.like_num or t.ent_type_ in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY") for t in span)


def is_judgement(span: SpacySpan) -> bool:
    """A value judgement or a state of mind: "the tweets are lies and conspiracy theories", "there is
    little point in it", "families want their own schools", also as the second of two joined clauses
    of a unit with no figure ("he is reviving it and he is incapable of it"). A figure in the subject
    of a state of mind ("60 percent want ...") makes it a poll result, which is checked."""
    root = _predicate(span)
    if _judges(root):
        return True
    # A judgement joined to a clause with a figure leaves that figure to check ("He started with $14
    # million, and he believes ..."): only a unit without one goes.
    joined = (c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _has_subject(c, span))
    return not _has_number(span) and any(_judges(verb) for verb in joined)


def _judges(verb: Token) -> bool:
    """Whether this verb's clause judges ("are lies") or tells a state of mind ("want", "hope")."""
    if verb.lemma_.lower() in _MIND and verb.pos_ == "VERB" and not any(c.dep_ == "neg" for c in verb.children):
        if _belief_in_fact(verb):
            return False
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        return subj is None or not any(t.like_num or t.ent_type_ in ("PERCENT", "CARDINAL") for t in subj.subtree)
    if verb.lemma_.lower() == "deserve":
        return True  # "she deserves the post": what is due, not what is
    if verb.lemma_ != "be":
        return False
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() == "blame":
            return True  # "Democrats are to blame"
        if child.dep_ in ("attr", "acomp"):
            # "lies and conspiracy theories": the judging word may be a conjunct or a modifier
            words = (child, *child.conjuncts, *(c for c in child.children if c.dep_ == "nmod"))
            if any(w.lemma_.lower() in _EVALUATIVE for w in words):
                return True
        if child.dep_ == "attr" and child.lemma_.lower() in ("point", "reason", "excuse"):
            # "there is little point", "there is no excuse for it"
            return any(d.lower_ in ("little", "no") for d in child.children)
    return False


_BELIEF = frozenset({"believe", "think"})
_NOT_FACT_AUX = frozenset("will would can could may might should must shall 'll 'd".split())


def _belief_in_fact(verb: Token) -> bool:
    """``belief_in_fact``: a belief whose content is a finding about the past ("We believe he has, in fact,
    reconstituted nuclear weapons", "We believe that the murder was premeditated"): the that-clause has
    its own subject, a past or perfect verb, no modal, and judges nothing itself. Such a unit goes on to
    the check-worthiness model; "I think we will win" and "I think he was wonderful" stay judgements."""
    if verb.lemma_.lower() not in _BELIEF:
        return False
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if said is None or said.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in said.children if c.dep_ in ("aux", "auxpass")]
    if not (_has_subject(said) or any(_has_subject(c) for c in aux)):  # "he has, in fact, reconstituted"
        return False
    if any(c.lower_ in _NOT_FACT_AUX or c.tag_ == "MD" for c in aux):
        return False
    if said.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in said.children):
        return False  # "I think he was a wonderful president": what the content is called is a view
    past = said.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lower_ in ("has", "have", "had") for c in aux)
    return past and not _judges(said)


def is_speculation(span: SpacySpan) -> bool:
    """What might be: "shifting rains could affect a billion people", "the gains may prove
    transient". Not "could not" (a past inability is a fact: "he could not answer") nor "may have
    paid" (a finding about the past, which is checked)."""
    root = _predicate(span)
    aux = [c for c in root.children if c.dep_ == "aux"]
    if not any(c.lower_ in _POSSIBLE for c in aux):
        return False
    return not any(c.lower_ == "have" for c in aux) and not any(c.dep_ == "neg" for c in root.children)


def is_vague_group(span: SpacySpan) -> bool:
    """A generalisation about an unnamed group with nothing to check: "many colleges offer merit
    aid", "every shooting did not result in a homicide". A figure or a name anywhere in the unit, or
    a set picked out by "of" ("many of the largest airlines"), makes it specific."""
    root = _predicate(span)
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subj is None or _has_number(span) or any(t.ent_type_ in _SPECIFIC_ENTS for t in span):
        return False
    if subj.lower_ in _VAGUE_QUANTIFIERS:
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)
    quantified = any(c.dep_ in ("det", "amod") and c.lower_ in _VAGUE_QUANTIFIERS for c in subj.children)
    # "all guidance was followed", "most of the money": a quantity of one thing, not a group of people
    # or things; only "every" and "each" make a singular noun a group
    singular = subj.tag_ in ("NN", "NNP") and not any(c.lower_ in ("every", "each") for c in subj.children)
    return quantified and not singular


def is_heading(span: SpacySpan) -> bool:
    """A headline or heading in title case: "Mayor's Harbour Plan Is Bold but Costly.". One
    with a figure ("Only 31 Percent of Donors Gave Less Than $100") states a checkable fact, so it
    stays."""
    words = [t for t in _words(span) if t.is_alpha]
    if len(words) < 4 or _has_number(span):
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised >= 3 and all(t.text[0].isupper() or t.lower_ in _HEADLINE_SMALL for t in words)


def is_dependent_clause(span: SpacySpan) -> bool:
    """A clause that hangs on one outside the unit: "If you have a portion of them displaced",
    "as was true for those years". A "that" or "whether" clause is reported content, not this."""
    root = _predicate(span)
    words = _words(span)
    first = words[1] if len(words) > 1 and words[0].dep_ == "cc" else words[0]  # "But when ..."
    if first.dep_ != "mark" or first.head.i != root.i or first.lower_ in ("that", "whether"):
        return False
    return root.head.i != root.i and not span.start <= root.head.i < span.end


def is_cut_off(span: SpacySpan) -> bool:
    """A unit cut off inside a phrase: a word in it belongs to a word after it ("Mexico slapped
    retaliatory", "injured by an explosion that", "more than $4"). A whole clause of its own that the
    parse hung on a later word ("..., but the police overruled it, the source added") is not cut."""
    words = _words(span)
    last = words[-1]
    if last.pos_ in _DANGLING and last.dep_ in ("cc", "mark", "prep", "det") and not list(last.children):
        return True  # "..., according", "an interview with", "fathers would not be eligible, and when"
    root = _predicate(span)
    end = span.sent.end
    quoted = _quoted_whole(span)
    for t in span:
        if t.i == root.i or t.is_punct or t.is_space or not span.end <= t.head.i < end:
            continue
        if quoted and any(_QUOTE_MARKS.intersection(w.text) for w in span.doc[span.end : t.head.i]):
            continue  # a misparse across the closing quotation mark: the quoted words are whole
        if t.pos_ in ("VERB", "AUX") and _has_subject(t, span):
            continue
        return True
    return False


_QUOTE_MARKS = frozenset('"\u201c\u201d')


def _quoted_whole(span: SpacySpan) -> bool:
    """``quoted_whole``: the unit is a whole quotation that opens a sentence of its own ('"Let me be very
    clear: I have never taken funds ... as these companies have confirmed," Najib wrote'): a quotation
    mark right before it, one right after it (past a comma), and a clause with a subject in it. A word
    the parser hangs on the cue after the closing mark is a misparse, not a phrase cut off."""
    text = doc_text(span.doc)
    a, b = span.start_char, span.end_char
    before = text[max(0, a - 3) : a].rstrip()
    after = text[b : b + 3].lstrip(" ,")
    if not before or before[-1] not in _QUOTE_MARKS or not after or after[0] not in _QUOTE_MARKS:
        return False
    if span.start > span.sent.start + 1:
        return False  # a quotation inside a sentence of the writer's ('called it "..."') may be cut
    root = _predicate(span)
    return root.pos_ in ("VERB", "AUX") and _has_subject(root, span)


def is_cut_out(span: SpacySpan) -> bool:
    """A piece of a larger phrase: the unit begins or ends inside a constituent, so a word outside
    it depends on a word inside ("[the alleged] terrorist were bystanders", "the fact is ...")."""
    sent = span.sent
    for t in sent:
        if span.start <= t.i < span.end or t.is_punct or t.is_space:
            continue
        if span.start <= t.head.i < span.end and t.dep_ not in _ATTACHMENTS and t.dep_ not in _SUBJECTS:
            if t.i < span.start and t.i == span.start - 1 and t.dep_ in ("det", "amod", "compound", "poss", "nummod"):
                return True
            if t.dep_ in ("det", "amod", "compound", "poss", "nummod") and t.head.i == span.start:
                return True
    return False


def runs_into_quote(span: SpacySpan) -> bool:
    """Two statements run together across a colon into a quotation: "... the effect it would have
    on workers: “Our members have won ...”". The words after the colon are someone's own
    quotation, with its own speaker; the unit as a whole says neither of the two."""
    toks = [t for t in span if not t.is_space]
    for k, t in enumerate(toks[:-2]):
        if (
            t.text == ":"
            and toks[k + 1].is_quote
            and toks[k + 1].text != "”"
            and any(w.is_alpha for w in toks[k + 2 :])
        ):
            return any(w.is_alpha for w in toks[:k])
    return False


def is_indirect_question(span: SpacySpan) -> bool:
    """A question reported, not answered: "why the rule was cited on the site", "whether the mine
    will reopen". What is asked is not what is stated. Not "how": "showed how the loophole was
    exploited" states that it was."""
    words = _words(span)
    first = words[1] if len(words) > 1 and words[0].dep_ == "cc" else words[0]
    root = _predicate(span)
    return first.lower_ in ("why", "whether") and first.head.i == root.i and first.dep_ in ("advmod", "mark")


RULES: tuple[ClaimRule, ...] = (
    ClaimRule("question", "asks rather than states", is_question),
    ClaimRule("instruction", "tells the reader what to do (or heads a list)", is_instruction),
    ClaimRule("fragment", "has no clause of its own", is_fragment),
    ClaimRule("lead_in", "introduces what follows", is_lead_in),
    ClaimRule("runs_into_quote", "runs across a colon into another quotation", runs_into_quote),
    ClaimRule("indirect_question", "reports a question (why, whether)", is_indirect_question),
    ClaimRule("cut_out", "is a piece cut out of a larger phrase", is_cut_out),
    ClaimRule("cut_off", "stops inside a phrase", is_cut_off),
    ClaimRule("dependent_clause", "hangs on a clause outside it (if, as, because)", is_dependent_clause),
    ClaimRule("heading", "is a headline in title case, with no figure", is_heading),
    ClaimRule("advice", "says what should be done", is_advice),
    ClaimRule("forecast", "predicts rather than reports", is_forecast),
    ClaimRule("speculation", "says what could or might be", is_speculation),
    ClaimRule("judgement", "judges or tells a state of mind", is_judgement),
    ClaimRule("vague_group", "generalises about an unnamed group", is_vague_group),
)


def rejected_by(span: SpacySpan) -> str | None:
    """Return the name of the first rule that keeps this unit out of the claims, or None."""
    if span is None or not _words(span):
        return "fragment"
    return next((rule.name for rule in RULES if rule.applies(span)), None)


# ``quoted_denial``: the words a named speaker uses to deny that something happened or holds ("I did not
# email any classified material", "none of the messages were marked top secret", "Russia had nothing to do
# with it") are what fact-checkers check, though a check-worthiness model trained on debate sentences
# scores many of them low. Not a denial of a wish, an opinion or a forecast ("I don't think", "we won't").
_DENIAL_WORDS = frozenset({"no", "none", "nothing", "nobody", "never", "neither"})
_NOT_DENIED = frozenset("think believe feel expect want hope guess suppose like care mind wish intend plan".split())
_NOT_FACTS = frozenset("plan intention intent comment announcement idea doubt choice option".split())


def is_denial(span: SpacySpan) -> bool:
    """Whether the unit's main clause denies a past or present fact: its verb negated ("did not",
    "wasn't", "has never") or its subject or object "no", "none" or "nothing", with no modal verb."""
    p = _predicate(span)
    if p.pos_ not in ("VERB", "AUX") or p.lemma_.lower() in _NOT_DENIED:
        return False
    aux = [c for c in p.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ in FUTURE_WORDS for a in aux):
        return False
    if any(c.dep_ == "xcomp" for c in p.children) and p.lemma_.lower() in ("have", "go"):
        return False  # "does not have to", "is not going to": obligations and forecasts
    # what happened, not what holds: a past or perfect verb ("did not email", "wasn't heard", "has never
    # taken"); present denials are mostly views ("Bombast doesn't cut it", "they are not able to win")
    past = p.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in aux)
    if not past or p.tag_ in ("VBP", "VBZ"):
        return False
    if any(c.dep_ in ("dobj", "attr") and c.lemma_.lower() in _NOT_FACTS for c in p.children):
        return False  # "had no plans to meet", "has no comment"
    negated = any(c.dep_ == "neg" for c in p.children)
    for c in p.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"):
            if c.lower_ in _DENIAL_WORDS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                negated = True
    return negated
