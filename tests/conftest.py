"""Shared fixtures: one loaded pipeline per session, Docs built with a publication date."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _fresh_extensions():
    """Reset every receipts Doc extension to its default before each test."""
    from receipts.nlp.extensions import register_extensions

    register_extensions(force=True)
    yield


@pytest.fixture(scope="session")
def nlp():
    from receipts.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """Return a function that runs the full pipeline over text with a publication date."""
    from receipts.nlp import process

    def run(text: str, published: date | None = date(2026, 7, 3)):
        return next(process(nlp, [(text, published)]))

    return run
