"""One inference path for BERT-style (MiniLM) and MPNet-style vocabularies (issue #19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tokenizers import Tokenizer

from receipts.classify.onnx import special_ids

MODELS = Path(__file__).resolve().parents[3] / "src" / "receipts" / "models"


@pytest.mark.parametrize("model", ["nli-minilm", "attribution-minilm", "checkworthy-minilm"])
def test_the_shipped_bert_vocabularies_keep_their_tokens(model):
    tok = Tokenizer.from_file(str(MODELS / model / "tokenizer.json"))
    assert special_ids(tok) == (0, "[PAD]", 101, 102)  # what the code used before, written out


def test_an_mpnet_vocabulary_pads_and_wraps_with_its_own_tokens():
    from receipts.models.mpnet import default_model_cache

    path = default_model_cache() / "all-mpnet-base-v2" / "tokenizer.json"
    if not path.is_file():
        pytest.skip("MPNet not rebuilt here ('receipts models mpnet')")
    tok = Tokenizer.from_file(str(path))
    before = tok.padding
    # MPNet's vocabulary holds a "[PAD]" (id 4) it never pads with: its own padding says "<pad>" (id 1)
    assert special_ids(tok) == (1, "<pad>", tok.token_to_id("<s>"), tok.token_to_id("</s>"))
    assert tok.padding == before  # the tokenizer is left as it was
