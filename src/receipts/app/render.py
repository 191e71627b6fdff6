"""Turn stored rows into JSON-ready dicts and readable Markdown reports."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy.orm import Session

from receipts.app.eventlines import event_lines
from receipts.extract.lexicon import SPEECH_VERBS
from receipts.store import repo
from receipts.store.models import ClaimRow, CommitmentRow, DocumentRow, EventRow, QuoteRow
from receipts.verify.rules import LEAD, read_lead


def alias_names(actor) -> list[str]:
    """An actor's aliases once each, whatever their case: "the president" for "The president" too,
    "Velmar" for a dateline's "VELMAR" (the variant with the fewest capitals)."""
    best: dict[str, str] = {}
    for alias in (x.alias for x in actor.aliases):
        key = alias.lower()
        if key == actor.name.lower():
            continue
        if key not in best or sum(c.isupper() for c in alias) < sum(c.isupper() for c in best[key]):
            best[key] = alias
    return sorted(best.values(), key=str.lower)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def doc_meta(doc: DocumentRow) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source.name if doc.source else None,
        "url": doc.url,
        "author": doc.author,
        "published": _iso(doc.published.date()) if doc.published else None,
        "origin": doc.origin,
        "near_duplicate_of": doc.near_duplicate_of,
        "near_duplicate_score": doc.near_duplicate_score,
    }


def _speaker(row) -> dict | None:
    if not row.speaker_name:
        return None
    return {
        "name": row.speaker_name,
        "kind": row.speaker_kind,
        "via": row.speaker_via,
        "actor_id": row.speaker_actor_id,
        "start": row.source_start,
        "end": row.source_end,
    }


def quote_json(q: QuoteRow) -> dict:
    return {
        "id": q.id,
        "document_id": q.document_id,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "direct": q.direct,
        "cue": q.cue,
        "cue_start": q.cue_start,
        "cue_end": q.cue_end,
        "fragments": q.fragments,
        "nested_in": q.nested_in,
        "speaker": _speaker(q),
        "method": q.method,
        "statement": q.statement,
    }


def claim_json(c: ClaimRow, quantities=(), times=()) -> dict:
    return {
        "id": c.id,
        "document_id": c.document_id,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "score": c.score,
        "speaker": _speaker(c),
        "method": c.method,
        "canonical": c.canonical,
        "claim_type": c.claim_type,
        "quantities": [
            {
                "value": n.value,
                "upper": n.upper,
                "unit": n.unit,
                "approx": n.approx,
                "kind": n.kind,
                "text": n.text,
                "start": n.start,
                "end": n.end,
                "unit_inferred": n.unit_inferred,
            }
            for n in quantities
        ],
        "times": [
            {
                "text": t.text,
                "value": _iso(t.value),
                "end": _iso(t.end_value),
                "granularity": t.granularity,
                "start": t.start,
            }
            for t in times
        ],
    }


def commitment_json(p: CommitmentRow) -> dict:
    return {
        "id": p.id,
        "document_id": p.document_id,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "actor": p.actor_name,
        "action": p.action,
        "beneficiary": p.beneficiary,
        "cue": p.cue,
        "kind": p.kind,
        "deadline": {"text": p.deadline_text, "value": _iso(p.deadline), "end": _iso(p.deadline_end)}
        if p.deadline_text
        else None,
        "source": p.source_name,
        "method": p.method,
        "canonical": p.canonical,
    }


def event_json(e: EventRow) -> dict:
    return {
        "id": e.id,
        "document_id": e.document_id,
        "text": e.text,
        "start": e.start,
        "end": e.end,
        "type": e.type,
        "status": e.status,
        "trigger": e.trigger,
        "participants": e.participants,
        "place": e.place,
        "date": _iso(e.date),
        "date_end": _iso(e.date_end),
        "date_text": e.date_text,
        "method": e.method,
    }


def item_json(kind: str, row) -> dict:
    return {"quotes": quote_json, "claims": claim_json, "promises": commitment_json, "events": event_json}[kind](row)


def document_json(session: Session, doc_id: str) -> dict:
    """Return the ``receipts analyze --json`` object for one stored document."""
    doc = repo.get_document(session, doc_id)
    items = repo.items_for_document(session, doc_id)
    quantities = defaultdict(list)
    for n in items["quantities"]:
        quantities[n.claim_id].append(n)
    claims = []
    for c in items["claims"]:
        times = [t for t in items["times"] if c.start <= t.start < c.end]
        claims.append(claim_json(c, quantities.get(c.id, []), times))
    actors = repo.actors_for_document(session, doc_id)
    return {
        "document": doc_meta(doc),
        "quotes": [quote_json(q) for q in items["quotes"]],
        "claims": claims,
        "commitments": [commitment_json(p) for p in items["commitments"]],
        "events": [event_json(e) for e in items["events"]],
        "quantities": [
            {
                "id": n.id,
                "value": n.value,
                "unit": n.unit,
                "text": n.text,
                "start": n.start,
                "end": n.end,
                "approx": n.approx,
                "kind": n.kind,
            }
            for n in items["quantities"]
        ],
        "times": [
            {
                "id": t.id,
                "text": t.text,
                "value": _iso(t.value),
                "end": _iso(t.end_value),
                "start": t.start,
                "end_char": t.end,
            }
            for t in items["times"]
        ],
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": alias_names(a)} for a in actors],
    }


