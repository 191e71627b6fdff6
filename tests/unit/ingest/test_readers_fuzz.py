"""Fuzz every reader: whatever a file holds, reading it ends in Articles or one-line failures, never a traceback.

Each test writes generated files beside a good one and reads the folder. About 1,200 generated inputs
in all, bounded in size; the readers only (extraction of generated text is fuzzed in
``tests/integration/test_extract_fuzz.py``).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receipts.ingest import IngestFailure, read_sources
from receipts.ingest.readers import SUPPORTED, ReadLimits
from receipts.types import Article

pytestmark = pytest.mark.issue(16)

GOOD_NAME, GOOD = b"zz-good.txt", "The council approved the harbour budget on Tuesday, the mayor said."
LIMITS = ReadLimits(max_bytes=200_000, max_chars=20_000, max_html_elements=2_000, max_html_attributes=50)


def fuzz(n: int):
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def read_batch(files: list[tuple[bytes, bytes]]) -> list[Article | IngestFailure]:
    """Write the files and a good one into a fresh folder, read the folder, check what came back."""
    with tempfile.TemporaryDirectory(prefix="receipts-fuzz-") as folder:
        root = os.fsencode(folder)
        with open(os.path.join(root, GOOD_NAME), "w") as f:
            f.write(GOOD)
        for name, content in files:
            with open(os.path.join(root, name), "wb") as f:
                f.write(content)
        items = list(read_sources([folder], limits=LIMITS))
    good = [i for i in items if isinstance(i, Article) and i.origin.endswith(GOOD_NAME.decode())]
    assert len(good) == 1 and good[0].text == GOOD, "the good file was not read"
    for item in items:
        assert isinstance(item, (Article, IngestFailure)), item
        if isinstance(item, IngestFailure):
            message = str(item)
            assert message.startswith(item.origin) and "\n" not in message and "Traceback" not in message
            message.encode("utf-8")
        else:
            _check_article(item)
    return items


def _check_article(art: Article) -> None:
    assert art.text.strip() and len(art.text) <= LIMITS.max_chars and "\x00" not in art.text
    for value in (art.text, art.title, art.source, art.author, art.url, art.origin):
        if value is not None:
            value.encode("utf-8")  # storable: no lone surrogates
    assert art.published is None or (isinstance(art.published, datetime) and art.published.tzinfo is not None)


# Building blocks

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
nasty_text = st.text(
    st.one_of(st.characters(), surrogates, st.sampled_from("\x00\r\n\t\"'\\<>&[]/:*!#%{}")), max_size=60
)
dates = st.one_of(
    st.sampled_from(
        [
            "0001-01-01T00:00:00+05:00",
            "0000-01-01",
            "10000-01-01",
            "2026-02-30",
            "2026-06-01",
            "Tue, 02 Jun 2026 10:00:00 GMT",
            "9999-12-31T23:59:59-14:00",
            "yesterday",
            "",
            "1e308",
        ]
    ),
    st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat()),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    nasty_text,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | nasty_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty_text, inner, max_size=3),
    max_leaves=12,
)
json_docs = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(nasty_text, json_values, st.just(GOOD)),
        "body": nasty_text,
        "title": json_values,
        "source": json_values,
        "url": nasty_text,
        "author": json_values,
        "published": dates,
        "date": dates,
    },
)


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()  # lone surrogates become \\ud800 escapes


@st.composite
def mutated(draw, base: st.SearchStrategy[bytes]) -> bytes:
    """Valid bytes with a few bytes cut, inserted or flipped."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["cut", "insert", "flip"]))
        if op == "cut":
            del data[at : at + draw(st.integers(1, 8))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
    return bytes(data)


# One test per reader


@fuzz(250)
@given(docs=st.lists(st.one_of(json_docs, json_values), min_size=0, max_size=3), as_list=st.booleans())
def test_fuzz_json_files(docs, as_list):
    content = _dumps(docs if as_list or len(docs) != 1 else docs[0])
    read_batch([(b"doc.json", content)])


@fuzz(150)
@given(content=mutated(json_docs.map(_dumps)))
def test_fuzz_json_bytes(content):
    read_batch([(b"doc.json", content)])


@fuzz(100)
@given(
    lines=st.lists(st.one_of(json_docs.map(_dumps), mutated(json_docs.map(_dumps)), st.binary(max_size=30)), max_size=5)
)
def test_fuzz_jsonl_files(lines):
    read_batch([(b"doc.jsonl", b"\n".join(line.replace(b"\n", b" ") for line in lines))])


yaml_scalars = st.one_of(
    dates.map(str),
    nasty_text.map(json.dumps),
    st.sampled_from(
        [
            "&a [1, 2]",
            "*a",
            "!!timestamp 2026-02-30",
            "!!binary aGk=",
            "!!python/name:os.system",
            "[" * 30 + "]" * 30,
            "{a: 1, b: [x, *a]}",
            "|\n  block",
            "? x",
            "- item",
            "'unclosed",
            "~",
            "2026-02-30",
        ]
    ),
)


@fuzz(200)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(["title", "published", "date", "source", "author", "url", "x"]), yaml_scalars),
        max_size=6,
    ),
    raw=st.none() | nasty_text,
    closed=st.booleans(),
    body=st.one_of(st.just(GOOD), nasty_text),
)
def test_fuzz_front_matter(pairs, raw, closed, body):
    front = raw if raw is not None else "\n".join(f"{k}: {v}" for k, v in pairs)
    text = "---\n" + front + ("\n---\n" if closed else "\n") + body
    read_batch([(b"doc.md", text.encode("utf-8", "surrogatepass"))])


