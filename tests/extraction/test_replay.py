"""The whole pipeline on the embedded model's real, recorded replies for the seed articles.

The replies live in the eval cache; re-record after a prompt or model change with
`python -m benchmarks.seeds --record` (or `ringkas eval`).
"""

import pytest

from evals.cli import CACHE_DIR
from service.cli.inputs import read_article
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize
from service.model.embedded import DEFAULT_MODEL_NAME
from service.model.recording import CachedLLM
from tests.conftest import SEEDS
from tests.extraction.test_pipeline import assert_grounded


@pytest.fixture(scope="module")
def summaries():
    llm = CachedLLM(None, CACHE_DIR, model=DEFAULT_MODEL_NAME, prompt_version=DEFAULT_PROMPTS)
    return {p.name[:3]: (summarize(read_article(str(p), 200_000), llm), p.read_text()) for p in SEEDS}


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_item_is_grounded(summaries, seed):
    summary, text = summaries[seed]
    assert_grounded(summary, text)
    assert summary.summary and summary.provenance.usage.calls >= 1


def test_seed_002_quotes_are_fatikhatul_khoiriah(summaries):
    summary, _ = summaries["002"]
    assert [q.speaker for q in summary.quotes] == ["Fatikhatul Khoiriah", "Fatikhatul Khoiriah"]


def test_seed_001_has_no_invented_quote(summaries):
    assert summaries["001"][0].quotes == []


@pytest.mark.parametrize("seed, names", [
    ("000", {"Mingrum Gumay"}),
    ("001", {"Rahmat Mirzani Djausal", "Pramono Anung Wibowo"}),
    ("002", {"Fatikhatul Khoiriah", "Rahmat Mirzani Djausal", "Jihan Nurlela"}),
    ("003", {"Pramono Anung", "Andra Soni"}),
    ("004", {"Jihan Nurlela"}),
])
def test_officials_of_the_seeds(summaries, seed, names):
    found = {o.name for o in summaries[seed][0].officials}
    assert names <= found
    assert "Ruth Intan Sozometa Kanafi" not in found and "Satyagraha" not in found


def test_quotes_are_attributed_to_officials(summaries):
    for summary, _ in summaries.values():
        assert all(q.speaker for q in summary.quotes)
