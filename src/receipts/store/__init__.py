"""Storage: SQLAlchemy rows, queries and Alembic migrations. No spaCy here."""

from receipts.store.db import Store

__all__ = ["Store"]
