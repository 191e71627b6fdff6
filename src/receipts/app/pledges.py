"""One tracked promise per pledge: when the same pledge is reported again (by another outlet, or later in
the story), it is one promise, with every appearance listed and one status.

Two stored promises are one pledge when the same actor makes them, with the same verb and polarity, about
the same thing (most of the smaller one's content words), and any counts they name agree. The grouping is
computed when read, from the stored commitments, so a new document or a re-extraction regroups at once.

Example::

    for p in tracked_promises(settings):
        print(p["id"], p["status"], len(p["appearances"]))
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select

from receipts.app.services import open_store
from receipts.app.verification import list_promise_timelines
from receipts.config import Settings
from receipts.store.models import CommitmentRow, DocumentRow

SAME_OBJECT = 0.6  # share of the smaller object's content words the other must hold
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def content_words(text: str | None) -> frozenset[str]:
    """The words of ``text`` that carry its content: lower-cased, no function words, plural ``-s`` dropped.

    :param text: A promised action ("return the remains of 300 soldiers").
    :returns: {"return", "remain", "300", "soldier"}
    """
    out = set()
    for w in _WORD.findall((text or "").lower()):
        if w in STOP_WORDS or len(w) < 2:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def _same_actor(a: dict, b: dict) -> bool:
    """The same resolved actor when both have one, else the same name; an unnamed actor matches no one."""
    if a.get("actor_id") is not None and b.get("actor_id") is not None:
        return a["actor_id"] == b["actor_id"]
    name_a, name_b = (a.get("actor") or "").strip().lower(), (b.get("actor") or "").strip().lower()
    return bool(name_a) and name_a == name_b


def same_pledge(a: dict, b: dict) -> bool:
    """Whether two promises are the same pledge.

    :param a: A promise with ``actor_id`` / ``actor``, ``predicate``, ``polarity``, ``object`` and ``quantity``
        (the value it counts, or None), as :func:`tracked_promises` builds them.
    :param b: Another.
    """
    if not _same_actor(a, b):
        return False
    if (a.get("predicate") or "").lower() != (b.get("predicate") or "").lower() or not a.get("predicate"):
        return False
    if a.get("polarity") != b.get("polarity"):
        return False
    if a.get("quantity") is not None and b.get("quantity") is not None and a["quantity"] != b["quantity"]:
        return False
    wa, wb = content_words(a.get("object")), content_words(b.get("object"))
    if not wa or not wb:
        return False
    return len(wa & wb) >= SAME_OBJECT * min(len(wa), len(wb))


def group_pledges(rows: list[dict]) -> list[list[dict]]:
    """Group promises that are one pledge; each group keeps the input order (oldest first, as given).

    A promise joins the first group whose first report it matches (:func:`same_pledge`).
    """
    groups: list[list[dict]] = []
    for row in rows:
        for group in groups:
            if same_pledge(group[0], row):
                group.append(row)
                break
        else:
            groups.append([row])
    return groups


def _merge(group: list[dict]) -> dict:
    first = dict(group[0])
    steps, seen = [], set()
    for n, member in enumerate(group):
        for st in member["timeline"]:
            key = (st["status"], st["as_of"], st["reason"])
            if key in seen:
                continue
            seen.add(key)
            step = st | {"promise_id": member["id"]}
            if n and st["status"] == "not yet rated" and st["origin"] == "machine":
                step["reason"] = f"reported again by {member['source'] or 'another source'}"
            steps.append(step)
    steps.sort(key=lambda st: st["as_of"] or "")
    human = [st for st in steps if st["origin"] == "human"]
    first["timeline"] = steps
    first["status"] = (human[-1] if human else steps[-1])["status"] if steps else "not yet rated"
    first["deadline"] = next((m["deadline"] for m in group if m["deadline"]), None)
    first["ids"] = [m["id"] for m in group]
    first["appearances"] = [
        {
            "id": m["id"],
            "document_id": m["document_id"],
            "title": m["title"],
            "source": m["source"],
            "url": m["url"],
            "published": m["made_on"],
            "actor": m["actor"],
            "action": m["action"],
            "text": m["text"],
        }
        for m in group
    ]
    for k in ("actor_id", "predicate", "polarity", "object", "quantity", "title", "source", "url", "text"):
        first.pop(k, None)
    return first


def tracked_promises(settings: Settings) -> list[dict]:
    """Every promise and agreement, one per pledge, in the order first made.

    Each row is a promise timeline (see ``verification.list_promise_timelines``) of the first report, with
    ``ids`` and ``appearances`` (every report of the pledge, oldest first), the steps of all of them in
    one ``timeline`` (each step says which report it rated in ``promise_id``), and the status an editor
    set on any of them, else the latest step's.
    """
    rows = list_promise_timelines(settings)
    with open_store(settings).transaction() as s:
        extra = {
            c.id: (c, d)
            for c, d in s.execute(
                select(CommitmentRow, DocumentRow)
                .join(DocumentRow, DocumentRow.id == CommitmentRow.document_id)
                .where(CommitmentRow.id.in_([r["id"] for r in rows]))
            )
        }
        for r in rows:
            c, d = extra[r["id"]]
            canonical = c.canonical or {}
            quantity = canonical.get("quantity") or {}
            r.update(
                actor_id=c.actor_id,
                predicate=canonical.get("predicate"),
                polarity=canonical.get("polarity"),
                object=canonical.get("object_resolved") or canonical.get("object") or c.action,
                quantity=quantity.get("value"),
                title=d.title,
                source=d.source.name if d.source else None,
                url=d.url,
                text=c.text,
            )
    return [_merge(g) for g in group_pledges(rows)]
