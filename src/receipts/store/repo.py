"""Writes and reads of the store. Takes and returns rows and domain types; no spaCy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from receipts.errors import NotFound
from receipts.store.models import (
    ActorAliasRow,
    ActorRow,
    ClaimMatchRow,
    ClaimRow,
    CommitmentRow,
    ContradictionRow,
    DocumentRow,
    EventRow,
    MentionRow,
    PipelineRunRow,
    PromiseStatusRow,
    QuantityRow,
    QuoteRow,
    RunErrorRow,
    SentenceRow,
    SourceRow,
    TimeExpressionRow,
    VerdictRow,
)
from receipts.types import Article, Extraction, Speaker, content_id

EXTRACTED = (MentionRow, QuoteRow, QuantityRow, TimeExpressionRow, CommitmentRow, EventRow, ClaimRow, SentenceRow)
ITEM_TABLES = {
    "q": QuoteRow,
    "c": ClaimRow,
    "p": CommitmentRow,
    "e": EventRow,
    "n": QuantityRow,
    "t": TimeExpressionRow,
    "d": DocumentRow,
}


def now() -> datetime:
    return datetime.now(timezone.utc)


def start_run(session: Session, *, command: str, code_version: str, config_hash: str, spacy_model: str) -> int:
    """Record the start of a pipeline run, with the process running it, and return its id."""
    import os
    import socket

    run = PipelineRunRow(
        command=command,
        code_version=code_version,
        config_hash=config_hash,
        spacy_model=spacy_model,
        started_at=now(),
        n_documents=0,
        n_duplicates=0,
        n_failed=0,
        status="running",
        pid=os.getpid(),
        host=socket.gethostname()[:255],
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, *, documents: int, duplicates: int, failed: int) -> None:
    run = session.get(PipelineRunRow, run_id)
    if run is None:
        raise NotFound(f"No pipeline run {run_id}")
    run.finished_at = now()
    run.status = "finished"
    run.n_documents, run.n_duplicates, run.n_failed = documents, duplicates, failed


def mark_interrupted_runs(session: Session, *, host: str, alive: Callable[[int], bool]) -> list[int]:
    """Mark as interrupted the unfinished runs whose process is gone, and return their ids.

    A run killed before it finished (``kill -9``, a power cut) keeps ``finished_at`` empty. Its
    process is known to be gone when it ran on this host and ``alive(pid)`` is False, or when it
    predates run status (no pid). Runs on other hosts are left alone: their processes cannot be seen
    from here. Counts are taken from what the run stored, which is exact: one transaction per document.

    :param host: This machine's name, as :func:`start_run` records it.
    :param alive: Whether a process id is running on this host.
    """
    stale = session.scalars(
        select(PipelineRunRow).where(
            PipelineRunRow.finished_at.is_(None),
            or_(PipelineRunRow.status.is_(None), PipelineRunRow.status == "running"),
        )
    )
    marked = []
    for run in stale:
        if run.pid is not None and (run.host != host or alive(run.pid)):
            continue
        run.status = "interrupted"
        run.n_documents = (
            session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.run_id == run.id)) or 0
        )
        run.n_failed = (
            session.scalar(
                select(func.count())
                .select_from(RunErrorRow)
                .where(RunErrorRow.run_id == run.id, RunErrorRow.stage != "partial")
            )
            or 0
        )
        marked.append(run.id)
    return marked


def add_run_error(session: Session, run_id: int, origin: str, stage: str, message: str) -> None:
    session.add(RunErrorRow(run_id=run_id, origin=origin, stage=stage, message=message[:2000]))


def find_document_by_hash(session: Session, digest: str) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.content_hash == digest))


def _source(session: Session, name: str | None) -> SourceRow | None:
    if not name:
        return None
    row = session.scalar(select(SourceRow).where(SourceRow.name == name))
    if row is None:
        row = SourceRow(name=name)
        session.add(row)
        session.flush()
    return row


def add_document(session: Session, article: Article, digest: str, run_id: int | None) -> DocumentRow:
    """Insert a new document row; the caller has checked it is not a duplicate."""
    doc = DocumentRow(
        id=f"d_{digest[:12]}",
        content_hash=digest,
        title=article.title,
        url=article.url,
        author=article.author,
        published=article.published,
        source=_source(session, article.source),
        origin=article.origin,
        content_type=article.content_type,
        text=article.text,
        words=len(article.text.split()),
        ingested_at=now(),
        run_id=run_id,
    )
    session.add(doc)
    session.flush()
    return doc


def get_document(session: Session, doc_id: str) -> DocumentRow:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        raise NotFound(f"No document {doc_id!r}; see 'receipts documents'")
    return row


def _actor_key(name: str) -> str:
    return " ".join(name.split()).lower()[:300]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class _Actors:
    """The actor rows one document's extraction names, in two queries and no flush per new actor.

    Every name is looked up first by its key (the whitespace-normalised, lower-cased name) and then, for a
    proper name, as the alias of exactly one actor ("Kessler" for Marta Kessler; a description such as
    "the president" may belong to different people). What the document's own actor list adds as aliases
    counts as well. Names not found become new actor rows, which the caller flushes once.

    :param names: Every name the caller may ask for; all are looked up at once.
    """

    def __init__(self, session: Session, names: list[str]) -> None:
        self.session = session
        self.rows: dict[str, ActorRow] = {}  # key -> row, for every name asked for so far
        self._stored: dict[str, ActorRow] = {}
        self._owners: dict[str, dict[int, ActorRow | int]] = {}  # SQL-lowered alias -> its actors
        keys = sorted({_actor_key(n) for n in names if n})
        with session.no_autoflush:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                for row in session.scalars(select(ActorRow).where(ActorRow.key.in_(chunk))):
                    self._stored[row.key] = row
                lowered = func.lower(ActorAliasRow.alias)
                for actor_id, alias in session.execute(
                    select(ActorAliasRow.actor_id, lowered).where(lowered.in_(chunk))
                ):
                    self._owners.setdefault(alias, {})[actor_id] = actor_id

    def __contains__(self, key: str) -> bool:
        return key in self.rows

    def get(self, name: str, kind: str) -> ActorRow:
        key = _actor_key(name)
        row = self.rows.get(key)
        if row is not None:
            return row
        row = self._stored.get(key)
        if row is None and name[:1].isupper() and not key.startswith(("the ", "a ", "an ")):
            owners = self._owners.get(key, {})
            if len(owners) == 1:
                (owner,) = owners.values()
                row = owner if isinstance(owner, ActorRow) else self.session.get(ActorRow, owner)
        if row is None:
            row = ActorRow(key=key, name=name[:300], kind=kind)
            self.session.add(row)
        elif row.kind == "unknown" and kind != "unknown":
            row.kind = kind
        self.rows[key] = row
        return row

    def alias(self, row: ActorRow, alias: str) -> None:
        """Record another name of an actor (stored with it, and found by later look-ups)."""
        alias = " ".join(alias.split())[:300]
        if alias and alias != row.name and alias not in {a.alias for a in row.aliases}:
            row.aliases.append(ActorAliasRow(alias=alias))
            # as SQLite's lower() reads it: ASCII letters only
            self._owners.setdefault(alias.translate(_ASCII_LOWER), {})[row.id if row.id is not None else -id(row)] = row


def _speaker_cols(actors: _Actors, speaker: Speaker | None) -> tuple[dict, ActorRow | None]:
    """A quote's or claim's speaker columns, and the actor row whose id goes in ``speaker_actor_id``."""
    if speaker is None:
        return dict.fromkeys(("speaker_name", "speaker_kind", "speaker_via", "source_start", "source_end")), None
    actor = None
    known = _actor_key(speaker.name) in actors
    if (
        known
        or (speaker.kind in ("organisation", "country", "group") and speaker.via in ("name", "description"))
        or (speaker.kind == "person" and speaker.via in ("name", "pronoun", "title"))
    ):
        actor = actors.get(speaker.name, speaker.kind)
    return {
        "speaker_name": speaker.name[:300],
        "speaker_kind": speaker.kind,
        "speaker_via": speaker.via,
        "source_start": speaker.span.start if speaker.span else None,
        "source_end": speaker.span.end if speaker.span else None,
    }, actor


class RowIds:
    """Row ids for one document's extracted items, unique by construction.

    An id is the content hash of the document id and the item's key (its offsets, and what tells two
    items at the same offsets apart). An item equal to one already given an id is a duplicate
    (:meth:`make` returns None); a different item whose key hashes to an id already taken gets the
    hash of its key and its occurrence number, so two cues in one sentence ("vowed ... would") make
    two rows, never a UNIQUE failure that loses the document. The first item keeps the plain id, so
    ids stay stable across re-extraction.

    Example::

        ids = RowIds("d_1")
        ids.make("p", (0, 40, "repay the loan"), ("vowed",))  # "p_..."
        ids.make("p", (0, 40, "repay the loan"), ("would",))  # another "p_..."
        ids.make("p", (0, 40, "repay the loan"), ("vowed",))  # None: the same item again
    """

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self._used: set[str] = set()
        self._seen: set[tuple] = set()

    def make(self, prefix: str, key: tuple, detail: tuple = ()) -> str | None:
        """Return a new id for the item, or None when the same item was given one already.

        :param prefix: The table's id prefix (``"q"``, ``"p"``, ...).
        :param key: What the id has always hashed (offsets, and the action or type).
        :param detail: What else tells two items with the same key apart.
        """
        seen = (prefix, key, detail)
        if seen in self._seen:
            return None
        self._seen.add(seen)
        row_id, n = content_id(prefix, self.doc_id, *key), 1
        while row_id in self._used:
            n += 1
            row_id = content_id(prefix, self.doc_id, *key, f"#{n}")
        self._used.add(row_id)
        return row_id


def _names(ex: Extraction) -> list[str]:
    """Every name a document's write may look up as an actor."""
    names = (
        [a.name for a in ex.actors] + [m.canonical for m in ex.mentions] + [p.actor for p in ex.commitments if p.actor]
    )
    names += [item.speaker.name for item in (*ex.quotes, *ex.claims) if item.speaker is not None]
    return names


