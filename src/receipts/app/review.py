"""Editorial review: editors, their credentials, verdict and promise reviews, and the audit log.

Every change an editor makes is one transaction that writes the new human verdict (or promise
status) and its audit row together, so the log never misses a change.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from receipts.app.services import open_store
from receipts.app.throttle import Throttle
from receipts.config import Settings
from receipts.errors import AuthError, InvalidRequest, NotFound
from receipts.store.models import AuditRow, ClaimRow, CommitmentRow, PromiseStatusRow, UserRow, VerdictRow
from receipts.verify.promises import STATUSES
from receipts.verify.verifier import LABELS

_HASHER = PasswordHasher()
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,99}$")
MIN_PASSWORD = 8
MAX_RATIONALE = 5000  # the same for the API, the web form and the CLI


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(settings: Settings, name: str, password: str) -> str:
    """Create an editor; return a new API token (shown once; only its hash is stored).

    :raises InvalidRequest: When the name is malformed, taken, or the password too short.
    """
    if not _NAME.match(name):
        raise InvalidRequest(f"user name {name!r}: use 2-100 letters, digits, '_', '.', '@' or '-'")
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest(f"password for {name!r} is too short: at least {MIN_PASSWORD} characters")
    token = secrets.token_urlsafe(32)
    store = open_store(settings)
    with store.transaction() as s:
        if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise InvalidRequest(f"user {name!r} already exists")
        s.add(
            UserRow(name=name, password_hash=_HASHER.hash(password), token_hash=_token_hash(token), created_at=_now())
        )
        s.add(
            AuditRow(
                at=_now(),
                user=name,
                entity="user",
                entity_id=name[:40],
                action="create",
                before=None,
                after={"name": name},
                rationale=None,
            )
        )
    return token


def authenticate(settings: Settings, name: str, password: str) -> str:
    """Return the user name when the password matches.

    :raises AuthError: On an unknown user or a wrong password (the message does not say which).
    """
    store = open_store(settings)
    with store.transaction() as s:
        user = s.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            _HASHER.hash(password)  # same work either way: no timing hint that the name exists
            raise AuthError("unknown user or wrong password")
        try:
            _HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError) as exc:
            raise AuthError("unknown user or wrong password") from exc
        return user.name


def login(settings: Settings, name: str, password: str, *, address: str, throttle: Throttle) -> tuple[str, int]:
    """Check a password under the throttle; a failure is counted and written to the audit log.

    :param address: The client's address, counted apart from the user name.
    :returns: The user name and the session generation a new session is issued under.
    :raises TooManyAttempts: When the name or the address has failed too often of late (nothing is checked).
    :raises AuthError: On an unknown user or a wrong password.
    """
    throttle.check(
        [
            (f"user:{name}", settings.login_failures_per_user, "for this user"),
            (f"address:{address}", settings.login_failures_per_address, "from this address"),
        ]
    )
    try:
        user = authenticate(settings, name, password)
    except AuthError:
        throttle.fail(f"user:{name}", f"address:{address}")
        with open_store(settings).transaction() as s:
            s.add(
                AuditRow(
                    at=_now(),
                    user=name[:100],
                    entity="user",
                    entity_id=name[:40],
                    action="login failed",
                    before=None,
                    after={"address": address[:100]},
                    rationale=None,
                )
            )
        raise
    throttle.clear(f"user:{name}")
    return user, session_generation(settings, user)


def session_generation(settings: Settings, name: str) -> int | None:
    """The generation an editor's sessions must carry to be valid; None when there is no such editor."""
    with open_store(settings).transaction() as s:
        return s.scalar(select(UserRow.session_generation).where(UserRow.name == name))


def end_sessions(settings: Settings, name: str) -> None:
    """End every session of an editor, on every device: cookies issued before no longer count."""
    with open_store(settings).transaction() as s:
        s.execute(update(UserRow).where(UserRow.name == name).values(session_generation=UserRow.session_generation + 1))


def user_for_token(
    settings: Settings, token: str, *, address: str | None = None, throttle: Throttle | None = None
) -> str:
    """Return the user an API token belongs to.

    :param address: / :param throttle: When given, invalid tokens from that address are counted and,
        past ``login_failures_per_address``, refused before they are checked.
    :raises TooManyAttempts: When the address has sent too many invalid tokens of late.
    :raises AuthError: When no user holds that token.
    """
    key = f"address:{address}"
    if throttle is not None:
        throttle.check([(key, settings.login_failures_per_address, "from this address")])
    store = open_store(settings)
    with store.transaction() as s:
        name = s.scalar(select(UserRow.name).where(UserRow.token_hash == _token_hash(token)))
    if name is None:
        if throttle is not None:
            throttle.fail(key)
        raise AuthError("invalid API token")
    return name


def user_exists(settings: Settings, name: str) -> bool:
    store = open_store(settings)
    with store.transaction() as s:
        return s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None


def _check_rationale(rationale: str | None) -> None:
    """:raises InvalidRequest: When the rationale is empty or longer than MAX_RATIONALE characters."""
    if not rationale or not rationale.strip():
        raise InvalidRequest("a review needs a rationale")
    if len(rationale) > MAX_RATIONALE:
        raise InvalidRequest(f"the rationale has {len(rationale)} characters; keep it to {MAX_RATIONALE}")


