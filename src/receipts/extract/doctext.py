"""The text of a spaCy ``Doc``, computed once per document.

``Doc.text`` joins every token's text on each access; the extraction stages read it thousands of
times per article, so they go through :func:`doc_text`, which keeps the joined string in
``doc.user_data``.
"""

from __future__ import annotations

_KEY = "receipts.text"


def doc_text(doc) -> str:
    """Return ``doc.text``, joined once and then served from ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
