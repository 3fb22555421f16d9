"""The library: the stored summaries, found by what they say and when, and each text summarized only once.

The HTTP API (`GET /v1/library`, the summaries and memos it makes) and the CLI (`ringkas summarize`, `ringkas memo
--from-store --since --partner --sector`) both go through here, so a filter means the same on either face.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from schemas.summary import Summary
from service.extraction.pipeline import summarize
from service.extraction.text.dates import event_date
from service.extraction.text.party_names import same_region
from service.intake.article import Article
from service.library.store import Store, StoredSummary, StoreError
from service.model.llm import LLM

log = logging.getLogger(__name__)


def filed_on(stored: StoredSummary) -> str:
    """The ISO date (YYYY-MM-DD) an article is filed under: its publication date when known, else the date its
    own text gives (`service.extraction.text.dates.event_date`), else the day it was stored (UTC)."""
    found = None if stored.published else event_date(stored.article)
    return stored.published or (found.iso() if found else None) or stored.created[:10]


@dataclass(frozen=True)
class LibraryFilter:
    """Which stored summaries to keep; an empty or None field keeps all.

    `q`: a phrase anywhere in the title, summary text, officials' and partners' names (case-insensitive);
    `partner`: a partner that is the same region however written ("DKI" finds "Provinsi DKI Jakarta",
    `service.extraction.text.party_names.same_region`); `sector`: a taxonomy label (`schemas.taxonomy.SectorLabel`
    value);
    `official`: part of an official's name (case-insensitive); `since`/`until`: ISO dates, inclusive, compared
    with `filed_on`.
    """

    q: str | None = None
    partner: str | None = None
    sector: str | None = None
    official: str | None = None
    since: str | None = None
    until: str | None = None

    def matches(self, stored: StoredSummary, date: str | None = None) -> bool:
        """Whether `stored` passes every filter; `date` is its `filed_on` date when the caller has it already."""
        s = stored.summary
        names = [o.name for o in s.officials]
        if self.q:
            haystack = " ".join([s.title or "", s.summary, *names, *(p.name for p in s.partners)]).lower()
            if self.q.lower() not in haystack:
                return False
        if self.sector and self.sector not in {x.label.value for x in s.sectors}:
            return False
        if self.official and not any(self.official.lower() in n.lower() for n in names):
            return False
        if self.partner and not any(same_region(self.partner, p.name) for p in s.partners):
            return False
        if self.since or self.until:
            date = date or filed_on(stored)
            if (self.since and date < self.since) or (self.until and date > self.until):
                return False
        return True


def summarize_stored(article: Article, llm: LLM, store: Store, lang: str | None,
                     outlet: str | None = None, progress: Callable[[str], None] | None = None) -> Summary:
    """The stored summary of this exact text (same `content_sha256`) when it is in language `lang` (None: any),
    else a new one from `llm`, stored unless the text already was (a text keeps its first summary).

    A new summary the store cannot take (locked by another process past its wait, damaged, a full disk) is still
    returned, with a warning that it was not stored: the model's work is not thrown away for want of a place to
    keep it. `progress` is called with each pipeline step's name.

    Raises `service.model.llm.ModelError` when the model fails, and `service.library.store.StoreError` when the store
    cannot be read before the model is asked.
    """
    stored = store.get(article.sha256)
    if stored and (lang is None or stored.summary.summary_language == lang):
        return stored.summary
    summary = summarize(article, llm, lang=lang, progress=progress)
    if stored is None:
        try:
            store.put(summary, article.text, outlet=outlet)
        except StoreError as exc:
            log.warning("a summary was not stored: %s", exc)  # names the file and the reason, never the text
            warning = f"not stored: the summaries database is {exc.reason}; it will be summarized again next time"
            summary = summary.model_copy(update={"warnings": [*summary.warnings, warning]})
    return summary
