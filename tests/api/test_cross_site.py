"""What another site's page can make a browser do with the API: send no state-changing request (JSON must be typed
as JSON, the upload must come from the server's own page), and frame no HTML."""

import json

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

LOCAL = "http://127.0.0.1"
ARTICLE = "Gubernur Banten Andra Soni menerima Bupati Bogor di Serang."


@pytest.fixture
def client(store):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"),
                      llm=FakeLLM(*[article_reply() for _ in range(8)]))
    with TestClient(create_app(backend.settings, backend, store), base_url=LOCAL) as client:
        yield client


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_a_json_route_refuses_a_body_not_typed_as_json(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"text": ARTICLE}).encode()
    for path in ("/v1/summaries", "/v1/summaries/stream", "/v1/memos"):
        response = client.post(path, content=body, headers=headers)
        assert response.status_code == 415 and "application/json" in response.json()["error"], path


def test_json_with_a_charset_is_json(client):
    response = client.post("/v1/summaries", content=json.dumps({"text": ARTICLE}).encode(),
                           headers={"content-type": "Application/JSON; charset=utf-8"})
    assert response.status_code == 200


@pytest.mark.parametrize("headers, status", [
    ({"sec-fetch-site": "cross-site"}, 403),
    ({"sec-fetch-site": "cross-site", "origin": LOCAL}, 403),
    ({"origin": "http://berita.example"}, 403),
    ({"origin": "null"}, 403),
    ({"sec-fetch-site": "same-origin", "origin": LOCAL}, 200),
    ({"sec-fetch-site": "same-site"}, 200),
    ({"sec-fetch-site": "none"}, 200),
    ({"origin": LOCAL}, 200),
    ({}, 200),  # not a browser: the CLI, curl, a script
])
def test_an_upload_is_answered_only_from_this_servers_own_pages(client, headers, status):
    response = client.post("/v1/articles/decode?filename=berita.txt", content=ARTICLE.encode(),
                           headers={"content-type": "text/plain", **headers})
    assert response.status_code == status
    if status == 403:
        assert "another site" in response.json()["error"]


def test_a_json_request_from_another_site_is_refused_too(client):
    response = client.post("/v1/summaries", json={"text": ARTICLE}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_every_html_response_carries_the_pages_security_headers(client):
    page, copy = client.get("/"), client.get("/static/index.html")
    memo = client.post("/v1/memos", json={"articles": [{"text": ARTICLE}], "format": "html"})
    script = client.get("/static/app.js")
    for response in (page, copy):
        assert response.status_code == 200
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert copy.headers["content-security-policy"] == page.headers["content-security-policy"]
    # The memo keeps its own, stricter policy (no script at all).
    assert memo.status_code == 200 and memo.headers["content-security-policy"].startswith("default-src 'none'")
    assert memo.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" not in script.headers
