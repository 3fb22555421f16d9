"""A pathological text is refused with a clear error instead of being worked on for minutes, and abandoned work
stops between code steps, not only at the model's calls (issue: bounded cost on any input)."""

import pytest
from fastapi.testclient import TestClient

import service.extraction.pipeline
from service.api.app import create_app
from service.cancellation import CancelToken, cancellable
from service.extraction.pipeline import TextTooCostly, summarize
from service.intake.article import Article
from service.model.backend import Backend
from service.model.llm import Cancelled
from service.settings import Settings
from tests.cost.silent_model import SilentModel

ARTICLE = "Gubernur Jambi Budi Santoso bertemu Wali Kota Bogor di Bogor.\n\n\"Kami siap bekerja sama,\" kata Budi.\n"


def test_an_article_over_its_code_budget_is_refused_before_the_model_is_asked():
    model = SilentModel()
    with pytest.raises(TextTooCostly, match="CPU to read"):
        summarize(Article(text=ARTICLE), model, code_budget_s=0.0)
    assert model.calls == 0


def test_an_article_within_its_budget_is_summarized():
    summary = summarize(Article(text=ARTICLE), SilentModel())
    assert [q.text for q in summary.quotes] == ["Kami siap bekerja sama,"]


def test_abandoned_work_stops_between_code_steps():
    token, model = CancelToken(), SilentModel()
    token.cancel("the client closed the connection")
    with cancellable(token), pytest.raises(Cancelled, match="closed the connection"):
        summarize(Article(text=ARTICLE), model)
    assert model.calls == 0


def test_the_api_answers_422_for_a_text_too_costly_to_read(store, monkeypatch):
    monkeypatch.setattr(service.extraction.pipeline, "CODE_BUDGET_S", 0.0)
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=SilentModel())
    client = TestClient(create_app(backend.settings, backend, store), raise_server_exceptions=False,
                        base_url="http://127.0.0.1")
    with client:
        answer = client.post("/v1/summaries", json={"text": ARTICLE})
    assert answer.status_code == 422 and "CPU to read" in answer.json()["error"]


def test_the_cli_names_each_text_too_costly_and_goes_on_with_the_batch(invoke, tmp_path, monkeypatch):
    monkeypatch.setattr(service.extraction.pipeline, "CODE_BUDGET_S", 0.0)
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("Bogor", "Depok"), encoding="utf-8")
    result = invoke(["summarize", str(first), str(second)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert all(f"{path}: the text took over 0 s of CPU" in result.stderr for path in (first, second))
