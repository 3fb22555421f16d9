"""A load test of `ringkas serve` on loopback with a fake model backend: many concurrent `POST /v1/summaries`.

    python -m benchmarks.load [--requests 200] [--queue N] [--delay 0]

The fake backend is a scripted OpenAI-compatible server (tests/openai_stub.py) answering every call with a
valid empty reply after `--delay` seconds; `ringkas serve` runs as a real subprocess pointed at it. Prints the
statuses, p50/p99 latency, wall time and the server's peak memory; never asserts a time.
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.fakes import article_reply
from tests.openai_stub import OpenAIStub, Scripted, completion

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadResult:
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    peak_rss_mb: float = 0.0
    error_bodies: list[str] = field(default_factory=list)
    server_log: str = ""

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _fire(url: str, count: int, headers: dict[str, str], result: LoadResult) -> None:
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        async def one(i: int) -> None:
            text = (f"Kunjungan {i}\n\nGubernur Banten Andra Soni menerima rombongan DPRD Lampung ke-{i} di Serang "
                    f"untuk membahas kerja sama pangan.\n")
            started = time.perf_counter()
            response = await client.post(url, json={"text": text}, headers=headers)
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                result.error_bodies.append(response.text)

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(count)))
        result.wall_s = time.perf_counter() - started


def run_load(requests: int = 200, *, queue: int | None = None, delay: float = 0.0,
             api_key: str = "load-test-key") -> LoadResult:
    """Start the fake backend and `ringkas serve`, send `requests` at once, and stop both."""
    result = LoadResult()
    with OpenAIStub() as stub, tempfile.TemporaryDirectory() as data:
        stub.default = Scripted(200, completion(json.dumps(article_reply())), delay=delay)
        port = _free_port()
        env = {**os.environ, "RINGKAS_LLM_BASE_URL": stub.base_url, "RINGKAS_LLM_MODEL": "fake",
               "RINGKAS_DATA_DIR": data, "RINGKAS_API_KEYS": json.dumps([api_key]), "RINGKAS_REQUIRE_API_KEY": "true"}
        if queue is not None:
            env["RINGKAS_MAX_QUEUED_REQUESTS"] = str(queue)
        log = Path(data) / "server.log"
        with log.open("w") as sink:
            server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)], cwd=ROOT,
                                      env=env, stdout=sink, stderr=subprocess.STDOUT)
            try:
                base = f"http://127.0.0.1:{port}"
                deadline = time.monotonic() + 60
                while True:
                    try:
                        if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("ringkas serve did not become ready:\n" + log.read_text())
                    time.sleep(0.1)
                asyncio.run(_fire(f"{base}/v1/summaries", requests, {"X-API-Key": api_key}, result))
                result.peak_rss_mb = _peak_rss_mb(server.pid)
            finally:
                server.terminate()
                server.wait(10)
        result.server_log = log.read_text()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--queue", type=int, default=None, help="RINGKAS_MAX_QUEUED_REQUESTS (default: the setting's)")
    parser.add_argument("--delay", type=float, default=0.0, help="Seconds the fake model takes per call.")
    args = parser.parse_args()
    r = run_load(args.requests, queue=args.queue, delay=args.delay)
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(r.statuses.items()))
    print(f"{args.requests} concurrent POST /v1/summaries, queue {args.queue or 'default'}, fake model "
          f"{args.delay * 1000:.0f} ms/call")
    print(f"statuses: {statuses}")
    print(f"latency ms: p50 {r.percentile(50):.1f}, p99 {r.percentile(99):.1f}, max {max(r.latencies_ms):.1f}; "
          f"mean {statistics.mean(r.latencies_ms):.1f}")
    print(f"wall {r.wall_s:.2f} s ({args.requests / r.wall_s:.1f} requests/s); server peak RSS {r.peak_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
