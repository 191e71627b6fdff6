"""Read use cases: list, show and report stored items as plain dicts."""

from __future__ import annotations

from receipts.app import render
from receipts.app.index import SentenceIndex
from receipts.app.services import open_store, parse_since
from receipts.config import Settings
from receipts.retrieve.dense import make_embedder
from receipts.store import repo

COLUMNS = {
    "quotes": ["id", "published", "speaker", "cue", "text"],
    "claims": ["id", "published", "score", "speaker", "text"],
    "promises": ["id", "published", "actor", "cue", "action", "deadline"],
    "events": ["id", "published", "type", "status", "place", "date", "participants"],
    "actors": ["id", "name", "kind", "mentions", "aliases"],
    "documents": ["id", "published", "source", "title", "words"],
}


def list_items(
    settings: Settings,
    kind: str,
    *,
    actor: str | None = None,
    since: str | None = None,
    doc: str | None = None,
    limit: int = 200,
    newest_first: bool = False,
    topics: bool = False,
) -> list[dict]:
    """Return stored items of one kind as dicts, oldest document first (``newest_first``: newest first).

    ``limit`` keeps the first items in that order: ``newest_first`` with ``limit=3`` gives the newest three.
    ``topics``: quotes also include attributions whose content names only a topic ("discussed [the plan]").
    """
    store = open_store(settings)
    f = repo.Filters(
        actor=actor, since=parse_since(since), doc=doc, limit=limit, newest_first=newest_first, topics=topics
    )
    with store.transaction() as s:
        if kind == "actors":
            return [
                {"id": a.id, "name": a.name, "kind": a.kind, "mentions": n, "aliases": render.alias_names(a)}
                for a, n in repo.list_actors(s, f)
            ]
        if kind == "documents":
            return [render.doc_meta(d) | {"words": d.words} for d in repo.list_documents(s, f)]
        out = []
        for row, doc_row in repo.list_items(s, kind, f):
            item = render.item_json(kind, row)
            item["published"] = render.doc_meta(doc_row)["published"]
            item["source"] = doc_row.source.name if doc_row.source else None
            out.append(item)
        return out


def cell(item: dict, column: str) -> str:
    """Format one table cell."""
    value = item.get(column)
    if column == "speaker":
        value = value["name"] if value else "—"
    elif column == "deadline":
        value = f"{value['text']} ({value['value']})" if value else ""
    elif column in ("participants", "aliases"):
        value = ", ".join(value or [])
    elif column == "score":
        value = f"{value:.2f}"
    return "" if value is None else str(value)


def show_item(settings: Settings, item_id: str) -> dict:
    """Return one item with its fields, document and highlighted context."""
    store = open_store(settings)
    with store.transaction() as s:
        prefix, row = repo.get_item(s, item_id)
        if prefix == "d":
            doc = row
            fields = {
                "title": doc.title,
                "url": doc.url,
                "author": doc.author,
                "words": doc.words,
                "origin": doc.origin,
            }
            return {
                "kind": "document",
                "id": item_id,
                "fields": fields,
                "document": render.doc_meta(doc),
                "context": (doc.text[:400], 0, 0),
            }
        doc = repo.get_document(s, row.document_id)
        kind = {"q": "quote", "c": "claim", "p": "commitment", "e": "event", "n": "quantity", "t": "time"}[prefix]
        fields = {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name not in ("document_id",)}
        fields = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
        context = render.sentence_around(doc.text, row.start, row.end)
        return {"kind": kind, "id": item_id, "fields": fields, "document": render.doc_meta(doc), "context": context}


def report(settings: Settings) -> str:
    """Return the Markdown report over everything stored."""
    store = open_store(settings)
    with store.transaction() as s:
        return render.report_markdown(s)


_INDEXES: dict[str, object] = {}


def sentence_index(settings: Settings):
    """Return the process-wide sentence index for this database, refreshed with anything new."""
    index = _INDEXES.get(settings.database_url)
    if index is None:
        embedder = make_embedder(
            settings.embeddings,
            settings.embedding_model,
            lazy=True,
            backend=settings.embedding_backend,
            cache_dir=settings.model_cache,
        )  # loaded on first use
        index = SentenceIndex(open_store(settings), embedder)
        _INDEXES[settings.database_url] = index
    index.refresh()
    return index


def search(settings: Settings, text: str, *, k: int = 10) -> list[dict]:
    """Hybrid search over every stored sentence; ranked, with document, speaker and date.

    Only sentences that share a word with the query or are close to it in meaning: a query unrelated to
    the record returns nothing.
    """
    index = sentence_index(settings)
    return [
        {
            "id": item.id,
            "text": item.text,
            "score": round(score, 5),
            "document_id": item.document_id,
            "title": item.title,
            "source": item.source,
            "speaker": item.speaker,
            "published": item.published.date().isoformat() if item.published else None,
            "start": item.start,
            "end": item.end,
        }
        for item, score in index.search_relevant(text, k=k)
    ]
