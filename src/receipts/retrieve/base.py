"""The one Retriever protocol every retriever follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved item: its index in the corpus and a score (higher is better)."""

    index: int
    score: float


class Retriever(Protocol):
    def search(self, query: str, k: int = 10) -> list[Hit]:
        """Return up to k hits, best first."""
        ...
