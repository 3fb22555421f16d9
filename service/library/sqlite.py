"""The `Store` in SQLite: one file, migrated by the numbered steps of `service.library.migrations` (simonw/llm's
`migrations.py` habit, with the steps as files), shared by several processes at once.

A store another process holds locked is waited for, up to `BUSY_WAIT_S` seconds. A file Ringkas cannot read is
reported (`StoreDamaged`), never deleted: it is the user's data.
"""

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from schemas.summary import Summary
from service.library.migrations import load_migrations
from service.library.store import ExecutiveSummaries, StoreBusy, StoreDamaged, StoredSummary, StoreError, now_utc

MIGRATIONS = load_migrations("sqlite")

# How long, in all, an operation waits for a store another process holds locked before giving up (seconds).
# Another writer holds the lock for well under a second per summary; this covers a backup or a VACUUM of the
# file, and stays far below an HTTP request's limit (`Settings.request_timeout_s`, 900 s by default).
BUSY_WAIT_S = 30.0
# The waits between tries double from the first to the last (seconds): quick for a lock about to go, and at most
# a few tries a second for one that stays.
FIRST_RETRY_S, LAST_RETRY_S = 0.005, 0.5

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps its primary in the low
# byte (SQLITE_BUSY_SNAPSHOT is 517 = 5 | 2 << 8).
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_UNUSABLE_CODES = {3, 8, 10, 13, 14, 23}  # SQLITE_PERM, _READONLY, _IOERR, _FULL, _CANTOPEN, _AUTH


T = TypeVar("T")


