"""Writes and reads of the store. Takes and returns rows and domain types; no spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from receipts.errors import NotFound
from receipts.store.models import (ActorAliasRow, ActorRow, ClaimMatchRow, ClaimRow, CommitmentRow,
                                   ContradictionRow, DocumentRow, EventRow, MentionRow, PipelineRunRow,
                                   PromiseStatusRow, QuantityRow, QuoteRow, RunErrorRow, SentenceRow, SourceRow,
                                   TimeExpressionRow, VerdictRow)
from receipts.types import Article, Extraction, Speaker, content_id

EXTRACTED = (MentionRow, QuoteRow, QuantityRow, TimeExpressionRow, CommitmentRow, EventRow, ClaimRow, SentenceRow)
ITEM_TABLES = {"q": QuoteRow, "c": ClaimRow, "p": CommitmentRow, "e": EventRow, "n": QuantityRow,
               "t": TimeExpressionRow, "d": DocumentRow}


def now() -> datetime:
    return datetime.now(timezone.utc)


def start_run(session: Session, *, command: str, code_version: str, config_hash: str, spacy_model: str) -> int:
    """Record the start of a pipeline run and return its id."""
    run = PipelineRunRow(command=command, code_version=code_version, config_hash=config_hash,
                         spacy_model=spacy_model, started_at=now(), n_documents=0, n_duplicates=0, n_failed=0)
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, *, documents: int, duplicates: int, failed: int) -> None:
    run = session.get(PipelineRunRow, run_id)
    if run is None:
        raise NotFound(f"No pipeline run {run_id}")
    run.finished_at = now()
    run.n_documents, run.n_duplicates, run.n_failed = documents, duplicates, failed


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
        id=f"d_{digest[:12]}", content_hash=digest, title=article.title, url=article.url, author=article.author,
        published=article.published, source=_source(session, article.source), origin=article.origin,
        content_type=article.content_type, text=article.text, words=len(article.text.split()),
        ingested_at=now(), run_id=run_id,
    )
    session.add(doc)
    session.flush()
    return doc


def get_document(session: Session, doc_id: str) -> DocumentRow:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        raise NotFound(f"No document {doc_id!r}; see 'receipts documents'")
    return row


def _actor(session: Session, cache: dict[str, ActorRow], name: str, kind: str) -> ActorRow:
    key = " ".join(name.split()).lower()[:300]
    if key in cache:
        return cache[key]
    row = session.scalar(select(ActorRow).where(ActorRow.key == key))
    if row is None:
        row = ActorRow(key=key, name=name[:300], kind=kind)
        session.add(row)
        session.flush()
    elif row.kind == "unknown" and kind != "unknown":
        row.kind = kind
    cache[key] = row
    return row


def _alias(row: ActorRow, alias: str) -> None:
    alias = " ".join(alias.split())[:300]
    if alias and alias != row.name and alias not in {a.alias for a in row.aliases}:
        row.aliases.append(ActorAliasRow(alias=alias))


def _speaker_cols(session: Session, cache: dict[str, ActorRow], speaker: Speaker | None) -> dict:
    if speaker is None:
        return {}
    actor_id = None
    known = " ".join(speaker.name.split()).lower() in cache
    if known or (speaker.kind in ("organisation", "country", "group") and speaker.via in ("name", "description")) \
            or (speaker.kind == "person" and speaker.via in ("name", "pronoun", "title")):
        actor_id = _actor(session, cache, speaker.name, speaker.kind).id
    return {
        "speaker_actor_id": actor_id, "speaker_name": speaker.name[:300], "speaker_kind": speaker.kind,
        "speaker_via": speaker.via, "source_start": speaker.span.start if speaker.span else None,
        "source_end": speaker.span.end if speaker.span else None,
    }


def replace_extraction(session: Session, doc_id: str, ex: Extraction, run_id: int | None,
                       vectors: list[bytes | None] | None = None) -> None:
    """Replace everything extracted from one document with a new extraction, in the caller's transaction.

    :param vectors: One packed float32 vector per sentence of the extraction, or None.
    """
    doc_row = session.get(DocumentRow, doc_id)
    claim_ids_old = select(ClaimRow.id).where(ClaimRow.document_id == doc_id)
    sentence_ids_old = select(SentenceRow.id).where(SentenceRow.document_id == doc_id)
    commitment_ids_old = select(CommitmentRow.id).where(CommitmentRow.document_id == doc_id)
    session.execute(delete(VerdictRow).where(VerdictRow.claim_id.in_(claim_ids_old), VerdictRow.origin == "machine"))
    session.execute(delete(ClaimMatchRow).where(or_(ClaimMatchRow.claim_id.in_(claim_ids_old), ClaimMatchRow.match_id.in_(claim_ids_old))))
    session.execute(delete(ContradictionRow).where(or_(ContradictionRow.a_sentence_id.in_(sentence_ids_old),
                                                       ContradictionRow.b_sentence_id.in_(sentence_ids_old))))
    session.execute(delete(PromiseStatusRow).where(PromiseStatusRow.commitment_id.in_(commitment_ids_old),
                                                   PromiseStatusRow.origin == "machine"))
    for table in EXTRACTED:
        session.execute(delete(table).where(table.document_id == doc_id))
    cache: dict[str, ActorRow] = {}
    for actor in ex.actors:
        row = _actor(session, cache, actor.name, actor.kind)
        for alias in actor.aliases:
            _alias(row, alias)

    def iid(prefix: str, *parts: object) -> str:
        return content_id(prefix, doc_id, *parts)

    for m in ex.mentions:
        session.add(MentionRow(id=iid("m", m.span.start, m.span.end), document_id=doc_id, run_id=run_id,
                               start=m.span.start, end=m.span.end, text=m.span.text, method="actors.rules.v1",
                               actor_id=_actor(session, cache, m.canonical, m.kind).id, via=m.via))
    quote_ids = {q.id: iid("q", q.content.start, q.content.end) for q in ex.quotes}
    for q in ex.quotes:
        session.add(QuoteRow(
            id=quote_ids[q.id], document_id=doc_id, run_id=run_id, start=q.content.start, end=q.content.end,
            text=q.content.text, method=q.method, direct=q.direct, cue=q.cue.text if q.cue else None,
            cue_start=q.cue.start if q.cue else None, cue_end=q.cue.end if q.cue else None,
            fragments=[[f.start, f.end] for f in q.fragments], nested_in=quote_ids.get(q.nested_in) if q.nested_in else None,
            **_speaker_cols(session, cache, q.speaker),
        ))
    claim_ids = {}
    for c in ex.claims:
        cid = iid("c", c.span.start, c.span.end)
        claim_ids[(c.span.start, c.span.end)] = cid
        session.add(ClaimRow(id=cid, document_id=doc_id, run_id=run_id, start=c.span.start, end=c.span.end,
                             text=c.span.text, method=c.method, score=c.score, claim_type=c.claim_type,
                             canonical=c.canonical.to_dict() if c.canonical else None,
                             **_speaker_cols(session, cache, c.speaker)))
    session.flush()
    for n in ex.quantities:
        owner = next((cid for (a, b), cid in claim_ids.items() if a <= n.span.start < b), None)
        session.add(QuantityRow(id=iid("n", n.span.start, n.span.end), document_id=doc_id, run_id=run_id,
                                start=n.span.start, end=n.span.end, text=n.span.text, method=n.method, claim_id=owner,
                                value=n.value, upper=n.upper, unit=n.unit, approx=n.approx, kind=n.kind,
                                unit_inferred=n.unit_inferred))
    for t in ex.times:
        session.add(TimeExpressionRow(id=iid("t", t.span.start, t.span.end), document_id=doc_id, run_id=run_id,
                                      start=t.span.start, end=t.span.end, text=t.span.text, method=t.method,
                                      value=t.value, end_value=t.end, granularity=t.granularity, relative=t.relative))
    for p in ex.commitments:
        actor_id = _actor(session, cache, p.actor, "unknown").id if p.actor and p.actor.lower() in cache else None
        session.add(CommitmentRow(
            id=iid("p", p.span.start, p.span.end, p.action), document_id=doc_id, run_id=run_id, start=p.span.start,
            end=p.span.end, text=p.span.text, method=p.method, actor_id=actor_id, actor_name=p.actor, action=p.action,
            cue=p.cue, beneficiary=p.beneficiary, deadline_text=p.deadline.span.text if p.deadline else None,
            deadline=p.deadline.value if p.deadline else None, deadline_end=p.deadline.end if p.deadline else None,
            source_name=p.source.name if p.source else None, kind=p.kind,
            canonical=p.canonical.to_dict() if p.canonical else None,
        ))
    for i, sent in enumerate(ex.sentences):
        sp = sent.speaker
        session.add(SentenceRow(
            id=iid("s", sent.span.start, sent.span.end), document_id=doc_id, run_id=run_id, start=sent.span.start,
            end=sent.span.end, text=sent.span.text, method="sentences.spacy.v1",
            speaker_name=sp.name[:300] if sp else None, speaker_kind=sp.kind if sp else None,
            published=doc_row.published if doc_row else None,
            vector=vectors[i] if vectors is not None and i < len(vectors) else None,
        ))
    for e in ex.events:
        session.add(EventRow(
            id=iid("e", e.span.start, e.span.end, e.type), document_id=doc_id, run_id=run_id, start=e.span.start,
            end=e.span.end, text=e.span.text, method=e.method, type=e.type, status=e.status, trigger=e.trigger,
            participants=list(e.participants), place=e.place, date_text=e.date.span.text if e.date else None,
            date=e.date.value if e.date else None, date_end=e.date.end if e.date else None,
        ))
    session.flush()


@dataclass
class Filters:
    """Filters shared by the list commands."""

    actor: str | None = None
    since: datetime | None = None
    doc: str | None = None
    limit: int = 200


def _filtered(stmt, model, f: Filters, actor_cols):
    stmt = stmt.join(DocumentRow, DocumentRow.id == model.document_id)
    if f.doc:
        stmt = stmt.where(DocumentRow.id == f.doc)
    if f.since:
        stmt = stmt.where(DocumentRow.published >= f.since)
    if f.actor and actor_cols:
        like = f"%{f.actor.lower()}%"
        conds = [func.lower(c).like(like) for c in actor_cols]
        stmt = stmt.where(or_(*conds))
    return stmt.order_by(DocumentRow.published, model.document_id, model.start).limit(f.limit)


def list_items(session: Session, kind: str, f: Filters) -> list:
    """Return ``(row, document)`` pairs of one kind: quotes, claims, promises, events."""
    model, cols = {
        "quotes": (QuoteRow, [QuoteRow.speaker_name]),
        "claims": (ClaimRow, [ClaimRow.speaker_name]),
        "promises": (CommitmentRow, [CommitmentRow.actor_name, CommitmentRow.source_name]),
        "events": (EventRow, [EventRow.text]),
    }[kind]
    stmt = _filtered(select(model, DocumentRow), model, f, cols)
    return list(session.execute(stmt).all())


def list_actors(session: Session, f: Filters) -> list[tuple[ActorRow, int]]:
    """Return actors with their mention counts, most mentioned first."""
    stmt = (select(ActorRow, func.count(MentionRow.id)).outerjoin(MentionRow, MentionRow.actor_id == ActorRow.id)
            .group_by(ActorRow.id))
    if f.actor:
        stmt = stmt.where(func.lower(ActorRow.name).like(f"%{f.actor.lower()}%"))
    if f.doc:
        stmt = stmt.where(MentionRow.document_id == f.doc)
    stmt = stmt.order_by(func.count(MentionRow.id).desc(), ActorRow.name).limit(f.limit)
    return list(session.execute(stmt).all())


def list_documents(session: Session, f: Filters) -> list[DocumentRow]:
    stmt = select(DocumentRow)
    if f.since:
        stmt = stmt.where(DocumentRow.published >= f.since)
    return list(session.scalars(stmt.order_by(DocumentRow.published, DocumentRow.id).limit(f.limit)))


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
    for name, model in (("quotes", QuoteRow), ("claims", ClaimRow), ("quantities", QuantityRow),
                        ("times", TimeExpressionRow), ("commitments", CommitmentRow), ("events", EventRow),
                        ("mentions", MentionRow)):
        out[name] = list(session.scalars(select(model).where(model.document_id == doc_id).order_by(model.start)))
    return out


def actors_for_document(session: Session, doc_id: str) -> list[ActorRow]:
    ids = select(MentionRow.actor_id).where(MentionRow.document_id == doc_id)
    sids = select(QuoteRow.speaker_actor_id).where(QuoteRow.document_id == doc_id)
    return list(session.scalars(select(ActorRow).where(or_(ActorRow.id.in_(ids), ActorRow.id.in_(sids))).order_by(ActorRow.name)))


def counts(session: Session) -> dict[str, int]:
    return {name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in
            (("documents", DocumentRow), ("quotes", QuoteRow), ("claims", ClaimRow), ("commitments", CommitmentRow),
             ("events", EventRow), ("actors", ActorRow))}


def current_verdicts(session: Session, claim_ids: list[str]) -> dict[str, VerdictRow]:
    """The verdict in force per claim: an editor's if there is one, else the newest machine verdict."""
    out: dict[str, VerdictRow] = {}
    if not claim_ids:
        return out
    rows = session.scalars(select(VerdictRow).where(VerdictRow.claim_id.in_(claim_ids), VerdictRow.current.is_(True))
                           .order_by(VerdictRow.created_at))
    for v in rows:
        if v.claim_id not in out or v.origin == "human" or out[v.claim_id].origin != "human":
            out[v.claim_id] = v
    return out


def promise_steps(session: Session, commitment_id: str) -> list[PromiseStatusRow]:
    return list(session.scalars(select(PromiseStatusRow).where(PromiseStatusRow.commitment_id == commitment_id)
                                .order_by(PromiseStatusRow.as_of, PromiseStatusRow.id)))


def contradictions_for(session: Session, doc_ids: list[str]) -> list[tuple[ContradictionRow, SentenceRow, SentenceRow]]:
    out = []
    for c in session.scalars(select(ContradictionRow).order_by(ContradictionRow.score.desc())):
        a, b = session.get(SentenceRow, c.a_sentence_id), session.get(SentenceRow, c.b_sentence_id)
        if a is not None and b is not None and a.document_id in doc_ids and b.document_id in doc_ids:
            out.append((c, a, b))
    return out
