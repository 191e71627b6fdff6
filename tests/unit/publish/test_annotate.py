from __future__ import annotations

import pytest

from receipts.web.annotate import annotate


def test_annotate_marks_speaker_cue_and_content_per_paragraph():
    text = "Intro line.\n\nThe mayor said the pier was rebuilt."
    q = {
        "start": 28,
        "end": 49,
        "fragments": [],
        "cue": "said",
        "cue_start": 23,
        "cue_end": 27,
        "direct": False,
        "nested_in": None,
        "speaker": {"name": "the mayor", "start": 13, "end": 22},
    }
    paras = annotate(text, [q])
    assert [r.text for r in paras[0]] == ["Intro line."]
    roles = [(r.text, r.role) for r in paras[1]]
    assert roles == [
        ("The mayor", "source"),
        (" ", None),
        ("said", "cue"),
        (" ", None),
        ("the pier was rebuilt.", "content"),
    ]
    assert paras[1][0].title == "the mayor — said"
    topic = annotate(text, [q | {"statement": False}])
    assert topic[1][0].title == "the mayor — said (not a statement)"


def test_annotate_leaves_nested_quotes_to_the_outer_one_and_keeps_markup_as_text():
    text = 'She said "<b>they said no</b>" twice.'
    outer = {
        "start": 9,
        "end": 30,
        "fragments": [],
        "cue": "said",
        "cue_start": 4,
        "cue_end": 8,
        "direct": True,
        "nested_in": None,
        "speaker": {"name": "She", "start": 0, "end": 3},
    }
    inner = {
        "start": 13,
        "end": 25,
        "fragments": [],
        "cue": "said",
        "cue_start": 18,
        "cue_end": 22,
        "direct": False,
        "nested_in": "q_1",
        "speaker": None,
    }
    (para,) = annotate(text, [outer, inner])
    assert "".join(r.text for r in para) == text
    assert [r.role for r in para if "<b>" in r.text] == ["content"]


SPLIT = '"We will build it," she said, "and soon."'


def _roles(paragraphs) -> list[tuple[str, str | None]]:
    return [(run.text, run.role) for para in paragraphs for run in para]


@pytest.mark.issue(17)
def test_annotate_reads_fragments_stored_as_start_end_lists():
    at = SPLIT.index
    quote = {
        "start": 0,
        "end": len(SPLIT),
        "fragments": [[1, 17], [at("and"), at("and") + 8]],
        "cue": "said",
        "cue_start": at("said"),
        "cue_end": at("said") + 4,
        "speaker": {"name": "Ana", "start": at("she"), "end": at("she") + 3},
    }
    runs = _roles(annotate(SPLIT, [quote]))
    assert ("We will build it", "content") in runs and ("and soon", "content") in runs
    assert ("said", "cue") in runs and ("she", "source") in runs


def test_annotate_accepts_fragments_as_dicts():
    quote = {"start": 0, "end": 10, "fragments": [{"start": 1, "end": 17}], "speaker": None}
    assert ("We will build it", "content") in _roles(annotate(SPLIT, [quote]))


def test_annotate_without_fragments_marks_the_whole_quote():
    quote = {"start": 1, "end": 17, "fragments": None, "speaker": None}
    assert ("We will build it", "content") in _roles(annotate(SPLIT, [quote]))


def test_annotate_splits_paragraphs_at_blank_lines():
    assert len(annotate("One.\n\nTwo.", [])) == 2
