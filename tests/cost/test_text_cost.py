"""Every text step of Ringkas costs about linear time on any input (issue: bounded cost on any input).

Each generated input below is a made-up text of a shape that once cost minutes or days: runs of capitals after a
pronoun's sentence, spaces around a quote, many quotes on one line, repeated position words, cue verbs, marks,
tags. The whole of one article's code steps (intake, quotes, cues, mentions, names, partners, sectors, goals,
the summary check: `service.extraction.pipeline.summarize` on a model that adds nothing) runs on it at 50 KB and at
200 KB,
and the time may grow about four times, not sixteen. Times are compared, never asserted against a clock.
"""

import time

import pytest

from service.extraction.pipeline import summarize
from service.extraction.text import gazetteer
from service.intake.reading import prepare_article
from tests.cost.shapes import SHAPES
from tests.cost.silent_model import SilentModel

# Linear growth over a four times longer input is ~4; quadratic ~16. Slack for a busy machine and for fixed costs.
GROWTH_LIMIT = 8.0


def code_steps_s(text: str) -> float:
    """Seconds of this thread's CPU for reading `text` as a page and summarizing it on a model that adds nothing
    (best of two): CPU time, which other processes on a busy machine do not inflate."""
    best = float("inf")
    for _ in range(2):
        started = time.thread_time()
        summarize(prepare_article(text.encode(), max_article_chars=len(text)), SilentModel())
        best = min(best, time.thread_time() - started)
    return best


@pytest.fixture(scope="module", autouse=True)
def _gazetteer_loaded():
    gazetteer.load()  # as the server and the CLI do: read once, and out of the garbage collector's way


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_code_steps_grow_about_linearly(shape):
    small, large = SHAPES[shape](50_000), SHAPES[shape](200_000)
    short, long = code_steps_s(small), code_steps_s(large)
    if long > GROWTH_LIMIT * max(short, 0.01):  # measured again before it counts: a busy core can stall one run
        short, long = code_steps_s(small), code_steps_s(large)
    assert long <= GROWTH_LIMIT * max(short, 0.01), f"{shape}: {short:.3f} s at 50 KB, {long:.3f} s at 200 KB"
