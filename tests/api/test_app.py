"""The HTTP API on a fake backend: statuses, messages, and no stack traces."""

import json
import re

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.deps import get_backend, get_store
from service.model.backend import Backend
from service.model.llm import ModelError
from service.settings import Settings
from tests.conftest import seed_text
from tests.fakes import FakeLLM, article_reply

# The server answers requests addressed to its own address (not TestClient's default "testserver").
LOCAL = "http://127.0.0.1"


@pytest.fixture
def client_for(store):
    def make(llm=None, **settings) -> TestClient:
        backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1", **settings), llm=llm)
        return TestClient(create_app(backend.settings, backend, store), raise_server_exceptions=False,
                          base_url=LOCAL)

    return make


def test_summarize_returns_a_grounded_summary(client_for):
    text = seed_text("002")
    llm = FakeLLM(article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")]))
    with client_for(llm) as client:
        response = client.post("/v1/summaries", json={"text": text, "title": "Serap Ilmu", "url": "https://x.id/1"})
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == "https://x.id/1"
    assert [q["speaker"] for q in body["quotes"]] == ["Fatikhatul Khoiriah"] * 2
    for q in body["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_the_backend_and_store_dependencies_can_be_overridden(store, tmp_path):
    from service.library.sqlite import SQLiteStore

    starting = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"))
    starting.start_in_background = lambda: None  # never ready: only the override can answer
    app = create_app(starting.settings, starting, store)
    ready = Backend(starting.settings, llm=FakeLLM(article_reply(events=[("working_visit", [], [], ["Banten"])])))
    other = SQLiteStore(tmp_path / "other.db")
    app.dependency_overrides[get_backend] = lambda: ready
    app.dependency_overrides[get_store] = lambda: other
    with TestClient(app, base_url=LOCAL) as client:
        response = client.post("/v1/summaries", json={"text": "Gubernur Banten datang."})
        health = client.get("/healthz")
    assert response.status_code == 200 and response.json()["events"][0]["sides"][0]["party"] == "Banten"
    assert health.status_code == 200
    assert other.get(response.json()["content_sha256"]) is not None and list(store.all()) == []
    other.close()


def test_healthz_reports_ready(client_for):
    with client_for(FakeLLM()) as client:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ready"


@pytest.mark.parametrize("payload, fragment", [
    ({}, "text: Field required"),
    ({"text": "   \n "}, "empty or only whitespace"),
    ({"text": 42}, "text: Input should be a valid string"),
    ({"text": "x", "lang": "fr"}, "lang"),
])
def test_invalid_input_is_422_with_a_readable_message(client_for, payload, fragment):
    with client_for(FakeLLM()) as client:
        response = client.post("/v1/summaries", json=payload)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_malformed_json_is_422(client_for):
    with client_for(FakeLLM()) as client:
        response = client.post("/v1/summaries", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "invalid request" in response.json()["error"]


def test_oversized_text_is_413(client_for):
    from service.api.access import body_size_limit

    with client_for(FakeLLM(), max_article_chars=1_000) as client:
        assert client.post("/v1/summaries", json={"text": "a " * 600}).status_code == 413
        over = body_size_limit("/v1/summaries", 1_000) + 1
        big = client.post("/v1/summaries", content=b"x" * over, headers={"content-type": "application/json"})
    assert big.status_code == 413 and "too large" in big.json()["error"]


def test_backend_still_starting_is_503_with_retry_after(store):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"))
    backend.start_in_background = lambda: None  # stays "starting"
    with TestClient(create_app(backend.settings, backend, store), base_url=LOCAL) as client:
        response = client.post("/v1/summaries", json={"text": "Gubernur datang."})
        health = client.get("/healthz")
    assert response.status_code == 503 and response.headers["retry-after"] == "10"
    assert health.status_code == 503 and health.json()["status"] == "starting"


@pytest.mark.parametrize("kind, status", [("timeout", 504), ("unavailable", 503), ("bad_response", 502),
                                          ("too_long", 413)])
def test_model_failures_map_to_gateway_statuses(client_for, kind, status):
    with client_for(FakeLLM(ModelError(kind, "stub failure"))) as client:
        response = client.post("/v1/summaries", json={"text": seed_text("000")})
    assert response.status_code == status
    assert "stub failure" in response.json()["error"]


def test_unexpected_errors_are_500_without_a_stack_trace(client_for):
    with client_for(FakeLLM(ValueError("secret internals"))) as client:
        response = client.post("/v1/summaries", json={"text": seed_text("000")})
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text


def test_the_openapi_description_is_served_and_no_docs_page_from_a_cdn(client_for):
    with client_for(FakeLLM()) as client:
        assert "/v1/summaries" in client.get("/openapi.json").json()["paths"]
        docs, redoc = client.get("/docs"), client.get("/redoc")
    assert docs.status_code == redoc.status_code == 404 and "error" in docs.json()


def test_memo_of_articles_then_of_stored_summaries(client_for):
    text = seed_text("002")
    llm = FakeLLM(article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")],
                                partners=[("Provinsi Banten", "province")], sectors=["UMKM"]),
                  {"text": "Fatikhatul Khoiriah memimpin kunjungan UMKM ke Banten.", "cites": [1]})
    with client_for(llm) as client:
        first = client.post("/v1/memos", json={"articles": [{"text": text}], "format": "json", "prose": "model"})
        assert first.status_code == 200, first.text
        memo = first.json()
        assert memo["executive_summary"][0]["cites"] == [1]
        sha = memo["sources"][0]["content_sha256"]
        md = client.post("/v1/memos", json={"summary_ids": [sha]})  # stored: no model call left in the fake
        assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
        assert "Fatikhatul Khoiriah" in md.text
        docx = client.post("/v1/memos", json={"summary_ids": [sha], "format": "docx"})
        assert docx.content[:2] == b"PK"
        assert client.post("/v1/memos", json={"summary_ids": ["nope"]}).status_code == 404
        assert client.post("/v1/memos", json={}).status_code == 422


class SlowLLM(FakeLLM):
    """Answers every call with the same reply after `delay` seconds, however many calls come."""

    def __init__(self, delay: float):
        super().__init__()
        self.delay = delay

    def create(self, response_model, messages, *, context, max_tokens):
        import time

        time.sleep(self.delay)
        self.replies = [article_reply()]
        return super().create(response_model, messages, context=context, max_tokens=max_tokens)


KEY = "k-3f9a1c"


def test_a_required_api_key_is_checked_and_health_and_the_page_stay_open(store):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1", api_keys=[KEY]), llm=FakeLLM(
        article_reply(), article_reply()))
    app = create_app(backend.settings, backend, store, require_api_key=True)
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as client:
        missing = client.post("/v1/summaries", json={"text": "Gubernur datang ke Banten."})
        wrong = client.post("/v1/summaries", json={"text": "Gubernur datang."}, headers={"X-API-Key": "nope"})
        bearer = client.post("/v1/summaries", json={"text": "Gubernur datang ke Banten."},
                             headers={"Authorization": f"Bearer {KEY}"})
        header = client.post("/v1/summaries", json={"text": "Bupati datang ke Bogor."}, headers={"X-API-Key": KEY})
        open_paths = [client.get(p).status_code for p in ("/healthz", "/", "/openapi.json")]
    assert missing.status_code == wrong.status_code == 401
    assert "API key" in missing.json()["error"] and missing.headers["www-authenticate"] == "Bearer"
    assert KEY not in missing.text + wrong.text
    assert bearer.status_code == header.status_code == 200
    assert open_paths == [200, 200, 200]


