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
