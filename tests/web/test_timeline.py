"""The timeline's SVG colours and its legend."""

from __future__ import annotations

import pytest

from receipts.app.timeline import COLORS, LEGEND, OTHER, _color


@pytest.mark.issue(17)
def test_timeline_legend_explains_every_colour_it_draws():
    explained = {color for _, _, color in LEGEND}
    assert set(COLORS.values()) | {OTHER} <= explained
    assert _color({"kind": "event", "status": "unknown"}) in explained


def test_timeline_page_shows_the_legend(client):
    html = client.get("/timeline").text
    assert all(name in html for name, _, _ in LEGEND) and 'class="dot dark"' in html


@pytest.mark.issue(17)
def test_a_meeting_weeks_after_the_geneva_summit_is_not_dated_before_it(settings):
    """The Panmor story says "weeks after the Geneva summit" without the date; the record holds it (June 12)."""
    from receipts.app import newsroom

    [meeting] = [
        i
        for i in newsroom.timeline(settings)
        if i["label"] == "meeting scheduled" and "scheduled weeks after" in i["text"]
    ]
    assert "2026-06-12" < meeting["date"] <= "2026-07-03"
