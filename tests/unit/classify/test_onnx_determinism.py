"""A text's scores must not depend on the other texts scored in the same call."""

import numpy as np

from receipts.classify import OnnxClassifier, resolve_model
from receipts.classify.tagger import OnnxTokenTagger

PAIRS = [
    ("The ministry said 100 empty transport cases were sent.", "200 remains have been sent back."),
    (
        "The meeting at the border post did not take place because one delegation stayed away from it.",
        "The meeting was held.",
    ),
    ("Satellite images show new launch pads.", "Work at the test site has stopped."),
]


def test_nli_scores_are_the_same_alone_and_together():
    clf = OnnxClassifier(resolve_model("builtin", "nli-minilm"))
    together = clf.predict_proba(PAIRS)
    alone = np.vstack([clf.predict_proba([p]) for p in PAIRS])
    assert np.allclose(together, alone, atol=1e-6)


def test_tagger_spans_are_the_same_alone_and_together():
    tagger = OnnxTokenTagger(resolve_model("builtin", "attribution-minilm"))
    texts = [
        '"We will not sign," the minister told reporters on Monday.',
        "According to a senior official, the talks collapsed after an hour. " * 12,
        "Nobody said anything.",
    ]
    together = tagger.spans(texts)
    assert together == [tagger.spans([t])[0] for t in texts]
    assert any(label == "CUE" for _, _, label in together[0])


def test_overlapping_windows_are_averaged_by_centrality():
    from receipts.classify.tagger import add_window

    acc = np.zeros((6, 2))
    add_window(acc, 0, np.array([[1.0, 0.0]] * 4))  # piece 3 sits on this window's edge (weight 1)
    add_window(
        acc, 2, np.array([[0.0, 1.0], [0.45, 0.55], [0.0, 1.0], [0.0, 1.0]])
    )  # piece 3 is central here (weight 2)
    assert acc.argmax(axis=1).tolist() == [0, 0, 0, 0, 1, 1]
    # piece 3: its most central window is unsure (0.45 / 0.55, weight 2); the confident vote of the
    # window it ends (1.0 / 0.0, weight 1) tips it: 1.9 against 1.1. Taking the most central window
    # alone would have tagged it 1.
