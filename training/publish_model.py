"""Record a trained export in ``src/receipts/models/trained.json`` (the manifest of large models).

Run it once on the export whose figures the model card reports; ``receipts models add`` then accepts
only files with exactly these SHA-256 digests. Every regular file of the folder is recorded.

Usage::

    python training/publish_model.py attribution-mpnet src/receipts/models/attribution-mpnet \\
        --setting attribution_model --profile accurate --replaces attribution-minilm \\
        --train "training/train_attribution.py --backbone mpnet --freeze-layers 6 --epochs 3 ... --export"
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from receipts.models.trained import hash_folder

MANIFEST = Path(__file__).resolve().parents[1] / "src" / "receipts" / "models" / "trained.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--setting", required=True, help="the Settings field it serves, e.g. attribution_model")
    ap.add_argument("--profile", default=None, help="the profile that uses it (accurate), if any")
    ap.add_argument("--replaces", default=None, help="the shipped model it stands in for, e.g. attribution-minilm")
    ap.add_argument("--train", required=True, help="the command that trains and exports it")
    ap.add_argument("--card", default=None, help="where its model card is, relative to the repository")
    args = ap.parse_args()
    files = sorted(p.name for p in args.folder.iterdir() if p.is_file() and not p.name.startswith("."))
    known = json.loads(MANIFEST.read_text()) if MANIFEST.is_file() else {}
    known[args.name] = {
        "setting": args.setting,
        "profile": args.profile,
        "replaces": args.replaces,
        "train": args.train,
        "card": args.card,
        "files": hash_folder(args.folder, files),
    }
    MANIFEST.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")
    print(f"{args.name}: {len(files)} files recorded in {MANIFEST}")


if __name__ == "__main__":
    main()
