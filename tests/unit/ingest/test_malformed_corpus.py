"""The regression corpus of scripts/make_malformed_corpus.py: every input read in bounded time, one line per bad one."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from receipts.ingest import IngestFailure, read_sources
from receipts.types import Article

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "make_malformed_corpus.py"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("make_malformed_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.issue(16)
@pytest.mark.issue(21)
def test_malformed_corpus_reads_without_a_traceback_and_keeps_the_good_files(corpus, tmp_path):
    n = corpus.write_corpus(tmp_path / "in", special=True)
    assert n > 450
    slowest = 0.0
    items = []
    started = time.monotonic()
    for item in read_sources([str(tmp_path / "in")]):
        slowest = max(slowest, time.monotonic() - started)
        items.append(item)
        started = time.monotonic()
    assert slowest < 20, f"one input took {slowest:.1f} s to read"
    good = {a.text for a in items if isinstance(a, Article) and "/good-" in a.origin}
    assert len(good) == len(corpus.good_files())
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(failures) > 250
    assert all("\n" not in str(f) and str(f).startswith(f.origin) for f in failures)
    assert any("fifo.txt: is a FIFO" in str(f) for f in failures)
    assert any("passwd-link.txt: symlink to /etc/passwd" in str(f) for f in failures)
