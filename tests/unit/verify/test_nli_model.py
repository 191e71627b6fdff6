from __future__ import annotations

import pytest

from receipts.errors import ConfigError
from receipts.verify.nli import OnnxNli, make_nli


@pytest.fixture(scope="module")
def nli():
    try:
        return OnnxNli("builtin")
    except ConfigError:
        pytest.skip("the shipped NLI model is missing")


def test_nli_model_contradiction_and_entailment(nli):
    probs = nli.predict(
        [
            ("A man is playing a guitar on stage.", "A man is not playing a guitar."),
            ("A man is playing a guitar on stage.", "A man is playing an instrument."),
        ]
    )
    assert probs.shape == (2, 3)
    assert probs[0].argmax() == 2 and probs[1].argmax() == 0


def test_make_nli_off_and_bad_path(tmp_path):
    assert make_nli("none") is None
    with pytest.raises(ConfigError, match="model.onnx"):
        make_nli(str(tmp_path))
