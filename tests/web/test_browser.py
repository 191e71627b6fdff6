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

    page.select_option("select[name=verdict]", "DISPUTED")
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
    for path in (
        f"/documents/{hostile['id']}",
        "/documents",
        "/search?q=harbour+containers",
        "/",
        "/claims",
        "/report",
    ):
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


@pytest.mark.issue(17)
def test_crawl_from_the_dashboard_finds_no_error_console_message_or_sideways_scroll(server, browser):
    """Every page reachable from the dashboard, at a phone's 390 px.

    No 4xx/5xx, no console error, no sideways scroll.
    """
    from crawling import DOWNLOADS, same_site_links

    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems: list[str] = []
    current = {"path": "/"}
    page.on("console", lambda m: m.type == "error" and problems.append(f"{current['path']}: console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{current['path']}: script: {e}"))
    seen: set[str] = set()
    queue = ["/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        current["path"] = path
        if path.startswith(DOWNLOADS) and not path.startswith("/api/docs"):
            status = page.request.get(server + path).status
            if status >= 400:
                problems.append(f"{path}: HTTP {status}")
            continue
        response = page.goto(server + path, wait_until="load")
        if response is None or response.status >= 400:
            problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
            continue
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: {overflow}px wider than the 390px screen")
        if not path.startswith("/api/"):
            queue.extend(p for p in same_site_links(page.content(), path) if p not in seen)
    assert len(seen) > 50 and any(p.startswith("/documents/") for p in seen)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.issue(17)
def test_api_docs_render_the_operations_within_the_csp(server, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/api/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    assert page.locator(".opblock", has_text="/api/claims").count() >= 1
    assert not errors


@pytest.mark.issue(17)
def test_bring_a_story_in_then_review_its_claim(server, browser, editor, shots):
    """The desk's loop: log in, paste a story with its metadata, see what was extracted, review a claim."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/documents")
    page.get_by_role("link", name="Bring a story in").click()
    page.fill("input[name=name]", editor[0])
    page.fill("input[name=password]", editor[1])
    page.get_by_role("button", name="Log in").click()
    assert page.url.endswith("/documents/new")
    page.fill(
        "textarea[name=text]",
        "VELMAR — Transport minister Ada Brenn said on Monday that 40 new buses had "
        'been delivered to the city. "We will open the new depot by June 30," Brenn '
        "said. Officials said 12 of the buses were still missing.",
    )
    page.fill("input[name=title]", "Velmar buses arrive, some missing")
    page.fill("input[name=source]", "Velmar Courier")
    page.fill("input[name=published]", "2026-11-23")
    page.fill("input[name=author]", "Ana Veld")
    page.screenshot(path=str(shots / "bring-in-form.png"), full_page=True)
    page.get_by_role("button", name="Bring it in").click()
    assert "/documents/d_" in page.url and "added=1" in page.url
    assert page.locator(".notice", has_text="Stored as").is_visible()
    assert page.locator(".doc-text .q-source", has_text="Brenn").first.is_visible()
    claims = page.locator("ul.doc-claims li")
    assert claims.count() >= 1 and claims.first.locator(".badge").is_visible()
    page.screenshot(path=str(shots / "bring-in-extracted.png"), full_page=True)
    claims.first.locator("a").click()
    assert "/claims/c_" in page.url
    page.select_option("select[name=verdict]", "SUPPORTED")
    page.fill("input[name=rationale]", "The transport ministry's delivery log lists 40 buses.")
    page.get_by_role("button", name="Save review").click()
    assert (
        page.locator(".verdict .badge.supported").is_visible() and page.locator(".verdict .origin.human").is_visible()
    )
    page.screenshot(path=str(shots / "bring-in-reviewed.png"), full_page=True)
    # publish: the ClaimReview's summary, review text and a further source, written on the claim page
    assert page.locator("input[name=claim_reviewed]").is_visible()  # open once an editor has set the verdict
    page.fill("input[name=claim_reviewed]", "Velmar has received 40 new buses, the transport minister said.")
    page.fill("textarea[name=review_body]", "The ministry's delivery log lists 40 buses received in November.")
    page.fill("textarea[name=sources]", "https://transport.velmar.example/deliveries Delivery log, November")
    page.fill("#claimreview input[name=rationale]", "A summary readers can scan, with the log we checked.")
    page.get_by_role("button", name="Save ClaimReview").click()
    assert "/claims/c_" in page.url
    published = page.locator("dl.claimreview")
    assert published.get_by_text("Velmar has received 40 new buses").is_visible()
    assert published.get_by_role("link", name="Delivery log, November").is_visible()
    ld = page.locator("script[type='application/ld+json']").text_content()
    assert '"reviewBody": "The ministry' in ld and '"claimReviewed": "Velmar has received 40 new buses' in ld
    page.locator("#claimreview").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "bring-in-published.png"), full_page=True)
    page.goto(server + "/review?outlet=Velmar+Courier")
    queue = page.locator("ol.queue > li")
    assert queue.count() >= 1 and page.locator("ol.queue .badge").first.is_visible()
    queue.first.locator("input[name=rationale]").fill("Not a checkable claim: a description of the scene.")
    with page.expect_navigation():  # the form posts and is sent back to the queue: shoot the page it lands on
        queue.first.get_by_role("button", name="Dismiss").click()
    page.wait_for_load_state("load")
    assert "/review" in page.url
    page.screenshot(path=str(shots / "review-queue.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})  # the editor's forms fit a phone too
    for path in ("/documents/new", "/contradictions", "/review"):
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, path
    page.screenshot(path=str(shots / "review-queue-phone.png"), full_page=False)
    assert not errors


def test_a_long_speaker_wraps_in_the_quote_table_at_desktop_width(server, browser, settings, shots):
    """Real news: "dozens of papers ranging from such expected backers as The New York Times to ..." as
    one speaker kept the document page's speaker column on one line, 1,654 px wide."""
    import sqlite3

    db = settings.database_url.removeprefix("sqlite:///")
    speaker = (
        "dozens of papers ranging from such expected backers as The New York Times to such "
        "once-certain Republican advocates as The Dallas Morning News and the Arizona Republic"
    )
    with sqlite3.connect(db) as conn:
        doc_id, start, end = conn.execute('SELECT document_id, start, "end" FROM quotes LIMIT 1').fetchone()
        conn.execute(
            'INSERT INTO quotes (id, document_id, start, "end", method, direct, fragments, speaker_name, '
            "speaker_kind, speaker_via, statement) VALUES ('q_longspeaker', ?, ?, ?, 'm', 0, '[]', ?, "
            "'unknown', 'description', 1)",
            (doc_id, start, end, speaker),
        )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/documents/{doc_id}")
    assert page.get_by_text("once-certain Republican advocates").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.locator("table.quotes").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "document-long-speaker.png"))
