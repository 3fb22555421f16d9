"""A memo of submitted articles reads every one of them by the one way in before the model is asked about any."""

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

ARTICLE = "Gubernur Lampung bertemu Gubernur Banten di Serang untuk membahas kerja sama pangan.\n"
EMPTY_PAGE = "<html><head><script>var a = 1;</script></head><body></body></html>"


def test_a_bad_article_is_refused_before_the_model_reads_the_good_one(store):
    llm = FakeLLM(article_reply())
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=llm)
    with TestClient(create_app(backend.settings, backend, store), base_url="http://127.0.0.1") as client:
        response = client.post("/v1/memos", json={"articles": [{"text": ARTICLE}, {"text": EMPTY_PAGE}]})
    assert response.status_code == 422
    assert response.json()["error"] == "article 2: empty article: nothing readable is left of it"
    assert llm.requests == []  # article 1 was not summarized for a memo that could not be made