def sentence_around(text: str, start: int, end: int, *, pad: int = 160) -> tuple[str, int, int]:
    """Return the sentence-ish context of ``[start, end)`` and the span's offsets inside it.

    The context stays inside the paragraph and, where ``pad`` cuts it, starts and ends at a sentence
    boundary or at least between words (never "ame with nothing but...").
    """
    lo = max(0, start - pad)
    para = text.rfind("\n\n", lo, start)
    if para != -1:
        lo = para + 2
    elif lo > 0:
        stop = max(text.rfind(mark, lo, start) for mark in (". ", "? ", "! ", '." ', '?" ', '!" '))
        if stop != -1:
            lo = text.index(" ", stop) + 1
        elif (space := text.find(" ", lo, start)) != -1:
            lo = space + 1
    hi = min(len(text), end + pad)
    para = text.find("\n\n", end, hi)
    if para != -1:
        hi = para
    elif hi < len(text):
        stops = [i for i in (text.find(mark, end, hi) for mark in (". ", "? ", "! ")) if i != -1]
        if stops:
            hi = min(stops) + 1
        elif (space := text.rfind(" ", end, hi)) != -1:
            hi = space
    return text[lo:hi], start - lo, end - lo


def stories(session: Session) -> list[list[DocumentRow]]:
    """Group documents into stories: documents that share at least two actors belong together."""
    docs = repo.list_documents(session, repo.Filters(limit=10**9))
    actors = {d.id: {a.id for a in repo.actors_for_document(session, d.id) if a.kind != "unknown"} for d in docs}
    words = {d.id: {w for w in d.text.lower().split() if len(w) >= 7 and w.isalpha()} for d in docs}
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            shared = len(actors[a.id] & actors[b.id])
            if shared >= 2 or (shared == 1 and len(words[a.id] & words[b.id]) >= 4):
                parent[find(a.id)] = find(b.id)
    groups: dict[str, list[DocumentRow]] = defaultdict(list)
    for d in docs:
        groups[find(d.id)].append(d)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].published or g[0].ingested_at))


