"""A verified store built once from the example corpus plus one hostile article; each test gets a copy."""

from __future__ import annotations

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
TALLIN BAY — Harbour master Rui Castell said the port had handled 4,000 containers in June \
<script>window.__xss = "body"</script> and that no ship was turned away.

"We cleared every berth <img src=x onerror="window.__xss='quote'"> within a day," Castell said. \
See <a href="javascript:window.__xss='link'">the figures</a>.
"""

# Our own fictional article for issue 17: a quote split around its cue, and text that is hard to lay out
# (a long unbroken token, a long URL, right-to-left and zero-width marks, combining accents, an emoji).
ODD = """---
title: Ferry fares rise again — «Bayside» עברית 🚢
source: Bayside Courier
author: Jörg Hálek
published: 2026-08-02
---
PORT ELLEN — "Fares will rise by 4% in September," Ilse Morrow said, "and again by 2% in January."

Morrow, the deputy mayor, said the council would publish the new timetable by June 30. The​zero​width ‏text‎ stays.

Reference: ferry-fares-consultation-response-volume-two-appendix-c-table-fourteen-revised-final-version-2026 https://bayside.example/ferry/fares/2026/consultation/response/volume-two/appendix-c/table-fourteen/revised-final
"""


@pytest.fixture(scope="session")
def verified_db(tmp_path_factory, demo_verified, copy_store) -> Path:
    """The verified example corpus (built once per run) plus a hostile and an odd article, checked with
    ``verify --new`` as a desk would after bringing two articles in."""
    folder = tmp_path_factory.mktemp("webdb")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "99-hostile.md").write_text(HOSTILE, encoding="utf-8")
    (extra / "98-odd.md").write_text(ODD, encoding="utf-8")
    db = copy_store(demo_verified, folder / "template.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(extra), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["verify", "--db", str(db), "--new"])
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
    from receipts.app.review import add_user

    token = add_user(settings, "maria.ed", "correct horse battery")
    return "maria.ed", "correct horse battery", token


@pytest.fixture
def live_server(settings):
    """The app under uvicorn in a thread, on a free port of 127.0.0.1; yields the port."""
    import socket
    import threading
    import time

    import uvicorn

    from receipts.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)
