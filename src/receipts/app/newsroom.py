"""Read models for the newsroom surface (REST API and web UI): filtered, paginated dicts.

Every function opens the store, reads, and returns plain data; nothing here writes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from sqlalchemy import func, or_, select

from receipts.app import render
from receipts.app.eventlines import anchored, held_dates
from receipts.app.pledges import tracked_promises
from receipts.app.queries import search as hybrid
from receipts.app.review import audit_log
from receipts.app.services import open_store
from receipts.app.verification import list_contradictions
from receipts.config import Settings
from receipts.errors import InvalidRequest, NotFound
from receipts.store import repo
from receipts.store.models import (
    ActorRow,
    AuditRow,
    ClaimMatchRow,
    ClaimReviewEditRow,
    ClaimRow,
    CommitmentRow,
    DocumentRow,
    EventRow,
    MentionRow,
    QuoteRow,
    ReviewStateRow,
    SourceRow,
    VerdictRow,
)
from receipts.verify.promises import STATUSES
from receipts.verify.rules import read_lead
from receipts.verify.verifier import LABELS

MAX_LIMIT = 500
MAX_OFFSET = 10**9  # far past any store; bigger numbers would overflow the database's integers
MAX_ID = 2**62
# A claim's page lists its newest verdicts and audit entries, with their totals: every review and every
# verify run adds one, and a page that grew with them made each read of a busy claim slower (#21). The
# audit log (/api/audit?entity_id=...) keeps them all.
HISTORY_SHOWN = 20


@dataclass(frozen=True)
class Page:
    """Which slice of a list to return, and how to filter it."""

    limit: int = 50
    offset: int = 0
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None
    verdict: str | None = None
    origin: str | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidRequest(f"limit must be between 1 and {MAX_LIMIT}")
        if not 0 <= self.offset <= MAX_OFFSET:
            raise InvalidRequest(f"offset must be between 0 and {MAX_OFFSET}")
        if self.verdict and self.verdict not in LABELS:
            raise InvalidRequest(f"verdict must be one of {', '.join(LABELS)}")
        if self.status and self.status not in STATUSES:
            raise InvalidRequest(f"status must be one of {', '.join(STATUSES)}")
        if self.origin and self.origin not in ("machine", "human"):
            raise InvalidRequest("origin must be machine or human")


def _bounds(stmt, page: Page):
    if page.since:
        stmt = stmt.where(DocumentRow.published >= datetime.combine(page.since, time.min, tzinfo=timezone.utc))
    if page.until:
        stmt = stmt.where(DocumentRow.published <= datetime.combine(page.until, time.max, tzinfo=timezone.utc))
    return stmt


def _listing(s, stmt, page: Page) -> tuple[list, int]:
    total = s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    return list(s.execute(stmt.limit(page.limit).offset(page.offset)).all()), total


def _envelope(items: list, total: int, page: Page) -> dict:
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _verdict(v: VerdictRow | None) -> dict | None:
    if v is None:
        return None
    return {
        "id": v.id,
        "label": v.label,
        "confidence": round(v.confidence, 3),
        "reason": v.reason,
        # the label a rule suggests but may not settle (a lead for review), else None
        "lead": (read_lead(v.reason) or (None,))[0],
        "evidence": v.evidence,
        "method": v.method,
        "version": v.version,
        "origin": v.origin,
        "reviewer": v.reviewer,
        "rationale": v.rationale,
        "created_at": v.created_at.isoformat(),
    }


def _claim(c: ClaimRow, d: DocumentRow, v: VerdictRow | None) -> dict:
    return {
        "id": c.id,
        "text": c.text,
        "score": round(c.score, 3),
        "claim_type": c.claim_type,
        "speaker": c.speaker_name,
        "speaker_actor_id": c.speaker_actor_id,
        "document_id": d.id,
        "title": d.title,
        "source": d.source.name if d.source else None,
        "url": d.url,
        "published": _day(d.published),
        "start": c.start,
        "end": c.end,
        "verdict": _verdict(v),
    }


# -- lists ------------------------------------------------------------------------------------------


def documents(settings: Settings, page: Page) -> dict:
    store = open_store(settings)
    with store.transaction() as s:
        stmt = _bounds(select(DocumentRow), page)
        if page.q:
            stmt = stmt.where(func.lower(DocumentRow.title).contains(page.q.lower(), autoescape=True))
        if page.actor:
            stmt = stmt.outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id).where(
                func.lower(SourceRow.name).contains(page.actor.lower(), autoescape=True)
            )
        rows, total = _listing(s, stmt.order_by(DocumentRow.published.desc(), DocumentRow.id), page)
        return _envelope([render.doc_meta(d) | {"words": d.words} for (d,) in rows], total, page)


def document(settings: Settings, doc_id: str) -> dict:
    store = open_store(settings)
    with store.transaction() as s:
        d = repo.get_document(s, doc_id)
        out = render.document_json(s, doc_id)
        out["text"] = d.text
        current = s.execute(
            select(VerdictRow)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .where(ClaimRow.document_id == doc_id, VerdictRow.current.is_(True))
        )
        out["verdicts"] = {v.claim_id: _verdict(v) for (v,) in current}
        return out


def actors(settings: Settings, page: Page) -> dict:
    store = open_store(settings)
    with store.transaction() as s:
        stmt = (
            select(ActorRow, func.count(MentionRow.id))
            .outerjoin(MentionRow, MentionRow.actor_id == ActorRow.id)
            .group_by(ActorRow.id)
        )
        if page.actor or page.q:
            stmt = stmt.where(func.lower(ActorRow.name).contains((page.actor or page.q).lower(), autoescape=True))
        stmt = stmt.having(
            func.count(MentionRow.id) > 0
        )  # an alias-table entry never mentioned is no actor of the record
        rows, total = _listing(s, stmt.order_by(func.count(MentionRow.id).desc(), ActorRow.name), page)
        return _envelope(
            [
                {"id": a.id, "name": a.name, "kind": a.kind, "mentions": n, "aliases": render.alias_names(a)}
                for a, n in rows
            ],
            total,
            page,
        )


def quotes(settings: Settings, page: Page, *, topics: bool = False) -> dict:
    """Quotes, newest document first: attributions that report a statement, and with ``topics`` also those
    whose content names only a topic ("discussed [the strategy]")."""
    store = open_store(settings)
    with store.transaction() as s:
        stmt = _bounds(select(QuoteRow, DocumentRow).join(DocumentRow, DocumentRow.id == QuoteRow.document_id), page)
        if not topics:
            stmt = stmt.where(QuoteRow.statement.is_(True))
        if page.actor:
            stmt = stmt.where(func.lower(QuoteRow.speaker_name).contains(page.actor.lower(), autoescape=True))
        if page.q:
            stmt = stmt.where(func.lower(QuoteRow.text).contains(page.q.lower(), autoescape=True))
        rows, total = _listing(
            s, stmt.order_by(DocumentRow.published.desc(), QuoteRow.document_id, QuoteRow.start), page
        )
        items = [
            render.quote_json(q) | {"published": _day(d.published), "source": d.source.name if d.source else None}
            for q, d in rows
        ]
        return _envelope(items, total, page)


def claims(settings: Settings, page: Page) -> dict:
    """Check-worthy claims with the verdict in force, newest document first."""
    store = open_store(settings)
    with store.transaction() as s:
        stmt = (
            select(ClaimRow, DocumentRow, VerdictRow)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .outerjoin(VerdictRow, (VerdictRow.claim_id == ClaimRow.id) & VerdictRow.current.is_(True))
        )
        stmt = _bounds(stmt, page)
        if page.actor:
            stmt = stmt.where(func.lower(ClaimRow.speaker_name).contains(page.actor.lower(), autoescape=True))
        if page.q:
            stmt = stmt.where(func.lower(ClaimRow.text).contains(page.q.lower(), autoescape=True))
        if page.verdict:
            stmt = stmt.where(VerdictRow.label == page.verdict)
        if page.origin:
            stmt = stmt.where(VerdictRow.origin == page.origin)
        rows, total = _listing(
            s, stmt.order_by(DocumentRow.published.desc(), ClaimRow.document_id, ClaimRow.start), page
        )
        return _envelope([_claim(c, d, v) for c, d, v in rows], total, page)


def verdicts(settings: Settings, page: Page) -> dict:
    store = open_store(settings)
    with store.transaction() as s:
        stmt = (
            select(VerdictRow, ClaimRow, DocumentRow)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(VerdictRow.current.is_(True))
        )
        stmt = _bounds(stmt, page)
        if page.verdict:
            stmt = stmt.where(VerdictRow.label == page.verdict)
        if page.origin:
            stmt = stmt.where(VerdictRow.origin == page.origin)
        if page.actor:
            stmt = stmt.where(func.lower(ClaimRow.speaker_name).contains(page.actor.lower(), autoescape=True))
        rows, total = _listing(s, stmt.order_by(VerdictRow.id), page)
        return _envelope(
            [
                _verdict(v)
                | {"claim_id": c.id, "claim": c.text, "speaker": c.speaker_name, "published": _day(d.published)}
                for v, c, d in rows
            ],
            total,
            page,
        )


def contradictions(settings: Settings, page: Page, *, state: str | None = None) -> dict:
    """Contradictions, strongest first, each listed once, with the editors' state (open, confirmed, dismissed).

    :param state: Only contradictions in this state.
    """
    rows = merge_contradictions(list_contradictions(settings))
    docs = {r[k]["document_id"] for r in rows for k in ("a", "b")}
    with open_store(settings).transaction() as s:
        decided = {
            r.entity_id: r for r in s.scalars(select(ReviewStateRow).where(ReviewStateRow.entity == "contradiction"))
        }
        claims_in = defaultdict(list)
        for c_id, doc_id, c_start, c_end in s.execute(
            select(ClaimRow.id, ClaimRow.document_id, ClaimRow.start, ClaimRow.end).where(
                ClaimRow.document_id.in_(docs)
            )
        ):
            claims_in[doc_id].append((c_start, c_end, c_id))
    for r in rows:
        for k in ("a", "b"):  # the claim a side states, for a link to its page
            side = r[k]
            side["claim_id"] = next(
                (
                    c_id
                    for c_start, c_end, c_id in sorted(claims_in[side["document_id"]])
                    if c_start < side["end"] and side["start"] < c_end
                ),
                None,
            )
        d = decided.get(r["id"])
        r["state"] = d.state if d else "open"
        r["state_rationale"], r["state_reviewer"] = (d.rationale, d.reviewer) if d else (None, None)
    if state:
        rows = [r for r in rows if r["state"] == state]
    if page.actor:
        needle = page.actor.lower()
        rows = [r for r in rows if any(needle in (r[k]["speaker"] or r[k]["source"] or "").lower() for k in ("a", "b"))]
    if page.since or page.until:
        lo, hi = (page.since or date.min).isoformat(), (page.until or date.max).isoformat()
        rows = [r for r in rows if any(r[k]["published"] and lo <= r[k]["published"] <= hi for k in ("a", "b"))]
    return _envelope(rows[page.offset : page.offset + page.limit], len(rows), page)


def _shared_statement(row: dict, other: dict) -> tuple[str, str] | None:
    """When ``row`` and ``other`` hold one statement against the same document, the sides (in ``row``, in
    ``other``) that come from that document."""
    for mine, theirs in (("a", "b"), ("b", "a")):
        for other_mine, other_theirs in (("a", "b"), ("b", "a")):
            if (
                row[mine]["sentence_id"] == other[other_mine]["sentence_id"]
                and row[theirs]["document_id"] == other[other_theirs]["document_id"]
            ):
                return theirs, other_theirs
    return None


def merge_contradictions(rows: list[dict]) -> list[dict]:
    """List a contradiction once: when one statement is contradicted by several sentences of the same
    document, keep the strongest pair and give the others as ``also`` on that side.

    :param rows: Contradictions, strongest first, each with sides ``a`` and ``b``.
    :returns: The merged list, in the same order.
    """
    kept: list[dict] = []
    for row in rows:
        for other in kept:
            shared = _shared_statement(row, other)
            if shared is not None:
                side, kept_side = shared
                if row[side]["sentence_id"] != other[kept_side]["sentence_id"]:
                    other[kept_side].setdefault("also", []).append(row[side])
                break
        else:
            kept.append({**row, "a": dict(row["a"]), "b": dict(row["b"])})
    return kept


def promises(settings: Settings, page: Page) -> dict:
    """Promises and agreements, one per pledge (repeated reports merged, see ``pledges``), oldest first."""
    rows = tracked_promises(settings)
    if page.status:
        rows = [r for r in rows if r["status"] == page.status]
    if page.actor:
        rows = [r for r in rows if page.actor.lower() in (r["actor"] or "").lower()]
    if page.since:
        rows = [r for r in rows if r["made_on"] and r["made_on"] >= page.since.isoformat()]
    if page.until:
        rows = [r for r in rows if r["made_on"] and r["made_on"] <= page.until.isoformat()]
    for r in rows:
        r["origin"] = _promise_origin(r)
        r["overdue"] = is_overdue(r)
    return _envelope(rows[page.offset : page.offset + page.limit], len(rows), page)


SETTLED = ("kept", "broken")  # a promise with one of these statuses is no longer waiting on its deadline


def is_overdue(promise: dict, today: date | None = None) -> bool:
    """Whether a promise's deadline has passed (against today's date) while it is still open.

    :param promise: A row with ``deadline`` (ISO date or None) and ``status``.
    :param today: The date to check against (default: today, UTC).
    """
    deadline = promise.get("deadline")
    if not deadline or promise.get("status") in SETTLED:
        return False
    today = today or datetime.now(timezone.utc).date()
    return str(deadline)[:10] < today.isoformat()


def _promise_origin(r: dict) -> str:
    return "human" if any(st["origin"] == "human" for st in r["timeline"]) else "machine"


def promise(settings: Settings, promise_id: str) -> dict:
    """One tracked pledge, found by the id of any of its reports, with every appearance and its audit."""
    for r in tracked_promises(settings):
        if promise_id in r["ids"]:
            promise_id = r["id"]
            store = open_store(settings)
            with store.transaction() as s:
                p = s.get(CommitmentRow, promise_id)
                d = s.get(DocumentRow, p.document_id)
                r["text"] = p.text
                r["context"] = render.sentence_around(d.text, p.start, p.end)
                r["document"] = render.doc_meta(d)
            r["origin"] = _promise_origin(r)
            r["overdue"] = is_overdue(r)
            r["audit"] = [a for pid in r["ids"] for a in audit(settings, pid)]
            r["audit"].sort(key=lambda a: a["at"], reverse=True)
            return r
    raise NotFound(f"No promise {promise_id!r}; see 'receipts promises'")


# -- detail pages ---------------------------------------------------------------------------------------


def _evidence_context(s, ev: dict) -> dict:
    """Put an evidence span inside its paragraph, with the span's offsets there for highlighting."""
    out = dict(ev)
    d = s.get(DocumentRow, ev.get("document_id")) if ev.get("document_id") else None
    if d is not None and ev.get("start") is not None and ev.get("end") is not None and ev["end"] <= len(d.text):
        text, a, b = render.sentence_around(d.text, ev["start"], ev["end"])
        out["sentence"], out["highlight"] = text, [a, b]
    else:
        out["sentence"] = ev.get("text", "")
        out["highlight"] = [0, len(out["sentence"])]
    return out


