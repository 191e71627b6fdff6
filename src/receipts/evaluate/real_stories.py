"""Score receipts on real stories: real reporting in our own words, with gold written before any run.

A story is one JSON file (see ``tests/data/real_stories/README.md``): six or more dated documents and
gold quotes (speaker), claims (expected verdict), contradictions and promise statuses. Every document
of a story goes into one fresh store, the whole record is checked as ``receipts verify`` does, and the
output is held against the gold:

* verdicts: precision of the non-NOT_ENOUGH_INFO verdicts given to gold claims, and how many of the
  gold claims that the record settles were decided correctly (coverage);
* contradictions: precision over every contradiction found, recall over the gold pairs;
* promise statuses: precision of the final statuses given (a rated item that is not a gold promise
  counts against it);
* quote speakers: accuracy over the gold quotes that were found.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

from receipts.errors import ConfigError, ParseError
from receipts.evaluate.metrics import calibration_error
from receipts.extract.lexicon import same_given_name
from receipts.verify.rules import read_lead

LABELS = ("SUPPORTED", "REFUTED", "DISPUTED", "NOT_ENOUGH_INFO")
_SPLITS_FILE = "splits.json"


def load_stories(path: Path, *, split: str | None = None) -> list[dict]:
    """Read one story file, or every ``*.json`` story in a folder (``splits.json`` names each one's split).

    :raises ConfigError: When the path is missing or the split is unknown.
    :raises ParseError: When a story is malformed (a gold substring not in its document, say).
    """
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: no such story file or folder")
    files = sorted(p for p in path.glob("*.json") if p.name != _SPLITS_FILE) if path.is_dir() else [path]
    splits_file = (path if path.is_dir() else path.parent) / _SPLITS_FILE
    splits = json.loads(splits_file.read_text()) if splits_file.is_file() else {}
    if split and split not in set(splits.values()):
        raise ConfigError(f"--split {split!r}: {splits_file} names the splits {sorted(set(splits.values()))}")
    stories = []
    for file in files:
        try:
            story = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ParseError(f"{file}: not a JSON story: {exc}") from exc
        check_story(story, file)
        story["split"] = splits.get(story["id"], "unassigned")
        if split is None or story["split"] == split:
            stories.append(story)
    if not stories:
        raise ConfigError(f"{path}: no stories" + (f" in split {split!r}" if split else ""))
    return stories


def check_story(story: dict, origin: Path | str) -> None:
    """Check that every gold substring occurs in the document it names.

    :raises ParseError: Naming the story file, the gold item and the problem.
    """
    docs = {d.get("id"): d for d in story.get("documents", [])}
    if not docs or "gold" not in story or "id" not in story:
        raise ParseError(f"{origin}: a story needs 'id', 'documents' and 'gold'")
    gold = story["gold"]

    def need(doc_id, text, what):
        if doc_id not in docs:
            raise ParseError(f"{origin}: {what} names document {doc_id!r}, which the story does not have")
        if not text or text not in docs[doc_id]["text"]:
            raise ParseError(f"{origin}: {what}: {text!r} is not in document {doc_id!r}")

    for i, q in enumerate(gold.get("quotes", [])):
        need(q["doc"], q["text"], f"quote {i}")
    for i, c in enumerate(gold.get("claims", [])):
        need(c["doc"], c["text"], f"claim {i}")
        if c["expected"] not in LABELS:
            raise ParseError(f"{origin}: claim {i}: expected must be one of {LABELS}, not {c['expected']!r}")
    for i, c in enumerate(gold.get("contradictions", [])):
        need(c["a_doc"], c["a"], f"contradiction {i} side a")
        need(c["b_doc"], c["b"], f"contradiction {i} side b")
    for i, p in enumerate(gold.get("promises", [])):
        need(p["doc"], p["text"], f"promise {i}")


def status_name(status: str | None) -> str:
    """One spelling for promise statuses: ``in_the_works`` and ``in the works`` are one."""
    return (status or "not yet rated").replace("_", " ").strip().lower()


# Words that do not tell one speaker from another: articles, titles, and a company's legal form ("Enron"
# names "Enron Corp.").
_NEUTRAL_WORDS = frozenset("the of u s us mr ms corp inc ltd plc llc co".split())


def _words(name: str | None) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", (name or "").lower()) if w not in _NEUTRAL_WORDS]


@lru_cache(maxsize=1)
def _shipped_actors():
    from receipts.extract.actors import AliasTable

    return AliasTable.load()


def _country_words(name: str) -> list[str]:
    """The name's words with each demonym read as its country: "Malaysian government" -> malaysia government."""
    table = _shipped_actors()
    return _words(" ".join(table.demonym(w) or w for w in re.findall(r"[\w'-]+", name)))


def same_speaker(gold: str, predicted: str | None) -> bool:
    """A predicted speaker names the gold one: the same name, or a person's surname ("Johnson" for
    "Boris Johnson"), or every word of one name within the other ("Statistics Authority"), or two names
    the shipped actor table gives to one actor ("UCI" and "International Cycling Union"), or a person named
    with the short form of the same given name ("Bill Barr" for "William Barr"), or two names of
    two words or more that differ only in saying the country by its adjective ("Malaysian government" and
    "Government of Malaysia")."""
    if not predicted:
        return False
    a, b = _shipped_actors().lookup(gold), _shipped_actors().lookup(predicted)
    if a is not None and a == b:
        return True
    g, p = _words(gold), _words(predicted)
    if not g or not p:
        return False
    if _same_words(g, p):
        return True
    if len(g) >= 2 and len(p) >= 2:
        return _same_words(_country_words(gold), _country_words(predicted))
    return False


def _same_words(g: list[str], p: list[str]) -> bool:
    if not g or not p:
        return False
    if g == p or g[-1] == p[-1] and (len(p) == 1 or len(g) == 1 or same_given_name(p[0], g[0])):
        return True
    return set(p) <= set(g) and len(p) >= 2 or set(g) <= set(p)


def _span(doc_text: str, needle: str) -> tuple[int, int]:
    i = doc_text.find(needle)
    return (i, i + len(needle)) if i >= 0 else (-1, -1)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Characters shared by two spans over the characters either covers."""
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / max(1, max(a[1], b[1]) - min(a[0], b[0]))


def run_story(story: dict, settings) -> dict:
    """Ingest one story into a fresh store, check the record, and return what receipts found."""
    from sqlalchemy import select

    from receipts.app import services, verification
    from receipts.store.models import ClaimRow, CommitmentRow, DocumentRow, QuoteRow

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{story['id']}.jsonl"
        src.write_text(
            "".join(
                json.dumps({k: d.get(k) for k in ("text", "source", "url", "author", "published", "title")}) + "\n"
                for d in story["documents"]
            )
        )
        local = settings.model_copy(update={"database_url": f"sqlite:///{tmp}/story.db"})
        report = services.ingest([str(src)], local)
        result = verification.verify_all(local)
        store = services.open_store(local)
        by_text = {" ".join(d["text"].split()): d["id"] for d in story["documents"]}
        with store.transaction() as s:
            docs = {row.id: by_text.get(" ".join(row.text.split())) for row in s.scalars(select(DocumentRow))}
            texts = {row.id: row.text for row in s.scalars(select(DocumentRow))}
            quotes = [
                (docs.get(q.document_id), texts[q.document_id], q.start, q.end, q.speaker_name, q.text)
                for q in s.scalars(select(QuoteRow))
            ]
            claims = {
                c.id: (docs.get(c.document_id), texts[c.document_id], c.start, c.end, c.text)
                for c in s.scalars(select(ClaimRow))
            }
            commitments = {
                c.id: (docs.get(c.document_id), texts[c.document_id], c.start, c.end, c.kind)
                for c in s.scalars(select(CommitmentRow))
            }
    verdicts = {v["claim_id"]: v for v in result["verdicts"]}
    return {
        "failed": report.failed,
        "quotes": quotes,
        "claims": claims,
        "commitments": commitments,
        "verdicts": verdicts,
        "contradictions": result["contradictions"],
        "promises": result["promises"],
    }


def score_story(story: dict, found: dict) -> dict:
    """Hold what receipts found against the story's gold; return counts and the items behind them."""
    docs = {d["id"]: d for d in story["documents"]}
    gold = story["gold"]

    def located(doc_id: str, needle: str, stored_doc: str | None, stored_text: str) -> tuple[int, int] | None:
        if stored_doc != doc_id:
            return None
        span = _span(stored_text, needle)
        return span if span[0] >= 0 else None

    out: dict = {"id": story["id"], "split": story.get("split"), "failed": [m for _, m in found["failed"]]}
    # quote speakers
    speakers = []
    for q in gold.get("quotes", []):
        # the quote found for these words: of those that overlap them, the one closest in extent (a report
        # that carries someone's words, "X said ..., according to agencies", overlaps them too, but the
        # attribution nested in it fits them better)
        hit, best = None, 0.0
        for doc_id, text, start, end, speaker, qtext in found["quotes"]:
            span = located(q["doc"], q["text"], doc_id, text)
            if span and _overlaps(span, (start, end)):
                fit = _jaccard(span, (start, end))
                if fit > best:
                    hit, best = speaker, fit
        speakers.append(
            {
                "text": q["text"],
                "gold": q["speaker"],
                "predicted": hit,
                "found": hit is not None
                or any(
                    located(q["doc"], q["text"], d, t) and _overlaps(located(q["doc"], q["text"], d, t), (a, b))
                    for d, t, a, b, _, _ in found["quotes"]
                ),
                "correct": same_speaker(q["speaker"], hit),
            }
        )
    out["speakers"] = speakers
    # verdicts on gold claims
    gold_claim_ids: set[str] = set()
    claims = []
    for c in gold.get("claims", []):
        cid = next(
            (
                k
                for k, (d, t, a, b, _) in found["claims"].items()
                if (span := located(c["doc"], c["text"], d, t)) and _overlaps(span, (a, b))
            ),
            None,
        )
        if cid:
            gold_claim_ids.add(cid)
        v = found["verdicts"].get(cid) if cid else None
        label = v["label"] if v else "NOT_ENOUGH_INFO"
        suggested, rules = fired_rules(v)
        claims.append(
            {
                "text": c["text"],
                "expected": c["expected"],
                "predicted": label,
                "suggested": suggested,
                "rules": rules,
                "confidence": v.get("confidence") if v else None,
                "extracted": cid is not None,
                "reason": v["reason"] if v else ("not extracted as a claim" if cid is None else "no verdict"),
                "evidence": [e["text"] for e in (v or {}).get("evidence", [])[:2]],
            }
        )
    out["claims"] = claims
    out["unlabelled_decided"] = [
        {"claim": v["claim"], "label": v["label"], "reason": v["reason"]}
        for k, v in found["verdicts"].items()
        if k not in gold_claim_ids and v["label"] != "NOT_ENOUGH_INFO"
    ]
    # contradictions
    pairs = gold.get("contradictions", [])
    matched_gold: set[int] = set()
    contradictions = []
    for c in found["contradictions"]:
        a, b = c["a"]["text"], c["b"]["text"]
        hit = next(
            (i for i, g in enumerate(pairs) if (g["a"] in a and g["b"] in b) or (g["a"] in b and g["b"] in a)), None
        )
        if hit is not None:
            matched_gold.add(hit)
        contradictions.append({"a": a, "b": b, "reason": c["reason"], "correct": hit is not None})
    out["contradictions"] = contradictions
    out["contradictions_gold"] = len(pairs)
    out["contradictions_recalled"] = len(matched_gold)
    # promise statuses
    timelines = {p["id"]: p for p in found["promises"]}
    promise_ids: set[str] = set()
    promises = []
    for p in gold.get("promises", []):
        pid = next(
            (
                k
                for k, (d, t, a, b, kind) in found["commitments"].items()
                if k in timelines and (span := located(p["doc"], p["text"], d, t)) and _overlaps(span, (a, b))
            ),
            None,
        )
        if pid:
            promise_ids.add(pid)
        status = status_name(timelines[pid]["status"]) if pid else None
        promises.append(
            {
                "text": p["text"],
                "expected": status_name(p["final"]),
                "predicted": status,
                "correct": status == status_name(p["final"]),
            }
        )
    out["promises"] = promises
    out["rated_unlabelled"] = [
        {"action": t["action"], "status": t["status"]}
        for k, t in timelines.items()
        if k not in promise_ids and status_name(t["status"]) != "not yet rated"
    ]
    del docs
    return out


def fired_rules(verdict: dict | None) -> tuple[str | None, list[str]]:
    """The label the rules suggest for a claim and the rules that suggest it, read from its verdict.

    A decided SUPPORTED or REFUTED verdict names the rules of its evidence on that side; a lead names the
    one rule the gate held back. A DISPUTED verdict, or one with nothing found, names none.
    """
    if not verdict:
        return None, []
    label = verdict["label"]
    if label in ("SUPPORTED", "REFUTED"):
        side = "support" if label == "SUPPORTED" else "refute"
        rules = {
            f"{e['signal']}-{side}" for e in verdict.get("evidence", []) if e.get("stance") == side and e.get("signal")
        }
        return label, sorted(rules)
    lead = read_lead(verdict.get("reason", ""))
    return (lead[0], [lead[1]]) if lead else (None, [])


def rule_counts(claims: list[dict]) -> dict[str, dict[str, int]]:
    """Each rule's calls on gold claims, as verdicts or as leads: right when the label it suggests is the gold one."""
    counts: dict[str, list[int]] = {}
    for c in claims:
        for rule in c.get("rules", []):
            counts.setdefault(rule, [0, 0])[0 if c["suggested"] == c["expected"] else 1] += 1
    return {rule: {"right": r, "wrong": w} for rule, (r, w) in sorted(counts.items())}


def summarise(scored: list[dict]) -> dict:
    """Totals over stories: the figures the verdicts issue sets targets for."""
    claims = [c for s in scored for c in s["claims"]]
    decided = [c for c in claims if c["predicted"] != "NOT_ENOUGH_INFO"]
    settled = [c for c in claims if c["expected"] != "NOT_ENOUGH_INFO"]
    contras = [c for s in scored for c in s["contradictions"]]
    gold_contras = sum(s["contradictions_gold"] for s in scored)
    promises = [p for s in scored for p in s["promises"]]
    rated = [p for p in promises if p["predicted"] and p["predicted"] != "not yet rated"]
    rated_unlabelled = sum(len(s["rated_unlabelled"]) for s in scored)
    speakers = [q for s in scored for q in s["speakers"]]
    found_speakers = [q for q in speakers if q["found"]]

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    confusion = Counter(f"{c['expected']}->{c['predicted']}" for c in claims)
    # leads: what a rule saw on a gold claim but was not precise enough to settle; right when the label it
    # suggests is the gold one. Per rule, this is that rule's precision on these stories.
    leads = [(c, read_lead(c["reason"])) for c in claims if c["predicted"] == "NOT_ENOUGH_INFO"]
    leads = [(c, lead) for c, lead in leads if lead]
    per_rule: dict[str, list[int]] = {}
    for c, (label, rule) in leads:
        per_rule.setdefault(rule, [0, 0])[0 if label == c["expected"] else 1] += 1
    return {
        "stories": len(scored),
        "documents_failed": sum(len(s["failed"]) for s in scored),
        "verdicts": {
            "gold_claims": len(claims),
            "extracted": sum(c["extracted"] for c in claims),
            "decided": len(decided),
            "decided_correct": sum(c["predicted"] == c["expected"] for c in decided),
            "precision": ratio(sum(c["predicted"] == c["expected"] for c in decided), len(decided)),
            "gold_settled": len(settled),
            "coverage": ratio(sum(c["predicted"] == c["expected"] for c in settled), len(settled)),
            "accuracy": ratio(sum(c["predicted"] == c["expected"] for c in claims), len(claims)),
            "unlabelled_decided": sum(len(s["unlabelled_decided"]) for s in scored),
            "confusion": dict(sorted(confusion.items())),
            # how well the decided verdicts' confidence says how often they are right
            "calibration": calibration_error(
                [
                    (float(c["confidence"]), c["predicted"] == c["expected"])
                    for c in decided
                    if c["confidence"] is not None
                ]
            ),
        },
        # every rule's calls on gold claims, settled or held back: what `--rule-table` writes for the dev split
        "rules": rule_counts(claims),
        "leads": {
            "on_gold_claims": len(leads),
            "right": sum(label == c["expected"] for c, (label, _) in leads),
            "precision": ratio(sum(label == c["expected"] for c, (label, _) in leads), len(leads)),
            "per_rule": {rule: {"right": r, "wrong": w} for rule, (r, w) in sorted(per_rule.items())},
        },
        "contradictions": {
            "found": len(contras),
            "correct": sum(c["correct"] for c in contras),
            "precision": ratio(sum(c["correct"] for c in contras), len(contras)),
            "gold": gold_contras,
            "recall": ratio(sum(s["contradictions_recalled"] for s in scored), gold_contras),
        },
        "promises": {
            "gold": len(promises),
            "tracked": sum(p["predicted"] is not None for p in promises),
            "rated": len(rated),
            "rated_correct": sum(p["correct"] for p in rated),
            "rated_unlabelled": rated_unlabelled,
            "precision": ratio(sum(p["correct"] for p in rated), len(rated) + rated_unlabelled),
            "final_accuracy": ratio(sum(p["correct"] for p in promises), len(promises)),
        },
        "speakers": {
            "gold_quotes": len(speakers),
            "found": len(found_speakers),
            "correct": sum(q["correct"] for q in found_speakers),
            "accuracy": ratio(sum(q["correct"] for q in found_speakers), len(found_speakers)),
            "accuracy_all": ratio(sum(q["correct"] for q in speakers), len(speakers)),
        },
    }


def evaluate_real_stories(stories: list[dict], settings, *, on_progress=None) -> dict:
    """Run and score every story; return the totals and, per story, the items behind them."""
    scored = []
    for story in stories:
        scored.append(score_story(story, run_story(story, settings)))
        if on_progress:
            on_progress(story["id"], True)
    result = summarise(scored)
    result["splits"] = sorted({s["split"] for s in scored})
    result["per_story"] = scored
    return result


def speakers_from_pipeline(stories: list[dict], nlp) -> dict:
    """Quote speaker accuracy of the extraction pipeline alone: no store, no verification.

    Each document's text goes through ``nlp``; its quotes are scored by :func:`score_story` and
    :func:`summarise`, the same scoring ``receipts eval stories`` uses.

    :param stories: Stories from :func:`load_stories`.
    :param nlp: A receipts pipeline (see :func:`receipts.runtime.load_nlp`).
    :returns: ``summarise``'s ``speakers`` figures, with ``wrong``: the gold quotes found with a wrong speaker.
    """
    scored = []
    for story in stories:
        texts = [d["text"] for d in story["documents"]]
        quotes = []
        for d, doc in zip(story["documents"], nlp.pipe(texts)):
            quotes.extend(
                (
                    d["id"],
                    d["text"],
                    q.content.start,
                    q.content.end,
                    q.speaker.name if q.speaker else None,
                    q.content.text,
                )
                for q in doc._.quotes
            )
        found = {
            "failed": [],
            "quotes": quotes,
            "claims": {},
            "commitments": {},
            "verdicts": {},
            "contradictions": [],
            "promises": [],
        }
        scored.append(score_story(story, found))
    result = summarise(scored)["speakers"]
    result["wrong"] = [
        {"story": s["id"], **x} for s in scored for x in s["speakers"] if x["found"] and not x["correct"]
    ]
    return result
