"""The HTTP API: `POST /v1/summaries`, `POST /v1/memos`, `GET /healthz`, OpenAPI docs at `/docs`.

Every error is JSON with a readable `error` message and the right status: 401 no valid API key, 422 bad
input, 413 too large, 429 too many requests (with `Retry-After`), 503 backend not ready (with `Retry-After`),
502/504 model failures or a request over its time. Never a stack trace, a key or prompt text.
"""

import asyncio
import hmac
import ipaddress
import json
import logging
import socket
import time
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from schemas.memo import MemoIn
from schemas.summary import ArticleIn, Summary
from schemas.taxonomy import SECTOR_NAMES
from service import __version__
from service.article import Article, prepare_text
from service.backend import Backend, BackendUnavailable, ReadyLLM
from service.cancellation import CancelToken, cancellable
from service.dates import event_date
from service.entities import same_region
from service.intake import DECODING_METHODS, ArticleInputError, decode_article_bytes
from service.llm import ModelError
from service.memo import MemoArticle, build_memo
from service.memo_render import STYLE_SOURCE, to_docx, to_html, to_markdown
from service.settings import Settings, get_settings
from service.store import SummaryStore, summarize_stored

log = logging.getLogger(__name__)

# 'cancelled': the work was abandoned (its client left, or the Gate already answered 504); nobody reads this.
_MODEL_ERROR_STATUS = {"timeout": 504, "unavailable": 503, "rate_limited": 503, "bad_response": 502, "budget": 502,
                       "cancelled": 504, "too_long": 413}


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status, self.message, self.headers = status, message, headers or {}


