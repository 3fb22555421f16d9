"""The HTTP API's size rule (`service.intake.limits`): one rule for a request's text, an upload and the article
read from them, and a body counted as it streams in, however it is framed."""

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from service.api.access import body_size_limit
from service.api.app import create_app
from service.intake.limits import max_input_bytes
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

LOCAL = "http://127.0.0.1"
CHARS = 1_000  # the article limit of these tests: uploads up to 10,000 bytes


@pytest.fixture
def app_for(store):
    def make(llm=None, **settings):
        backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1", max_article_chars=CHARS, **settings),
                          llm=llm)
        return create_app(backend.settings, backend, store)

    return make


def page_around(article: str, padding_bytes: int) -> str:
    """A made-up news page: `article` in an <article>, and `padding_bytes` of script and menus around it."""
    menu = "<nav>" + "<a href='/kanal'>Kanal</a>" * (padding_bytes // 26) + "</nav>"
    return f"<html><head><title>Berita</title></head><body>{menu}<article><p>{article}</p></article></body></html>"


async def send_chunked(app, path: str, chunks: int, chunk: bytes, content_type: str) -> tuple[int, dict, int]:
    """POST `chunks` pieces of `chunk` to `path` as a chunked body (no Content-Length); returns the status, the
    JSON body of the answer, and how many pieces the app read."""
    read, sent = 0, []
    headers = [(b"host", b"127.0.0.1"), (b"content-type", content_type.encode()),
               (b"transfer-encoding", b"chunked")]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "root_path": ""}

    async def receive():
        nonlocal read
        if read == chunks:
            await asyncio.sleep(3600)  # the client is still there, sending nothing more
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message):
        sent.append(message)

    await asyncio.wait_for(app(scope, receive, send), 30)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], json.loads(body), read


def test_a_chunked_body_over_the_limit_is_413_and_read_no_further(app_for):
    app = app_for(FakeLLM())
    chunk = b"x" * 4_096
    limit = body_size_limit("/v1/summaries", CHARS)
    status, body, read = asyncio.run(send_chunked(app, "/v1/summaries", 10_000, chunk, "application/json"))
    assert status == 413 and "too large" in body["error"]
    assert read == limit // len(chunk) + 1  # the piece that went over, and nothing after it
    status, body, read = asyncio.run(send_chunked(app, "/v1/articles/decode", 10_000, chunk, "text/html"))
    assert status == 413 and read == max_input_bytes(CHARS) // len(chunk) + 1


def test_an_upload_is_held_to_the_clis_rule_not_a_lower_body_limit(app_for):
    article = "Gubernur Banten Andra Soni menerima Wali Kota Serang di kantornya. " * 10  # 670 characters
    big_page = page_around(article, 8_000)  # over the old 5 x 1,000 bytes, under 10 x
    with TestClient(app_for(FakeLLM()), base_url=LOCAL) as client:
        read = client.post("/v1/articles/decode?filename=berita.html", content=big_page.encode(),
                           headers={"content-type": "text/html"})
        over = client.post("/v1/articles/decode?filename=berita.html", content=page_around(article, 12_000).encode(),
                           headers={"content-type": "text/html"})
    assert 5 * CHARS < len(big_page) <= max_input_bytes(CHARS)
    assert read.status_code == 200 and read.json()["text"].strip().endswith(article.strip())
    assert over.status_code == 413 and "too large" in over.json()["error"]


def test_a_pasted_page_is_read_before_the_article_limit_applies(app_for):
    article = "Bupati Bogor bertemu Gubernur Banten di Serang untuk membahas kerja sama pangan. " * 6
    with TestClient(app_for(FakeLLM(article_reply())), base_url=LOCAL) as client:
        page = client.post("/v1/summaries", json={"text": page_around(article, 6_000)})
        long_article = client.post("/v1/summaries", json={"text": "Gubernur datang. " * 100})
        empty_page = client.post("/v1/summaries", json={"text": "<html><body><nav>Beranda</nav></body></html>"})
        too_much = client.post("/v1/summaries", json={"text": "a" * (max_input_bytes(CHARS) + 1)})
    assert page.status_code == 200, page.text  # 6,000 characters of page, an article under 1,000
    assert long_article.status_code == 413 and "too long: 1,700 characters" in long_article.json()["error"]
    assert empty_page.status_code == 422 and "empty article" in empty_page.json()["error"]
    assert too_much.status_code == 413 and "too large" in too_much.json()["error"]


def test_the_stream_holds_the_article_to_the_same_rule_before_it_begins(app_for):
    with TestClient(app_for(FakeLLM()), base_url=LOCAL) as client:
        long_article = client.post("/v1/summaries/stream", json={"text": "Gubernur datang. " * 100})
        empty_page = client.post("/v1/summaries/stream", json={"text": "<html><body><nav>Menu</nav></body></html>"})
    assert long_article.status_code == 413 and "too long" in long_article.json()["error"]
    assert empty_page.status_code == 422


def test_a_page_the_html_parser_gives_up_on_is_422(app_for, monkeypatch):
    import service.intake
    from service.intake import ArticleInputError

    def gives_up(page: str) -> str:
        raise ArticleInputError("not a readable HTML page: the parser gave up at line 1")

    monkeypatch.setattr(service.intake, "html_to_text", gives_up)
    page = "<html><body><p>Gubernur Banten datang ke Serang.</p></body></html>"
    with TestClient(app_for(FakeLLM()), base_url=LOCAL) as client:
        pasted = client.post("/v1/summaries", json={"text": page})
        streamed = client.post("/v1/summaries/stream", json={"text": page})
        uploaded = client.post("/v1/articles/decode?filename=berita.html", content=page.encode(),
                               headers={"content-type": "text/html"})
    for response in (pasted, streamed, uploaded):
        assert response.status_code == 422 and "not a readable HTML page" in response.json()["error"]