def claim(settings: Settings, claim_id: str) -> dict:
    """One claim in its sentence, with its verdict, evidence, repeats and review history.

    ``history`` and ``audit`` hold the newest :data:`HISTORY_SHOWN` entries (history oldest first,
    audit newest first); ``history_total`` and ``audit_total`` count them all.
    """
    store = open_store(settings)
    with store.transaction() as s:
        c = s.get(ClaimRow, claim_id)
        if c is None:
            raise NotFound(f"No claim {claim_id!r}; see 'receipts claims'")
        d = s.get(DocumentRow, c.document_id)
        mine = VerdictRow.claim_id == claim_id
        newest = s.scalars(select(VerdictRow).where(mine).order_by(VerdictRow.id.desc()).limit(HISTORY_SHOWN))
        history = list(newest)[::-1]
        # the verdict in force may be older than the shown history (a human one, kept through verify runs)
        current = next((v for v in reversed(history) if v.current), None) or s.scalar(
            select(VerdictRow).where(mine, VerdictRow.current.is_(True)).order_by(VerdictRow.id.desc()).limit(1)
        )
        out = _claim(c, d, current)
        out["context"] = render.sentence_around(d.text, c.start, c.end)
        out["canonical"] = c.canonical
        out["author"] = d.author
        out["evidence"] = [_evidence_context(s, ev) for ev in (current.evidence if current else [])]
        for ev in out["evidence"]:
            ed = s.get(DocumentRow, ev.get("document_id")) if ev.get("document_id") else None
            ev["title"] = ed.title if ed else None
            ev["url"] = ed.url if ed else None
        out["history"] = [_verdict(v) | {"current": v.current} for v in history]
        out["history_total"] = (
            len(history)
            if len(history) < HISTORY_SHOWN
            else s.scalar(select(func.count()).select_from(VerdictRow).where(mine))
        )
        out["audit_total"] = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.entity_id == claim_id))
        repeats = []
        for m in s.scalars(
            select(ClaimMatchRow).where(or_(ClaimMatchRow.claim_id == claim_id, ClaimMatchRow.match_id == claim_id))
        ):
            other = s.get(ClaimRow, m.match_id if m.claim_id == claim_id else m.claim_id)
            od = s.get(DocumentRow, other.document_id)
            repeats.append(
                {
                    "claim_id": other.id,
                    "text": other.text,
                    "speaker": other.speaker_name,
                    "source": od.source.name if od.source else None,
                    "published": _day(od.published),
                    "url": od.url,
                    "similarity": m.similarity,
                    "level": m.level,
                }
            )
        out["appearances"] = sorted(repeats, key=lambda r: r["published"] or "")
        out["claimreview"] = claimreview_edit(s.get(ClaimReviewEditRow, claim_id))
    out["audit"] = audit(settings, claim_id, limit=HISTORY_SHOWN)
    return out