def replace_extraction(
    session: Session, doc_id: str, ex: Extraction, run_id: int | None, vectors: list[bytes | None] | None = None
) -> None:
    """Replace everything extracted from one document with a new extraction, in the caller's transaction.

    The actors it names are looked up together and the new ones flushed once; the extracted rows are then
    written with one multi-row insert a table (no ORM object a row), in the order they were extracted.

    :param vectors: One packed float32 vector per sentence of the extraction, or None.
    """
    doc_row = session.get(DocumentRow, doc_id)
    if doc_row is not None:
        doc_row.partial = ex.partial[:2000] if ex.partial else None
    claim_ids_old = select(ClaimRow.id).where(ClaimRow.document_id == doc_id)
    sentence_ids_old = select(SentenceRow.id).where(SentenceRow.document_id == doc_id)
    commitment_ids_old = select(CommitmentRow.id).where(CommitmentRow.document_id == doc_id)
    session.execute(delete(VerdictRow).where(VerdictRow.claim_id.in_(claim_ids_old), VerdictRow.origin == "machine"))
    session.execute(
        delete(ClaimMatchRow).where(
            or_(ClaimMatchRow.claim_id.in_(claim_ids_old), ClaimMatchRow.match_id.in_(claim_ids_old))
        )
    )
    session.execute(
        delete(ContradictionRow).where(
            or_(
                ContradictionRow.a_sentence_id.in_(sentence_ids_old),
                ContradictionRow.b_sentence_id.in_(sentence_ids_old),
            )
        )
    )
    session.execute(
        delete(PromiseStatusRow).where(
            PromiseStatusRow.commitment_id.in_(commitment_ids_old), PromiseStatusRow.origin == "machine"
        )
    )
    for table in EXTRACTED:
        session.execute(delete(table).where(table.document_id == doc_id))

    actors = _Actors(session, _names(ex))
    with session.no_autoflush:
        for actor in ex.actors:
            row = actors.get(actor.name, actor.kind)
            for alias in actor.aliases:
                actors.alias(row, alias)
        # Each row's actor is named now, in the order the rows were extracted; ids are filled in after
        # one flush of the new actors.
        linked: list[tuple[dict, str, ActorRow | None]] = []
        ids = RowIds(doc_id)
        located = {"document_id": doc_id, "run_id": run_id}
        mentions = []
        for m in ex.mentions:
            mid = ids.make("m", (m.span.start, m.span.end), (m.canonical, m.kind, m.via))
            if mid is None:
                continue
            row = {"id": mid, **located, "start": m.span.start, "end": m.span.end, "method": "actors.rules.v1"}
            row["via"] = m.via
            linked.append((row, "actor_id", actors.get(m.canonical, m.kind)))
            mentions.append(row)
        quote_ids: dict[str, str] = {}
        new_quotes = []
        for q in ex.quotes:
            qid = ids.make("q", (q.content.start, q.content.end), (q.id, q.direct, q.nested_in))
            if qid is None:
                continue
            quote_ids.setdefault(q.id, qid)
            new_quotes.append((qid, q))
        quotes = []
        for qid, q in new_quotes:
            spoken, actor = _speaker_cols(actors, q.speaker)
            row = {
                "id": qid,
                **located,
                "start": q.content.start,
                "end": q.content.end,
                "method": q.method,
                "direct": q.direct,
                "cue": q.cue.text if q.cue else None,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                "fragments": [[f.start, f.end] for f in q.fragments],
                "nested_in": quote_ids.get(q.nested_in) if q.nested_in else None,
                "statement": q.statement,
                **spoken,
            }
            linked.append((row, "speaker_actor_id", actor))
            quotes.append(row)
        claim_ids: dict[tuple[int, int], str] = {}
        claims = []
        for c in ex.claims:
            cid = ids.make("c", (c.span.start, c.span.end), (c.method, c.score))
            if cid is None:
                continue
            claim_ids.setdefault((c.span.start, c.span.end), cid)
            spoken, actor = _speaker_cols(actors, c.speaker)
            row = {
                "id": cid,
                **located,
                "start": c.span.start,
                "end": c.span.end,
                "method": c.method,
                "score": c.score,
                "claim_type": c.claim_type,
                "canonical": c.canonical.to_dict() if c.canonical else None,
                **spoken,
            }
            linked.append((row, "speaker_actor_id", actor))
            claims.append(row)
        owners = _SpanOwners(claim_ids)
        quantities = []
        for n in ex.quantities:
            nid = ids.make("n", (n.span.start, n.span.end), (n.value, n.upper, n.unit, n.kind))
            if nid is None:
                continue
            quantities.append(
                {
                    "id": nid,
                    **located,
                    "start": n.span.start,
                    "end": n.span.end,
                    "method": n.method,
                    "claim_id": owners.owner(n.span.start),
                    "value": n.value,
                    "upper": n.upper,
                    "unit": n.unit,
                    "approx": n.approx,
                    "kind": n.kind,
                    "unit_inferred": n.unit_inferred,
                }
            )
        times = []
        for t in ex.times:
            tid = ids.make("t", (t.span.start, t.span.end), (t.value, t.end, t.granularity, t.relative))
            if tid is None:
                continue
            times.append(
                {
                    "id": tid,
                    **located,
                    "start": t.span.start,
                    "end": t.span.end,
                    "method": t.method,
                    "value": t.value,
                    "end_value": t.end,
                    "granularity": t.granularity,
                    "relative": t.relative,
                }
            )
        commitments = []
        for p in ex.commitments:
            pid = ids.make("p", (p.span.start, p.span.end, p.action), (p.cue, p.kind, p.actor, p.beneficiary))
            if pid is None:
                continue
            actor = actors.get(p.actor, "unknown") if p.actor and p.actor.lower() in actors else None
            row = {
                "id": pid,
                **located,
                "start": p.span.start,
                "end": p.span.end,
                "method": p.method,
                "actor_name": p.actor,
                "action": p.action,
                "cue": p.cue,
                "beneficiary": p.beneficiary,
                "deadline_text": p.deadline.span.text if p.deadline else None,
                "deadline": p.deadline.value if p.deadline else None,
                "deadline_end": p.deadline.end if p.deadline else None,
                "source_name": p.source.name if p.source else None,
                "kind": p.kind,
                "canonical": p.canonical.to_dict() if p.canonical else None,
            }
            linked.append((row, "actor_id", actor))
            commitments.append(row)
    session.flush()  # the new actors and aliases, and the document's own changes
    for row, column, actor in linked:
        row[column] = actor.id if actor is not None else None

    sentences = []
    for i, sent in enumerate(ex.sentences):
        sid = ids.make("s", (sent.span.start, sent.span.end))
        if sid is None:
            continue
        sp = sent.speaker
        sentences.append(
            {
                "id": sid,
                **located,
                "start": sent.span.start,
                "end": sent.span.end,
                "method": "sentences.spacy.v1",
                "speaker_name": sp.name[:300] if sp else None,
                "speaker_kind": sp.kind if sp else None,
                "vector": vectors[i] if vectors is not None and i < len(vectors) else None,
            }
        )
    events = []
    for e in ex.events:
        eid = ids.make("e", (e.span.start, e.span.end, e.type), (e.trigger, e.status, tuple(e.participants), e.place))
        if eid is None:
            continue
        events.append(
            {
                "id": eid,
                **located,
                "start": e.span.start,
                "end": e.span.end,
                "method": e.method,
                "type": e.type,
                "status": e.status,
                "trigger": e.trigger,
                "participants": list(e.participants),
                "place": e.place,
                "date_text": e.date.span.text if e.date else None,
                "date": e.date.value if e.date else None,
                "date_end": e.date.end if e.date else None,
            }
        )
    for table, rows in (
        (MentionRow, mentions),
        (QuoteRow, quotes),
        (ClaimRow, claims),
        (QuantityRow, quantities),
        (TimeExpressionRow, times),
        (CommitmentRow, commitments),
        (SentenceRow, sentences),
        (EventRow, events),
    ):
        _insert_rows(session, table, rows)


