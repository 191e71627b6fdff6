"""Shared fixtures: one loaded pipeline per session, Docs built with a publication date."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The tests exercise each verification rule on invented text, so every rule may settle a verdict here.
# Out of the box receipts lets only rules measured precise on real news settle one (RECEIPTS_MIN_RULE_PRECISION,
# 0.9); tests/unit/verify/test_rule_gate.py and tests/integration/test_rule_gate_on_demo.py test that default.
os.environ.setdefault("RECEIPTS_MIN_RULE_PRECISION", "0")


@pytest.fixture(autouse=True)
def _fresh_extensions():
    """Reset every receipts Doc extension to its default before each test."""
    from receipts.nlp.extensions import register_extensions

    register_extensions(force=True)
    yield


@pytest.fixture(scope="session")
def nlp():
    from receipts.runtime import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """Return a function that runs the full pipeline over text with a publication date."""
    from receipts.runtime import process

    def run(text: str, published: date | None = date(2026, 7, 3)):
        return next(process(nlp, [(text, published)]))

    return run


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def copy_store(source: Path, target: Path) -> Path:
    """Copy a SQLite store through SQLite's backup API (a plain file copy could miss the WAL)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="session")
def demo_ingested(tmp_path_factory) -> Path:
    """The example corpus ingested once per test run: a template to copy, never to change."""
    from typer.testing import CliRunner

    from receipts.cli.main import app

    path = tmp_path_factory.mktemp("demo") / "ingested.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def demo_verified(demo_ingested, tmp_path_factory) -> Path:
    """The example corpus ingested and verified once per test run: a template to copy, never to change."""
    from typer.testing import CliRunner

    from receipts.cli.main import app

    path = copy_store(demo_ingested, tmp_path_factory.mktemp("demo") / "verified.db")
    result = CliRunner().invoke(app, ["verify", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(name="copy_store", scope="session")
def copy_store_fixture():
    """:func:`copy_store`, for test modules (conftest is not importable as a module)."""
    return copy_store


@pytest.fixture
def demo_db(demo_ingested, tmp_path) -> str:
    """A private copy of the ingested example store, for a test that may write to it."""
    return str(copy_store(demo_ingested, tmp_path / "demo.db"))
