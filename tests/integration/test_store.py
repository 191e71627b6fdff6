"""The store: one migrated engine per database and process, SQLite settings, links kept safe."""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from receipts.app.services import open_store
from receipts.config import Settings
from receipts.store import Store


@pytest.mark.issue(21)
def test_open_store_migrates_once_per_process_and_database(tmp_path, monkeypatch):
    calls = []
    original = Store.migrate
    monkeypatch.setattr(Store, "migrate", lambda self: (calls.append(self.url), original(self))[1])
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")
    with ThreadPoolExecutor(8) as pool:
        stores = list(pool.map(lambda _: open_store(settings), range(32)))
    assert len({id(s) for s in stores}) == 1 and calls == [settings.database_url]


def test_open_store_migrates_again_when_the_sqlite_file_is_gone(tmp_path):
    from sqlalchemy import text

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")
    first = open_store(settings)
    first.dispose()
    for name in ("r.db", "r.db-wal", "r.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    second = open_store(settings)
    assert second is not first
    with second.transaction() as s:
        assert s.execute(text("select count(*) from documents")).scalar() == 0


@pytest.mark.issue(16)
def test_sqlite_connections_use_wal_and_wait_for_writers(tmp_path):
    from sqlalchemy import text

    store = open_store(Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}"))
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.issue(21)
def test_documents_store_only_web_links(tmp_path):
    from datetime import datetime, timezone

    from receipts.store.models import DocumentRow

    store = open_store(Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}"))
    with store.transaction() as s:
        for i, url in enumerate(["javascript:alert(1)", "//evil.example", " https://news.example/a "]):
            s.add(
                DocumentRow(
                    id=f"d_{i}",
                    content_hash=str(i),
                    url=url,
                    origin="t",
                    content_type="text",
                    text="x",
                    words=1,
                    ingested_at=datetime.now(timezone.utc),
                )
            )
    with store.transaction() as s:
        assert [d.url for d in s.query(DocumentRow).order_by(DocumentRow.id)] == [None, None, "https://news.example/a"]


@pytest.mark.issue(21)
def test_upgrade_clears_unsafe_links_stored_before(tmp_path):
    from alembic import command

    from receipts.store.db import _alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(_alembic_config(url), "0005")
    conn = sqlite3.connect(tmp_path / "old.db")
    for i, link in enumerate(["javascript:alert(1)", "data:text/html,x", "https://news.example/ok", None]):
        conn.execute(
            "insert into documents (id, content_hash, url, origin, content_type, text, words, ingested_at) "
            "values (?, ?, ?, 't', 'text', 'x', 1, '2026-07-01 00:00:00')",
            (f"d_{i}", str(i), link),
        )
    conn.commit()
    conn.close()
    Store(url).migrate()
    conn = sqlite3.connect(tmp_path / "old.db")
    assert [u for (u,) in conn.execute("select url from documents order by id")] == [
        None,
        None,
        "https://news.example/ok",
        None,
    ]
    conn.close()


def test_close_stores_makes_the_next_open_start_afresh(tmp_path):
    from receipts.app.services import close_stores

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}")
    first = open_store(settings)
    close_stores()
    assert open_store(settings) is not first


@pytest.mark.issue(18)
def test_a_store_at_the_newest_revision_is_not_handed_to_alembic(tmp_path, monkeypatch):
    import alembic.command

    store = Store(f"sqlite:///{tmp_path}/r.db")
    assert not store._at_head()  # new: no version table yet
    store.migrate()
    assert store._at_head()
    with sqlite3.connect(tmp_path / "r.db") as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1

    def refuse(*_a, **_k):
        raise AssertionError("alembic ran on a current store")

    monkeypatch.setattr(alembic.command, "upgrade", refuse)
    store.migrate()  # a no-op, told from the version table alone
    with sqlite3.connect(tmp_path / "r.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0010'")
    assert not store._at_head()  # an older store still goes to Alembic


@pytest.mark.issue(15)
def test_upgrade_keeps_stored_quotes_as_statements_and_lists_only_statements(tmp_path):
    from alembic import command

    from receipts.app import queries
    from receipts.store.db import _alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(_alembic_config(url), "0012")
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute(
        "insert into documents (id, content_hash, origin, content_type, text, words, ingested_at) "
        "values ('d_1', 'h', 't', 'text', 'Ana Veld said the mill would close.', 7, '2026-07-01 00:00:00')"
    )
    conn.execute(
        'insert into quotes (id, document_id, start, "end", method, direct, fragments) '
        "values ('q_1', 'd_1', 14, 34, 'm', 0, '[]')"
    )
    conn.commit()
    conn.close()
    Store(url).migrate()
    settings = Settings(database_url=url)
    assert [q["id"] for q in queries.list_items(settings, "quotes")] == ["q_1"]
    with sqlite3.connect(tmp_path / "old.db") as conn:
        conn.execute("update quotes set statement = 0")
    assert queries.list_items(settings, "quotes") == []
    (topic,) = queries.list_items(settings, "quotes", topics=True)
    assert topic["statement"] is False and topic["text"] == "the mill would close"


