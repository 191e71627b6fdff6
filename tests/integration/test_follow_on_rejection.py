"""``follow_on``: a rejection that shares no word with the claim is found through the sentence before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from receipts.app import services, verification
from receipts.config import Settings

CLAIM_DOC = """---
title: Ostrava says its troops are leaving the border
source: Korvi Wire
published: 2026-02-15
---

KORVI — The Ostravian defence ministry said on Tuesday that its troops had begun withdrawing from the border.
"""

FOLLOW_DOC = (
    "---\ntitle: Officials doubt the pullback\nsource: Harbour Gazette\npublished: 2026-02-17\n---\n\n"
    "HARBOUR — A senior official spoke to reporters on Thursday. "
    '"So yesterday, the Ostravian government said it was withdrawing troops from the border with Dravania. '
    "They received a lot of attention for that claim. "
    'But we now know it was {word}," the official said.\n'
)


def _store(tmp_path: Path, word: str) -> Settings:
    (tmp_path / "a.md").write_text(CLAIM_DOC)
    (tmp_path / "b.md").write_text(FOLLOW_DOC.format(word=word))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")
    services.ingest([str(tmp_path / "a.md"), str(tmp_path / "b.md")], settings)
    verification.verify_claims(settings)
    return settings


def _withdrawal(settings: Settings) -> dict:
    return next(v for v in verification.list_verdicts(settings) if "begun withdrawing" in v["claim"])


@pytest.mark.issue(14)
def test_a_rejection_two_sentences_on_is_read_against_the_sentence_retrieved(tmp_path):
    verdict = _withdrawal(_store(tmp_path, "false"))
    # the reference rule's reason: the rejecting word, and the sentences it points back across
    assert "calls it “false”" in verdict["reason"] and "(after: " in verdict["reason"]


@pytest.mark.issue(14)
def test_a_following_sentence_that_rejects_nothing_adds_nothing(tmp_path):
    verdict = _withdrawal(_store(tmp_path, "welcome"))
    assert "reference" not in verdict["reason"] and "false" not in verdict["reason"]
