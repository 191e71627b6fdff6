"""Issue 14: the same store gives the same verdicts and evidence, whatever the ingest order and however
often verify runs; an audit sample of them is reproducible and scores as judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app

pytestmark = pytest.mark.issue(14)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = ["02-velmar-rally.md", "03-agency-clarification.md", "06-ferro-good-faith.md", "08-weeks-later.md"]


def _store(tmp_path: Path, name: str, files: list[str]) -> str:
    db = str(tmp_path / name)
    runner = CliRunner()
    for f in files:  # one file at a time: the order documents reach the store is the order given
        assert runner.invoke(app, ["ingest", str(EXAMPLES / f), "--db", db, "-q"]).exit_code == 0
    assert runner.invoke(app, ["verify", "--db", db]).exit_code == 0
    return db


def _verdicts(db: str) -> dict:
    out = CliRunner().invoke(app, ["verdicts", "--db", db, "--json"]).output
    return {v["claim"]: (v["label"], v["confidence"], tuple(e["text"] for e in v["evidence"])) for v in json.loads(out)}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("order")
    return _store(tmp, "forward.db", FILES), _store(tmp, "backward.db", FILES[::-1])


def test_ingest_order_does_not_change_verdicts(stores):
    forward, backward = stores
    a, b = _verdicts(forward), _verdicts(backward)
    assert a and a == b


def test_verify_twice_gives_the_same_verdicts(stores):
    forward, _ = stores
    before = _verdicts(forward)
    assert CliRunner().invoke(app, ["verify", "--db", forward]).exit_code == 0
    assert _verdicts(forward) == before


def test_audit_sample_is_reproducible_and_scores(stores, tmp_path):
    forward, _ = stores
    runner = CliRunner()
    one, two = tmp_path / "one.tsv", tmp_path / "two.tsv"
    for out in (one, two):
        result = runner.invoke(
            app,
            ["eval", "audit", "--db", forward, "--kinds", "verdicts,quotes", "--n", "5", "--seed", "3", "-o", str(out)],
        )
        assert result.exit_code == 0, result.output
    assert one.read_text() == two.read_text()
    lines = one.read_text().splitlines()
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    assert header[:2] == ["kind", "id"] and rows
    j = header.index("judgement")
    for i, row in enumerate(rows):
        row[j] = "y" if i % 2 == 0 else "n"
    one.write_text("\n".join(["\t".join(header)] + ["\t".join(r) for r in rows]) + "\n")
    result = runner.invoke(app, ["eval", "audit", "--score", str(one), "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output.strip().splitlines()[-1])
    base = {k: v for k, v in scored.items() if " by " not in k}  # "verdicts by negation" and the like are breakdowns
    judged = sum(v["judged"] for v in base.values())
    right = sum(v["right"] for v in base.values())
    assert judged == len(rows) and right == (len(rows) + 1) // 2


def test_audit_score_refuses_a_bad_judgement(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("kind\tid\tjudgement\nverdicts\tc_1\tmaybe\n")
    result = CliRunner().invoke(app, ["eval", "audit", "--score", str(bad)])
    assert result.exit_code == 1 and "maybe" in result.output


def test_verify_new_checks_only_what_a_new_document_touches(tmp_path):
    db = _store(tmp_path, "new.db", ["02-velmar-rally.md", "03-agency-clarification.md"])
    runner = CliRunner()
    before = {
        v["claim_id"]: v["created_at"]
        for v in json.loads(runner.invoke(app, ["verdicts", "--db", db, "--json"]).output)
    }
    nothing = runner.invoke(app, ["verify", "--db", db, "--new"])
    assert nothing.exit_code == 0 and "0 documents stored since the last verify" in nothing.output
    other = tmp_path / "bikes.md"
    other.write_text(
        "---\ntitle: Bicycle lanes\nsource: Brandt Courier\npublished: 2026-07-20\n---\n"
        "The Brandt city council approved 14 kilometres of new bicycle lanes on Tuesday, the mayor's office said.\n"
    )
    assert runner.invoke(app, ["ingest", str(other), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["verify", "--db", db, "--new"])
    assert result.exit_code == 0 and "1 documents stored since the last verify" in result.output
    after = {
        v["claim_id"]: v["created_at"]
        for v in json.loads(runner.invoke(app, ["verdicts", "--db", db, "--json"]).output)
    }
    assert before and all(after[c] == t for c, t in before.items())  # the new story touches none of them
    assert set(after) - set(before)  # the new document's claim got its verdict
