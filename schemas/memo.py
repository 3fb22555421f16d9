"""A briefing memo: many summaries grouped, merged and cited. Every line points at its articles ([n])."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.summary import ArticleIn, SummaryLanguage, Usage
from schemas.taxonomy import SectorLabel


class MemoSource(BaseModel):
    """One article the memo cites as [n], with what identifies and dates it."""

    n: int = Field(description="Citation number, 1-based.")
    title: str
    outlet: str | None = None
    url: str | None = None
    date: str | None = Field(default=None, description="ISO date of the event the article reports, if stated.")
    content_sha256: str


class MemoSentence(BaseModel):
    """A sentence of the executive summary and the articles it rests on (citation numbers)."""

    text: str
    cites: list[int]


class CitedText(BaseModel):
    """A phrase taken from one article (a goal, a sector's evidence) and that article's number."""

    text: str
    cite: int


class PartnerSection(BaseModel):
    """One party (region, country, body) once, however written, with what its articles say of it."""

    name: str
    kind: str
    also_written: list[str] = Field(default_factory=list)
    counterparts: list[str] = Field(default_factory=list, description="The other parties in its articles.")
    sectors: list[SectorLabel] = Field(default_factory=list)
    goals: list[CitedText] = Field(default_factory=list)
    officials: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    articles: list[int] = Field(default_factory=list)


class SectorSection(BaseModel):
    """One sector of the taxonomy: who cooperates in it and the articles' own words for it."""

    label: SectorLabel
    partners: list[str] = Field(default_factory=list)
    evidence: list[CitedText] = Field(default_factory=list)
    articles: list[int] = Field(default_factory=list)


class DirectoryEntry(BaseModel):
    """One official merged across articles ("Mingrum Gumay" / "Mingrum"), with the positions given."""

    name: str
    also_written: list[str] = Field(default_factory=list)
    positions: list[str] = Field(default_factory=list)
    articles: list[int] = Field(default_factory=list)


class TimelineEntry(BaseModel):
    """A dated event: the ISO date, the date as the article wrote it, and the article's title."""

    date: str
    as_written: str
    event: str
    cite: int


class KeyQuote(BaseModel):
    """A verbatim quote with its speaker; `start`/`end` are code-point offsets into article `cite`."""

    text: str
    speaker: str
    cite: int
    start: int
    end: int


class BriefingMemo(BaseModel):
    """A briefing memo of many summaries: every section cites its articles by number."""

    language: SummaryLanguage
    period: tuple[str, str] | None = None
    article_count: int
    source_count: int
    executive_summary: list[MemoSentence] = Field(default_factory=list)
    partners: list[PartnerSection] = Field(default_factory=list)
    sectors: list[SectorSection] = Field(default_factory=list)
    officials: list[DirectoryEntry] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    quotes: list[KeyQuote] = Field(default_factory=list)
    sources: list[MemoSource] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    model: str | None = None
    usage: Usage = Field(default_factory=Usage)


class LibraryQuery(BaseModel):
    """Stored summaries as the library's listing (`GET /v1/library`) filters them; a field left out keeps all."""

    # A misspelt filter is refused rather than ignored: ignored, it would widen the memo to more of the library.
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(default=None, max_length=500,
                          description="A phrase anywhere in the title, summary text and names (any case).")
    partner: str | None = Field(default=None, max_length=500, description="A partner, however written.")
    sector: SectorLabel | None = None
    official: str | None = Field(default=None, max_length=500, description="Part of an official's name.")
    since: date | None = Field(default=None, description="Filed on or after (the article's date, else stored).")
    until: date | None = Field(default=None, description="Filed on or before.")


MemoProse = Literal["code", "model"]
"""Who writes a memo's executive summary: code, one sentence per event from grounded items (the default, no model
call), or the model, a sentence per article from its facts (for an endpoint strong enough to write prose)."""


class MemoIn(BaseModel):
    """A memo request: articles to summarize and/or stored summaries, listed (by `content_sha256`) or chosen by
    the library's filters; a selection too large to list (the library's thousands) is sent as its filters."""

    articles: list[ArticleIn] = Field(default_factory=list, max_length=200)
    summary_ids: list[str] = Field(default_factory=list, max_length=1000)
    library: LibraryQuery | None = Field(
        default=None, description="Every stored summary these filters match, in the library's order (newest "
                                  "first), instead of summary_ids: `{}` is the whole library.")
    format: Literal["md", "html", "docx", "json"] = "md"
    lang: SummaryLanguage = "id"
    prose: MemoProse = Field(default="code", description="Who writes the executive summary: 'code' (a sentence "
                             "per event, no model call) or 'model'.")

    @model_validator(mode="after")
    def _one_selection(self) -> "MemoIn":
        if self.summary_ids and self.library is not None:
            raise ValueError("give summary_ids or library, not both")
        if not self.articles and not self.summary_ids and self.library is None:
            raise ValueError("give articles, summary_ids or library")
        return self
