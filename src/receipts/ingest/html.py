"""HTML pages: main text through trafilatura, provenance from meta tags."""

from __future__ import annotations

from receipts.errors import ParseError
from receipts.ingest.normalize import parse_published
from receipts.types import Article


def read_html(html: str, origin: str) -> Article:
    """Extract the main text and metadata of an HTML page.

    :raises ParseError: When the page is not HTML or has no main text.
    """
    import trafilatura

    if "<" not in html[:2000]:
        raise ParseError(f"{origin}: not HTML (no markup found)")
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises many lxml error types
        raise ParseError(f"{origin}: malformed HTML: {exc}") from exc
    if not text or not text.strip():
        raise ParseError(f"{origin}: HTML has no main text that could be extracted")
    published = None
    if meta is not None and meta.date:
        published = parse_published(meta.date, origin=origin)
    return Article(
        text=text.strip(),
        title=(meta.title if meta else None) or None,
        source=(meta.sitename if meta else None) or None,
        url=(meta.url if meta else None) or None,
        author=(meta.author if meta else None) or None,
        published=published,
        origin=origin,
        content_type="html",
    )
