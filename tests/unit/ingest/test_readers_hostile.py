"""Hostile and malformed sources: each is one clear failure naming it, and the rest of the batch is read."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest

from receipts.ingest import IngestFailure, read_sources
from receipts.ingest.readers import ReadLimits, display_path
from receipts.types import Article

GOOD = "The council approved the budget on Tuesday, the mayor said."


def _read(*paths, **kw):
    return list(read_sources([p if isinstance(p, (str, bytes)) else str(p) for p in paths], **kw))


def _ok(items):
    return [i for i in items if isinstance(i, Article)]


def _failed(items):
    return [i for i in items if isinstance(i, IngestFailure)]


def _one_failure(tmp_path, name: str | bytes, content: bytes, **kw) -> str:
    """Write a bad file beside a good one; return the bad one's message after checking the good one was read."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    path = os.path.join(os.fsencode(tmp_path), name if isinstance(name, bytes) else name.encode())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content)
    items = _read(os.fsdecode(path), good, **kw)
    assert [a.text for a in _ok(items)] == [GOOD]
    (failure,) = _failed(items)
    assert "\n" not in str(failure).strip()
    return str(failure)


# The ten inputs of issue 21 that ended the batch with a traceback, each generated here.


@pytest.mark.issue(21)
def test_read_json_lone_surrogate_is_one_failure(tmp_path):
    message = _one_failure(tmp_path, "s.json", b'{"text":"\\ud800"}')
    assert "s.json" in message and "surrogate" in message


@pytest.mark.issue(21)
@pytest.mark.parametrize(
    "name,content",
    [
        ("y1.json", json.dumps({"text": "Old text.", "published": "0001-01-01T00:00:00+05:00"}).encode()),
        ("y1.jsonl", json.dumps({"text": "Old text.", "published": "0001-01-01T00:00:00+05:00"}).encode() + b"\n"),
        ("y1.md", b"---\npublished: 0001-01-01T00:00:00+05:00\n---\nOld text."),
    ],
)
def test_read_year_one_with_an_offset_is_one_failure(tmp_path, name, content):
    message = _one_failure(tmp_path, name, content)
    assert name in message and "out of the range of dates" in message


@pytest.mark.issue(21)
def test_read_front_matter_february_30_is_one_failure(tmp_path):
    message = _one_failure(tmp_path, "feb.md", b"---\npublished: 2026-02-30\n---\nText.")
    assert "feb.md" in message and "'2026-02-30' is not a date" in message


