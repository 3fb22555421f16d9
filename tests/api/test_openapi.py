"""The OpenAPI description shows every body the API answers: each JSON route's 200 has its model, every refusal
the error body, the stream its events; and what the routes answer is what their models say, key for key."""

import json
from typing import get_args

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from schemas.api import ApiErrorBody, StreamError, StreamProgress, StreamResult
from schemas.summary import SUMMARY_FIELDS, SummaryLanguage
from service.api.app import create_app
from service.api.routes import articles, health, library, memos, summaries, web
from service.model.backend import Backend
from service.settings import Settings
from service.vocabulary import labels
from tests.conftest import seed_text
from tests.fakes import FakeLLM, article_reply

LOCAL = "http://127.0.0.1"
ERROR_BODY = {"$ref": "#/components/schemas/ApiErrorBody"}


@pytest.fixture
def app(store):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(*[article_reply()] * 4))
    return create_app(backend.settings, backend, store)


@pytest.fixture
def openapi(app) -> dict:
    with TestClient(app, base_url=LOCAL) as client:
        return client.get("/openapi.json").json()


def operations(openapi: dict):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_json_route_describes_its_answer(openapi):
    for name, operation in operations(openapi):
        content = operation["responses"]["200"]["content"]
        if name == "POST /v1/summaries/stream":
            assert set(content) == {"text/event-stream"} and content["text/event-stream"]["itemSchema"], name
            continue
        assert content["application/json"]["schema"] not in ({}, None), name


def test_every_refusal_is_described_as_the_error_body(openapi):
    assert "HTTPValidationError" not in openapi["components"]["schemas"]  # FastAPI's own 422, never answered
    for name, operation in operations(openapi):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")) and (name, status) != ("GET /healthz", "503"):
                assert response["content"]["application/json"]["schema"] == ERROR_BODY, (name, status)
    starting = dict(operations(openapi))["GET /healthz"]["responses"]["503"]  # the health body, not ready
    assert starting["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Health"}


def test_every_reference_in_the_description_resolves(openapi):
    def refs(value):
        if isinstance(value, dict):
            if "$ref" in value:
                yield value["$ref"]
            for item in value.values():
                yield from refs(item)
        elif isinstance(value, list):
            for item in value:
                yield from refs(item)

    names = {f"#/components/schemas/{name}" for name in openapi["components"]["schemas"]}
    assert set(refs(openapi)) <= names


def test_the_streams_events_are_described_by_name_and_data(openapi):
    stream = dict(operations(openapi))["POST /v1/summaries/stream"]["responses"]["200"]["content"]
    events = stream["text/event-stream"]["itemSchema"]["oneOf"]
    assert [e["properties"]["event"]["const"] for e in events] == ["progress", "result", "error"]
    result = events[1]["properties"]["data"]["contentSchema"]
    assert result["properties"]["summary"] == {"$ref": "#/components/schemas/Summary"}


def models_by_route() -> dict[str, object]:
    """Each route's response model, by "METHOD path"."""
    routers = [module.router for module in (articles, health, library, memos, summaries, web)]
    return {f"{sorted(route.methods)[0]} {route.path}": route.response_model for router in routers
            for route in router.routes if isinstance(route, APIRoute) and route.response_model is not None}


def same_as_its_model(body, model) -> bool:
    """Whether `body` (parsed JSON) is what `model` makes of it: the same keys, in the same order, no more."""
    adapter = TypeAdapter(model)
    return json.dumps(adapter.dump_python(adapter.validate_python(body), mode="json")) == json.dumps(body)


def test_every_answer_is_its_models_key_for_key(app):
    models = models_by_route()
    text = seed_text("002")
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        summary = client.post("/v1/summaries", json={"text": text, "url": "https://x.id/1"}).json()
        page = "<html><head><meta charset='utf-8'></head><body><article><p>Gubernur Banten datang.</p></article>"
        answers = {
            "GET /healthz": client.get("/healthz"),
            "POST /v1/summaries": client.post("/v1/summaries", json={"text": text, "lang": "en"}),
            "GET /v1/summaries/{content_sha256}": client.get(f"/v1/summaries/{summary['content_sha256']}"),
            "GET /v1/library": client.get("/v1/library"),
            "GET /v1/taxonomy": client.get("/v1/taxonomy"),
            "GET /v1/fields": client.get("/v1/fields"),
            "GET /v1/event-names": client.get("/v1/event-names"),
            "POST /v1/articles/decode": client.post("/v1/articles/decode?filename=a.html", content=page.encode(),
                                                    headers={"Content-Type": "text/html"}),
            "POST /v1/memos": client.post("/v1/memos", json={"summary_ids": [summary["content_sha256"]],
                                                            "format": "json"}),
        }
        refusals = [client.get("/v1/summaries/0000"), client.post("/v1/summaries", json={"text": "x", "lang": "fr"}),
                    client.post("/v1/memos", json={"summary_ids": ["0000"]})]
    assert set(answers) == set(models)
    for name, answer in answers.items():
        assert answer.status_code == 200, (name, answer.text)
        assert same_as_its_model(answer.json(), models[name]), name
    assert len(answers["GET /v1/library"].json()) == 1
    for refusal in refusals:
        assert refusal.status_code in (404, 422) and same_as_its_model(refusal.json(), ApiErrorBody)


def test_the_streams_events_are_their_models_key_for_key(app):
    with TestClient(app, base_url=LOCAL) as client:
        answer = client.post("/v1/summaries/stream", json={"text": seed_text("002")})
    events = [block.split("\n") for block in answer.text.strip().split("\n\n")]
    models = {"progress": StreamProgress, "result": StreamResult, "error": StreamError}
    kinds = []
    for lines in events:
        kind = lines[0].removeprefix("event: ")
        kinds.append(kind)
        assert same_as_its_model(json.loads(lines[1].removeprefix("data: ")), models[kind]), kind
    assert kinds[0] == "progress" and kinds[-1] == "result"


def test_the_page_gets_each_fields_heading_in_each_language_from_the_server(app):
    with TestClient(app, base_url=LOCAL) as client:
        fields = client.get("/v1/fields").json()
    assert list(fields) == list(SUMMARY_FIELDS)
    for field, names in fields.items():
        assert names == {lang: labels("summary", lang)[field] for lang in ("id", "en")}
        assert tuple(names) == get_args(SummaryLanguage)