def claimreview_edit(row: ClaimReviewEditRow | None) -> dict | None:
    """What an editor wrote for a claim's ClaimReview (summary, body, further sources), or None."""
    if row is None:
        return None
    return {
        "claim_reviewed": row.claim_reviewed,
        "review_body": row.review_body,
        "sources": list(row.sources or []),
        "editor": row.editor,
        "updated_at": row.updated_at.isoformat() if row.updated_at else None,
    }


def actor(settings: Settings, actor_id: int) -> dict:
    """An actor's quotes, claims, promises and record."""
    store = open_store(settings)
    with store.transaction() as s:
        a = s.get(ActorRow, actor_id)
        if a is None:
            raise NotFound(f"No actor {actor_id!r}; see 'receipts actors'")
        qs = s.execute(
            select(QuoteRow, DocumentRow)
            .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
            .where(QuoteRow.speaker_actor_id == actor_id)
            .order_by(DocumentRow.published.desc())
        ).all()
        cs = s.execute(
            select(ClaimRow, DocumentRow, VerdictRow)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .outerjoin(VerdictRow, (VerdictRow.claim_id == ClaimRow.id) & VerdictRow.current.is_(True))
            .where(ClaimRow.speaker_actor_id == actor_id)
            .order_by(DocumentRow.published.desc())
        ).all()
        mentions = s.scalar(select(func.count(MentionRow.id)).where(MentionRow.actor_id == actor_id)) or 0
        out = {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": render.alias_names(a),
            "mentions": mentions,
            "quotes": [
                render.quote_json(q) | {"published": _day(d.published), "source": d.source.name if d.source else None}
                for q, d in qs
            ],
            "claims": [_claim(c, d, v) for c, d, v in cs],
        }
    record = Counter(c["verdict"]["label"] for c in out["claims"] if c["verdict"])
    out["record"] = {label: record.get(label, 0) for label in LABELS}
    out["record"]["unrated"] = sum(1 for c in out["claims"] if not c["verdict"])
    names = {out["name"].lower(), *(x.lower() for x in out["aliases"])}
    out["promises"] = [
        p for p in promises(settings, Page(limit=MAX_LIMIT))["items"] if (p["actor"] or "").lower() in names
    ]
    return out


