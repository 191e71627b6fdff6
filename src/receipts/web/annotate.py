"""A stored document's text cut into runs for the page: who speaks, the attributing words, and what they said.

Runs are plain text with a role; the template escapes them. Nested quotes are left to their outer quote.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("content", "source", "cue")  # later roles win where spans overlap: a cue inside a content span shows


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    role: str | None = None  # content | source | cue
    quote: int | None = None  # index into the page's quote list
    title: str | None = None


def _bounds(fragment: dict | list | tuple) -> tuple[int, int]:
    """A content fragment's offsets: the store keeps ``[start, end]`` lists; older callers passed dicts."""
    if isinstance(fragment, dict):
        return int(fragment["start"]), int(fragment["end"])
    start, end = fragment[0], fragment[1]
    return int(start), int(end)


def _spans(q: dict) -> list[tuple[int, int, str]]:
    frags = q.get("fragments") or [(q["start"], q["end"])]
    out = [(*_bounds(f), "content") for f in frags]
    sp = q.get("speaker") or {}
    if sp.get("start") is not None and sp.get("end") is not None:
        out.append((sp["start"], sp["end"], "source"))
    if q.get("cue_start") is not None and q.get("cue_end") is not None:
        out.append((q["cue_start"], q["cue_end"], "cue"))
    return out


def annotate(text: str, quotes: list[dict]) -> list[list[Run]]:
    """Paragraphs (split at blank lines) of runs over ``text`` marked with the quotes' parts."""
    n = len(text)
    role: list[int] = [-1] * n
    owner: list[int] = [-1] * n
    for qi, q in enumerate(quotes):
        if q.get("nested_in"):
            continue
        for a, b, r in sorted(_spans(q), key=lambda s: ROLES.index(s[2])):
            for i in range(max(0, a), min(n, b)):
                if ROLES.index(r) >= role[i]:
                    role[i], owner[i] = ROLES.index(r), qi
    paragraphs: list[list[Run]] = [[]]
    i = 0
    while i < n:
        if text.startswith("\n\n", i):
            while i < n and text[i] == "\n":
                i += 1
            paragraphs.append([])
            continue
        j = i + 1
        while j < n and role[j] == role[i] and owner[j] == owner[i] and not text.startswith("\n\n", j):
            j += 1
        r = ROLES[role[i]] if role[i] >= 0 else None
        q = quotes[owner[i]] if owner[i] >= 0 else None
        title = None
        if q is not None:
            who = (q.get("speaker") or {}).get("name") or "unattributed"
            title = f"{who} — {q.get('cue') or ('quoted' if q.get('direct') else 'attributed')}"
            if q.get("statement") is False:
                title += " (not a statement)"
        paragraphs[-1].append(Run(text[i:j], r, owner[i] if owner[i] >= 0 else None, title))
        i = j
    return [p for p in paragraphs if p]
