"""Every page reachable from the dashboard answers 200 (the fast crawl; the Chromium one is in test_browser.py)."""

from __future__ import annotations

import pytest
from crawling import crawl, same_site_links


def test_same_site_links_keeps_paths_and_drops_other_sites_and_fragments():
    html = (
        '<a href="/claims?verdict=REFUTED#top">a</a><a href="https://elsewhere.example/">b</a>'
        '<a href="javascript:alert(1)">c</a><a href="c_1">d</a><a href="/claims?verdict=REFUTED">e</a>'
    )
    assert same_site_links(html, "/claims/") == ["/claims?verdict=REFUTED", "/claims/c_1"]


@pytest.mark.issue(17)
def test_every_page_linked_from_the_dashboard_answers_200(client):
    def fetch(path: str) -> tuple[int, str, str]:
        r = client.get(path)
        return r.status_code, r.headers.get("content-type", ""), r.text

    visited = crawl(fetch)
    broken = {path: status for path, status in visited.items() if status != 200}
    assert not broken
    documents = [p for p in visited if p.startswith("/documents/")]
    assert len(documents) >= 10  # every demo source page, the hostile one and the odd one
    assert any(p.startswith("/actors/") for p in visited) and any(p.startswith("/promises/") for p in visited)
