"""`/v1/summaries`: summarize one article (at once, or with live progress as server-sent events), and open a stored
summary."""

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sse_starlette import EventSourceResponse
from sse_starlette.sse import SendTimeoutError
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from schemas.api import StoredSummaryOut, StreamError, StreamProgress, StreamResult
from schemas.summary import ArticleIn, Summary
from service.api.deps import BackendDep, CancelDep, SettingsDep, StoreDep
from service.api.errors import ApiError, error_responses, model_errors, submitted_article
from service.cancellation import CancelToken, cancellable
from service.library.filters import summarize_stored
from service.model.backend import ReadyLLM

log = logging.getLogger(__name__)

router = APIRouter()

# A client that reads nothing of the stream for this long is taken as gone: its stream ends and its slot frees.
SEND_TIMEOUT_S = 30.0
# LINE SEPARATOR and PARAGRAPH SEPARATOR end a line for JavaScript (ECMA-262 "LineTerminator": `.` and a multiline
# `^`/`$` stop at them) though not for JSON or server-sent events: written as escapes, an event's data is one line
# to every reader.
JS_LINE_ENDS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def stream_events_schema(events: dict[str, type[BaseModel]]) -> dict[str, Any]:
    """The OpenAPI `itemSchema` of a stream whose events are `{event name: model of its data}`, in the shape FastAPI
    gives a stream of its own: each event's name and its `data`, a line of JSON of its model. The models' parts
    (the summary) refer to the description's schemas, which `POST /v1/summaries` puts there."""
    def data(model: type[BaseModel]) -> dict[str, Any]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
        schema.pop("$defs", None)
        return {"type": "string", "contentMediaType": "application/json", "contentSchema": schema}

    return {"oneOf": [{"type": "object", "required": ["event", "data"],
                       "properties": {"event": {"const": name}, "data": data(model)}}
                      for name, model in events.items()]}


# The events of `POST /v1/summaries/stream`, as `summary_events` writes them.
STREAM_EVENTS = stream_events_schema({"progress": StreamProgress, "result": StreamResult, "error": StreamError})


@router.post("/v1/summaries", response_model=Summary,
             responses=error_responses({413: "Article too long", 422: "Invalid input", 502: "The model failed",
                                        503: "Model not ready", 504: "The model timed out"}))
def create_summary(article: ArticleIn, backend: BackendDep, store: StoreDep, settings: SettingsDep,
                   cancel: CancelDep) -> Summary:
    """Summarize one article: officials, partners, sectors, goals, quotes, each grounded in the text. The text is
    read by the one way in (`submitted_article`: 413 over the size rule of `service.intake.limits`, 422 when a
    page has no readable text)."""
    submitted = submitted_article(article, settings.max_article_chars)
    with model_errors(), cancellable(cancel):
        summary = summarize_stored(submitted, ReadyLLM(backend), store, article.lang)
    # Serialized once by pydantic, not validated again against the response model on the way out.
    return Response(summary.model_dump_json(), media_type="application/json")


@router.post("/v1/summaries/stream", response_class=EventSourceResponse,
             responses={200: {"description": "Server-sent events: `progress`, then `result` or `error`",
                              "content": {"text/event-stream": {"itemSchema": STREAM_EVENTS}}},
                        **error_responses({413: "Article too long", 422: "Invalid input"}, by_reference=True)})
async def stream_summary(article: ArticleIn, backend: BackendDep, store: StoreDep, settings: SettingsDep,
                         cancel: CancelDep) -> EventSourceResponse:
    """Summarize one article with live progress, as server-sent events: `progress` ({"step", "elapsed_s"})
    while the model works (a step when one starts, else once a second), then `result` ({"summary",
    "article"}: the text its offsets refer to) or `error` ({"status", "error"}; 504 at the request's time limit,
    `service.api.admission`). Before the stream, the text's size is checked as `create_summary` checks it (413,
    422), reading a page in a worker thread."""
    submitted = await run_in_threadpool(submitted_article, article, settings.max_article_chars)
    text = submitted.text
    work = partial(summarize_stored, submitted, ReadyLLM(backend), store, article.lang)
    # No comment pings: a progress event goes out every second, which keeps proxies from timing the stream out.
    # Events end in "\n\n", as the web page splits them.
    return SummaryEvents(summary_events(work, text, cancel), ping=0, sep="\n", send_timeout=SEND_TIMEOUT_S)


