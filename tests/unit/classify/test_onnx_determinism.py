"""A text's scores must not depend on the other texts scored in the same call."""

import numpy as np

from receipts.classify import OnnxClassifier, resolve_model
from receipts.classify.tagger import OnnxTokenTagger

PAIRS = [
    ("The ministry said 100 empty transport cases were sent.", "200 remains have been sent back."),
    ("The meeting at the border post did not take place because one delegation stayed away from it.",
     "The meeting was held."),
    ("Satellite images show new launch pads.", "Work at the test site has stopped."),
]


def test_nli_scores_are_the_same_alone_and_together():
    clf = OnnxClassifier(resolve_model("builtin", "nli-minilm"))
    together = clf.predict_proba(PAIRS)
    alone = np.vstack([clf.predict_proba([p]) for p in PAIRS])
    assert np.allclose(together, alone, atol=1e-6)


def test_tagger_spans_are_the_same_alone_and_together():
    tagger = OnnxTokenTagger(resolve_model("builtin", "attribution-minilm"))
    texts = ['"We will not sign," the minister told reporters on Monday.',
             "According to a senior official, the talks collapsed after an hour. " * 12,
             "Nobody said anything."]
    together = tagger.spans(texts)
    assert together == [tagger.spans([t])[0] for t in texts]
    assert any(label == "CUE" for _, _, label in together[0])
