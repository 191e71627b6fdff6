"""A verified store built once from the example corpus plus one hostile article; each test gets a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# Our own fictional article; every line tries to run script in a reader's browser.
HOSTILE = """---
title: <script>window.__xss = "title"</script>Harbour board meets
source: Coastline <img src=x onerror="window.__xss='source'">Gazette
url: javascript:window.__xss='url'
author: <b onmouseover="window.__xss='author'">Ana Veld</b>
published: 2026-07-10
---
TALLIN BAY — Harbour master Rui Castell said the port had handled 4,000 containers in June <script>window.__xss = "body"</script> and that no ship was turned away.

"We cleared every berth <img src=x onerror="window.__xss='quote'"> within a day," Castell said. See <a href="javascript:window.__xss='link'">the figures</a>.
"""


@pytest.fixture(scope="session")
def verified_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("webdb")
    corpus = folder / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "99-hostile.md").write_text(HOSTILE, encoding="utf-8")
    db = folder / "template.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["verify", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db_path(verified_db, tmp_path) -> Path:
    import sqlite3

    path = tmp_path / "r.db"
    src, dst = sqlite3.connect(verified_db), sqlite3.connect(path)
    src.backup(dst)  # the store runs in WAL mode: a file copy could miss recent pages
    src.close()
    dst.close()
    return path


@pytest.fixture
def settings(db_path):
    from receipts.config import Settings

    return Settings(database_url=f"sqlite:///{db_path}", secret_key="test-secret-key-0123456789")


@pytest.fixture
def client(settings):
    from fastapi.testclient import TestClient

    from receipts.web import create_app

    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def editor(settings):
    """Create an editor; return (name, password, api token)."""
    from receipts.review import add_user

    token = add_user(settings, "maria.ed", "correct horse battery")
    return "maria.ed", "correct horse battery", token
