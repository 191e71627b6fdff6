"""Every setting and every command is documented in the README."""

from __future__ import annotations

from pathlib import Path

from receipts.cli.main import app
from receipts.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_documented():
    for name in Settings.model_fields:
        assert f"RECEIPTS_{name.upper()}" in README, f"RECEIPTS_{name.upper()} is not in README.md"


def test_every_command_is_documented():
    import typer.main

    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"`{name}" in README or f" {name}`" in README or f"receipts {name}" in README, (
            f"command {name!r} not in README.md"
        )


def test_readme_starts_with_the_two_commands():
    code = README.split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()
    assert code[0].startswith("make demo") and code[1].startswith("make test")