def _insert_rows(session: Session, table: type, rows: list[dict]) -> None:
    """Insert rows of one table with multi-row statements, in order (sentences take their index keys so).

    Rows are grouped by the columns they set, since one statement must set the same columns in each row.
    """
    if not rows:
        return
    if len({tuple(row) for row in rows}) == 1:
        session.execute(insert(table), rows)
        return
    start = 0
    for i in range(1, len(rows) + 1):  # consecutive runs of one shape keep the order
        if i == len(rows) or tuple(rows[i]) != tuple(rows[start]):
            session.execute(insert(table), rows[start:i])
            start = i


class _SpanOwners:
    """Which claim holds a character: a bisect over the claims sorted by start, not a scan per number."""

    def __init__(self, spans: dict[tuple[int, int], str]) -> None:
        self._spans = sorted(spans.items())
        self._starts = [a for (a, _), _ in self._spans]

    def owner(self, char: int) -> str | None:
        from bisect import bisect_right

        i = bisect_right(self._starts, char)
        # the claims starting at or before char, earliest first; claims rarely overlap, so a few suffice
        for (a, b), cid in self._spans[max(0, i - 8) : i]:
            if a <= char < b:
                return cid
        return None


@dataclass
class Filters:
    """Filters shared by the list commands."""

    actor: str | None = None
    since: datetime | None = None
    doc: str | None = None
    limit: int = 200
    newest_first: bool = False  # the CLI lists newest documents first; reports read in order
    topics: bool = False  # quotes: also attributions whose content names only a topic (``QuoteRow.statement``)


