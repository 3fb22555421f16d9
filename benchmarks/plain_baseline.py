"""A plain one-prompt extraction, side by side with Ringkas, on the same model and gold articles.

    python -m benchmarks.plain_baseline [--replay | --fresh] [--side validation|tune|all] [--limit N]

The baseline is what a careful engineer would write first: one instructor call in JSON mode (the reply schema in
the system message, as instructor's JSON mode puts it), the article as the user message, temperature 0, and no
code before or after it except locating each quote in the text. Its replies are recorded in the eval cache under
their own prompt version ("plain/v1"), so `--replay` re-scores without a model, and `--fresh` asks the model
again (and records the new replies), to time the baseline in the same session as Ringkas's recording. Prints,
per side of the split, each field's F1 for both, quote speaker accuracy, and the median and total wall time per
article (both from the recorded replies' wall times: the baseline's from this run when it asked the model).
Never asserts a time.
"""

import argparse
import statistics
import time

from pydantic import BaseModel, Field

from evals.cli import CACHE_DIR
from evals.gold import load_gold
from evals.runner import _headline
from evals.scoring import aggregate, score_article
from evals.split import load_split, split_of
from schemas.summary import SUMMARY_FIELDS

# The plain call's fields: a summary's but its events, which that call was never asked for.
PLAIN_FIELDS = tuple(f for f in SUMMARY_FIELDS if f != "events")
from schemas.taxonomy import SectorLabel
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize
from service.intake import blank_steering
from service.intake.article import Article
from service.model.backend import Backend
from service.model.llm import InvalidReply, ModelError, with_schema
from service.model.recording import CachedLLM
from service.settings import get_settings

PROMPT_VERSION = "plain/v1"
SYSTEM = ("Read the news article about Indonesian regional government cooperation and extract: the officials "
          "named (name without honorifics or degrees, title, institution), the partners of the cooperation "
          "(regions, countries, institutions), the sectors of cooperation (a label and the article's words), "
          "the stated goals, and every direct quote (the exact words between quotation marks and the official "
          "who said them).")


class PlainOfficial(BaseModel):
    name: str
    title: str = ""
    institution: str = ""


class PlainSector(BaseModel):
    label: SectorLabel
    evidence: str = ""


class PlainQuote(BaseModel):
    text: str
    speaker: str | None = None


class PlainReply(BaseModel):
    """The whole extraction in one reply."""

    # The fields are the five a summary had before events (`PLAIN_FIELDS`), in its order: the plain call the issue
    # compares with is the one-prompt extraction of those. The docstring is part of the schema the model is
    # sent, which its recorded replies answer: a change to it makes them stale.

    officials: list[PlainOfficial] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)
    sectors: list[PlainSector] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    quotes: list[PlainQuote] = Field(default_factory=list)


def plain_summary(text: str, llm) -> tuple[dict, float]:
    """The baseline's output for one article, shaped as a summary for the scorer, and its wall time in s."""
    started = time.perf_counter()
    messages = [{"role": "system", "content": with_schema(SYSTEM, PlainReply)}, {"role": "user", "content": text}]
    try:
        reply = llm.create(PlainReply, messages, context={"article": text}, max_tokens=900).value
    except (InvalidReply, ModelError, LookupError):
        reply = PlainReply()
    quotes = []
    for q in reply.quotes:
        start = text.find(q.text)
        quotes.append({"text": q.text, "speaker": q.speaker, "start": start, "end": start + len(q.text)})
    output = {"officials": [o.model_dump() for o in reply.officials],
              "partners": [{"name": p} for p in reply.partners],
              "sectors": [s.model_dump(mode="json") for s in reply.sectors],
              "goals": [{"text": g} for g in reply.goals], "quotes": quotes}
    return output, time.perf_counter() - started


def main() -> None:
    """Prints the side-by-side table for the chosen side of the split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", action="store_true", help="Recorded replies only (no model).")
    parser.add_argument("--fresh", action="store_true",
                        help="Ask the model again instead of reusing recorded baseline replies (and record them).")
    parser.add_argument("--side", default="validation", choices=["validation", "tune", "all"])
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="Only the side's first N articles (gold order): a timing in the same session as a "
                             "recording of Ringkas without a second hour of model time.")
    args = parser.parse_args()
    if args.replay and args.fresh:
        parser.error("--replay and --fresh contradict each other")
    split = load_split()
    gold = [g for g in load_gold() if args.side == "all" or split_of(g.id, split) == args.side][:args.limit]
    backend = Backend(get_settings())
    inner = None if args.replay else backend.start()
    plain = CachedLLM(inner, CACHE_DIR, model=backend.model_name, prompt_version=PROMPT_VERSION, refresh=args.fresh)
    ringkas = CachedLLM(None, CACHE_DIR, model=backend.model_name, prompt_version=DEFAULT_PROMPTS)
    scores: dict[str, dict[str, dict]] = {"plain": {}, "ringkas": {}}
    walls: dict[str, list[float]] = {"plain": [], "ringkas": []}
    try:
        for item in gold:
            output, _ = plain_summary(item.text, plain)
            scores["plain"][item.id] = score_article(item.labels, output, item.text)
            walls["plain"].append(plain.recorded_wall_s(item.text))  # this run's, when it asked the model
            try:
                summary = summarize(Article(text=item.text), ringkas)
                scores["ringkas"][item.id] = score_article(item.labels, summary.model_dump(mode="json"), item.text)
                walls["ringkas"].append(ringkas.recorded_wall_s(blank_steering(item.text)))
            except (LookupError, ModelError) as exc:
                print(f"{item.id}: Ringkas has no usable recording ({type(exc).__name__}); scored as empty")
                scores["ringkas"][item.id] = score_article(item.labels, {}, item.text)
            print(f"{item.id}: plain {walls['plain'][-1]:.1f} s", flush=True)
    finally:
        backend.close()
    _print_table(args.side, len(gold), scores, walls)


def _print_table(side: str, count: int, scores: dict, walls: dict) -> None:
    """Each field's F1, speaker accuracy, ungrounded items and wall times, both approaches side by side."""
    numbers = {name: _headline(aggregate(per)) for name, per in scores.items()}
    print(f"\n{side}: {count} articles")
    print("| | " + " | ".join(f"{f} F1" for f in PLAIN_FIELDS) + " | speakers | ungrounded quotes | median s | "
          "total s |")
    print("|" + " --- |" * (len(PLAIN_FIELDS) + 5))
    for name in ("plain", "ringkas"):
        n = numbers[name]
        cells = [f"{n[f'{f}_f1']:.3f}" for f in PLAIN_FIELDS]
        speakers = f"{n['quote_speaker_accuracy']:.3f}" if n["quote_speaker_accuracy"] is not None else "n/a"
        wall = walls[name]
        print(f"| {name} | " + " | ".join(cells) + f" | {speakers} | {n['quotes_ungrounded']} | "
              f"{statistics.median(wall) if wall else 0:.1f} | {sum(wall):.0f} |")


if __name__ == "__main__":
    main()
