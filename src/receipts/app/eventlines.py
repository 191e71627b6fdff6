"""The events of a story as a reader wants them: one line per event, in the order they happened.

The same summit is mentioned by many articles ("the Geneva summit", "Friday's summit"); mentions
of one type and status on the same resolved date are one event, reported by several documents.
An event told inside someone's quote is that person's account, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_DONE = {"statement": "issued", "transfer": "made", "visit": "made"}  # "held" for meetings, summits, talks


@dataclass
class EventLine:
    type: str
    status: str
    start: date | None  # when it happened or is due; None when the text gives no date
    end: date | None
    date_text: str | None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    reported: date | None = None  # the first report, for events the text does not date

    def render(self) -> str:
        status = _DONE.get(self.type, "held") if self.status == "held" else self.status
        if self.start:
            when = f"{self.start:%Y-%m-%d}" + (
                f" to {self.end:%Y-%m-%d}" if self.end and self.end != self.start else ""
            )
            when += f" ({self.date_text})" if self.date_text and not self.date_text[:1].isdigit() else ""
        else:
            when = f"undated, reported {self.reported:%Y-%m-%d}" if self.reported else "undated"
        at = f" at {self.place}" if self.place else ""
        who = f": {', '.join(self.participants[:4])}" if self.participants else ""
        per = f"; according to {', '.join(self.according_to[:2])}" if self.according_to else ""
        docs = f"; {len(self.documents)} documents" if len(self.documents) > 1 else ""
        return f"- {when} {self.type} **{status}**{at}{who}{per}{docs} (`{self.ids[0]}`)"


_AFTER = re.compile(r"\bafter (?:the )?(?:[\w'-]+ ){0,3}?(summit|meeting|talks|visit)\b", re.I)


def held_dates(events) -> dict[str, set[date]]:
    """The days on which events of each type were held, where the text names the day itself."""
    out: dict[str, set[date]] = {}
    for e in events:
        if e.status == "held" and e.date and e.date == (e.date_end or e.date) and "after" not in (e.date_text or ""):
            out.setdefault(e.type, set()).add(e.date)
    return out


def anchored(event, published: date | None, held: dict[str, set[date]]) -> tuple[date | None, date | None]:
    """An event's dates, counted from the gathering it follows when its own text does not date that
    gathering: "scheduled weeks after the Geneva summit" starts after the one summit the record holds,
    not eight weeks before publication.

    :param event: A stored event (``date``, ``date_end``, ``date_text``, ``text``).
    :param published: Its document's publication date.
    :param held: :func:`held_dates` over the record.
    :returns: ``(start, end)``; the stored dates when there is no single earlier gathering to count from.
    """
    m = _AFTER.search(event.text or "") if event.date and "after" in (event.date_text or "") else None
    days = {d for d in held.get(m[1].lower(), ()) if d <= (event.date_end or event.date)} if m else set()
    if len(days) != 1:
        return event.date, event.date_end
    from receipts.extract.dates import resolve_time  # here, not above: it loads spaCy, which reads need not

    start, end, _, _ = resolve_time(event.date_text, published, anchor=days.pop())
    return (start, end) if start else (event.date, event.date_end)


def _teller(event, quotes) -> str | None:
    """The speaker of the quote whose content holds the event's sentence, if any."""
    for q in quotes:
        if q.speaker_name and q.nested_in is None and q.start < event.end and event.start < q.end and q.cue:
            overlap = min(q.end, event.end) - max(q.start, event.start)
            if overlap >= 0.5 * (event.end - event.start):
                return q.speaker_name
    return None


def event_lines(docs, items) -> list[EventLine]:
    """Group the known-status events of a story's documents and order them by date.

    :param docs: The story's documents, oldest first.
    :param items: ``{document id: {"events": [...], "quotes": [...]}}`` as stored.
    """
    lines: dict[tuple, EventLine] = {}
    held = held_dates(e for d in docs for e in items[d.id]["events"])
    for d in docs:
        reported = d.published.date() if d.published else None
        for e in items[d.id]["events"]:
            if e.status == "unknown":
                continue
            teller = _teller(e, items[d.id]["quotes"])
            start, end = anchored(e, reported, held)
            key = (e.type, e.status, start, end, teller) if start else (e.id,)
            line = lines.get(key)
            if line is None:
                line = lines[key] = EventLine(e.type, e.status, start, end, e.date_text, reported=reported)
            line.ids.append(e.id)
            if d.id not in line.documents:
                line.documents.append(d.id)
            line.place = line.place or e.place
            line.participants += [p for p in e.participants if p not in line.participants]
            if teller and teller not in line.according_to:
                line.according_to.append(teller)
    return sorted(_fold_undated(list(lines.values())), key=lambda x: (x.start or x.reported or date.max, x.type))


def _fold_undated(lines: list[EventLine]) -> list[EventLine]:
    """A later, undated mention of a past event ("at the Geneva summit") joins the story's one dated
    event of that type and status; with two or more candidates it stays on its own line."""
    dated: dict[tuple[str, str], list[EventLine]] = {}
    for line in lines:
        if line.start and line.status in ("held", "skipped", "cancelled"):
            dated.setdefault((line.type, line.status), []).append(line)
    out = []
    for line in lines:
        same = dated.get((line.type, line.status), [])
        if line.start is None and len(same) == 1 and line.reported and same[0].start <= line.reported:
            target = same[0]
            target.ids += line.ids
            target.documents += [d for d in line.documents if d not in target.documents]
            target.participants += [p for p in line.participants if p not in target.participants]
            target.according_to += [a for a in line.according_to if a not in target.according_to]
            continue
        out.append(line)
    return out
