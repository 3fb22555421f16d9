"""`ringkas serve` as a real process on loopback, on a scripted model server: the Host rule (DNS rebinding) and
work that nobody waits for any more (a dropped stream, a dropped request, a 504) giving the model back."""

import json
import time

import httpx
import pytest

from tests.openai_stub import OpenAIStub, Scripted, completion
from tests.web.web_server import ARTICLE, MAIN_REPLY, fake_model, served

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

SLOW = 600.0  # seconds the scripted model takes over the first article: far longer than any test waits


def _wait_until(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _other_article(n: int) -> str:
    # Another content hash, so the second request is summarized, not served from the store.
    return ARTICLE + f"\nCatatan {n}: kedua gubernur akan bertemu lagi bulan depan.\n"


@pytest.fixture
def slow_first():
    """A model server whose first answer takes SLOW seconds (or until its client hangs up); then instant."""
    with OpenAIStub() as stub:
        stub.queue = [Scripted(200, completion(json.dumps(MAIN_REPLY)), delay=SLOW)]
        stub.default = fake_model(0.0)
        yield stub


def test_a_request_addressed_to_another_host_name_is_refused():
    # A page rebound to 127.0.0.1 still sends its own name in Host; the server's own addresses are answered.
    with served(delay=0.0) as base:
        port = base.rsplit(":", 1)[1]
        for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.attacker.example:{port}"):
            refused = httpx.get(f"{base}/v1/library", headers={"Host": host})
            assert refused.status_code == 400, host
            assert "RINGKAS_ALLOWED_HOSTS" in refused.json()["error"]
            assert httpx.get(f"{base}/", headers={"Host": host}).status_code == 400
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
            assert httpx.get(f"{base}/v1/library", headers={"Host": host}).status_code == 200, host


def test_a_configured_host_name_is_answered():
    with served(delay=0.0, extra_env={"RINGKAS_ALLOWED_HOSTS": '["ringkas.internal"]'}) as base:
        assert httpx.get(f"{base}/v1/library", headers={"Host": "ringkas.internal:8000"}).status_code == 200
        assert httpx.get(f"{base}/v1/library", headers={"Host": "other.internal"}).status_code == 400


def test_a_dropped_stream_stops_its_model_call_and_frees_the_slot(slow_first):
    with served(stub=slow_first, extra_env={"RINGKAS_MAX_CONCURRENT_REQUESTS": "1"}) as base:
        with httpx.stream("POST", f"{base}/v1/summaries/stream", json={"text": ARTICLE}, timeout=30) as events:
            assert events.status_code == 200
            lines = events.iter_lines()  # held: a dropped iterator closes the response
            assert next(lines).startswith("event: progress")
            assert _wait_until(lambda: len(slow_first.requests) == 1)
        # The client is gone: the model server sees the model call's connection closed ...
        assert _wait_until(lambda: len(slow_first.abandoned) == 1), "the model call went on for nobody"
        # ... and the only slot serves the next article (it would wait SLOW seconds behind the dropped one).
        after = httpx.post(f"{base}/v1/summaries", json={"text": _other_article(1)}, timeout=60)
        assert after.status_code == 200
        assert after.json()["officials"]


def test_a_request_whose_client_hangs_up_stops_its_model_call(slow_first):
    with served(stub=slow_first, extra_env={"RINGKAS_MAX_CONCURRENT_REQUESTS": "1"}) as base:
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"{base}/v1/summaries", json={"text": ARTICLE}, timeout=3)
        assert _wait_until(lambda: len(slow_first.abandoned) == 1), "the model call went on for nobody"
        after = httpx.post(f"{base}/v1/summaries", json={"text": _other_article(2)}, timeout=60)
        assert after.status_code == 200


def test_a_request_over_its_time_gets_504_and_its_model_call_stops(slow_first):
    env = {"RINGKAS_MAX_CONCURRENT_REQUESTS": "1", "RINGKAS_REQUEST_TIMEOUT_S": "3"}
    with served(stub=slow_first, extra_env=env) as base:
        late = httpx.post(f"{base}/v1/summaries", json={"text": ARTICLE}, timeout=60)
        assert late.status_code == 504
        assert _wait_until(lambda: len(slow_first.abandoned) == 1), "the model call went on after the 504"
        after = httpx.post(f"{base}/v1/summaries", json={"text": _other_article(3)}, timeout=60)
        assert after.status_code == 200
        # Nothing half-done was stored for the abandoned article; the finished one was.
        library = httpx.get(f"{base}/v1/library").json()
        assert [row["content_sha256"] for row in library] == [after.json()["content_sha256"]]


def test_a_chunked_body_over_the_limit_is_refused_by_the_served_app():
    # Transfer-Encoding: chunked declares no length: the body is counted as it arrives.
    def chunks():
        for _ in range(64):
            yield b"x" * 16_384

    with served(delay=0.0, extra_env={"RINGKAS_MAX_ARTICLE_CHARS": "1000"}) as base:
        refused = httpx.post(f"{base}/v1/summaries", content=chunks(), headers={"content-type": "application/json"},
                             timeout=30)
        assert httpx.get(f"{base}/healthz").status_code == 200  # the server goes on
    assert refused.status_code == 413 and "too large" in refused.json()["error"]
