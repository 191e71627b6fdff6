from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace as NS

import pytest

from receipts.app.eventlines import event_lines
from receipts.app.render import spoken


@pytest.mark.parametrize(
    "cue,direct,expected",
    [
        ("said", False, True),
        ("had said in a statement through", False, True),
        ("According to", False, True),
        ("denied", False, True),
        ("signed a", False, False),
        ("did not respond to", False, False),
        (None, True, True),
    ],
)
def test_spoken(cue, direct, expected):
    assert spoken(NS(cue=cue, direct=direct)) is expected


def _event(eid, start, end, type_, status, day=None, text_date=None):
    return NS(
        id=eid,
        start=start,
        end=end,
        type=type_,
        status=status,
        date=day,
        date_end=day,
        date_text=text_date,
        place=None,
        participants=[],
    )


def test_event_lines_merge_mentions_and_order_by_date():
    d1 = NS(id="d_1", published=datetime(2026, 5, 2))
    d2 = NS(id="d_2", published=datetime(2026, 5, 9))
    items = {
        "d_1": {
            "events": [
                _event("e_1", 0, 40, "summit", "held", date(2026, 5, 1), "Friday"),
                _event("e_2", 50, 90, "meeting", "scheduled", date(2026, 6, 3), "June 3"),
            ],
            "quotes": [],
        },
        "d_2": {
            "events": [
                _event("e_3", 0, 30, "summit", "held"),  # "at the summit", undated: the same summit
                _event("e_4", 40, 80, "talks", "unknown"),
            ],
            "quotes": [NS(start=0, end=35, speaker_name="Ida Holm", nested_in=None, cue="said")],
        },
    }
    lines = event_lines([d1, d2], items)
    assert [(x.type, x.status) for x in lines] == [("summit", "held"), ("meeting", "scheduled")]
    summit = lines[0]
    assert summit.ids == ["e_1", "e_3"] and summit.documents == ["d_1", "d_2"] and summit.according_to == ["Ida Holm"]
    assert summit.render().startswith("- 2026-05-01 (Friday) summit **held**")


def test_alias_names_once_whatever_their_case():
    from receipts.app.render import alias_names

    actor = NS(name="Ida Holm", aliases=[NS(alias=a) for a in ("The mayor", "the mayor", "HOLM", "Holm", "ida holm")])
    assert alias_names(actor) == ["Holm", "the mayor"]


@pytest.mark.issue(17)
def test_sentence_around_never_starts_or_ends_mid_word():
    from receipts.app.render import sentence_around

    text = (
        "The delegation arrived late again and left early. " * 4 + "The other side came with nothing but "
        "demands, the minister said. " + "Talks will resume in a week, and nobody expects much from them. " * 4
    )
    start = text.index("nothing")
    context, a, b = sentence_around(text, start, start + len("nothing"), pad=60)
    assert context[a:b] == "nothing"
    assert context.startswith("The other side") and context.endswith("said.")


def test_sentence_around_keeps_to_the_paragraph():
    from receipts.app.render import sentence_around

    text = "First paragraph here.\n\nSecond one holds the claim.\n\nThird."
    start = text.index("claim")
    context, a, b = sentence_around(text, start, start + 5)
    assert context == "Second one holds the claim." and context[a:b] == "claim"
