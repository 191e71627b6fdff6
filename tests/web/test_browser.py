"""Browser tests in Chromium (Playwright): the editor's walk and the hostile-article check.

Needs Debian's chromium (``/usr/bin/chromium``, or RECEIPTS_CHROMIUM). Skipped when it is missing,
unless RECEIPTS_REQUIRE_BROWSER=1 (as in CI). Screenshots go to RECEIPTS_SCREENSHOTS (default: the
test's tmp folder).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = os.environ.get("RECEIPTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("RECEIPTS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"chromium not found at {path} and RECEIPTS_REQUIRE_BROWSER=1")
        pytest.skip("chromium is not installed")
    return path


@pytest.fixture
def server(settings):
    import uvicorn

    from receipts.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    path = _chromium()
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("RECEIPTS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_editor_walk_dashboard_claim_evidence_login_override_audit(server, browser, editor, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    assert page.locator("h2", has_text="Latest check-worthy claims").is_visible()
    page.screenshot(path=str(shots / "dashboard.png"), full_page=False)

    page.locator(".totals a.t-refuted").click()
    assert "verdict=REFUTED" in page.url
    page.locator("ol.claims li").filter(has_text="200 have been sent back").locator("a.claim-text").first.click()
    assert "/claims/c_" in page.url
    assert page.locator(".verdict .badge.refuted").is_visible()
    evidence = page.locator("#evidence li")
    assert evidence.count() >= 1 and evidence.first.locator("mark").inner_text()
    page.screenshot(path=str(shots / "claim.png"), full_page=True)

    page.get_by_role("link", name="Log in as an editor").click()
    page.fill("input[name=name]", editor[0])
    page.fill("input[name=password]", editor[1])
    page.get_by_role("button", name="Log in").click()
    assert "/claims/c_" in page.url and page.get_by_text(f"Editor {editor[0]}").is_visible()

    page.select_option("select[name=label]", "DISPUTED")
    page.fill("input[name=rationale]", "The ministry published a second count on June 21.")
    page.get_by_role("button", name="Save review").click()
    assert page.locator(".verdict .badge.disputed").is_visible()
    assert page.locator(".verdict .origin.human").is_visible()
    assert page.locator("#history tr.current", has_text="maria.ed").is_visible()

    page.goto(server + "/audit")
    row = page.locator("table.audit tr", has_text="override")
    assert row.count() == 1 and "REFUTED" in row.inner_text() and "DISPUTED" in row.inner_text()
    page.screenshot(path=str(shots / "audit.png"), full_page=False)
    page.goto(server + "/documents")
    page.get_by_role("link", name="Dravanian delegation skips Panmor handover talks").click()
    speaker = page.locator(".doc-text .q-source", has_text="a senior Ostravian official").first
    assert speaker.is_visible() and "said" in speaker.get_attribute("title")
    assert page.locator("table.quotes tr", has_text="pledged").count() >= 1
    page.screenshot(path=str(shots / "document.png"), full_page=True)
    page.goto(server + "/timeline")
    assert page.locator("svg.timeline circle").count() >= 5
    page.screenshot(path=str(shots / "timeline.png"), full_page=False)
    assert not errors


def test_hostile_article_runs_nothing(server, browser, shots):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/documents?limit=100") as r:
        docs = json.load(r)["items"]
    hostile = next(d for d in docs if "Harbour" in (d["title"] or ""))
    for path in (f"/documents/{hostile['id']}", "/documents", "/search?q=harbour+containers", "/", "/claims", "/report"):
        page.goto(server + path)
        page.mouse.move(200, 300)
        for link in page.locator("a").all()[:80]:
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript:"), (path, href)
        assert page.evaluate("typeof window.__xss") == "undefined", path
    page.goto(server + f"/documents/{hostile['id']}")
    assert page.get_by_text("<script>window.__xss", exact=False).first.is_visible()
    page.screenshot(path=str(shots / "hostile.png"))
    assert not dialogs
