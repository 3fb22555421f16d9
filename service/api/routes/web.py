"""The web page at `/` (its files are served under `/static/`, mounted by `create_app`)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from service.api.cross_site import PAGE_HEADERS

router = APIRouter()

WEB_DIR = Path(__file__).parent.parent.parent / "web"


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    """The web page (`service/web/index.html`), revalidated on every load, with `PAGE_HEADERS` (as every HTML
    response gets them from `CrossSite`, its copy under `/static/` too)."""
    return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache", **PAGE_HEADERS})
