"""Grouping tagged spans into attributions (no model needed: the spans are given by hand)."""

from __future__ import annotations

from receipts.extract.attribution import group_attributions, merge_with_rules
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Quote, Span, Speaker


def _spans(text: str, *marks: tuple[str, str]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for label, s in marks:
        i = text.index(s, pos)
        out.append((i, i + len(s), label))
        pos = i
    return out


def test_cue_takes_its_source_and_content_and_resolves_pronoun(parse):
    text = "Harbour master Rui Castell spoke on Monday. He said the port had handled 4,000 containers."
    doc = parse(text)
    spans = _spans(text, ("SOURCE", "He"), ("CUE", "said"), ("CONTENT", "the port had handled 4,000 containers"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.cue.text == "said" and q.content.text == "the port had handled 4,000 containers"
    assert q.speaker.name == "Rui Castell" and q.speaker.via == "pronoun" and q.speaker.span.text == "He"


def test_split_quote_fragments_join_one_attribution(parse):
    text = '"Prices," Ana Veld told reporters, "will rise."'
    doc = parse(text)
    spans = _spans(text, ("CONTENT", '"Prices,"'), ("SOURCE", "Ana Veld"), ("CUE", "told"), ("CONTENT", '"will rise."'))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert [f.text for f in q.fragments] == ['"Prices,"', '"will rise."'] and q.direct
    assert q.speaker.name == "Ana Veld"


def test_dateline_is_trimmed_from_a_source(parse):
    text = "TALLIN BAY — Harbour master Rui Castell said the berths were full."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "TALLIN BAY — Harbour master Rui Castell"),
        ("CUE", "said"),
        ("CONTENT", "the berths were full"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.span.text == "Harbour master Rui Castell" and q.speaker.name == "Rui Castell"


def test_indirect_content_without_cue_is_dropped_but_direct_kept(parse):
    text = 'The berths were full. "We cleared every berth," the board wrote later.'
    doc = parse(text)
    spans = _spans(text, ("CONTENT", "The berths were full"), ("CONTENT", '"We cleared every berth,"'))
    quotes = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert [q.content.text for q in quotes] == ['"We cleared every berth,"'] and quotes[0].cue is None


def test_rules_fill_in_a_missing_speaker_and_keep_nested_quotes():
    model = [Quote(content=Span(10, 60, "x" * 50), speaker=None, cue=None, direct=True)]
    speaker = Speaker("Ana Veld", "person", Span(0, 8, "Ana Veld"))
    rules = [
        Quote(content=Span(10, 60, "x" * 50), speaker=speaker, cue=Span(62, 66, "said"), direct=True),
        Quote(content=Span(20, 30, "y" * 10), speaker=None, cue=None, direct=True, nested_in="q_outer"),
        Quote(content=Span(70, 90, "z" * 20), speaker=speaker, cue=Span(91, 95, "said"), direct=False),
    ]
    merged = merge_with_rules(model, rules)
    assert merged[0].speaker == speaker and merged[0].cue.text == "said"
    assert merged[1].nested_in == merged[0].id
    assert merged[2].content.start == 70 and len(merged) == 3


def test_a_cue_without_tagged_source_takes_the_subject_from_the_parse(parse):
    text = "Mayor Tom Reyes opened the bridge. He told reporters that the repairs had cost 2 million dollars."
    doc = parse(text)
    spans = _spans(text, ("CUE", "told"), ("CONTENT", "that the repairs had cost 2 million dollars"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and q.speaker.name == "Tom Reyes" and q.speaker.span.text == "He"


def test_a_cue_in_a_relative_clause_takes_the_antecedent(parse):
    text = "Senator Maria Vance, who said the budget was balanced, left before the vote."
    doc = parse(text)
    spans = _spans(text, ("CUE", "said"), ("CONTENT", "the budget was balanced"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and "Maria Vance" in q.speaker.name
    assert q.speaker.span.text == "who"  # the mention that does the saying, as PolNeAR marks it


def test_according_to_without_tagged_source(parse):
    text = "The ferry carried 300 passengers, according to the transport authority."
    doc = parse(text)
    spans = _spans(text, ("CONTENT", "The ferry carried 300 passengers"), ("CUE", "according to"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and "transport authority" in q.speaker.name


def test_a_participle_cue_takes_the_main_clause_subject(parse):
    text = (
        "Governor Lina Marsh praised the nurses, noting that the clinics had opened on time. "
        "The health office released a statement on Friday saying the wards were full."
    )
    doc = parse(text)
    spans = _spans(
        text,
        ("CUE", "noting"),
        ("CONTENT", "that the clinics had opened on time"),
        ("CUE", "saying"),
        ("CONTENT", "the wards were full"),
    )
    first, second = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert first.speaker is not None and "Lina Marsh" in first.speaker.name
    assert second.speaker is not None and "health office" in second.speaker.name


def test_a_content_before_its_cue_starts_at_its_sentence(parse):
    text = (
        "The ferry resumed service. Images taken on May 4 show that the pier was rebuilt, "
        "according to the harbour authority."
    )
    doc = parse(text)
    spans = _spans(
        text,
        ("CONTENT", "show that the pier was rebuilt"),
        ("CUE", "according to"),
        ("SOURCE", "the harbour authority"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "Images taken on May 4 show that the pier was rebuilt"


def test_a_content_after_its_source_and_cue_keeps_its_start(parse):
    text = "On Monday the mayor said that the pier was rebuilt."
    doc = parse(text)
    spans = _spans(text, ("SOURCE", "the mayor"), ("CUE", "said"), ("CONTENT", "the pier was rebuilt"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the pier was rebuilt"


def test_a_span_that_starts_inside_a_word_takes_the_whole_word(parse):
    text = "Harbour master Rui Castell said the Orvanian freighters were late."
    doc = parse(text)
    start = text.index("vanian freighters")
    spans = _spans(text, ("SOURCE", "Rui Castell"), ("CUE", "said"))
    spans.append((start, start + len("vanian freighters were late"), "CONTENT"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the Orvanian freighters were late"  # whole word, then its determiner


def test_holes_inside_a_content_are_filled(parse):
    text = "Rui Castell said the dock workers of Tallin Bay and towns like it deserve a fair contract."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Rui Castell"),
        ("CUE", "said"),
        ("CONTENT", "the dock workers"),
        ("CONTENT", "and towns like it deserve a fair contract"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the dock workers of Tallin Bay and towns like it deserve a fair contract"
    assert q.fragments == ()


def test_a_hole_with_a_verb_of_saying_is_not_filled(parse):
    text = '"We will reopen the berths," the board wrote, "by the end of May."'
    doc = parse(text)
    spans = _spans(
        text, ("CONTENT", '"We will reopen the berths,"'), ("CUE", "wrote"), ("CONTENT", '"by the end of May."')
    )
    spans = [s for s in spans if s[2] == "CONTENT"] + [(text.index("wrote"), text.index("wrote") + 5, "CUE")]
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert [f.text for f in q.fragments] == ['"We will reopen the berths,"', '"by the end of May."']
    # an untagged verb of saying in the hole marks another attribution: no filling either
    text = "Rui Castell said the berths were full, the harbour board added, and the cranes idle."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Rui Castell"),
        ("CUE", "said"),
        ("CONTENT", "the berths were full"),
        ("CONTENT", "and the cranes idle"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert [f.text for f in q.fragments] == ["the berths were full", "and the cranes idle"]


def test_function_word_fragments_are_dropped(parse):
    text = "Officials said Ana Veld took the helm of the port authority in March."
    doc = parse(text)
    spans = _spans(text, ("CUE", "said"), ("CONTENT", "Ana Veld took"), ("CONTENT", "the"))
    spans[-1] = (text.index("the helm"), text.index("the helm") + 3, "CONTENT")
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    # a one-space hole is filled, then the clause runs on to its end
    assert q.content.text == "Ana Veld took the helm of the port authority in March"
    lone = _spans(text, ("CUE", "said"))
    lone.append((text.index("the helm"), text.index("the helm") + 3, "CONTENT"))
    assert group_attributions(doc, lone, SpeakerResolver(doc, doc._.mentions)) == []


def test_a_content_running_over_a_line_break_is_cut_there(parse):
    text = (
        'Rui Castell called the closure "a disgrace."\n"We will not pay for it," said Ana Veld, the harbour treasurer.'
    )
    doc = parse(text)
    first = text.index('"a disgrace."')
    end = text.index('," said') + 2
    spans = _spans(text, ("SOURCE", "Rui Castell"), ("CUE", "called"))
    spans += [(first, end, "CONTENT")] + _spans(text, ("CUE", "said"), ("SOURCE", "Ana Veld"))
    quotes = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert [(q.content.text, q.speaker.name) for q in quotes] == [
        ('"a disgrace."', "Rui Castell"),
        ('"We will not pay for it,"', "Ana Veld"),
    ]


def test_source_edges_are_tidied(parse):
    text = "The port is busy. Mr. Castell on Monday said the berths were full."
    doc = parse(text)
    cut = text.index(". Castell")  # the tagger started inside the honorific and ran on to "on"
    spans = [(cut, text.index(" Monday"), "SOURCE")] + _spans(
        text, ("CUE", "said"), ("CONTENT", "the berths were full")
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.span.text == "Mr. Castell"
    across = [(text.index("busy"), text.index(" on Monday"), "SOURCE")] + spans[1:]
    [q] = group_attributions(doc, across, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.span.text == "Mr. Castell"  # a source stays inside its sentence


def test_content_start_is_fixed_from_the_parse(parse):
    text = "Rui Castell told harbour inspectors that the cranes had failed twice."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Rui Castell"),
        ("CUE", "told"),
        ("CONTENT", "harbour inspectors that the cranes had failed twice"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "that the cranes had failed twice"  # the people told are not what was said

    text = "Rui Castell asked the inspectors whether the cranes had failed twice."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Rui Castell"),
        ("CUE", "asked"),
        ("CONTENT", "the inspectors whether the cranes had failed twice"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "whether the cranes had failed twice"  # nor are the people asked

    text = "Ana Veld said the cranes had failed twice."
    doc = parse(text)
    spans = _spans(text, ("SOURCE", "Ana Veld"), ("CUE", "said"), ("CONTENT", "cranes had failed twice"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the cranes had failed twice"  # the determiner the tagger left out

    text = "According to Ana Veld, the cranes had failed twice."
    doc = parse(text)
    spans = _spans(text, ("CUE", "According to"), ("SOURCE", "Ana Veld"), ("CONTENT", ", the cranes had failed twice"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the cranes had failed twice"


def test_content_end_is_fixed_from_the_parse(parse):
    text = "Ana Veld said the board had no plan to reopen the western berths, officials added."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Ana Veld"),
        ("CUE", "said"),
        ("CONTENT", "the board had no plan to reopen the"),
        ("SOURCE", "officials"),
        ("CUE", "added"),
    )
    q = next(q for q in group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions)) if q.cue.text == "said")
    assert q.content.text == "the board had no plan to reopen the western berths"  # up to the comma, no further

    text = "Ana Veld said the cranes had failed twice."
    doc = parse(text)
    spans = _spans(text, ("SOURCE", "Ana Veld"), ("CUE", "said"), ("CONTENT", "the cranes had failed twice."))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the cranes had failed twice"  # a paraphrase leaves the full stop out

    text = 'Ana Veld said: "The cranes failed twice."'
    doc = parse(text)
    spans = _spans(text, ("SOURCE", "Ana Veld"), ("CUE", "said"), ("CONTENT", '"The cranes failed twice.'))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == '"The cranes failed twice."'  # a quotation keeps its closing mark


def test_a_cue_takes_the_nearest_of_two_sources(parse):
    text = "The head of the dockers' union, Rui Castell, said the berths were full."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "The head of the dockers' union"),
        ("SOURCE", "Rui Castell"),
        ("CUE", "said"),
        ("CONTENT", "the berths were full"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.span.text == "Rui Castell"


def test_pieces_of_one_source_are_joined(parse):
    text = "Ana Veld, who chairs the harbour board, said the berths were full."
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "Ana Veld, who"),
        ("SOURCE", "harbour board,"),
        ("CUE", "said"),
        ("CONTENT", "the berths were full"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.span.text == "Ana Veld, who chairs the harbour board," and q.speaker.name == "Ana Veld"


def test_a_cue_cut_inside_a_word_takes_the_whole_word(parse):
    text = "Ana Veld tweeted that the berths were full."
    doc = parse(text)
    start = text.index("tweeted")
    spans = (
        _spans(text, ("SOURCE", "Ana Veld"))
        + [(start, start + 2, "CUE")]
        + _spans(text, ("CONTENT", "that the berths were full"))
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.cue.text == "tweeted"


def test_a_dateline_is_not_part_of_a_content(parse):
    text = "TALLIN BAY — The harbour board said that 40 berths had reopened."
    doc = parse(text)
    spans = _spans(
        text,
        ("CONTENT", "TALLIN BAY"),
        ("SOURCE", "The harbour board"),
        ("CUE", "said"),
        ("CONTENT", "that 40 berths had reopened"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "that 40 berths had reopened" and q.fragments == ()


def test_a_title_takes_the_name_in_apposition(parse):
    text = 'The transport minister, Lena Orsk, called the recovery "a model for the region."'
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "The transport minister, Lena Orsk,"),
        ("CUE", "called"),
        ("CONTENT", 'the recovery "a model for the region."'),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker.name == "Lena Orsk" and q.speaker.kind == "person"


def test_a_headline_above_is_not_what_the_statement_said(parse):
    text = (
        "Harbour board statement on the storm repairs\n"
        "KORVI — A spokesperson for the harbour board issued a statement saying the berths were full."
    )
    doc = parse(text)
    spans = _spans(
        text,
        ("CONTENT", "statement on the storm repairs"),
        ("CONTENT", "KORVI"),
        ("SOURCE", "A spokesperson for the harbour board"),
        ("CUE", "issued a statement saying"),
        ("CONTENT", "the berths were full"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "the berths were full" and q.fragments == ()


def test_the_speaker_the_parse_finds_is_not_part_of_the_content(parse):
    text = "Hours earlier, the harbour board had said that the berths were full."
    doc = parse(text)
    spans = _spans(
        text, ("CONTENT", "the harbour board"), ("CUE", "had said"), ("CONTENT", "that the berths were full")
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.content.text == "that the berths were full" and q.speaker.span.text == "the harbour board"


def test_a_cue_cut_off_its_verb_still_finds_the_subject(parse):
    text = "Rui Castell also fired back at the board's plan to close the western berths."
    doc = parse(text)
    spans = _spans(text, ("CUE", "back at"), ("CONTENT", "the board's plan to close the western berths"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and q.speaker.name == "Rui Castell"


def test_a_datelines_place_is_not_the_speaker(parse):
    text = (
        "Castell rejects the plan.\n\n"
        "Tallin Bay (HPA) – Harbour master Rui Castell on Monday rejected the plan, calling it reckless."
    )
    doc = parse(text)
    spans = _spans(text, ("CUE", "calling"), ("CONTENT", "it reckless"))
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and "Castell" in q.speaker.name and "Tallin" not in q.speaker.span.text
    spans = [(text.index("Tallin"), text.index(" Bay (HPA)") + 4, "SOURCE")] + spans
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.speaker is not None and "Tallin" not in q.speaker.span.text


def test_a_cue_cut_off_its_verb_gets_it_back(parse):
    text = "Rui Castell called on the board to reopen the western berths."
    doc = parse(text)
    spans = _spans(
        text, ("SOURCE", "Rui Castell"), ("CUE", "on"), ("CONTENT", "the board to reopen the western berths")
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.cue.text == "called on"


def test_a_channel_is_not_a_source_and_a_date_is_not_a_cue(parse):
    text = (
        "A spokesperson for the port authority issued a statement through the city news agency "
        "on Wednesday about the repairs at the western pier."
    )
    doc = parse(text)
    spans = _spans(
        text,
        ("SOURCE", "A spokesperson for the port authority"),
        ("CUE", "issued a statement through"),
        ("SOURCE", "the city news agency"),
        ("CUE", "Wednesday about"),
        ("CONTENT", "the repairs at the western pier"),
    )
    [q] = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    assert q.cue.text == "about"
    assert q.speaker is not None and "spokesperson" in q.speaker.span.text  # not the agency that carried it


def test_a_content_keeps_its_quotation_marks_paired():
    from receipts.extract.attribution import _balance_quotes

    text = 'She called the pact "a new start" for the valley.'
    a = text.index("a new")
    assert _balance_quotes(text, [(a, text.index(" for"))]) == [(a - 1, text.index(" for"))]
    b = text.index("the pact")
    assert _balance_quotes(text, [(b, text.index("valley") + 6)]) == [(b, text.index("valley") + 6)]  # already paired


def test_a_content_running_past_a_closed_quotation_into_the_next_sentence_is_cut_there(parse):
    text = (
        '"We are staying the course," Ana Veld said. "We will not extend the permits." '
        "In Porto, where 140,000 people face closures, a spokeswoman for the port authority said officials "
        "were weighing their options."
    )
    doc = parse(text)
    second = text.index('"We will not')
    run_on = text.index("closures,") + len("closures,")
    spans = _spans(text, ("CONTENT", '"We are staying the course,"'), ("SOURCE", "Ana Veld"), ("CUE", "said"))
    spans += [(second, run_on, "CONTENT")]
    spans += _spans(text, ("SOURCE", "a spokeswoman for the port authority"), ("CUE", "said officials"))
    spans = [(a, b if label != "CUE" or text[a:b] != "said officials" else a + 4, label) for a, b, label in spans]
    spans += _spans(text, ("CONTENT", "officials were weighing their options"))
    quotes = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    said = {f.text: q.speaker.name for q in quotes for f in (q.fragments or (q.content,))}
    assert said['"We will not extend the permits."'] == "Ana Veld"
    assert not any("We will not" in q.content.text and q.speaker.name != "Ana Veld" for q in quotes)


def test_a_single_quotation_mark_inside_a_quotation_does_not_cut_it(parse):
    from receipts.extract.attribution import _quotation_ends

    text = "\"People say, 'It does not matter.' Turnout makes a difference.\""
    assert _quotation_ends(text, 0, len(text)) == [(0, len(text))]


def test_the_last_piece_of_a_source_the_parse_split_is_its_head():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from receipts.extract.attribution import _source_head

    words = ["PolitiFact", "editor", "Angie", "Holan", "wrote"]
    # the small parser's reading: two subjects of "wrote", the outlet and the editor
    doc = Doc(Vocab(), words=words, heads=[4, 3, 3, 4, 4], deps=["nsubj", "compound", "compound", "nsubj", "ROOT"])
    assert _source_head(doc[0:4]).text == "Holan"
    assert _source_head(doc[1:4]).text == "Holan"