@pytest.mark.issue(21)
def test_read_json_nested_100k_levels_is_one_failure(tmp_path):
    message = _one_failure(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert "deep.json" in message and "nested too deeply" in message


@pytest.mark.issue(21)
def test_read_yaml_nested_5000_levels_is_one_failure(tmp_path):
    message = _one_failure(tmp_path, "deep.md", b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nText.")
    assert "deep.md" in message and "nested more than" in message


@pytest.mark.issue(21)
@pytest.mark.parametrize("year", ["0000", "10000"])
def test_read_rss_pub_date_out_of_range_costs_only_its_entry(tmp_path, year):
    feed = tmp_path / "f.rss"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
      <item><title>Bad</title><pubDate>Sat, 01 Jan {year} 00:00:00 GMT</pubDate>\
<description>Bad date story.</description></item>
      <item><title>Good</title><pubDate>Tue, 02 Jun 2026 10:00:00 GMT</pubDate>\
<description>Good story.</description></item>
      </channel></rss>""")
    items = _read(feed)
    assert [a.text for a in _ok(items)] == ["Good story."]
    (failure,) = _failed(items)
    assert failure.origin.endswith("f.rss#0") and "date" in str(failure)


@pytest.mark.issue(21)
def test_read_file_name_with_a_non_utf8_byte(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as f:
        f.write(b"A story with an odd name.")
    (art,) = _ok(_read(tmp_path))
    assert art.origin.endswith("caf\\xe9.txt")
    art.origin.encode("utf-8")  # printable and storable


@pytest.mark.issue(21)
@pytest.mark.parametrize("name", [b"[/].json", b"[bold]x[/bold].json"])
def test_read_markup_in_a_path_is_kept_in_the_message(tmp_path, name):
    message = _one_failure(tmp_path, name, b"{broken")
    assert os.fsdecode(name) in message


# Files that are not files, and limits that hold.


@pytest.mark.issue(21)
def test_read_refuses_a_character_device():
    started = time.monotonic()
    (failure,) = _failed(_read("/dev/zero"))
    assert "character device, not a regular file" in str(failure) and time.monotonic() - started < 2


@pytest.mark.issue(21)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_read_refuses_a_fifo_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(_read(tmp_path)), daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert [a.text for a in _ok(result)] == [GOOD]
    assert "FIFO (named pipe), not a regular file" in str(_failed(result)[0])


@pytest.mark.issue(21)
@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_read_folder_refuses_a_socket(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "sock.txt"))
        items = _read(tmp_path)
    assert [a.text for a in _ok(items)] == [GOOD]
    (failure,) = _failed(items)
    assert "sock.txt: is a socket, not a regular file" in str(failure)


@pytest.mark.issue(21)
def test_read_followed_symlink_to_a_device_is_still_refused(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    items = _read(tmp_path, follow_symlinks=True)
    assert [a.text for a in _ok(items)] == [GOOD]
    (failure,) = _failed(items)
    assert "zero.txt: is a character device, not a regular file" in str(failure)


@pytest.mark.issue(21)
def test_read_folder_does_not_follow_a_symlink_out_of_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret text outside the folder.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "dir").symlink_to(outside)
    items = _read(folder)
    assert [a.text for a in _ok(items)] == [GOOD]
    assert len(_failed(items)) == 2 and all("not followed (use --follow-symlinks)" in str(f) for f in _failed(items))
    followed = _read(folder, follow_symlinks=True)
    assert sorted(a.text for a in _ok(followed)).count("Secret text outside the folder.") == 2


@pytest.mark.issue(21)
def test_read_folder_follows_a_symlink_that_stays_inside(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert [a.text for a in _ok(_read(tmp_path))] == [GOOD, GOOD]


@pytest.mark.issue(21)
def test_read_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    monkeypatch.setattr(os, "read", lambda *a: pytest.fail("read a file over the limit"))
    (failure,) = _failed(_read(big, limits=ReadLimits(max_bytes=1000)))
    assert "over the 0.001 MB limit (RECEIPTS_MAX_FILE_BYTES)" in str(failure)


@pytest.mark.issue(21)
def test_read_refuses_a_text_over_the_character_limit(tmp_path):
    message = _one_failure(
        tmp_path, "long.json", json.dumps({"text": "word " * 100}).encode(), limits=ReadLimits(max_chars=200)
    )
    assert "long.json: text is 499 characters, over the limit of 200 (RECEIPTS_MAX_DOCUMENT_CHARS)" in message


@pytest.mark.issue(21)
def test_read_empty_json_list_is_one_failure(tmp_path):
    assert "the JSON list is empty" in _one_failure(tmp_path, "empty.json", b"[]")


@pytest.mark.issue(16)
def test_read_front_matter_refuses_a_billion_laughs(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    message = _one_failure(tmp_path, "laughs.md", ("---\n" + laughs + "---\nBody.").encode())
    assert "aliases (*name) are not allowed in front matter" in message


@pytest.mark.issue(16)
def test_read_html_refuses_an_element_with_thousands_of_attributes(tmp_path):
    page = (
        "<html><body><div " + " ".join(f"a{i}='{i}'" for i in range(5000)) + "><p>" + GOOD + "</p></div></body></html>"
    )
    message = _one_failure(tmp_path, "attrs.html", page.encode())
    assert "5,000 attributes, over the limit of 200 (RECEIPTS_MAX_HTML_ATTRIBUTES)" in message


@pytest.mark.issue(16)
def test_read_html_refuses_too_many_elements(tmp_path):
    page = "<html><body>" + "<span>x</span>" * 60 + "</body></html>"
    message = _one_failure(tmp_path, "many.html", page.encode(), limits=ReadLimits(max_html_elements=50))
    assert "more than 50 elements (RECEIPTS_MAX_HTML_ELEMENTS)" in message


def test_display_path_escapes_bytes_that_are_not_utf8():
    assert display_path(os.fsdecode(b"/tmp/caf\xe9.txt")) == "/tmp/caf\\xe9.txt"
