"""How much model work at once, for how long, and for whom: the model routes' concurrency slots, their queue, their
time limit, and the `CancelToken` that stops a request's work once nobody waits for its answer."""

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import send_error
from service.cancellation import CancelToken

# Where a request's `CancelToken` is kept in its ASGI scope (read by `service.api.deps.get_cancel_token`).
CANCEL_KEY = "ringkas.cancel"
# The routes that run the model, (method, path). Every other request (the library, a stored summary, health, the
# page, an upload read as text) is answered at once, never queued behind model work.
MODEL_ROUTES = frozenset({("POST", "/v1/summaries"), ("POST", "/v1/summaries/stream"), ("POST", "/v1/memos")})


class Admission:
    """A plain ASGI middleware for the `MODEL_ROUTES`: at most `max_concurrent` at work and `max_queued` waiting
    for a slot (beyond that 429 with `Retry-After: 5`), each answered within `timeout_s` seconds of its arrival:
    else 504 at once, as JSON before its answer has begun or as a last `error` event ({"status": 504, "error"})
    of an event stream that has; another answer already on its way is let through.

    Each such request gets a `CancelToken` in `scope[CANCEL_KEY]`: it is cancelled when the client closes the
    connection before its answer or when the request runs over its time, so the model stops working for nobody.
    The slot frees with the 504 itself, not when the work's current step (a model call, reading a page) ends.
    """

    def __init__(self, app: ASGIApp, *, max_concurrent: int, max_queued: int, timeout_s: float):
        self.app, self.max_concurrent, self.max_queued, self.timeout_s = app, max_concurrent, max_queued, timeout_s
        self.load = 0  # requests at work or waiting for a slot
        self.slots: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) not in MODEL_ROUTES:
            return await self.app(scope, receive, send)
        if self.load >= self.max_concurrent + self.max_queued:
            return await send_error(send, 429, f"too many requests in progress ({self.load}); retry shortly",
                                    {"Retry-After": "5"})
        self.slots = self.slots or asyncio.Semaphore(self.max_concurrent)
        slot = _Slot(self)
        token = scope[CANCEL_KEY] = CancelToken()
        client, reply = ClientWatch(receive, token), _Reply(send)
        task = asyncio.ensure_future(self._work(scope, client.receive, reply.send, slot))
        watcher = asyncio.ensure_future(client.watch())
        try:
            done, _ = await asyncio.wait({task}, timeout=self.timeout_s)
            if task in done or (reply.started and not reply.event_stream):
                return await task
            late = f"the request took longer than {self.timeout_s:g} s"
            reply.closed = True
            token.cancel(late)
            if not slot.held:
                task.cancel()  # still queued: no work began
            slot.release()
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # ends unobserved, never unlogged
            if reply.started:
                await send_error_event(send, 504, late)
            else:
                await send_error(send, 504, late)
        finally:
            watcher.cancel()

    async def _work(self, scope: Scope, receive: Receive, send: Send, slot: "_Slot") -> None:
        try:
            await slot.acquire()
            await self.app(scope, receive, send)
        finally:
            slot.release()


class _Slot:
    """One request's place in `Admission`: counted in its load from the start, holding one of its slots once
    acquired; `release` gives both back, once, whichever comes first of the work's end and its 504."""

    def __init__(self, admission: Admission):
        self._admission, self.held, self._released = admission, False, False
        admission.load += 1

    async def acquire(self) -> None:
        """Wait for a slot (cancelled with the task while still waiting)."""
        await self._admission.slots.acquire()
        self.held = True

    def release(self) -> None:
        """Give back the slot (if held) and the place in the load; later calls do nothing."""
        if self._released:
            return
        self._released = True
        self._admission.load -= 1
        if self.held:
            self._admission.slots.release()


async def send_error_event(send: Send, status: int, message: str) -> None:
    """End an event stream that has begun with an `error` event, `{"status", "error"}` as the stream's own (the
    events' `data` as the summaries' stream writes it), and the end of the body."""
    data = json.dumps({"status": status, "error": message}, ensure_ascii=False)
    await send({"type": "http.response.body", "body": f"event: error\ndata: {data}\n\n".encode(), "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


class ClientWatch:
    """A request's ASGI `receive`, watched: once its body is read, the next message the server has for the
    request is the client leaving (ASGI HTTP spec, `http.disconnect`), which cancels `token`."""

    def __init__(self, receive: Receive, token: CancelToken):
        self._receive, self._token = receive, token
        self._body_read = asyncio.Event()
        self.left = False

    async def receive(self) -> Message:
        """The app's `receive`: `http.disconnect` at once after the client has left."""
        if self.left:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request" and not message.get("more_body", False):
            self._body_read.set()
        elif message["type"] == "http.disconnect":
            self._token.cancel("the client closed the connection")
        return message

    async def watch(self) -> None:
        """Wait for the body to be read, then for the client to leave (run as a task, cancelled with the request)."""
        await self._body_read.wait()
        if (await self._receive())["type"] == "http.disconnect":
            self.left = True
            self._token.cancel("the client closed the connection")


class _Reply:
    """The app's `send`: notes when the answer has started and whether it is an event stream, and drops
    everything once `closed` (after a 504)."""

    def __init__(self, send: Send):
        self._send, self.started, self.closed, self.event_stream = send, False, False, False

    async def send(self, message: Message) -> None:
        """Pass `message` on to the client unless the request was already answered with its 504."""
        if self.closed:
            return
        if message["type"] == "http.response.start":
            self.started = True
            self.event_stream = any(name.lower() == b"content-type" and value.startswith(b"text/event-stream")
                                    for name, value in message.get("headers", []))
        await self._send(message)
