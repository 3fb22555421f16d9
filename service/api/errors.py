"""Errors as the API answers them: `{"error": "<a readable message>"}` with the right status and headers, never a
stack trace, a key or prompt text."""

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schemas.api import ApiErrorBody
from schemas.summary import ArticleIn
from service.errors import RingkasError
from service.intake import ArticleInputError
from service.intake.article import Article
from service.intake.limits import ArticleTooLong, InputTooLarge
from service.intake.reading import prepare_article
from service.library.store import StoreBusy, StoreError
from service.model.backend import BackendUnavailable
from service.model.llm import ModelError, ModelErrorKind

log = logging.getLogger(__name__)

# The status that answers each failure Ringkas raises, by its type: the first of the exception's classes (its MRO)
# found here. A model failure's status is its kind's (`_MODEL_ERROR_STATUS`); an `ApiError` carries its own.
_ERROR_STATUS: dict[type[Exception], int] = {InputTooLarge: 413, ArticleTooLong: 413, ArticleInputError: 422,
                                             StoreBusy: 503, StoreError: 500}

# 'cancelled': the work was abandoned (its client left, or the request already got its 504); nobody reads this.
_MODEL_ERROR_STATUS: dict[ModelErrorKind, int] = {
    "timeout": 504, "unavailable": 503, "rate_limited": 503, "bad_response": 502, "budget": 502, "cancelled": 504,
    "too_long": 413,
}


def status_of(exc: Exception) -> int:
    """The HTTP status that answers `exc`: its kind's for a `ModelError` (502 for a kind without one), else that of
    the first of its classes in the table by type, 500 for an error the table does not know."""
    if isinstance(exc, ModelError):
        return _MODEL_ERROR_STATUS.get(exc.kind, 502)
    return next((_ERROR_STATUS[cls] for cls in type(exc).__mro__ if cls in _ERROR_STATUS), 500)


