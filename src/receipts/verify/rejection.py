"""A statement in the record that calls the claim false: the way reporting itself sets a record straight.

Two rules, both about the claim as a statement rather than the world it describes:

* ``rejection-refute``: another sentence says the claim, or its distinctive figure, is false,
  misleading, wrong, exaggerated, without evidence ("Vote Leave's claim that ... £350m a week is
  potentially misleading", "the ridership numbers it cited were wrong", "there is no evidence that
  millions of people voted illegally"). What is rejected must be the claim: the rejected phrase
  carries the claim's figure, or most of the claim's content words.
* ``narration-refute``: the sentence that reports the claim says so itself ("Trump falsely claimed
  that ..."): the outlet, not the claimant, stands behind the adverb.

Neither fires on a rejection that is itself held at a distance ("he insisted the reports were
false", "accused journalists of false reporting"), negated ("not misleading"), asked or conditional.
Each is a named rule: its precision on real news decides whether it may settle a verdict
(:mod:`receipts.verify.rules`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from receipts.extract.lexicon import PERSON_ROLE_NOUNS
from receipts.verify.assertions import DISTANCING_VERBS

# Words that reject a statement as a statement: general fact-checking English, not one story's words.
REJECTING_ADJECTIVES = frozenset(
    {
        "false",
        "untrue",
        "incorrect",
        "inaccurate",
        "wrong",
        "misleading",
        "bogus",
        "baseless",
        "unfounded",
        "unsubstantiated",
        "exaggerated",
        "overstated",
        "inflated",
        "erroneous",
        "debunked",
        "fabricated",
    }
)
REJECTING_NOUNS = frozenset(
    {"falsehood", "misuse", "misrepresentation", "exaggeration", "distortion", "fabrication", "misstatement"}
)
REJECTING_VERBS = frozenset(
    {"debunk", "disprove", "refute", "overstate", "exaggerate", "misstate", "misrepresent", "inflate", "contradict"}
)
# Words that reject a statement when negated: "not true", "not accurate".
AFFIRMING_ADJECTIVES = frozenset({"true", "accurate", "correct", "right", "factual"})
# Nouns that reject what they are about when "no" governs them: "no evidence that ...".
SUPPORT_NOUNS = frozenset({"evidence", "proof", "basis"})
# Nouns by which a sentence talks about a statement or a figure rather than the world.
STATEMENT_NOUNS = frozenset({"figure", "claim", "number", "statistic", "estimate", "statement", "assertion"})
# Adverbs by which a report says the statement it reports is false: "falsely claimed".
FALSELY = frozenset(
    {"falsely", "wrongly", "incorrectly", "erroneously", "inaccurately", "misleadingly", "mistakenly", "untruthfully"}
)
# Verbs by which a claimant takes its own statement back: the one rejection a claimant may make of itself.
ADMITTING = frozenset({"admit", "concede", "acknowledge", "retract", "recant", "correct", "apologize", "apologise"})
# Words that point back at a statement made just before: "that is not true", ", which is false".
BACK_POINTERS = frozenset({"that", "this", "it", "these", "those", "which"})
# Nouns that name a statement without saying what it was: "these statements", "the claim".
NAMING_NOUNS = STATEMENT_NOUNS | {"remark", "comment", "suggestion", "notion", "characterization", "representation"}
_PRONOUNS = frozenset(
    {"it", "this", "that", "these", "those", "they", "which", "what", "he", "she", "you", "i", "we"}
    | {"nothing", "something", "anything", "everything", "all"}
)
# Rejecting adjectives that, before a noun, say something else: "the wrong people", "the wrong impression".
_NOT_ATTRIBUTIVE = frozenset({"wrong", "incorrect"})
_NAMING = frozenset({"call", "brand", "label", "deem", "term", "describe", "consider", "find", "declare", "dismiss"})
# Entity types of who says things, not of what is said: "contradicting President Trump" rejects no statement.
_WHO_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Nouns of who speaks: "contradict the president and his Republican backers" rejects none of their statements.
_WHO_NOUNS = PERSON_ROLE_NOUNS | frozenset(
    "backer supporter critic opponent ally people administration government campaign team party".split()
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
_NOT_CONTENT = frozenset(
    {"say", "tell", "state", "claim", "be", "have", "do", "get", "make", "go", "also", "just", "now", "then", "there"}
    | {"begin", "start", "continue"}  # aspect, not content: "had begun withdrawing" claims the withdrawal
)
_NUMBER = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*-?\s*"
    r"(trillion|billion|million|thousand|bn|tn|m|k|%|percent|per cent)?(?![\w])",
    re.IGNORECASE,
)
_SCALE = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """One place where a sentence rejects a statement: the rejecting words and what they reject."""

    term: str  # the rejecting words as written ("potentially misleading", "no evidence", "not true")
    target: Span  # what is rejected
    admitted: bool  # the rejection is an admission ("acknowledged ... were wrong")
    # the target only points back at a statement ("that is not true", "these statements"): what it is
    # must be read from the words before it (:func:`rejects_in_context`)
    anaphoric: bool = False


_MIGHT_REJECT = re.compile(
    r"\b(false|untrue|incorrect|inaccurate|wrong|mislead|bogus|baseless|unfounded|unsubstantiated|exaggerat|"
    r"overstat|inflat|erroneous|debunk|fabricat|falsehood|misuse|misrepresent|distort|misstat|disprov|refut|"
    r"contradict|true|accurate|correct|right|factual|evidence|proof|basis)",
    re.IGNORECASE,
)


def might_reject(text: str) -> bool:
    """A cheap test before parsing: whether the text has a word that :func:`rejections` could read as one."""
    return _MIGHT_REJECT.search(text) is not None


def numbers(text: str) -> set[float]:
    """The numeric values in a text, with their scale words ("£350m" and "350 million" are both 3.5e8).

    Bare four-digit numbers from 1800 to 2099 are taken as years and left out, and so are digits that end
    a name ("Covid-19", "MH-17", "Su-25"): they name a thing, not count it.
    """
    out = set()
    for m in _NUMBER.finditer(text):
        digits, scale = m.group(1), (m.group(2) or "").lower()
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            continue
        if not scale and re.fullmatch(r"1[89]\d\d|20\d\d", digits):
            continue  # a year
        out.add(value * _SCALE.get(scale, 1.0))
    return out


@lru_cache(maxsize=1)
def _demonyms():
    from receipts.extract.actors import AliasTable

    return AliasTable.load()


def _lemma(t: Token) -> str:
    """A token's lower-cased lemma, a demonym read as its country (``country_word``: "the Ukrainian border"
    and "the border with Ukraine" share "ukraine")."""
    if t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper() and (country := _demonyms().demonym(t.text)):
        return country.lower()
    return t.lemma_.lower()


def content_lemmas(tokens) -> set[str]:
    """The content words of a stretch of text, as lower-cased lemmas (demonyms as their country)."""
    return {
        _lemma(t)
        for t in tokens
        if t.pos_ in _CONTENT_POS and not t.is_stop and len(t.text) > 2 and t.lemma_.lower() not in _NOT_CONTENT
    }


def _negated(t: Token) -> bool:
    heads = [t] + ([t.head] if t.dep_ in ("acomp", "attr", "oprd", "xcomp") else [])
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for h in heads for c in h.children)


def _held_at_distance(t: Token) -> bool:
    """Whether the rejection sits inside content its sentence does not stand behind, or is asked or conditional."""
    for anc in t.ancestors:
        if anc.lemma_.lower() in DISTANCING_VERBS | {"accuse", "ask", "wonder", "deny"}:
            return True
    clause = t if t.dep_ not in ("acomp", "attr", "oprd") else t.head
    for node in [clause, *clause.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in node.children):
            return True
    return False


def _admitted(t: Token) -> bool:
    return any(anc.lemma_.lower() in ADMITTING for anc in t.ancestors)


def _subject(head: Token, skip: Token) -> Token | None:
    """What a copula or a naming verb says the rejecting word of: "X is false", "branding X a misuse"."""
    deps = ("dobj", "nsubjpass") if head.lemma_.lower() in _NAMING else ("nsubj", "nsubjpass", "csubj")
    for c in head.children:
        if c is not skip and c.dep_ in deps:
            return c
    return None


def _phrase(t: Token) -> Span | None:
    """A token's whole phrase, or None for a bare pronoun (what it stands for is not known here)."""
    if t.lower_ in _PRONOUNS and not list(t.children):
        return None
    return t.doc[t.left_edge.i : t.right_edge.i + 1]