def audit(settings: Settings, entity_id: str | None = None, limit: int = 200) -> list[dict]:
    return audit_log(settings, entity_id=entity_id, limit=limit)


def search(settings: Settings, text: str, k: int = 20) -> list[dict]:
    if not text.strip():
        return []
    return hybrid(settings, text, k=k)


def search_page(settings: Settings, text: str, page: Page) -> dict:
    """One page of the sentences relevant to ``text``, best first, with how many there are in all.

    ``total`` counts relevant sentences among the best :data:`MAX_LIMIT`; a query unrelated to the record
    has none.
    """
    hits = search(settings, text, k=MAX_LIMIT)
    return _envelope(hits[page.offset : page.offset + page.limit], len(hits), page) | {"query": text}


def audit_page(settings: Settings, page: Page, entity_id: str | None = None) -> dict:
    """One page of the audit log, newest first, with the number of entries."""
    store = open_store(settings)
    with store.transaction() as s:
        stmt = select(func.count(AuditRow.id))
        total = s.scalar(stmt.where(AuditRow.entity_id == entity_id) if entity_id else stmt) or 0
    return _envelope(audit_log(settings, entity_id=entity_id, limit=page.limit, offset=page.offset), total, page)


# -- dashboard and timeline ---------------------------------------------------------------------------


