"""The summary stream's events read whole in JavaScript: U+2028 and U+2029 in an article end a line for a
JavaScript regular expression, though not for JSON or server-sent events."""

import json
import re
import shutil
import subprocess
from pathlib import Path

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
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(article_reply()))
    with TestClient(create_app(backend.settings, backend, store), base_url=LOCAL) as client:
        yield client


def test_the_streams_data_has_no_javascript_line_ends(client):
    text = f"{ARTICLE}\u2028Wali Kota Serang hadir.\u2029Keduanya sepakat."
    response = client.post("/v1/summaries/stream", json={"text": text})
    last = response.text.strip().split("\n\n")[-1]
    assert "\u2028" not in response.text and "\u2029" not in response.text
    kind, data = last.split("\n")
    assert kind == "event: result" and json.loads(data.removeprefix("data: "))["article"] == text


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_pages_event_parser_keeps_javascript_line_ends_in_the_data():
    # The page's own parser (service/web/app.js), run by node on an event as a server that does not escape them
    # would write it.
    source = (Path(__file__).parents[2] / "service" / "web" / "app.js").read_text(encoding="utf-8")
    parser = re.search(r"^function parseEvent\(block\) \{.*?^\}$", source, re.MULTILINE | re.DOTALL).group(0)
    article = "Gubernur datang.\u2028Wali Kota hadir.\u2029Keduanya sepakat."
    block = "event: result\ndata: " + json.dumps({"article": article}, ensure_ascii=False)
    script = f"{parser}\nprocess.stdout.write(JSON.stringify(parseEvent({json.dumps(block)})));"
    parsed = json.loads(subprocess.run(["node", "-e", script], capture_output=True, check=True, text=True).stdout)
    assert parsed == {"kind": "result", "data": {"article": article}}
