"""Manage editors after they are created: list them, remove one, give one a new API token.

Creating an editor, logging in and checking tokens stay in :mod:`receipts.app.review`; each change here
writes an audit row in the same transaction.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import func, select

from receipts.app.review import _token_hash
from receipts.app.services import open_store
from receipts.config import Settings
from receipts.errors import NotFound
from receipts.store.models import AuditRow, UserRow


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _user(s, name: str) -> UserRow:
    user = s.scalar(select(UserRow).where(UserRow.name == name))
    if user is None:
        raise NotFound(f"No editor {name!r}; see 'receipts users list'")
    return user


def list_users(settings: Settings) -> list[dict]:
    """Every editor, newest first, with when they were created and how many changes they made.

    :returns: Dicts with ``name``, ``created_at``, ``has_token`` and ``changes``.
    """
    with open_store(settings).transaction() as s:
        changes = dict(
            s.execute(
                select(AuditRow.user, func.count(AuditRow.id))
                .where(AuditRow.entity.in_(("claim", "promise", "contradiction")))
                .group_by(AuditRow.user)
            ).all()
        )
        return [
            {
                "name": u.name,
                "created_at": u.created_at.isoformat(),
                "has_token": u.token_hash is not None,
                "changes": changes.get(u.name, 0),
            }
            for u in s.scalars(select(UserRow).order_by(UserRow.created_at.desc(), UserRow.id.desc()))
        ]


def remove_user(settings: Settings, name: str, *, by: str | None = None) -> None:
    """Remove an editor: their password, token and sessions stop working. Their past reviews stay.

    :param by: Who removed them, for the audit row (``None``: the command line).
    :raises NotFound: When there is no such editor.
    """
    with open_store(settings).transaction() as s:
        user = _user(s, name)
        s.delete(user)
        s.add(
            AuditRow(
                at=_now(),
                user=by or "cli",
                entity="user",
                entity_id=name[:40],
                action="remove",
                before={"name": name},
                after=None,
                rationale=None,
            )
        )


def rotate_token(settings: Settings, name: str, *, by: str | None = None) -> str:
    """Give an editor a new API token; the old one stops working at once.

    :returns: The new token (shown once; only its hash is stored).
    :raises NotFound: When there is no such editor.
    """
    token = secrets.token_urlsafe(32)
    with open_store(settings).transaction() as s:
        user = _user(s, name)
        user.token_hash = _token_hash(token)
        s.add(
            AuditRow(
                at=_now(),
                user=by or "cli",
                entity="user",
                entity_id=name[:40],
                action="rotate token",
                before=None,
                after=None,
                rationale=None,
            )
        )
    return token
