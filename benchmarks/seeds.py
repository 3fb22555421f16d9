"""Per-article wall time and tokens of the embedded model (or the configured endpoint) on the seed articles.

    python -m benchmarks.seeds [--record] [PATH ...]

Prints one row per article and the median; never asserts a time.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from evals.cli import CACHE_DIR
from service.backend import Backend
from service.cli import read_article
from service.pipeline import DEFAULT_PROMPTS, summarize
from service.recording import CachedLLM
from service.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=sorted((ROOT / "seeds").glob("*.txt")))
    parser.add_argument("--record", action="store_true",
                        help="Store the model's replies in the eval cache (evals/cache), which the replay tests "
                             "and `ringkas eval --replay` read.")
    args = parser.parse_args()

    settings = get_settings()
    backend = Backend(settings)
    started = time.perf_counter()
    llm = backend.start()
    print(f"backend: {backend.kind}, model {llm.name}, ready in {time.perf_counter() - started:.1f} s")
    recorder = CachedLLM(llm, CACHE_DIR, model=backend.model_name, prompt_version=DEFAULT_PROMPTS, refresh=True) \
        if args.record else llm
    rows = []
    try:
        print(f"{'article':<28} {'chars':>6} {'wall s':>7} {'prompt':>7} {'compl':>6} {'calls':>5} {'reask':>5} "
              f"{'offic':>5} {'quotes':>6}")
        for path in args.paths:
            article = read_article(str(path), settings.max_article_chars)
            summary = summarize(article, recorder)
            u = summary.provenance.usage
            rows.append(summary)
            print(f"{path.name[:28]:<28} {len(article.text):>6} {summary.provenance.wall_time_s:>7.1f} "
                  f"{u.prompt_tokens:>7} {u.completion_tokens:>6} {u.calls:>5} {u.retries:>5} "
                  f"{len(summary.officials):>5} {len(summary.quotes):>6}", flush=True)
            for official in summary.officials:
                print(f"    official: {official.name} — {official.title}, {official.institution}")
            for quote in summary.quotes:
                print(f"    quote [{quote.start}:{quote.end}] {quote.speaker} ({quote.attribution}): "
                      f"{quote.text[:60]}…")
    finally:
        backend.close()
    walls = [s.provenance.wall_time_s for s in rows]
    if walls:
        print(f"median wall time: {statistics.median(walls):.1f} s over {len(walls)} article(s); "
              f"first article includes reading the fixed prompt prefix once")
    if args.record:
        print(f"recorded replies in {CACHE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
