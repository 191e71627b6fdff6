"""The eval commands on small real inputs: our own sets, and data-file errors."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_eval_commitments_prints_json_last_line(cli):
    result = cli("eval", "commitments", "--data", str(ROOT / "tests/data/commitments_dev.jsonl"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["n"] >= 150 and 0 <= data["commitment_precision"] <= 1 and 0 <= data["commitment_recall"] <= 1


def test_eval_stories_subset(cli):
    result = cli("eval", "stories", "--data", str(ROOT / "tests/data/stories.jsonl"), "--limit", "3", "--json")
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["n"] == 3 and set(data) >= {"accuracy", "per_category", "correct"}


def test_eval_checkworthiness_claimbuster_format(cli, tmp_path):
    rows = [
        {"id": i, "text": t, "label": label}
        for i, (t, label) in enumerate(
            [
                ("Unemployment fell to 4 percent last year.", "CFS"),
                ("Thank you all very much.", "NFS"),
                ("The bill cost 3 billion dollars.", "CFS"),
                ("I love this country.", "NFS"),
            ]
        )
    ]
    f = tmp_path / "cb.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    data = json.loads(
        cli("eval", "checkworthiness", "--data", str(f), "--format", "claimbuster", "--json")
        .output.strip()
        .splitlines()[-1]
    )
    assert data["n"] == 4 and set(data) == {"macro_f1", "cfs_precision", "cfs_recall", "cfs_f1", "n"}


def test_eval_checkworthiness_checkthat_format(cli, tmp_path):
    rows = [
        {"id": f"d1:{i}", "text": t, "label": label, "document": "d1"}
        for i, (t, label) in enumerate(
            [("Crime went up 40 percent in ten years.", 1), ("Good evening everyone.", 0), ("Let me finish.", 0)]
        )
    ]
    f = tmp_path / "ct.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    data = json.loads(
        cli("eval", "checkworthiness", "--data", str(f), "--format", "checkthat", "--json")
        .output.strip()
        .splitlines()[-1]
    )
    assert set(data) == {"map", "p_at_5", "p_at_10", "p_at_20", "n"} and data["map"] == 1.0


def test_eval_bad_inputs(cli, tmp_path):
    missing = cli("eval", "commitments", "--data", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "no such data file" in missing.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    broken = cli("eval", "commitments", "--data", str(bad))
    assert broken.exit_code == 1 and "bad.jsonl:1" in broken.output
    fmt = cli("eval", "checkworthiness", "--data", str(ROOT / "tests/data/commitments_dev.jsonl"), "--format", "x")
    assert fmt.exit_code == 1 and "--format" in fmt.output


def test_eval_real_stories_prints_leads_in_its_json(cli, two_real_stories):
    stories = two_real_stories
    result = cli("eval", "stories", "--data", str(stories), "--split", "dev", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert {"verdicts", "leads", "contradictions", "promises", "speakers"} <= set(data)
    assert data["splits"] == ["dev"] and set(data["leads"]) == {"on_gold_claims", "right", "precision", "per_rule"}


def test_eval_stories_measures_rules_on_the_dev_split_only(cli, tmp_path):
    table = tmp_path / "rules.json"
    for split in ("test", None):
        args = ["eval", "stories", "--data", str(ROOT / "tests/data/real_stories"), "--rule-table", str(table)]
        result = cli(*args, *(["--split", split] if split else []))
        assert result.exit_code == 2, result.output
        assert "--split dev" in result.output
    assert not table.exists()