def test_a_required_key_with_none_configured_refuses_to_start(store):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM())
    with pytest.raises(ValueError, match="RINGKAS_API_KEYS"):
        create_app(backend.settings, backend, store, require_api_key=True)


def test_serve_beyond_loopback_without_a_key_is_a_usage_error(monkeypatch):
    from click.testing import CliRunner

    from service.api.access import is_loopback
    from service.cli import main
    from service.settings import get_settings

    monkeypatch.delenv("RINGKAS_API_KEYS", raising=False)
    get_settings.cache_clear()
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    get_settings.cache_clear()
    assert result.exit_code == 2 and "RINGKAS_API_KEYS" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_a_full_queue_is_429_with_retry_after(client_for):
    from concurrent.futures import ThreadPoolExecutor

    with client_for(SlowLLM(0.5), max_concurrent_requests=1, max_queued_requests=1) as client:
        texts = [f"Gubernur Banten bertemu Bupati Bogor ke-{i}." for i in range(4)]
        with ThreadPoolExecutor(4) as pool:
            responses = list(pool.map(lambda t: client.post("/v1/summaries", json={"text": t}), texts))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 200, 429, 429]
    refused = next(r for r in responses if r.status_code == 429)
    assert refused.headers["retry-after"] == "5" and "too many requests" in refused.json()["error"]