def error_responses(descriptions: dict[int, str], *, by_reference: bool = False) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=` for the statuses it refuses or fails with, `{status: description}`: each answered
    with the error body (`schemas.api.ApiErrorBody`) as JSON, as the OpenAPI description then shows.

    `by_reference` names the body by its place among the description's schemas instead of by its model, for a route
    whose own answer is not JSON (FastAPI files a model under the route's media type); the other routes, which
    name the model, put it there."""
    if by_reference:
        schema = {"$ref": f"#/components/schemas/{ApiErrorBody.__name__}"}
        return {status: {"description": text, "content": {"application/json": {"schema": schema}}}
                for status, text in descriptions.items()}
    return {status: {"model": ApiErrorBody, "description": text} for status, text in descriptions.items()}


class ApiError(RingkasError):
    """A request answered with HTTP `status`, `{"error": message}` and `headers` (e.g. `Retry-After`)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status, self.message, self.headers = status, message, headers or {}


async def api_error(request: Request, exc: ApiError) -> JSONResponse:
    """An `ApiError` as its JSON answer."""
    return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with every problem as `where: what` ("text: Field required"), joined by "; "."""
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
    return JSONResponse({"error": "invalid request: " + "; ".join(problems)}, status_code=422)


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's and FastAPI's own refusals (404 no such route, 405 wrong method, 400 an unparseable body, 413
    from `Access`) as `{"error": message}` with their status and headers (`Allow` on a 405)."""
    return JSONResponse({"error": _http_error_message(exc)}, status_code=exc.status_code, headers=exc.headers)


def _http_error_message(exc: HTTPException) -> str:
    # FastAPI answers 400 "There was an error parsing the body" for whatever json.loads raised besides a syntax
    # error, keeping the cause: too deep a nesting is Python's recursion limit, too long a number its limit on
    # converting digits to an int (4,300 by default, sys.set_int_max_str_digits).
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        return "invalid request: the JSON body is nested too deeply"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "invalid request: a number in the JSON body has too many digits"
    return str(exc.detail)


class UnexpectedErrors:
    """The outermost ASGI middleware: whatever escaped the app is answered 500 (when no answer has begun) and
    logged by type only, and goes no further. Starlette's own last handler re-raises to the server after
    answering, and the server logs the traceback, which may quote the article (a `KeyError` names its key)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def noting_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, noting_send)
        except Exception as exc:  # the last resort: answered and logged here, never re-raised
            if scope["type"] != "http":
                raise
            log.error("unexpected error on %s %s: %s", scope.get("method"), scope.get("path"), type(exc).__name__)
            if not started:
                await send_error(send, 500, "internal error; the request was not completed")


async def store_error(request: Request, exc: StoreError) -> JSONResponse:
    """503 with `Retry-After: 5` while another process holds the summaries database locked past the store's wait,
    500 when it cannot be used (damaged, not writable); the message gives the reason, never the server's path."""
    if isinstance(exc, StoreBusy):
        return JSONResponse({"error": f"the summaries database is {exc.reason}; retry shortly"},
                            status_code=status_of(exc), headers={"Retry-After": "5"})
    log.error("the summaries database cannot be used: %s", exc)
    return JSONResponse({"error": f"the summaries database cannot be used: {exc.reason}"}, status_code=status_of(exc))


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """500 that says nothing of the cause; the log gets the method, path and the exception's type only."""
    log.error("unexpected error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return JSONResponse({"error": "internal error; the request was not completed"}, status_code=500)


# For `FastAPI(exception_handlers=...)`; Starlette runs the `Exception` one outermost, for whatever escaped.
EXCEPTION_HANDLERS = {ApiError: api_error, RequestValidationError: invalid_request, HTTPException: http_error,
                      StoreError: store_error, Exception: unexpected_error}


@contextmanager
def model_errors() -> Iterator[None]:
    """A model failure as the right gateway status: 503 (with Retry-After: 10 while the model starts, else 5) while
    the model is unavailable or rate-limited, 504 on a timeout, 413 for a prompt over the model's context, 502 for
    a bad reply; 422 for an article that costs too much to read (`service.extraction.pipeline.TextTooCostly`). Raises
    `ApiError`."""
    try:
        yield
    except ArticleInputError as exc:
        raise ApiError(status_of(exc), str(exc)) from None
    except ModelError as exc:
        status = status_of(exc)
        headers = {}
        if status == 503:
            headers["Retry-After"] = "10" if getattr(exc, "starting", False) else "5"
        if isinstance(exc, BackendUnavailable):
            raise ApiError(status, f"model backend unavailable: {exc}", headers) from None
        raise ApiError(status, f"the model failed ({exc.kind}): {exc}", headers) from None


def submitted_article(submitted: ArticleIn | bytes, max_article_chars: int, *, content_type: str | None = None,
                      filename: str | None = None, prefix: str = "") -> Article:
    """The `Article` of a request's article or an upload's bytes, made by the one way in the CLI takes too
    (`service.intake.reading.prepare_article`: the input's size, decoding, page reading, then the blank and length
    rules on the prepared text). CPU work on up to `max_input_bytes` of input: call it in a worker thread.

    Raises:
        ApiError: with the status of the failure's type (`status_of`): 413 for an input over the input limit or an
            article over `max_article_chars` characters (code points), 422 for binary or undecodable bytes, a page
            the HTML parser gives up on, or nothing readable; the message starts with `prefix` ("article 2: ").
    """
    try:
        if isinstance(submitted, bytes):
            return prepare_article(submitted, max_article_chars=max_article_chars, content_type=content_type,
                                   filename=filename)
        return prepare_article(submitted.text, max_article_chars=max_article_chars, title=submitted.title,
                               url=submitted.url)
    except ArticleInputError as exc:
        raise ApiError(status_of(exc), f"{prefix}{exc}") from None


async def send_error(send: Send, status: int, message: str, headers: dict[str, str] | None = None) -> None:
    """Answer `{"error": message}` with `status` straight through ASGI `send`, for the middleware in front of the
    app (header names are sent in lower case)."""
    body = json.dumps({"error": message}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
