"""A memo of the library's filters (`POST /v1/memos` with `library`): the stored summaries the library lists for
the same filters, in its order, however many; made-up summaries only."""

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, ModelError
from tests.memo.test_memo_scale import made_up_articles


def client(store, count: int) -> TestClient:
    """A client of the API on `store` holding `count` made-up summaries, with a model that fails every call (the
    executive summary is left out with a warning; nothing else needs the model)."""
    for article in made_up_articles(count):
        store.put(article.summary, article.text)
    failures = [ModelError("unavailable", "no model here") for _ in range(20)]
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(*failures))
    return TestClient(create_app(backend.settings, backend, store), raise_server_exceptions=False,
                      base_url="http://127.0.0.1")


@pytest.mark.parametrize("filters", [{"sector": "tourism_culture"}, {"partner": "Suka Jaya"},
                                     {"official": "Lubis", "since": "2025-01-01"}, {"q": "(12"}])
def test_a_memo_by_filter_covers_what_the_library_lists_in_its_order(store, filters):
    api = client(store, 300)
    listed = api.get("/v1/library", params=filters).json()
    assert 0 < len(listed) < 300
    memo = api.post("/v1/memos", json={"library": filters, "format": "json"})
    assert memo.status_code == 200, memo.text
    assert [s["content_sha256"] for s in memo.json()["sources"]] == [row["content_sha256"] for row in listed]


def test_a_memo_of_more_than_a_thousand_stored_summaries_is_made_from_the_filters(store):
    api = client(store, 1_100)
    assert api.post("/v1/memos", json={"summary_ids": ["x"] * 1_001}).status_code == 422  # too many to list
    memo = api.post("/v1/memos", json={"library": {}, "format": "json"})
    assert memo.status_code == 200, memo.text
    assert memo.json()["article_count"] == 1_100
    # The made-up summaries report no events: the executive summary says so of each article it chose.
    assert any("reports no visit, meeting or signing" in w for w in memo.json()["warnings"])


def test_filters_are_checked_and_a_filter_matching_nothing_is_404(store):
    api = client(store, 20)
    both = api.post("/v1/memos", json={"summary_ids": ["x"], "library": {}})
    assert both.status_code == 422 and "give summary_ids or library, not both" in both.json()["error"]
    assert api.post("/v1/memos", json={"library": {"sector": "astrology"}}).status_code == 422
    assert api.post("/v1/memos", json={"library": {"since": "kemarin"}}).status_code == 422
    none = api.post("/v1/memos", json={"library": {"q": "tidak ada di mana pun"}})
    assert none.status_code == 404 and none.json() == {"error": "no stored summary matches the library filters"}
