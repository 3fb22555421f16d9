"""The HTTP API's error bodies: every refusal is `{"error": ...}` with its status, whatever FastAPI or Starlette
would have said, and whatever is unexpected is a 500 that logs no text and no traceback."""

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM

LOCAL = "http://127.0.0.1"


@pytest.fixture
def app_for(store):
    def make(llm=None):
        backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=llm)
        return create_app(backend.settings, backend, store)

    return make


@pytest.mark.parametrize("body, status, fragment", [
    (b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", 400, "nested too deeply"),
    (b'{"text": "Gubernur datang.", "title": ' + b"7" * 5_000 + b"}", 400, "too many digits"),
    (b"{not json", 422, "invalid request"),
])
def test_a_body_json_cannot_read_is_a_clear_error_not_a_crash(app_for, body, status, fragment):
    with TestClient(app_for(FakeLLM()), base_url=LOCAL, raise_server_exceptions=False) as client:
        response = client.post("/v1/summaries", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status and fragment in response.json()["error"]


def test_unknown_routes_and_wrong_methods_answer_an_error_body(app_for):
    with TestClient(app_for(FakeLLM()), base_url=LOCAL) as client:
        missing = client.get("/v1/tidak-ada")
        wrong_method = client.get("/v1/summaries")
        missing_summary = client.get("/v1/summaries/0000")
    assert missing.status_code == 404 and missing.json() == {"error": "Not Found"}
    assert wrong_method.status_code == 405 and wrong_method.json() == {"error": "Method Not Allowed"}
    assert wrong_method.headers["allow"] == "POST"
    assert missing_summary.status_code == 404 and "no stored summary" in missing_summary.json()["error"]


def test_an_unexpected_failure_is_500_and_logs_no_text_or_traceback(app_for, caplog):
    secret = "Teks rahasia artikel ini"

    class Broken(FakeLLM):
        def create(self, *args, **kwargs):
            raise KeyError(secret)

    # The exception is answered, not raised on to the server (which would log its traceback): TestClient raises
    # whatever reaches it.
    with caplog.at_level(logging.DEBUG), TestClient(app_for(Broken()), base_url=LOCAL) as client:
        response = client.post("/v1/summaries", json={"text": f"{secret}. Gubernur datang."})
    assert response.status_code == 500 and set(response.json()) == {"error"}
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "KeyError" in logged and secret not in logged + response.text and "Traceback" not in logged
    assert all(r.exc_info is None for r in caplog.records)


def test_a_failures_status_is_chosen_by_its_type_and_a_model_failures_by_its_kind():
    from service.api.errors import status_of
    from service.extraction.pipeline import TextTooCostly
    from service.intake import ArticleInputError
    from service.library.store import StoreBusy, StoreError
    from service.model.backend import BackendUnavailable
    from service.model.llm import ModelError

    assert status_of(ArticleInputError("empty")) == 422
    assert status_of(TextTooCostly("too costly")) == 422  # a subclass answers as the class it extends
    assert status_of(StoreBusy(Path("r.db"), "locked", "retry")) == 503
    assert status_of(StoreError(Path("r.db"), "not writable", "check it")) == 500
    assert status_of(ModelError("timeout", "late")) == 504 and status_of(ModelError("too_long", "long")) == 413
    assert status_of(BackendUnavailable("starting", starting=True)) == 503
    assert status_of(KeyError("unexpected")) == 500
