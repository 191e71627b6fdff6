"""Engine, sessions and schema migration for one store."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from receipts.errors import StoreError

# How long a SQLite connection waits for another writer (serve and ingest at once) before it gives up.
BUSY_TIMEOUT_S = 30.0
# SQLite connections are cheap; enough for every thread of the server's pool to hold one.
SQLITE_POOL = {"pool_size": 10, "max_overflow": 40, "pool_timeout": 60}


def _alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("receipts.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@lru_cache(maxsize=1)
def _head_revision() -> str | None:
    """The one revision of the shipped migrations that no other follows, read from their files; None when
    that is not one revision (Alembic then decides)."""
    revisions, follows = set(), set()
    for path in (resources.files("receipts.store") / "migrations" / "versions").iterdir():
        if not path.name.endswith(".py"):
            continue
        text = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if rev:
            revisions.add(rev[1])
        if down:
            follows.add(down[1])
    heads = revisions - follows
    return heads.pop() if len(heads) == 1 else None


def compact_json(value: object) -> str:
    """JSON columns as stored: no spaces after separators, and text as UTF-8 rather than ``\\u`` escapes.

    A string that cannot be encoded as UTF-8 (a lone surrogate) is written with escapes, as before.
    """
    out = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":"))
    return out


class Store:
    """A receipts database: SQLite by default, PostgreSQL through the same URL.

    Example::

        store = Store("sqlite:///receipts.db")
        store.migrate()
        with store.transaction() as session:
            ...
    """

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        sqlite_file = url.startswith("sqlite:///") and url != "sqlite:///:memory:"
        options = {"connect_args": {"timeout": BUSY_TIMEOUT_S}, **SQLITE_POOL} if sqlite_file else {}
        try:
            self.engine: Engine = create_engine(url, future=True, json_serializer=compact_json, **options)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (a no-op when current).

        :raises StoreError: When the database cannot be reached or migrated.
        """
        if self._at_head():
            return  # the common case, told without loading Alembic (a tenth of a second at every command)
        from alembic import command

        cfg = _alembic_config(self.url)
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot migrate database {self.url!r}: {exc.__class__.__name__}: "
                f"{exc.orig if hasattr(exc, 'orig') else exc}"
            ) from exc

    def _at_head(self) -> bool:
        """Whether the database records the newest revision of the shipped migrations."""
        head = _head_revision()
        if head is None:
            return False
        try:
            with self.engine.connect() as conn:
                found = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
        except SQLAlchemyError:
            return False  # a new database: no version table yet
        return found == [head]

    def files(self) -> list[Path]:
        """The files of a SQLite store on disk (database, write-ahead log, vector file); none for PostgreSQL."""
        if self.engine.dialect.name != "sqlite" or self.url == "sqlite:///:memory:":
            return []
        db = Path(self.url.removeprefix("sqlite:///")).expanduser()
        return [p for name in ("", "-wal", "-vectors") if (p := Path(f"{db}{name}")).exists()]

    def compact(self) -> dict[str, int | None]:
        """Give back the space the database no longer uses, and refresh the planner's statistics.

        SQLite: the write-ahead log is folded in, then ``VACUUM`` rewrites the file with its pages full
        (tables and indexes written in arrival order leave pages part empty) and ``PRAGMA optimize`` runs.
        Row ids that anything refers to (the sentence keys, the full-text index) are integer primary keys,
        which ``VACUUM`` keeps. PostgreSQL: ``VACUUM ANALYZE``. It needs no other writer at the time (SQLite
        waits for one, up to its busy timeout) and room on disk for a second copy of the database.

        :returns: Bytes on disk before and after (None for PostgreSQL, whose files are the server's).
        :raises StoreError: When the database refuses (locked, read-only, out of space).
        """
        before = sum(p.stat().st_size for p in self.files()) if self.files() else None
        sqlite = self.engine.dialect.name == "sqlite"
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.exec_driver_sql("VACUUM")
                    conn.exec_driver_sql("PRAGMA optimize")
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                else:
                    conn.exec_driver_sql("VACUUM ANALYZE")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot compact database {self.url!r}: {getattr(exc, 'orig', exc)}") from exc
        after = sum(p.stat().st_size for p in self.files()) if before is not None else None
        return {"bytes_before": before, "bytes_after": after}

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Open a session whose work commits on success and rolls back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc
        finally:
            session.close()

    def session(self) -> Session:
        """Return a read session; the caller closes it."""
        return self._sessions()

    def exists(self) -> bool:
        """False when this is a SQLite file that has gone (deleted since it was opened)."""
        if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
            return Path(self.url.removeprefix("sqlite:///")).expanduser().exists()
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    # Readers never wait for the writer in WAL mode; switch only once, since switching needs a lock.
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
