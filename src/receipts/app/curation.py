"""Clean-up an editor needs: merge two actors that are one person or body, audited.

Example::

    merge_actors(settings, keep=1, drop=14, rationale="'Kessler' is Marta Kessler.", user="maria.ed")
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select, update

from receipts.app.review import _check_rationale
from receipts.app.services import open_store
from receipts.config import Settings
from receipts.errors import InvalidRequest, NotFound
from receipts.store.models import (
    ActorAliasRow,
    ActorRow,
    AuditRow,
    ClaimRow,
    CommitmentRow,
    MentionRow,
    QuoteRow,
    UserRow,
)


def _actor(s, actor_id: int) -> ActorRow:
    row = s.get(ActorRow, actor_id)
    if row is None:
        raise NotFound(f"No actor {actor_id!r}; see 'receipts actors --json' for ids")
    return row


def merge_actors(settings: Settings, keep: int, drop: int, rationale: str, user: str = "cli") -> dict:
    """Fold actor ``drop`` into actor ``keep``: its mentions, quotes, claims and commitments move over, its
    name and aliases become aliases of ``keep`` (so later ingests resolve them there too), and it is removed.

    :param user: The editor (``"cli"`` from the command line).
    :returns: The audit entry: ``before`` names the dropped actor and what moved.
    :raises NotFound: When either actor, or the editor, is unknown.
    :raises InvalidRequest: When both ids are the same or the rationale is empty.
    """
    if keep == drop:
        raise InvalidRequest(f"actor {keep} cannot be merged into itself; give two different ids")
    _check_rationale(rationale)
    with open_store(settings).transaction() as s:
        if user != "cli" and s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
            raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")
        kept, dropped = _actor(s, keep), _actor(s, drop)
        moved = {}
        for name, column in (
            ("mentions", MentionRow.actor_id),
            ("quotes", QuoteRow.speaker_actor_id),
            ("claims", ClaimRow.speaker_actor_id),
            ("commitments", CommitmentRow.actor_id),
        ):
            moved[name] = s.execute(update(column.class_).where(column == drop).values({column.key: keep})).rowcount
        known = {a.alias.lower() for a in kept.aliases} | {kept.name.lower()}
        for alias in [dropped.name, *(a.alias for a in dropped.aliases)]:
            if alias.lower() not in known:
                kept.aliases.append(ActorAliasRow(alias=alias[:300]))
                known.add(alias.lower())
        before = {"id": dropped.id, "name": dropped.name, "kind": dropped.kind, "moved": moved}
        s.delete(dropped)
        if kept.kind == "unknown" and dropped.kind != "unknown":
            kept.kind = dropped.kind
        entry = AuditRow(
            at=datetime.now(timezone.utc),
            user=user,
            entity="actor",
            entity_id=str(keep),
            action="merge",
            before=before,
            after={"id": kept.id, "name": kept.name},
            rationale=rationale.strip(),
        )
        s.add(entry)
        s.flush()
        return {
            "id": entry.id,
            "entity": "actor",
            "entity_id": str(keep),
            "action": "merge",
            "before": before,
            "after": entry.after,
            "user": user,
            "rationale": entry.rationale,
        }
