"""The output contract: a grounded structured summary of one article."""

from enum import Enum
from typing import Literal, get_args, get_origin

from pydantic import BaseModel, Field, field_validator, model_validator

from schemas.taxonomy import SectorLabel
from schemas.urls import check_web_url

Span = tuple[int, int]
"""Half-open character offsets `[start, end)` into the submitted text, counted in Unicode code points (Python
string indices; not bytes, and not the UTF-16 code units a JavaScript string is indexed by: an emoji is one)."""

SummaryLanguage = Literal["id", "en"]
"""The languages a summary (and a memo) is written in: Indonesian and English, ISO 639-1 codes."""

SPANS_DOC = ("Half-open [start, end) offsets into the submitted text, in Unicode code points (an emoji counts 1, "
             "not 2 as in a JavaScript string).")


class PartnerKind(str, Enum):
    """What kind of party a partner is: a level of Indonesian government, a DPRD, a foreign government or city,
    a company or another body."""

    province = "province"
    regency = "regency"
    city = "city"
    national_agency = "national_agency"
    dprd = "dprd"
    foreign_government = "foreign_government"
    foreign_city = "foreign_city"
    company = "company"
    organisation = "organisation"
    other = "other"


class Official(BaseModel):
    """A person holding office, named in the article, with the title and institution it gives."""

    name: str = Field(description="Name as written in the article, without honorifics, degrees or ranks.")
    title: str = ""
    institution: str = ""
    spans: list[Span] = Field(default_factory=list, description="Every occurrence of the name in the text. "
                                                                 + SPANS_DOC)


class Partner(BaseModel):
    """A party to the cooperation (region, country, agency, company), as the article names it."""

    name: str
    kind: PartnerKind = PartnerKind.other
    spans: list[Span] = Field(default_factory=list, description=SPANS_DOC)


class Sector(BaseModel):
    """A field of cooperation on the fixed taxonomy, with the article's own words as evidence."""

    label: SectorLabel
    evidence: str = Field(description="The article's own words for this field of cooperation.")
    spans: list[Span] = Field(default_factory=list, description=SPANS_DOC)


class Goal(BaseModel):
    """A goal the article states for the cooperation, in its own words."""

    text: str
    spans: list[Span] = Field(default_factory=list, description=SPANS_DOC)


# How a quote's speaker was found (`Quote.attribution` says what each means).
AttributionMethod = Literal["cue", "previous", "mention", "title", "model", "none"]

# What an article reports as having happened between the parties, by its own words; the first that applies wins
# (`../shared/ANNOTATION.md`, "events"): an agreement signed, a comparative study visit, a courtesy call, an
# exploration of cooperation with nothing signed, any other visit or reception, a meeting where no side visits.
EventKind = Literal["signing", "study_visit", "courtesy_call", "exploration", "working_visit", "meeting", "other"]
# A party's part in an event: it travelled to the other side, it received it, or neither (met elsewhere, or the
# article does not say who came to whom).
EventRole = Literal["visitor", "host", "participant"]


class Quote(BaseModel):
    """Words between quotation marks in the article, verbatim, with the official who said them."""

    text: str = Field(description="Verbatim: exactly the characters between the quotation marks.")
    speaker: str | None = Field(description="Full name of one of the officials, or null when unattributed.")
    start: int = Field(description="Offset of the quote's first character, in Unicode code points.")
    end: int = Field(description="Offset just past its last character (half-open), in Unicode code points.")
    attribution: AttributionMethod = Field(
        default="model",
        description="How the speaker was found: 'cue' (a speech verb names them), 'previous' (a pronoun "
        "continuing the previous quote's speaker), 'mention' (a pronoun cue naming the official who was last the "
        "subject of a sentence before the quote), 'title' (a cue naming a position alone, 'kata Gubernur', held by "
        "one official), 'model' (the model's answer, kept because the official is the one the text spoke of last "
        "before the quote, in its paragraph or the one before), or 'none' (the text does not say; no guess is made).",
    )

    @model_validator(mode="after")
    def _span_matches_length(self) -> "Quote":
        if self.end - self.start != len(self.text):
            raise ValueError(f"quote span {self.start}..{self.end} does not have the length of its text")
        return self


