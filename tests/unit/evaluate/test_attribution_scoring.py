"""Attribution scoring (exact, overlap, fragments, speaker) and BIO decoding, on our own spans."""

from __future__ import annotations

from receipts.classify.tagger import decode_bio
from receipts.evaluate.attribution import (
    Attribution,
    annotator_copies,
    attributed_sentences,
    new_counts,
    score_document,
    summarise,
    within,
)

TEXT = "Rui Castell said the port handled 4,000 containers. He added that no ship was turned away."


def _at(s: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(s, start)
    return i, i + len(s)


GOLD = [
    Attribution(source=[_at("Rui Castell")], cue=[_at("said")], content=[_at("the port handled 4,000 containers")]),
    Attribution(source=[_at("He")], cue=[_at("added")], content=[_at("that no ship was turned away")]),
]


def test_perfect_prediction_scores_one():
    pred = [Attribution(a.source, a.cue, a.content, speaker="Rui Castell", speaker_span=a.source[0]) for a in GOLD]
    counts = new_counts()
    hits, total = score_document(TEXT, GOLD, pred, counts)
    r = summarise(counts, hits, total, 1)
    assert r["source_f1"] == r["cue_f1"] == r["content_f1"] == 1.0 and r["speaker_accuracy"] == 1.0


def test_near_miss_counts_for_overlap_not_exact():
    pred = [
        Attribution(
            source=[_at("Castell")],
            cue=[_at("said")],
            content=[_at("port handled 4,000 containers")],
            speaker="Rui Castell",
            speaker_span=_at("Castell"),
        )
    ]
    counts = new_counts()
    hits, total = score_document(TEXT, GOLD, pred, counts)
    r = summarise(counts, hits, total, 1)
    assert r["content_f1"] == 0.0 and r["content_precision_overlap"] == 1.0 and r["content_recall_overlap"] == 0.5
    assert r["source_f1"] == 0.0 and r["source_f1_overlap"] > 0  # "Castell" vs "Rui Castell": Jaccard 0.5
    assert abs(r["cue_f1"] - 2 / 3) < 1e-3 and hits == 1 and total == 2


def test_speaker_resolved_to_same_entity_counts():
    pred = [
        Attribution(
            source=[_at("He")],
            cue=[_at("added")],
            content=[_at("that no ship was turned away")],
            speaker="Rui Castell",
            speaker_span=(0, 1),
        )
    ]  # span elsewhere, same resolved name
    counts = new_counts()
    hits, _ = score_document(TEXT, GOLD[1:], pred, counts, resolve=lambda span: "Rui Castell")
    assert hits == 1


def test_fragments_are_scored_one_by_one():
    text = '"Prices," Ana Veld said, "will rise."'
    gold = [Attribution(content=[(0, 9), (25, 37)])]
    pred = [Attribution(content=[(0, 9)])]
    counts = new_counts()
    score_document(text, gold, pred, counts)
    r = summarise(counts, 0, 0, 1)
    assert r["content_precision"] == 1.0 and r["content_recall"] == 0.5


def test_decode_bio_joins_a_run_and_splits_labels():
    offsets = [(0, 3), (4, 8), (9, 13), (13, 14), (15, 19), (20, 25)]
    tags = ["B-SOURCE", "I-SOURCE", "B-CUE", "O", "B-CONTENT", "B-CONTENT"]
    assert decode_bio(tags, offsets) == [(0, 8, "SOURCE"), (9, 13, "CUE"), (15, 25, "CONTENT")]
    assert decode_bio(["I-CUE", "O"], [(0, 4), (5, 6)]) == [(0, 4, "CUE")]


def test_sentence_setting_scores_only_attributed_sentences():
    sentences = [(0, TEXT.index("He") - 1), (TEXT.index("He"), len(TEXT))]
    units = attributed_sentences(sentences, GOLD[:1])
    assert units == sentences[:1]
    stray = Attribution(source=[_at("He")], cue=[_at("added")], content=[_at("no ship was turned away")])
    kept = within([GOLD[0], stray], units)
    assert len(kept) == 1 and kept[0].content == GOLD[0].content  # a prediction outside the units is not counted


def test_annotator_copies_put_the_primary_first():
    rel = {
        "source": {"start": 0, "end": 11},
        "cue": {"start": 12, "end": 16},
        "content": {"start": 17, "end": 50, "spans": [{"start": 17, "end": 50}]},
    }
    row = {"attributions": [rel], "alt_attributions": {"zed": [], "amy": [rel, rel]}}
    copies = annotator_copies(row)
    assert [len(c) for c in copies] == [1, 2, 0] and copies[0][0].cue == [(12, 16)]
