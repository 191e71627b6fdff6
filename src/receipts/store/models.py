"""ORM rows. Every extracted row keeps its document id and character offsets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    true,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    column_property,
    declared_attr,
    mapped_column,
    relationship,
    validates,
)

from receipts.store.methods import MethodName
from receipts.types import safe_url


class Base(DeclarativeBase):
    pass


# 64-bit on PostgreSQL; SQLite's INTEGER PRIMARY KEY is the 64-bit rowid already.
BigIntegerKey = BigInteger().with_variant(Integer(), "sqlite")


class SourceRow(Base):
    """An outlet or issuing body: "Meridian Wire", "Ostravian Defense Recovery Agency"."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)


class PipelineRunRow(Base):
    """One run of ingest or extract: what code and configuration produced the rows."""

    __tablename__ = "pipeline_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(String(50))
    code_version: Mapped[str] = mapped_column(String(50))
    config_hash: Mapped[str] = mapped_column(String(64))
    spacy_model: Mapped[str] = mapped_column(String(300))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    n_failed: Mapped[int] = mapped_column(Integer, default=0)
    # running | finished | interrupted (a run whose process died before it finished, found at the next open)
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the process running it, on host
    host: Mapped[str | None] = mapped_column(String(255), nullable=True)


class RunErrorRow(Base):
    """A document that failed in a run, and why."""

    __tablename__ = "run_errors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("pipeline_runs.id", ondelete="CASCADE"))
    origin: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(50))
    message: Mapped[str] = mapped_column(Text)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), nullable=True)
    origin: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pipeline_runs.id"), nullable=True)
    # near-duplicate detection: a MinHash of word shingles, and the earlier document this one republishes
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)
    near_duplicate_of: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    near_duplicate_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    # why extraction is incomplete (a stage failed, or the time budget ran out); None when complete
    partial: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[SourceRow | None] = relationship(lazy="joined")

    @validates("url")
    def _only_web_links(self, _key: str, url: str | None) -> str | None:
        """Store no link a reader or a ClaimReview consumer could not safely follow (javascript:, data:, //host)."""
        return safe_url(url)


class ActorRow(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("key", name="uq_actors_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))  # lower-cased canonical name
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list[ActorAliasRow]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", lazy="selectin"
    )


class ActorAliasRow(Base):
    __tablename__ = "actor_aliases"
    # names are looked up lower-cased (repo._Actors): an index on that, not a scan (migration 0015)
    __table_args__ = (
        UniqueConstraint("actor_id", "alias", name="uq_alias"),
        Index("ix_actor_aliases_lower", sql_text("lower(alias)")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    actor: Mapped[ActorRow] = relationship(back_populates="aliases")


class _Located:
    """Columns every extracted row carries: where it is and what produced it."""

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("pipeline_runs.id"), nullable=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(MethodName(60))


class _Extracted(_Located):
    """An extracted row whose text is read from its document: the characters ``start`` to ``end`` of the
    document's text (SQL ``substr``, which counts characters on SQLite and PostgreSQL as Python does).

    The text is not stored a second time (migration 0012); it can be given to the constructor, for the
    objects in hand, and every query reads it as a column. Sentences read theirs the same way since
    migration 0014; the full-text index's triggers read it from the document.
    """

    @declared_attr
    def text(cls) -> Mapped[str]:
        return column_property(
            select(func.substr(DocumentRow.text, cls.start + 1, cls.end - cls.start))
            .where(DocumentRow.id == cls.document_id)
            .correlate_except(DocumentRow)
            .scalar_subquery()
        )


class MentionRow(_Extracted, Base):
    __tablename__ = "mentions"
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    via: Mapped[str] = mapped_column(String(20))


class _Spoken:
    speaker_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), nullable=True, index=True)
    speaker_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    speaker_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    speaker_via: Mapped[str | None] = mapped_column(String(20), nullable=True)
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)


class QuoteRow(_Extracted, _Spoken, Base):
    __tablename__ = "quotes"
    direct: Mapped[bool] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(String(100), nullable=True)
    cue_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cue_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fragments: Mapped[list] = mapped_column(JSON, default=list)
    nested_in: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # False: the content names only a topic ("discussed [the strategy]"); migration 0013
    statement: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ClaimRow(_Extracted, _Spoken, Base):
    __tablename__ = "claims"
    score: Mapped[float] = mapped_column(Float, index=True)
    canonical: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    claim_type: Mapped[str | None] = mapped_column(String(20), nullable=True)


class QuantityRow(_Extracted, Base):
    __tablename__ = "quantities"
    claim_id: Mapped[str | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"), nullable=True)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str | None] = mapped_column(String(200), nullable=True)
    approx: Mapped[str | None] = mapped_column(String(20), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    unit_inferred: Mapped[bool] = mapped_column(Boolean, default=False)


class TimeExpressionRow(_Extracted, Base):
    __tablename__ = "time_expressions"
    value: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_value: Mapped[date | None] = mapped_column(Date, nullable=True)
    granularity: Mapped[str] = mapped_column(String(20))
    relative: Mapped[bool] = mapped_column(Boolean, default=False)


class CommitmentRow(_Extracted, Base):
    __tablename__ = "commitments"
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), nullable=True, index=True)
    actor_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    action: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(String(50))
    beneficiary: Mapped[str | None] = mapped_column(String(300), nullable=True)
    deadline_text: Mapped[str | None] = mapped_column(String(200), nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    deadline_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    source_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    canonical: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class EventRow(_Extracted, Base):
    __tablename__ = "events"
    type: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20))
    trigger: Mapped[str] = mapped_column(String(50))
    participants: Mapped[list] = mapped_column(JSON, default=list)
    place: Mapped[str | None] = mapped_column(String(300), nullable=True)
    date_text: Mapped[str | None] = mapped_column(String(200), nullable=True)
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_end: Mapped[date | None] = mapped_column(Date, nullable=True)


