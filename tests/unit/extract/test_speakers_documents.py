"""A document speaks for who issued it, however the text names it again (issue 15, session 21)."""

from __future__ import annotations

import pytest


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
def test_a_report_a_body_is_due_to_issue_speaks_for_the_body(parse):
    doc = parse(
        "The Ostravian Audit Commission is due to issue its first interim report on Monday. "
        'The report says there "is no evidence of a genuine survey."'
    )
    assert _speakers(doc, "genuine survey") == ["Ostravian Audit Commission"]


@pytest.mark.issue(15)
def test_the_suit_is_the_lawsuit_filed_before(parse):
    doc = parse(
        "The Ostravian Markets Authority filed a fraud lawsuit against Tomas Ferro on Thursday. "
        'According to the suit, Ferro "had not even discussed terms with any lender."'
    )
    assert _speakers(doc, "any lender") == ["Ostravian Markets Authority"]


@pytest.mark.issue(15)
def test_a_lawsuit_brought_by_someone_else_is_not_the_suit_s_author(parse):
    doc = parse('Tomas Ferro faced a defamation suit. According to the suit, Ferro "had called the diver a liar."')
    assert _speakers(doc, "liar") != ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_the_summary_of_a_report_speaks_for_the_report_s_issuer(parse):
    doc = parse(
        "The Ostravian Audit Commission released a report on the closures on Monday. "
        'The report\'s summary concluded that the plan was "a cover for other motives."'
    )
    assert _speakers(doc, "other motives") == ["Ostravian Audit Commission"]


@pytest.mark.issue(15)
def test_the_charity_is_the_body_the_text_called_a_charity(parse):
    doc = parse(
        "Ferrowatch, a charity supporting almost 1,000 migrants, said the ruling was welcome. "
        '"This deal was always cruel," the charity said.'
    )
    [q] = [q for q in doc._.quotes if "always cruel" in q.content.text]
    assert q.speaker.name == "Ferrowatch" and q.speaker.kind == "organisation"


@pytest.mark.issue(15)
def test_a_title_used_again_passes_the_search_for_its_holder_on(parse):
    doc = parse(
        "Tomas Ferro promised new laws on Wednesday. Speaking in the capital, the prime minister said he "
        'disagreed with the ruling. "But we need to end this," Ferro said. "So we will act," he said. '
        '"This will settle it." The prime minister resisted pressure from his party, but vowed: "I will not '
        'allow a foreign court to block these flights."'
    )
    assert _speakers(doc, "foreign court") == ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_a_body_the_table_knows_by_a_description_is_one_mention(parse):
    doc = parse(
        'Russia\'s foreign ministry said the verdict was political. "We deeply regret the ruling," the ministry said.'
    )
    assert _speakers(doc, "deeply regret") == ["Ministry of Foreign Affairs of Russia"]


@pytest.mark.issue(15)
def test_the_head_of_a_source_span_is_the_piece_that_names_someone(parse):
    from receipts.extract.attribution import _source_head

    doc = parse("Tomas Ferro on Monday published an update on the company's website.")
    assert _source_head(doc[0:4]).text == "Ferro"  # "[Tomas Ferro on Monday] published"
    doc = parse("Ferrowatch, a charity supporting migrants who had been told they would be sent away, said no.")
    span = doc[0 : [t.text for t in doc].index("they") + 1]
    assert _source_head(span).text == "Ferrowatch"  # "they" is inside the charity's relative clause


@pytest.mark.issue(15)
def test_a_lone_name_that_is_not_the_surname_is_the_one_person_it_belongs_to(parse):
    doc = parse(
        "Prime Minister Najib Razak denied the charges on Friday. "
        '"I have never taken funds for personal gain," Najib said.'
    )
    assert _speakers(doc, "personal gain") == ["Najib Razak"]


@pytest.mark.issue(15)
def test_the_statement_someone_spoke_in_is_theirs(parse):
    doc = parse(
        '"The sum was a personal donation," Tomas Ferro said in a statement. '
        'The statement also said: "A sum of $620 million was returned in August."'
    )
    assert _speakers(doc, "was returned") == ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_the_report_of_a_named_inquiry_is_the_inquiry_s(parse):
    doc = parse(
        "The final report of the Harbour Fire Inquiry was published on Wednesday. "
        'The 1,500-page report found that the maker had "deliberately concealed" the danger.'
    )
    assert _speakers(doc, "deliberately concealed") == ["Harbour Fire Inquiry"]


@pytest.mark.issue(15)
def test_the_company_is_the_untagged_name_that_spoke_just_before(parse):
    doc = parse(
        "Arconic, the maker of the panels, said on Monday it was withdrawing them from sale. "
        '"We believe this is the right decision," the company said.'
    )
    assert not doc[0].ent_type_  # the small model leaves this name untagged
    assert _speakers(doc, "right decision") == ["Arconic"]


@pytest.mark.issue(15)
def test_a_name_at_the_end_of_a_clause_taken_as_a_source_stays_its_head(parse):
    from receipts.extract.attribution import _source_head

    doc = parse("The crowd cheered when Tomas Ferro said the plan was dead.")
    assert _source_head(doc[0:6]).text == "Ferro"  # "[The crowd cheered when Tomas Ferro] said"


@pytest.mark.issue(15)
def test_a_poll_of_a_place_is_not_the_place_s_words(parse):
    doc = parse(
        'A new poll of South Carolina was released on Monday. The poll showed Ferro "comfortably ahead" of the field.'
    )
    assert _speakers(doc, "comfortably ahead") != ["South Carolina"]


@pytest.mark.issue(15)
def test_a_pronoun_that_speaks_inside_the_source_stays_its_head(parse):
    from receipts.extract.attribution import _source_head

    doc = parse("His speech, in which he said the plan was dead, drew cheers.")
    assert _source_head(doc[0:6]).text == "he"  # "[His speech, in which he] said"


@pytest.mark.issue(15)
def test_a_company_s_first_word_is_the_company(parse):
    doc = parse(
        "Keltra Holdings pleaded guilty on Tuesday. Later, Keltra said in a statement that it accepted responsibility."
    )
    assert [e.label_ for e in doc.ents if e.text == "Keltra"] == ["ORG"]  # the tagger's reading the rule corrects
    assert {m.canonical for m in doc._.mentions if m.span.text == "Keltra"} == {"Keltra Holdings"}


@pytest.mark.issue(15)
def test_a_known_surname_is_not_the_company_that_bears_it(parse):
    doc = parse("The Trump Organization was fined on Tuesday. Trump said the ruling was a disgrace.")
    assert "Trump Organization" not in {m.canonical for m in doc._.mentions if m.span.text == "Trump"}
