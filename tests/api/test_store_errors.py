"""The API when the summaries database cannot be read: a clear status and message, never the server's path."""

from pathlib import Path

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.library.store import StoreBusy, StoreDamaged
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM

SHA = "0" * 64
PATH = Path("/srv/private/ringkas.db")


def client_whose_store_raises(store, monkeypatch, error) -> TestClient:
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(store, "get", refuse)
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM())
    return TestClient(create_app(backend.settings, backend, store), raise_server_exceptions=False,
                      base_url="http://127.0.0.1")


def test_a_store_locked_past_its_wait_is_503_with_retry_after(store, monkeypatch):
    busy = StoreBusy(PATH, "locked by another process for over 30 s", "close the other process")
    answer = client_whose_store_raises(store, monkeypatch, busy).get(f"/v1/summaries/{SHA}")
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert "locked by another process" in answer.json()["error"] and "/srv/private" not in answer.text


def test_a_damaged_store_is_500_that_says_so(store, monkeypatch):
    damaged = StoreDamaged(PATH, "not a readable SQLite database", "move it aside")
    answer = client_whose_store_raises(store, monkeypatch, damaged).get(f"/v1/summaries/{SHA}")
    assert answer.status_code == 500 and "not a readable SQLite database" in answer.json()["error"]
    assert "/srv/private" not in answer.text
