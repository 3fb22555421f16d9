"""A scripted OpenAI-compatible server on loopback: a real HTTP server whose answers each test scripts."""

import json
import select
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def completion(content: str, prompt_tokens: int = 50, completion_tokens: int = 5) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": "stub",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class Scripted:
    """One scripted answer: a status, a JSON body and headers; or, after `delay` seconds, raw bytes (`raw`,
    e.g. truncated JSON) or a connection closed without an answer (`drop`)."""

    def __init__(self, status: int = 200, body: Any = None, headers: dict[str, str] | None = None, *,
                 delay: float = 0.0, raw: bytes | None = None, drop: bool = False):
        self.status, self.body, self.headers = status, body, headers or {}
        self.delay, self.raw, self.drop = delay, raw, drop


class OpenAIStub:
    """Serves `/v1/chat/completions` from a queue of `Scripted` answers (or reply strings) and records every
    request body."""

    def __init__(self):
        self.queue: list[Scripted | str] = []
        # The answer once the queue is empty: fixed, or made from the request by a function.
        self.default: Scripted | str | Callable[[dict], Scripted | str] | None = None
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str | None] = []  # each request's Authorization header, in order
        self.abandoned: list[dict[str, Any]] = []  # requests whose client hung up while their answer was delayed
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def client_left_within(self, seconds: float) -> bool:
                """Waits `seconds`, or less if the client closes its connection first (then True), as a model
                server that stops generating for a client that is gone."""
                deadline = time.monotonic() + seconds
                while (left := deadline - time.monotonic()) > 0:
                    readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
                    if readable and not self.connection.recv(1, socket.MSG_PEEK):
                        return True
                return False

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                stub.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                stub.authorizations.append(self.headers.get("authorization"))
                answer = stub.queue.pop(0) if stub.queue else stub.default or Scripted(500, {"error": "queue empty"})
                if callable(answer):
                    answer = answer(stub.requests[-1])
                if isinstance(answer, str):
                    answer = Scripted(200, completion(answer))
                if answer.delay and self.client_left_within(answer.delay):
                    stub.abandoned.append(stub.requests[-1])
                    return
                if answer.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                data = answer.raw if answer.raw is not None else json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # a client's idle keep-alive connection must not hold up the test
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "OpenAIStub":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
