"""One tracked promise per pledge: repeated reports of one pledge are merged, every appearance listed."""

from __future__ import annotations

import pytest

from receipts.app.pledges import content_words, group_pledges, same_pledge

PLEDGE = {
    "actor_id": 3,
    "actor": "Dravania",
    "predicate": "return",
    "polarity": "positive",
    "object": "return the remains of 300 Ostravian soldiers missing since the war",
    "quantity": 300.0,
}


def test_content_words_drop_function_words_and_plural_s():
    assert content_words("return the remains of 300 soldiers") == {"return", "remain", "300", "soldier"}


@pytest.mark.parametrize(
    "change, same",
    [
        ({"object": "return the remains of 300 soldiers"}, True),  # a shorter report of the same pledge
        ({"actor_id": None, "object": "return the remains of 300 soldiers"}, True),  # one unresolved: by name
        ({"actor_id": 5, "actor": "Ostravia"}, False),  # another actor
        ({"predicate": "bring"}, False),
        ({"polarity": "negative"}, False),  # "will not return"
        ({"quantity": 200.0}, False),  # the counts disagree
        ({"object": "return the border guards to their posts"}, False),
        ({"actor_id": None, "actor": None}, False),
    ],
)
def test_same_pledge(change, same):
    assert same_pledge(PLEDGE, PLEDGE | change) is same
    assert same_pledge(PLEDGE | change, PLEDGE) is same


def test_group_pledges_keeps_order_and_joins_later_reports_to_the_first():
    later = PLEDGE | {"object": "return the remains of 300 soldiers"}
    other = PLEDGE | {"predicate": "dismantle", "object": "dismantle the Sarn test site"}
    assert group_pledges([PLEDGE, other, later]) == [[PLEDGE, later], [other]]


@pytest.mark.issue(17)
def test_the_remains_pledge_is_one_promise_with_both_reports(client):
    items = client.get("/api/promises", params={"limit": 500}).json()["items"]
    remains = [p for p in items if p["actor"] == "Dravania" and "remains of 300" in p["action"]]
    assert len(remains) == 1
    pledge = remains[0]
    assert len(pledge["appearances"]) == 2 and pledge["ids"][0] == pledge["id"]
    assert [a["published"] for a in pledge["appearances"]] == ["2026-06-12", "2026-07-03"]
    assert {a["source"] for a in pledge["appearances"]} == {"Meridian Wire"}
    assert any(st["reason"] == "reported again by Meridian Wire" for st in pledge["timeline"])
    # the later report's id leads to the same tracked promise, in the API and on the page
    later = pledge["ids"][1]
    assert client.get(f"/api/promises/{later}").json()["id"] == pledge["id"]
    html = client.get(f"/promises/{later}").text
    assert "Reported 2 times" in html and html.count("<li><time>2026-0") >= 2
    assert "reported 2 times" in client.get("/promises").text


@pytest.mark.issue(17)
def test_a_review_of_any_report_sets_the_pledges_status(client, editor):
    items = client.get("/api/promises", params={"limit": 500}).json()["items"]
    pledge = next(p for p in items if len(p["appearances"]) > 1)
    r = client.post(
        f"/api/promises/{pledge['ids'][1]}/review",
        headers={"Authorization": f"Bearer {editor[2]}"},
        json={"status": "broken", "rationale": "The deadline passed with nothing returned."},
    )
    assert r.status_code == 200, r.text
    merged = client.get(f"/api/promises/{pledge['id']}").json()
    assert merged["status"] == "broken" and merged["origin"] == "human"
    assert merged["audit"] and merged["audit"][0]["entity_id"] == pledge["ids"][1]
