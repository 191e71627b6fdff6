"""Publishing: schema.org ClaimReview JSON-LD, CSV/JSON exports, and the HTML story report."""

from __future__ import annotations

import csv
import io
import json

from receipts.app import newsroom, render
from receipts.app.newsroom import MAX_LIMIT, Page, claim, claims
from receipts.app.services import open_store
from receipts.app.timeline import timeline_svg
from receipts.config import Settings
from receipts.errors import InvalidRequest  # noqa: F401  (re-exported for the CLI)
from receipts.types import safe_url

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
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(settings, detail["id"]),
        "claimReviewed": detail["text"],
        "datePublished": verdict["created_at"][:10],
        "author": {"@type": "Organization", "name": settings.publisher, "url": settings.base_url},
        "reviewRating": rating,
        "itemReviewed": item,
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
