"""Readers for each input format. Each yields Articles or IngestFailures.

Every problem with a source becomes one IngestFailure naming it and saying what is wrong; nothing a
file holds can stop the batch. Only regular files are read (devices, FIFOs and sockets are
refused before they are opened), within a byte limit checked before reading, and a folder's
symlinks are followed only when they stay inside it (or when asked).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from receipts.errors import FetchError, IngestError, ParseError
from receipts.ingest.frontmatter import load_front_matter
from receipts.ingest.html import HtmlLimits, read_html
from receipts.ingest.normalize import parse_published
from receipts.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
SKIP_NAMES = {"actors.yaml", "actors.yml"}
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A source that could not be read, with the reason."""

    origin: str
    error: IngestError

    def __str__(self) -> str:
        return _LINE_BREAKS.sub(" ", str(self.error))  # one line, whatever the parser's message looked like


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What reading one source may cost; the shells fill it from the ``RECEIPTS_MAX_*`` settings.

    Example::

        ReadLimits(max_bytes=20_000_000, max_chars=200_000)
    """

    max_bytes: int = 20_000_000  # per file, checked on its size before reading
    max_chars: int = 200_000  # per document text
    max_html_elements: int = 50_000
    max_html_attributes: int = 200  # on one element

    @classmethod
    def from_settings(cls, settings) -> ReadLimits:
        """The limits a :class:`receipts.config.Settings` names."""
        return cls(
            max_bytes=settings.max_file_bytes,
            max_chars=settings.max_document_chars,
            max_html_elements=settings.max_html_elements,
            max_html_attributes=settings.max_html_attributes,
        )

    @property
    def html(self) -> HtmlLimits:
        return HtmlLimits(max_elements=self.max_html_elements, max_attributes=self.max_html_attributes)


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
    paths: Iterable[str | Path],
    *,
    max_bytes: int | None = None,
    overrides: Overrides | None = None,
    limits: ReadLimits | None = None,
    follow_symlinks: bool = False,
) -> Iterator[Article | IngestFailure]:
    """Yield one Article per document found in paths, or an IngestFailure.

    Folders are walked recursively in sorted order; ``-`` reads stdin.

    :param paths: Files, folders or ``-``.
    :param max_bytes: Files larger than this fail with a FetchError (overrides ``limits.max_bytes``).
    :param overrides: Metadata that replaces what the files say.
    :param limits: Bytes per file, characters per document, HTML elements and attributes.
    :param follow_symlinks: Follow a folder's symlinks that lead outside it (never by default).
    """
    overrides = overrides or Overrides()
    limits = limits or ReadLimits()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    for path in paths:
        for item in _read_one(path, limits, follow_symlinks):
            if isinstance(item, Article):
                try:
                    item = _checked(overrides.apply(item), limits)
                except IngestError as exc:
                    item = IngestFailure(item.origin, exc)
            yield item


def count_inputs(paths: Iterable[str | Path], *, follow_symlinks: bool = False) -> int:
    """How many inputs :func:`read_sources` will read: files (each file in a folder) and stdin.

    A progress bar's total: cheap (no file is opened). A JSON Lines file or a feed holds more documents
    than this counts; the bar grows when it finds them.
    """
    n = 0
    for path in paths:
        p = Path(path)
        if isinstance(path, str) and path == "-":
            n += 1
        elif p.is_dir():
            n += sum(1 for f in _walk(p, follow_symlinks) if isinstance(f, Path))
        else:
            n += 1
    return n


_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(32), 127, 0x85]} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def display_path(path: str | Path) -> str:
    """A path as one line of text that can be printed and stored: bytes that are not UTF-8, and
    control characters such as a newline in a name, appear as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace").translate(_CONTROLS)


