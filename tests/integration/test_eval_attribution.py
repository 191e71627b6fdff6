"""receipts eval attribution on two fictional articles in PolNeAR's format (tests/data/attribution_sample.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "attribution_sample.jsonl"


def test_eval_attribution_prints_table_and_json(cli):
    result = cli("eval", "attribution", "--data", str(DATA), "--json")
    assert result.exit_code == 0, result.output
    assert "speaker accuracy" in result.output and "content" in result.output
    r = json.loads(result.output.strip().splitlines()[-1])
    assert set(r) == {
        "articles",
        "source_f1",
        "cue_f1",
        "content_f1",
        "source_f1_overlap",
        "cue_f1_overlap",
        "content_f1_overlap",
        "speaker_accuracy",
    }
    assert r["articles"] == 2
    # Simple, clean attributions: the pipeline must find most of them.
    assert r["cue_f1_overlap"] >= 0.6 and r["source_f1_overlap"] >= 0.6 and r["speaker_accuracy"] >= 0.5


def test_eval_attribution_rejects_other_data(cli, tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"premise": "a", "hypothesis": "b"}\n')
    result = cli("eval", "attribution", "--data", str(bad))
    assert result.exit_code == 1 and "PolNeAR" in result.output


def test_eval_attribution_sentence_setting(cli):
    docs = json.loads(cli("eval", "attribution", "--data", str(DATA), "--json").output.strip().splitlines()[-1])
    result = cli("eval", "attribution", "--data", str(DATA), "--setting", "sentences", "--json")
    assert result.exit_code == 0 and "sentences" in result.output
    sent = json.loads(result.output.strip().splitlines()[-1])
    # only attributed sentences are scored, so precision (and F1) can only rise
    assert sent["cue_f1"] >= docs["cue_f1"] and sent["source_f1"] >= docs["source_f1"]
    bad = cli("eval", "attribution", "--data", str(DATA), "--setting", "paragraphs")
    assert bad.exit_code == 1 and "--setting" in bad.output


@pytest.mark.issue(15)
def test_eval_attribution_reports_speakers_on_real_stories(cli, two_real_stories):
    stories = two_real_stories
    result = cli(
        "eval", "attribution", "--data", str(DATA), "--stories", str(stories), "--stories-split", "dev", "--json"
    )
    assert result.exit_code == 0, result.output
    assert "real stories (dev) quote speaker accuracy" in result.output
    r = json.loads(result.output.strip().splitlines()[-1])
    assert 0.0 <= r["stories_speaker_accuracy"] <= 1.0
