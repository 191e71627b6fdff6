"""Which links receipts stores and publishes: absolute http(s) URLs only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Browsers drop tabs and newlines inside a URL, so "java\tscript:" would still run: refuse any
# whitespace or control character rather than guess how a consumer reads it.
_UNSAFE_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def safe_url(url: str | None) -> str | None:
    """Return the URL when it is an absolute http(s) link with a host, else None.

    ``javascript:``, ``data:``, ``vbscript:``, protocol-relative (``//host``) and relative links
    all give None, as do links with whitespace, control characters or backslashes inside.

    :param url: A link from a document's metadata, or None.
    :returns: The link without surrounding whitespace, or None.
    """
    if not url:
        return None
    url = url.strip()
    if _UNSAFE_CHAR.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
