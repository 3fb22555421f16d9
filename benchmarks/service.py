"""The service's own cost, with fake model backends (no model): items 3-5 of the performance suite.

    python -m benchmarks.service [--requests 500] [--articles 1000] [--concurrency 32] [--delay 0.2]

1. Overhead: sequential `POST /v1/summaries` against `ringkas serve`'s app under uvicorn on loopback, with a
   backend that answers instantly: requests per second, p50/p99 latency.
2. Concurrency: `--articles` distinct articles sent `--concurrency` at a time to a backend that takes `--delay`
   seconds per call: wall time as a ratio of the ideal (calls per article x articles x delay / concurrency).
3. The cached path: an article already summarized, sent again: latency, and the model calls it made (none).

Prints figures; never asserts a time.
"""

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import httpx
import uvicorn

from schemas.summary import Usage
from service.api.app import create_app
from service.library.sqlite import SQLiteStore
from service.model.backend import Backend
from service.model.llm import Reply
from service.settings import Settings
from tests.cost.silent_model import SilentModel
from tests.fakes import article_reply

REPLY = article_reply(officials=[("Andra Soni", "Gubernur", "Banten")], partners=[("Provinsi Banten", "province")],
                      sectors=["pangan"], goals=["menjaga pasokan pangan"])


class FakeModel:
    """Answers every call with a valid reply after `delay` seconds, and counts the calls."""

    name = "fake"

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.calls = 0
        self._lock = threading.Lock()

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        with self._lock:
            self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        value = response_model.model_validate(REPLY, context=context)
        return Reply(value, Usage(prompt_tokens=100, completion_tokens=20, calls=1))


def article(i: int) -> str:
    return (f"Kunjungan kerja nomor {i}\n\nGubernur Banten Andra Soni menerima rombongan DPRD Lampung ke-{i} di "
            f"Serang untuk membahas kerja sama pangan. Kedua pihak sepakat menjaga pasokan pangan.\n")


class Served:
    """`ringkas serve`'s app with a `FakeModel` under uvicorn, in its own process (as in production, the client
    here does not share the server's interpreter), on a free loopback port."""

    def __init__(self, delay: float, data: Path, concurrency: int, model: str = "fake"):
        self.port = _free_port()
        self.command = [sys.executable, "-m", "benchmarks.service", "--serve", str(self.port), "--delay", str(delay),
                        "--concurrency", str(concurrency), "--data", str(data), "--model", model]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        self.process = subprocess.Popen(self.command, cwd=ROOT)
        base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    return base
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the benchmark server did not start")

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(10)


def serve(port: int, delay: float, concurrency: int, data: Path, model_kind: str = "fake") -> None:
    # "silent": a model that adds nothing, so that a request costs only the code steps on its text.
    model = SilentModel() if model_kind == "silent" else FakeModel(delay)
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", max_concurrent_requests=concurrency,
                        max_queued_requests=100_000, data_dir=data)
    app = create_app(settings, Backend(settings, llm=model), SQLiteStore(data / "ringkas.db"))

    @app.get("/model-calls")
    def model_calls() -> int:
        return model.calls

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def overhead(requests: int) -> dict:
    with tempfile.TemporaryDirectory() as data, Served(0.0, Path(data), 2) as base, httpx.Client() as client:
        for i in range(20):  # warm-up: imports, first connection
            client.post(f"{base}/v1/summaries", json={"text": article(-1 - i)})
        latencies = []
        started = time.perf_counter()
        for i in range(requests):
            t = time.perf_counter()
            response = client.post(f"{base}/v1/summaries", json={"text": article(i)})
            latencies.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.text
        wall = time.perf_counter() - started
        cached = []
        calls_before = client.get(f"{base}/model-calls").json()
        for i in range(min(requests, 200)):
            t = time.perf_counter()
            response = client.post(f"{base}/v1/summaries", json={"text": article(i)})
            cached.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        return {"requests": requests, "rps": requests / wall, "p50_ms": percentile(latencies, 50),
                "p99_ms": percentile(latencies, 99), "cached_p50_ms": percentile(cached, 50),
                "cached_p99_ms": percentile(cached, 99), "cached_requests": len(cached),
                "cached_model_calls": client.get(f"{base}/model-calls").json() - calls_before}


def concurrency(articles: int, workers: int, delay: float) -> dict:
    with tempfile.TemporaryDirectory() as data, Served(delay, Path(data), workers) as base:
        limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
        with httpx.Client(limits=limits, timeout=600) as client, ThreadPoolExecutor(workers) as pool:
            started = time.perf_counter()
            codes = list(pool.map(lambda i: client.post(f"{base}/v1/summaries", json={"text": article(i)}).status_code,
                                  range(articles)))
            wall = time.perf_counter() - started
            calls_per_article = client.get(f"{base}/model-calls").json() / articles
    ideal = calls_per_article * articles * delay / workers
    return {"articles": articles, "workers": workers, "delay_s": delay, "wall_s": wall, "ideal_s": ideal,
            "ratio": wall / ideal, "calls_per_article": calls_per_article,
            "errors": sum(code != 200 for code in codes)}


def _server_stack() -> str:
    """The HTTP parser and event loop uvicorn picks by itself on this installation: httptools and uvloop halve the
    service's own time per request (benchmarks/README.md), and a missing one shows here, not as a failing test."""
    import uvicorn

    config = uvicorn.Config(lambda scope, receive, send: None)
    config.load()
    return f"{config.http_protocol_class.__name__} and {config.get_loop_factory().__module__.split('.')[0]}"


def main() -> int:
    """Prints the service's overhead per request, its cached path and its concurrency against the ideal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--model", choices=("fake", "silent"), default="fake", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.delay, args.concurrency, args.data, args.model)
        return 0
    print(f"uvicorn runs on {_server_stack()}")
    o = overhead(args.requests)
    print(f"overhead (instant fake model, {o['requests']} sequential requests): {o['rps']:.0f} requests/s, "
          f"p50 {o['p50_ms']:.2f} ms, p99 {o['p99_ms']:.2f} ms")
    print(f"cached path ({o['cached_requests']} repeats): p50 {o['cached_p50_ms']:.2f} ms, "
          f"p99 {o['cached_p99_ms']:.2f} ms, model calls {o['cached_model_calls']}")
    c = concurrency(args.articles, args.concurrency, args.delay)
    print(f"concurrency ({c['articles']} articles, {c['workers']} at a time, fake model {c['delay_s'] * 1000:.0f} ms "
          f"a call, {c['calls_per_article']:.2f} calls/article): wall {c['wall_s']:.2f} s, ideal {c['ideal_s']:.2f} s, "
          f"ratio {c['ratio']:.3f}, errors {c['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
