"""Near-duplicates: the same wire story republished with small edits by another outlet.

Each document gets a MinHash signature of its word 5-gram shingles (datasketch); an LSH index over
the stored signatures finds earlier documents whose estimated Jaccard similarity is at least the
threshold. A near-duplicate is stored (its outlet and date are provenance), linked to the earliest
such document, and verification counts the two as one source.
"""

from __future__ import annotations

import re

import numpy as np

NUM_PERM = 64
SHINGLE = 5
SCHEME = "affine32"  # datasketch 2: stored signatures name the hashing scheme they were made with
_WORD = re.compile(r"\w+")


def signature(text: str) -> bytes:
    """The MinHash signature of a text's word shingles, packed for the store."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    grams = [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    mh.update_batch([g.encode("utf-8") for g in grams])
    # the affine32 scheme's values fit in 32 bits: 4 bytes each (stores of before 2026-11-30 hold 8)
    return mh.hashvalues.astype(np.uint32).tobytes()


def _minhash(packed: bytes):
    from datasketch import MinHash

    width = np.uint32 if len(packed) == NUM_PERM * 4 else np.uint64
    values = np.frombuffer(packed, dtype=width).astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME)


class NearDuplicates:
    """An LSH index of stored signatures.

    Example::

        index = NearDuplicates(threshold=0.8)
        index.add("d_1", signature(text_1))
        index.find(signature(text_2))  # ("d_1", 0.92) or None
    """

    def __init__(self, threshold: float = 0.8) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, object] = {}

    def add(self, doc_id: str, packed: bytes) -> None:
        if doc_id not in self._sigs:
            mh = _minhash(packed)
            self._lsh.insert(doc_id, mh)
            self._sigs[doc_id] = mh

    def find(self, packed: bytes, order: dict[str, object] | None = None) -> tuple[str, float] | None:
        """The most similar stored document at or above the threshold (ties: the first in ``order``)."""
        mh = _minhash(packed)
        best = None
        for doc_id in self._lsh.query(mh):
            score = mh.jaccard(self._sigs[doc_id])
            if score < self.threshold:
                continue
            key = (-score, str((order or {}).get(doc_id, "")), doc_id)
            if best is None or key < best[0]:
                best = (key, doc_id, score)
        return (best[1], round(best[2], 3)) if best else None
