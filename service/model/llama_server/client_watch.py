"""A request whose client has hung up stops reading and writing.

llama-cpp-python's server finishes a non-streamed completion for nobody (it checks the connection only before it
starts), which kept the model busy for minutes behind a dropped summary. `ClientWatch` notices the client leaving
and `eval_until_client_gone` stops between batches of `n_batch` tokens (512 by default) or between written
tokens, so the next request gets the model.
"""

import asyncio
import threading
from contextvars import ContextVar

from llama_cpp import llama as llama_module

from service.errors import RingkasError
from service.model.llama_server.server_log import note

# Set for the request being served: the event is set once its client has gone. Starlette runs the completion in
# a worker thread with a copy of the request's context, so the model's thread sees it.
CLIENT_GONE: ContextVar[threading.Event | None] = ContextVar("ringkas_client_gone", default=None)


class ClientGone(RingkasError):
    """The client of the completion being computed hung up; the computation stopped."""


class ClientWatch:
    """ASGI middleware: marks a POST request's `CLIENT_GONE` event once its client disconnects after sending its
    body (the next message an ASGI server has for such a request is `http.disconnect`, by the ASGI HTTP spec)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        """Serve the request with its `CLIENT_GONE` event set, watching `receive` once the body is read."""
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        gone = threading.Event()
        body_read = asyncio.Event()

        async def tracked_receive():
            """`receive` for the app, noting the body's end and a disconnect the app reads itself."""
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_read.set()
            elif message["type"] == "http.disconnect":
                gone.set()
            return message

        async def watch_for_disconnect() -> None:
            """Once the body is read, wait for the client to leave and mark it gone."""
            await body_read.wait()
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        reset = CLIENT_GONE.set(gone)
        watcher = asyncio.ensure_future(watch_for_disconnect())
        try:
            await self.app(scope, tracked_receive, send)
        finally:
            watcher.cancel()
            CLIENT_GONE.reset(reset)


_original_eval = llama_module.Llama.eval


def eval_until_client_gone(self, tokens) -> None:
    """`Llama.eval` in the same batches of `n_batch` tokens, stopping before the next one once the request's
    client has gone. Raises `ClientGone` then; what was read so far stays in the cache."""
    gone = CLIENT_GONE.get()
    if gone is None:
        return _original_eval(self, tokens)
    for start in range(0, len(tokens), self.n_batch):
        if gone.is_set():
            note(f"client gone: stopped after {self.n_tokens} tokens in the cache")
            raise ClientGone("the client closed the connection")
        _original_eval(self, tokens[start : start + self.n_batch])


def create_app_watching_clients(*args, **kwargs):
    """llama-cpp-python's server app (`create_app`, same arguments) with `ClientWatch` around it, answering only
    with its key and to no web page (`service.model.llama_server.access`)."""
    from llama_cpp.server import app as server_app

    from service.model.llama_server.access import without_cors

    app = server_app.create_app(*args, **kwargs)
    without_cors(app)
    app.add_middleware(ClientWatch)
    return app