def _pointer(t: Token | None) -> Span | None:
    """The phrase of a token that points back at an earlier statement without saying it: a bare "that",
    "this", "which" or "it", or a statement noun with nothing but determiners ("these statements",
    "his claim"). None for anything else, people included ("he is wrong")."""
    if t is None:
        return None
    if t.lower_ in BACK_POINTERS and not list(t.children):
        return t.doc[t.i : t.i + 1]
    if t.pos_ == "NOUN" and t.lemma_.lower() in NAMING_NOUNS:
        rest = [c for c in t.subtree if c is not t]
        if all(c.dep_ in ("det", "poss", "predet") or c.pos_ in ("DET", "PRON") for c in rest):
            return t.doc[t.left_edge.i : t.right_edge.i + 1]
    return None


def rejections(doc: Doc) -> list[Rejection]:
    """Every place where the sentence rejects a statement, with what it rejects."""
    found: list[Rejection] = []
    if not might_reject(doc.text):
        return found
    for t in doc:
        word, lemma = t.lower_, t.lemma_.lower()
        target: Span | None = None
        pointed: Token | None = None  # the token that names what is rejected, when it is given
        term = t.text
        if word in REJECTING_ADJECTIVES or (word in AFFIRMING_ADJECTIVES and t.pos_ == "ADJ"):
            rejecting = word in REJECTING_ADJECTIVES
            if _negated(t) == rejecting:
                continue  # "not misleading" does not reject; "true" without "not" does not either
            if not rejecting:
                term = f"not {t.text}"
            if t.dep_ == "amod" and rejecting and word not in _NOT_ATTRIBUTIVE:
                target = _phrase(t.head)
            elif any(c.dep_ == "xcomp" for c in t.children):
                target = None  # "wrong to ban fracking": a judgement of an act, not of a statement
            elif t.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp"):
                pointed = _subject(t.head, t)
                target = _phrase(pointed) if pointed is not None else None
                said = [c for c in t.head.children if c.dep_ == "ccomp" and c.i > t.i]
                if pointed is not None and pointed.lower_ == "it" and said:  # "it is false that ...": the clause
                    pointed, target = None, t.doc[said[0].left_edge.i : said[0].right_edge.i + 1]
            if target is not None and any(c.dep_ == "advmod" for c in t.children):
                term = " ".join(c.text for c in t.children if c.dep_ == "advmod") + " " + term
        elif lemma in REJECTING_NOUNS and t.pos_ == "NOUN" and not _negated(t):
            if t.dep_ in ("attr", "dobj", "oprd", "appos"):
                pointed = _subject(t.head, t) if t.dep_ != "appos" else t.head
                target = _phrase(pointed) if pointed is not None else None
            if target is None:
                of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
                pobj = [g for c in of for g in c.children if g.dep_ == "pobj"]
                target = _phrase(pobj[0]) if pobj else None
        elif lemma in REJECTING_VERBS and t.pos_ == "VERB" and not _negated(t):
            objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            pointed = objs[0] if objs else None
            if pointed is not None and _names_someone(pointed):
                pointed = None  # "contradicting President Trump": which of his statements is not said
            target = _phrase(pointed) if pointed is not None else None
        elif lemma in SUPPORT_NOUNS and t.pos_ == "NOUN" and any(c.lower_ == "no" for c in t.children):
            term = f"no {t.text}"
            parts = [c for c in t.children if c.dep_ in ("acl", "ccomp", "relcl", "prep")]
            if parts:
                target = t.doc[min(p.left_edge.i for p in parts) : max(p.right_edge.i for p in parts) + 1]
        pointer = _pointer(pointed)
        if (pointer is None and target is None) or _held_at_distance(t):
            continue
        if pointer is not None:
            found.append(Rejection(term=term.strip(), target=pointer, admitted=_admitted(t), anaphoric=True))
        elif target is not None:
            found.append(Rejection(term=term.strip(), target=target, admitted=_admitted(t)))
    return found


