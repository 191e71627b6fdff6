"""The verification rules by name, and the gate that lets only precise ones settle a verdict.

A rule is named by the comparison that fired and the side it takes: ``quantity-refute`` (the same
counted thing, a different figure), ``negation-refute`` (one side says it happened, the other that it
did not), ``predicate-support`` (the record says the same act happened), and so on. Each one's
precision is measured on real news by judging a sample of receipts' own verdicts by hand
(``receipts eval audit``); ``receipts eval audit --score FILE --rule-table OUT`` writes the counts.

A rule whose measured precision is below the minimum (0.9 by default), or that was judged on too
few real items to know, cannot settle a verdict: what it found is kept as a lead for review, and the
verdict stays NOT_ENOUGH_INFO. Example::

    gate = RuleGate.load(None, minimum=0.9)        # the table shipped with receipts
    gate.may_settle("quantity-refute")             # False: 0 of 14 right on real news
    gate.why_not("quantity-refute")                # a sentence a reader can check
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from receipts.errors import ConfigError

# Every rule that can put evidence for or against a claim, with what it checks.
RULES: dict[str, str] = {
    "quantity-support": "the same figure for the same counted thing, in aligned statements",
    "quantity-refute": "a different figure for the same counted thing, in aligned statements",
    "negation-refute": "one side says the act happened, the other that it did not",
    "negation-support": "both sides say the act did not happen",
    "predicate-refute": "opposite acts on the same thing (rose / fell, kept / broke)",
    "predicate-support": "the record says the same act happened to the same thing",
    "evaluation-refute": "opposite judgements of the same event (a success / a failure)",
    "promise-support": "the status of the promise the claim talks about bears it out",
    "promise-refute": "the status of the promise the claim talks about contradicts it",
    "promise-step": "a later statement moves a promise's status (kept, broken, stalled, in the works)",
    "rejection-refute": "another statement calls the claim, or its figure, false, misleading or without evidence",
    "reference-refute": 'a statement calls what was just said false ("that is not true"), and that states the claim',
    "narration-refute": 'the sentence reporting the claim calls it false itself ("falsely claimed")',
    "restatement-support": "another asserter states the claim again: nearly all its content words and all its figures",
    "nli-support": "the NLI model alone finds entailment",
    "nli-refute": "the NLI model alone finds contradiction",
}
# Fewer judged items than this and a rule's precision is not known well enough to trust it.
MIN_JUDGED = 10
SHIPPED = "rule_precision.json"
# How the reason of a NOT_ENOUGH_INFO verdict begins when a rule found evidence it may not settle on.
LEAD = "lead for review, not a verdict"


_LEAD_READ = re.compile(
    "^" + re.escape(LEAD) + r": the record may show it (?P<label>[a-z ]+?) \(.*\), but the (?P<rule>[a-z]+-[a-z]+) rule"
)


def read_lead(reason: str) -> tuple[str, str] | None:
    """The label a lead suggests and the rule behind it, read back from a verdict's reason.

    ``("REFUTED", "negation-refute")`` for a reason the verifier wrote for a lead; None for any other.
    """
    m = _LEAD_READ.match(reason or "")
    return (m.group("label").upper().replace(" ", "_"), m.group("rule")) if m else None


def rule_name(signal: str, stance: str) -> str:
    """The rule behind a piece of evidence: its signal and the side it takes (``negation-refute``)."""
    return f"{signal}-{stance}"


@dataclass(frozen=True, slots=True)
class Measured:
    """How often a rule's verdicts were right when judged by hand on real news."""

    right: int
    wrong: int

    @property
    def judged(self) -> int:
        return self.right + self.wrong

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None


