"""How much work at once, for how long, and for whom: the `/v1/` requests' concurrency slots, their queue, their
time limit, and the `CancelToken` that stops a request's work once nobody waits for its answer."""

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import send_error
from service.cancellation import CancelToken

# Where a request's `CancelToken` is kept in its ASGI scope (read by `service.api.deps.get_cancel_token`).
CANCEL_KEY = "ringkas.cancel"


class Admission:
    """A plain ASGI middleware for `/v1/` requests: at most `max_concurrent` at work and `max_queued` waiting for
    a slot (beyond that 429 with `Retry-After: 5`), each answered within `timeout_s` seconds of its arrival (else
    504 at once, unless its answer has begun).

    Each `/v1/` request gets a `CancelToken` in `scope[CANCEL_KEY]`: it is cancelled when the client closes the
    connection before its answer or when the request runs over its time, so the model stops working for nobody
    and the slot frees as soon as the work has stopped.
    """

    def __init__(self, app: ASGIApp, *, max_concurrent: int, max_queued: int, timeout_s: float):
        self.app, self.max_concurrent, self.max_queued, self.timeout_s = app, max_concurrent, max_queued, timeout_s
        self.load = 0  # requests at work or waiting for a slot
        self.slots: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            return await self.app(scope, receive, send)
        if self.load >= self.max_concurrent + self.max_queued:
            return await send_error(send, 429, f"too many requests in progress ({self.load}); retry shortly",
                                    {"Retry-After": "5"})
        self.slots = self.slots or asyncio.Semaphore(self.max_concurrent)
        self.load += 1
        token = scope[CANCEL_KEY] = CancelToken()
        client, reply = ClientWatch(receive, token), _Reply(send)
        task = asyncio.ensure_future(self._work(scope, client.receive, reply.send))
        watcher = asyncio.ensure_future(client.watch())
        try:
            done, _ = await asyncio.wait({task}, timeout=self.timeout_s)
            if task in done or reply.started:  # an answer already on its way is let through
                return await task
            reply.closed = True
            token.cancel(f"the request took longer than {self.timeout_s:g} s")
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # ends unobserved, never unlogged
            await send_error(send, 504, f"the request took longer than {self.timeout_s:g} s")
        finally:
            watcher.cancel()

    async def _work(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with self.slots:
                await self.app(scope, receive, send)
        finally:
            self.load -= 1


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
    """The app's `send`: notes when the answer has started, and drops everything once `closed` (after a 504)."""

    def __init__(self, send: Send):
        self._send, self.started, self.closed = send, False, False

    async def send(self, message: Message) -> None:
        """Pass `message` on to the client unless the request was already answered with its 504."""
        if not self.closed:
            self.started = self.started or message["type"] == "http.response.start"
            await self._send(message)
