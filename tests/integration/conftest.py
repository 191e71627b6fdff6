from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def cli(runner):
    """Run the receipts CLI in-process and return the result."""
    from receipts.cli.main import app

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def two_real_stories(tmp_path):
    """Two of the real dev stories in a folder of their own: the eval commands' plumbing at a fraction of
    the time the whole dev split takes (its figures are printed by the commands in docs/evaluation.md)."""
    import json
    import shutil
    from pathlib import Path

    stories = Path(__file__).resolve().parents[1] / "data" / "real_stories"
    folder = tmp_path / "stories"
    folder.mkdir()
    for story in ("uk-350m-a-week", "vw-clean-diesel"):
        shutil.copy(stories / f"{story}.json", folder)
    (folder / "splits.json").write_text(json.dumps({"uk-350m-a-week": "dev", "vw-clean-diesel": "dev"}))
    return folder
