"""The app factory: one router per resource, the shared state its dependencies read, and the checks in front."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from service import __version__
from service.api.access import Access, allowed_host_names
from service.api.admission import Admission
from service.api.cross_site import CrossSite
from service.api.errors import EXCEPTION_HANDLERS, UnexpectedErrors, error_responses
from service.api.routes import articles, health, library, memos, summaries, web
from service.extraction.text import gazetteer
from service.library.store import Store, open_store
from service.model.backend import Backend
from service.settings import Settings, get_settings

# What the checks in front of the routes answer, on any route, with the error body (`schemas.api.ApiErrorBody`):
# `Access`, `CrossSite`, `Admission`, and the last resort of `UnexpectedErrors`.
FRONT_DOOR_RESPONSES = error_responses({
    400: "The Host header names neither this server nor an allowed host name",
    401: "An API key is required and was missing or wrong",
    403: "Sent by another site's page",
    413: "Request body too large",
    415: "A JSON route was sent a body that is not application/json",
    429: "Too many requests in progress; retry shortly",
    500: "Internal error; the request was not completed",
    504: "The request's time limit ran out",
})


def create_app(settings: Settings | None = None, backend: Backend | None = None,
               store: Store | None = None, *, require_api_key: bool | None = None,
               bind_host: str = "127.0.0.1") -> FastAPI:
    """The FastAPI app. Pass a `backend` and `store` (tests do) or let the app open the configured ones
    (the store at `settings.database_url`, `open_store`); the backend starts with the app and closes with it.

    With `require_api_key` (default: the setting, else off) every request but health, `/openapi.json` and the web
    page's files needs one of `settings.api_keys`; `ringkas serve` turns it on whenever it binds to anything but
    loopback. Requests whose `Host` header names neither `bind_host` nor `settings.allowed_hosts` are refused
    (`service.api.access.AllowedHosts`). Raises ValueError when a key is required but none is configured, and
    `service.library.store.StoreError` when the configured store cannot be opened (`StoreUrlError`: a database URL
    it cannot use).
    """
    settings = settings or get_settings()
    keys = [k.get_secret_value().encode() for k in settings.api_keys if k.get_secret_value()]
    if require_api_key is None:
        require_api_key = bool(settings.require_api_key)
    if require_api_key and not keys:
        raise ValueError("an API key is required but none is configured: set RINGKAS_API_KEYS='[\"<key>\"]'")
    backend = backend or Backend(settings)
    store = store if store is not None else open_store(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Start the backend in the background (health says "starting" meanwhile) and read the gazetteer before
        the first article needs it; close the backend at shutdown."""
        backend.start_in_background()
        await run_in_threadpool(gazetteer.load)
        yield
        backend.close()

    app = FastAPI(
        title="Ringkas",
        version=__version__,
        description="Grounded structured summaries of Indonesian regional-government news.",
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
        responses=FRONT_DOOR_RESPONSES,
        # No docs pages: FastAPI's load their script and style from a CDN, on the origin whose storage keeps the
        # page's API key. The description stays at /openapi.json, for any OpenAPI viewer.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings, app.state.backend, app.state.store = settings, backend, store
    for resource in (health, summaries, library, articles, memos, web):
        app.include_router(resource.router)
    app.mount("/static", StaticFiles(directory=web.WEB_DIR), name="static")
    # The last added runs first: Access and CrossSite refuse a request before Admission gives it a slot.
    app.add_middleware(Admission, max_concurrent=settings.max_concurrent_requests,
                       max_queued=settings.max_queued_requests, timeout_s=settings.request_timeout_s)
    app.add_middleware(CrossSite)
    app.add_middleware(Access, hosts=allowed_host_names(bind_host, settings.allowed_hosts), keys=keys,
                       require_api_key=require_api_key, max_article_chars=settings.max_article_chars)
    app.add_middleware(UnexpectedErrors)
    return app