def carries(claim: Doc, tokens, text: str) -> bool:
    """Whether a stretch of text states the claim: it has the claim's figure and a content word of it,
    or at least three content words of the claim and 60 % of them."""
    claim_words = content_lemmas(claim)
    shared = content_lemmas(tokens) & claim_words
    # a claim that talks about a figure ("the £350m figure relates to gross payments") does not assert it
    about_figure = any(t.pos_ == "NOUN" and t.lemma_.lower() in STATEMENT_NOUNS for t in claim)
    if not about_figure and shared and numbers(claim.text) & numbers(text) and _counts_alike(claim, tokens):
        return True
    if len(shared) < 3 or len(shared) < 0.6 * len(claim_words):
        return False
    # what the claim says happened must be among the shared words: "more research into autism was
    # required" shares its nouns with "no evidence that the vaccine causes autism", not its verb
    said = {_lemma(t) for t in claim if t.pos_ == "VERB" and _lemma(t) not in _NOT_CONTENT | _LIGHT_VERBS}
    return not said or bool(said & shared)


# Verbs that carry little of what a claim says happened ("the figures showed 420,000 trips").
_LIGHT_VERBS = frozenset({"show", "find", "report", "cite", "put", "give", "take"})
# Nouns that name a statement whose content follows them: "the claim that ...", "reports of ...".
PROPOSITION_NOUNS = NAMING_NOUNS | {
    "allegation",
    "accusation",
    "charge",
    "report",
    "rumour",
    "rumor",
    "theory",
    "story",
    "idea",
    "contention",
    "assurance",
    "insistence",
    "tweet",
    "post",
}


