"""A tagger's decoding weight (``decoding.json``): below 1 the O tag loses ground and more is marked."""

import json

import pytest

from receipts.classify.tagger import OnnxTokenTagger
from receipts.models import builtin_model_path

TEXT = "The harbour master said on Monday that the port had handled 4,000 containers, a record."


def _copy(tmp_path, weight=None):
    builtin = builtin_model_path("attribution-minilm")
    if not (builtin / "model.onnx").is_file():
        pytest.skip("builtin tagger not installed")
    own = tmp_path / "tagger"
    own.mkdir()
    for f in builtin.iterdir():
        if f.is_file():
            (own / f.name).symlink_to(f)
    if weight is not None:
        (own / "decoding.json").write_text(json.dumps({"outside_weight": weight}))
    return own


def _marked(spans):
    return sum(b - a for a, b, _ in spans)


def test_no_decoding_file_reads_tags_as_they_come(tmp_path):
    assert OnnxTokenTagger(_copy(tmp_path), threads=1).outside_weight == 1.0


def test_a_lower_weight_on_outside_marks_at_least_as_much(tmp_path):
    plain = OnnxTokenTagger(builtin_model_path("attribution-minilm"), threads=1).spans([TEXT])[0]
    eager = OnnxTokenTagger(_copy(tmp_path, 0.01), threads=1)
    assert eager.outside_weight == 0.01
    spans = eager.spans([TEXT])[0]
    assert _marked(spans) > _marked(plain)
