"""Check-worthy claims: declarative statements with a score.

v1 scores each claim unit (a sentence in the reporter's voice, or the content of
a quote inside it) with a transparent linear model over features a
fact-checker looks for: numbers, named actors, past-tense statements of what
someone did, comparisons; and against: questions, opinions, first-person
feelings and bare future intentions (those are commitments, not claims).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from receipts.extract.batching import overlapped
from receipts.extract.canonical import canonical_form
from receipts.extract.claims_features import WEIGHTS, claim_features, score_unit  # noqa: E402,F401
from receipts.extract.claims_rules import is_denial, rejected_by
from receipts.extract.claimtype import classify_claim_type
from receipts.extract.doctext import doc_text
from receipts.extract.lexicon import SPEECH_VERBS
from receipts.extract.speakers import SpeakerResolver
from receipts.extract.statements import is_statement
from receipts.types import Claim, Quantity, Quote, Span, TimeExpr

_QUOTE_MARKS = '"\u201c\u201d\u2018\u2019'
MAX_HOLE = 30  # characters: a gap the attribution tagger left inside one reported clause


def _rejoin(doc: Doc, quote: Quote) -> list[tuple[int, int]]:
    """A quote's content pieces, with holes the tagger left inside one clause filled again.

    '"X," he said, "Y."' is two pieces: the speaker and cue stand between them. But "state [data]
    show that levels have stayed steady" is one clause the tagger cut at a word it left untagged; a
    piece like "show that ..." has no subject of its own and would be turned away as a fragment. A
    gap is filled when it is short, inside one sentence, and holds no quotation mark, cue, speaker
    or finite verb (", [he summoned his] senior adviser" is a clause of its own, not a hole).
    """
    frags = [(f.start, f.end) for f in (quote.fragments or (quote.content,))]
    kept = [s for s in (quote.cue, quote.speaker.span if quote.speaker else None) if s is not None]
    out = [frags[0]]
    for a, b in frags[1:]:
        pa, pb = out[-1]
        if _hole(doc, pb, a) and not any(s.start < a and pb < s.end for s in kept):
            out[-1] = (pa, b)
        else:
            out.append((a, b))
    return out


def _hole(doc: Doc, a: int, b: int) -> bool:
    """Whether the text between two pieces of one content is a tagger's hole (see ``_rejoin``)."""
    text = doc_text(doc)
    if not 0 <= b - a <= MAX_HOLE or "\n" in text[a:b] or any(ch in _QUOTE_MARKS for ch in text[max(a - 1, 0) : b + 1]):
        return False
    gap = doc.char_span(a, b, alignment_mode="expand") if b > a else None
    if gap is None:
        return True
    return not any(t.is_sent_start or t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in ".!?" for t in gap)


def _units(doc: Doc, quotes: tuple[Quote, ...]) -> list[tuple[int, int, Quote | None]]:
    """Split the document into claim units: quote fragments, or whole sentences, and in a sentence that
    holds a quote, the parts of it between semicolons or colons that no quote touches."""
    units: list[tuple[int, int, Quote | None]] = []
    top = [q for q in quotes if q.nested_in is None]
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        inside = [q for q in top if q.content.start < e and q.content.end > s]
        if not inside:
            units.append((s, e, None))
            continue
        for q in inside:
            for fa, fb in _rejoin(doc, q):
                a, b = max(fa, s), min(fb, e)
                if b - a > 1:
                    units.append((a, b, q))
            whole = _whole_report(doc, q, s, e)
            if whole is not None:
                units.append((*whole, None))
        units += [(a, b, None) for a, b in _free_clauses(sent, inside)]
    return sorted(units, key=lambda u: (u[0], u[1]))


