from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest

from receipts.errors import ParseError
from receipts.ingest import IngestFailure, Overrides, content_hash, read_sources, read_text_source
from receipts.types import Article


def _read(*paths, **kw):
    return list(read_sources([str(p) for p in paths], **kw))


def _ok(items):
    return [i for i in items if isinstance(i, Article)]


def _failed(items):
    return [i for i in items if isinstance(i, IngestFailure)]


def test_read_text_source_front_matter():
    art = read_text_source("---\ntitle: T\nsource: Wire\npublished: 2026-06-12\n---\nBody text here.", "a.md")
    assert (art.title, art.source, art.text) == ("T", "Wire", "Body text here.")
    assert art.published == datetime(2026, 6, 12, tzinfo=timezone.utc)


def test_read_text_source_unclosed_front_matter():
    with pytest.raises(ParseError, match="never closed"):
        read_text_source("---\ntitle: T\nBody", "a.md")


def test_content_hash_ignores_cosmetic_differences():
    assert content_hash("He said \u201chello\u201d.\n\nBye") == content_hash('he said  "hello".  bye')


def test_read_sources_folder_of_mixed_formats(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text article.")
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "text": "Json article.",
                "title": "J",
                "source": "S",
                "url": "https://x.example/j",
                "published": "2026-01-02",
            }
        )
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "Line one."}) + "\n" + json.dumps({"text": "Line two."}) + "\n"
    )
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = _read(tmp_path)
    assert not _failed(items)
    assert [a.text for a in _ok(items)] == ["Plain text article.", "Json article.", "Line one.", "Line two."]
    assert _ok(items)[1].url == "https://x.example/j"


def test_read_sources_html_main_text_and_meta(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Headline</title><meta property='og:site_name' content='Harbour Times'>"
        "<meta name='author' content='Jo Writer'><meta property='article:published_time' content='2026-03-04'>"
        "</head><body><nav>Menu Home About</nav><article><h1>Headline</h1>"
        "<p>The council approved the new harbour budget on Tuesday after a long debate among members.</p>"
        "<p>The mayor said the plan would create 300 jobs within two years, according to the council.</p>"
        "</article></body></html>"
    )
    (art,) = _ok(_read(page))
    assert "harbour budget" in art.text and "Menu Home" not in art.text
    assert art.source == "Harbour Times" and art.author == "Jo Writer" and art.published.year == 2026


def test_read_sources_rss_and_atom(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title>
      <item><title>One</title><link>https://v.example/1</link><pubDate>Tue, 02 Jun 2026 10:00:00 GMT</pubDate>
      <description>&lt;p&gt;First story text.&lt;/p&gt;</description></item>
      <item><title>Two</title><link>https://v.example/2</link><description>Second story text.</description></item>
      </channel></rss>""")
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Atom Wire</title><entry><title>A</title><link href="https://a.example/a"/>
      <updated>2026-05-01T00:00:00Z</updated><content type="html">Atom story text.</content></entry></feed>""")
    arts = _ok(_read(rss, atom))
    assert [a.text for a in arts] == ["First story text.", "Second story text.", "Atom story text."]
    assert arts[0].source == "Valley News" and arts[0].published.month == 6 and arts[2].url == "https://a.example/a"


def test_read_sources_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Text from a pipe.")))
    (art,) = _ok(_read("-"))
    assert art.text == "Text from a pipe." and art.origin == "<stdin>"


def test_overrides_replace_file_metadata(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: Old\nsource: Old Wire\n---\nBody.")
    (art,) = _ok(
        _read(f, overrides=Overrides(title="New", source="New Wire", published="2026-02-03", url="https://n.example"))
    )
    assert (art.title, art.source, art.url, art.published.day) == ("New", "New Wire", "https://n.example", 3)


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("bin.txt", b"\x00\x01\x02binary", "binary"),
        ("empty.txt", b"   \n", "empty"),
        ("latin.txt", "caf\u00e9".encode("latin-1"), "UTF-8"),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("notobj.json", b'"just text"', "JSON object"),
        ("notext.json", b'{"title": "no text"}', "text"),
        ("bad.html", b"<html><body><div></div></body></html>", "no main text"),
        ("notfeed.rss", b"<rss><channel></channel></rss>", "feed"),
        ("baddate.md", b"---\npublished: not a date at all\n---\nBody.", "date"),
    ],
)
def test_bad_input_names_file_and_reason(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    (failure,) = _failed(_read(f))
    assert name in str(failure) and reason in str(failure)


def test_bad_input_file_over_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (50 * 1024 * 1024 // 5))  # a 50 MB file
    (failure,) = _failed(_read(big))
    assert "big.txt" in str(failure) and "MB" in str(failure) and "limit" in str(failure)


def test_bad_input_missing_path():
    (failure,) = _failed(_read("/no/such/file.txt"))
    assert "no such file" in str(failure)


def test_batch_continues_past_bad_jsonl_line(tmp_path):
    f = tmp_path / "mix.jsonl"
    f.write_text('{"text": "good one"}\n{broken\n{"text": "good two"}\n')
    items = _read(f)
    assert [a.text for a in _ok(items)] == ["good one", "good two"]
    (failure,) = _failed(items)
    assert "mix.jsonl:2" in str(failure)
