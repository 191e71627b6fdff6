"""HTML pages: main text through trafilatura, provenance from meta tags.

Before a page is parsed, one linear scan counts its elements and the attributes of each: the HTML
parser checks every new attribute of an element against all the ones before it, so an element
with thousands of attributes took minutes. Pages over :class:`HtmlLimits` are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from receipts.errors import ParseError
from receipts.ingest.normalize import parse_published
from receipts.types import Article

_START_TAG = re.compile(r"<[A-Za-z][^<>]*>?")
_ATTRIBUTE = re.compile(r"""[\s"'/]([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`]*))?""")


@dataclass(frozen=True, slots=True)
class HtmlLimits:
    """The most elements in a page and attributes on one element (RECEIPTS_MAX_HTML_*)."""

    max_elements: int = 50_000
    max_attributes: int = 200


def check_html_limits(html: str, origin: str, limits: HtmlLimits) -> None:
    """Refuse a page with too many elements, or an element with too many attributes. Linear in length.

    :raises ParseError: Naming the limit and its setting.
    """
    elements = 0
    for m in _START_TAG.finditer(html):
        elements += 1
        if elements > limits.max_elements:
            raise ParseError(
                f"{origin}: HTML has more than {limits.max_elements:,} elements "
                f"(RECEIPTS_MAX_HTML_ELEMENTS); not parsed"
            )
        tag = m.group()
        if len(tag) <= 2 * limits.max_attributes:
            continue  # each attribute takes two characters at least: this one cannot hold too many
        n = sum(1 for _ in _ATTRIBUTE.finditer(tag, 1))
        if n > limits.max_attributes:
            raise ParseError(
                f"{origin}: an HTML element at character {m.start():,} has {n:,} attributes, over the "
                f"limit of {limits.max_attributes:,} (RECEIPTS_MAX_HTML_ATTRIBUTES); not parsed"
            )


def read_html(html: str, origin: str, *, limits: HtmlLimits | None = None) -> Article:
    """Extract the main text and metadata of an HTML page.

    :param limits: Elements per page and attributes per element (defaults: :class:`HtmlLimits`).
    :raises ParseError: When the page is not HTML, is over a limit, or has no main text.
    """
    import trafilatura

    if "<" not in html[:2000]:
        raise ParseError(f"{origin}: not HTML (no markup found)")
    check_html_limits(html, origin, limits or HtmlLimits())
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
