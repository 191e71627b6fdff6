"""Which stored sentences say something about the world that could be true or false.

Two kinds of sentence are kept out of evidence and contradictions:

- newsroom boilerplate about the reporting itself ("did not respond to a request for comment",
  "declined to comment", "could not be reached"): it is true of the moment of writing and says
  nothing about the story, so it cannot confirm or contradict a claim;
- headline and dateline fragments that end in the dateline dash ("... talks KORVI, July 8 (DSNA) —"),
  which have no predicate of their own.
"""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"\b(?:did not|didn['’]t|does not|doesn['’]t|has not|hasn['’]t|could not|couldn['’]t|would not)\s+"
    r"(?:immediately\s+)?(?:respond|reply|return)\b[^.]*\b(?:requests?|messages?|calls?|e-?mails?|inquir(?:y|ies)|queries)\b"
    r"|\bdeclined\s+(?:to\s+)?(?:comment|elaborate)\b"
    r"|\bcould\s+not\s+(?:immediately\s+)?be\s+reached\b"
    r"|\b(?:was|were)\s+not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment\b"
    r"|\bno\s+immediate\s+comment\b",
    re.IGNORECASE,
)
_DATELINE_DASH = re.compile(r"(?:—|–|--)\s*$")


def is_statement(text: str) -> bool:
    """False for reporting boilerplate and dangling headline/dateline fragments."""
    stripped = text.strip()
    return bool(stripped) and not _BOILERPLATE.search(stripped) and not _DATELINE_DASH.search(stripped)