def _filtered(stmt, model, f: Filters, actor_cols):
    stmt = stmt.join(DocumentRow, DocumentRow.id == model.document_id)
    if f.doc:
        stmt = stmt.where(DocumentRow.id == f.doc)
    if f.since:
        stmt = stmt.where(DocumentRow.published >= f.since)
    if f.actor and actor_cols:
        # autoescape: '%' and '_' in a filter match themselves, not everything
        conds = [func.lower(c).contains(f.actor.lower(), autoescape=True) for c in actor_cols]
        stmt = stmt.where(or_(*conds))
    return stmt.order_by(_by_date(f), model.document_id, model.start).limit(f.limit)


def _by_date(f: Filters):
    """Publication date, oldest first, or newest first with undated documents last."""
    return DocumentRow.published.desc().nulls_last() if f.newest_first else DocumentRow.published


def list_items(session: Session, kind: str, f: Filters) -> list:
    """Return ``(row, document)`` pairs of one kind: quotes, claims, promises, events. Quotes are those that
    report a statement unless ``f.topics``."""
    model, cols = {
        "quotes": (QuoteRow, [QuoteRow.speaker_name]),
        "claims": (ClaimRow, [ClaimRow.speaker_name]),
        "promises": (CommitmentRow, [CommitmentRow.actor_name, CommitmentRow.source_name]),
        "events": (EventRow, [EventRow.text]),
    }[kind]
    stmt = _filtered(select(model, DocumentRow), model, f, cols)
    if model is QuoteRow and not f.topics:
        stmt = stmt.where(QuoteRow.statement.is_(True))
    return list(session.execute(stmt).all())


