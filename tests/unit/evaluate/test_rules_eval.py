"""`receipts eval rules`: each rule scored against gold labels of claim–evidence data."""

from __future__ import annotations

from receipts.evaluate.rules_eval import evaluate_rules


def test_rules_are_scored_per_claim_against_the_gold_label(parse):
    rows = [
        {  # a rejection on a false claim: right
            "claim": "“The city pays £40m to the region every week.”",
            "evidence": ["The auditor said the claim that the city pays £40m a week is misleading."],
            "label": "REFUTES",
        },
        {  # the same figure on a true claim: quantity-support, right
            "claim": "The prison released 45 prisoners.",
            "evidence": ["Officials confirmed 45 prisoners were released.", "The prison is old."],
            "label": "SUPPORTS",
        },
        {  # a different figure on a true claim: quantity-refute, wrong
            "claim": "The city hired 80 nurses this year.",
            "evidence": ["Records show the city hired 35 nurses this year."],
            "label": "SUPPORTS",
        },
        {  # half-true claims are counted apart
            "claim": "The city hired 80 nurses this year.",
            "evidence": ["Records show the city hired 35 nurses this year."],
            "label": "HALF_TRUE",
        },
    ]
    r = evaluate_rules(rows, lambda texts: [parse(t, None) for t in texts], "politihop")
    assert r["n"] == 4 and r["pairs"] == 5
    assert r["rules"]["rejection-refute"] == {"fired": 1, "right": 1, "wrong": 0, "half": 0, "precision": 1.0}
    assert r["rules"]["quantity-support"]["right"] == 1
    assert r["rules"]["quantity-refute"] == {"fired": 2, "right": 0, "wrong": 1, "half": 1, "precision": 0.0}


def test_calibration_error_is_the_gap_between_confidence_and_accuracy():
    from receipts.evaluate.metrics import calibration_error

    assert calibration_error([]) == {"ece": None, "n": 0, "bins": []}
    perfect = calibration_error([(0.95, True)] * 19 + [(0.95, False)])
    assert perfect["ece"] == 0.0 and perfect["bins"][0]["n"] == 20
    overconfident = calibration_error([(0.9, True)] + [(0.9, False)] * 9)
    assert overconfident["ece"] == 0.8
    mixed = calibration_error([(0.55, True), (0.55, False), (1.0, True)])  # 1.0 falls in the last bin
    assert mixed["ece"] == round((2 * 0.05 + 0.0) / 3, 4) and len(mixed["bins"]) == 2


def test_the_audit_score_prints_calibration_of_judged_verdicts(tmp_path):
    from receipts.evaluate.audit import score_sample

    sample = tmp_path / "judged.tsv"
    sample.write_text(
        "kind\tid\titem\toutput\tevidence\tsource\tjudgement\tnote\n"
        "verdicts\tc_1\ta\tREFUTED (0.9) [negation]: x\te\ts\tn\t\n"
        "verdicts\tc_2\tb\tSUPPORTED (0.9) [predicate]: y\te\ts\ty\t\n",
        encoding="utf-8",
    )
    r = score_sample(sample)
    assert r["verdicts"]["calibration"]["n"] == 2 and r["verdicts"]["calibration"]["ece"] == 0.4


class _SureNli:
    """Contradiction at 0.95 for every pair."""

    method = "fake"

    def predict(self, pairs):
        import numpy as np

        return np.array([[0.02, 0.03, 0.95]] * len(pairs))


def test_the_model_alone_is_scored_only_where_the_verifier_would_ask_it(parse):
    rows = [
        {  # shares the harbour and no rule fires: the verifier would ask the model alone
            "claim": "The harbour is the busiest in the region.",
            "evidence": ["The harbour handles less traffic than three others in the region."],
            "label": "REFUTES",
        },
        {  # nothing in common: the model is scored on every pair, but not as the rule nli-refute
            "claim": "The harbour is the busiest in the region.",
            "evidence": ["Bakers rose early on Sunday."],
            "label": "SUPPORTS",
        },
        {  # a rule fired (quantity-refute): the model alone is not asked
            "claim": "The city hired 80 nurses this year.",
            "evidence": ["Records show the city hired 35 nurses this year."],
            "label": "SUPPORTS",
        },
    ]
    r = evaluate_rules(
        rows, lambda texts: [parse(t, None) for t in texts], "climate-fever", nli=_SureNli(), nli_at=(0.9, 0.9)
    )
    assert r["rules"]["nli-refute@0.9"] == {"fired": 3, "right": 1, "wrong": 2, "half": 0, "precision": 0.333}
    assert r["rules"]["nli-refute"] == {"fired": 1, "right": 1, "wrong": 0, "half": 0, "precision": 1.0}
    assert r["rules"]["aligned-nli-refute@0.95"]["fired"] == 1 and "aligned-nli-refute@0.98" not in r["rules"]
    # the rule and the model on the same side are counted as one more rule: quantity-refute, and the model
    # sure of a contradiction, on a true claim
    assert r["rules"]["quantity-refute+nli@0.95"] == {"fired": 1, "right": 0, "wrong": 1, "half": 0, "precision": 0.0}
    assert "quantity-refute+nli@0.98" not in r["rules"] and not any("support+nli" in k for k in r["rules"])
    # above the threshold the rule stays silent
    quiet = evaluate_rules(
        rows, lambda texts: [parse(t, None) for t in texts], "climate-fever", nli=_SureNli(), nli_at=(0.9, 0.96)
    )
    assert "nli-refute" not in quiet["rules"]


def test_two_nli_models_are_compared_row_by_row():
    from receipts.evaluate.verify_eval import compare_predictions

    labels = ["entailment", "neutral", "contradiction"]
    gold = ["entailment", "neutral", "contradiction"] * 20
    worse = ["neutral"] * 60  # one label for everything
    better = list(gold[:50]) + ["neutral"] * 10
    c = compare_predictions((gold, worse, labels), (gold, better, labels), resamples=300)
    assert c["accuracy"]["a"] == round(20 / 60, 4) or abs(c["accuracy"]["a"] - 20 / 60) < 1e-9
    assert c["accuracy"]["diff"] > 0 and c["accuracy"]["low"] > 0 and c["accuracy"]["p_greater"] == 1.0
    assert c["macro_f1"]["b"] > c["macro_f1"]["a"]
    same = compare_predictions((gold, worse, labels), (gold, worse, labels), resamples=100)
    assert same["accuracy"]["diff"] == 0 and same["accuracy"]["p_greater"] == 0.0
