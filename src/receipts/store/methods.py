"""Method names stored as short codes.

Every extracted row records the method that produced it ("quotes.tagger.attribution-minilm+rules.v1").
Written out on each of a store's millions of rows, those names were about 3 kB of every article
(issue #18). A name in :data:`METHOD_CODES` is stored as ``@`` and its position ("@2"); a name that
extends one with ``+rule`` keeps the extension ("@4+quoted_denial"); any other name is stored as written,
so a user's own model needs no code. Reading turns codes back into names, so nothing above the store
sees them.

The list is append-only: a code written to a store must name the same method forever. Add new names at
the end; never reorder, rename or remove one (``tests/unit/store/test_methods.py`` holds the prefix).
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

METHOD_CODES: tuple[str, ...] = (
    "sentences.spacy.v1",
    "actors.rules.v1",
    "quotes.tagger.attribution-minilm+rules.v1",
    "quotes.rules.v1",
    "claims.checkworthy.minilm.v1",
    "claims.heuristic.v1",
    "numbers.rules.v1",
    "dates.rules.v1",
    "events.rules.v1",
    "commitments.rules.v3",
    "quotes.tagger.v1",
)
_CODE = {name: f"@{i}" for i, name in enumerate(METHOD_CODES)}
# longest first, so that "quotes.tagger.attribution-minilm+rules.v1+x" takes the longer name's code
_BY_LENGTH = sorted(METHOD_CODES, key=len, reverse=True)


def encode_method(name: str) -> str:
    """The stored form of a method name: its code, its code and extension, or the name itself.

    :raises ValueError: When a name starts with "@", which only codes may.
    """
    if name.startswith("@"):
        raise ValueError(f"a method name may not start with '@': {name!r}")
    code = _CODE.get(name)
    if code is not None:
        return code
    for known in _BY_LENGTH:
        if name.startswith(known) and name[len(known)] == "+":
            return _CODE[known] + name[len(known) :]
    return name


def decode_method(stored: str) -> str:
    """The method name a stored value stands for (a value that is not a known code is returned as it is)."""
    if not stored.startswith("@"):
        return stored
    head, plus, rest = stored[1:].partition("+")
    if not head.isdigit() or int(head) >= len(METHOD_CODES):
        return stored
    return METHOD_CODES[int(head)] + plus + rest


class MethodName(TypeDecorator):
    """A ``VARCHAR`` column of method names, stored by :func:`encode_method`."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encode_method(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decode_method(value)
