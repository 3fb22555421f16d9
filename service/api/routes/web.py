"""The web page at `/` (its files are served under `/static/`, mounted by `create_app`)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from service.memo_render import STYLE_SOURCE

router = APIRouter()

WEB_DIR = Path(__file__).parent.parent.parent / "web"

# The web page runs only its own files: no inline script, nothing from elsewhere, never framed by another site. The
# memo preview is a sandboxed `srcdoc` frame, which inherits this policy (CSP level 3): the memo's own stylesheet is
# allowed by its hash, no other inline style.
PAGE_HEADERS = {
    "Content-Security-Policy": f"default-src 'self'; script-src 'self'; style-src 'self' {STYLE_SOURCE}; "
                               "img-src 'self' data:; connect-src 'self'; frame-src 'none'; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    """The web page (`service/web/index.html`), revalidated on every load, with `PAGE_HEADERS`."""
    return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache", **PAGE_HEADERS})
