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