def dashboard(settings: Settings) -> dict:
    """Latest claims with verdicts, open contradictions, the promise board and counts over time."""
    latest = claims(settings, Page(limit=12))
    board: dict[str, list] = {status: [] for status in STATUSES}
    for p in promises(settings, Page(limit=MAX_LIMIT))["items"]:
        board[p["status"]].append(p)
    store = open_store(settings)
    with store.transaction() as s:
        per_month: dict[str, Counter] = defaultdict(Counter)
        for (published,) in s.execute(select(DocumentRow.published)):
            if published:
                per_month[published.strftime("%Y-%m")]["documents"] += 1
        for (published,) in s.execute(
            select(DocumentRow.published).join(ClaimRow, ClaimRow.document_id == DocumentRow.id)
        ):
            if published:
                per_month[published.strftime("%Y-%m")]["claims"] += 1
        labels = Counter(label for (label,) in s.execute(select(VerdictRow.label).where(VerdictRow.current.is_(True))))
        totals = repo.counts(s)
        reviewed = s.scalar(select(func.count(AuditRow.id)).where(AuditRow.entity.in_(("claim", "promise")))) or 0
        dismissed = select(ReviewStateRow.entity_id).where(ReviewStateRow.entity == "claim")
        to_review = (
            s.scalar(
                select(func.count(VerdictRow.id)).where(
                    VerdictRow.current.is_(True), VerdictRow.origin == "machine", VerdictRow.claim_id.not_in(dismissed)
                )
            )
            or 0
        )
    return {
        "latest": latest["items"],
        "contradictions": contradictions(settings, Page(limit=6))["items"],
        "board": board,
        "per_month": [{"month": m, **per_month[m]} for m in sorted(per_month)],
        "verdict_counts": {label: labels.get(label, 0) for label in LABELS},
        "totals": totals,
        "reviews": reviewed,
        "to_review": to_review,
    }


