"""A check-worthiness model of the user's own is named in the method stored with each claim."""

import pytest

from receipts.extract.checkworthy import METHOD_HEURISTIC, METHOD_MODEL, CheckworthyScorer
from receipts.models import builtin_model_path


def test_builtin_and_none_keep_their_names():
    assert CheckworthyScorer("builtin").method == METHOD_MODEL
    assert CheckworthyScorer("none").method == METHOD_HEURISTIC


def test_own_folder_is_named_by_the_folder(tmp_path):
    builtin = builtin_model_path("checkworthy-minilm")
    if not (builtin / "model.onnx").is_file():
        pytest.skip("builtin model not installed")
    own = tmp_path / "my-checkworthy"
    own.mkdir()
    for f in builtin.iterdir():
        if f.is_file():
            (own / f.name).symlink_to(f)
    assert CheckworthyScorer(own).method == "claims.checkworthy.my-checkworthy"
