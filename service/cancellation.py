"""Abandoned work stops: a summary nobody waits for any more gives the model back.

A request's work runs in a worker thread and spends most of its time in model calls. When its client closes the
stream or its time runs out (504), the HTTP face calls `CancelToken.cancel()`; the model call in flight is then
cancelled, which closes its connection to the model server (llama.cpp's servers, and Ringkas's embedded one, stop
generating when their client hangs up), and every later call of that work fails at once with
`service.llm.Cancelled`. What is
already stored stays stored.

The token reaches the model client through a context variable set in the worker thread (`cancellable`), so the
pipeline between the two needs to know nothing about it.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class CancelToken:
    """A thread-safe flag with callbacks: set once by whoever gives up on the work, read by the model client."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], object]] = []
        self.reason: str | None = None

    @property
    def cancelled(self) -> bool:
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