class SQLiteStore:
    """The `Store` in the SQLite database at `path` (created, with its folder, when missing); thread-safe.

    Each operation waits for a store locked by another process, retrying with growing pauses for at most
    `busy_wait_s` seconds in all. Every method raises `StoreBusy` when that wait runs out, `StoreDamaged` when the
    file is not a readable SQLite database, and `StoreError` when it cannot be opened or written (no permission,
    a full disk); the constructor raises them too.
    """

    def __init__(self, path: Path, *, busy_wait_s: float = BUSY_WAIT_S):
        self.path, self.busy_wait_s = path, busy_wait_s
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(path, f"in a folder that cannot be made ({exc.strerror or exc})",
                             "set RINGKAS_DATA_DIR to a folder you can write to") from None
        try:
            # timeout=0: SQLite answers "busy" at once, and `_attempt` does the waiting, to a cap it states.
            self._db = sqlite3.connect(path, timeout=0, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:  # a folder where the file should be, say
            raise self._failure(exc) from None
        self._lock = threading.Lock()
        try:  # no other thread has the store yet: no need to take the lock
            self._attempt(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
            # In WAL mode a commit survives the process being killed at any moment; NORMAL only skips the fsync
            # that guards against losing the last commits to a power cut. It cuts a stored summary from ~3 ms to
            # ~0.3.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._attempt(self._migrate)
        except BaseException:
            self._db.close()
            raise

    def _migrate(self) -> None:
        """Apply the migrations not yet applied, in order, all in one write transaction."""
        if self._applied() >= {step.version for step in MIGRATIONS}:
            return  # the usual case, settled without taking the write lock
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied TEXT)")
            # Read again under the write lock: another process opening the same new store may have applied them
            # since ("table summaries already exists" otherwise).
            done = self._applied()
            for step in MIGRATIONS:
                if step.version not in done:
                    for statement in step.statements():
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO migrations VALUES (?, ?)", (step.version, now_utc()))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _applied(self) -> set[int]:
        """The versions of the migrations applied (none in a new database)."""
        exists = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
        if exists.fetchone() is None:
            return set()
        return {row[0] for row in self._db.execute("SELECT version FROM migrations")}

    def _attempt(self, operation: Callable[[], T]) -> T:
        """`operation()`, tried again with doubling pauses while the database is locked by another process.

        Raises `StoreBusy` once `busy_wait_s` seconds have passed, `StoreDamaged` or `StoreError` for the
        database's other failures (see the class); any other `sqlite3.Error` is a bug and raised as it is.
        """
        deadline = time.monotonic() + self.busy_wait_s
        pause = FIRST_RETRY_S
        while True:
            try:
                return operation()
            except sqlite3.Error as exc:
                left = deadline - time.monotonic()
                if _primary_code(exc) not in _BUSY_CODES:
                    raise self._failure(exc) from None
                if left <= 0:
                    raise StoreBusy(self.path, f"locked by another process for over {self.busy_wait_s:g} s",
                                    "try again when the other Ringkas process has finished its write") from None
                time.sleep(min(pause, left))
                pause = min(pause * 2, LAST_RETRY_S)

    def _failure(self, exc: sqlite3.Error) -> Exception:
        """The `StoreError` to raise for a failure of the database, or `exc` itself when it is not one."""
        code = _primary_code(exc)
        if code in _DAMAGED_CODES:
            return StoreDamaged(self.path, f"not a Ringkas database, or a damaged one ({exc})",
                                f"Ringkas never deletes it: move it aside (with any {self.path.name}-wal and "
                                f"{self.path.name}-shm beside it) and a new, empty store is made in its place; "
                                "keep the moved file if its summaries matter (the sqlite3 shell's .recover may "
                                "save them)")
        if code in _UNUSABLE_CODES:
            return StoreError(self.path, f"unusable ({exc})",
                              "check that the file and its folder can be written and the disk has room, or set "
                              "RINGKAS_DATA_DIR to another folder")
        return exc

    def _fetch_one(self, sql: str, parameters: tuple) -> tuple | None:
        """The first row `sql` selects, or None; under the lock, waiting for another process's lock."""
        with self._lock:
            return self._attempt(lambda: self._db.execute(sql, parameters).fetchone())

    def get(self, content_sha256: str) -> StoredSummary | None:
        """The summary stored for the article text with this SHA-256 (hex), or None."""
        row = self._fetch_one(f"SELECT {_COLUMNS} FROM summaries WHERE content_sha256 = ?", (content_sha256,))
        return _stored(row) if row else None

    def put(self, summary: Summary, article: str, *, outlet: str | None = None,
            published: str | None = None) -> StoredSummary:
        """Store a summary; an article already stored keeps its first summary (same hash, same text).

        Raises `StoreBusy`, `StoreDamaged` or `StoreError` (see the class) when it cannot be stored."""
        created = now_utc()
        row = (summary.content_sha256, summary.title, summary.url, outlet, published, created,
               summary.provenance.model, summary.provenance.prompt_version, article, summary.model_dump_json())
        with self._lock:
            cursor = self._attempt(lambda: self._db.execute(
                "INSERT OR IGNORE INTO summaries (content_sha256, title, url, outlet, published, created, model, "
                "prompt_version, article, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row))
        if cursor.rowcount == 1:
            return StoredSummary(cursor.lastrowid, summary, article, outlet, published, created)
        stored = self.get(summary.content_sha256)  # stored before, by another request
        assert stored is not None
        return stored

    def all(self, since: str | None = None) -> Iterator[StoredSummary]:
        """Every stored summary, oldest first; `since` (ISO date) keeps those published (or stored) on or after."""
        with self._lock:
            rows = self._attempt(lambda: self._db.execute(f"SELECT {_COLUMNS} FROM summaries ORDER BY id").fetchall())
        for row in rows:
            stored = _stored(row)
            if since is None or (stored.published or stored.created[:10]) >= since:
                yield stored

    def get_executive_summary(self, facts_sha256: str) -> list[dict] | None:
        """The sentences stored for the facts with this SHA-256 (hex), or None."""
        row = self._fetch_one("SELECT sentences_json FROM executive_summaries WHERE facts_sha256 = ?",
                              (facts_sha256,))
        return json.loads(row[0]) if row else None

    def put_executive_summary(self, facts_sha256: str, sentences: list[dict]) -> None:
        """Store (or replace) the sentences written from the facts with this SHA-256 (hex)."""
        value = (facts_sha256, now_utc(), json.dumps(sentences, ensure_ascii=False))
        with self._lock:
            self._attempt(lambda: self._db.execute("INSERT OR REPLACE INTO executive_summaries VALUES (?, ?, ?)",
                                                   value))

    @property
    def executive_summaries(self) -> ExecutiveSummaries:
        """The stored executive summaries of memos, as a mapping for `service.memo.briefing.build_memo`."""
        return ExecutiveSummaries(self)

    def close(self) -> None:
        """Close the database connection; the store is unusable afterwards."""
        self._db.close()


_COLUMNS = "id, summary_json, article, outlet, published, created"


def _stored(row: tuple) -> StoredSummary:
    return StoredSummary(id=row[0], summary=Summary.model_validate_json(row[1]), article=row[2],
                         outlet=row[3], published=row[4], created=row[5])


def _primary_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of the failure (0 when it carries none): the low byte of its extended code."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
