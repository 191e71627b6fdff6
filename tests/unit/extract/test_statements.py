import pytest

from receipts.extract.statements import is_statement


@pytest.mark.parametrize(
    "text",
    [
        "Dravania's foreign ministry did not respond to a request for comment.",
        "The mayor's office didn't immediately return calls on Friday.",
        "A spokesman for the port authority declined to comment.",
        "Senator Vance could not be reached for comment on Sunday.",
        "The agency was not immediately available for comment.",
        "Foreign ministry spokesperson's statement on the Korvi talks\nKORVI, July 8 (DSNA) —",
        "",
    ],
)
def test_boilerplate_and_fragments_are_not_statements(text):
    assert not is_statement(text)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not respond to the flooding for three days.",
        "No remains have been returned to Ostravia so far.",
        "A spokesperson for the foreign ministry issued a statement on Wednesday about the talks.",
        "Officials declined an invitation to the summit in Korvi.",
        "The bridge — closed since March — reopened on Monday.",
    ],
)
def test_claims_about_the_world_are_statements(text):
    assert is_statement(text)