def _verdict_dict(v: VerdictRow | None) -> dict | None:
    if v is None:
        return None
    return {
        "label": v.label,
        "origin": v.origin,
        "reason": v.reason,
        "confidence": v.confidence,
        "method": v.method,
        "reviewer": v.reviewer,
    }


def review_claim(settings: Settings, claim_id: str, label: str, rationale: str, user: str) -> dict:
    """Confirm or override a claim's verdict as an editor.

    :returns: The audit entry written.
    :raises NotFound: When the claim or user is unknown.
    :raises InvalidRequest: On an unknown label or an empty rationale.
    """
    label = label.strip().upper().replace(" ", "_")
    if label not in LABELS:
        raise InvalidRequest(f"verdict {label!r}: use one of {', '.join(LABELS)}")
    _check_rationale(rationale)
    store = open_store(settings)
    with store.transaction() as s:
        if s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
            raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")
        claim = s.get(ClaimRow, claim_id)
        if claim is None:
            raise NotFound(f"No claim {claim_id!r}; see 'receipts claims'")
        before = s.scalar(
            select(VerdictRow)
            .where(VerdictRow.claim_id == claim_id, VerdictRow.current.is_(True))
            .order_by(VerdictRow.id.desc())
        )
        machine = (
            before
            if before is not None and before.origin == "machine"
            else s.scalar(
                select(VerdictRow)
                .where(VerdictRow.claim_id == claim_id, VerdictRow.origin == "machine")
                .order_by(VerdictRow.id.desc())
            )
        )
        action = "confirm" if before is not None and before.label == label else "override"
        # touch only the verdict in force, not every superseded row of a long history
        in_force = (VerdictRow.claim_id == claim_id) & VerdictRow.current.is_(True)
        s.execute(update(VerdictRow).where(in_force).values(current=False))
        after = VerdictRow(
            claim_id=claim_id,
            label=label,
            confidence=1.0,
            reason=rationale.strip() if action == "override" or before is None else before.reason,
            evidence=list(machine.evidence) if machine is not None else [],
            method="editor",
            version="1",
            origin="human",
            reviewer=user,
            rationale=rationale.strip(),
            created_at=_now(),
            current=True,
        )
        s.add(after)
        entry = AuditRow(
            at=_now(),
            user=user,
            entity="claim",
            entity_id=claim_id,
            action=action,
            before=_verdict_dict(before),
            after=_verdict_dict(after),
            rationale=rationale.strip(),
        )
        s.add(entry)
        s.flush()
        return _audit_dict(entry)


def review_promise(settings: Settings, commitment_id: str, status: str, rationale: str, user: str) -> dict:
    """Set a promise's status as an editor (it outranks the machine's timeline).

    :raises NotFound: When the commitment or user is unknown.
    :raises InvalidRequest: On an unknown status or an empty rationale.
    """
    status = status.strip().lower().replace("_", " ")
    if status not in STATUSES:
        raise InvalidRequest(f"promise status {status!r}: use one of {', '.join(STATUSES)}")
    _check_rationale(rationale)
    store = open_store(settings)
    with store.transaction() as s:
        if s.scalar(select(UserRow.id).where(UserRow.name == user)) is None:
            raise NotFound(f"No user {user!r}; create one with 'receipts users add {user}'")
        if s.get(CommitmentRow, commitment_id) is None:
            raise NotFound(f"No promise {commitment_id!r}; see 'receipts promises'")
        steps = list(
            s.scalars(
                select(PromiseStatusRow)
                .where(PromiseStatusRow.commitment_id == commitment_id)
                .order_by(PromiseStatusRow.as_of, PromiseStatusRow.id)
            )
        )
        human = [st for st in steps if st.origin == "human"]
        prev = (human[-1] if human else steps[-1]) if steps else None
        before = {"status": prev.status, "origin": prev.origin, "reason": prev.reason} if prev else None
        row = PromiseStatusRow(
            commitment_id=commitment_id,
            status=status,
            as_of=_now().date(),
            reason=rationale.strip(),
            evidence=[],
            method="editor",
            origin="human",
            reviewer=user,
            created_at=_now(),
        )
        s.add(row)
        action = "confirm" if prev is not None and prev.status == status else "override"
        entry = AuditRow(
            at=_now(),
            user=user,
            entity="promise",
            entity_id=commitment_id,
            action=action,
            before=before,
            after={"status": status, "origin": "human", "reviewer": user},
            rationale=rationale.strip(),
        )
        s.add(entry)
        s.flush()
        return _audit_dict(entry)


def _audit_dict(a: AuditRow) -> dict:
    return {
        "id": a.id,
        "at": a.at.isoformat(),
        "user": a.user,
        "entity": a.entity,
        "entity_id": a.entity_id,
        "action": a.action,
        "before": a.before,
        "after": a.after,
        "rationale": a.rationale,
    }


def audit_log(settings: Settings, *, entity_id: str | None = None, limit: int = 200, offset: int = 0) -> list[dict]:
    """The audit log, newest first (``offset`` entries skipped)."""
    store = open_store(settings)
    with store.transaction() as s:
        stmt = select(AuditRow)
        if entity_id:
            stmt = stmt.where(AuditRow.entity_id == entity_id)
        return [_audit_dict(a) for a in s.scalars(stmt.order_by(AuditRow.id.desc()).limit(limit).offset(offset))]
