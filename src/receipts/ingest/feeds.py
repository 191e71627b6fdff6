"""RSS and Atom files, one Article per entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from html import unescape

from receipts.errors import ParseError
from receipts.ingest.normalize import parse_published
from receipts.types import Article

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6])[^>]*>", re.I)


def _html_to_text(fragment: str) -> str:
    text = _BLOCK.sub("\n\n", fragment)
    text = unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


def read_feed(xml: str, origin: str) -> Iterator[Article]:
    """Yield the entries of an RSS or Atom feed as Articles.

    :raises ParseError: When the XML is not a feed or has no entries.
    """
    import feedparser

    feed = feedparser.parse(xml)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f": {reason}" if reason else ""
        raise ParseError(f"{origin}: not an RSS/Atom feed with entries{detail}")
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        sub = f"{origin}#{i}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = _html_to_text(body)
        if not text:
            raise ParseError(f"{sub}: feed entry {entry.get('title', i)!r} has no text")
        published = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published = datetime(*parsed[:6], tzinfo=timezone.utc)
        elif entry.get("published"):
            published = parse_published(entry.get("published"), origin=sub)
        yield Article(
            text=text,
            title=entry.get("title"),
            source=outlet,
            url=entry.get("link"),
            author=entry.get("author"),
            published=published,
            origin=sub,
            content_type="feed",
        )
