"""Errors we raise on purpose.

* ReceiptsError
  + IngestError      - FetchError, ParseError
  + ExtractionError
  + StoreError       - NotFound
  + ConfigError
  + InvalidRequest
  + AuthError       - TooManyAttempts
"""

from __future__ import annotations


class ReceiptsError(Exception):
    """Base class for errors we raise on purpose."""


class IngestError(ReceiptsError):
    """A source could not be turned into an article."""


class FetchError(IngestError):
    """A source could not be read (missing, too large, unreadable)."""


class ParseError(IngestError):
    """A source was read but its content is malformed, binary or empty."""


class ExtractionError(ReceiptsError):
    """A pipeline stage failed on an article."""


class StoreError(ReceiptsError):
    """The database refused or failed an operation."""


class NotFound(StoreError):
    """A requested item is not in the store."""


class ConfigError(ReceiptsError):
    """A setting has a value we cannot use."""


class InvalidRequest(ReceiptsError):
    """A request names a value we do not accept (an unknown label, an empty rationale)."""


class AuthError(ReceiptsError):
    """A user, password or token was not accepted."""


class TooManyAttempts(AuthError):
    """Too many failed logins or API tokens for a user or from an address; wait ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