def create_app(settings: Settings | None = None, backend: Backend | None = None,
               store: SummaryStore | None = None, *, require_api_key: bool | None = None,
               bind_host: str = "127.0.0.1") -> FastAPI:
    """The FastAPI app. Pass a `backend` and `store` (tests do) or let the app open the configured ones.

    With `require_api_key` (default: the setting, else off) every request but health and docs needs one of
    `settings.api_keys`; `ringkas serve` turns it on whenever it binds to anything but loopback. Requests whose
    `Host` header names neither `bind_host` nor `settings.allowed_hosts` are refused (see `allowed_host_names`).
    """
    settings = settings or get_settings()
    keys = [k.get_secret_value().encode() for k in settings.api_keys if k.get_secret_value()]
    if require_api_key is None:
        require_api_key = bool(settings.require_api_key)
    if require_api_key and not keys:
        raise ValueError("an API key is required but none is configured: set RINGKAS_API_KEYS='[\"<key>\"]'")
    backend = backend or Backend(settings)
    store = store or SummaryStore(settings.data_dir / "ringkas.db")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        backend.start_in_background()
        yield
        backend.close()

    app = FastAPI(
        title="Ringkas",
        version=__version__,
        description="Grounded structured summaries of Indonesian regional-government news.",
        lifespan=lifespan,
    )
    app.state.backend = backend
    app.state.settings = settings
    app.state.store = store

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return JSONResponse({"error": "invalid request: " + "; ".join(problems)}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return JSONResponse({"error": "internal error; the request was not completed"}, status_code=500)

    app.add_middleware(Gate, settings=settings, keys=keys, require_api_key=require_api_key,
                       hosts=allowed_host_names(bind_host, settings.allowed_hosts))

    async def get_backend() -> Backend:  # async: a sync dependency would cost every request a thread hop
        return app.state.backend

    @app.get("/healthz")
    def healthz(backend: Backend = Depends(get_backend)) -> JSONResponse:
        """Whether the model backend is ready to summarize."""
        body = {"status": backend.status, "backend": backend.kind}
        return JSONResponse(body, status_code=200 if backend.status == "ready" else 503)

    @app.post("/v1/summaries", response_model=Summary,
              responses={413: {"description": "Article too long"}, 422: {"description": "Invalid input"},
                         502: {"description": "The model failed"}, 503: {"description": "Model not ready"},
                         504: {"description": "The model timed out"}})
    def create_summary(article: ArticleIn, request: Request, backend: Backend = Depends(get_backend)) -> Summary:
        """Summarize one article: officials, partners, sectors, goals, quotes, each grounded in the text."""
        check_length(article)
        with model_errors(), cancellable(cancel_token(request)):
            summary = summarize_stored(Article(text=prepare_text(article.text), title=article.title,
                                               url=article.url), ReadyLLM(backend), app.state.store, article.lang)
        # Serialized once by pydantic, not validated again against the response model on the way out.
        return Response(summary.model_dump_json(), media_type="application/json")

    @app.post("/v1/summaries/stream", responses={200: {"content": {"text/event-stream": {}}}})
    async def stream_summary(article: ArticleIn, request: Request,
                             backend: Backend = Depends(get_backend)) -> StreamingResponse:
        """Summarize one article with live progress, as server-sent events: `progress` ({"step", "elapsed_s"})
        while the model works (a step when one starts, else once a second), then `result` ({"summary",
        "article"}: the text its offsets refer to) or `error` ({"status", "error"})."""
        check_length(article)
        text = prepare_text(article.text)
        loop = asyncio.get_running_loop()
        events: asyncio.Queue = asyncio.Queue()
        started = time.monotonic()
        cancel = cancel_token(request)

        def work() -> None:
            def step(name: str) -> None:
                loop.call_soon_threadsafe(events.put_nowait, ("progress", {"step": name}))

            try:
                with model_errors(), cancellable(cancel):
                    summary = summarize_stored(Article(text=text, title=article.title, url=article.url),
                                               ReadyLLM(backend), app.state.store, article.lang, progress=step)
                outcome = ("result", {"summary": summary.model_dump(mode="json"), "article": text})
            except ApiError as exc:
                outcome = ("error", {"status": exc.status, "error": exc.message})
            except Exception as exc:  # noqa: BLE001 (reported as an event, never raised into the stream)
                log.error("unexpected error in a streamed summary: %s", type(exc).__name__)
                outcome = ("error", {"status": 500, "error": "internal error; the summary was not completed"})
            loop.call_soon_threadsafe(events.put_nowait, outcome)

        async def stream():
            task = loop.run_in_executor(None, work)
            step = "starting"
            try:
                while True:
                    try:
                        kind, data = await asyncio.wait_for(events.get(), timeout=1.0)
                    except TimeoutError:
                        kind, data = "progress", {"step": step}
                    if kind == "progress":
                        step = data["step"]
                        data = {**data, "elapsed_s": round(time.monotonic() - started, 1)}
                    yield f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
                    if kind != "progress":
                        return
            finally:
                # Left before the result (the client closed the stream): the model call in flight is cancelled
                # and the work ends at once. After the result this does nothing.
                if not task.done():
                    cancel.cancel("the client closed the stream")

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @app.get("/v1/summaries/{content_sha256}")
    def get_summary(content_sha256: str) -> JSONResponse:
        """A stored summary and the article text its offsets refer to."""
        stored = app.state.store.get(content_sha256)
        if stored is None:
            raise ApiError(404, f"no stored summary with content_sha256 {content_sha256}")
        return JSONResponse({"summary": stored.summary.model_dump(mode="json"), "article": stored.article,
                             "outlet": stored.outlet, "published": stored.published, "created": stored.created})

    @app.get("/v1/library")
    def library(q: str = "", partner: str = "", sector: str = "", official: str = "", since: str = "",
                until: str = "") -> JSONResponse:
        """Every stored summary, newest first, filtered: `q` anywhere in title, names and summary text,
        `partner` (the same region however written), `sector` (a taxonomy label), `official` (a name or part),
        `since`/`until` (ISO dates, by the article's date or else the day it was stored)."""
        rows = []
        for stored in app.state.store.all():
            s = stored.summary
            date = stored.published or _article_date(stored.article) or stored.created[:10]
            names = [o.name for o in s.officials]
            haystack = " ".join([s.title or "", s.summary, *names, *(p.name for p in s.partners)]).lower()
            if (q and q.lower() not in haystack) or (since and date < since) or (until and date > until) or \
                    (sector and sector not in {x.label.value for x in s.sectors}) or \
                    (official and not any(official.lower() in n.lower() for n in names)) or \
                    (partner and not any(same_region(partner, p.name) for p in s.partners)):
                continue
            rows.append({"content_sha256": s.content_sha256, "title": s.title, "date": date, "url": s.url,
                         "outlet": stored.outlet, "officials": names, "partners": [p.name for p in s.partners],
                         "sectors": sorted({x.label.value for x in s.sectors}), "quotes": len(s.quotes)})
        return JSONResponse(sorted(rows, key=lambda r: r["date"], reverse=True))

    @app.post("/v1/articles/decode", responses={422: {"description": "Binary or undecodable bytes"}},
              openapi_extra={"requestBody": {"content": {"application/octet-stream": {}, "text/html": {},
                                                         "text/plain": {}}, "required": True}})
    async def decode_article(request: Request, filename: str = "") -> JSONResponse:
        """An uploaded file's bytes (the body, with the file's `Content-Type`) as text, read in the encoding the
        file declares or that is found in it, as `ringkas summarize` reads files: `{"text", "encoding", "method",
        "how"}`. The web page's upload goes through here, so a page in windows-1252 is read as the browser
        showed it. Raises 422 for binary or undecodable bytes."""
        data = await request.body()
        if len(data) > 5 * settings.max_article_chars:
            raise ApiError(413, f"file too large ({len(data):,} bytes; limit {5 * settings.max_article_chars:,})")
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() in ("application/octet-stream", ""):
            content_type = None  # says nothing of the file: its name and bytes decide
        try:
            decoded = decode_article_bytes(data, content_type=content_type, filename=filename or None)
        except ArticleInputError as exc:
            raise ApiError(422, f"{filename or 'the file'}: {exc}") from None
        return JSONResponse({"text": prepare_text(decoded.text), "encoding": decoded.encoding,
                             "method": decoded.method, "how": DECODING_METHODS[decoded.method]})

    @app.get("/v1/taxonomy")
    def taxonomy() -> JSONResponse:
        """The sector labels and their names in Indonesian and English."""
        return JSONResponse({label.value: names for label, names in SECTOR_NAMES.items()})

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache", **PAGE_HEADERS})

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.post("/v1/memos", responses={200: {"content": {"text/markdown": {}, "text/html": {}, DOCX_TYPE: {}}},
                                      404: {"description": "Unknown summary id"}})
    def create_memo(request: MemoIn, http: Request, backend: Backend = Depends(get_backend)) -> Response:
        """A briefing memo of article texts (summarized first where not stored) and/or stored summaries,
        identified by their `content_sha256`. Without a ready model, stored summaries still make a memo."""
        items: list[MemoArticle] = []
        for sha in request.summary_ids:
            stored = app.state.store.get(sha)
            if stored is None:
                raise ApiError(404, f"no stored summary with content_sha256 {sha}")
            items.append(MemoArticle(stored.summary, stored.article, stored.outlet, stored.published))
        for article in request.articles:
            check_length(article)
        llm = ReadyLLM(backend)
        with model_errors(), cancellable(cancel_token(http)):
            for article in request.articles:
                text = prepare_text(article.text)
                summary = summarize_stored(Article(text=text, title=article.title, url=article.url), llm,
                                           app.state.store, None)
                items.append(MemoArticle(summary, text))
        with cancellable(cancel_token(http)):
            memo = build_memo(items, llm, lang=request.lang, summary_cache=app.state.store.executive_summaries)
        if request.format == "json":
            return JSONResponse(memo.model_dump(mode="json"))
        if request.format == "html":
            return Response(to_html(memo), media_type="text/html; charset=utf-8", headers=MEMO_HTML_HEADERS)
        if request.format == "docx":
            return Response(to_docx(memo), media_type=DOCX_TYPE,
                            headers={"Content-Disposition": "attachment; filename=ringkas-memo.docx"})
        return Response(to_markdown(memo), media_type="text/markdown; charset=utf-8")

    def check_length(article: ArticleIn) -> None:
        if len(article.text) > settings.max_article_chars:
            raise ApiError(413, f"text too long: {len(article.text):,} characters "
                                f"(limit {settings.max_article_chars:,})")

    return app


class Gate:
    """Every request's checks before the app sees it, as one plain ASGI middleware (cheaper than several
    `BaseHTTPMiddleware`s): the `Host` header, the API key, the body size, and for `/v1/` at most
    `max_concurrent_requests` at work and `max_queued_requests` waiting, each answered within
    `request_timeout_s` of its arrival.

    Each `/v1/` request gets a `CancelToken` (read with `cancel_token`): it is cancelled when the client closes
    the connection before its answer or when the request runs over its time (504 at once), so the model stops
    working for nobody and the slot frees as soon as the work has stopped.
    """

    def __init__(self, app, *, settings: Settings, keys: list[bytes], require_api_key: bool,
                 hosts: "AllowedHosts"):
        self.app, self.settings, self.keys, self.require_api_key = app, settings, keys, require_api_key
        self.hosts = hosts
        self.size_limit = settings.max_article_chars * 4 + 16_384  # UTF-8 is at most 4 bytes a character
        self.load = 0  # requests at work or waiting for a slot
        self.slots: asyncio.Semaphore | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not self.hosts.allows(host):
            return await _respond(send, 400, self.hosts.refusal(host))
        path = scope["path"]
        if self.require_api_key and path not in _OPEN_PATHS and not path.startswith("/static/") and \
                not self._key_ok(headers):
            return await _respond(send, 401, "missing or invalid API key: send 'Authorization: Bearer <key>' or "
                                             "'X-API-Key: <key>'", {"WWW-Authenticate": "Bearer"})
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.size_limit:
            return await _respond(send, 413, f"request body too large ({int(length):,} bytes; "
                                             f"limit {self.size_limit:,})")
        if not path.startswith("/v1/"):
            return await self.app(scope, receive, send)
        s = self.settings
        if self.load >= s.max_concurrent_requests + s.max_queued_requests:
            return await _respond(send, 429, f"too many requests in progress ({self.load}); retry shortly",
                                  {"Retry-After": "5"})
        self.slots = self.slots or asyncio.Semaphore(s.max_concurrent_requests)
        self.load += 1
        timed_out = started = False
        token = CancelToken()
        scope[_CANCEL_KEY] = token
        body_read = asyncio.Event()
        client_left = False

        async def app_receive():
            if client_left:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_read.set()
            elif message["type"] == "http.disconnect":
                token.cancel("the client closed the connection")
            return message

        async def watch_client() -> None:
            # Once the body is read, the next message the server has for this request is the client leaving.
            nonlocal client_left
            await body_read.wait()
            if (await receive())["type"] == "http.disconnect":
                client_left = True
                token.cancel("the client closed the connection")

        async def guarded_send(message) -> None:
            nonlocal started
            if not timed_out:
                started = started or message["type"] == "http.response.start"
                await send(message)

        async def work() -> None:
            try:
                async with self.slots:
                    await self.app(scope, app_receive, guarded_send)
            finally:
                self.load -= 1

        task = asyncio.ensure_future(work())
        watcher = asyncio.ensure_future(watch_client())
        try:
            done, _ = await asyncio.wait({task}, timeout=s.request_timeout_s)
            if task in done or started:  # an answer already on its way is let through
                return await task
            timed_out = True
            token.cancel(f"the request took longer than {s.request_timeout_s:g} s")
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # ends unobserved, never unlogged
            await _respond(send, 504, f"the request took longer than {s.request_timeout_s:g} s")
        finally:
            watcher.cancel()

    def _key_ok(self, headers: dict[str, str]) -> bool:
        given = headers.get("x-api-key", "")
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            given = token.strip()
        return any(hmac.compare_digest(given.encode(), key) for key in self.keys)


_CANCEL_KEY = "ringkas.cancel"


def cancel_token(request: Request) -> CancelToken:
    """The request's `CancelToken`, set by the Gate for `/v1/` requests (a fresh one elsewhere)."""
    return request.scope.get(_CANCEL_KEY) or CancelToken()


class AllowedHosts:
    """Which `Host` headers the server answers: the defence against DNS rebinding.

    A web page the analyst visits can rebind its own host name to 127.0.0.1 and then read, as same-origin, a
    server on loopback that has no API key; its requests still carry its own name in `Host`. So a request is
    answered only when `Host` is an IP address (rebinding needs a name), `localhost` on a loopback server (browsers
    resolve it to loopback themselves, WHATWG URL standard / RFC 6761), the name the server was bound to, the
    machine's host name on a server bound to every interface, or one of `RINGKAS_ALLOWED_HOSTS` (`*`: any).
    """

    def __init__(self, names: frozenset[str], *, any_host: bool = False):
        self.names, self.any_host = names, any_host

    def allows(self, host_header: str) -> bool:
        """Whether a request with this `Host` header (`name[:port]`, `[v6]:port` or an IP) is answered."""
        if self.any_host:
            return True
        host = _host_name(host_header)
        if not host:
            return False
        try:
            ipaddress.ip_address(host)
            return True
        except ValueError:
            return host in self.names

    def refusal(self, host_header: str) -> str:
        """The 400 message for a refused `Host` header."""
        shown = host_header[:100] or "(none)"
        return (f"this server does not answer requests addressed to Host '{shown}': it answers its IP address"
                f"{', ' + ', '.join(sorted(self.names)) if self.names else ''}; add a name with "
                f"RINGKAS_ALLOWED_HOSTS='[\"name\"]'")


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):  # an IPv6 literal, RFC 3986 section 3.2.2
        return host[1:host.find("]")] if "]" in host else ""
    name, _, port = host.rpartition(":")
    if name and port.isdigit():
        host = name
    return host.rstrip(".")


