"""receipts users add / review / audit / export from scripts."""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


def _claim(db) -> str:
    claims = json.loads(run("claims", "--db", str(db), "--json").output)
    return next(c["id"] for c in claims if "200 have been sent back" in c["text"])


def test_users_add_review_and_audit(db_path):
    db = str(db_path)
    r = run("users", "add", "ed.one", "--db", db, env={"RECEIPTS_NEW_PASSWORD": "s3cret-enough"})
    assert r.exit_code == 0 and len(r.output.strip().splitlines()[-1]) >= 40  # the API token
    again = run("users", "add", "ed.one", "--db", db, env={"RECEIPTS_NEW_PASSWORD": "s3cret-enough"})
    assert again.exit_code == 1 and "already exists" in again.output
    short = run("users", "add", "ed.two", "--db", db, "--password", "short")
    assert short.exit_code == 1 and "too short" in short.output
    claim = _claim(db_path)
    r = run(
        "review",
        claim,
        "--verdict",
        "disputed",
        "--rationale",
        "Two accounts.",
        "--user",
        "ed.one",
        "--db",
        db,
        "--json",
    )
    assert r.exit_code == 0, r.output
    entry = json.loads(r.output)
    assert (
        entry["action"] == "override"
        and entry["before"]["label"] == "REFUTED"
        and entry["after"]["label"] == "DISPUTED"
    )
    assert run("review", claim, "--verdict", "WRONG", "--rationale", "x", "--user", "ed.one", "--db", db).exit_code == 1
    nobody = run("review", claim, "--verdict", "REFUTED", "--rationale", "x", "--user", "nobody", "--db", db)
    assert nobody.exit_code == 1 and "No user" in nobody.output
    log = json.loads(run("audit", "--db", db, "--json").output)
    assert [e["action"] for e in log][:2] == ["override", "create"]
    verdicts = json.loads(run("verdicts", "--db", db, "--json", "--claim", claim).output)
    assert verdicts[0]["origin"] == "human" and verdicts[0]["reviewer"] == "ed.one"


def test_export_claimreview_claims_and_report(db_path, tmp_path):
    db = str(db_path)
    run("users", "add", "ed.one", "--db", db, "--password", "s3cret-enough")
    run(
        "review",
        _claim(db_path),
        "--verdict",
        "REFUTED",
        "--rationale",
        "Agency: none returned.",
        "--user",
        "ed.one",
        "--db",
        db,
    )
    reviews = json.loads(run("export", "claimreview", "--db", db).output)
    assert len(reviews) == 1 and reviews[0]["@type"] == "ClaimReview"
    out = tmp_path / "claims.csv"
    assert run("export", "claims", "--format", "csv", "--db", db, "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("id,published,speaker")
    html = run("export", "report", "--db", db).output
    assert html.startswith("<!doctype html>") and "<svg" in html and "Refuted" in html
    assert run("export", "nothing", "--db", db).exit_code == 1
    story = run("export", "report", "--story", "1", "--db", db).output
    assert (
        "<title>Story 1: " in story and "Refuted" in story and "Harbour" not in story
    )  # the hostile article is its own story
    missing = run("export", "report", "--story", "99", "--db", db)
    assert missing.exit_code == 1 and "stories" in missing.output


def _descendants(pid: int) -> set[int]:
    from pathlib import Path

    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        children = Path(f"/proc/{p}/task/{p}/children")
        found = {int(c) for c in children.read_text().split()} if children.exists() else set()
        out |= found
        todo.extend(found)
    return out


@pytest.mark.issue(21)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_workers_answer_and_end_with_a_killed_parent(db_path):
    import os
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from receipts.cli.main import app; app()",
            "serve",
            "--db",
            str(db_path),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/claims?limit=1", timeout=5) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline and parent.poll() is None, (
                    "receipts serve --workers 2 did not answer"
                )
                time.sleep(0.5)
        workers = _descendants(parent.pid)
        assert len(workers) >= 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 20
    while any(os.path.exists(f"/proc/{w}") and "zombie" not in open(f"/proc/{w}/status").read() for w in workers):
        assert time.monotonic() < deadline, "workers outlived their killed parent"
        time.sleep(0.2)


@pytest.mark.issue(21)
def test_a_worker_orphaned_while_it_starts_ends_at_once():
    # "serve" killed while a worker still imports: the worker must not watch its new parent for ever
    import os
    import subprocess

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    code = "from receipts.web.app import _end_with_parent; _end_with_parent(); print('serving')"
    orphan = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "RECEIPTS_SERVE_PID": str(gone.pid)}, capture_output=True
    )
    assert orphan.returncode == 1 and b"serving" not in orphan.stdout
    started = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "RECEIPTS_SERVE_PID": str(os.getpid())}, capture_output=True
    )
    assert started.returncode == 0 and b"serving" in started.stdout


@pytest.mark.issue(21)
def test_bench_serve_reports_every_level_without_errors(db_path):
    r = run("bench", "serve", "--db", str(db_path), "--clients", "1,2", "--seconds", "1", "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.output)
    assert [lv["clients"] for lv in result["levels"]] == [1, 2] and result["server_tracebacks"] == 0
    assert result["workers"] == min(os.cpu_count() or 1, 8) and result["cores"] == os.cpu_count()
    for level in result["levels"]:
        assert level["errors"] == 0 and level["requests"] > 0
        assert set(level["endpoints"]) >= {"/api/claims", "/api/claims/{claim}/review"}
        assert all(e["p50_ms"] <= e["p99_ms"] for e in level["endpoints"].values())
        assert level["client_cpu_ms"] >= 0
        if sys.platform.startswith("linux"):  # the server's CPU comes from /proc
            assert level["server_cpu_ms"] > 0 and level["cores_busy"] > 0


BURN = "import time\nwhile time.process_time() < 0.5:\n    pass\nprint('burnt', flush=True)\ntime.sleep(60)"


@pytest.mark.issue(21)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_bench_serve_counts_the_cpu_of_worker_processes_under_the_server():
    import subprocess

    from receipts.evaluate.bench import _tree_cpu_seconds

    # a parent that only waits, and its child that burns 0.5 s of CPU: what uvicorn's supervisor and a worker do
    spawn = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {BURN!r}])"
    parent = subprocess.Popen([sys.executable, "-c", spawn], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert parent.stdout.readline().strip() == "burnt"
        assert _tree_cpu_seconds(parent.pid) >= 0.3
    finally:
        os.killpg(parent.pid, signal.SIGKILL)  # the parent and the child it started
        parent.wait()
        parent.stdout.close()
    assert _tree_cpu_seconds(parent.pid) is None  # gone
