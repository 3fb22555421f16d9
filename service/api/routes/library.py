"""`/v1/library`: the stored summaries, filtered, newest first; `/v1/taxonomy`: the sector labels it filters by."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from schemas.taxonomy import SECTOR_NAMES
from service.api.deps import StoreDep
from service.library.filters import LibraryFilter, filed_on

router = APIRouter()


@router.get("/v1/library")
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


@router.get("/v1/taxonomy")
def taxonomy() -> JSONResponse:
    """The sector labels and their names in Indonesian and English."""
    return JSONResponse({label.value: names for label, names in SECTOR_NAMES.items()})
