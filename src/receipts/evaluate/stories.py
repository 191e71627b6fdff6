"""End-to-end scoring on our own fictional stories: ingest each story into a fresh store and verify."""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path


def run_story(story: dict, settings) -> tuple[str, str]:
    """Ingest one story into a temporary store and return ``(predicted, detail)``."""
    from receipts.app import services, verification

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "story.jsonl"
        src.write_text("".join(json.dumps(doc) + "\n" for doc in story["documents"]))
        # Each invented story tests one rule, not whether the rule is precise enough for real news,
        # so every rule may settle here (the real stories, 'receipts eval stories --data', keep the gate).
        local = settings.model_copy(update={"database_url": f"sqlite:///{tmp}/story.db", "min_rule_precision": 0.0})
        report = services.ingest([str(src)], local)
        if report.failed:
            return "error", report.failed[0][1]
        kind = story["kind"]
        if kind == "verdict":
            return _verdict(story, local, verification)
        if kind == "promise":
            items = verification.track_promises(local)
            hit = next((p for p in items if story["action"].lower() in (p["action"] or "").lower()), None)
            if hit is None:
                return "missing", f"no commitment with action {story['action']!r} among {[p['action'] for p in items]}"
            return hit["status"], hit["timeline"][-1]["reason"]
        items = verification.find_contradictions(local)
        a, b = story["a"].lower(), story["b"].lower()
        found = any(
            (a in c["a"]["text"].lower() and b in c["b"]["text"].lower())
            or (b in c["a"]["text"].lower() and a in c["b"]["text"].lower())
            for c in items
        )
        return str(found), "; ".join(c["reason"] for c in items)[:200]


def _verdict(story: dict, settings, verification) -> tuple[str, str]:
    from receipts.app import queries

    claims = queries.list_items(settings, "claims")
    hit = next((c for c in claims if story["claim"].lower() in c["text"].lower()), None)
    verification.track_promises(settings)  # a claim about a promise is held against its status, as in 'receipts verify'
    if hit is not None:
        (v,) = verification.verify_claims(settings, claim_id=hit["id"])
        return v["label"], v["reason"]
    # The claim was not scored check-worthy: verify its sentence all the same.
    v = verification.verify_text(settings, story["claim"])
    return v["label"], v["reason"]


def evaluate_stories(rows: list[dict], settings, *, on_progress=None) -> dict:
    """Share of stories whose verdict, promise status or contradiction matches the expected one."""
    results = []
    per_cat: dict[str, list[bool]] = defaultdict(list)
    for story in rows:
        predicted, detail = run_story(story, settings)
        ok = predicted == str(story["expected"])
        per_cat[story["category"]].append(ok)
        results.append(
            {
                "id": story["id"],
                "category": story["category"],
                "expected": str(story["expected"]),
                "predicted": predicted,
                "correct": ok,
                "detail": detail,
            }
        )
        if on_progress:
            on_progress(story["id"], ok)
    n = len(results)
    return {
        "n": n,
        "correct": sum(r["correct"] for r in results),
        "accuracy": sum(r["correct"] for r in results) / n if n else 0.0,
        "per_category": {k: sum(v) / len(v) for k, v in sorted(per_cat.items())},
        "results": results,
    }