def test_a_request_over_its_time_is_504(client_for):
    with client_for(SlowLLM(1.0), request_timeout_s=0.2) as client:
        response = client.post("/v1/summaries", json={"text": "Gubernur Banten bertemu Bupati Bogor."})
        assert client.get("/healthz").status_code == 200  # the server goes on
    assert response.status_code == 504 and "longer than 0.2 s" in response.json()["error"]


def test_the_stream_reports_progress_then_the_summary_and_its_text(client_for):
    text = seed_text("002")
    llm = FakeLLM(article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")]))
    with client_for(llm) as client:
        response = client.post("/v1/summaries/stream", json={"text": text})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = [(block.split("\n")[0].removeprefix("event: "), json.loads(block.split("\n")[1].removeprefix("data: ")))
              for block in response.text.strip().split("\n\n")]
    kinds = [k for k, _ in events]
    assert kinds[0] == "progress" and kinds[-1] == "result" and set(kinds[:-1]) == {"progress"}
    assert {"reading the article", "attributing quotes"} <= {d["step"] for k, d in events if k == "progress"}
    result = events[-1][1]
    assert result["article"] == text and result["summary"]["officials"][0]["name"] == "Fatikhatul Khoiriah"


def test_a_stream_that_fails_ends_with_an_error_event(client_for):
    with client_for(FakeLLM(ModelError("timeout", "stub failure"))) as client:
        response = client.post("/v1/summaries/stream", json={"text": "Gubernur Banten bertemu Bupati Bogor."})
    last = response.text.strip().split("\n\n")[-1]
    assert last.startswith("event: error") and '"status": 504' in last and "Traceback" not in response.text


def test_a_stream_whose_client_stops_reading_is_closed_and_its_work_cancelled():
    import asyncio
    import threading

    from service.api.routes.summaries import SummaryEvents, summary_events
    from service.cancellation import CancelToken

    cancel, stopped = CancelToken(), threading.Event()

    def work(progress):
        progress("reading the article")
        with cancel.on_cancel(stopped.set):
            stopped.wait(10)
        raise ModelError("cancelled", "abandoned")

    async def serve() -> list[dict]:
        sent = []

        async def send(message):
            sent.append(message)
            if len(sent) > 2:  # the start and one event went out; then the client reads nothing more
                await asyncio.sleep(60)

        async def receive():
            await asyncio.sleep(60)

        events = SummaryEvents(summary_events(work, "teks", cancel), ping=0, sep="\n", send_timeout=0.2)
        await asyncio.wait_for(events({"type": "http", "method": "POST"}, receive, send), 10)
        return sent

    sent = asyncio.run(serve())
    assert stopped.is_set() and cancel.cancelled
    assert sent[1]["body"].startswith(b"event: progress\ndata: ")


def test_the_library_filters_and_opens_stored_summaries(client_for):
    texts = [seed_text("001"), seed_text("004")]
    llm = FakeLLM(article_reply(officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung")],
                                partners=[("DKI Jakarta", "province")], sectors=["pangan"]),
                  article_reply(officials=[("Jihan Nurlela", "Wakil Gubernur", "Lampung")],
                                partners=[("Malaysia", "foreign_government")], sectors=["perdagangan"]))
    with client_for(llm) as client:
        for text in texts:
            assert client.post("/v1/summaries", json={"text": text}).status_code == 200
        everything = client.get("/v1/library").json()
        jakarta = client.get("/v1/library", params={"partner": "Pemprov DKI"}).json()
        trade = client.get("/v1/library", params={"sector": "trade_investment", "official": "jihan"}).json()
        nothing = client.get("/v1/library", params={"q": "tidak ada kata ini"}).json()
        opened = client.get(f"/v1/summaries/{trade[0]['content_sha256']}").json()
        missing = client.get("/v1/summaries/0000")
        page, script = client.get("/"), client.get("/static/app.js")
    assert len(everything) == 2 and len(jakarta) == 1 and "Rahmat Mirzani Djausal" in jakarta[0]["officials"]
    assert len(trade) == 1 and nothing == []
    assert opened["article"] == texts[1] and opened["summary"]["officials"][0]["name"] == "Jihan Nurlela"
    assert missing.status_code == 404
    assert page.status_code == 200 and "Ringkas" in page.text and script.status_code == 200
    assert "http" not in re.sub(r"https?://(127\.0\.0\.1|localhost)", "", page.text + script.text)  # no CDN


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "JavaScript:alert(1)", " javascript:x",
                                 "java\tscript:x", "data:text/html,<script>x</script>", "vbscript:x",
                                 "file:///etc/passwd", "//evil.example/x", "https://", "http:evil"])