def _whole_report(doc: Doc, quote: Quote, s: int, e: int) -> tuple[int, int] | None:
    """When what a source reports is only a noun phrase with a figure ("the group puts its best estimate of
    [the flow between 12,000 and 19,000 barrels a day]"), the content alone is a fragment and no claim;
    the report as a whole (source, cue and content, inside the sentence) states what can be checked."""
    if quote.direct or quote.speaker is None or quote.speaker.span is None or quote.cue is None:
        return None
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None or any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    figures = ("PERCENT", "MONEY", "QUANTITY", "CARDINAL", "")

    def figure(t) -> bool:  # not a year ("the 2000 election": a date), a pronoun ("endorsed one") or a
        # descriptor joined by a hyphen ("a four-point statement", "a 60-day deadline")
        hyphened = t.i + 1 < len(t.doc) and t.nbor(1).text == "-"
        return t.like_num and t.pos_ == "NUM" and t.ent_type_ in figures and t.lower_ != "one" and not hyphened

    if not any(figure(t) for t in content):
        return None
    a = min(quote.speaker.span.start, quote.cue.start, quote.content.start)
    b = max(quote.speaker.span.end, quote.cue.end, quote.content.end)
    return (a, b) if s <= a and b <= e else None


def _free_clauses(sent, quotes: list[Quote]) -> list[tuple[int, int]]:
    """The parts of a sentence, between semicolons or colons, that no quote's content, cue or speaker
    touches: "Using three methods, the panel puts the flow at 12,000 to 19,000 barrels a day: two of
    the methods suggest it could be more" keeps its first clause when the tagger took the second as a
    quote. A part that runs into a quotation is turned away later (``runs_into_quote``)."""
    taken = []
    for q in quotes:
        taken += [(f.start, f.end) for f in (q.fragments or (q.content,))]
        taken += [(x.start, x.end) for x in (q.cue, q.speaker.span if q.speaker else None) if x is not None]
    marks = [t for t in sent if t.text in (";", ":")]
    bounds = [sent.start_char, *(t.idx + 1 for t in marks), sent.end_char]
    # "The governor added:" only introduces what follows it
    introduces = {t.idx + 1 for t in marks if t.text == ":" and t.i > sent.start and t.nbor(-1).pos_ in ("VERB", "AUX")}
    return [
        (a, b)
        for a, b in zip(bounds, bounds[1:])
        if b - a > 1 and b not in introduces and not any(x < b and a < y for x, y in taken)
    ]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    marks = " \n\t\"'\u201c\u201d\u2018\u2019,;:"
    while a < b and text[a] in marks:
        a += 1
    while b > a and text[b - 1] in marks:
        b -= 1
    return a, b


_LEADS = ("and ", "but ", "or ")


def _drop_lead(text: str, a: int, b: int) -> tuple[int, int]:
    """The continuation of a split quote reads as a sentence of its own: it loses its "and"
    ('"..." Kessler said, "and today already 200 have been sent back"'). A paraphrase keeps its
    "that": without it the check-worthiness scores moved, and a denied content ("denied that the
    meeting had been cancelled") read as the speaker's own assertion."""
    for _ in range(2):
        lead = next((w for w in _LEADS if text.startswith(w, a)), None)
        if lead is None or b - a <= len(lead):
            break
        a, b = _strip(text, a + len(lead), b)
    return a, b


def _drop_tail(text: str, a: int, b: int) -> tuple[int, int]:
    """``drop_tail``: a quotation whose span ran past its closing mark into the writer's next clause
    ('... is far too slow", and') ends where the quotation ends: a last "and", "but" or "or" goes."""
    for lead in _LEADS:
        tail = " " + lead.strip()
        if text.endswith(tail, a, b) and b - a > len(tail):
            return _strip(text, a, b - len(tail))
    return a, b


