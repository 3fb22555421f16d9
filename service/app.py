"""The HTTP API: `POST /v1/summaries`, `GET /healthz`, OpenAPI docs at `/docs`.

Every error is JSON with a readable `error` message and the right status: 422 bad input, 413 too large,
503 backend not ready (with `Retry-After`), 502/504 model failures. Never a stack trace.
"""

import logging
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from schemas.summary import ArticleIn, Summary
from service import __version__
from service.article import Article
from service.backend import Backend, BackendUnavailable
from service.llm import ModelError
from service.pipeline import summarize
from service.settings import Settings, get_settings

log = logging.getLogger(__name__)

_MODEL_ERROR_STATUS = {"timeout": 504, "unavailable": 503, "rate_limited": 503, "bad_response": 502, "budget": 502}


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status, self.message, self.headers = status, message, headers or {}


def create_app(settings: Settings | None = None, backend: Backend | None = None) -> FastAPI:
    """The FastAPI app. Pass a `backend` (tests do) or let the app start the configured one."""
    settings = settings or get_settings()
    backend = backend or Backend(settings)

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

    @app.middleware("http")
    async def _limit_size(request: Request, call_next):
        length = request.headers.get("content-length")
        limit = settings.max_article_chars * 4 + 16_384  # UTF-8 is at most 4 bytes a character, plus JSON
        if length is not None and length.isdigit() and int(length) > limit:
            return JSONResponse({"error": f"request body too large ({int(length):,} bytes; limit {limit:,})"},
                                status_code=413)
        return await call_next(request)

    def get_backend() -> Backend:
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
    def create_summary(article: ArticleIn, backend: Backend = Depends(get_backend)) -> Summary:
        """Summarize one article: officials, partners, sectors, goals, quotes, each grounded in the text."""
        if len(article.text) > settings.max_article_chars:
            raise ApiError(413, f"text too long: {len(article.text):,} characters "
                                f"(limit {settings.max_article_chars:,})")
        try:
            llm = backend.llm()
        except BackendUnavailable as exc:
            headers = {"Retry-After": "10"} if exc.starting else {}
            raise ApiError(503, f"model backend unavailable: {exc}", headers) from None
        try:
            return summarize(Article(text=article.text, title=article.title, url=article.url), llm,
                             lang=article.lang)
        except ModelError as exc:
            status = _MODEL_ERROR_STATUS.get(exc.kind, 502)
            headers = {"Retry-After": "5"} if status == 503 else {}
            raise ApiError(status, f"the model failed ({exc.kind}): {exc}", headers) from None

    return app
