"""Only absolute http(s) links are stored or published."""

from __future__ import annotations

import pytest

from receipts.types import safe_url


@pytest.mark.parametrize("url", ["https://news.example/a?b=1#c", "http://news.example", "HTTPS://News.Example/x"])
def test_safe_url_keeps_absolute_web_links(url):
    assert safe_url(url) == url


def test_safe_url_trims_surrounding_whitespace():
    assert safe_url("  https://news.example/a \n") == "https://news.example/a"


@pytest.mark.issue(21)
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "https://",
        "https://bad host/",
        "http://[::1",
        "http:\\\\evil.example",
        "file:///etc/passwd",
        "",
        None,
    ],
)
def test_safe_url_refuses_everything_else(url):
    assert safe_url(url) is None


@pytest.mark.issue(21)
def test_claimreview_drops_unsafe_links_an_older_store_still_holds():
    from receipts.app.publish import claimreview
    from receipts.config import Settings

    detail = {
        "id": "c_1",
        "text": "40 buses came.",
        "url": "javascript:alert(1)",
        "published": "2026-07-01",
        "title": "Buses",
        "source": "Wire",
        "speaker": None,
        "verdict": {"label": "REFUTED", "created_at": "2026-07-02T00:00:00"},
        "appearances": [
            {"url": "//evil.example/x", "published": None, "source": "B"},
            {"url": "https://news.example/b", "published": "2026-07-03", "source": "C"},
        ],
    }
    review = claimreview(Settings(), detail)
    works = review["itemReviewed"]["appearance"]
    assert "url" not in review["itemReviewed"]["firstAppearance"]
    assert [w.get("url") for w in works] == [None, "https://news.example/b"]


def test_settings_refuse_a_base_url_that_is_not_a_web_link():
    from pydantic import ValidationError

    from receipts.config import Settings

    with pytest.raises(ValidationError, match="RECEIPTS_BASE_URL must be an absolute http"):
        Settings(base_url="javascript:alert(1)")
