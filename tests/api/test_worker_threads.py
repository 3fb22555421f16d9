"""Reading a page (and any other work on a text) runs in a worker thread: while one upload or streamed article is
being read, the server answers other requests."""

import asyncio
import threading

import httpx
import pytest

import service.intake
from service.api.app import create_app
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

LOCAL = "http://127.0.0.1"
HOLD_S = 30.0  # the longest a held reading waits for the test to let it go: reached only when a test fails


async def _answered_while_reading(app, method: str, path: str, **request) -> tuple[int, int, list[bool]]:
    """Send a request whose page reading is held (see `held_reading`) and, meanwhile, `GET /healthz` on the same
    event loop; returns both statuses and whether the reading was let go by the test (True) or gave up (False)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=LOCAL) as client:
        slow = asyncio.ensure_future(client.request(method, path, **request))
        assert await asyncio.to_thread(app.state.reading_entered.wait, HOLD_S)
        health = await client.get("/healthz")
        app.state.reading_release.set()
        return (await slow).status_code, health.status_code, app.state.reading_released


@pytest.fixture
def held_reading(monkeypatch, store):
    """An app whose page reading (`service.intake.html_to_text`) waits for the test; if it ran on the event loop,
    no other request could be answered meanwhile and it would give up after HOLD_S seconds."""
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(article_reply()))
    app = create_app(backend.settings, backend, store)
    app.state.reading_entered, app.state.reading_release = threading.Event(), threading.Event()
    app.state.reading_released = []
    original = service.intake.html_to_text

    def held_html_to_text(page: str) -> str:
        app.state.reading_entered.set()
        app.state.reading_released.append(app.state.reading_release.wait(HOLD_S))
        return original(page)

    monkeypatch.setattr(service.intake, "html_to_text", held_html_to_text)
    return app


PAGE = "<html><body><nav>Beranda</nav><article><p>Gubernur Banten datang ke Serang.</p></article></body></html>"


def test_an_upload_is_read_off_the_event_loop(held_reading):
    status, health, released = asyncio.run(_answered_while_reading(
        held_reading, "POST", "/v1/articles/decode?filename=berita.html", content=PAGE.encode(),
        headers={"content-type": "text/html"}))
    assert (status, health, released) == (200, 200, [True])


def test_a_streamed_article_is_read_off_the_event_loop(held_reading):
    status, health, released = asyncio.run(_answered_while_reading(
        held_reading, "POST", "/v1/summaries/stream", json={"text": PAGE}))
    assert (status, health, released) == (200, 200, [True])
