from __future__ import annotations

from datetime import date

import pytest

from receipts.extract.claims import extract_claims, score_unit
from receipts.extract.commitments import extract_commitments
from receipts.extract.events import extract_events


def test_score_unit_prefers_numbers_over_opinion(parse):
    fact = parse("The agency sent 100 empty transport cases to the border on June 18.")
    opinion = parse("I think this is a wonderful day?")
    assert score_unit(fact[:]) > 0.7 > 0.3 > score_unit(opinion[:])


def test_extract_claims_rejects_bad_threshold(parse):
    with pytest.raises(ValueError, match="threshold"):
        extract_claims(parse("Text."), threshold=1.5)


def test_extract_claims_quote_fragment_carries_speaker_and_number(parse):
    text = '"We promised to bring them home," Marta Kessler said, "and today already 200 have been sent back."'
    claims = parse(text)._.claims
    hit = [c for c in claims if "200" in c.span.text]
    assert hit and hit[0].speaker.name == "Marta Kessler"
    assert hit[0].quantities[0].value == 200


def test_extract_commitments_pledge_with_actor_and_action(parse):
    doc = parse("Under the statement, Dravania pledged to return the remains of 300 soldiers.")
    (p,) = extract_commitments(doc)
    assert p.actor == "Dravania" and p.action.startswith("return the remains") and p.cue == "pledged"


def test_extract_commitments_will_inside_quote_with_deadline(parse):
    doc = parse('"We will return them within 60 days," Ivo Brandt told reporters.', date(2026, 6, 12))
    (p,) = extract_commitments(doc)
    assert p.actor == "Ivo Brandt" and p.action == "return them"
    assert p.deadline is not None and p.deadline.end == date(2026, 8, 11)


def test_extract_commitments_agreed_to_work_toward(parse):
    doc = parse("Both governments agreed to work toward the complete dismantling of the test site.")
    (p,) = extract_commitments(doc)
    assert p.kind == "agreement" and p.action.startswith("work toward")


def test_extract_commitments_past_fact_is_not_a_promise(parse):
    assert extract_commitments(parse("The remains have been returned to the families.")) == []


def test_a_forecast_about_things_in_a_report_is_not_a_commitment(parse):
    doc = parse(
        "According to a maintenance report seen by the Courier, "
        "the cranes need new motors that will not arrive before March."
    )
    assert extract_commitments(doc) == []


def test_extract_commitments_beneficiary(parse):
    (p,) = extract_commitments(parse("The mayor promised new housing to the flood victims."))
    assert p.beneficiary == "the flood victims"


@pytest.mark.parametrize(
    "text,status",
    [
        ("A Dravanian delegation failed to show up for a meeting on Thursday at the border.", "skipped"),
        ("The ministers met in Geneva on Friday.", "held"),
        ("The summit was cancelled on Monday.", "cancelled"),
        ("The two sides will meet in Vienna next week.", "scheduled"),
        ("The meeting was postponed until August.", "postponed"),
        ("The meeting at the harbour was a no-show.", "skipped"),
        ("The no-show came hours after the minister arrived in Tallin Bay for two days of talks.", "held"),
    ],
)
def test_extract_events_status(parse, text, status):
    events = extract_events(parse(text))
    assert events and events[0].status == status


def test_extract_events_denied_cancellation_is_not_cancelled(parse):
    events = extract_events(parse("A spokesman denied that the meeting had been cancelled."))
    assert events and all(e.status != "cancelled" for e in events)


def test_extract_events_participants_place_and_date(parse):
    doc = parse("Foreign Minister Tomas Ferro met Elsa Marek in Vienna on Thursday.")
    (e,) = [e for e in extract_events(doc) if e.type == "meeting"]
    assert {"Tomas Ferro", "Elsa Marek"} <= set(e.participants)
    assert e.place == "Vienna" and e.date.value == date(2026, 7, 2)


def test_quoted_claims_read_as_sentences(parse):
    doc = parse('"We promised to bring them home," Marta Kessler said, "and today already 200 have been sent back."')
    texts = [c.span.text for c in doc._.claims]
    assert any(t.startswith("today already 200") for t in texts), texts
    assert not any(t.startswith("and ") for t in texts)


@pytest.mark.parametrize(
    "text",
    [
        "Officials acknowledged on Friday that no plan for the handover exists.",
        "The opposition demanded that the government publish the handover records.",
        "The crates were sent so that the handover can take place quickly.",
    ],
)
def test_events_only_mentioned_are_not_held(parse, text):
    assert all(e.status != "held" for e in extract_events(parse(text)))