def report_markdown(session: Session, *, max_claims: int = 12) -> str:
    """Return a readable Markdown summary per story: who said what, the claims and the promises."""
    out: list[str] = ["# receipts report", ""]
    totals = repo.counts(session)
    out.append(", ".join(f"{v} {k}" for k, v in totals.items()))
    out.append("")
    for n, docs in enumerate(stories(session), start=1):
        ids = [d.id for d in docs]
        items = {d.id: repo.items_for_document(session, d.id) for d in docs}
        names = Counter(
            a.name for d in docs for a in repo.actors_for_document(session, d.id) if a.kind in ("person", "country")
        )
        headline = ", ".join(name for name, _ in names.most_common(4)) or docs[0].title or docs[0].id
        first, last = docs[0].published, docs[-1].published
        span = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if first and last else "undated"
        out += [f"## Story {n}: {headline}", "", f"{len(ids)} documents, {span}.", "", "### Timeline", ""]
        for d in docs:
            date = f"{d.published:%Y-%m-%d}" if d.published else "undated"
            out.append(f"- **{date}** {d.source.name if d.source else 'unknown source'}: {d.title or d.id} (`{d.id}`)")
        out += ["", "### Who said what", ""]
        by_speaker: dict[str, list] = defaultdict(list)
        for d in docs:
            for q in items[d.id]["quotes"]:
                if q.speaker_name and q.nested_in is None:
                    name = q.speaker_name[:1].upper() + q.speaker_name[1:]
                    if q.speaker_via == "description" and q.speaker_kind in ("person", "unknown"):
                        # "a senior official" in one article is not the same person as in the next
                        name += (
                            f" ({d.source.name + ', ' if d.source else ''}{d.published:%Y-%m-%d})"
                            if d.published
                            else f" ({d.id})"
                        )
                    by_speaker[name].append((d, q))
        for speaker, quotes in sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))[:10]:
            out.append(f"- **{speaker}** ({len(quotes)})")
            for d, q in sorted(quotes, key=lambda dq: not spoken(dq[1]))[:3]:  # what they said before what they did
                date = f"{d.published:%Y-%m-%d}" if d.published else "undated"
                kind = (
                    q.cue.lower() if q.cue else ("said" if q.direct else "said that")
                )  # the words that attribute it, as written
                out.append(f"  - {date}, {kind}: {_clip(q.text, 160)} (`{q.id}`)")
        out += ["", "### Check-worthy claims and verdicts", ""]
        claims = sorted(((d, c) for d in docs for c in items[d.id]["claims"]), key=lambda dc: -dc[1].score)
        verdicts = repo.current_verdicts(session, [c.id for _, c in claims])
        decided = [(d, c) for d, c in claims if c.id in verdicts and verdicts[c.id].label != "NOT_ENOUGH_INFO"]
        # leads (what a rule saw but may not settle on) come next: they are an editor's work for today
        leads = [(d, c) for d, c in claims if c.id in verdicts and verdicts[c.id].reason.startswith(LEAD)]
        rest = [(d, c) for d, c in claims if (d, c) not in decided and (d, c) not in leads]
        shown = decided + leads
        for d, c in shown + rest[: max(0, max_claims - len(shown))]:
            who = c.speaker_name or (d.source.name if d.source else "the outlet")
            date = f"{d.published:%Y-%m-%d}" if d.published else "undated"
            nums = [q for q in items[d.id]["quantities"] if q.claim_id == c.id]
            num = "; numbers: " + ", ".join(f"{q.text} [{q.unit or '?'}]" for q in nums) if nums else ""
            v = verdicts.get(c.id)
            badge = f"**{v.label}**{' (editor)' if v.origin == 'human' else ''} " if v else ""
            lead = read_lead(v.reason) if v else None
            if lead:
                badge = f"**NOT_ENOUGH_INFO** (lead: {lead[0]}?) "
            out.append(f"- {badge}{date} **{who}**: {_clip(c.text, 180)}{num} (`{c.id}`, score {c.score:.2f})")
            if v and (v.label != "NOT_ENOUGH_INFO" or v.reason.startswith(LEAD)):
                out.append(f"  - reason: {v.reason}")
                for e in v.evidence[:3]:
                    if e.get("stance") in ("support", "refute"):
                        out.append(
                            f"  - {e['stance']}s: {e.get('published') or ''} {e.get('source') or ''}"
                            f'{" / " + e["speaker"] if e.get("speaker") else ""}: "{_clip(e["text"], 150)}"'
                        )
        out += ["", "### Promises and commitments", ""]
        for d in docs:
            for p in items[d.id]["commitments"]:
                date = f"{d.published:%Y-%m-%d}" if d.published else "undated"
                due = p.deadline_end or p.deadline
                by = f", {p.deadline_text} (due {due})" if p.deadline_text else ""
                to = f" to {p.beneficiary}" if p.beneficiary else ""
                steps = repo.promise_steps(session, p.id)
                status = f"**{steps[-1].status.upper()}** " if steps and p.kind != "intention" else ""
                kind = "" if p.kind != "intention" else " _(intention)_"
                doc_name = p.source_name or "unattributed"
                doc_name = f"the {doc_name}" if doc_name[:1].islower() else doc_name  # "pact" -> "the pact"
                who = f"**{p.actor_name}** {p.cue}" if p.actor_name else f"**{doc_name}** states"
                out.append(f"- {status}{date} {who}: {p.action}{to}{by}{kind} (`{p.id}`)")
                for st in steps[1:]:
                    ev = st.evidence[0] if st.evidence else {}
                    out.append(
                        f"  - {st.as_of}: {st.status} — {st.reason}"
                        + (f' ({ev.get("source") or ""}: "{_clip(ev.get("text", ""), 120)}")' if ev else "")
                    )
        contra = repo.contradictions_for(session, ids)
        if contra:
            out += ["", "### Contradictions between sources", ""]
            for c, a, b in contra:
                out.append(f"- {c.reason} (`{c.id}`)")
                for side in (a, b):
                    doc = next(x for x in docs if x.id == side.document_id)
                    out.append(
                        f"  - {doc.published:%Y-%m-%d} {doc.source.name if doc.source else ''}"
                        f'{" / " + side.speaker_name if side.speaker_name else ""}: "{_clip(side.text, 150)}"'
                    )
        out += ["", "### Events", ""]
        out += [line.render() for line in event_lines(docs, items)]
        out.append("")
    return "\n".join(out)


_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "found": "find", "thought": "think", "according": "say"}


def spoken(q) -> bool:
    """Whether a quote is something said or written (a direct quote, "said", "according to"), not an
    attribution of another kind ("signed a", "did not respond to")."""
    if q.direct:
        return True
    words = (q.cue or "").lower().split()
    if {"not", "never", "declined", "refused"} & set(words):
        return False  # "did not respond to": nothing was said
    for w in words:
        forms = {w, _IRREGULAR.get(w, w), w[:-1], w[:-2], w[:-3] + "y"}
        if forms & SPEECH_VERBS:
            return True
    return False


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