class EventSide(BaseModel):
    """A party to an event, in its role, with the officials the article says represented it there."""

    party: str = Field(description="The party, named as in `partners` (level of government added).")
    role: EventRole = Field(description="'visitor' (travelled to the other side), 'host' (received it) or "
                                        "'participant' (neither, or the article does not say who came to whom).")
    officials: list[str] = Field(default_factory=list, description="Names, as in `officials`.")
    spans: list[Span] = Field(default_factory=list, description="Where the text names the party. " + SPANS_DOC)


class Event(BaseModel):
    """Something the article reports as having happened between the parties: a visit, a signing, a meeting
    (`../shared/ANNOTATION.md`, "events")."""

    kind: EventKind
    sides: list[EventSide] = Field(default_factory=list)
    place: str | None = Field(default=None, description="Where it happened, as the article writes it.")
    date: str | None = Field(default=None, description="ISO 8601: YYYY-MM-DD when the article states the day, "
                                                       "YYYY-MM when only the month; null otherwise.")
    date_text: str | None = Field(default=None, description="The date as the article writes it.")
    evidence: str = Field(default="", description="The article's words that report the event (its sentence).")
    spans: list[Span] = Field(default_factory=list, description="Of the evidence, the place and the date. "
                                                                + SPANS_DOC)
    sectors: list[str] = Field(default_factory=list, description="The `sectors[].evidence` it concerns.")
    goals: list[str] = Field(default_factory=list, description="The `goals[].text` it concerns.")


class Usage(BaseModel):
    """Tokens read and written, model calls and re-asks spent on one piece of work."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    retries: int = 0

    def add(self, other: "Usage") -> "Usage":
        """The sum of both, field by field (a new object)."""
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
        )


class Provenance(BaseModel):
    """What produced a summary: model, prompt version, usage, wall time in seconds, Ringkas version."""

    model: str
    prompt_version: str
    usage: Usage = Field(default_factory=Usage)
    wall_time_s: float = 0.0
    ringkas_version: str = ""


class Summary(BaseModel):
    """A grounded structured summary of one article. Every span points into the submitted text."""

    title: str | None = None
    url: str | None = None
    content_sha256: str = Field(description="sha256 of the submitted text, the article's identity.")
    language: str = Field(description="ISO 639-1 code of the article's language, as detected by code.")
    summary_language: SummaryLanguage
    events: list[Event] = Field(default_factory=list, description="Who visited, received, met or signed with "
                                                                   "whom: what the article reports as happened.")
    officials: list[Official] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    sectors: list[Sector] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    summary: str = Field(default="", description="One sentence per event, written by code from the grounded "
                                                 "items in `summary_language`.")
    warnings: list[str] = Field(default_factory=list, description="What was dropped or doubtful, and why.")
    provenance: Provenance


def item_fields(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The fields of `model` that hold extracted items (a list of a pydantic model), in declaration order, each
    with its item's model: for `Summary`, officials -> `Official`, ..., quotes -> `Quote` (not `warnings`, a list
    of strings)."""
    found = {}
    for name, info in model.model_fields.items():
        if get_origin(info.annotation) is list:
            (item,) = get_args(info.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                found[name] = item
    return found


SUMMARY_ITEMS: dict[str, type[BaseModel]] = item_fields(Summary)
"""A summary's fields of extracted items and each one's item model, in the order `Summary` declares them."""

SUMMARY_FIELDS: tuple[str, ...] = tuple(SUMMARY_ITEMS)
"""The names of a summary's fields of extracted items, in order: events, officials, partners, sectors, goals, quotes.
The scorer, the gold loader, the renderers and the web page (through `GET /v1/fields`) read the list from here."""


class ArticleIn(BaseModel):
    """A request to summarize one article."""

    text: str = Field(min_length=1, description="The article's text (too long: HTTP 413).")
    title: str | None = Field(default=None, max_length=1_000)
    url: str | None = Field(default=None, max_length=2_000, description="The article's address: http or https only.")
    lang: SummaryLanguage | None = Field(default=None, description="Language of the summary text.")

    _web_url = field_validator("url")(check_web_url)

    @model_validator(mode="after")
    def _not_blank(self) -> "ArticleIn":
        if not self.text.strip():
            raise ValueError("text is empty or only whitespace")
        return self
