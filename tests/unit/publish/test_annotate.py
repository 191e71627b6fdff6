from __future__ import annotations

from receipts.web.annotate import annotate


def test_annotate_marks_speaker_cue_and_content_per_paragraph():
    text = "Intro line.\n\nThe mayor said the pier was rebuilt."
    q = {"start": 28, "end": 49, "fragments": [], "cue": "said", "cue_start": 23, "cue_end": 27, "direct": False,
         "nested_in": None, "speaker": {"name": "the mayor", "start": 13, "end": 22}}
    paras = annotate(text, [q])
    assert [r.text for r in paras[0]] == ["Intro line."]
    roles = [(r.text, r.role) for r in paras[1]]
    assert roles == [("The mayor", "source"), (" ", None), ("said", "cue"), (" ", None),
                     ("the pier was rebuilt.", "content")]
    assert paras[1][0].title == "the mayor — said"


def test_annotate_leaves_nested_quotes_to_the_outer_one_and_keeps_markup_as_text():
    text = 'She said "<b>they said no</b>" twice.'
    outer = {"start": 9, "end": 30, "fragments": [], "cue": "said", "cue_start": 4, "cue_end": 8, "direct": True,
             "nested_in": None, "speaker": {"name": "She", "start": 0, "end": 3}}
    inner = {"start": 13, "end": 25, "fragments": [], "cue": "said", "cue_start": 18, "cue_end": 22, "direct": False,
             "nested_in": "q_1", "speaker": None}
    (para,) = annotate(text, [outer, inner])
    assert "".join(r.text for r in para) == text
    assert [r.role for r in para if "<b>" in r.text] == ["content"]
