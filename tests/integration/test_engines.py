"""Extraction in local processes and on a Dask cluster gives what extraction in-process gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from receipts import services
from receipts.config import Settings
from receipts.engines import make_engine
from receipts.errors import ConfigError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = [str(EXAMPLES / n) for n in ("01-geneva-summit.md", "02-velmar-rally.md", "03-agency-clarification.md")]


def _rows(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    out = {t: con.execute(f"select text from {t} order by start, text").fetchall()
           for t in ("quotes", "claims", "commitments", "events", "sentences")}
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
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = services.ingest(FILES, _settings(db), batch_size=1, scheduler=cluster.scheduler_address)
    assert len(report.added) == 3 and not report.failed
    assert _rows(db) == in_process


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
