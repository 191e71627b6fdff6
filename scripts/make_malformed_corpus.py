#!/usr/bin/env python3
"""Write a corpus of malformed and hostile inputs for ``receipts ingest``, with a few good files among them.

Every input is generated here, none copied: broken and hostile JSON, JSON lines, YAML front matter,
HTML, RSS and Atom, text in the wrong encoding, odd file names and pathological text (no sentence
end, very many short sentences, runs of ``&``). With ``--special`` the folder also gets a FIFO and
symlinks that lead outside it.

Usage::

    python scripts/make_malformed_corpus.py /tmp/malformed            # about 500 files
    receipts ingest /tmp/malformed --db /tmp/m.db                      # one line per bad file; good ones stored

The tests import :func:`cases` and :func:`good_files` rather than reading a stored corpus.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from pathlib import Path

GOOD_TEXT = (
    "The council approved a budget of $4 million on Tuesday, Mayor Ana Lopez said. "
    '"We will repair every school roof by March," she told reporters.'
)


def good_files(n: int = 8) -> list[tuple[str, bytes]]:
    """Files that must be stored whatever else is in the batch: distinct texts in each format."""
    out = []
    for i in range(n):
        text = f"Story {i}: {GOOD_TEXT} The plan covers {10 + i} schools in district {i}."
        kind = i % 4
        if kind == 0:
            out.append((f"good-{i}.txt", text.encode()))
        elif kind == 1:
            out.append(
                (f"good-{i}.md", f"---\ntitle: Story {i}\npublished: 2026-06-{10 + i:02d}\n---\n{text}".encode())
            )
        elif kind == 2:
            out.append(
                (
                    f"good-{i}.json",
                    json.dumps({"text": text, "title": f"Story {i}", "published": "2026-06-01"}).encode(),
                )
            )
        else:
            out.append((f"good-{i}.jsonl", (json.dumps({"text": text}) + "\n").encode()))
    return out


def _json_cases() -> Iterator[tuple[str, bytes]]:
    valid = json.dumps({"text": GOOD_TEXT, "title": "T", "published": "2026-06-01"})
    for cut in range(1, len(valid), 2):  # truncated at many points
        yield f"json-truncated-{cut}.json", valid[:cut].encode()
    for name, value in [
        ("number", 42),
        ("list", ["a"]),
        ("object", {"a": 1}),
        ("null", None),
        ("true", True),
        ("empty", ""),
        ("blank", "   "),
        ("float", 1.5),
    ]:
        yield f"json-text-{name}.json", json.dumps({"text": value}).encode()
    for field in ("text", "title", "source", "author", "url"):  # lone surrogates, written raw
        yield (
            f"json-surrogate-{field}.json",
            ('{"text": "Fine text here.", "%s": "\\ud800"}' % field).encode()
            if field != "text"
            else b'{"text": "\\ud800"}',
        )
        yield f"json-low-surrogate-{field}.json", ('{"text": "Fine text.", "%s": "a\\udfffb"}' % field).encode()
        yield f"json-nul-{field}.json", ('{"text": "Fine text.", "%s": "a\\u0000b"}' % field).encode()
    for depth in (1_000, 100_000):
        yield f"json-deep-list-{depth}.json", b"[" * depth + b"]" * depth
        yield f"json-deep-object-{depth}.json", b'{"a":' * depth + b"1" + b"}" * depth
        yield f"json-deep-in-text-{depth}.json", b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    yield "json-huge-int.json", b'{"text": "Fine text.", "title": ' + b"9" * 5000 + b"}"
    yield "json-nan.json", b'{"text": "Fine text.", "title": NaN, "published": Infinity}'
    yield "json-empty-list.json", b"[]"
    yield "json-list-of-junk.json", b'[1, "two", null, [], {"text": 5}]'
    yield "json-bom.json", b"\xef\xbb\xbf" + json.dumps({"text": "Text after a byte order mark."}).encode()
    yield "json-utf16.json", json.dumps({"text": "Text in UTF-16."}).encode("utf-16")
    for i, date in enumerate(
        [
            "0001-01-01T00:00:00+05:00",
            "0001-01-01T00:00:00+14:00",
            "0000-01-01",
            "10000-01-01",
            "2026-02-30",
            "2026-13-01",
            "not a date",
            "99999999999999999999",
            "-1",
            "1e308",
            "2026-06-01T25:61:61",
            "\u0661\u0662",
            "x" * 5000,
            "9999-12-31T23:59:59-14:00",
        ]
    ):
        yield f"json-date-{i}.json", json.dumps({"text": f"Dated text {i}.", "published": date}).encode()
    for i, date in enumerate([True, 0, -1, 10**30, [2026, 6, 1], {"y": 2026}, 1.5e300]):
        yield f"json-date-type-{i}.json", json.dumps({"text": f"Typed date {i}.", "published": date}).encode()
    yield "json-big-string.json", json.dumps({"text": "word " * 300_000}).encode()
    yield "json-keys-only.json", json.dumps({str(i): i for i in range(10_000)}).encode()


def _jsonl_cases() -> Iterator[tuple[str, bytes]]:
    yield "jsonl-blank.jsonl", b"\n\n   \n"
    yield "jsonl-mixed.jsonl", b'{"text": "Good line one."}\n{broken\n[]\n"text"\n{"text": "\\ud800"}\n'
    yield "jsonl-deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n"
    yield "jsonl-crlf.jsonl", b'{"text": "Windows line one."}\r\n{"text": "Windows line two."}\r\n'
    yield (
        "jsonl-dates.jsonl",
        "\n".join(
            json.dumps({"text": f"Line {i}.", "published": d})
            for i, d in enumerate(["0001-01-01T00:00:00+05:00", "2026-02-30", "10000-01-01"])
        ).encode(),
    )
    for cut in range(1, 120, 2):
        yield f"jsonl-truncated-{cut}.jsonl", (json.dumps({"text": GOOD_TEXT}) + "\n")[:cut].encode()


def _front_matter_cases() -> Iterator[tuple[str, bytes]]:
    body = "\n---\nBody text of the story.\n"
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    yield "fm-billion-laughs.md", ("---\n" + laughs + body).encode()
    yield "fm-alias.md", ("---\ntitle: &t Title\nsource: *t" + body).encode()
    yield "fm-deep-flow.md", ("---\na: " + "[" * 5000 + "]" * 5000 + body).encode()
    yield "fm-deep-block.md", ("---\n" + "".join(" " * i + "- \n" for i in range(0, 5000, 1))[:200_000] + body).encode()
    yield "fm-deep-map.md", ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(2000)) + body).encode()
    for i, date in enumerate(
        [
            "2026-02-30",
            "0001-01-01T00:00:00+05:00",
            "!!timestamp 2026-02-30",
            "0000-01-01",
            "10000-01-01",
            "[2026, 6, 1]",
            "{y: 2026}",
            "yes",
            "~",
            "2026-06-01 25:00:00",
        ]
    ):
        yield f"fm-date-{i}.md", (f"---\npublished: {date}" + body).encode()
    yield "fm-unclosed.md", b"---\ntitle: T\nBody without a closing line."
    yield "fm-list.md", ("---\n- a\n- b" + body).encode()
    yield "fm-scalar.md", ("---\njust a string" + body).encode()
    yield "fm-python-tag.md", ("---\nx: !!python/object/apply:os.system ['true']" + body).encode()
    yield "fm-unhashable-key.md", ("---\n? [a, b]\n: c" + body).encode()
    yield "fm-tabs.md", ("---\ntitle:\tT\n\tsource: S" + body).encode()
    yield "fm-binary.md", ("---\nx: !!binary aGVsbG8=" + body).encode()
    yield "fm-no-body.md", b"---\ntitle: T\n---\n   \n"
    yield "fm-duplicate-keys.md", ("---\ntitle: A\ntitle: B" + body).encode()
    yield "fm-huge-key.md", ("---\n" + "k" * 100_000 + ": v" + body).encode()
    yield "fm-title-markup.md", ("---\ntitle: '[/] and [bold]not bold[/bold]'" + body).encode()
    for cut in range(4, 70):
        yield f"fm-truncated-{cut}.md", ("---\ntitle: 'A title'\npublished: 2026-06-01" + body)[:cut].encode()


def _html_cases() -> Iterator[tuple[str, bytes]]:
    para = "<p>The council approved the harbour budget on Tuesday after a long debate among its members.</p>"
    yield (
        "html-attributes.html",
        (
            "<html><body><div " + " ".join(f"a{i}='{i}'" for i in range(20_000)) + ">" + para + "</div></body></html>"
        ).encode(),
    )
    yield (
        "html-duplicate-attributes.html",
        ("<html><body><div " + "a='1' " * 20_000 + ">" + para + "</div></body></html>").encode(),
    )
    yield "html-entity-storm.html", ("<html><body><p>" + "&amp;" * 200_000 + "</p>" + para + "</body></html>").encode()
    yield (
        "html-numeric-entities.html",
        ("<html><body><p>" + "&#x41;&#65;&#x10FFFF;&#0;&#xD800;" * 20_000 + "</p></body></html>").encode(),
    )
    yield "html-unknown-entities.html", ("<html><body><p>" + "&nosuchentity;" * 50_000 + "</p></body></html>").encode()
    yield "html-deep.html", ("<html><body>" + "<div>" * 100_000 + para + "</div>" * 100_000 + "</body></html>").encode()
    yield "html-many-elements.html", ("<html><body>" + "<span>x</span>" * 200_000 + "</body></html>").encode()
    yield "html-unclosed.html", ("<html><body>" + "<p>text " * 50_000).encode()
    yield "html-lt-storm.html", ("<html><body><p>" + "<" * 300_000 + "</p></body></html>").encode()
    yield "html-comment-unclosed.html", ("<html><body><!--" + para * 1000).encode()
    yield "html-no-text.html", b"<html><body><script>var x = 1;</script></body></html>"
    yield "html-nul.html", b"<html><body>\x00<p>text</p></body></html>"
    yield "html-not-html.html", b"just text, no markup at all"
    yield (
        "html-date-bad.html",
        (
            "<html><head><meta property='article:published_time' content='0000-00-00'></head><body>"
            + para * 3
            + "</body></html>"
        ).encode(),
    )
    yield (
        "html-huge-attribute.html",
        ("<html><body><div title='" + "x" * 1_000_000 + "'>" + para + "</div></body></html>").encode(),
    )
    yield (
        "html-xxe.html",
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<html><body><p>&e;</p>" + para + "</body></html>"
        ).encode(),
    )
    yield "html-svg-script.html", ("<html><body><svg onload=alert(1)>" + para + "</svg></body></html>").encode()
    for cut in range(10, 200, 4):
        yield (
            f"html-truncated-{cut}.html",
            ("<html><head><title>T</title></head><body>" + para + "</body></html>")[:cut].encode(),
        )


def _feed_cases() -> Iterator[tuple[str, bytes]]:
    def rss(items: str) -> bytes:
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()

    item = "<item><title>{t}</title><pubDate>{d}</pubDate><description>Story text {t}.</description></item>"
    for i, date in enumerate(
        [
            "Sat, 01 Jan 0000 00:00:00 GMT",
            "Sat, 01 Jan 10000 00:00:00 GMT",
            "Mon, 30 Feb 2026 10:00:00 GMT",
            "0001-01-01T00:00:00+05:00",
            "not a date",
            "Tue, 02 Jun 2026 25:61:61 GMT",
            "",
            "-1",
        ]
    ):
        yield (
            f"feed-date-{i}.rss",
            rss(item.format(t=f"d{i}", d=date) + item.format(t=f"ok{i}", d="Tue, 02 Jun 2026 10:00:00 GMT")),
        )
    laughs = (
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    yield (
        "feed-billion-laughs.rss",
        (
            f'<?xml version="1.0"?>{laughs}<rss version="2.0"><channel><title>&i;</title>'
            "<item><title>x</title><description>&i;</description></item></channel></rss>"
        ).encode(),
    )
    yield (
        "feed-xxe.rss",
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><title>W</title><item><description>&e; text</description></item>'
            "</channel></rss>"
        ).encode(),
    )
    yield "feed-no-text.rss", rss("<item><title>Empty</title></item>" + item.format(t="ok", d=""))
    yield "feed-lt-storm.rss", rss("<item><description><![CDATA[" + "<" * 200_000 + "]]></description></item>")
    yield "feed-p-storm.rss", rss("<item><description><![CDATA[" + "<p" * 100_000 + "]]></description></item>")
    yield "feed-many-entries.rss", rss("".join(item.format(t=f"e{i}", d="") for i in range(5_000)))
    yield (
        "feed-deep.rss",
        rss("<item><description>" + "<x>" * 50_000 + "deep" + "</x>" * 50_000 + "</description></item>"),
    )
    yield "feed-entity-storm.rss", rss("<item><description>" + "&amp;amp;" * 100_000 + "</description></item>")
    yield "feed-not-feed.xml", b"<?xml version='1.0'?><note><to>x</to></note>"
    yield "feed-empty.rss", rss("")
    yield (
        "feed-atom-bad-dates.atom",
        (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            "<entry><title>x</title><updated>0000-01-01T00:00:00Z</updated>"
            "<content>Atom text.</content></entry></feed>"
        ).encode(),
    )
    yield "feed-surrogate.rss", rss("<item><description>&#xD800; text</description></item>")
    for cut in range(20, 220, 5):
        yield f"feed-truncated-{cut}.rss", rss(item.format(t="t", d="Tue, 02 Jun 2026 10:00:00 GMT"))[:cut]


def _encoding_cases() -> Iterator[tuple[str, bytes]]:
    text = "Caf\u00e9 owners said the new rules would cost \u20ac2 million, na\u00efvely."
    for enc in ("latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis", "koi8-r"):
        try:
            yield f"enc-{enc}.txt", text.encode(enc)
        except UnicodeEncodeError:
            yield f"enc-{enc}.txt", text.encode(enc, "replace")
    for i, bad in enumerate([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\xfe\xff"]):
        yield f"enc-bad-{i}.txt", b"Good start. " + bad + b" more text."
    yield "enc-nul.txt", b"Text\x00with a NUL."
    yield "enc-nul-late.txt", b"a" * 10_000 + b"\x00"
    yield "enc-bom-only.txt", b"\xef\xbb\xbf"
    yield "enc-empty.txt", b""
    yield "enc-whitespace.txt", b" \n\t\r\n "
    yield "enc-cr-only.txt", b"Old Mac line one.\rLine two.\r"
    yield "enc-controls.txt", bytes(range(1, 32)) + b" text"


def _name_cases() -> Iterator[tuple[bytes, bytes]]:
    body = b"A story whose file name is odd."
    for i, name in enumerate(
        [
            b"bad-\xff-byte.txt",
            b"[/].txt",
            b"[bold]title[/bold].txt",
            b"line\nbreak.txt",
            b"-dash.txt",
            b"spaces in name.txt",
            b"\xe2\x80\xaertl.txt",
            b"percent-%s-%d.txt",
            b"x" * 240 + b".txt",
            b"[red]x[/].md",
            b"back\\slash.txt",
            b"quote'\".txt",
        ]
    ):
        yield name, body + b" Name case " + str(i).encode() + b"."


def _text_cases() -> Iterator[tuple[str, bytes]]:
    yield (
        "text-no-sentence-end.txt",
        ("the minister said that the plan and the budget would " * 18_000)[:900_000].encode(),
    )
    yield (
        "text-no-sentence-end-150k.txt",
        ("the minister said that the plan and the budget would " * 3_000)[:150_000].encode(),
    )
    yield "text-short-sentences.txt", ("Yes. " * 40_000).encode()
    yield "text-amp.txt", ("&" * 20_000).encode()
    yield "text-amp-words.txt", ("AT&T & Co & Sons & " * 1_000).encode()
    yield "text-quotes.txt", ('"' * 20_000).encode()
    yield "text-quote-pairs.txt", ('"He said," she said. ' * 2_000).encode()
    yield "text-parens.txt", ("(" * 10_000 + ")" * 10_000).encode()
    yield "text-numbers.txt", (" ".join(str(i) for i in range(20_000))).encode()
    yield "text-dates.txt", ("On 1 June 2026, by March, within two weeks. " * 1_000).encode()
    yield "text-long-word.txt", ("x" * 200_000).encode()
    yield "text-said.txt", ("said " * 20_000).encode()
    yield "text-newlines.txt", ("\n" * 100_000 + "Text.").encode()
    yield "text-unicode.txt", ("\u202e\u200b\ufeff\U0001f600 " * 10_000).encode()
    yield "text-over-limit.txt", ("Word. " * 50_000).encode()


def cases() -> Iterator[tuple[str | bytes, bytes]]:
    """Every malformed or hostile input: ``(file name, content)``; a bytes name is not UTF-8."""
    for family in (
        _json_cases,
        _jsonl_cases,
        _front_matter_cases,
        _html_cases,
        _feed_cases,
        _encoding_cases,
        _name_cases,
        _text_cases,
    ):
        yield from family()


def write_corpus(folder: Path, *, special: bool = False) -> int:
    """Write every case and the good files into folder; return how many files were written."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, content in [*cases(), *good_files()]:
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
        os.makedirs(os.path.dirname(path), exist_ok=True)  # "[/].txt" is a file in a folder named "["
        with open(path, "wb") as f:
            f.write(content)
        n += 1
    if special and hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
        (folder / "passwd-link.txt").symlink_to("/etc/passwd")
        (folder / "outside-folder").symlink_to("/etc")
        n += 3
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="Where to write the corpus (created if missing).")
    parser.add_argument("--special", action="store_true", help="Add a FIFO and symlinks that lead outside the folder.")
    args = parser.parse_args()
    n = write_corpus(args.folder, special=args.special)
    print(f"wrote {n} files to {args.folder} ({len(good_files())} of them good)")


if __name__ == "__main__":
    main()
