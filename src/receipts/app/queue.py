"""The review queue: what an editor should look at today, most consequential first.

Machine verdicts nobody has reviewed yet, refuted and disputed first (they would change the record
most), then by check-worthiness; open contradictions beside them. Confirming or overriding a verdict
goes through :func:`receipts.app.review.review_claim`; dismissing a claim and setting a contradiction's
state are here. Every decision writes its audit row in the same transaction.

Example::

    page = review_queue(settings, QueueFilter(outlet="Courier"), Page(limit=20))
    dismiss_claim(settings, page["items"][0]["id"], "Opinion, not a checkable claim.", "maria.ed")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import case, func, select

from receipts.app.newsroom import Page, _bounds, _claim, _envelope, _listing, contradictions
from receipts.app.review import _check_rationale
from receipts.app.services import open_store
from receipts.config import Settings
from receipts.errors import InvalidRequest, NotFound
from receipts.store.models import (
    AuditRow,
    ClaimRow,
    ContradictionRow,
    DocumentRow,
    ReviewStateRow,
    SourceRow,
    UserRow,
    VerdictRow,
)
from receipts.verify.rules import LEAD

CONTRADICTION_STATES = ("open", "confirmed", "dismissed")
# How much a verdict would change the record if it stands: a refutation most, "not enough info" least.
# A lead (evidence a rule found but may not settle on alone) comes before settled support: an editor's
# decision is what turns it into a verdict.
URGENCY = {"REFUTED": 0, "DISPUTED": 1, "LEAD": 2, "SUPPORTED": 3, "NOT_ENOUGH_INFO": 4}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Narrow the queue to one story, speaker or outlet (each a case-insensitive 'contains')."""

    outlet: str | None = None
    document: str | None = None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _editor(s, user: str) -> None:
    if s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
        raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")


def review_queue(settings: Settings, flt: QueueFilter, page: Page) -> dict:
    """Unreviewed machine verdicts, refuted and disputed first, then the most check-worthy.

    :param flt: Outlet and story filters; ``page`` carries ``actor``, ``since``, ``until``, ``q``.
    :returns: A page of claims (as in the claims list), plus ``open_contradictions`` (how many).
    """
    store = open_store(settings)
    lead = (VerdictRow.label == "NOT_ENOUGH_INFO") & VerdictRow.reason.startswith(LEAD, autoescape=True)
    urgency = case(
        (lead, URGENCY["LEAD"]),
        *[(VerdictRow.label == label, rank) for label, rank in URGENCY.items() if label != "LEAD"],
        else_=len(URGENCY),
    )
    with store.transaction() as s:
        dismissed = select(ReviewStateRow.entity_id).where(
            ReviewStateRow.entity == "claim", ReviewStateRow.state == "dismissed"
        )
        stmt = (
            select(ClaimRow, DocumentRow, VerdictRow)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .join(VerdictRow, (VerdictRow.claim_id == ClaimRow.id) & VerdictRow.current.is_(True))
            .where(VerdictRow.origin == "machine", ClaimRow.id.not_in(dismissed))
        )
        stmt = _bounds(stmt, page)
        if page.actor:
            stmt = stmt.where(func.lower(ClaimRow.speaker_name).contains(page.actor.lower(), autoescape=True))
        if page.q:
            stmt = stmt.where(func.lower(ClaimRow.text).contains(page.q.lower(), autoescape=True))
        if page.verdict:
            stmt = stmt.where(VerdictRow.label == page.verdict)
        if flt.outlet:
            stmt = stmt.join(SourceRow, SourceRow.id == DocumentRow.source_id).where(
                func.lower(SourceRow.name).contains(flt.outlet.lower(), autoescape=True)
            )
        if flt.document:
            stmt = stmt.where(DocumentRow.id == flt.document)
        rows, total = _listing(
            s, stmt.order_by(urgency, ClaimRow.score.desc(), DocumentRow.published.desc(), ClaimRow.id), page
        )
        items = [_claim(c, d, v) for c, d, v in rows]
    out = _envelope(items, total, page)
    out["open_contradictions"] = contradictions(settings, Page(limit=1), state="open")["total"]
    return out


def dismiss_claim(settings: Settings, claim_id: str, rationale: str, user: str) -> dict:
    """Take a claim out of the review queue (not worth checking, or a duplicate), with a rationale.

    Its verdict stays as it is; the decision is audited.

    :returns: The audit entry.
    :raises NotFound: When the claim or user is unknown.
    :raises InvalidRequest: When the rationale is empty or too long.
    """
    _check_rationale(rationale)
    with open_store(settings).transaction() as s:
        _editor(s, user)
        if s.get(ClaimRow, claim_id) is None:
            raise NotFound(f"No claim {claim_id!r}; see 'receipts claims'")
        return _set_state(s, "claim", claim_id, "dismissed", rationale, user, action="dismiss")


def set_contradiction_state(settings: Settings, contradiction_id: str, state: str, rationale: str, user: str) -> dict:
    """Confirm or dismiss a contradiction (or open it again), with a rationale; audited.

    :raises InvalidRequest: On an unknown state or an empty rationale.
    :raises NotFound: When the contradiction or user is unknown.
    """
    if state not in CONTRADICTION_STATES:
        raise InvalidRequest(f"contradiction state {state!r}: use one of {', '.join(CONTRADICTION_STATES)}")
    _check_rationale(rationale)
    with open_store(settings).transaction() as s:
        _editor(s, user)
        if s.get(ContradictionRow, contradiction_id) is None:
            raise NotFound(f"No contradiction {contradiction_id!r}; see 'receipts contradictions'")
        return _set_state(s, "contradiction", contradiction_id, state, rationale, user, action=state)


def _set_state(s, entity: str, entity_id: str, state: str, rationale: str, user: str, *, action: str) -> dict:
    row = s.get(ReviewStateRow, (entity, entity_id))
    before = {"state": row.state} if row is not None else None
    if row is None:
        row = ReviewStateRow(entity=entity, entity_id=entity_id)
        s.add(row)
    row.state, row.rationale, row.reviewer, row.at = state, rationale.strip(), user, _now()
    entry = AuditRow(
        at=_now(),
        user=user,
        entity=entity,
        entity_id=entity_id,
        action=action,
        before=before,
        after={"state": state},
        rationale=rationale.strip(),
    )
    s.add(entry)
    s.flush()
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "user": user,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "before": before,
        "after": {"state": state},
        "rationale": entry.rationale,
    }


def states(settings: Settings, entity: str) -> dict[str, dict]:
    """Editors' decisions on one kind of item: id -> ``state``, ``rationale``, ``reviewer``, ``at``."""
    with open_store(settings).transaction() as s:
        return {
            r.entity_id: {"state": r.state, "rationale": r.rationale, "reviewer": r.reviewer, "at": r.at.isoformat()}
            for r in s.scalars(select(ReviewStateRow).where(ReviewStateRow.entity == entity))
        }