@st.composite
def html_pages(draw) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(["p", "div", "span", "a", "meta", "article", "script", "x-y", "br", "h1"]))
        attrs = " ".join(f"a{i}='{draw(nasty_text)}'" for i in range(draw(st.integers(0, 80))))
        inner = draw(
            st.one_of(
                nasty_text,
                st.sampled_from(["&amp;" * 50, "&#xD800;", "&#0;", "&nosuch;", "<" * 40, GOOD, "<!--", "]]>"]),
            )
        )
        parts.append(f"<{tag} {attrs}>{inner}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    head = draw(
        st.sampled_from(
            [
                "",
                "<head><meta property='article:published_time' content='0000-00-00'></head>",
                "<head><title>[/] [bold]</title></head>",
            ]
        )
    )
    return f"<html>{head}<body>{''.join(parts)}</body></html>".encode("utf-8", "surrogatepass")


@fuzz(150)
@given(page=st.one_of(html_pages(), mutated(html_pages())))
def test_fuzz_html_pages(page):
    read_batch([(b"page.html", page)])


@st.composite
def feeds(draw) -> bytes:
    entries = []
    for i in range(draw(st.integers(0, 4))):
        date = draw(
            st.one_of(dates.map(str), st.integers(-5, 20_000).map(lambda y: f"Sat, 01 Jan {y:04d} 00:00:00 GMT"))
        )
        body = draw(st.one_of(nasty_text, st.just(GOOD), st.just("&lt;p&gt;" * 30)))
        entries.append(
            f"<item><title>{draw(nasty_text)}</title><pubDate>{date}</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    if draw(st.booleans()):
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>' + "".join(entries) + "</channel></rss>"
        ).encode("utf-8", "surrogatepass")
    atom = "".join(
        e.replace("<item>", "<entry>")
        .replace("</item>", "</entry>")
        .replace("pubDate", "updated")
        .replace("description", "content")
        for e in entries
    )
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>' + atom + "</feed>"
    ).encode("utf-8", "surrogatepass")


@fuzz(150)
@given(feed=st.one_of(feeds(), mutated(feeds())), suffix=st.sampled_from([b".rss", b".atom", b".xml"]))
def test_fuzz_feeds(feed, suffix):
    read_batch([(b"feed" + suffix, feed)])


@fuzz(100)
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.tuples(
            st.text(max_size=80), st.sampled_from(["latin-1", "utf-16", "utf-16-be", "utf-32", "cp1252", "shift_jis"])
        ).map(lambda t: t[0].encode(t[1], "replace")),
    ),
    suffix=st.sampled_from(sorted(s.encode() for s in SUPPORTED if s)),
)
def test_fuzz_encodings(raw, suffix):
    read_batch([(b"enc" + suffix, raw)])


names = st.binary(min_size=1, max_size=60).filter(
    lambda b: b"/" not in b and b"\x00" not in b and not b.startswith(b".")
)


@fuzz(100)
@given(
    name=names, suffix=st.sampled_from([b".txt", b".md", b".json"]), content=st.sampled_from([b"{bad", b"Fine text."])
)
def test_fuzz_file_names(name, suffix, content):
    items = read_batch([(name + suffix, content)])
    assert len(items) == 2