def test_leaders_meeting_at_a_summit_is_one_event(parse):
    events = extract_events(parse("Anna Berg and Ivo Lund met at the Tallin summit on Friday."))
    assert [e.type for e in events] == ["summit"] and events[0].status == "held"


def test_event_place_needs_a_name(parse):
    (e,) = extract_events(parse("On May 3 the agency sent 40 crates at the request of the port authority."))
    assert e.place is None


@pytest.mark.parametrize(
    "text,status",
    [
        ("Asked about the skipped meeting at Tallin Bay, he said it was a scheduling problem.", "skipped"),
        ("A spokesman denied that the meeting had been cancelled.", "unknown"),
        ('"We discussed the handover and we discussed a timeline," the minister said.', "unknown"),
    ],
)
def test_event_status_from_modifiers_topics_and_denials(parse, text, status):
    events = [e for e in extract_events(parse(text)) if e.type in ("meeting", "transfer")]
    assert events and events[0].status == status


def test_apposed_event_is_the_same_event(parse):
    doc = parse(
        "The leaders signed a statement at the end of a one-day summit, the first meeting between them since the war."
    )
    assert [e.type for e in extract_events(doc)] == ["summit"]


def test_an_event_that_dates_another_was_held(parse):
    events = extract_events(parse("The meeting had been scheduled weeks after the Tallin summit."))
    assert {(e.type, e.status) for e in events} == {("meeting", "scheduled"), ("summit", "held")}


def test_event_date_comes_from_its_own_clause(parse):
    doc = parse(
        "Kessler, who flew to Velmar on Friday night, said she would travel to the border for the next handover."
    )
    (e,) = [e for e in extract_events(doc) if e.type == "transfer"]
    assert e.date is None and e.status == "scheduled"
    (e,) = [
        e for e in extract_events(parse("Six weeks after the Tallin summit, no ship has docked.")) if e.type == "summit"
    ]
    assert e.date is None and e.status == "held"
    (e,) = extract_events(parse("She said it was the promise Dravania made at the Tallin summit."))
    assert e.status == "held"


def test_a_softened_opinion_is_not_an_intention(parse):
    doc = parse('"I would call it productive," the minister said. "We would return the crates next week."')
    assert [c.action for c in extract_commitments(doc)] == ["return the crates next week"]


def test_passive_commitment_owes_nothing_to_its_subject(parse):
    # Said by the one who owes it: a bare "will" in the writer's voice is a schedule (issue #15).
    text = '"The crates will be returned by the Harbour Authority within a week," the Harbour Authority said.'
    (c,) = extract_commitments(parse(text))
    assert c.actor and "Harbour Authority" in c.actor


def test_what_someone_means_to_do_is_not_a_claim(parse):
    doc = parse("The harbour board pledged to return the 300 impounded fishing boats within a month.")
    assert not any(c.span.text.startswith("to return") for c in doc._.claims)
    assert any(p.action.startswith("return the 300") for p in doc._.commitments)


def test_where_someone_goes_is_not_whom_it_is_for(parse):
    (c,) = extract_commitments(parse('"I will travel to the border myself," the governor said.'))
    assert c.beneficiary is None
    (c,) = extract_commitments(parse("The governor said she would travel to the border herself for the next handover."))
    assert c.beneficiary is None
    (c,) = extract_commitments(
        parse(
            "The board pledged to return the boats of 40 Tallin fishermen, "
            "a step that the Orvel accord did not require."
        )
    )
    assert c.beneficiary != "Orvel"


def test_an_event_with_its_own_verb_is_not_dated_by_the_sentence(parse):
    doc = parse("The ministry issued a statement on Wednesday about the talks held in Tallin.")
    (talks,) = [e for e in extract_events(doc) if e.type == "talks"]
    assert talks.date is None
    (e,) = [
        e
        for e in extract_events(parse("The talks held in Tallin on Monday ended without a deal."))
        if e.type == "talks"
    ]
    assert e.date is not None and e.date.value == date(2026, 6, 29)


def test_a_purpose_clause_shares_its_verbs_date(parse):
    doc = parse("The two sides will meet at the Tallin crossing in early August to arrange the first handover.")
    (e,) = [e for e in extract_events(doc) if e.type == "transfer"]
    assert e.date is not None and e.date.value == date(2026, 8, 1)
