"""Bringing one story in (paste or upload), its summary and warnings, and verifying only its claims."""

from __future__ import annotations

import json

import pytest

from receipts.app.intake import StoryIn, bring_in, summarize, verify_documents, warnings_for
from receipts.config import Settings
from receipts.errors import IngestError, InvalidRequest

STORY = (
    "VELMAR — Transport minister Ada Brenn said on Monday that 40 new buses had been delivered to the city. "
    '"We will open the new depot by June 30," Brenn said.'
)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")


def test_warnings_for_name_the_missing_date_and_outlet():
    assert warnings_for({"published": "2026-11-23", "source": "Velmar Courier"}) == []
    missing = warnings_for({"published": None, "source": None})
    assert len(missing) == 2 and "--published" in missing[0] and "--source" in missing[1]


@pytest.mark.issue(17)
def test_bring_in_pasted_text_stores_it_with_counts_and_metadata(settings):
    result = bring_in(
        settings,
        StoryIn(text=STORY, source="Velmar Courier", published="2026-11-23", title="Buses arrive", author="J. Doe"),
        verify=False,
    )
    [doc] = result["documents"]
    assert doc["id"].startswith("d_") and doc["title"] == "Buses arrive" and doc["source"] == "Velmar Courier"
    assert doc["published"] == "2026-11-23" and doc["origin"] == "pasted" and doc["warnings"] == []
    assert doc["counts"]["claims"] >= 1 and doc["counts"]["quotes"] >= 1
    again = bring_in(settings, StoryIn(text=STORY), verify=False)
    assert again["documents"] == [] and again["duplicates"][0]["id"] == doc["id"]


@pytest.mark.issue(17)
def test_bring_in_without_date_or_outlet_warns(settings):
    [doc] = bring_in(settings, StoryIn(text=STORY), verify=False)["documents"]
    assert any("publication date" in w for w in doc["warnings"]) and any("outlet" in w for w in doc["warnings"])


def test_bring_in_upload_reads_the_files_front_matter(settings):
    data = f"---\ntitle: From the file\nsource: Coastline Gazette\npublished: 2026-07-10\n---\n{STORY}".encode()
    [doc] = bring_in(settings, StoryIn(data=data, filename="../../etc/buses story.md"), verify=False)["documents"]
    assert doc["title"] == "From the file" and doc["source"] == "Coastline Gazette"
    assert doc["origin"] == "upload:buses-story.md"


@pytest.mark.parametrize(
    "story, message", [(StoryIn(), "either pasted text or a file"), (StoryIn(text="x", data=b"y"), "not both")]
)
def test_bring_in_needs_exactly_one_of_text_and_file(settings, story, message):
    with pytest.raises(InvalidRequest, match=message):
        bring_in(settings, story, verify=False)


def test_bring_in_rejects_an_unreadable_file(settings):
    with pytest.raises(IngestError, match="scan.txt: binary"):
        bring_in(settings, StoryIn(data=b"\x00\x01", filename="scan.txt"), verify=False)


def test_summarize_unknown_document_says_where_to_look(settings):
    from receipts.errors import NotFound

    with pytest.raises(NotFound, match="receipts documents"):
        summarize(settings, ["d_nope"])


@pytest.mark.issue(17)
def test_verify_documents_checks_only_the_new_documents_claims(settings):
    # an unrelated story stays as it was; one that shares what it is about would be checked again too
    first = bring_in(
        settings,
        StoryIn(
            text="Harbour officials said 12 ferries were still moored in the bay.",
            source="Bay Times",
            published="2026-11-20",
        ),
        verify=False,
    )
    second = bring_in(settings, StoryIn(text=STORY, source="Velmar Courier", published="2026-11-23"), verify=False)
    verdicts = verify_documents(settings, [second["documents"][0]["id"]])
    from receipts.app.newsroom import document

    new_claims = {c["id"] for c in document(settings, second["documents"][0]["id"])["claims"]}
    old_claims = {c["id"] for c in document(settings, first["documents"][0]["id"])["claims"]}
    assert verdicts and {v["claim_id"] for v in verdicts} == new_claims and not new_claims & old_claims


@pytest.mark.issue(17)
def test_ingest_prints_each_new_documents_id_and_counts(cli, tmp_path):
    db = str(tmp_path / "r.db")
    result = cli("ingest", "-", "--db", db, input=STORY)
    assert result.exit_code == 0
    line = next(x for x in result.output.splitlines() if x.startswith("d_"))
    assert "quotes" in line and "claims" in line
    assert "warning:" in result.output and "--published" in result.output and "--source" in result.output


@pytest.mark.issue(17)
def test_ingest_json_lists_documents_with_counts(cli, tmp_path):
    db = str(tmp_path / "r.db")
    result = cli("ingest", "-", "--db", db, "--json", "--published", "2026-11-23", "--source", "Bay Times", input=STORY)
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    [doc] = body["documents"]
    assert doc["source"] == "Bay Times" and doc["counts"]["claims"] >= 1 and doc["warnings"] == []
