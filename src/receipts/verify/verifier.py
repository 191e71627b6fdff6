"""Decide a verdict for one claim from candidate evidence: structured rules first, then NLI."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from receipts.extract.statements import is_statement
from receipts.verify.assertions import assess, is_correction
from receipts.verify.compare import Signal, compare
from receipts.verify.rejection import falsely_reported, rejected_by
from receipts.verify.restatement import restates
from receipts.verify.rules import LEAD, RuleGate, rule_name

LABELS = ("SUPPORTED", "REFUTED", "DISPUTED", "NOT_ENOUGH_INFO")
VERSION = "verify.v1"
# Parses a verifier keeps in memory; a run hands them over in batches smaller than this.
CACHE_SIZE = 8000


@dataclass(frozen=True, slots=True)
class ClaimInput:
    id: str
    text: str
    speaker: str | None
    source: str | None
    document_id: str
    published: date | None
    sentence_text: str | None = None
    about_past: bool = False  # the claim is about a time before it was made, so earlier evidence counts
    keys: frozenset[str] = frozenset()  # nouns known from context, e.g. an elided counted noun
    unit: str | None = None  # what the claim's number counts, as stored
    origin_document: str | None = None  # the document this one republishes (a near-duplicate), if any


@dataclass(frozen=True, slots=True)
class Candidate:
    """A retrieved sentence that may bear on a claim."""

    id: str
    document_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    source: str | None
    published: date | None
    speaker_kind: str | None = None
    origin_document: str | None = None  # a near-duplicate's original: the two are one story
    origin_source: str | None = None  # ... and the original's outlet, the source that counts
    title: str | None = None  # the headline of the candidate's document: a headline restates, it is no record
    before: str | None = None  # the sentence before it in its document, when it may point back at one
    # not retrieved for the claim: the sentence after one that was, kept only as a possible rejection of what
    # that sentence says ("So yesterday, the Russian government said it was withdrawing troops. But we now
    # know it was false."); no other rule reads it
    follow_on: bool = False


@dataclass(frozen=True, slots=True)
class EvidenceJudgement:
    candidate: Candidate
    stance: str  # support | refute | neutral
    strength: float
    signal: str  # quantity | negation | predicate | evaluation | rejection | reference | narration | nli
    detail: str
    weight: float = 1.0  # how much this source counts as a record (a party's own word counts less)

    @property
    def weighted(self) -> float:
        return self.strength * self.weight

    def to_dict(self) -> dict:
        c = self.candidate
        return {
            "sentence_id": c.id,
            "document_id": c.document_id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "speaker": c.speaker,
            "source": c.source,
            "published": c.published.isoformat() if c.published else None,
            "stance": self.stance,
            "strength": round(self.strength, 3),
            "signal": self.signal,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    claim_id: str
    label: str
    confidence: float
    reason: str
    evidence: tuple[EvidenceJudgement, ...] = field(default_factory=tuple)
    method: str = VERSION


def _clip(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _who(c: Candidate) -> str:
    return c.speaker or c.origin_source or c.source or "unknown"


def _story(document_id: str, origin: str | None) -> str:
    return origin or document_id


def _same_party(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def same_claimant(claim: ClaimInput, cand: Candidate) -> bool:
    """A speaker repeating their own claim is not independent evidence.

    Unattributed narration, and a document quoted in an outlet's own article ("according to an
    analysis by Northstar Monitor" in Northstar Monitor's report), speak for the outlet: a claim by
    "Northstar Monitor" is not checked against Northstar Monitor's own reporting.
    """
    claim_party = claim.speaker or claim.source
    # a document speaking ("an analysis", "the report") in an outlet's own article is the outlet speaking
    cand_party = (
        cand.speaker if cand.speaker and cand.speaker_kind != "document" else (cand.origin_source or cand.source)
    )
    if claim.speaker and cand.speaker and cand.speaker_kind != "document":
        return _same_party(claim.speaker, cand.speaker)
    if claim_party and cand_party:
        return _same_party(claim_party, cand_party)
    return False


class Verifier:
    """Judge candidate evidence against a claim and aggregate into a verdict.

    Example::

        verifier = Verifier(parse=lambda text: nlp(text), nli=OnnxNli("builtin"))
        verdict = verifier.verify(claim, candidates)

    Evidence no structured rule decides counts for or against a claim only when the NLI model is
    sure (``support_at``, ``refute_at``): the rules ``nli-support`` and ``nli-refute``. Like every rule
    they settle a verdict only where the gate's measured precision on real data lets them
    (``receipts eval rules --nli``; docs/evaluation.md); otherwise they are leads for review.
    """

    def __init__(
        self,
        parse: Callable[[str], Doc],
        nli=None,
        *,
        support_at: float = 0.9,
        refute_at: float = 0.9,
        gate: RuleGate | None = None,
    ) -> None:
        self.parse = parse
        self.nli = nli
        self.gate = gate if gate is not None else RuleGate(minimum=0.0)
        self.support_at = support_at
        self.refute_at = refute_at
        # the model reads evidence no rule decides only when one of its thresholds can be reached
        self.nli_alone = nli is not None and min(support_at, refute_at) <= 1.0
        self._cache: dict[str, Doc] = {}

    @property
    def method(self) -> str:
        return f"{VERSION}+rules" + (f"+{self.nli.method}" if self.nli is not None else "")

    def doc(self, text: str) -> Doc:
        """The parse of a text, cached."""
        return self._doc(text)

    def knows(self, text: str) -> bool:
        """Whether the parse of a text is at hand."""
        return text in self._cache

    def remember(self, docs: dict[str, Doc]) -> None:
        """Take parses worked out elsewhere (in a batch, or read back from a cache) for the texts given.

        The parse must be what ``parse`` would give for the text: the verdicts do not depend on where
        a parse came from.
        """
        if len(self._cache) + len(docs) > CACHE_SIZE:
            self._cache.clear()
        self._cache.update(docs)

    def _doc(self, text: str) -> Doc:
        doc = self._cache.get(text)
        if doc is None:
            doc = self.parse(text)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = doc
        return doc

    def judge(self, claim: ClaimInput, candidates: list[Candidate]) -> list[EvidenceJudgement]:
        """Return a judgement per relevant, independent candidate.

        Gates, in order: the claim's own sentence, earlier statements (unless the claim is about the
        past), the claimant repeating itself, boilerplate; then what the candidate asserts: content
        held at a distance ("bragged that ...", "insisted that ..."), a correction notice or a
        headline is kept as a lead, never as support or refutation. Only a named rule may settle a
        claim, the NLI model alone included (``nli-support``, ``nli-refute``), and only as the gate allows.
        """
        cdoc = self._doc(claim.text)
        relevant: list[tuple[Candidate, Signal | None]] = []
        leads: list[EvidenceJudgement] = []
        rejected: list[EvidenceJudgement] = []
        for cand in sorted(candidates, key=lambda c: c.id):  # the same evidence, whatever the retrieval order
            same_story = _story(cand.document_id, cand.origin_document) == _story(
                claim.document_id, claim.origin_document
            )
            if same_story and claim.text in cand.text:
                # the claim's own sentence, or its copy in a republished story: no evidence, unless the
                # report itself calls the claim false ("falsely claimed that ...")
                adverb = None if is_correction(cand.text) else falsely_reported(self._doc(cand.text), claim.text)
                if adverb:
                    rejected.append(
                        EvidenceJudgement(cand, "refute", 0.85, "narration", f"the report itself says it: “{adverb}”")
                    )
                continue
            if claim.published and cand.published and cand.published < claim.published and not claim.about_past:
                continue  # earlier statements cannot refute or confirm what was claimed later
            if not is_statement(cand.text):
                continue
            claimant = same_claimant(claim, cand)
            edoc = self._doc(cand.text)
            # a statement that calls the claim itself false; from the claimant, only an admission counts
            rejection = None if is_correction(cand.text) else rejected_by(cdoc, edoc, claimant=claimant)
            signal_name = "rejection"
            if rejection is None and cand.before and not is_correction(cand.text):
                # "That is not true." after a sentence that states the claim
                before = self._doc(cand.before)
                rejection = rejected_by(cdoc, edoc, claimant=claimant, before=before, pointing=True)
                signal_name = "reference"
            if rejection is not None:
                weight = 0.85 if cand.speaker and cand.speaker_kind == "person" and not claimant else 1.0
                what = rejection.target.text if len(rejection.target.text) <= 90 else rejection.target.text[:87] + "…"
                verb = "admits" if claimant else "calls"
                rejected.append(
                    EvidenceJudgement(
                        cand,
                        "refute",
                        0.85,
                        signal_name,
                        f"{_who(cand)} {verb} it “{rejection.term}”: {what}"
                        + (f" (after: {_clip(cand.before)})" if signal_name == "reference" else ""),
                        weight,
                    )
                )
                continue
            if claimant or cand.follow_on:
                continue
            ok, signal = compare(cdoc, edoc, claim_keys=claim.keys, claim_unit_text=claim.unit)
            if not ok:
                continue
            if signal is None and (said := restates(cdoc, edoc)):
                signal = Signal("support", 0.75, "restatement", f"the record states it too: {said}")
            held = assess(edoc, title=cand.title)
            if not held.counts:
                if signal is not None:
                    leads.append(
                        EvidenceJudgement(cand, "neutral", 0.0, "attribution", _lead(held.kind, held.cue, _who(cand)))
                    )
                continue
            relevant.append((cand, signal))
        # The model weighs what a rule found, and, alone, what no rule decides: the ``nli-support`` and
        # ``nli-refute`` rules, which the gate lets settle only where their measured precision allows.
        read = [i for i, (_, signal) in enumerate(relevant) if signal is not None or self.nli_alone]
        probs = (
            dict(zip(read, self.nli.predict([(relevant[i][0].text, claim.text) for i in read])))
            if self.nli is not None and read
            else {}
        )
        out = []
        for i, (cand, signal) in enumerate(relevant):
            entail, _, contra = probs.get(i, (0.0, 1.0, 0.0))
            if signal is None and i in probs:
                signal = nli_signal(float(entail), float(contra), support_at=self.support_at, refute_at=self.refute_at)
            weight = (
                0.85 if cand.speaker and cand.speaker_kind == "person" else 1.0
            )  # a party's word counts less than a record
            if _story(cand.document_id, cand.origin_document) == _story(claim.document_id, claim.origin_document):
                # the same article restating itself is not independent support; another asserter in it
                # can still set the record straight ("Kessler said 200 ... The agency says none came back")
                signal, entail = (None, 0.0) if signal is not None and signal.stance == "support" else (signal, entail)
                if not cand.speaker:
                    continue  # the outlet's own narration around the claim it reports
            if signal is not None and signal.stance == "support" and repeats_quote(claim.text, cand.text):
                # another outlet quoting the same words is the same statement again, not corroboration
                out.append(EvidenceJudgement(cand, "neutral", 0.0, "attribution", "repeats the same quoted words"))
                continue
            if signal is not None:
                agree = entail if signal.stance == "support" else contra
                strength = max(signal.strength, min(float(agree), signal.strength + 0.1))
                out.append(EvidenceJudgement(cand, signal.stance, strength, signal.kind, signal.detail, weight))
            else:
                out.append(
                    EvidenceJudgement(
                        cand, "neutral", 0.0, "related", "shares words with the claim; no rule decides it"
                    )
                )
        return rejected + out + leads

    def verify(self, claim: ClaimInput, candidates: list[Candidate]) -> Verdict:
        """Judge the candidates and aggregate them into one verdict with a reason."""
        judged = self.judge(claim, candidates)
        return aggregate(claim, judged, method=self.method, gate=self.gate)


def nli_signal(entail: float, contra: float, *, support_at: float, refute_at: float) -> Signal | None:
    """What the NLI model alone says of a pair no rule decides: the side it is sure of, or nothing.

    The side must clear its threshold and outweigh the other side.
    """
    if contra >= refute_at and contra > entail:
        return Signal("refute", contra, "nli", f"the NLI model reads it as contradicting the claim ({contra:.2f})")
    if entail >= support_at and entail > contra:
        return Signal("support", entail, "nli", f"the NLI model reads it as stating the claim ({entail:.2f})")
    return None


def aggregate(
    claim: ClaimInput, judged: list[EvidenceJudgement], *, method: str = VERSION, gate: RuleGate | None = None
) -> Verdict:
    """SUPPORTED / REFUTED when independent evidence agrees, DISPUTED when credible sources conflict.

    With a ``gate``, only evidence from rules whose measured precision on real news lets them settle
    counts; what the other rules found is kept as a lead for review, with the reason, and the claim
    stays NOT_ENOUGH_INFO unless precise rules decide it.
    """
    if gate is None:
        return _aggregate(claim, judged, method)
    held = [j for j in judged if j.stance != "neutral" and not gate.may_settle(rule_name(j.signal, j.stance))]
    if not held:
        return _aggregate(claim, judged, method)
    settled = _aggregate(claim, [j for j in judged if not any(j is h for h in held)], method)
    if settled.label != "NOT_ENOUGH_INFO":
        return settled
    suggested = _aggregate(claim, judged, method)
    if suggested.label == "NOT_ENOUGH_INFO":
        return settled
    lead = max(held, key=lambda j: (j.weighted, j.candidate.id))
    reason = (
        f"{LEAD}: the record may show it {suggested.label.lower().replace('_', ' ')} "
        f"({lead.detail}), but {gate.why_not(rule_name(lead.signal, lead.stance))}"
    )
    return Verdict(claim.id, "NOT_ENOUGH_INFO", 0.5, reason, suggested.evidence, method)


def _aggregate(claim: ClaimInput, judged: list[EvidenceJudgement], method: str) -> Verdict:
    sup = sorted((j for j in judged if j.stance == "support"), key=lambda j: -j.weighted)
    ref = sorted((j for j in judged if j.stance == "refute"), key=lambda j: -j.weighted)
    keep = tuple(ref[:3] + sup[:3]) or tuple(sorted(judged, key=lambda j: -j.strength)[:2])
    sup, ref = _decisive(sup), _decisive(ref)
    sup_sources = {_who(j.candidate) for j in sup}
    ref_sources = {_who(j.candidate) for j in ref}
    if ref and sup:
        label = "DISPUTED"
        conf = min(sup[0].weighted, ref[0].weighted)
        reason = (
            f"sources conflict: {ref[0].detail} ({len(ref_sources)} against) vs "
            f"{sup[0].detail} ({len(sup_sources)} for)"
        )
    elif ref:
        label = "REFUTED"
        conf = min(0.99, ref[0].weighted + 0.05 * (len(ref_sources) - 1))
        reason = f"{ref[0].detail} ({_plural(len(ref_sources), 'source')})"
    elif sup:
        label = "SUPPORTED"
        conf = min(0.99, sup[0].weighted + 0.05 * (len(sup_sources) - 1))
        reason = f"{sup[0].detail} ({_plural(len(sup_sources), 'independent source')})"
    else:
        label = "NOT_ENOUGH_INFO"
        conf = 0.5
        reason = (
            "no independent evidence in the record bears on this claim"
            if not judged
            else f"{len(judged)} related statements, none decisive"
        )
    return Verdict(claim.id, label, round(conf, 3), reason, keep, method)


def _decisive(
    judged: list[EvidenceJudgement], *, alone: float = 0.7, together: float = 0.55
) -> list[EvidenceJudgement]:
    """The evidence that settles a claim one way: any item at ``alone`` or more, or, when there is none,
    weaker items that at least two independent sources agree on (each at ``together`` or more)."""
    strong = [j for j in judged if j.weighted >= alone]
    if strong:
        return strong
    weak = [j for j in judged if j.weighted >= together]
    return weak if len({_who(j.candidate) for j in weak}) >= 2 else []


_QUOTED = re.compile(r"[\"“”]([^\"“”]{12,})[\"“”]")


def repeats_quote(claim: str, evidence: str, *, words: int = 6) -> bool:
    """Whether the evidence quotes the same words as the claim (six or more in a row)."""

    def grams(text: str) -> set[tuple[str, ...]]:
        out = set()
        for fragment in _QUOTED.findall(text):
            toks = re.findall(r"\w+", fragment.lower())
            out |= {tuple(toks[i : i + words]) for i in range(len(toks) - words + 1)}
        return out

    return bool(grams(claim) & grams(evidence))


def _lead(kind: str, cue: str | None, who: str) -> str:
    if kind == "distanced":
        return f"{who} {cue or 'said'} it: evidence that it was said, not that it is true"
    if kind == "correction":
        return "a correction notice restating what an article got wrong"
    return "a headline restating its article"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
