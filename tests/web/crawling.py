"""Follow every same-site link from a start page: shared by the TestClient and Chromium crawl tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Pages a crawl must not follow: downloads are fetched but not parsed, and the JSON API is not a page.
DOWNLOADS = ("/export/", "/report.md", "/api/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def same_site_links(html: str, page: str) -> list[str]:
    """The paths (with query, without fragment) of the links on ``page`` that stay on this site.

    :param html: The page's HTML.
    :param page: The page's own path, to resolve relative links against.
    :returns: Paths in document order, each once.
    """
    parser = _Links()
    parser.feed(html)
    out: list[str] = []
    for href in parser.hrefs:
        url = urldefrag(urljoin("http://site" + page, href.strip())).url
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.netloc != "site":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in out:
            out.append(path)
    return out


def crawl(
    fetch: Callable[[str], tuple[int, str, str]], start: Iterable[str] = ("/",), *, max_pages: int = 2000
) -> dict[str, int]:
    """Visit every page reachable from ``start``; return each path's status code.

    :param fetch: Returns ``(status, content type, body)`` for a path.
    :param start: Where to begin.
    :param max_pages: Stop after this many fetches (a guard against endless pagination).
    :returns: Status code per visited path, in visiting order.
    """
    seen: dict[str, int] = {}
    queue = list(start)
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen:
            continue
        status, kind, body = fetch(path)
        seen[path] = status
        if status == 200 and kind.startswith("text/html") and not path.startswith(DOWNLOADS):
            queue.extend(p for p in same_site_links(body, path) if p not in seen)
    return seen