@dataclass(frozen=True, slots=True)
class RuleGate:
    """Which rules may settle a verdict on their own.

    :param minimum: The precision a rule needs; 0 lets every rule settle (for the invented stories,
        which test one rule at a time, not whether a rule is good enough for real news).
    :param measured: Judged counts per rule name.
    :param source: Where the counts came from, for the reason a reader sees.
    """

    minimum: float = 0.9
    measured: Mapping[str, Measured] = field(default_factory=dict)
    source: str = "no measurements"
    by_source: Mapping[str, Mapping[str, Measured]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None, *, minimum: float = 0.9) -> RuleGate:
        """Read a rule table written by ``receipts eval audit --rule-table``; None reads the shipped one.

        :raises ConfigError: When the file is missing or not a rule table.
        """
        try:
            if path is None:
                text = resources.files("receipts.data").joinpath(SHIPPED).read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            data = json.loads(text)
            measured = {
                name: Measured(int(row["right"]), int(row["wrong"])) for name, row in data.get("rules", {}).items()
            }
            by_source = {
                src: {name: Measured(int(row["right"]), int(row["wrong"])) for name, row in rules.items()}
                for src, rules in (data.get("sources") or {}).items()
            }
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: no such rule table; write one with 'receipts eval audit --rule-table'") from exc
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path or SHIPPED}: not a rule table ({exc.__class__.__name__}: {exc})") from exc
        return cls(
            minimum=minimum, measured=measured, source=str(data.get("source", path or SHIPPED)), by_source=by_source
        )

    def may_settle(self, rule: str) -> bool:
        """Whether a rule's measured precision lets it settle a verdict on its own."""
        if self.minimum <= 0:
            return True
        m = self.measured.get(rule)
        return (
            m is not None
            and m.judged >= MIN_JUDGED
            and (m.precision or 0.0) >= self.minimum
            and self._worst_source(rule) is None
        )

    def _worst_source(self, rule: str) -> tuple[str, Measured] | None:
        """A source that judged the rule on enough items and found it below the minimum, if any."""
        low = [
            (src, rules[rule])
            for src, rules in sorted(self.by_source.items())
            if rule in rules and rules[rule].judged >= MIN_JUDGED and (rules[rule].precision or 0.0) < self.minimum
        ]
        return min(low, key=lambda x: x[1].precision or 0.0) if low else None

    def why_not(self, rule: str) -> str:
        """Why a rule cannot settle a verdict, in words a reader can check."""
        m = self.measured.get(rule)
        if m is None or not m.judged:
            return f"the {rule} rule has not been measured on real news"
        if m.judged < MIN_JUDGED:
            items = "item" if m.judged == 1 else "items"
            return f"the {rule} rule was judged on only {m.judged} real {items} ({m.right} right)"
        worst = self._worst_source(rule)
        if worst is not None:
            src, w = worst
            where = f"real news ({src})" if src.endswith(".tsv") else src
            return (
                f"the {rule} rule was right {w.right} of {w.judged} times on {where} "
                f"({w.precision:.2f}, below {self.minimum:.2f})"
            )
        return (
            f"the {rule} rule was right {m.right} of {m.judged} times on real news "
            f"({m.precision:.2f}, below {self.minimum:.2f})"
        )


def merge(existing: Mapping | None, counts: Mapping[str, Measured], *, source: str) -> dict:
    """A rule table with one source's counts put in (replacing that source's earlier counts), summed over sources.

    A table written before sources were kept counts as one source, named by its ``source``.
    """
    sources: dict[str, dict[str, Measured]] = {}
    if existing:
        kept = existing.get("sources") or {existing.get("source", "earlier"): existing.get("rules", {})}
        for src, rules in kept.items():
            sources[src] = {name: Measured(int(r["right"]), int(r["wrong"])) for name, r in rules.items()}
    sources[source] = dict(counts)
    total: dict[str, Measured] = {}
    for rules in sources.values():
        for name, m in rules.items():
            t = total.get(name, Measured(0, 0))
            total[name] = Measured(t.right + m.right, t.wrong + m.wrong)
    out = table(total, source=" + ".join(sorted(sources)))
    out["sources"] = {src: table(rules, source=src)["rules"] for src, rules in sorted(sources.items())}
    return out


def table(counts: Mapping[str, Measured], *, source: str) -> dict:
    """A rule table as written to JSON: the counts per rule and where they came from."""
    return {
        "source": source,
        "minimum_judged": MIN_JUDGED,
        "rules": {
            name: {"right": m.right, "wrong": m.wrong, "precision": round(m.precision, 3) if m.judged else None}
            for name, m in sorted(counts.items())
        },
    }
