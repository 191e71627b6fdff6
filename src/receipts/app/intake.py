"""Bring a story in: one pasted or uploaded article, stored, extracted and (optionally) verified on its own.

The web form, ``POST /api/documents`` and ``receipts ingest`` share these use cases, so they report the
same ids, counts and warnings.

Example::

    result = bring_in(settings, StoryIn(text="...", source="Velmar Courier", published="2026-07-22"))
    result["documents"][0]["counts"]  # {"quotes": 3, "claims": 2, ...}
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from receipts.app import services
from receipts.app.render import doc_meta
from receipts.app.verification import verify_all
from receipts.config import Settings
from receipts.errors import IngestError, InvalidRequest, NotFound
from receipts.ingest import Overrides
from receipts.ingest.readers import SUPPORTED
from receipts.store.models import ClaimRow, CommitmentRow, DocumentRow, EventRow, QuoteRow

COUNTED = {"quotes": QuoteRow, "claims": ClaimRow, "commitments": CommitmentRow, "events": EventRow}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class StoryIn:
    """One story an editor brings in: pasted ``text`` or an uploaded file's ``data``, with its metadata.

    Metadata given here wins over what the file says (as ``receipts ingest --source ...`` does).
    """

    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None

    def overrides(self) -> Overrides:
        def clean(value: str | None) -> str | None:
            return value.strip() if value and value.strip() else None

        return Overrides(
            title=clean(self.title),
            source=clean(self.source),
            url=clean(self.url),
            published=clean(self.published),
            author=clean(self.author),
        )


def warnings_for(summary: dict) -> list[str]:
    """What an editor should fix about a stored document's metadata before relying on it.

    :param summary: A document summary (see :func:`summarize`).
    :returns: One sentence per missing field, naming what to do.
    """
    out = []
    if not summary.get("published"):
        out.append(
            "No publication date: its deadlines and 'so far' statements cannot be dated "
            "(give one in the form's Published field, or with --published YYYY-MM-DD)."
        )
    if not summary.get("source"):
        out.append(
            "No outlet: it cannot count as an independent source "
            "(give one in the form's Outlet field, or with --source NAME)."
        )
    return out


def summarize(settings: Settings, doc_ids: Iterable[str]) -> list[dict]:
    """Each stored document's metadata, how many items were extracted from it, and warnings.

    :param doc_ids: Document ids, e.g. from :attr:`receipts.app.services.IngestReport.added`.
    :returns: One dict per id, in the order given: ``id``, ``title``, ``source``, ``published``, ...,
        ``counts`` and ``warnings``.
    :raises NotFound: When an id is not stored.
    """
    store = services.open_store(settings)
    out = []
    with store.transaction() as s:
        for doc_id in doc_ids:
            d = s.get(DocumentRow, doc_id)
            if d is None:
                raise NotFound(f"No document {doc_id!r}; see 'receipts documents'")
            summary = doc_meta(d)
            summary["counts"] = {
                name: s.scalar(select(func.count()).select_from(row).where(row.document_id == doc_id)) or 0
                for name, row in COUNTED.items()
            }
            summary["warnings"] = warnings_for(summary)
            out.append(summary)
    return out


def verify_documents(
    settings: Settings, doc_ids: Iterable[str], *, on_progress: Callable[[str], None] | None = None
) -> list[dict]:
    """Check only what these documents touch: their claims, the claims, contradictions and promises
    their sentences bear on (seconds, not a full ``receipts verify``).

    :returns: The verdicts decided (the new documents' claims and any older claim they touch).
    """
    ids = set(doc_ids)
    if not ids:
        return []
    return verify_all(settings, documents=ids, on_progress=on_progress)["verdicts"]


def _file_name(filename: str | None) -> str:
    """A safe name for the uploaded file that keeps a suffix the readers know (else ``.txt``)."""
    name = _SAFE_NAME.sub("-", Path(filename or "").name).strip(".-")[:80] or "pasted"
    if Path(name).suffix.lower() not in SUPPORTED or not Path(name).suffix:
        name += ".txt"
    return name


def bring_in(settings: Settings, story: StoryIn, *, verify: bool = True) -> dict:
    """Store one pasted or uploaded story, extract it, and verify its claims.

    :param story: The text (or file bytes) and metadata.
    :param verify: Verify the new document's claims now.
    :returns: ``documents`` (summaries with counts and warnings), ``duplicates`` (summaries of stories
        already stored), ``verdicts`` (new machine verdicts).
    :raises InvalidRequest: When there is no text or both text and a file are given, or the file is too large.
    :raises IngestError: When the text or file cannot be read as a story.
    """
    text = story.text if story.text and story.text.strip() else None
    data = story.data if story.data else None
    if (text is None) == (data is None):
        raise InvalidRequest("bring a story in with either pasted text or a file (not both, not neither)")
    raw = data if data is not None else text.encode("utf-8")
    if len(raw) > settings.max_file_bytes:
        raise InvalidRequest(
            f"the story is {len(raw) / 1e6:.1f} MB, over the {settings.max_file_bytes / 1e6:.0f} MB "
            "limit (RECEIPTS_MAX_FILE_BYTES)"
        )
    name = _file_name(story.filename if data is not None else None)
    with tempfile.TemporaryDirectory(prefix="receipts-intake-") as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        report = services.ingest([str(path)], settings, overrides=story.overrides())
    if report.failed:
        raise IngestError(report.failed[0][1].replace(str(path), name))
    added = [doc_id for _, doc_id in report.added]
    store = services.open_store(settings)
    with store.transaction() as s:  # the temporary path means nothing later; say where it came from
        for doc_id in added:
            s.get(DocumentRow, doc_id).origin = f"upload:{name}" if data is not None else "pasted"
    verdicts = verify_documents(settings, added) if verify else []
    return {
        "documents": summarize(settings, added),
        "duplicates": summarize(settings, [doc_id for _, doc_id in report.duplicates]),
        "verdicts": verdicts,
    }