def proposition(target: Span) -> Span:
    """What a rejected phrase says happened: the clause after a statement noun ("Trump's claim [that
    thousands of people cheered]", "reports [of asylum seekers throwing children overboard]"), or the
    phrase itself when it names no statement."""
    root = target.root
    if root.pos_ == "ADP":  # "no evidence [for his assertion that ...]"
        root = next((c for c in root.children if c.dep_ == "pobj"), root)
    if root.pos_ == "NOUN" and root.lemma_.lower() in PROPOSITION_NOUNS:
        for c in root.children:
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return target.doc[c.left_edge.i : c.right_edge.i + 1]
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > root.i:
                return target.doc[c.i + 1 : c.right_edge.i + 1]
    return target


def _negative(tokens: Doc | Span) -> bool:
    """Whether a stretch of text negates its main predicate: "did not send", "nobody thought", "had
    neither the weapons nor ...", "there were no weapons". A "not" in a clause below the predicate ("turned
    down jury duty because they were not citizens") does not negate what the text says happened."""
    roots = [s.root for s in tokens.sents] if isinstance(tokens, Doc) else [tokens.root]
    for root in roots:
        said = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if said is not None and root.lemma_.lower() in _SAYING:
            root = said  # "No tenants paid twice, the mayor said": what was said is the predicate
        for c in root.children:
            if c.dep_ == "neg" or c.lower_ in _NEGATORS:
                return True
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
                g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in c.children
            ):
                return True
    return False


# Verbs by which a text reports what someone says or denies rather than saying it itself.
_REPORTING = DISTANCING_VERBS | {
    "say",
    "tell",
    "deny",
    "accuse",
    "assert",
    "testify",
    "repeat",
    "reiterate",
    "maintain",
    "charge",
    "dispute",
}
_SAYING = frozenset({"say", "tell", "state", "add", "write", "claim", "insist", "argue", "report", "announce"})
_NEGATORS = frozenset({"no", "never", "nothing", "nobody", "none", "neither", "nor", "without"})


