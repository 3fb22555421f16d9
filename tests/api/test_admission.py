"""Who waits for what: only the routes that run the model take a slot, and a request over its time frees its slot
with its 504 (a stream's too, as its last event)."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.cancellation import current_token
from service.model.backend import Backend
from service.model.llm import ModelError
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

LOCAL = "http://127.0.0.1"
HOLD_S = 30.0  # the longest a held step waits for the test to let it go: reached only when a test fails


class HeldLLM(FakeLLM):
    """Holds its first call until the test lets it go (`release`), or its work is cancelled when it
    `honours_cancel`; every other call answers at once with a well-formed reply."""

    def __init__(self, honours_cancel: bool):
        super().__init__()
        self.honours_cancel = honours_cancel
        self.entered, self.release, self.cancelled, self.left = (threading.Event() for _ in range(4))

    def create(self, response_model, messages, *, context, max_tokens):
        if not self.entered.is_set():
            self.entered.set()
            token = current_token()
            on_cancel = token.on_cancel(self.cancelled.set) if token else nullcontext()
            with on_cancel:
                while not self.release.wait(0.01):
                    if self.honours_cancel and self.cancelled.is_set():
                        self.left.set()
                        raise ModelError("cancelled", "abandoned")
            self.left.set()
        self.replies = [article_reply()]
        return super().create(response_model, messages, context=context, max_tokens=max_tokens)


@pytest.fixture
def client_for(store):
    def make(llm, **settings) -> TestClient:
        backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1", **settings), llm=llm)
        return TestClient(create_app(backend.settings, backend, store), base_url=LOCAL)

    return make


def test_reads_of_the_library_and_the_page_never_wait_for_a_model_slot(client_for):
    llm = HeldLLM(honours_cancel=True)
    with client_for(llm, max_concurrent_requests=1, max_queued_requests=0) as client, ThreadPoolExecutor(1) as pool:
        summary = pool.submit(client.post, "/v1/summaries", json={"text": "Gubernur Banten datang ke Serang."})
        assert llm.entered.wait(HOLD_S)
        # The only slot is taken and nothing may queue: a model route is refused, every read is answered.
        refused = client.post("/v1/memos", json={"articles": [{"text": "Bupati Bogor datang."}]})
        reads = {path: client.get(path).status_code for path in
                 ("/v1/library", "/v1/taxonomy", "/v1/summaries/0000", "/healthz", "/", "/openapi.json",
                  "/static/app.js")}
        held = not llm.release.is_set()
        llm.release.set()
        assert summary.result().status_code == 200
    assert refused.status_code == 429 and held
    assert reads == {"/v1/library": 200, "/v1/taxonomy": 200, "/v1/summaries/0000": 404, "/healthz": 200, "/": 200,
                     "/openapi.json": 200, "/static/app.js": 200}


def test_a_stream_over_its_time_ends_with_a_504_event_and_its_work_is_cancelled(client_for):
    llm = HeldLLM(honours_cancel=True)
    with client_for(llm, request_timeout_s=0.5) as client:
        response = client.post("/v1/summaries/stream", json={"text": "Gubernur Banten datang ke Serang."})
        assert llm.left.wait(HOLD_S)
    blocks = response.text.strip().split("\n\n")
    assert response.status_code == 200 and blocks[0].startswith("event: progress")
    kind, data = blocks[-1].split("\n")
    assert kind == "event: error" and json.loads(data.removeprefix("data: ")) == {
        "status": 504, "error": "the request took longer than 0.5 s"}
    assert llm.cancelled.is_set() and not llm.release.is_set()  # stopped by the cancel, not let go by the test


def test_a_504_frees_its_slot_while_its_step_is_still_running(client_for):
    llm = HeldLLM(honours_cancel=False)  # a step that cannot be interrupted (reading a page, a blocking call)
    with client_for(llm, max_concurrent_requests=1, max_queued_requests=1, request_timeout_s=1.5) as client:
        late = client.post("/v1/summaries", json={"text": "Gubernur Banten datang ke Serang."})
        assert late.status_code == 504 and llm.cancelled.is_set()
        after = client.post("/v1/summaries", json={"text": "Bupati Bogor bertemu Wali Kota Depok."})
        still_running = not llm.left.is_set()
        llm.release.set()
        assert llm.left.wait(HOLD_S)
    assert after.status_code == 200 and still_running
