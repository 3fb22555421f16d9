"""The embedded model (or the configured endpoint), per article, against the limit the machine sets.

    python -m benchmarks.seeds [--dev] [--record] [PATH ...]

For each article: wall time, prompt and completion tokens, calls and re-asks, the model's time reading the
prompt vs writing the answer (from llama.cpp's own timings in the embedded server's log), and the server's peak
RAM. Then the limit, measured in the same run on the same server: the time to read just the article's own
tokens once (its token count at the read speed measured on its prompt) plus the time to write the smallest
answer that carries the result (the compact JSON of what the model contributed, at the write speed measured on
its answer). Ringkas's wall time is reported as a ratio of that limit. Never asserts a time.
"""

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from evals.cli import CACHE_DIR
from schemas.summary import Summary
from service.backend import Backend
from service.cli import read_article
from service.pipeline import DEFAULT_PROMPTS, summarize
from service.recording import CachedLLM
from service.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
_PROMPT = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
_EVAL = re.compile(r"^\S*\s*eval time =\s*([\d.]+) ms /\s*(\d+) runs", re.MULTILINE)


@dataclass
class Timings:
    read_ms: float = 0.0
    read_tokens: int = 0
    write_ms: float = 0.0
    write_tokens: int = 0


def timings(log_text: str) -> Timings:
    """llama.cpp's per-request timings in a stretch of the server log, summed."""
    t = Timings()
    for ms, n in _PROMPT.findall(log_text):
        t.read_ms += float(ms)
        t.read_tokens += int(n)
    for ms, n in _EVAL.findall(log_text):
        t.write_ms += float(ms)
        t.write_tokens += int(n)
    return t


def smallest_answer(summary: Summary) -> str:
    """What the model had to write for this result, as compact JSON: the items it contributed and the summary
    (quote texts, offsets and sector labels are code's work)."""
    return json.dumps({
        "officials": [[o.name, o.title, o.institution] for o in summary.officials],
        "partners": [p.name for p in summary.partners],
        "sectors": [s.evidence for s in summary.sectors],
        "goals": [g.text for g in summary.goals],
        "summary": summary.summary,
        "speakers": [q.speaker for q in summary.quotes if q.attribution == "model"],
    }, ensure_ascii=False, separators=(",", ":"))


def count_tokens(base_url: str, text: str) -> int:
    root = base_url.removesuffix("/v1")
    return httpx.post(f"{root}/extras/tokenize/count", json={"input": text}, timeout=60).json()["count"]


def peak_rss_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--dev", action="store_true", help="Add the development corpus (evals/corpus/dev).")
    parser.add_argument("--record", action="store_true",
                        help="Store the model's replies in the eval cache (evals/cache), which the replay tests "
                             "and `ringkas eval --replay` read.")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "seeds").glob("*.txt"))
    if args.dev:
        paths += sorted((ROOT / "evals" / "corpus" / "dev").glob("*.txt"))

    log_path = Path(tempfile.mkdtemp()) / "embedded-server.log"
    settings = get_settings().model_copy(update={"embedded_log": log_path})
    backend = Backend(settings)
    started = time.perf_counter()
    llm = backend.start()
    print(f"backend: {backend.kind}, model {llm.name}, ready in {time.perf_counter() - started:.1f} s")
    embedded = backend.server_pid is not None
    recorder = CachedLLM(llm, CACHE_DIR, model=backend.model_name, prompt_version=DEFAULT_PROMPTS, refresh=True) \
        if args.record else llm
    rows = []
    try:
        print(f"{'article':<26} {'chars':>5} {'wall s':>6} {'prompt':>6} {'compl':>5} {'calls':>5} {'reask':>5} "
              f"{'read s':>6} {'write s':>7} {'RAM MB':>6} {'art tok':>7} {'ans tok':>7} {'limit s':>7} {'ratio':>5} prefix")
        for path in paths:
            article = read_article(str(path), settings.max_article_chars)
            offset = log_path.stat().st_size if log_path.exists() else 0
            summary = summarize(article, recorder)
            u = summary.provenance.usage
            row = {"name": path.name, "wall": summary.provenance.wall_time_s, "usage": u}
            if embedded:
                with log_path.open(encoding="utf-8", errors="replace") as f:
                    f.seek(offset)
                    stretch = f.read()
                t = timings(stretch)
                # How the fixed prompt prefix got into the cache for this article, if it was not there already.
                prefix = "loaded" if "ringkas: prefix state loaded" in stretch else \
                    "read" if "ringkas: prefix state saved" in stretch else "cached"
                article_tokens = count_tokens(backend.embedded_url, article.model_view())
                answer_tokens = count_tokens(backend.embedded_url, smallest_answer(summary))
                read_rate = t.read_ms / t.read_tokens if t.read_tokens else 0.0
                write_rate = t.write_ms / t.write_tokens if t.write_tokens else 0.0
                limit = (article_tokens * read_rate + answer_tokens * write_rate) / 1000
                row.update(read=t.read_ms / 1000, write=t.write_ms / 1000, ram=peak_rss_mb(backend.server_pid),
                           article_tokens=article_tokens, answer_tokens=answer_tokens, limit=limit,
                           ratio=summary.provenance.wall_time_s / limit if limit else 0.0, prefix=prefix)
            rows.append(row)
            print(f"{path.name[:26]:<26} {len(article.text):>5} {row['wall']:>6.1f} {u.prompt_tokens:>6} "
                  f"{u.completion_tokens:>5} {u.calls:>5} {u.retries:>5} "
                  + (f"{row['read']:>6.1f} {row['write']:>7.1f} {row['ram']:>6.0f} {row['article_tokens']:>7} "
                     f"{row['answer_tokens']:>7} {row['limit']:>7.1f} {row['ratio']:>5.2f} {row['prefix']}"
                     if embedded else ""),
                  flush=True)
    finally:
        backend.close()
    if rows:
        walls = [r["wall"] for r in rows]
        print(f"median wall time: {statistics.median(walls):.1f} s over {len(rows)} article(s)")
        if embedded:
            print("prefix: how the fixed prompt prefix (rules and schema) got into the server's cache: 'loaded' "
                  "from the state a previous run saved, 'read' (and saved; the first run on a machine), 'cached' "
                  "(already there from the previous article)")
            print(f"median limit: {statistics.median(r['limit'] for r in rows):.1f} s; median ratio wall/limit: "
                  f"{statistics.median(r['ratio'] for r in rows):.2f}; time reading {sum(r['read'] for r in rows):.0f} s, "
                  f"writing {sum(r['write'] for r in rows):.0f} s of {sum(walls):.0f} s; "
                  f"peak RAM {max(r['ram'] for r in rows):.0f} MB")
    if args.record:
        print(f"recorded replies in {CACHE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
