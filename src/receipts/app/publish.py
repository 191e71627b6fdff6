"""Publishing: schema.org ClaimReview JSON-LD (with what an editor wrote for it), CSV/JSON exports, and the
HTML story report."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

from sqlalchemy import select

from receipts.app import newsroom, render
from receipts.app.newsroom import MAX_LIMIT, Page, claim, claims
from receipts.app.review import _check_rationale
from receipts.app.services import open_store
from receipts.app.timeline import timeline_svg
from receipts.config import Settings
from receipts.errors import InvalidRequest, NotFound
from receipts.store.models import AuditRow, ClaimReviewEditRow, ClaimRow, UserRow
from receipts.types import safe_url

MAX_SUMMARY = 1000  # characters of claimReviewed
MAX_BODY = 10000  # characters of reviewBody
MAX_SOURCES = 20

# Our four verdicts on a 1-5 scale (5 = true); "not enough info" has no place on it.
RATINGS = {
    "SUPPORTED": (5, "Supported by the record"),
    "DISPUTED": (3, "Disputed"),
    "REFUTED": (1, "Refuted by the record"),
    "NOT_ENOUGH_INFO": (None, "Not enough information"),
}

EXPORT_COLUMNS = (
    "id",
    "published",
    "speaker",
    "source",
    "text",
    "verdict",
    "origin",
    "confidence",
    "reason",
    "reviewer",
    "url",
)


def claim_url(settings: Settings, claim_id: str) -> str:
    return f"{settings.base_url.rstrip('/')}/claims/{claim_id}"


def claimreview(settings: Settings, detail: dict) -> dict:
    """The ClaimReview JSON-LD object for one claim detail (see ``newsroom.claim``).

    :raises ValueError: When the claim has no verdict.
    """
    verdict = detail.get("verdict")
    if not verdict:
        raise ValueError(f"claim {detail['id']} has no verdict to publish")
    value, name = RATINGS[verdict["label"]]
    rating: dict = {"@type": "Rating", "alternateName": name, "bestRating": 5, "worstRating": 1}
    if value is not None:
        rating["ratingValue"] = value
    speaker = detail.get("speaker")
    # Other sites consume this: only absolute http(s) links leave, whatever an older store holds.
    appearances = [
        {"@type": "CreativeWork", "url": safe_url(a["url"]), "datePublished": a["published"], "name": a["source"]}
        for a in detail.get("appearances", [])
        if safe_url(a.get("url"))
    ]
    first = {
        "@type": "CreativeWork",
        "datePublished": detail.get("published"),
        "name": detail.get("title") or detail.get("source"),
    }
    if safe_url(detail.get("url")):
        first["url"] = safe_url(detail.get("url"))
    item: dict = {
        "@type": "Claim",
        "datePublished": detail.get("published"),
        "appearance": [first] + appearances,
        "firstAppearance": first,
    }
    if speaker:
        item["author"] = {"@type": "Person", "name": speaker}
    edit = detail.get("claimreview") or {}
    out = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(settings, detail["id"]),
        "claimReviewed": edit.get("claim_reviewed") or detail["text"],
        "datePublished": verdict["created_at"][:10],
        "author": {"@type": "Organization", "name": settings.publisher, "url": settings.base_url},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if edit.get("review_body"):
        out["reviewBody"] = edit["review_body"]
    citations = [
        {"@type": "CreativeWork", "url": safe_url(src["url"])} | ({"name": src["name"]} if src.get("name") else {})
        for src in edit.get("sources", [])
        if safe_url(src.get("url"))
    ]
    if citations:
        out["citation"] = citations
    return out


def _source(item: object) -> dict:
    """One further source as stored: an absolute http(s) URL and an optional name.

    :raises InvalidRequest: When the URL is not one a reader can safely follow.
    """
    if isinstance(item, str):
        url, _, name = item.strip().partition(" ")
    elif isinstance(item, dict):
        url, name = str(item.get("url") or ""), str(item.get("name") or "")
    else:
        raise InvalidRequest(f"a source is a URL and an optional name, not {type(item).__name__}")
    url, name = url.strip(), " ".join(name.split())
    if not safe_url(url) or "://" not in url:
        raise InvalidRequest(f"source {url[:80]!r}: give an absolute http:// or https:// URL")
    if len(url) > 2000 or len(name) > 300:
        raise InvalidRequest(f"source {url[:80]!r}: keep URLs to 2000 characters and names to 300")
    return {"url": url, "name": name or None}


def edit_claimreview(
    settings: Settings,
    claim_id: str,
    *,
    claim_reviewed: str | None = None,
    review_body: str | None = None,
    sources: list | None = None,
    rationale: str,
    user: str = "cli",
) -> dict:
    """Set what the claim's published ClaimReview says beyond its verdict; audited.

    A field left as None keeps its current value; an empty string clears it (``claimReviewed`` then falls
    back to the claim's own words), and so does an empty list of sources.

    :param claim_reviewed: The claim as summarised for readers (``claimReviewed``).
    :param review_body: The review's text (``reviewBody``).
    :param sources: Further sources (``citation``): ``{"url", "name"}`` dicts, or "URL name" strings.
    :returns: The audit entry, with the edit before and after.
    :raises NotFound: When the claim or the editor is unknown.
    :raises InvalidRequest: When the rationale is empty, a text is too long or a source is no http(s) URL.
    """
    _check_rationale(rationale)
    if claim_reviewed is not None and len(claim_reviewed) > MAX_SUMMARY:
        raise InvalidRequest(f"the summary has {len(claim_reviewed)} characters; keep it to {MAX_SUMMARY}")
    if review_body is not None and len(review_body) > MAX_BODY:
        raise InvalidRequest(f"the review body has {len(review_body)} characters; keep it to {MAX_BODY}")
    if sources is not None and len(sources) > MAX_SOURCES:
        raise InvalidRequest(f"{len(sources)} sources: give at most {MAX_SOURCES}")
    cleaned = None if sources is None else [_source(x) for x in sources]
    with open_store(settings).transaction() as s:
        if user != "cli" and s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
            raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")
        if s.get(ClaimRow, claim_id) is None:
            raise NotFound(f"No claim {claim_id!r}; see 'receipts claims'")
        row = s.get(ClaimReviewEditRow, claim_id)
        before = newsroom.claimreview_edit(row)
        now = datetime.now(timezone.utc)
        if row is None:
            row = ClaimReviewEditRow(claim_id=claim_id, sources=[], editor=user, updated_at=now)
            s.add(row)
        if claim_reviewed is not None:
            row.claim_reviewed = " ".join(claim_reviewed.split()) or None
        if review_body is not None:
            row.review_body = review_body.strip() or None
        if cleaned is not None:
            row.sources = cleaned
        row.editor, row.updated_at = user, now
        after = newsroom.claimreview_edit(row)
        entry = AuditRow(
            at=now,
            user=user,
            entity="claim",
            entity_id=claim_id,
            action="claimreview",
            before=before,
            after=after,
            rationale=rationale.strip(),
        )
        s.add(entry)
        s.flush()
        return {
            "id": entry.id,
            "entity": "claim",
            "entity_id": claim_id,
            "action": "claimreview",
            "before": before,
            "after": after,
            "user": user,
            "rationale": entry.rationale,
        }


def export_claimreviews(settings: Settings, *, reviewed_only: bool = True) -> list[dict]:
    """ClaimReview objects for every claim with a verdict (only editor-reviewed ones by default)."""
    out = []
    offset = 0
    while True:
        page = claims(settings, Page(limit=MAX_LIMIT, offset=offset, origin="human" if reviewed_only else None))
        for item in page["items"]:
            if item["verdict"]:
                out.append(claimreview(settings, claim(settings, item["id"])))
        offset += MAX_LIMIT
        if offset >= page["total"]:
            return out


def _rows(settings: Settings) -> list[dict]:
    rows, offset = [], 0
    while True:
        page = claims(settings, Page(limit=MAX_LIMIT, offset=offset))
        for c in page["items"]:
            v = c["verdict"] or {}
            rows.append(
                {
                    "id": c["id"],
                    "published": c["published"],
                    "speaker": c["speaker"],
                    "source": c["source"],
                    "text": c["text"],
                    "verdict": v.get("label"),
                    "origin": v.get("origin"),
                    "confidence": v.get("confidence"),
                    "reason": v.get("reason"),
                    "reviewer": v.get("reviewer"),
                    "url": claim_url(settings, c["id"]),
                }
            )
        offset += MAX_LIMIT
        if offset >= page["total"]:
            return rows


def export_claims(settings: Settings, fmt: str) -> str:
    """All claims with their verdict in force, as CSV or JSON text."""
    rows = _rows(settings)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def story_documents(settings: Settings, story: int) -> tuple[str, set[str]]:
    """The headline and document ids of story N (1-based, as numbered in ``receipts report``).

    :raises InvalidRequest: When there is no such story.
    """
    store = open_store(settings)
    with store.transaction() as s:
        groups = render.stories(s)
        if not 1 <= story <= len(groups):
            raise InvalidRequest(f"story {story}: the store has {len(groups)} stories (see 'receipts report')")
        docs = groups[story - 1]
        first = docs[0]
        return f"Story {story}: {first.title or first.id} and {len(docs) - 1} more", {d.id for d in docs}


def report_html(settings: Settings, story: int | None = None) -> str:
    """A standalone HTML report (CSS inlined): timeline, claims with verdicts, promises, contradictions.

    :param story: Only this story (numbered as in ``receipts report``); None for everything stored.
    """
    from pathlib import Path

    from jinja2 import Environment, FileSystemLoader, select_autoescape

    web = Path(__file__).resolve().parents[1] / "web"  # the templates and CSS the web UI uses
    env = Environment(loader=FileSystemLoader(web / "templates"), autoescape=select_autoescape(["html"]))
    env.filters["slug"] = lambda s: (s or "").lower().replace(" ", "-").replace("_", "-")
    data = newsroom.dashboard(settings)
    every = newsroom.claims(settings, Page(limit=MAX_LIMIT))["items"]
    items = newsroom.timeline(settings)
    title = "receipts report"
    if story is not None:
        title, ids = story_documents(settings, story)
        every = [c for c in every if c["document_id"] in ids]
        items = [i for i in items if i["document_id"] in ids]
        data["board"] = {st: [p for p in ps if p["document_id"] in ids] for st, ps in data["board"].items()}
        data["contradictions"] = [
            x
            for x in newsroom.contradictions(settings, Page(limit=MAX_LIMIT))["items"]
            if x["a"]["document_id"] in ids or x["b"]["document_id"] in ids
        ]
        data["totals"] = dict(data["totals"], documents=len(ids), claims=len(every))
    return env.get_template("report_file.html").render(
        title=title,
        data=data,
        claims=[c for c in every if c["verdict"]],
        svg=timeline_svg(items),
        css=(web / "static" / "style.css").read_text(encoding="utf-8"),
        base=settings.base_url.rstrip("/"),
        label_text={
            "SUPPORTED": "Supported",
            "REFUTED": "Refuted",
            "DISPUTED": "Disputed",
            "NOT_ENOUGH_INFO": "Not enough info",
        },
    )
