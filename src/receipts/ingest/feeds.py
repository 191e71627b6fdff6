"""RSS and Atom files, one Article per entry; an entry that cannot be read costs only itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from html import unescape

from receipts.errors import ParseError
from receipts.ingest.normalize import parse_published
from receipts.types import Article

# [^<>]: a '<' that never closes stops the scan at the next '<', so a storm of them stays linear
_TAG = re.compile(r"<[^<>]*>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6])(?:[\s/][^<>]*)?>", re.I)


def _html_to_text(fragment: str) -> str:
    text = _BLOCK.sub("\n\n", fragment)
    text = unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


def read_feed(xml: str, origin: str, *, max_elements: int = 50_000) -> Iterator:
    """Yield the entries of an RSS or Atom feed as Articles, and an IngestFailure for each bad entry.

    :param max_elements: Most tags, escaped ones in entries included, before the feed is refused
        unparsed (the feed parser's cost per tag is high: 100,000 took over 10 s).
    :raises ParseError: When the XML is not a feed, has no entries or has too many elements.
    """
    import feedparser

    from receipts.ingest.readers import IngestFailure

    if xml.count("<") + xml.count("&lt;") > max_elements:
        raise ParseError(
            f"{origin}: feed has more than {max_elements:,} elements (RECEIPTS_MAX_HTML_ELEMENTS); not parsed"
        )
    feed = feedparser.parse(xml)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f": {reason}" if reason else ""
        raise ParseError(f"{origin}: not an RSS/Atom feed with entries{detail}")
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        sub = f"{origin}#{i}"
        try:
            yield _entry_article(entry, sub, outlet)
        except ParseError as exc:
            yield IngestFailure(sub, exc)
        except Exception as exc:  # noqa: BLE001 - one line per bad entry, and the feed goes on
            yield IngestFailure(sub, ParseError(f"{sub}: cannot read feed entry: {exc.__class__.__name__}: {exc}"))


def _entry_article(entry, sub: str, outlet: str | None) -> Article:
    body = ""
    if entry.get("content"):
        body = entry.content[0].get("value", "")
    body = body or entry.get("summary", "") or entry.get("description", "")
    text = _html_to_text(body)
    if not text:
        raise ParseError(f"{sub}: feed entry {entry.get('title', sub)!r} has no text")
    published = None
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        try:
            published = datetime(*parsed[:6], tzinfo=timezone.utc)
        except (ValueError, OverflowError, TypeError) as exc:  # year 0, year 10000
            raise ParseError(
                f"{sub}: publication date {entry.get('published') or entry.get('updated')!r} "
                f"is not a date that can be stored: {exc}"
            ) from exc
    elif entry.get("published"):
        published = parse_published(entry.get("published"), origin=sub)
    return Article(
        text=text,
        title=entry.get("title"),
        source=outlet,
        url=entry.get("link"),
        author=entry.get("author"),
        published=published,
        origin=sub,
        content_type="feed",
    )
