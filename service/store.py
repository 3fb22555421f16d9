"""Stored summaries: SQLite in the user's data directory, keyed by the article's content hash.

The schema only grows by appending numbered migrations (simonw/llm's `migrations.py` habit): a database made
by any earlier version is brought up to date, never rebuilt.
"""

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from schemas.summary import Summary

MIGRATIONS: list[str] = [
    # 1: summaries keyed by content hash, with the article text so memos can quote and cite it.
    """
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
    """,
    # 2: executive summaries of memos, keyed by a hash of the facts they were written from.
    """
    CREATE TABLE executive_summaries (
        facts_sha256 TEXT PRIMARY KEY,
        created TEXT NOT NULL,
        sentences_json TEXT NOT NULL
    );
    """,
]


@dataclass
class StoredSummary:
    """One stored row: the summary, the article text its offsets refer to, and what is known of its source."""

    id: int
    summary: Summary
    article: str
    outlet: str | None
    published: str | None  # ISO date when known
    created: str  # when it was stored: ISO 8601 timestamp in UTC, to the second


class SummaryStore:
    """A thread-safe handle on the summaries database at `path` (created, with its folder, when missing)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode a commit survives the process being killed at any moment; NORMAL only skips the fsync that
        # guards against losing the last commits to a power cut. It cuts a stored summary from ~3 ms to ~0.3.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.Lock()
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            self._db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied TEXT)")
            done = {row[0] for row in self._db.execute("SELECT version FROM migrations")}
            for version, sql in enumerate(MIGRATIONS, start=1):
                if version in done:
                    continue
                self._db.execute("BEGIN")
                try:
                    for statement in filter(str.strip, sql.split(";")):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO migrations VALUES (?, ?)", (version, _now()))
                    self._db.execute("COMMIT")
                except sqlite3.Error:
                    self._db.execute("ROLLBACK")
                    raise

    def get(self, content_sha256: str) -> StoredSummary | None:
        """The summary stored for the article text with this SHA-256 (hex), or None."""
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM summaries WHERE content_sha256 = ?",
                                   (content_sha256,)).fetchone()
        return _stored(row) if row else None

    def get_by_id(self, summary_id: int) -> StoredSummary | None:
        """The summary stored under this row id, or None."""
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM summaries WHERE id = ?", (summary_id,)).fetchone()
        return _stored(row) if row else None

    def put(self, summary: Summary, article: str, *, outlet: str | None = None,
            published: str | None = None) -> StoredSummary:
        """Store a summary; an article already stored keeps its first summary (same hash, same text)."""
        created = _now()
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO summaries (content_sha256, title, url, outlet, published, created, model, "
                "prompt_version, article, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (summary.content_sha256, summary.title, summary.url, outlet, published, created,
                 summary.provenance.model, summary.provenance.prompt_version, article, summary.model_dump_json()),
            )
        if cursor.rowcount == 1:
            return StoredSummary(cursor.lastrowid, summary, article, outlet, published, created)
        stored = self.get(summary.content_sha256)  # stored before, by another request
        assert stored is not None
        return stored

    def all(self, since: str | None = None) -> Iterator[StoredSummary]:
        """Every stored summary, oldest first; `since` (ISO date) keeps those published (or stored) on or after."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM summaries ORDER BY id").fetchall()
        for row in rows:
            stored = _stored(row)
            if since is None or (stored.published or stored.created[:10]) >= since:
                yield stored

    @property
    def executive_summaries(self) -> "ExecutiveSummaries":
        """The stored executive summaries of memos, as a mapping for `service.memo.build_memo`."""
        return ExecutiveSummaries(self)

    def close(self) -> None:
        """Close the database connection; the store is unusable afterwards."""
        self._db.close()


class ExecutiveSummaries:
    """The store's executive summaries as a small mapping, for `service.memo.build_memo`."""

    def __init__(self, store: SummaryStore):
        self._store = store

    def get(self, key: str) -> list[dict] | None:
        """The sentences stored under `key` (a hash of the facts they were written from), or None."""
        with self._store._lock:
            row = self._store._db.execute("SELECT sentences_json FROM executive_summaries WHERE facts_sha256 = ?",
                                          (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def __setitem__(self, key: str, sentences: list[dict]) -> None:
        """Store (or replace) the sentences written from the facts hashed as `key`."""
        with self._store._lock:
            self._store._db.execute("INSERT OR REPLACE INTO executive_summaries VALUES (?, ?, ?)",
                                    (key, _now(), json.dumps(sentences, ensure_ascii=False)))


_COLUMNS = "id, summary_json, article, outlet, published, created"


def _stored(row: tuple) -> StoredSummary:
    return StoredSummary(id=row[0], summary=Summary.model_validate_json(row[1]), article=row[2],
                         outlet=row[3], published=row[4], created=row[5])


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