def timeline(settings: Settings) -> list[dict]:
    """Dated items for the story timeline: events, claims (with verdicts) and promise steps."""
    store = open_store(settings)
    items: list[dict] = []
    with store.transaction() as s:
        rows = s.execute(select(EventRow, DocumentRow).join(DocumentRow, DocumentRow.id == EventRow.document_id)).all()
        held = held_dates(e for e, _ in rows)
        for e, d in rows:
            when = anchored(e, d.published.date() if d.published else None, held)[0] or (
                d.published.date() if d.published else None
            )
            if when:
                items.append(
                    {
                        "date": when.isoformat(),
                        "kind": "event",
                        "label": f"{e.type} {e.status}",
                        "text": e.text,
                        "id": e.id,
                        "document_id": d.id,
                        "status": e.status,
                    }
                )
        for c, d, v in s.execute(
            select(ClaimRow, DocumentRow, VerdictRow)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .outerjoin(VerdictRow, (VerdictRow.claim_id == ClaimRow.id) & VerdictRow.current.is_(True))
        ):
            if d.published and v is not None:
                items.append(
                    {
                        "date": d.published.date().isoformat(),
                        "kind": "claim",
                        "label": v.label,
                        "text": c.text,
                        "id": c.id,
                        "document_id": d.id,
                        "speaker": c.speaker_name,
                    }
                )
    for p in promises(settings, Page(limit=MAX_LIMIT))["items"]:
        for st in p["timeline"]:
            if st["as_of"]:
                items.append(
                    {
                        "date": st["as_of"],
                        "kind": "promise",
                        "label": st["status"],
                        "text": p["action"],
                        "id": p["id"],
                        "document_id": p["document_id"],
                        "speaker": p["actor"],
                    }
                )
    return sorted(items, key=lambda x: (x["date"], x["kind"]))
