"""What reading an article costs Ringkas's own code, and whether the service stays responsive meanwhile.

    python -m benchmarks.text_cost [--repeat 3] [--no-server]

1. The code steps of one article (page reading, quotes, cues, mentions, names, partners, sectors, goals, the
   summary check: `service.extraction.pipeline.summarize` on a model that adds nothing) on real article text at 10,
   25, 50,
   100 and 200 KB: best of `--repeat` runs, and the growth at each doubling (linear: 2x).
2. The same on each made-up worst-case shape (`tests/cost/shapes.py`) at 50 and 200 KB (linear: 4x).
3. `/healthz` latency under uvicorn while the costliest shape at 200 KB is summarized by the same server: the
   article's work runs in a worker thread and its patterns are linear, so the event loop keeps answering.

Target (issue 21): 200 KB of real text under 2 s, each doubling under 2.5x, `/healthz` under 100 ms. Prints
figures; never asserts a time.
"""

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from benchmarks.service import Served
from service.extraction.pipeline import summarize
from service.extraction.text import gazetteer
from service.intake.reading import prepare_article
from tests.cost.shapes import SHAPES, real_articles
from tests.cost.silent_model import SilentModel

SIZES_KB = (10, 25, 50, 100, 200)


def code_steps_s(text: str, repeat: int) -> float:
    """Best of `repeat` runs of one article's code steps on `text`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        summarize(prepare_article(text.encode(), max_article_chars=len(text)), SilentModel())
        best = min(best, time.perf_counter() - started)
    return best


def health_while_busy(text: str) -> dict:
    """`/healthz` latencies (ms) polled every 20 ms while `text` is summarized by the same server."""
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as data, Served(0.0, Path(data), 2, model="silent") as base:
        answer: dict = {}

        def post() -> None:
            started = time.perf_counter()
            response = httpx.post(f"{base}/v1/summaries", json={"text": text}, timeout=600)
            answer.update(status=response.status_code, seconds=time.perf_counter() - started)

        worker = threading.Thread(target=post)
        worker.start()
        with httpx.Client(timeout=60) as client:
            while worker.is_alive():
                started = time.perf_counter()
                client.get(f"{base}/healthz")
                latencies.append((time.perf_counter() - started) * 1000)
                time.sleep(0.02)
        worker.join()
    return {"polls": len(latencies), "median_ms": statistics.median(latencies), "max_ms": max(latencies), **answer}


def main() -> int:
    """Prints the code steps' time on real text by size, on each worst-case shape, and `/healthz` under load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-server", action="store_true", help="skip the /healthz measurement")
    args = parser.parse_args()
    gazetteer.load()  # as the server and the CLI do before their first article

    print("real article text        seconds  growth")
    previous = None
    for size in SIZES_KB:
        seconds = code_steps_s(real_articles(size * 1000), args.repeat)
        growth = f"{seconds / previous:5.2f}x" if previous else "     -"
        print(f"{size:>6} KB               {seconds:8.3f}  {growth}")
        previous = seconds

    print("\nworst-case shape              50 KB s   200 KB s  growth")
    worst = ("", 0.0)
    for name, shape in SHAPES.items():
        small, large = code_steps_s(shape(50_000), args.repeat), code_steps_s(shape(200_000), args.repeat)
        print(f"{name:28s} {small:9.3f} {large:10.3f}  {large / max(small, 1e-6):5.2f}x")
        worst = max(worst, (name, large), key=lambda item: item[1])

    if not args.no_server:
        # Cut to the service's article limit (200,000 characters by default), which a shape may pass by a few.
        health = health_while_busy(SHAPES[worst[0]](200_000)[:200_000])
        print(f"\n/healthz while '{worst[0]}' at 200 KB is summarized (HTTP {health['status']} after "
              f"{health['seconds']:.2f} s): {health['polls']} polls, median {health['median_ms']:.1f} ms, "
              f"max {health['max_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