def _past_saying(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """``past_saying``: a unit the tagger began inside the clause before a participle of saying ("Istanbul,
    saying he was killed in a fist fight") starts at what is said ("he was killed in a fist fight"): the
    participle's clause, when the participle comes after a comma, nothing before it is a clause of its own
    (no finite verb), and the clause runs to the unit's end."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return a, b
    for t in span:
        if t.tag_ != "VBG" or t.lemma_.lower() not in SPEECH_VERBS or t.i == span.start or doc[t.i - 1].text != ",":
            continue
        said = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None)
        if said is None or said.right_edge.i < span.end - 2:
            continue
        if any(w.tag_ in ("VBD", "VBZ", "VBP", "MD") for w in doc[span.start : t.i]):
            return a, b  # a clause of its own before the participle: the unit is more than what was said
        start = said.left_edge
        if start.lower_ == "that" and start.i + 1 < span.end:
            start = doc[start.i + 1]
        return start.idx, b
    return a, b


def _infinitive(span) -> bool:
    """'pledged [to return the remains]', 'wishes [to clarify recent reports]': what someone means to do
    is a commitment or an aim (the commitments stage keeps those), not a claim about the world."""
    return len(span) > 1 and span[0].lower_ == "to" and span[1].tag_ == "VB"


def claim_candidates(doc: Doc, *, quotes=None, scorer=None, prefilter: float = 0.15) -> list[list]:
    """Split a doc into claim units with their heuristic score and whether the model should score them.

    :returns: ``[start, end, quote, score, send_to_model]`` per unit.
    """
    quotes = doc._.quotes if quotes is None else quotes
    out = []
    seen: set[tuple[int, int]] = set()
    pre = scorer.prefilter if scorer is not None and scorer.available else None
    for a, b, quote in _units(doc, quotes):
        a, b = _strip(doc_text(doc), a, b)
        if quote is not None:
            a, b = _drop_tail(doc_text(doc), *_drop_lead(doc_text(doc), a, b))
            a, b = _past_saying(doc, a, b)
        if b - a < 12 or (a, b) in seen or not is_statement(doc_text(doc)[a:b]):
            continue
        seen.add((a, b))
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or _infinitive(span) or rejected_by(span) is not None:
            continue  # not a statement: a fragment, a question, advice, a forecast (see claims_rules)
        heuristic = score_unit(span)
        send = (
            scorer is not None and scorer.available and (pre.keep(span) if pre is not None else heuristic >= prefilter)
        )
        out.append([a, b, quote, heuristic if not (scorer is not None and scorer.available) else 0.0, send])
    return out


# ``quoted_denial`` keeps a named speaker's denial scored at least this, below the threshold (see
# ``claims_rules.is_denial``); chosen on the dev stories' gold claims, measured on held-out ones.
DENIAL_FLOOR = 0.2
_NAMED_KINDS = frozenset({"person", "organisation", "group", "country"})


def _named(quote) -> bool:
    """Whether a unit is the words of a speaker the text names (not "sources" or an unresolved "he")."""
    return quote is not None and quote.speaker is not None and quote.speaker.kind in _NAMED_KINDS


def finish_claims(
    doc: Doc, candidates: list[list], *, threshold: float, method: str, quantities=None, times=None
) -> list[Claim]:
    """Turn scored candidates into Claims with their numbers, times and canonical form."""
    quantities: tuple[Quantity, ...] = doc._.quantities if quantities is None else quantities
    times: tuple[TimeExpr, ...] = doc._.times if times is None else times
    out: list[Claim] = []
    resolver = SpeakerResolver(doc, doc._.mentions)
    for a, b, quote, score, _ in candidates:
        span = doc.char_span(a, b, alignment_mode="expand")
        rule = None
        if score < threshold:
            if not (score >= DENIAL_FLOOR and _named(quote) and is_denial(span)):
                continue
            rule = "quoted_denial"
        in_q = tuple(q for q in quantities if a <= q.span.start < b)
        in_t = tuple(t for t in times if a <= t.span.start < b)
        canonical = canonical_form(
            span,
            resolver=resolver,
            quantities=in_q,
            times=in_t,
            said_on=doc._.published,
            speaker=quote.speaker.name if quote and quote.speaker else None,
        )
        out.append(
            Claim(
                span=Span(a, b, doc_text(doc)[a:b]),
                score=round(float(score), 4),
                speaker=quote.speaker if quote else None,
                quantities=in_q,
                times=in_t,
                method=f"{method}+{rule}" if rule else method,
                canonical=canonical,
                claim_type=classify_claim_type(span) if in_q else None,
            )
        )
    return out


def score_candidates(docs_candidates: list[tuple[Doc, list[list]]], scorer) -> None:
    """Score every unit marked for the model, across many docs in one batched call (in place)."""
    todo = [(doc, c) for doc, cands in docs_candidates for c in cands if c[4]]
    if not todo:
        return
    scores = scorer.scores([doc_text(doc)[c[0] : c[1]] for doc, c in todo])
    for (_, c), value in zip(todo, scores):
        c[3] = float(value)


def extract_claims(
    doc: Doc, *, quotes=None, quantities=None, times=None, threshold: float = 0.5, scorer=None, prefilter: float = 0.15
) -> list[Claim]:
    """Score claim units and keep those at or above threshold.

    Needs sentences, entities, ``doc._.quotes``, ``doc._.quantities`` and ``doc._.times``. Pure.

    :param threshold: Minimum check-worthiness score, in [0, 1].
    :param scorer: A CheckworthyScorer; without one (or without its model) the v1 heuristic scores.
    :param prefilter: Without a learned prefilter, units whose heuristic score is below this skip the model.
    :raises ValueError: When threshold is outside [0, 1].
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    candidates = claim_candidates(doc, quotes=quotes, scorer=scorer, prefilter=prefilter)
    method = "claims.heuristic.v1"
    if scorer is not None and scorer.available:
        method = scorer.method
        score_candidates([(doc, candidates)], scorer)
    return finish_claims(doc, candidates, threshold=threshold, method=method, quantities=quantities, times=times)


class ClaimsComponent:
    """The receipts_claims stage; ``pipe`` scores a whole batch of docs in one model call."""

    def __init__(self, threshold: float, model: str) -> None:
        from receipts.extract.checkworthy import CheckworthyScorer

        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {threshold}")
        self.threshold = threshold
        self.scorer = CheckworthyScorer(model, threads=1)  # runs beside the parser (see pipe)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = tuple(extract_claims(doc, threshold=self.threshold, scorer=self.scorer))
        return doc

    def pipe(self, stream, batch_size: int = 32):
        """Score whole batches; the model runs on a worker thread, one batch ahead (see ``batching``)."""
        yield from overlapped(
            stream, batch_size, self._prepare, self._score, self._finish_batch, name="receipts-claims"
        )

    def _prepare(self, docs: list[Doc]):
        pairs = [(doc, claim_candidates(doc, scorer=self.scorer)) for doc in docs]
        todo = [(doc, c) for doc, cands in pairs for c in cands if c[4]] if self.scorer.available else []
        return pairs, todo, [doc_text(doc)[c[0] : c[1]] for doc, c in todo]

    def _score(self, prepared):
        pairs, todo, texts = prepared
        return pairs, todo, (self.scorer.scores(texts) if texts else [])

    def _finish_batch(self, docs: list[Doc], scored):
        pairs, todo, scores = scored
        for (_, c), value in zip(todo, scores):
            c[3] = float(value)
        method = self.scorer.method if self.scorer.available else "claims.heuristic.v1"
        for doc, cands in pairs:
            doc._.claims = tuple(finish_claims(doc, cands, threshold=self.threshold, method=method))
            yield doc


@Language.factory(
    "receipts_claims",
    requires=["doc.sents", "doc._.quotes", "doc._.quantities", "doc._.times"],
    assigns=["doc._.claims"],
    default_config={"threshold": 0.5, "model": "builtin"},
)
def make_claims(nlp: Language, name: str, threshold: float, model: str):
    return ClaimsComponent(threshold, model)
