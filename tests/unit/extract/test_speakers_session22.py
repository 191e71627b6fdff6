"""Police forces, the person a report is about, and royal given names (issue 15, session 22)."""

from __future__ import annotations

import pytest


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
def test_bare_police_is_the_one_force_the_text_names(parse):
    doc = parse(
        "Korvi police said the singer was attacked by two men on Tuesday. "
        'Police said they were treating the incident as "a possible hate crime."'
    )
    assert _speakers(doc, "hate crime") == ["Korvi police"]


@pytest.mark.issue(15)
def test_bare_police_stays_as_it_is_when_two_forces_are_named(parse):
    doc = parse(
        "Korvi police and Ostrava police both opened inquiries on Tuesday. "
        'Police said they were treating the incident as "a possible hate crime."'
    )
    assert _speakers(doc, "hate crime") not in (["Korvi police"], ["Ostrava police"])


@pytest.mark.issue(15)
def test_the_prime_minister_is_the_person_the_report_is_about(parse):
    doc = parse(
        "Tomas Ferro said on Thursday he would rather resign than ask for a delay. "
        "Ferro was speaking at a police training centre. "
        "Earlier his sister, Ana Ferro, had resigned as a junior minister. "
        'The prime minister acknowledged her departure, saying she "does not agree with me about the treaty".'
    )
    assert _speakers(doc, "does not agree") == ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_the_prime_minister_is_not_the_lead_when_someone_else_is_named_more(parse):
    doc = parse(
        "Tomas Ferro said on Thursday he would call an election. "
        "Lena Orsk attacked the plan. Orsk called it reckless, and Orsk said her party would fight it. "
        "Earlier his sister, Ana Ferro, had resigned as a junior minister. "
        'The prime minister said she "does not agree with me about the treaty".'
    )
    assert _speakers(doc, "does not agree") != ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_a_prince_named_by_his_given_name_is_the_full_name_given_before(parse):
    doc = parse(
        "Crown Prince Khalid bin Faris said the kingdom would allow a search of the building. "
        'In an interview, Prince Khalid said: "We have nothing to hide."'
    )
    assert _speakers(doc, "nothing to hide") == ["Khalid bin Faris"]


@pytest.mark.issue(15)
def test_the_crown_prince_is_the_person_given_that_title(parse):
    doc = parse(
        "Crown Prince Khalid bin Faris met the envoy on Monday. "
        'The envoy left after an hour. "Justice will prevail," the crown prince said.'
    )
    assert _speakers(doc, "Justice will prevail") == ["Khalid bin Faris"]


@pytest.mark.issue(15)
def test_a_tagged_source_naming_no_one_gives_way_to_the_verb_s_subject(parse):
    doc = parse(
        "Harbourwatch, a charity supporting almost 1,000 migrants who had been told they would be deported "
        'to Rwanda, said the judgment "is a victory for humanity".'
    )
    assert _speakers(doc, "victory for humanity") == ["Harbourwatch"]


@pytest.mark.issue(15)
def test_a_police_news_release_speaks_for_the_force_the_text_names(parse):
    doc = parse(
        "Korvi Police Chief Ana Vell said the file had been recovered. "
        '"The accused made extortive efforts to retrieve a recording," a police news release said.'
    )
    assert _speakers(doc, "extortive efforts") == ["Korvi Police"]


@pytest.mark.issue(15)
def test_he_after_a_name_the_model_left_untagged_is_that_name(parse):
    from receipts.extract.speakers import SpeakerResolver

    doc = parse('Tomas Zvonar wrote that the fund had approached him. "It has more than enough capital," he wrote.')
    resolver = SpeakerResolver(doc, [])  # as if the model had tagged no name in the text
    he = next(t for t in doc if t.text == "he")
    assert resolver.resolve(he).name == "Tomas Zvonar"


@pytest.mark.issue(15)
def test_her_lawyers_are_named_as_whose_lawyers(parse):
    doc = parse(
        "Lena Orsk asked a court on Monday to dismiss the lawsuit. "
        'Her lawyers argued that "no reasonable person" would take her words as fact.'
    )
    assert _speakers(doc, "no reasonable person") == ["Lena Orsk's lawyers"]


@pytest.mark.issue(15)
def test_a_participle_of_saying_goes_with_who_said_not_with_his_subject(parse):
    doc = parse(
        "Secretary of State Lena Orsk announced the recount on Wednesday. Orsk said the audit would be completed "
        'before the deadline, while acknowledging that getting it done in time would be a "heavy lift." '
        "Election workers would be paid overtime, she said."
    )
    assert _speakers(doc, "heavy lift") == ["Lena Orsk"]


@pytest.mark.issue(15)
def test_the_clause_of_a_named_report_is_the_report_s_not_the_subject_s(parse):
    doc = parse(
        "The Kremlin was responding to a Bloomberg report that the United States had warned the European Union "
        'that Moscow might be weighing a "potential invasion of Ukraine".'
    )
    assert _speakers(doc, "European Union") == ["Bloomberg News"]


@pytest.mark.issue(15)
def test_claims_by_someone_that_are_that_someone_s(parse):
    doc = parse('Judge Ana Vell rejected claims by Tomas Ferro that the auction had been marred by "collusion."')
    quotes = [(q.content.text, q.speaker.name if q.speaker else None) for q in doc._.quotes]
    assert quotes == [('the auction had been marred by "collusion."', "Tomas Ferro")]


@pytest.mark.issue(15)
def test_the_judges_are_the_one_court_the_text_names(parse):
    doc = parse(
        "The International Court of Justice ordered Ostrava on Wednesday to halt its offensive. "
        '"Ostrava shall immediately suspend the operations," the judges wrote.'
    )
    assert _speakers(doc, "suspend the operations") == ["International Court of Justice"]


@pytest.mark.issue(15)
def test_the_judges_stay_as_they_are_beside_two_courts(parse):
    doc = parse(
        "The Supreme Court and the High Court of Korvi both heard the case. "
        '"Ostrava shall immediately suspend the operations," the judges wrote.'
    )
    assert _speakers(doc, "suspend the operations") == ["the judges"]


@pytest.mark.issue(15)
def test_the_family_and_a_plural_surname_are_the_family(parse):
    doc = parse(
        "Richard Vell led the company for decades. In a statement, the Vell family said its members had behaved "
        '"ethically and lawfully." Later the Vells said: "We acted lawfully in all respects."'
    )
    assert _speakers(doc, "ethically and lawfully") == ["Vell family"]
    assert _speakers(doc, "lawfully in all respects") == ["Vell family"]
