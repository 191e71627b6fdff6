"""Every ``doc._`` attribute receipts uses, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRS: dict[str, object] = {
    "published": None,  # datetime.date the document was published, or None
    "aliases": None,  # AliasTable used by the actors stage
    "mentions": (),
    "actors": (),
    "times": (),
    "quantities": (),
    "quotes": (),
    "claims": (),
    "commitments": (),
    "events": (),
}


def register_extensions(force: bool = False) -> None:
    """Register the receipts Doc extensions (idempotent)."""
    for name, default in DOC_ATTRS.items():
        if force or not Doc.has_extension(name):
            Doc.set_extension(name, default=default, force=True)


def reset_extensions() -> None:
    """Remove and re-register the extensions; used by tests."""
    for name in DOC_ATTRS:
        if Doc.has_extension(name):
            Doc.remove_extension(name)
    register_extensions()
