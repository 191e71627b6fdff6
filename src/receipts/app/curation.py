"""Clean-up an editor needs, each change audited: merge two actors that are one person or body, split
one that is two, and edit an actor's aliases.

Example::

    merge_actors(settings, keep=1, drop=14, rationale="'Kessler' is Marta Kessler.", user="maria.ed")
    split_actor(settings, 3, "Korvi", rationale="Korvi is the capital, not the country.", user="maria.ed")
    edit_aliases(settings, 1, add=["President Kessler"], remove=[], rationale="Her title.", user="maria.ed")
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select, update

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

MAX_NAME = 300  # the width of actor names and aliases in the store

# What an actor's mentions and statements are called by, column by column: (table, actor column, name column).
_BY_NAME = (
    ("mentions", MentionRow.actor_id, MentionRow.text),
    ("quotes", QuoteRow.speaker_actor_id, QuoteRow.speaker_name),
    ("claims", ClaimRow.speaker_actor_id, ClaimRow.speaker_name),
    ("commitments", CommitmentRow.actor_id, CommitmentRow.actor_name),
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
        _check_user(s, user)
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
        return _audit(s, user, keep, "merge", before, {"id": kept.id, "name": kept.name}, rationale)


def _check_user(s, user: str) -> None:
    if user != "cli" and s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
        raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")


def _audit(s, user: str, actor_id: int, action: str, before: dict, after: dict, rationale: str) -> dict:
    entry = AuditRow(
        at=datetime.now(timezone.utc),
        user=user,
        entity="actor",
        entity_id=str(actor_id),
        action=action,
        before=before,
        after=after,
        rationale=rationale.strip(),
    )
    s.add(entry)
    s.flush()
    return {
        "id": entry.id,
        "entity": "actor",
        "entity_id": str(actor_id),
        "action": action,
        "before": before,
        "after": after,
        "user": user,
        "rationale": entry.rationale,
    }


def _clean(name: str) -> str:
    """One name as stored: single spaces, no longer than the column.

    :raises InvalidRequest: When nothing is left, or it is too long.
    """
    clean = " ".join((name or "").split())
    if not clean:
        raise InvalidRequest("an actor name or alias cannot be empty")
    if len(clean) > MAX_NAME:
        raise InvalidRequest(f"{clean[:40]!r}…: names and aliases are at most {MAX_NAME} characters")
    return clean


def _names(actor: ActorRow) -> list[str]:
    return sorted({a.alias for a in actor.aliases}, key=str.lower)


def split_actor(
    settings: Settings,
    actor_id: int,
    name: str,
    rationale: str,
    user: str = "cli",
    *,
    also: list[str] | None = None,
    documents: list[str] | None = None,
) -> dict:
    """Split actor ``actor_id`` in two: whatever is called ``name`` (or one of ``also``) moves to a new actor of
    that name, with its mentions, quotes, claims and commitments; those names stop being aliases of the old
    actor, so later ingests resolve them to the new one.

    :param name: The new actor's name, one of the names the old actor's mentions or statements go by.
    :param also: More names that move with it (aliases of the new actor).
    :param documents: Only what these documents say moves (all documents when None).
    :returns: The audit entry: ``after`` names the new actor and counts what moved.
    :raises NotFound: When the actor or the editor is unknown.
    :raises InvalidRequest: When an actor of that name exists already (merge into it instead), when it is
        the actor's own name, when nothing is called by those names, or when the rationale is empty.
    """
    _check_rationale(rationale)
    name = _clean(name)
    moving = [name] + [_clean(a) for a in also or [] if _clean(a).lower() != name.lower()]
    keys = {n.lower() for n in moving}
    with open_store(settings).transaction() as s:
        _check_user(s, user)
        old = _actor(s, actor_id)
        if old.name.lower() in keys:
            raise InvalidRequest(
                f"{old.name!r} is actor {actor_id}'s own name; split out one of its other names instead"
            )
        taken = s.scalar(select(ActorRow.id).where(ActorRow.key == name.lower()))
        if taken is not None:
            raise InvalidRequest(
                f"actor {taken} is already called {name!r}; move these there with 'receipts merge-actors {taken} …'"
            )
        new = ActorRow(key=name.lower(), name=name, kind=old.kind)
        s.add(new)
        s.flush()
        moved = {}
        for what, actor_col, name_col in _BY_NAME:
            stmt = update(actor_col.class_).where(actor_col == actor_id, func.lower(name_col).in_(keys))
            if documents:
                stmt = stmt.where(actor_col.class_.document_id.in_(documents))
            moved[what] = s.execute(stmt.values({actor_col.key: new.id})).rowcount
        if not any(moved.values()):
            raise InvalidRequest(
                f"nothing of actor {actor_id} ({old.name}) is called {' or '.join(map(repr, moving))}"
                + (" in those documents" if documents else "")
                + f"; its names: {', '.join(_names(old)) or 'none besides its own'}"
            )
        before = {"id": old.id, "name": old.name, "aliases": _names(old)}
        for alias in list(old.aliases):
            if alias.alias.lower() in keys:
                old.aliases.remove(alias)
        for alias in moving[1:]:
            new.aliases.append(ActorAliasRow(alias=alias))
        s.flush()
        after = {"id": new.id, "name": new.name, "aliases": moving[1:], "moved": moved, "kept_aliases": _names(old)}
        return _audit(s, user, actor_id, "split", before, after, rationale)


def edit_aliases(
    settings: Settings,
    actor_id: int,
    *,
    add: list[str] | None = None,
    remove: list[str] | None = None,
    rationale: str,
    user: str = "cli",
) -> dict:
    """Add and remove an actor's aliases: the names later ingests resolve to it ("Kessler", "ODRA").

    :returns: The audit entry, with the aliases before and after.
    :raises NotFound: When the actor or the editor is unknown.
    :raises InvalidRequest: When there is nothing to change, an added alias names another actor (merge
        them instead), a removed one is not an alias of this actor, or the rationale is empty.
    """
    _check_rationale(rationale)
    add = [_clean(a) for a in add or []]
    remove = [_clean(a) for a in remove or []]
    if not add and not remove:
        raise InvalidRequest("give an alias to add or to remove")
    with open_store(settings).transaction() as s:
        _check_user(s, user)
        actor = _actor(s, actor_id)
        before = _names(actor)
        have = {a.alias.lower(): a for a in actor.aliases}
        for alias in remove:
            if alias.lower() not in have:
                raise InvalidRequest(
                    f"{alias!r} is not an alias of actor {actor_id} ({actor.name}); "
                    f"its aliases: {', '.join(before) or 'none'}"
                )
            for row in [a for a in actor.aliases if a.alias.lower() == alias.lower()]:
                actor.aliases.remove(row)
        for alias in add:
            other = s.scalar(
                select(ActorRow.id).where(ActorRow.id != actor_id, ActorRow.key == alias.lower())
            ) or s.scalar(
                select(ActorAliasRow.actor_id).where(
                    ActorAliasRow.actor_id != actor_id, func.lower(ActorAliasRow.alias) == alias.lower()
                )
            )
            if other is not None:
                raise InvalidRequest(
                    f"{alias!r} already names actor {other}; "
                    f"if they are one, 'receipts merge-actors {actor_id} {other}'"
                )
            if alias.lower() != actor.name.lower() and alias.lower() not in {a.alias.lower() for a in actor.aliases}:
                actor.aliases.append(ActorAliasRow(alias=alias))
        s.flush()
        after = _names(actor)
        if after == before:
            raise InvalidRequest(f"actor {actor_id} ({actor.name}) has these aliases already")
        return _audit(
            s,
            user,
            actor_id,
            "aliases",
            {"name": actor.name, "aliases": before},
            {"name": actor.name, "aliases": after},
            rationale,
        )
