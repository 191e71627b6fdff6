"""The real-news commitment rules: who commits, and whether anyone does (issue #15, item 4).

Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from receipts.extract.commitments import extract_commitments
from receipts.extract.commitments_actor import real_news_rules

pytestmark = pytest.mark.issue(15)


@pytest.mark.parametrize(
    "text",
    [
        # pledge_as_emphasis: a promise verb whose object is the listener
        '"I promise you, this is the best plan we have," Governor Abel Cruz said.',
        '"I guarantee you, nobody works harder than our nurses," Governor Abel Cruz said.',
        # desired_state: a wish for how things should be
        '"I want to see the old mill reopened," Mayor Tessa Brun said.',
        '"We want to be the party of working families," Mayor Tessa Brun said.',
        '"I want to make sure every child can read," Mayor Tessa Brun said.',
        '"I want to mention someone who is not here tonight," Mayor Tessa Brun said.',
        # attitude: what someone would welcome
        "Senator Kaya Lund said she would welcome a debate on rail fares.",
        # noncommittal: thinking about it
        "Mayor Tessa Brun said she would look into the complaints.",
        "Governor Abel Cruz said he would consider it an insult if the council refused.",
        # narrated_past_plan: a plan the writer narrates in the past
        "Mr. Pereira planned to reopen the mill, then sell it to the town.",
        # cut_off: speech broken off
        '"Governor, I want to try to get —" the host began.',
        # headline: a clause in capitals
        "LOCAL DOCTORS DON'T WANT TO WORK WITH HIM — the clinic may close, but nobody says so.",
        # pledge_of_a_thing / pledge_by_a_thing: a thing cannot pledge
        "The summit promised to be a turning point.",
        "The restrictive gun laws guaranteed that fewer people would die.",
        "The new rules promised to cut waiting times.",
        # believed_future: a future someone believes in is a prediction
        '"I think we will win the vote," Mayor Tessa Brun said.',
        # inferred_intent: the writer's inference
        "Governor Abel Cruz seems to want to cut taxes.",
        # speech_as_emphasis and forecast_verb: announcing speech; an outcome
        '"I\'ll tell you what, we will win this state," Governor Abel Cruz said.',
        '"I will predict the winner tonight," Senator Kaya Lund said.',
        # story_sequence: "would" clauses of several people
        '"I would answer the question, and he would look at me, and he would say nothing," Lena Ostrova said.',
        # habitual_would: a past habit
        '"I would often visit the old mill at night," Governor Abel Cruz said.',
        '"I will admit, it was hard," Governor Abel Cruz said.',
        # unreal_condition: a counterfactual
        '"If I had won the primary, I would cut taxes," Governor Abel Cruz said.',
        # time_as_actor: a time parsed as the subject
        "And this past weekend in Velmar, Mayor Tessa Brun and Governor Abel Cruz formally committed their cities "
        "to the pact.",
        # bare_singular_actor: headline shorthand
        "After the vote, bloc aims to rely less on its ally.",
        # future_in_description: a future in a relative clause
        '"Our parks are something we love and will protect," Mayor Tessa Brun said.',
        # unreal_condition with "could" and "were"
        '"If I could get a fair offer, I would settle the case," Governor Abel Cruz said.',
        "Governor Abel Cruz told voters that if the harbour were a stock, he would advise buying it.",
        # hedged_future, cognition_future
        "Senator Kaya Lund said she would probably campaign with him.",
        '"Our founders would not recognize this city," Mayor Tessa Brun said.',
        # participle_adjective: "pledged delegates"
        "Senator Kaya Lund won most of the party's pledged delegates after the vote.",
        # in_comparison: a plan in a comparison
        "Senator Kaya Lund is fighting longer than she had planned to win the seat.",
        # quoted_phrase: someone else's words quoted in a quote
        "\"Voters will not be satisfied with 'We'll fix it later,'\" Senator Kaya Lund said of the mayor's vow.",
        # embedded_question
        "Asked whether he would sack the adviser, Governor Abel Cruz said nothing.",
        # event_as_actor and dateline_actor
        "He wrote to members as the committee meeting began, vowing to fight for every vote.",
        # attitude with "would love to"; speech_as_emphasis with "put it"
        '"I would love to debate him on television," Governor Abel Cruz said.',
        '"I\'ll put it this way," Governor Abel Cruz said.',
        # embedded_question: an "if" clause as an object
        '"I don\'t know if I would vote for him," Lena Ostrova said.',
        "When the manager was asked if Governor Abel Cruz would hold a press conference, he laughed.",
        # cognition_future: betting and expecting are not acts
        '"If I had to choose now, I would bet on the mayor," Lena Ostrova said.',
        # quantified_actor: a share of a group
        "The Velmar campaign said some of the nurses would campaign for Mayor Tessa Brun.",
        # participle_adjective: "delegates committed to"
        "She needs delegates already committed to Mayor Tessa Brun to change sides.",
        # believed_future: an announcement still considered
        "Senator Kaya Lund has been considering announcing that she will not endorse the mayor.",
        # garbled_actor: a pledge in the writer's future
        "Republicans will pledge to appoint judges who follow the letter of the law.",
        # cognition_future and a wording: "I'll never forget", "I would use the word"
        '"I\'ll never forget the day the mill closed," Lena Ostrova said.',
        '"I would use the word old-fashioned," Lena Ostrova said.',
        # participle_adjective: a number before "pledged delegates"
        "Mayor Tessa Brun leads Governor Abel Cruz by 271 pledged delegates.",
        # noncommittal "look forward to"; desired_state with a passive; believed_future "estimates"
        '"I would look forward to working with the bishop," Governor Abel Cruz said.',
        '"I want to be associated with good people," Governor Abel Cruz said.',
        "The deals, which Lena Ostrova estimates will not expire for years, worry the council.",
        # plural_for_one: a plural subject taken for the one person in its compound
        "If the demands are not met, die-hard Brun supporters plan to leave the party.",
        # wish: a want or a hope, however firm, is no undertaking (the real-news guideline's desires)
        "Mayor Tessa Brun wants to triple the number of buses.",
        '"I would like to give it a shot," Governor Abel Cruz said.',
        "Senator Kaya Lund hopes to win back the seat.",
        # expected_of: what others expect an actor to do
        "The central bank is expected to announce on Wednesday that it will hold rates.",
        # plan_in_question, asked_of_others and a suggested future (believed_future)
        "Governor Abel Cruz declined to say how he intended to pay for the bridge.",
        "Governor Abel Cruz asked his supporters to raise their hands and pledge their loyalty to him.",
        "Hillary Clinton spoke on Monday. A Clinton ally suggested she would do an about-face on the harbour deal.",
        # plural_for_one: a "they" is not one person
        "Many suspect that Governor Abel Cruz hides his tax returns because they would reveal his debts.",
    ],
)
def test_emphasis_wishes_thoughts_and_things_are_not_commitments(parse, text):
    assert extract_commitments(parse(text)) == []


@pytest.mark.parametrize(
    "text,actor",
    [
        ("The harbour board pledged to dredge the channel.", "The harbour board"),
        ("The family pledged to rebuild the chapel.", "The family"),
        ("Governor Abel Cruz said he planned to reopen the mill.", "Abel Cruz"),
        ('"We will rebuild the bridge," Mayor Tessa Brun said.', "Mayor Tessa Brun"),
        ('"I will always fight for you," Governor Abel Cruz said.', "Abel Cruz"),
        ("Velmar Water indicated it would give $75,000 to the fund.", "Velmar Water"),
    ],
)
def test_pledges_and_plans_of_people_and_bodies_stay(parse, text, actor):
    found = extract_commitments(parse(text))
    assert [c.actor for c in found] == [actor]


@pytest.mark.parametrize(
    "text,action",
    [
        ("Senator Kaya Lund said she would not seek a recount.", "not seek a recount"),
        ("Governor Abel Cruz vowed not to take the company's calls.", "not take the company's calls"),
        ('"I will never sell the harbour," Mayor Tessa Brun said.', "never sell the harbour"),
        ("The ministry said it does not plan to publish the pages.", "not publish the pages"),
        ("Governor Abel Cruz vowed to cut fares.", "cut fares"),
    ],
)
def test_an_undertaking_not_to_act_says_so_in_its_action(parse, text, action):
    """Real-news audit: six of 25 wrong commitments in a sample had lost their "not"."""
    found = extract_commitments(parse(text))
    assert [c.action for c in found] == [action]
    assert found[0].canonical.polarity == ("negative" if action.startswith(("not", "never")) else "positive")


@pytest.mark.parametrize(
    "text",
    [
        'Bill Marsh asked Governor Abel Cruz about the bridge. "I will rebuild it by May," he said.',
        'Governor Abel Cruz was asked by Bill Marsh about the bridge. "I will rebuild it by May," he said.',
    ],
)
def test_a_pledge_answering_a_question_is_the_one_asked(parse, text):
    (c,) = extract_commitments(parse(text))
    assert c.actor == "Abel Cruz" and c.source is not None and c.source.name == "Abel Cruz"


def test_a_conditional_pledge_in_the_present_stays(parse):
    (c,) = extract_commitments(parse('"If I win, I will cut taxes," Governor Abel Cruz said.'))
    assert c.kind == "promise" and c.action == "cut taxes"


def test_a_denied_plan_is_negative(parse):
    (c,) = extract_commitments(parse("Governor Abel Cruz denied that he would raise taxes."))
    assert c.canonical.polarity == "negative"


def test_a_plan_not_to_act_keeps_its_negation_in_the_polarity(parse):
    (c,) = extract_commitments(parse("Governor Abel Cruz said he does not plan to raise the fares."))
    assert c.canonical.polarity == "negative"


def test_a_dateline_parsed_as_the_subject_is_no_actor():
    import spacy
    from spacy.tokens import Doc

    from receipts.extract.commitments_actor import rejected_on_real_news
    from receipts.extract.commitments_rules import Candidate
    from receipts.types import Speaker

    words = ["VELMAR", "HEIGHTS", ",", "Ostrava", "-", "the", "senator", "promised", "to", "act", "."]
    heads = [1, 7, 1, 1, 7, 6, 7, 7, 9, 7, 7]
    deps = ["compound", "nsubj", "punct", "appos", "punct", "det", "npadvmod", "ROOT", "aux", "xcomp", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * 10)
    cue, subj = doc[7], doc[1]
    actor = Speaker("VELMAR HEIGHTS", "unknown")
    candidate = Candidate(cue, cue, doc[9], subj, actor, None)
    assert rejected_on_real_news(candidate) == "dateline_actor"


def test_every_real_news_rule_has_a_name_and_a_reason():
    names = [r.name for r in real_news_rules()]
    assert len(names) == len(set(names)) and all(r.why for r in real_news_rules())


def test_an_ability_assured_to_the_audience_is_the_speakers_pledge(parse):
    text = (
        '"If you like your clinic, you will be able to keep your clinic," Governor Abel Cruz told the crowd. '
        '"If you like your nurse, you will be able to keep your nurse."'
    )
    found = extract_commitments(parse(text))
    assert [(c.actor, c.action, c.kind) for c in found] == [
        ("Abel Cruz", "keep your clinic", "promise"),
        ("Abel Cruz", "keep your nurse", "promise"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"You will not be able to park here after May," Governor Abel Cruz said.',  # a warning
        '"You would be able to see the harbour from the tower," Governor Abel Cruz said.',  # a conditional
        "Governor Abel Cruz said that you will be able to keep your clinic.",  # not his quoted words
    ],
)
def test_a_warning_a_conditional_or_a_paraphrase_is_no_pledge_to_the_audience(parse, text):
    assert [c for c in extract_commitments(parse(text)) if "able" in c.cue or c.actor == "Abel Cruz"] == []
