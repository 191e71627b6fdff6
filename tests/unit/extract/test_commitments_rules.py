"""The named rules that tell a commitment from a forecast, a hypothesis or a wish (issue #15).

Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from receipts.extract.commitments import extract_commitments

pytestmark = pytest.mark.issue(15)


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Freight will probably face tougher checks next year.",  # something that happens to it
        "The storm will reach the northern coast by Friday.",  # nobody owes anything
        "If the bill fails, the governor would have to call a special session.",  # hypothesis
        "Had she known, Mara Lind would have resigned.",  # counterfactual
        "Councillor Ivo Pereira would be a fool to oppose the budget.",  # evaluation
        "Reporters asked whether Mayor Tessa Brun will resign.",  # embedded question
        "Will the ministry repay the farmers?",  # question
        "Analysts agreed that the deal was a poor one.",  # agreeing with a view
        "Many residents want to keep the old library.",  # nobody named to hold to it
        "Senator Kaya Lund wanted to visit the plant last year.",  # a past wish
        "Lena Ostrova hopes to win the seat.",  # a hope
        "The lawyer said the company would lose the case.",  # a forecast by someone else
        '"I\'ll tell you, the numbers are terrible," Governor Abel Cruz said.',  # a turn of speech
    ],
)
def test_forecasts_hypotheses_and_wishes_are_not_commitments(parse, text):
    assert extract_commitments(parse(text)) == []


@pytest.mark.parametrize(
    "text,actor",
    [
        ('"We will repair every bridge in the county by 2027," Governor Abel Cruz said.', "Abel Cruz"),
        ("The Velmar Water Board said it would replace the lead pipes within two years.", "Velmar Water Board"),
        ("Senator Kaya Lund plans to introduce a bill on rail fares.", "Kaya Lund"),
        ("Mayor Tessa Brun vowed to reopen the clinic.", "Tessa Brun"),
    ],
)
def test_undertakings_by_a_named_actor_are_commitments(parse, text, actor):
    found = extract_commitments(parse(text))
    assert [c.actor for c in found] == [actor]


def test_a_promise_in_a_participle_takes_its_clause_subject(parse):
    doc = parse("Mayor Tessa Brun spoke to the dock workers, promising to restore the night shift.")
    (c,) = extract_commitments(doc)
    assert c.actor == "Tessa Brun" and c.action.startswith("restore the night shift")


def test_a_conditional_pledge_said_with_a_promise_verb_stays(parse):
    (c,) = extract_commitments(parse("Mayor Tessa Brun promised to cut fares if the council agrees."))
    assert c.cue == "promised"


# Rules added for precision on real news (issue #15): each named rule, on invented sentences.
@pytest.mark.parametrize(
    "rule,text",
    [
        ("nobody", "Senator Kaya Lund said that nobody would question the audit."),
        ("in_time_clause", "Mayor Tessa Brun said she remembered the days when she would walk to the mill."),
        ("in_condition", "The Velmar Water Board will act only if the Harbour Trust pledged to pay its share."),
        ("modal_cue", "Under the proposal, the Velmar Water Board would pledge to cut its prices."),
        ("refused", "Mayor Tessa Brun again refused to pledge to release her tax returns."),
        ("asked_of_others", "Senator Kaya Lund urged the Harbour Trust to commit to the repairs."),
        ("want_of_another", '"Governor Abel Cruz wants to close every school," Senator Kaya Lund said.'),
        ("plan_of_another", "Analysts believe Governor Abel Cruz has the best plan to fix the roads."),
        ("present_would", "The Velmar Budget Office says it would add $84 million to the deficit."),
        ("narrated_future", "Governor Abel Cruz will visit the northern coast on Thursday."),
        ("narrated_future", "If the bill passes, Senator Kaya Lund will take the credit."),
        ("discourse", '"I want to ask you about the budget," Senator Kaya Lund said.'),
        ("agreed_view", "Independent analyses agree the richest families would be the biggest winners."),
    ],
)
def test_named_rules_keep_non_commitments_out(parse, monkeypatch, rule, text):
    import receipts.extract.commitments as stage

    seen: list[str | None] = []
    original = stage.rejected_by

    def spy(candidate, resolve):
        seen.append(original(candidate, resolve))
        return seen[-1]

    monkeypatch.setattr(stage, "rejected_by", spy)
    assert extract_commitments(parse(text)) == []
    assert rule in seen


@pytest.mark.parametrize(
    "text,actor,kind",
    [
        # a plan the actor has or announced, said by the actor
        (
            "Governor Abel Cruz said on Thursday that he has a plan to raise $12 million for the pipes.",
            "Abel Cruz",
            "promise",
        ),
        ("The Velmar Water Board announced a plan to replace the lead pipes by 2028.", "Velmar Water Board", "promise"),
        ("Governor Abel Cruz has a plan to raise $12 million for the pipes.", "Abel Cruz", "intention"),
        # what a party owes under the terms of an agreement
        (
            "Under the settlement, Harbour Freight must repair or replace 80 percent of the cranes by June 2027.",
            "Harbour Freight",
            "agreement",
        ),
        ("Under the deal, Dravania will return the remains within two months.", "Dravania", "agreement"),
        # still commitments after the new rules
        ("Mayor Tessa Brun vowed not to repeat the mistake.", "Tessa Brun", "promise"),
        ('"If the court rules against us, we will appeal," Governor Abel Cruz said.', "Abel Cruz", "promise"),
        ("Senator Kaya Lund said she would never vote for the budget.", "Kaya Lund", "intention"),
        (
            "The Velmar Water Board said it would increase oversight of the contractors.",
            "Velmar Water Board",
            "intention",
        ),
    ],
)
def test_undertakings_that_the_new_rules_keep(parse, text, actor, kind):
    found = extract_commitments(parse(text))
    assert [(c.actor, c.kind) for c in found] == [(actor, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tessa Brun has no plan to raise fares.",  # no plan
        "Mayor Tessa Brun does not have a plan to raise fares.",
        "Drivers must stop at the border.",  # an obligation under no agreement
        "Under the law, Harbour Freight must file a report.",  # a law is not an agreement the party made
    ],
)
def test_plans_denied_and_duties_of_law_are_not_commitments(parse, text):
    assert extract_commitments(parse(text)) == []


def _judge(
    parse,
    text: str,
    rule: str,
    *,
    trigger: str,
    verb: str,
    subject: str | None,
    actor: str | None,
    quote_by: str | None = None,
    direct: bool = False,
    said_by: str | None = None,
) -> bool:
    """Whether one named rule applies to a candidate built by hand: the resolver's answers (actor,
    quote speaker, who a reporter is) are given, so the rule is tested apart from resolution."""
    from receipts.extract.commitments_rules import Candidate, rules
    from receipts.types import Quote, Span, Speaker

    doc = parse(text)
    tok = {t.text: t for t in reversed(doc)}
    quote = Quote(Span(0, len(text), text), Speaker(quote_by, "person"), None, direct) if quote_by else None
    cue = tok[trigger]
    candidate = Candidate(
        cue, cue, tok[verb], tok[subject] if subject else None, Speaker(actor, "person") if actor else None, quote
    )
    resolve = lambda _tok: Speaker(said_by, "person") if said_by else None  # noqa: E731
    return next(r for r in rules(resolve) if r.name == rule).applies(candidate)


def test_third_person_self_a_he_in_the_speakers_quote_is_someone_else(parse):
    text = '"If he is asked, he would try to dodge the question," Ana Ruiz said.'
    kw = {"trigger": "would", "verb": "try", "actor": "Ana Ruiz", "quote_by": "Ana Ruiz", "direct": True}
    assert _judge(parse, text, "third_person_self", subject="he", **kw)
    own = '"We would try to answer every question," Ana Ruiz said.'
    assert not _judge(parse, own, "third_person_self", subject="We", **kw)


def test_nobody_the_listener_or_a_report_by_all_names_no_actor(parse):
    text = '"You would be shooting yourself in the foot," Ivo Pereira said.'
    assert _judge(parse, text, "nobody", trigger="would", verb="shooting", subject="You", actor="Ivo Pereira")
    text = "All agreed that it would add new layers of paperwork."
    assert _judge(parse, text, "nobody", trigger="would", verb="add", subject="it", actor="Velmar Water Board")


def test_described_actor_a_bare_description_is_no_one(parse):
    text = "He is a bully, loud braggart and schemer who has pledged to close the port."
    kw = {"trigger": "pledged", "verb": "close", "subject": "who"}
    assert _judge(parse, text, "described_actor", actor="loud braggart", **kw)
    named = "He praised Senator Kaya Lund, who has pledged to close the port."
    assert not _judge(parse, named, "described_actor", actor="Kaya Lund", **kw)


def test_pronoun_not_reporter_a_plan_belongs_to_who_reports_it(parse):
    text = "Nearly eight in ten voters say they plan to watch the debate."
    kw = {"trigger": "plan", "verb": "watch", "subject": "they", "actor": "Tessa Brun"}
    assert _judge(parse, text, "pronoun_not_reporter", said_by=None, **kw)
    own = "Tessa Brun says she plans to watch the debate."
    kw = {"trigger": "plans", "verb": "watch", "subject": "she", "actor": "Tessa Brun"}
    assert not _judge(parse, own, "pronoun_not_reporter", said_by="Tessa Brun", **kw)
