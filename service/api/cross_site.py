"""What another web site's page can make a browser do here: nothing that changes anything, and no framing.

A page on any site can make the analyst's browser send a POST to this server (on loopback, or on the intranet)
and, while the request is "simple" (a form's types, or no `Content-Type` at all: Fetch standard, "CORS-safelisted
request-header"), the browser sends it without asking the server first. So a request with a body must declare
JSON, which no simple request can, and then the browser asks first (a CORS preflight), which this server never
grants. And every state-changing request, the upload above all (its body is a file with the file's own type), must
come from this server's own pages, as the browser says in `Sec-Fetch-Site` (Fetch Metadata) or else in `Origin`. A
request that carries neither header is not from a browser (the CLI, curl, a script) and is answered. Every HTML
response gets the page's security headers.
"""

from email.message import Message as MediaType

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.access import UPLOAD_PATHS
from service.api.errors import send_error
from service.memo.html import STYLE_SOURCE

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
# Methods that change nothing (RFC 9110 section 9.2.1): never refused here.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# `Sec-Fetch-Site` values of a request this server's own pages (or the analyst, typing a URL) started.
OWN_SITE = frozenset({"same-origin", "same-site", "none"})
# The body's JSON, as every JSON route reads it; another type is refused with 415.
JSON_TYPE = "application/json"


class CrossSite:
    """A plain ASGI middleware: 403 for a state-changing request another site's page started (`Sec-Fetch-Site`
    not in `OWN_SITE`, or without it an `Origin` other than this server's own), 415 for a request body that is
    not `application/json` outside `UPLOAD_PATHS`; on every HTML response, each of `PAGE_HEADERS` it does not set
    itself (the memo's stricter policy is kept)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] not in SAFE_METHODS:
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            refusal = _refusal(scope, headers)
            if refusal is not None:
                return await send_error(send, *refusal)
        await self.app(scope, receive, _with_page_headers(send))


def _refusal(scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
    """(status, message) for a state-changing request that is refused, else None."""
    site, origin = headers.get("sec-fetch-site"), headers.get("origin")
    own_origin = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
    if site is not None and site.strip().lower() not in OWN_SITE:
        return 403, f"refused: a request from another site (Sec-Fetch-Site: {site[:40]})"
    if site is None and origin is not None and origin.strip().lower() != own_origin:
        return 403, f"refused: a request from another site (Origin: {origin[:100]})"
    has_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
    if has_body and scope["path"] not in UPLOAD_PATHS and media_type(headers.get("content-type", "")) != JSON_TYPE:
        return 415, f"the body must be JSON sent as 'Content-Type: {JSON_TYPE}'"
    return None


def media_type(content_type: str) -> str:
    """The media type of a `Content-Type` value, lower case, without parameters ("" when there is none)."""
    if not content_type.strip():
        return ""
    parsed = MediaType()
    parsed["content-type"] = content_type
    return parsed.get_content_type()


def _with_page_headers(send: Send) -> Send:
    """`send`, adding each of `PAGE_HEADERS` an HTML response does not set itself."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = list(message.get("headers", []))
            present = {name.lower() for name, _ in raw}
            content_type = next((value for name, value in raw if name.lower() == b"content-type"), b"")
            if content_type.lower().startswith(b"text/html"):
                raw += [(name.lower().encode(), value.encode()) for name, value in PAGE_HEADERS.items()
                        if name.lower().encode() not in present]
                message = {**message, "headers": raw}
        await send(message)

    return send_with_headers
