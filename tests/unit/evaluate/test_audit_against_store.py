"""``receipts eval audit --score FILE --db STORE``: labels held against a store's current output (#15)."""

from __future__ import annotations

import pytest

from receipts.evaluate import audit

pytestmark = pytest.mark.issue(15)


def test_score_against_a_store_drops_items_it_no_longer_emits(tmp_path, monkeypatch):
    sample = tmp_path / "judged.tsv"
    sample.write_text(
        "kind\tid\toutput\tjudgement\tnote\n"
        "claims\tc_1\t\ty\tkept, right\n"
        "claims\tc_2\t\tn\tkept, wrong\n"
        "claims\tc_3\t\ty\tgone, was right\n"
        "claims\tc_4\t\tn\tgone, was wrong\n"
        "claims\tc_5\t\t\tgone, never judged\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(audit, "population", lambda settings, kind: [{"id": "c_1"}, {"id": "c_2"}])
    r = audit.score_sample(sample, settings=object())["claims"]
    assert (r["right"], r["wrong"], r["precision"]) == (1, 1, 0.5)
    assert (r["dropped"], r["lost_right"]) == (2, 1)


def test_a_commitment_shown_otherwise_since_it_was_judged_is_not_counted(tmp_path, monkeypatch):
    """The same span with another actor is another output: its old judgement says nothing about it. A
    sample kept without article text holds a digest of the output; one holding only the kind cannot tell."""
    now = {
        "p_1": "intention: Tessa Brun will widen the road",
        "p_2": "intention: Abel Cruz will close the mill",
        "p_3": "promise: Velmar Water will pay",
        "p_4": "promise: Lena Ostrova will  resign",
    }
    sample = tmp_path / "judged.tsv"
    sample.write_text(
        "kind\tid\toutput\tjudgement\tnote\n"
        "commitments\tp_1\tintention: Tessa Brun will widen the road\ty\tsame output\n"
        "commitments\tp_2\tintention: Lena Ostrova will close the mill\tn\twrong actor then\n"
        f"commitments\tp_3\tpromise {audit.output_digest('promise: Abel Cruz will pay')}\tn\tdigest of another\n"
        f"commitments\tp_4\tpromise {audit.output_digest('promise: Lena Ostrova will resign')}\ty\tspacing only\n"
        "commitments\tp_5\tpromise\tn\tonly the kind: cannot tell\n",
        encoding="utf-8",
    )
    now["p_5"] = "promise: anything at all"
    monkeypatch.setattr(audit, "population", lambda settings, kind: [{"id": k, "output": v} for k, v in now.items()])
    r = audit.score_sample(sample, settings=object())["commitments"]
    assert (r["right"], r["wrong"], r["changed"], r["dropped"]) == (2, 1, 2, 0)
    assert audit.output_changed("promise: A  will\npay", "promise: A will pay") is False


def test_score_without_a_store_counts_every_label(tmp_path):
    sample = tmp_path / "judged.tsv"
    sample.write_text("kind\tid\tjudgement\nclaims\tc_1\ty\nclaims\tc_2\tn\n", encoding="utf-8")
    r = audit.score_sample(sample)["claims"]
    assert r["precision"] == 0.5 and "dropped" not in r


def test_a_lead_shows_the_evidence_of_its_own_rule(monkeypatch):
    from receipts.app import verification

    reason = (
        "lead for review, not a verdict: the record may show it supported (the record states it too: 5 of 5 "
        "content words), but the restatement-support rule has not been measured on real news"
    )
    verdict = {
        "claim_id": "c_1",
        "claim": "The mayor won the Ostfeld primary.",
        "label": "NOT_ENOUGH_INFO",
        "origin": "machine",
        "reason": reason,
        "evidence": [
            {"text": "a weak refutation", "stance": "refute", "signal": "negation", "speaker": None, "source": "A"},
            {"text": "the restatement", "stance": "support", "signal": "restatement", "speaker": None, "source": "B"},
        ],
    }
    monkeypatch.setattr(verification, "list_verdicts", lambda settings: [verdict])
    monkeypatch.setattr(verification, "list_promise_timelines", lambda settings: [])
    (row,) = audit.population(object(), "leads")
    assert row["evidence"] == "the restatement" and row["source"] == "B"
    assert row["output"].startswith("lead SUPPORTED [restatement-support]")


def test_a_promise_step_lead_is_a_lead_of_its_rule(monkeypatch, tmp_path):
    from receipts.app import verification

    reason = (
        "lead for review, not a verdict: may be in the works (a concrete step was taken); "
        "the promise-step rule has not been measured on real news"
    )
    timeline = {
        "id": "p_1",
        "actor": "The city",
        "cue": "promised",
        "action": "build 500 homes",
        "timeline": [
            {
                "status": "not yet rated",
                "origin": "machine",
                "reason": "promise recorded",
                "evidence": [],
                "as_of": "d0",
            },
            {
                "status": "not yet rated",
                "origin": "machine",
                "reason": reason,
                "as_of": "2026-02-10",
                "evidence": [{"text": "The city signed the contract.", "source": "Gazette", "speaker": None}],
            },
        ],
    }
    monkeypatch.setattr(verification, "list_verdicts", lambda settings: [])
    monkeypatch.setattr(verification, "list_promise_timelines", lambda settings: [timeline])
    (row,) = audit.population(object(), "leads")
    assert row["id"] == "p_1@2026-02-10" and row["source"] == "Gazette"
    assert row["output"].startswith("lead IN_THE_WORKS [promise-step]")
    judged = tmp_path / "j.tsv"
    judged.write_text("kind\tid\toutput\tjudgement\nleads\tp_1@2026-02-10\t" + row["output"] + "\tn\n")
    assert audit.rule_precision(judged)["rules"]["promise-step"]["wrong"] == 1