class SentenceRow(_Extracted, Base):
    """Every stored sentence, the unit of retrieval; its MiniLM vector is kept beside it.

    Its text and date are read from its document (migration 0014), as every extracted row's text is; the
    full-text index is fed from the document's text by the database's own triggers.
    """

    __tablename__ = "sentences"
    speaker_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    speaker_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)

    @declared_attr
    def published(cls) -> Mapped[datetime | None]:
        return column_property(
            select(DocumentRow.published)
            .where(DocumentRow.id == cls.document_id)
            .correlate_except(DocumentRow)
            .scalar_subquery()
        )

    # float16 since migration 0010 (retrieve.dense.pack); a moved span or a new vector gives the sentence a new key.
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class SentenceIndexRow(Base):
    """A sentence's key in the on-disk index; keys only grow, so "what is new" is one comparison.

    Written by database triggers (migration 0010), never by the ORM: every writer of ``sentences`` keeps
    the full-text index and the keys current.
    """

    __tablename__ = "sentence_index"
    __table_args__ = {"sqlite_autoincrement": True}
    key: Mapped[int] = mapped_column(BigIntegerKey, primary_key=True, autoincrement=True)
    sentence_id: Mapped[str] = mapped_column(String(40), ForeignKey("sentences.id", ondelete="CASCADE"), unique=True)


class SentenceGoneRow(Base):
    """The key of a sentence deleted or changed since it was indexed (vector files mask it)."""

    __tablename__ = "sentence_index_gone"
    key: Mapped[int] = mapped_column(BigIntegerKey, primary_key=True, autoincrement=False)


class IndexMetaRow(Base):
    """Facts about the index: ``store_id`` stamps vector files so one store never reads another's."""

    __tablename__ = "index_meta"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class VerdictRow(Base):
    """A verdict on a claim, by a method (machine) or an editor (human)."""

    __tablename__ = "verdicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Not a foreign key on purpose: an editor's verdict outlives a re-extraction of its claim.
    claim_id: Mapped[str] = mapped_column(String(40), index=True)
    label: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    method: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(10), default="machine")  # machine | human
    reviewer: Mapped[str | None] = mapped_column(String(100), nullable=True)
    rationale: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class ContradictionRow(Base):
    """Two statements from different sources about the same thing that cannot both be true."""

    __tablename__ = "contradictions"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    a_sentence_id: Mapped[str] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    b_sentence_id: Mapped[str] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PromiseStatusRow(Base):
    """One dated step in a commitment's status timeline."""

    __tablename__ = "promise_statuses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[str] = mapped_column(String(40), index=True)  # survives re-extraction, like verdicts
    status: Mapped[str] = mapped_column(String(20))
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    method: Mapped[str] = mapped_column(String(80))
    origin: Mapped[str] = mapped_column(String(10), default="machine")
    reviewer: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimMatchRow(Base):
    """Two claims that say the same thing (a repetition), with their similarity."""

    __tablename__ = "claim_matches"
    __table_args__ = (UniqueConstraint("claim_id", "match_id", name="uq_claim_match"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(12))  # suggested | confirmed


Index("ix_claims_doc_start", ClaimRow.document_id, ClaimRow.start)


class UserRow(Base):
    """An editor who may review verdicts. Passwords and API tokens are stored only as hashes."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A session cookie carries the generation it was issued under; logout moves it on, ending them all.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuditRow(Base):
    """One editorial change: who, when, what it was before and after, and why."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(20))  # claim | promise | user
    entity_id: Mapped[str] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(30))  # confirm | override | create
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    rationale: Mapped[str | None] = mapped_column(Text, nullable=True)


class ReviewStateRow(Base):
    """An editor's decision on an item outside the verdict history: a dismissed claim (left out of the
    review queue) or a contradiction's state (open, confirmed, dismissed). Kept apart from the rows
    ``receipts verify`` rebuilds, keyed by their content ids, so a decision survives a new run."""

    __tablename__ = "review_states"
    entity: Mapped[str] = mapped_column(String(20), primary_key=True)  # claim | contradiction
    entity_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))  # claim: dismissed; contradiction: open | confirmed | dismissed
    rationale: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClaimReviewEditRow(Base):
    """What an editor wrote for a claim's published ClaimReview: the claim as summarised for readers
    (``claimReviewed``), the review's text (``reviewBody``) and further sources (``citation``). Keyed by the
    claim's content id, like verdicts, so it outlives a re-extraction."""

    __tablename__ = "claimreview_edits"
    claim_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_reviewed: Mapped[str | None] = mapped_column(Text, nullable=True)
    review_body: Mapped[str | None] = mapped_column(Text, nullable=True)
    sources: Mapped[list] = mapped_column(JSON, default=list)  # [{"url": ..., "name": ...}]
    editor: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
