"""Every text step of Ringkas costs about linear time on any input (issue: bounded cost on any input).

Each generated input below is a made-up text of a shape that once cost minutes or days: runs of capitals after a
pronoun's sentence, spaces around a quote, many quotes on one line, repeated position words, cue verbs, marks,
tags. The whole of one article's code steps (intake, quotes, cues, mentions, names, partners, sectors, goals,
the summary check: `service.pipeline.summarize` on a model that adds nothing) runs on it at 50 KB and at 200 KB,
and the time may grow about four times, not sixteen. Times are compared, never asserted against a clock.
"""

import itertools
import time
from pathlib import Path

import pytest

from service.article import Article
from service.intake import decode_article_bytes, prepare_text
from service.pipeline import summarize
from tests.cost.silent_model import SilentModel

LEAD = "Gubernur Jambi Budi Santoso hadir di Bogor.\n\n"
SHAPES = {
    "capitals after a passive cue": lambda n: LEAD + "Hal itu disampaikan oleh " + "A" * n
    + "; Budi Santoso hadir.\n\n\"Kami siap,\" ujarnya.\n",
    "capitalised words": lambda n: LEAD + "Aa " * (n // 3) + "\"Kami siap,\" ujarnya.",
    "spaces before a quote": lambda n: LEAD + " " * n + "\"Kami siap bekerja,\" kata Budi.",
    "spaces after a quote": lambda n: LEAD + "\"Kami siap bekerja,\"" + " " * n + "kata Budi.",
    "quotes on one line": lambda n: LEAD + "Budi berkata " + "\"Kami siap,\" ujarnya. " * (n // 22),
    "quotation marks": lambda n: LEAD + "\u201c\"\u201d'\u2018\u2019\u00ab\u00bb\u201e" * (n // 9),
    "position words": lambda n: "Gubernur " * (n // 9),
    "positions and names": lambda n: "Wakil Gubernur Jambi Budi Santoso, " * (n // 35),
    "cue verbs": lambda n: LEAD + "kata ujarnya ujar tegas " * (n // 24),
    "line breaks": lambda n: LEAD + "\n" * n + "\"Kami siap,\" kata Budi.",
    "opening phrases": lambda n: "Dalam sambutannya, " + "Aa, " * (n // 4) + "Budi mengatakan, \"Kami siap.\"",
    "dots": lambda n: LEAD + ". " * (n // 2),
    "one long word": lambda n: LEAD + "a" * n,
    "unclosed tags": lambda n: "<a " * (n // 3),
    "nested tags": lambda n: "<html><body>" + "<div>" * (n // 11) + "Budi" + "</div>" * (n // 11),
    "real articles": lambda n: real_articles(n),
}
ROOT = Path(__file__).resolve().parents[2]


def real_articles(size: int) -> str:
    """`size` characters of real article text: the seed and corpus articles, one after another."""
    files = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("evals/corpus/*/*.txt"))
    text = ""
    for path in itertools.cycle(files):
        if len(text) >= size:
            return text[:size]
        text += path.read_text(encoding="utf-8") + "\n\n"


# Linear growth over a four times longer input is ~4; quadratic ~16. Slack for a busy machine and for fixed costs.
GROWTH_LIMIT = 8.0


def code_steps_s(text: str) -> float:
    """Seconds for reading `text` as a page and summarizing it on a model that adds nothing (best of two)."""
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        summarize(Article(text=prepare_text(decode_article_bytes(text.encode()).text)), SilentModel())
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_code_steps_grow_about_linearly(shape):
    small, large = SHAPES[shape](50_000), SHAPES[shape](200_000)
    short, long = code_steps_s(small), code_steps_s(large)
    if long > GROWTH_LIMIT * max(short, 0.01):  # measured again before it counts: a busy core can stall one run
        short, long = code_steps_s(small), code_steps_s(large)
    assert long <= GROWTH_LIMIT * max(short, 0.01), f"{shape}: {short:.3f} s at 50 KB, {long:.3f} s at 200 KB"