def list_actors(session: Session, f: Filters) -> list[tuple[ActorRow, int]]:
    """Return actors with their mention counts, most mentioned first."""
    stmt = (
        select(ActorRow, func.count(MentionRow.id))
        .outerjoin(MentionRow, MentionRow.actor_id == ActorRow.id)
        .group_by(ActorRow.id)
    )
    if f.actor:
        stmt = stmt.where(func.lower(ActorRow.name).contains(f.actor.lower(), autoescape=True))
    if f.doc:
        stmt = stmt.where(MentionRow.document_id == f.doc)
    stmt = stmt.having(func.count(MentionRow.id) > 0)  # alias-table entries never mentioned are left out
    stmt = stmt.order_by(func.count(MentionRow.id).desc(), ActorRow.name).limit(f.limit)
    return list(session.execute(stmt).all())


def list_documents(session: Session, f: Filters) -> list[DocumentRow]:
    stmt = select(DocumentRow)
    if f.since:
        stmt = stmt.where(DocumentRow.published >= f.since)
    return list(session.scalars(stmt.order_by(_by_date(f), DocumentRow.id).limit(f.limit)))


def get_item(session: Session, item_id: str):
    """Return ``(kind, row)`` for any stored id: ``d_``, ``q_``, ``c_``, ``p_``, ``e_``, ``n_``, ``t_``."""
    prefix = item_id.split("_", 1)[0]
    model = ITEM_TABLES.get(prefix)
    row = session.get(model, item_id) if model else None
    if row is None:
        raise NotFound(f"No item {item_id!r}; ids look like q_…, c_…, p_…, e_… (see 'receipts quotes')")
    return prefix, row


