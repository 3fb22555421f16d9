"""`/v1/library`: the stored summaries, filtered, newest first; `/v1/taxonomy`: the sector labels it filters by;
`/v1/fields`: the headings of a summary's fields, and `/v1/event-names` the names of event kinds and roles, as the web
page shows them."""

from typing import get_args

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from schemas.api import EventNames, FieldNames, LibraryRow, Taxonomy
from schemas.summary import SUMMARY_FIELDS, EventKind, EventRole, SummaryLanguage
from schemas.taxonomy import SECTOR_NAMES
from service.api.deps import StoreDep
from service.api.errors import error_responses
from service.library.filters import LibraryFilter, filed_on
from service.vocabulary import labels

router = APIRouter()


@router.get("/v1/library", response_model=list[LibraryRow],
            responses=error_responses({422: "An invalid query parameter"}))
def library(store: StoreDep, q: str = "", partner: str = "", sector: str = "", official: str = "", since: str = "",
            until: str = "") -> JSONResponse:
    """Every stored summary, newest first, filtered: `q` anywhere in title, names and summary text,
    `partner` (the same region however written), `sector` (a taxonomy label), `official` (a name or part),
    `since`/`until` (ISO dates, by the article's date or else the day it was stored)."""
    wanted = LibraryFilter(q=q, partner=partner, sector=sector, official=official, since=since, until=until)
    rows = []
    for stored in store.all():
        s, date = stored.summary, filed_on(stored)
        if not wanted.matches(stored, date):
            continue
        rows.append({"content_sha256": s.content_sha256, "title": s.title, "date": date, "url": s.url,
                     "outlet": stored.outlet, "officials": [o.name for o in s.officials],
                     "partners": [p.name for p in s.partners], "sectors": sorted({x.label.value for x in s.sectors}),
                     "quotes": len(s.quotes)})
    return JSONResponse(sorted(rows, key=lambda r: r["date"], reverse=True))


@router.get("/v1/taxonomy", response_model=Taxonomy)
def taxonomy() -> JSONResponse:
    """The sector labels and their names in Indonesian and English."""
    return JSONResponse({label.value: names for label, names in SECTOR_NAMES.items()})


@router.get("/v1/event-names", response_model=EventNames)
def event_names() -> JSONResponse:
    """The event kinds and the roles of their sides, each with its name in every summary language
    (`service/data/labels.json`, "events"), as the web page shows them."""
    langs = get_args(SummaryLanguage)
    return JSONResponse({key: {lang: labels("events", lang)[table][key] for lang in langs}
                         for table, keys in (("kinds", get_args(EventKind)), ("roles", get_args(EventRole)))
                         for key in keys})


@router.get("/v1/fields", response_model=FieldNames)
def fields() -> JSONResponse:
    """A summary's fields of extracted items (`schemas.summary.SUMMARY_FIELDS`), in order, each with its heading
    in every summary language, from the headings the Markdown of a summary uses (`service/data/labels.json`)."""
    return JSONResponse({field: {lang: labels("summary", lang)[field] for lang in get_args(SummaryLanguage)}
                         for field in SUMMARY_FIELDS})
