"""Stored summaries: the `Store` the library, the memo's sentence cache, the API and the CLI use, whatever database
is behind it, and `open_store`, the one place that reads where the database is (`RINGKAS_DATABASE_URL`).

SQLite is the database today (`service.library.sqlite`): a file in the user's data directory, keyed by the article's
content hash. Its schema only grows, by named, ordered steps (`service.library.migrations`). Several processes may
share one database (a server and a CLI run, or three CLI runs). A database Ringkas cannot read is reported
(`StoreDamaged`), never deleted: it is the user's data.
"""

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol, runtime_checkable

from schemas.summary import Summary
from service.errors import RingkasError
from service.settings import Settings

log = logging.getLogger(__name__)

# The setting that names the database, as errors about it name it.
DATABASE_URL_SETTING = "RINGKAS_DATABASE_URL"
# A URL's scheme (RFC 3986, section 3.1), before its "://".
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*+")


class StoreError(RingkasError):
    """The summaries database at `path` cannot be used; `reason` says what it is ("locked by another process for
    over 30 s", without the path, for an API client), and the message names the file (or the setting that names
    the database), the reason and what to do."""

    def __init__(self, path: Path | str, reason: str, advice: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}; {advice}")


class StoreBusy(StoreError):
    """Another process held the store locked for longer than the store waits (`service.library.sqlite.BUSY_WAIT_S`)."""


class StoreDamaged(StoreError):
    """The file is not an SQLite database, or a damaged one; Ringkas leaves it as it is."""


class StoreUrlError(StoreError):
    """`RINGKAS_DATABASE_URL` names no database Ringkas can open: another kind of database, or no file."""


@dataclass
class StoredSummary:
    """One stored row: the summary, the article text its offsets refer to, and what is known of its source."""

    id: int  # 0 for a summary the store could not keep (`unstored`)
    summary: Summary
    article: str
    outlet: str | None
    published: str | None  # ISO date when known
    created: str  # when it was stored: ISO 8601 timestamp in UTC, to the second (`now_utc`)

    @classmethod
    def unstored(cls, summary: Summary, article: str, outlet: str | None = None) -> "StoredSummary":
        """A summary the store could not keep, shaped as a stored one (id 0, made now) so a memo can still use it."""
        return cls(0, summary, article, outlet, None, now_utc())


@runtime_checkable
class Store(Protocol):
    """The summaries and the memos' executive summaries, kept by the hash of what they were made from; safe to use
    from several threads at once.

    Every method raises a `StoreError`: `StoreBusy` when another process holds the database past the store's wait,
    `StoreDamaged` when it is not a readable database, `StoreError` itself when it cannot be opened or written (no
    permission, a full disk).
    """

    def get(self, content_sha256: str) -> StoredSummary | None:
        """The summary stored for the article text with this SHA-256 (hex), or None."""
        ...

    def put(self, summary: Summary, article: str, *, outlet: str | None = None,
            published: str | None = None) -> StoredSummary:
        """Store a summary of `article` (the text its offsets refer to), with its outlet and publication date (ISO)
        when known, and return it as stored; an article already stored keeps its first summary (same hash, same
        text), which is returned instead."""
        ...

    def all(self, since: str | None = None) -> Iterator[StoredSummary]:
        """Every stored summary, oldest first; `since` (ISO date) keeps those published (or stored) on or after."""
        ...

    def get_executive_summary(self, facts_sha256: str) -> list[dict] | None:
        """The executive summary stored for the facts with this SHA-256 (hex): its sentences, each a dict with
        "text" and "cites" (`service.memo.briefing`), or None."""
        ...

    def put_executive_summary(self, facts_sha256: str, sentences: list[dict]) -> None:
        """Store (or replace) the sentences written from the facts with this SHA-256 (hex)."""
        ...

    @property
    def executive_summaries(self) -> "ExecutiveSummaries":
        """The executive summaries as `service.memo.briefing.build_memo` reads and keeps them (its `SentenceCache`)."""
        ...

    def close(self) -> None:
        """Let go of the database; the store is unusable afterwards."""
        ...


class ExecutiveSummaries:
    """A store's executive summaries as a small mapping, for `service.memo.briefing.build_memo`: what cannot be kept
    is logged and passed over, as it is only kept to spare the model the same request next time."""

    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str) -> list[dict] | None:
        """The sentences stored under `key` (a hash of the facts they were written from), or None.

        Raises `StoreError` (see `Store`) when the store cannot be read."""
        return self._store.get_executive_summary(key)

    def __setitem__(self, key: str, sentences: list[dict]) -> None:
        """Store (or replace) the sentences written from the facts hashed as `key`; a store that cannot take them
        is logged and passed over."""
        try:
            self._store.put_executive_summary(key, sentences)
        except StoreError as exc:
            log.warning("a memo's executive summary was not kept: %s", exc)


def open_store(where: Settings | str) -> Store:
    """The store of the settings' `database_url` (or of this URL), made with its folder when missing.

    Raises `StoreUrlError` for a URL it cannot use (see `sqlite_path`), and what opening the database raises
    (`StoreError`, `StoreDamaged`, `StoreBusy`: see `Store`)."""
    from service.library.sqlite import SQLiteStore  # the one database today; imported here, where it is chosen

    return SQLiteStore(sqlite_path(where.database_url if isinstance(where, Settings) else where))


def sqlite_path(url: str) -> Path:
    """The file a `sqlite:///` URL names: `sqlite:///relative/path` (from the working directory),
    `sqlite:////absolute/path`, or `sqlite:///:memory:` (a database in memory, gone when closed). What follows
    `sqlite:///` is the path as written: no %-escapes, no query.

    Raises `StoreUrlError` for another scheme ("postgresql is not supported yet"), a URL without a scheme, and a
    sqlite URL that names no file (`sqlite://`, `sqlite:///`). Only a sqlite URL's text is repeated in the message:
    another URL may hold a password.
    """
    scheme, separator, rest = url.partition("://")
    advice = (f"set {DATABASE_URL_SETTING} to sqlite:///relative/path or sqlite:////absolute/path, or leave it unset "
              "for ringkas.db in RINGKAS_DATA_DIR")
    if not separator or not _SCHEME.fullmatch(scheme):
        raise StoreUrlError(DATABASE_URL_SETTING, "not a database URL (scheme://…)", advice)
    if scheme.lower() != "sqlite":
        # The driver after "+" (postgresql+psycopg://) is the same database.
        raise StoreUrlError(DATABASE_URL_SETTING, f"{scheme.split('+')[0].lower()} is not supported yet", advice)
    if not rest.startswith("/") or not rest[1:]:
        raise StoreUrlError(DATABASE_URL_SETTING, f"{url} names no file", advice)
    return Path(rest[1:])


def now_utc() -> str:
    """The time now as the store keeps it: ISO 8601 in UTC, to the second ("2025-06-01T08:00:00+00:00")."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

