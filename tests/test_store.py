import sqlite3

from schemas.summary import Provenance, Summary
from service.store import MIGRATIONS, SummaryStore


def make_summary(sha="abc", title="Judul"):
    return Summary(title=title, content_sha256=sha, language="id", summary_language="id",
                   provenance=Provenance(model="m", prompt_version="extract/v1"))


def test_put_get_and_the_same_article_once(tmp_path):
    store = SummaryStore(tmp_path / "r.db")
    first = store.put(make_summary(), "teks", outlet="ANTARA", published="2025-04-09")
    second = store.put(make_summary(title="Lain"), "teks")
    assert first.id == second.id and second.summary.title == "Judul" and second.outlet == "ANTARA"
    assert store.get("abc").article == "teks" and store.get("zzz") is None
    assert [s.id for s in store.all()] == [first.id]
    assert list(store.all(since="2025-05-01")) == []


def test_migrations_are_applied_once_and_in_order(tmp_path):
    SummaryStore(tmp_path / "r.db").close()
    SummaryStore(tmp_path / "r.db").close()  # reopening applies nothing twice
    db = sqlite3.connect(tmp_path / "r.db")
    assert [v for (v,) in db.execute("SELECT version FROM migrations ORDER BY version")] == \
        list(range(1, len(MIGRATIONS) + 1))


def test_a_database_from_the_first_version_is_brought_up_to_date(tmp_path):
    db = sqlite3.connect(tmp_path / "old.db")
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT)")
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO migrations VALUES (1, 'then')")
    db.commit()
    db.close()
    store = SummaryStore(tmp_path / "old.db")
    store.executive_summaries["k"] = [{"text": "x", "cites": [1]}]
    assert store.executive_summaries.get("k") == [{"text": "x", "cites": [1]}]