def items_for_document(session: Session, doc_id: str) -> dict[str, list]:
    """Return every extracted row of one document, by table."""
    out = {}
    for name, model in (
        ("quotes", QuoteRow),
        ("claims", ClaimRow),
        ("quantities", QuantityRow),
        ("times", TimeExpressionRow),
        ("commitments", CommitmentRow),
        ("events", EventRow),
        ("mentions", MentionRow),
    ):
        out[name] = list(session.scalars(select(model).where(model.document_id == doc_id).order_by(model.start)))
    return out


def actors_for_document(session: Session, doc_id: str) -> list[ActorRow]:
    ids = select(MentionRow.actor_id).where(MentionRow.document_id == doc_id)
    sids = select(QuoteRow.speaker_actor_id).where(QuoteRow.document_id == doc_id)
    return list(
        session.scalars(
            select(ActorRow).where(or_(ActorRow.id.in_(ids), ActorRow.id.in_(sids))).order_by(ActorRow.name)
        )
    )


def counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in (
            ("documents", DocumentRow),
            ("quotes", QuoteRow),
            ("claims", ClaimRow),
            ("commitments", CommitmentRow),
            ("events", EventRow),
            ("actors", ActorRow),
        )
    }


def current_verdicts(session: Session, claim_ids: list[str]) -> dict[str, VerdictRow]:
    """The verdict in force per claim: an editor's if there is one, else the newest machine verdict."""
    out: dict[str, VerdictRow] = {}
    if not claim_ids:
        return out
    rows = session.scalars(
        select(VerdictRow)
        .where(VerdictRow.claim_id.in_(claim_ids), VerdictRow.current.is_(True))
        .order_by(VerdictRow.created_at)
    )
    for v in rows:
        if v.claim_id not in out or v.origin == "human" or out[v.claim_id].origin != "human":
            out[v.claim_id] = v
    return out


def promise_steps(session: Session, commitment_id: str) -> list[PromiseStatusRow]:
    return list(
        session.scalars(
            select(PromiseStatusRow)
            .where(PromiseStatusRow.commitment_id == commitment_id)
            .order_by(PromiseStatusRow.as_of, PromiseStatusRow.id)
        )
    )


def contradictions_for(session: Session, doc_ids: list[str]) -> list[tuple[ContradictionRow, SentenceRow, SentenceRow]]:
    out = []
    for c in session.scalars(select(ContradictionRow).order_by(ContradictionRow.score.desc())):
        a, b = session.get(SentenceRow, c.a_sentence_id), session.get(SentenceRow, c.b_sentence_id)
        if a is not None and b is not None and a.document_id in doc_ids and b.document_id in doc_ids:
            out.append((c, a, b))
    return out