def allowed_host_names(bind_host: str, configured: list[str]) -> AllowedHosts:
    """The `AllowedHosts` of a server bound to `bind_host` with `RINGKAS_ALLOWED_HOSTS` = `configured`."""
    names = {n.strip().lower().rstrip(".") for n in configured if n.strip()}
    if "*" in names:
        return AllowedHosts(frozenset(), any_host=True)
    bind = _host_name(bind_host)
    names.add(bind)
    if is_loopback(bind):
        names.add("localhost")
    elif bind in ("0.0.0.0", "::", ""):
        names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return AllowedHosts(frozenset(n for n in names if n))


async def _respond(send, status: int, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


# Health, docs and the web page's own files need no key; the page then sends the key the analyst enters.
_OPEN_PATHS = {"/", "/healthz", "/docs", "/docs/oauth2-redirect", "/openapi.json", "/redoc"}
WEB_DIR = Path(__file__).parent / "web"


def _article_date(text: str) -> str | None:
    found = event_date(text)
    return found.iso() if found else None


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

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
# A memo is a document, never a program: no script, no request anywhere; its own CSS only.
MEMO_HTML_HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; style-src {STYLE_SOURCE}; img-src data:; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}


@contextmanager
def model_errors():
    """A model failure as the right gateway status: 503 (with Retry-After) while the model is unavailable or
    rate-limited, 504 on a timeout, 502 for a bad reply."""
    try:
        yield
    except ModelError as exc:
        status = _MODEL_ERROR_STATUS.get(exc.kind, 502)
        headers = {}
        if status == 503:
            headers["Retry-After"] = "10" if getattr(exc, "starting", False) else "5"
        if isinstance(exc, BackendUnavailable):
            raise ApiError(status, f"model backend unavailable: {exc}", headers) from None
        raise ApiError(status, f"the model failed ({exc.kind}): {exc}", headers) from None
