"""The story timeline as an SVG: one lane each for events, claims and promise steps on a date axis."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

LANES = (("event", "Events"), ("claim", "Claims"), ("promise", "Promises"))
COLORS = {
    "SUPPORTED": "#1a7f37",
    "REFUTED": "#c62828",
    "DISPUTED": "#b26a00",
    "NOT_ENOUGH_INFO": "#6b7280",
    "kept": "#1a7f37",
    "broken": "#c62828",
    "stalled": "#b26a00",
    "compromise": "#7c4dff",
    "in the works": "#1565c0",
    "not yet rated": "#6b7280",
    "held": "#1565c0",
    "skipped": "#c62828",
    "cancelled": "#c62828",
    "scheduled": "#6b7280",
    "postponed": "#b26a00",
}
OTHER = "#374151"  # an event whose status is unknown
# The legend under the SVG: (what, CSS class of its dot, colour). Every colour above has an entry
# (a test checks), so no dot on the timeline goes unexplained.
LEGEND = (
    ("supported / kept", "ok", "#1a7f37"),
    ("refuted / broken / skipped / cancelled", "bad", "#c62828"),
    ("disputed / stalled / postponed", "warn", "#b26a00"),
    ("in the works / held", "info", "#1565c0"),
    ("compromise", "violet", "#7c4dff"),
    ("not enough info / not yet rated / scheduled", "grey", "#6b7280"),
    ("event, status unknown", "dark", OTHER),
)
WIDTH, LEFT, RIGHT, TOP, LANE_H = 960, 90, 50, 30, 70


def _color(item: dict) -> str:
    return COLORS.get(item.get("label"), COLORS.get(item.get("status") or "", OTHER))


def _href(item: dict) -> str:
    if item["kind"] == "claim":
        return f"/claims/{item['id']}"
    if item["kind"] == "promise":
        return f"/promises/{item['id']}"
    return f"/documents/{item['document_id']}"


def timeline_svg(items: list[dict]) -> str:
    """Render items (``date``, ``kind``, ``label``, ``text``, ``id``) as an accessible SVG; all text escaped."""
    height = TOP + LANE_H * len(LANES) + 40
    if not items:
        return (
            f'<svg class="timeline" role="img" aria-label="No dated items yet" viewBox="0 0 {WIDTH} 80" '
            f'xmlns="http://www.w3.org/2000/svg"><text x="20" y="45">Nothing dated is stored yet.</text></svg>'
        )
    days = [date.fromisoformat(i["date"]) for i in items]
    lo, hi = min(days), max(days)
    if hi - lo < timedelta(days=7):
        lo, hi = lo - timedelta(days=3), hi + timedelta(days=4)
    span = (hi - lo).days or 1

    def x(d: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (d - lo).days / span

    out = [
        f'<svg class="timeline" role="img" aria-label="Story timeline from {lo} to {hi}" '
        f'viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, (_, name) in enumerate(LANES):
        y = TOP + LANE_H * n + LANE_H / 2
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" class="lane"/>')
        out.append(f'<text x="8" y="{y + 4}" class="lane-name">{name}</text>')
    axis_y = TOP + LANE_H * len(LANES) + 6
    out.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" class="axis"/>')
    ticks = 6
    for t in range(ticks + 1):
        d = lo + timedelta(days=round(span * t / ticks))
        out.append(f'<line x1="{x(d):.1f}" y1="{axis_y}" x2="{x(d):.1f}" y2="{axis_y + 5}" class="axis"/>')
        out.append(
            f'<text x="{x(d):.1f}" y="{axis_y + 20}" text-anchor="middle" class="tick">{d.strftime("%d %b %Y")}</text>'
        )
    stacked: dict[tuple[str, date], int] = {}
    lane_of = {kind: n for n, (kind, _) in enumerate(LANES)}
    for item, d in zip(items, days):
        n = lane_of.get(item["kind"])
        if n is None:
            continue
        k = stacked.get((item["kind"], d), 0)
        stacked[(item["kind"], d)] = k + 1
        y = TOP + LANE_H * n + LANE_H / 2 + (k % 3 - 1) * 14 * (1 if k else 0)
        title = escape(f"{item['date']} — {item['label']}: {item['text'][:200]}")
        out.append(
            f'<a href="{escape(_href(item))}"><circle cx="{x(d):.1f}" cy="{y:.1f}" r="7" fill="{_color(item)}">'
            f"<title>{title}</title></circle></a>"
        )
    out.append("</svg>")
    return "".join(out)
