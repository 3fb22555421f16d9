"""The HTTP API's answers, as the OpenAPI description shows them: each JSON body a route returns, the error body,
and the data of the summary stream's events. The summary itself (`schemas.summary.Summary`) and the memo
(`schemas.memo.BriefingMemo`) are answered as they are."""

from typing import Literal

from pydantic import BaseModel, Field

from schemas.summary import Summary, SummaryLanguage
from schemas.taxonomy import SectorLabel

BackendStatus = Literal["starting", "ready", "failed"]
"""Where the model backend stands: still starting (the embedded model loads), ready to summarize, or failed to
start (the reason is in the log and in the 503 of a request that needs the model)."""

BackendKind = Literal["endpoint", "embedded"]
"""Which model backend answers: a configured OpenAI-compatible endpoint, or the local model Ringkas starts."""


Names = dict[SummaryLanguage, str]
"""A thing's name for a reader in each summary language: {"id": "Pejabat", "en": "Officials"}."""

Taxonomy = dict[SectorLabel, Names]
"""`GET /v1/taxonomy`: each sector label with its names."""

EventNames = dict[str, Names]
"""`GET /v1/event-names`: the names of the event kinds (`schemas.summary.EventKind`) and of the sides' roles
(`EventRole`), each with its name for a reader."""

FieldNames = dict[str, Names]
"""`GET /v1/fields`: a summary's fields of extracted items (`schemas.summary.SUMMARY_FIELDS`), in order, with their
names as headings."""


class ApiErrorBody(BaseModel):
    """Every refusal and failure, whatever its status: a readable message, never a stack trace, a key or prompt
    text."""

    error: str = Field(description="What went wrong, for a reader: 'text: Field required', 'the model failed "
                                   "(timeout): …'.")


class Health(BaseModel):
    """`GET /healthz`: whether the model backend can summarize (200 when `ready`, else 503)."""

    status: BackendStatus
    backend: BackendKind


class LibraryRow(BaseModel):
    """One stored summary as the library lists it."""

    content_sha256: str = Field(description="The article's identity: `GET /v1/summaries/{content_sha256}` opens it.")
    title: str | None
    date: str = Field(description="ISO date the article reports, else the day it was stored.")
    url: str | None
    outlet: str | None
    officials: list[str] = Field(description="The officials' names, in the summary's order.")
    partners: list[str] = Field(description="The partners' names, in the summary's order.")
    sectors: list[SectorLabel] = Field(description="The summary's sector labels, once each, sorted.")
    quotes: int = Field(description="How many quotes the summary holds.")


class StoredSummaryOut(BaseModel):
    """`GET /v1/summaries/{content_sha256}`: a stored summary with the article text its offsets refer to."""

    summary: Summary
    article: str = Field(description="The text the summary's offsets count into (Unicode code points).")
    outlet: str | None
    published: str | None = Field(description="ISO date of the article, when known.")
    created: str = Field(description="When it was stored: an ISO 8601 timestamp in UTC, to the second.")


class DecodedUpload(BaseModel):
    """`POST /v1/articles/decode`: an uploaded file read as text, and how its encoding was found."""

    text: str = Field(description="The article's text, as `POST /v1/summaries` takes it (a page read as its "
                                  "article).")
    encoding: str = Field(description="The encoding the bytes were read in (a Python codec name).")
    method: str = Field(description="How the encoding was found: 'bom', 'http-header', 'meta', 'utf-8' or "
                                    "'detected'.")
    how: str = Field(description="The same, in words.")


class StreamProgress(BaseModel):
    """The data of a `progress` event: the step the work is at and the seconds since the stream began."""

    step: str
    elapsed_s: float


class StreamResult(BaseModel):
    """The data of the `result` event, the last: the summary, and the text its offsets refer to."""

    summary: Summary
    article: str


class StreamError(BaseModel):
    """The data of an `error` event, the last: the status the request would have had, and the message."""

    status: int
    error: str
