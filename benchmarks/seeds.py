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
from service.cli.inputs import read_article
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize
from service.model.backend import Backend
from service.model.recording import CachedLLM
from service.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
_PROMPT = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
_EVAL = re.compile(r"^\S*\s*eval time =\s*([\d.]+) ms /\s*(\d+) runs", re.MULTILINE)


@dataclass
class Timings:
    """llama.cpp's time reading the prompt and writing the answer, in milliseconds, and the tokens of each."""

    read_ms: float = 0.0
    read_tokens: int = 0
    write_ms: float = 0.0
    write_tokens: int = 0


def timings(log_text: str) -> Timings:
    """llama.cpp's per-request timings in a stretch of the server log, summed."""
    spent = Timings()
    for ms, tokens in _PROMPT.findall(log_text):
        spent.read_ms += float(ms)
        spent.read_tokens += int(tokens)
    for ms, tokens in _EVAL.findall(log_text):
        spent.write_ms += float(ms)
        spent.write_tokens += int(tokens)
    return spent


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
    """How many tokens the embedded server's tokenizer makes of `text` (llama-cpp-python's /extras/tokenize/count)."""
    root = base_url.removesuffix("/v1")
    return httpx.post(f"{root}/extras/tokenize/count", json={"input": text}, timeout=60).json()["count"]


def peak_rss_mb(pid: int | None) -> float:
    """A process's peak resident memory in MB (VmHWM in Linux's /proc/PID/status), 0 without a process."""
    if pid is None:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


HEADER = (f"{'article':<26} {'chars':>5} {'wall s':>6} {'prompt':>6} {'compl':>5} {'calls':>5} {'reask':>5} "
          f"{'read s':>6} {'write s':>7} {'RAM MB':>6} {'art tok':>7} {'ans tok':>7} {'limit s':>7} {'ratio':>5} "
          "prefix")


def measure(path: Path, settings, backend: Backend, llm, log_path: Path, embedded: bool) -> dict:
    """One article summarized: its row (times in seconds, RAM in MB), with the server's timings and the limit
    when the model is embedded (its log at `log_path` is read from where it ended before the article)."""
    article = read_article(str(path), settings.max_article_chars)
    offset = log_path.stat().st_size if log_path.exists() else 0
    summary = summarize(article, llm)
    row = {"name": path.name, "chars": len(article.text), "wall": summary.provenance.wall_time_s,
           "usage": summary.provenance.usage}
    if embedded:
        with log_path.open(encoding="utf-8", errors="replace") as log_file:
            log_file.seek(offset)
            stretch = log_file.read()
        spent = timings(stretch)
        # How the fixed prompt prefix got into the cache for this article, if it was not there already.
        prefix = "loaded" if "ringkas: prefix state loaded" in stretch else \
            "read" if "ringkas: prefix state saved" in stretch else "cached"
        article_tokens = count_tokens(backend.embedded_url, article.model_view())
        answer_tokens = count_tokens(backend.embedded_url, smallest_answer(summary))
        read_rate = spent.read_ms / spent.read_tokens if spent.read_tokens else 0.0
        write_rate = spent.write_ms / spent.write_tokens if spent.write_tokens else 0.0
        limit = (article_tokens * read_rate + answer_tokens * write_rate) / 1000
        row.update(read=spent.read_ms / 1000, write=spent.write_ms / 1000, ram=peak_rss_mb(backend.server_pid),
                   article_tokens=article_tokens, answer_tokens=answer_tokens, limit=limit,
                   ratio=summary.provenance.wall_time_s / limit if limit else 0.0, prefix=prefix)
    return row


def row_line(row: dict, embedded: bool) -> str:
    """A row as a line under HEADER."""
    usage = row["usage"]
    return (f"{row['name'][:26]:<26} {row['chars']:>5} {row['wall']:>6.1f} {usage.prompt_tokens:>6} "
            f"{usage.completion_tokens:>5} {usage.calls:>5} {usage.retries:>5} "
            + (f"{row['read']:>6.1f} {row['write']:>7.1f} {row['ram']:>6.0f} {row['article_tokens']:>7} "
               f"{row['answer_tokens']:>7} {row['limit']:>7.1f} {row['ratio']:>5.2f} {row['prefix']}"
               if embedded else ""))


def print_totals(rows: list[dict], embedded: bool) -> None:
    """The medians and sums over all rows (nothing for no rows)."""
    if not rows:
        return
    walls = [row["wall"] for row in rows]
    print(f"median wall time: {statistics.median(walls):.1f} s over {len(rows)} article(s)")
    if embedded:
        print("prefix: how the fixed prompt prefix (rules and schema) got into the server's cache: 'loaded' "
              "from the state a previous run saved, 'read' (and saved; the first run on a machine), 'cached' "
              "(already there from the previous article)")
        print(f"median limit: {statistics.median(row['limit'] for row in rows):.1f} s; median ratio wall/limit: "
              f"{statistics.median(row['ratio'] for row in rows):.2f}; "
              f"time reading {sum(row['read'] for row in rows):.0f} s, "
              f"writing {sum(row['write'] for row in rows):.0f} s of {sum(walls):.0f} s; "
              f"peak RAM {max(row['ram'] for row in rows):.0f} MB")


def main() -> int:
    """Summarize the articles named (default: the seeds) on the configured backend and print a row for each,
    then the totals. Returns the exit code."""
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
        print(HEADER)
        for path in paths:
            rows.append(measure(path, settings, backend, recorder, log_path, embedded))
            print(row_line(rows[-1], embedded), flush=True)
    finally:
        backend.close()
    print_totals(rows, embedded)
    if args.record:
        print(f"recorded replies in {CACHE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