def covers(claim: Doc, target: Span) -> bool:
    """``rejection-covers``: the claim states all that the rejected phrase says happened, and more ("I won
    the popular vote if you deduct the millions of people who voted illegally" against "no evidence for
    his assertion that millions of people had voted illegally"). What is rejected is read from its
    proposition (:func:`proposition`): at least three content words, at most one of them missing from
    the claim (none of fewer than five), every figure in it also in the claim, and a claim that negates
    nothing."""
    said = proposition(target)
    words = content_lemmas(said) - PROPOSITION_NOUNS
    if len(words) < 3 or _negative(claim) or _negative(said):
        return False
    figures = numbers(said.text)
    if figures and not figures <= numbers(claim.text):
        return False
    return len(words - content_lemmas(claim)) <= min(1, len(words) // 5)


def _counted(tokens) -> set[str]:
    """What the figures of a stretch of text count: the nouns their numbers modify ("183 arsonists")."""
    return {t.head.lemma_.lower() for t in tokens if t.dep_ == "nummod" and t.head.pos_ == "NOUN"}


def _counts_alike(claim: Doc, tokens) -> bool:
    """Whether a shared figure counts the same thing on both sides: "183 people" charged is not "183
    arsonists" arrested. When either side's figure counts no noun ("£350m a week"), it is not known to differ."""
    ours, theirs = _counted(claim), _counted(tokens)
    return not ours or not theirs or bool(ours & theirs)


def _names_someone(t: Token) -> bool:
    """``names_someone``: the word names who speaks, not what is said: an entity of a person or body
    ("President Trump"), or a person's role or group ("the president and his Republican backers")."""
    return t.ent_type_ in _WHO_ENTITIES or t.lemma_.lower() in _WHO_NOUNS


def _said_by_another(claim: Doc, words: set[str]) -> bool:
    """``said_by_another``: the claim reports someone else's words ('Clapper had said "Trump should be happy
    that the FBI was SPYING on his campaign"'): its main verb is a verb of saying whose clause holds every word
    the claim shares with what is rejected. That someone said it is what such a claim asserts, and a rejection
    of the words does not make it false."""
    root = next((t for t in claim if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in _REPORTING or root.pos_ != "VERB":
        return False
    said = [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > root.i]
    if not said or not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return False
    inside = set().union(*(content_lemmas(c.subtree) for c in said))
    shared = words & content_lemmas(claim)
    return bool(shared) and shared <= inside


def _reports_a_statement(claim: Doc, words: set[str]) -> bool:
    """Whether the claim holds these words inside a statement it names or reports rather than asserting
    them: "it was meant to lend credibility to Trump's assertion that millions voted illegally", "the
    front-runner said he had seen thousands cheer", "Banks has denied telling another officer that ...",
    "agents searched for evidence of tunnels"."""
    for t in claim:
        naming = t.pos_ == "NOUN" and t.lemma_.lower() in PROPOSITION_NOUNS | SUPPORT_NOUNS
        reporting = t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING
        if naming or reporting:
            inside = content_lemmas(t.subtree) - {t.lemma_.lower()}
            if words and len(words & inside) >= len(words) - 1:
                return True
    return False


def rejects(claim: Doc, rejection: Rejection) -> bool:
    """Whether what a rejection rejects is the claim: it carries the claim's figure, or most of its
    content, or the claim states all of what is rejected (:func:`covers`)."""
    if rejection.anaphoric or rejections(claim):
        return False  # a claim that itself says "no evidence that ..." agrees with a rejection of the same
    if _negative(claim) != _negative(rejection.target):
        return False  # "nobody thought children were thrown overboard" agrees with calling the reports false
    words = content_lemmas(proposition(rejection.target)) - PROPOSITION_NOUNS
    if _reports_a_statement(claim, words) or _said_by_another(claim, words):
        return False
    return carries(claim, rejection.target, rejection.target.text) or covers(claim, rejection.target)


def rejects_in_context(claim: Doc, rejection: Rejection, before: Doc | None) -> bool:
    """Whether a rejection that only points back ("that is not true", "these statements are
    misleading") points at the claim: the words it points back at, those of its own sentence before it
    and of the sentence before that (``before``), state the claim (:func:`carries`)."""
    if not rejection.anaphoric:
        return False
    sentence = rejection.target.doc
    own = sentence[: rejection.target.start]
    tokens = list(own) + (list(before) if before is not None else [])
    text = own.text + " " + (before.text if before is not None else "")
    return carries(claim, tokens, text)


def rejected_by(
    claim: Doc, evidence: Doc, *, claimant: bool = False, before: Doc | None = None, pointing: bool = False
) -> Rejection | None:
    """The first rejection in the evidence of the claim itself; with ``claimant``, only an admission counts.

    With ``pointing``, only a rejection that points back at the claim through the words before it (the
    sentence ``before``, and its own words ahead of the pointer) is looked for (:func:`rejects_in_context`).
    """
    for r in rejections(evidence):
        if claimant and not r.admitted:
            continue
        if rejects_in_context(claim, r, before) if pointing else rejects(claim, r):
            return r
    return None


def falsely_reported(sentence: Doc, claim_text: str) -> str | None:
    """The adverb by which the sentence reporting a claim calls it false ("falsely claimed"), if any.

    The adverb must modify a verb that governs the claim's words and lies outside them: the report's
    verb, not one inside the claim ("he said she falsely claimed ..." rejects her claim, not his).
    """
    start = sentence.text.find(claim_text)
    if start < 0 or not claim_text.strip():
        return None
    span = sentence.char_span(start, start + len(claim_text), alignment_mode="expand")
    if span is None:
        return None
    inside = {t.i for t in span}
    root = span.root
    for verb in [root, *root.ancestors]:
        if verb.i in inside:
            continue
        for c in verb.children:
            if c.dep_ == "advmod" and c.lower_ in FALSELY and not _held_at_distance(verb):
                return f"{c.text} {verb.text}"
        break  # only the verb that governs the claim directly
    return None