def _read_one(path: str | Path, limits: ReadLimits, follow: bool) -> Iterator[Article | IngestFailure]:
    if isinstance(path, str) and path == "-":
        raw = sys.stdin.buffer.read(limits.max_bytes + 1)
        yield from _guard(lambda: [_read_stdin(raw, limits)], "<stdin>")
        return
    p = Path(path)
    origin = display_path(p)
    try:
        is_dir = p.is_dir()
    except OSError as exc:  # a name too long, a loop of links
        yield IngestFailure(origin, FetchError(f"{origin}: cannot read: {exc.strerror or exc}"))
        return
    if is_dir:
        found = list(_walk(p, follow))
        if not any(isinstance(f, Path) for f in found):
            yield IngestFailure(
                origin, FetchError(f"{origin}: folder holds no readable files ({', '.join(sorted(SUPPORTED - {''}))})")
            )
        for f in found:
            if isinstance(f, IngestFailure):
                yield f
            else:
                yield from _guard(lambda: list(_read_file(f, limits)), display_path(f))
        return
    if not os.path.lexists(p):
        yield IngestFailure(origin, FetchError(f"{origin}: no such file or folder"))
        return
    yield from _guard(lambda: list(_read_file(p, limits)), origin)


def _walk(root: Path, follow: bool) -> Iterator[Path | IngestFailure]:
    """The wanted files under root in sorted order, and a failure for each symlink not followed."""
    top = os.path.realpath(root)
    out: list[tuple[str, Path | IngestFailure]] = []
    seen_dirs = {top}

    def inside(target: str) -> bool:
        return target == top or target.startswith(top.rstrip(os.sep) + os.sep)

    for folder, dirs, files in os.walk(root, followlinks=follow, onerror=None):
        kept = []
        for d in sorted(dirs):
            full = Path(folder) / d
            real = os.path.realpath(full)
            if full.is_symlink() and not follow:
                if not inside(real):
                    out.append(
                        (
                            str(full),
                            IngestFailure(
                                display_path(full),
                                FetchError(
                                    f"{display_path(full)}: symlink to {display_path(real)}, "
                                    f"outside {display_path(root)}; "
                                    f"not followed (use --follow-symlinks)"
                                ),
                            ),
                        )
                    )
                continue
            if real in seen_dirs:  # a loop of links
                continue
            seen_dirs.add(real)
            kept.append(d)
        dirs[:] = kept
        for name in files:
            full = Path(folder) / name
            if not _wanted(full):
                continue
            if full.is_symlink() and not follow and not inside(os.path.realpath(full)):
                out.append(
                    (
                        str(full),
                        IngestFailure(
                            display_path(full),
                            FetchError(
                                f"{display_path(full)}: symlink to {display_path(os.path.realpath(full))}, outside "
                                f"{display_path(root)}; not followed (use --follow-symlinks)"
                            ),
                        ),
                    )
                )
                continue
            out.append((str(full), full))
    for _, item in sorted(out, key=lambda pair: Path(pair[0]).parts):
        yield item


def _wanted(f: Path) -> bool:
    return f.suffix.lower() in SUPPORTED and not f.name.startswith(".") and f.name not in SKIP_NAMES


def _guard(fn, origin: str) -> Iterator[Article | IngestFailure]:
    """Run a reader; any failure, expected or not, becomes one IngestFailure naming the source."""
    try:
        items = fn()
    except IngestError as exc:
        yield IngestFailure(origin, exc)
        return
    except RecursionError:
        yield IngestFailure(origin, ParseError(f"{origin}: nested too deeply to read"))
        return
    except MemoryError:
        yield IngestFailure(origin, ParseError(f"{origin}: too large to read in memory"))
        return
    except Exception as exc:  # noqa: BLE001 - one line per bad source, and the batch goes on
        yield IngestFailure(origin, ParseError(f"{origin}: cannot read: {exc.__class__.__name__}: {exc}"))
        return
    yield from items


_KINDS = (
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "folder"),
)


def _not_regular(mode: int, origin: str) -> FetchError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    return FetchError(f"{origin}: is a {kind}, not a regular file; only regular files are read")


