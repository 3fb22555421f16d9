import sqlite3

from schemas.summary import Provenance, Summary
from service.library.filters import LibraryFilter, filed_on
from service.library.sqlite import MIGRATIONS, SQLiteStore
from service.library.store import StoredSummary


def make_summary(sha="abc", title="Judul", **fields):
    return Summary(title=title, content_sha256=sha, language="id", summary_language="id",
                   provenance=Provenance(model="m", prompt_version="extract/v1"), **fields)


def test_put_get_and_the_same_article_once(tmp_path):
    store = SQLiteStore(tmp_path / "r.db")
    first = store.put(make_summary(), "teks", outlet="ANTARA", published="2025-04-09")
    second = store.put(make_summary(title="Lain"), "teks")
    assert first.id == second.id and second.summary.title == "Judul" and second.outlet == "ANTARA"
    assert store.get("abc").article == "teks" and store.get("zzz") is None
    assert [s.id for s in store.all()] == [first.id]
    assert list(store.all(since="2025-05-01")) == []


def test_migrations_are_applied_once_and_in_order(tmp_path):
    SQLiteStore(tmp_path / "r.db").close()
    SQLiteStore(tmp_path / "r.db").close()  # reopening applies nothing twice
    db = sqlite3.connect(tmp_path / "r.db")
    assert [v for (v,) in db.execute("SELECT version FROM migrations ORDER BY version")] == \
        list(range(1, len(MIGRATIONS) + 1))


# What the first version of the store wrote, as it wrote it (its migration 1, then in Python), kept here as it was:
# the files of service/library/migrations must bring such a database up to date without losing a row.
FIRST_VERSION = """
    CREATE TABLE summaries (
        id INTEGER PRIMARY KEY,
        content_sha256 TEXT NOT NULL UNIQUE,
        title TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        created TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        article TEXT NOT NULL,
        summary_json TEXT NOT NULL
    );
    CREATE INDEX summaries_created ON summaries (created);
    """


def test_a_database_from_the_first_version_is_brought_up_to_date_with_its_summaries(tmp_path):
    db = sqlite3.connect(tmp_path / "old.db")
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT)")
    db.executescript(FIRST_VERSION)
    db.execute("INSERT INTO migrations VALUES (1, 'then')")
    old = make_summary()
    db.execute("INSERT INTO summaries (content_sha256, title, url, outlet, published, created, model, prompt_version, "
               "article, summary_json) VALUES (?, ?, NULL, 'ANTARA', '2025-04-09', '2025-04-10T08:00:00+00:00', 'm', "
               "'extract/v1', 'teks', ?)", (old.content_sha256, old.title, old.model_dump_json()))
    db.commit()
    db.close()
    store = SQLiteStore(tmp_path / "old.db")
    kept = store.get("abc")
    assert (kept.id, kept.summary, kept.article, kept.outlet, kept.created) == \
        (1, old, "teks", "ANTARA", "2025-04-10T08:00:00+00:00")
    store.executive_summaries["k"] = [{"text": "x", "cites": [1]}]
    assert store.executive_summaries.get("k") == [{"text": "x", "cites": [1]}]
    store.close()
    db = sqlite3.connect(tmp_path / "old.db")
    assert [v for (v,) in db.execute("SELECT version FROM migrations ORDER BY version")] == \
        [step.version for step in MIGRATIONS]
    db.close()


def stored_row(article, *, published=None, created="2025-06-01T08:00:00+00:00", **fields):
    return StoredSummary(1, make_summary(**fields), article, None, published, created)


def test_an_article_is_filed_by_its_publication_then_its_own_date_then_the_day_it_was_stored():
    dated = "Serang, Kamis (10/4/2025) - Gubernur Banten datang."
    assert filed_on(stored_row(dated, published="2025-03-01")) == "2025-03-01"
    assert filed_on(stored_row(dated)) == "2025-04-10"
    assert filed_on(stored_row("Gubernur Banten datang.")) == "2025-06-01"
    since_may = LibraryFilter(since="2025-05-01")
    assert not since_may.matches(stored_row(dated)) and since_may.matches(stored_row("Gubernur Banten datang."))
    assert LibraryFilter(since="2025-04-10", until="2025-04-10").matches(stored_row(dated))
    assert not LibraryFilter(until="2025-04-09").matches(stored_row(dated))


def test_the_library_filter_reads_names_however_written():
    from schemas.summary import Official, Partner, Sector

    row = stored_row("teks", title="Kerja Sama Pangan", officials=[Official(name="Andra Soni")],
                     partners=[Partner(name="Provinsi DKI Jakarta")],
                     sectors=[Sector(label="agriculture_food", evidence="pangan")])
    assert LibraryFilter().matches(row)
    assert LibraryFilter(q="sama pangan", partner="DKI", sector="agriculture_food", official="andra").matches(row)
    assert not LibraryFilter(partner="Banten").matches(row)
    assert not LibraryFilter(sector="health").matches(row)
    assert not LibraryFilter(official="pramono").matches(row)
    assert not LibraryFilter(q="tidak ada").matches(row)