@pytest.mark.issue(18)
def test_upgrade_reads_sentences_from_their_document_and_keeps_the_full_text_index(tmp_path):
    from alembic import command
    from sqlalchemy import select

    from receipts.store.db import _alembic_config
    from receipts.store.models import SentenceRow

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(_alembic_config(url), "0013")
    body = "The mill will close. Workers gathered at dawn."
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute(
        "insert into documents (id, content_hash, origin, content_type, text, words, ingested_at, published) "
        "values ('d_1', 'h', 't', 'text', ?, 8, '2026-07-01 00:00:00', '2026-06-30 00:00:00')",
        (body,),
    )
    for sid, start, end in (("s_1", 0, 20), ("s_2", 21, len(body))):
        conn.execute(
            'insert into sentences (id, document_id, start, "end", method, text, published) '
            "values (?, 'd_1', ?, ?, 'm', ?, '2026-06-30 00:00:00')",
            (sid, start, end, body[start:end]),
        )
    conn.commit()
    conn.close()
    store = Store(url)
    store.migrate()
    with sqlite3.connect(tmp_path / "old.db") as conn:
        columns = {row[1] for row in conn.execute("pragma table_info(sentences)")}
        assert "text" not in columns and "published" not in columns
        assert conn.execute("select rowid from sentence_fts where sentence_fts match 'workers'").fetchall()
    with store.transaction() as s:
        rows = s.execute(select(SentenceRow.id, SentenceRow.text, SentenceRow.published).order_by(SentenceRow.start))
        assert [(r.id, r.text, r.published.day) for r in rows] == [
            ("s_1", "The mill will close.", 30),
            ("s_2", "Workers gathered at dawn.", 30),
        ]
    # a new sentence is indexed from its document's text; deleting the document forgets all of them
    with sqlite3.connect(tmp_path / "old.db") as conn:
        conn.execute("insert into sentences (id, document_id, start, \"end\", method) values ('s_3', 'd_1', 4, 8, 'm')")
        assert conn.execute("select count(*) from sentence_fts where sentence_fts match 'mill'").fetchone()[0] == 2
        conn.execute("pragma foreign_keys = on")
        conn.execute("delete from documents where id = 'd_1'")
        assert conn.execute("select count(*) from sentences").fetchone()[0] == 0
        assert (
            conn.execute("select count(*) from sentence_fts where sentence_fts match 'mill OR workers'").fetchone()[0]
            == 0
        )
        conn.execute("insert into sentence_fts(sentence_fts) values ('integrity-check')")
    store.dispose()


@pytest.mark.issue(18)
def test_a_changed_document_text_takes_its_sentences_out_of_the_index_first(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    Store(url).migrate()
    with sqlite3.connect(tmp_path / "r.db") as conn:
        conn.execute(
            "insert into documents (id, content_hash, origin, content_type, text, words, ingested_at) "
            "values ('d_1', 'h', 't', 'text', 'Grain exports rose.', 3, '2026-07-01 00:00:00')"
        )
        conn.execute(
            "insert into sentences (id, document_id, start, \"end\", method) values ('s_1', 'd_1', 0, 19, 'm')"
        )
        conn.execute("update documents set text = 'Steel output fell.' where id = 'd_1'")
        assert conn.execute("select count(*) from sentences").fetchone()[0] == 0
        assert conn.execute("select count(*) from sentence_fts where sentence_fts match 'grain'").fetchone()[0] == 0
        conn.execute("insert into sentence_fts(sentence_fts) values ('integrity-check')")


def test_method_names_are_stored_as_codes_and_read_as_names(demo_db, cli):
    with sqlite3.connect(demo_db) as con:
        stored = {m for (m,) in con.execute("SELECT DISTINCT method FROM quotes UNION SELECT method FROM sentences")}
    assert stored and all(m.startswith("@") for m in stored)
    quotes = json.loads(cli("quotes", "--db", demo_db, "--json").output)
    assert quotes and all(q["method"].startswith("quotes.") for q in quotes)