def test_only_web_urls_are_accepted(client_for, url):
    with client_for(FakeLLM(article_reply())) as client:
        response = client.post("/v1/summaries", json={"text": "Gubernur Banten datang.", "url": url})
        memo = client.post("/v1/memos", json={"articles": [{"text": "Gubernur Banten datang.", "url": url}]})
    assert response.status_code == memo.status_code == 422
    assert "http:// or https://" in response.json()["error"]


def test_a_web_url_is_kept_as_given(client_for):
    with client_for(FakeLLM(article_reply())) as client:
        response = client.post("/v1/summaries", json={"text": "Gubernur Banten datang.",
                                                       "url": "HTTPS://Example.id/berita?id=1&x=(2)"})
    assert response.status_code == 200 and response.json()["url"] == "HTTPS://Example.id/berita?id=1&x=(2)"


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("LOCALHOST.", 200), ("[::1]:8000", 200),
    ("10.1.2.3", 200), ("rebound.attacker.example:8000", 400), ("localhost.attacker.example", 400), ("", 400),
])
def test_the_host_header_must_name_this_server(client_for, host, status):
    with client_for(FakeLLM()) as client:
        response = client.get("/v1/library", headers={"Host": host})
        page = client.get("/", headers={"Host": host})
    assert response.status_code == page.status_code == status
    if status == 400:
        assert "RINGKAS_ALLOWED_HOSTS" in response.json()["error"]


def test_allowed_host_names_follow_the_binding_and_the_setting():
    from service.api.access import allowed_host_names

    loopback = allowed_host_names("127.0.0.1", [])
    assert loopback.allows("localhost:1") and not loopback.allows("ringkas.example")
    named = allowed_host_names("127.0.0.1", ["Ringkas.Example"])
    assert named.allows("ringkas.example:443") and not named.allows("other.example")
    assert allowed_host_names("ringkas.lan", []).allows("ringkas.lan:8000")
    assert not allowed_host_names("ringkas.lan", []).allows("localhost")
    assert allowed_host_names("127.0.0.1", ["*"]).allows("anything.example")


def test_the_page_and_the_html_memo_carry_a_content_security_policy(client_for):
    with client_for(FakeLLM(article_reply(), {"text": "Banten bekerja sama.", "cites": [1]})) as client:
        page = client.get("/")
        memo = client.post("/v1/memos", json={"articles": [{"text": seed_text("000")}], "format": "html"})
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert memo.status_code == 200 and memo.headers["content-security-policy"].startswith("default-src 'none'")


def test_an_uploaded_page_is_read_in_the_charset_it_declares(client_for):
    page = ('<html><head><meta charset="windows-1252"><title>Kerja sama</title></head><body><article>'
            '<p>\u201cKami siap bekerja sama,\u201d kata Gubernur Banten Andra Soni.</p></article></body></html>')
    with client_for(FakeLLM()) as client:
        read = client.post("/v1/articles/decode?filename=berita.html", content=page.encode("cp1252"),
                           headers={"content-type": "application/octet-stream"})
        binary = client.post("/v1/articles/decode?filename=foto.png", content=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                             headers={"content-type": "application/octet-stream"})
    assert read.status_code == 200
    body = read.json()
    assert "\u201cKami siap bekerja sama,\u201d kata Gubernur Banten Andra Soni." in body["text"]
    assert "<p>" not in body["text"]  # the page is read as its article
    assert (body["encoding"], body["method"]) == ("cp1252", "meta")
    assert binary.status_code == 422 and "foto.png" in binary.json()["error"]