def _read_bytes(p: Path, max_bytes: int, origin: str | None = None) -> bytes:
    """Read a regular file of at most max_bytes, checking its kind and size before reading.

    :raises FetchError: When it is not a regular file, is too large, or cannot be read.
    """
    origin = origin or display_path(p)
    too_big = f"over the {max_bytes / 1e6:g} MB limit (RECEIPTS_MAX_FILE_BYTES)"
    try:
        problem = _not_regular(os.stat(p).st_mode, origin)  # before opening: opening a FIFO can block
        if problem:
            raise problem
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)  # the file opened may not be the one looked at
            problem = _not_regular(st.st_mode, origin)
            if problem:
                raise problem
            if st.st_size > max_bytes:
                raise FetchError(f"{origin}: file is {st.st_size / 1e6:.1f} MB, {too_big}")
            chunks, size = [], 0
            while size <= max_bytes:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{origin}: file grew while read, {too_big}")
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        raise FetchError(f"{origin}: cannot read: {exc.strerror or exc}") from exc


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


def _read_stdin(raw: bytes, limits: ReadLimits) -> Article:
    if len(raw) > limits.max_bytes:
        raise FetchError(f"<stdin>: input is over the {limits.max_bytes / 1e6:g} MB limit (RECEIPTS_MAX_FILE_BYTES)")
    text = decode(raw, "<stdin>")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return read_html(text, "<stdin>", limits=limits.html)
    if stripped.startswith("{"):
        return _article_from_json(_loads(text, "<stdin>"), "<stdin>")
    return read_text_source(text, "<stdin>")


def _read_file(p: Path, limits: ReadLimits) -> Iterator[Article | IngestFailure]:
    origin = display_path(p)
    suffix = p.suffix.lower()
    text = decode(_read_bytes(p, limits.max_bytes, origin), origin)
    if suffix in HTML_SUFFIXES:
        yield read_html(text, origin, limits=limits.html)
    elif suffix in JSON_SUFFIXES:
        data = _loads(text, origin)
        items = data if isinstance(data, list) else [data]
        if not items:
            raise ParseError(f"{origin}: the JSON list is empty: no documents in it")
        for i, item in enumerate(items):
            sub = origin if len(items) == 1 else f"{origin}#{i}"
            yield from _guard(lambda: [_article_from_json(item, sub)], sub)
    elif suffix in JSONL_SUFFIXES:
        lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
        if not lines:
            raise ParseError(f"{origin}: no JSON lines: no documents in it")
        for lineno, line in lines:
            sub = f"{origin}:{lineno}"
            yield from _guard(lambda: [_article_from_json(_loads(line, sub), sub)], sub)
    elif suffix in FEED_SUFFIXES:
        from receipts.ingest.feeds import read_feed

        yield from read_feed(text, origin, max_elements=limits.max_html_elements)
    else:
        yield read_text_source(text, origin)


def _checked(article: Article, limits: ReadLimits) -> Article:
    """Refuse an article the store or the pipeline cannot take: invalid Unicode, NUL, over the size limit.

    :raises ParseError: Naming the field and the problem.
    """
    for f in fields(Article):
        value = getattr(article, f.name)
        if not isinstance(value, str) or f.name == "origin":
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ParseError(
                f"{article.origin}: {f.name} holds an invalid character ({value[exc.start]!r}, a lone "
                f"surrogate) at position {exc.start}; fix the source's encoding"
            ) from exc
        if "\x00" in value:
            raise ParseError(
                f"{article.origin}: {f.name} holds a NUL character at position {value.index(chr(0))}; remove it"
            )
    if len(article.text) > limits.max_chars:
        raise ParseError(
            f"{article.origin}: text is {len(article.text):,} characters, over the limit of "
            f"{limits.max_chars:,} (RECEIPTS_MAX_DOCUMENT_CHARS); split it"
        )
    return article


def _loads(text: str, origin: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"{origin}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise ParseError(f"{origin}: JSON nested too deeply to read") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits, for one
        raise ParseError(f"{origin}: JSON holds a value that cannot be read: {exc}") from exc


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
        meta = load_front_matter(text[4:end], origin)
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