@router.get("/v1/summaries/{content_sha256}", response_model=StoredSummaryOut,
            responses=error_responses({404: "No stored summary has this content_sha256", 422: "Invalid request"}))
def get_summary(content_sha256: str, store: StoreDep) -> JSONResponse:
    """A stored summary and the article text its offsets refer to."""
    stored = store.get(content_sha256)
    if stored is None:
        raise ApiError(404, f"no stored summary with content_sha256 {content_sha256}")
    return JSONResponse({"summary": stored.summary.model_dump(mode="json"), "article": stored.article,
                         "outlet": stored.outlet, "published": stored.published, "created": stored.created})


async def summary_events(work: Callable[..., Summary], text: str, cancel: CancelToken) -> AsyncIterator[dict]:
    """The stream's events as sse-starlette takes them, `{"event": kind, "data": json}`: `progress` {"step",
    "elapsed_s" (seconds since the stream began, to 0.1)} as each step of `work(progress=...)` starts and once a
    second without one, then `result` {"summary", "article": `text`} or `error` {"status", "error"}. `work` runs in
    a worker thread, and the outcome is written as JSON there too (an article is up to `max_article_chars`).
    The data is JSON on one line, U+2028 and U+2029 written as escapes (`JS_LINE_ENDS`).

    Ended early (the client left, stopped reading, or the server is stopping), the work is cancelled at once
    through `cancel`; after the outcome that does nothing.
    """
    loop = asyncio.get_running_loop()
    events: asyncio.Queue = asyncio.Queue()
    started = time.monotonic()

    def step(name: str) -> None:
        """Called by the pipeline in the worker thread as each step starts."""
        loop.call_soon_threadsafe(events.put_nowait, ("progress", {"step": name}))

    def run() -> None:
        """The work, in the worker thread; its outcome is the last event."""
        loop.call_soon_threadsafe(events.put_nowait, _outcome(partial(work, progress=step), text, cancel))

    task = loop.run_in_executor(None, run)
    step_now = "starting"
    try:
        while True:
            try:
                kind, data = await asyncio.wait_for(events.get(), timeout=1.0)
            except TimeoutError:
                kind, data = "progress", {"step": step_now}
            if kind == "progress":
                step_now = data["step"]
                data = event_data({**data, "elapsed_s": round(time.monotonic() - started, 1)})
            yield {"event": kind, "data": data}
            if kind != "progress":
                return
    finally:
        if not task.done():
            cancel.cancel("the client closed the stream")


def event_data(data: dict) -> str:
    """An event's `data`: `data` as JSON on one line, non-ASCII kept but for `JS_LINE_ENDS`, escaped."""
    return json.dumps(data, ensure_ascii=False).translate(JS_LINE_ENDS)


def _outcome(work: Callable[[], Summary], text: str, cancel: CancelToken) -> tuple[str, str]:
    # Every failure becomes an event: once streaming has begun, a status can no longer be sent.
    try:
        with model_errors(), cancellable(cancel):
            summary = work()
        return "result", event_data({"summary": summary.model_dump(mode="json"), "article": text})
    except ApiError as exc:
        return "error", event_data({"status": exc.status, "error": exc.message})
    except Exception as exc:  # noqa: BLE001 (reported as an event, never raised into the stream)
        log.error("unexpected error in a streamed summary: %s", type(exc).__name__)
        return "error", event_data({"status": 500, "error": "internal error; the summary was not completed"})


class SummaryEvents(EventSourceResponse):
    """sse-starlette's response without its `Connection: keep-alive` header, ending quietly when a send waits over
    its `send_timeout` (a client that stopped reading): the work has been cancelled already, and a traceback would
    say nothing more."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # HTTP/1.1 connections persist unless closed (RFC 9112 section 9.3); HTTP/2 forbids the header (RFC 9113
        # section 8.2.2). The stream's headers stay those it always had.
        del self.headers["connection"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except SendTimeoutError:
            log.warning("a summary stream was closed: its client read nothing for %g s", self.send_timeout)
