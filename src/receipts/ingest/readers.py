"""Readers for each input format. Each yields Articles or IngestFailures."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from receipts.errors import FetchError, IngestError, ParseError
from receipts.ingest.html import read_html
from receipts.ingest.normalize import parse_published
from receipts.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
SKIP_NAMES = {"actors.yaml", "actors.yml"}


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A source that could not be read, with the reason."""

    origin: str
    error: IngestError

    def __str__(self) -> str:
        return str(self.error)


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over what a file says."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None

    def apply(self, article: Article) -> Article:
        changes: dict[str, object] = {}
        for name in ("title", "source", "url", "author"):
            value = getattr(self, name)
            if value:
                changes[name] = value
        if self.published:
            changes["published"] = parse_published(self.published, origin="--published")
        return replace(article, **changes) if changes else article


def read_sources(
    paths: Iterable[str | Path], *, max_bytes: int = 20_000_000, overrides: Overrides | None = None
) -> Iterator[Article | IngestFailure]:
    """Yield one Article per document found in paths, or an IngestFailure.

    Folders are walked recursively in sorted order; ``-`` reads stdin.

    :param paths: Files, folders or ``-``.
    :param max_bytes: Files larger than this fail with a FetchError.
    :param overrides: Metadata that replaces what the files say.
    """
    overrides = overrides or Overrides()
    for path in paths:
        for item in _read_one(str(path), max_bytes=max_bytes):
            if isinstance(item, Article):
                try:
                    item = overrides.apply(item)
                except IngestError as exc:
                    item = IngestFailure(item.origin, exc)
            yield item


def _read_one(path: str, *, max_bytes: int) -> Iterator[Article | IngestFailure]:
    if path == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        yield from _guard(lambda: [_read_stdin(raw, max_bytes)], "<stdin>")
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and _wanted(f))
        if not files:
            yield IngestFailure(path, FetchError(f"{path}: folder holds no readable files ({', '.join(sorted(SUPPORTED - {''}))})"))
        for f in files:
            yield from _read_one(str(f), max_bytes=max_bytes)
        return
    if not p.exists():
        yield IngestFailure(path, FetchError(f"{path}: no such file or folder"))
        return
    yield from _guard(lambda: list(_read_file(p, max_bytes)), path)


def _wanted(f: Path) -> bool:
    return f.suffix.lower() in SUPPORTED and not f.name.startswith(".") and f.name not in SKIP_NAMES


def _guard(fn, origin: str) -> Iterator[Article | IngestFailure]:
    try:
        yield from fn()
    except IngestError as exc:
        yield IngestFailure(origin, exc)


def _read_bytes(p: Path, max_bytes: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise FetchError(f"{p}: file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (see RECEIPTS_MAX_FILE_BYTES)")
        return p.read_bytes()
    except OSError as exc:
        raise FetchError(f"{p}: cannot read: {exc.strerror or exc}") from exc


def decode(raw: bytes, origin: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary and empty input.

    :raises ParseError: When the bytes are binary, not UTF-8 or blank.
    """
    if b"\x00" in raw[:8192]:
        raise ParseError(f"{origin}: binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{origin}: not valid UTF-8 at byte {exc.start}; convert it to UTF-8 first") from exc
    if not text.strip():
        raise ParseError(f"{origin}: file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_stdin(raw: bytes, max_bytes: int) -> Article:
    if len(raw) > max_bytes:
        raise FetchError(f"<stdin>: input is over the {max_bytes / 1e6:.0f} MB limit")
    text = decode(raw, "<stdin>")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return read_html(text, "<stdin>")
    if stripped.startswith("{"):
        return _article_from_json(_loads(text, "<stdin>"), "<stdin>")
    return read_text_source(text, "<stdin>")


def _read_file(p: Path, max_bytes: int) -> Iterator[Article | IngestFailure]:
    origin = str(p)
    suffix = p.suffix.lower()
    text = decode(_read_bytes(p, max_bytes), origin)
    if suffix in HTML_SUFFIXES:
        yield read_html(text, origin)
    elif suffix in JSON_SUFFIXES:
        data = _loads(text, origin)
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            sub = origin if len(items) == 1 else f"{origin}#{i}"
            yield from _guard(lambda: [_article_from_json(item, sub)], sub)
    elif suffix in JSONL_SUFFIXES:
        for lineno, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                sub = f"{origin}:{lineno}"
                yield from _guard(lambda: [_article_from_json(_loads(line, sub), sub)], sub)
    elif suffix in FEED_SUFFIXES:
        from receipts.ingest.feeds import read_feed

        yield from read_feed(text, origin)
    else:
        yield read_text_source(text, origin)


def _loads(text: str, origin: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{origin}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc


def _article_from_json(data: object, origin: str) -> Article:
    if not isinstance(data, dict):
        raise ParseError(f"{origin}: expected a JSON object with a 'text' field, got {type(data).__name__}")
    text = data.get("text") or data.get("body") or data.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ParseError(f"{origin}: JSON object has no non-empty 'text' field")
    return Article(
        text=text.replace("\r\n", "\n").strip(),
        title=_str(data.get("title")),
        source=_str(data.get("source") or data.get("outlet")),
        url=_str(data.get("url")),
        author=_str(data.get("author")),
        published=parse_published(data.get("published") or data.get("date"), origin=origin),
        origin=origin,
        content_type="json",
    )


def _str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value).strip() or None


def read_text_source(text: str, origin: str) -> Article:
    """Parse plain text or Markdown with optional YAML front matter.

    :raises ParseError: When the front matter is malformed or the body is empty.
    """
    meta: dict[str, object] = {}
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end == -1:
            raise ParseError(f"{origin}: front matter opened with '---' is never closed")
        try:
            loaded = yaml.safe_load(text[4:end])
        except yaml.YAMLError as exc:
            raise ParseError(f"{origin}: malformed front matter: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ParseError(f"{origin}: front matter must be key: value pairs")
        meta = loaded or {}
        body = text[end + 4 :]
    body = body.strip()
    if not body:
        raise ParseError(f"{origin}: document has no text after its front matter")
    return Article(
        text=body,
        title=_str(meta.get("title")),
        source=_str(meta.get("source") or meta.get("outlet")),
        url=_str(meta.get("url")),
        author=_str(meta.get("author")),
        published=parse_published(meta.get("published") or meta.get("date"), origin=origin),
        origin=origin,
        content_type="markdown" if origin.endswith((".md", ".markdown")) else "text",
    )
