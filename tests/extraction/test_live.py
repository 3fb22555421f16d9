"""One seed article on the real embedded model (slow: starts llama.cpp and reads the article)."""

import pytest

from service.cli.inputs import read_article
from service.extraction.pipeline import summarize
from service.model.backend import Backend
from service.settings import Settings
from tests.conftest import SEEDS
from tests.extraction.test_pipeline import assert_grounded


@pytest.mark.live
def test_embedded_model_summarizes_a_seed_with_grounded_output(tmp_path):
    path = next(p for p in SEEDS if p.name.startswith("002"))
    backend = Backend(Settings())  # no endpoint configured: the embedded model
    try:
        llm = backend.start()
        summary = summarize(read_article(str(path), 200_000), llm)
    finally:
        backend.close()
    text = path.read_text()
    assert_grounded(summary, text)
    assert summary.provenance.model.startswith("qwen2.5-coder-1.5b")
    assert summary.provenance.usage.calls >= 1 and summary.provenance.usage.completion_tokens > 0
    assert [q.speaker for q in summary.quotes] == ["Fatikhatul Khoiriah"] * 2
    assert "Fatikhatul Khoiriah" in {o.name for o in summary.officials}
    assert len(summary.summary.split()) >= 8
