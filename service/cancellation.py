"""Abandoned work stops: a summary nobody waits for any more gives the model back.

A request's work runs in a worker thread and spends most of its time in model calls. When its client closes the
stream or its time runs out (504), the HTTP face calls `CancelToken.cancel()`; the model call in flight is then
cancelled, which closes its connection to the model server (llama.cpp's servers, and Ringkas's embedded one, stop
generating when their client hangs up), and every later call of that work fails at once with
`service.model.llm.Cancelled`. What is already stored stays stored.

The token reaches the model client through a context variable set in the worker thread (`cancellable`), so the
pipeline between the two needs to know nothing about it; the client runs its calls on a `CancellableLoop`, which
reads the token.
"""

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any

from service.errors import RingkasError


class CancelToken:
    """A thread-safe flag with callbacks: set once by whoever gives up on the work, read by the model client."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], object]] = []
        self.reason: str | None = None

    @property
    def cancelled(self) -> bool:
        """Whether the work was abandoned (`reason` then says why)."""
        return self.reason is not None

    def cancel(self, reason: str) -> None:
        """Mark the work abandoned and run the registered callbacks (once; later calls do nothing)."""
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    @contextmanager
    def on_cancel(self, callback: Callable[[], object]) -> Iterator[None]:
        """Run `callback` if the work is abandoned while inside the block (at once if it already was)."""
        with self._lock:
            already = self.reason is not None
            if not already:
                self._callbacks.append(callback)
        if already:
            callback()
        try:
            yield
        finally:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)


_CURRENT: ContextVar[CancelToken | None] = ContextVar("ringkas_cancel_token", default=None)


@contextmanager
def cancellable(token: CancelToken | None) -> Iterator[None]:
    """Model calls made inside the block (in this thread or context) are cancelled with `token`."""
    reset = _CURRENT.set(token)
    try:
        yield
    finally:
        _CURRENT.reset(reset)


def current_token() -> CancelToken | None:
    """The token of the work running in this context, if any."""
    return _CURRENT.get()


class WorkAbandoned(RingkasError):
    """The caller's work was cancelled before or during a call on a `CancellableLoop`; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class CancellableLoop:
    """An asyncio loop in a daemon thread that runs the model calls of synchronous callers, one call per
    caller at a time, each cancellable by the caller's `CancelToken`: a blocking socket read in a worker thread
    cannot be interrupted, a coroutine can, and cancelling it closes its HTTP connection."""

    def __init__(self, name: str):
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        """The loop, started in its thread on first use."""
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name=self._name, daemon=True).start()
                self._loop = loop
            return self._loop

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        """The coroutine's result, awaited on the loop thread; blocks the calling thread.

        Raises:
            WorkAbandoned: the caller's token was cancelled before or during the call (the call is then
                cancelled on the loop, which closes its HTTP connection).
            Exception: whatever the coroutine raised.
        """
        token = current_token()
        if token is not None and token.cancelled:
            coroutine.close()
            raise WorkAbandoned(token.reason)
        future = asyncio.run_coroutine_threadsafe(coroutine, self._running_loop())
        with token.on_cancel(future.cancel) if token is not None else nullcontext():
            try:
                return future.result()
            except concurrent.futures.CancelledError:
                raise WorkAbandoned(token.reason if token is not None else "cancelled") from None
