"""The schema's steps are files (`service/library/migrations/NNNN_name.sql`), found in their numbers' order, each
applied once and all of a store's missing ones in one transaction."""

import re
import sqlite3

import pytest

import service.library.sqlite
from schemas.summary import Provenance, Summary
from service.library.migrations import FOLDER, Migration, load_migrations
from service.library.sqlite import MIGRATIONS, SQLiteStore


def applied(path) -> list[int]:
    db = sqlite3.connect(path)
    versions = [v for (v,) in db.execute("SELECT version FROM migrations ORDER BY version")]
    db.close()
    return versions


def tables(path) -> set[str]:
    db = sqlite3.connect(path)
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    return names


def test_the_steps_are_the_files_of_the_folder_in_order():
    assert [(step.version, step.name) for step in MIGRATIONS] == [(1, "summaries"), (2, "executive_summaries")]
    for step in MIGRATIONS:
        assert step.sql == (FOLDER / f"{step.version:04d}_{step.name}.sql").read_text(encoding="utf-8")


def test_a_new_store_applies_every_step_once(tmp_path):
    SQLiteStore(tmp_path / "r.db").close()
    SQLiteStore(tmp_path / "r.db").close()
    assert applied(tmp_path / "r.db") == [1, 2]
    assert tables(tmp_path / "r.db") == {"migrations", "summaries", "executive_summaries"}


def write(folder, files: dict[str, str]) -> None:
    for name, sql in files.items():
        (folder / name).write_text(sql, encoding="utf-8")


def test_steps_are_read_by_number_and_a_dialect_reads_its_own_file_first(tmp_path):
    write(tmp_path, {"0002_notes.sql": "CREATE TABLE notes (x TEXT);",
                     "0001_summaries.postgresql.sql": "CREATE TABLE s (id INTEGER GENERATED ALWAYS AS IDENTITY);",
                     "0001_summaries.sql": "CREATE TABLE s (id INTEGER PRIMARY KEY);"})
    assert [(s.version, s.name, s.sql) for s in load_migrations("sqlite", tmp_path)] == [
        (1, "summaries", "CREATE TABLE s (id INTEGER PRIMARY KEY);"), (2, "notes", "CREATE TABLE notes (x TEXT);")]
    assert load_migrations("postgresql", tmp_path)[0].sql == \
        "CREATE TABLE s (id INTEGER GENERATED ALWAYS AS IDENTITY);"


@pytest.mark.parametrize("files, problem", [
    ({"0001_a.sql": "", "0003_c.sql": ""}, "numbered [1, 3], not 1 to 2 without a gap"),
    ({"0002_b.sql": ""}, "numbered [2], not 1 to 1 without a gap"),
    ({"0001_a.sql": "", "0001_b.sql": ""}, "migration 1 is already 'a'"),
    ({"1_a.sql": ""}, "not a migration's name"),
    ({"0001_Summaries.sql": ""}, "not a migration's name"),
    ({"0001_a.postgresql.sql": ""}, "migration 1 (a) has no file for sqlite"),
])
def test_a_folder_of_steps_that_would_not_rebuild_the_same_database_is_refused(tmp_path, files, problem):
    write(tmp_path, files)
    with pytest.raises(ValueError, match=re.escape(problem)):
        load_migrations("sqlite", tmp_path)


def test_a_step_is_its_statements_in_order():
    step = Migration(1, "a", "-- a table and its index\nCREATE TABLE a (x TEXT);\nCREATE INDEX a_x ON a (x);\n")
    assert [s.strip() for s in step.statements()] == ["-- a table and its index\nCREATE TABLE a (x TEXT)",
                                                      "CREATE INDEX a_x ON a (x)"]


def test_a_step_added_later_is_applied_to_a_store_made_before_and_its_rows_stay(tmp_path, monkeypatch):
    store = SQLiteStore(tmp_path / "r.db")
    kept = store.put(Summary(content_sha256="abc", language="id", summary_language="id",
                             provenance=Provenance(model="m", prompt_version="extract/v1")), "teks")
    store.close()
    added = Migration(3, "notes", "CREATE TABLE notes (x TEXT);\nCREATE INDEX notes_x ON notes (x);\n")
    monkeypatch.setattr(service.library.sqlite, "MIGRATIONS", [*MIGRATIONS, added])
    store = SQLiteStore(tmp_path / "r.db")
    assert store.get("abc") == kept
    store.close()
    assert applied(tmp_path / "r.db") == [1, 2, 3] and "notes" in tables(tmp_path / "r.db")


def test_a_step_that_fails_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    SQLiteStore(tmp_path / "r.db").close()
    broken = Migration(3, "broken", "CREATE TABLE notes (x TEXT);\nCREATE TABLE notes (y TEXT);\n")
    monkeypatch.setattr(service.library.sqlite, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError, match="table notes already exists"):
        SQLiteStore(tmp_path / "r.db")
    assert applied(tmp_path / "r.db") == [1, 2] and "notes" not in tables(tmp_path / "r.db")
