"""`ringkas serve` as a real subprocess on loopback, on a scripted fake model: for the web page's end-to-end
tests and the screenshots in docs/."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import httpx

from tests.fakes import article_reply
from tests.openai_stub import OpenAIStub, Scripted, completion

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = "\n\n".join([
    "Lampung dan Banten Sepakat Kerja Sama Pangan",
    "Serang (ANTARA) - Gubernur Lampung Rahmat Mirzani Djausal bertemu Gubernur Banten Andra Soni di Serang, "
    "Kamis (10/4/2025), untuk membahas kerja sama di bidang pangan dan UMKM.",
    *[f"Paragraf {i}: kedua provinsi menyiapkan langkah teknis, dari pendataan pasokan sampai jadwal pengiriman "
      f"komoditas dari pelabuhan Bakauheni ke pasar-pasar induk di Banten." for i in range(1, 25)],
    "Menurut Rahmat, kerja sama ini untuk menjaga pasokan pangan kedua daerah.",
    "“Lampung siap memasok beras dan jagung untuk kebutuhan Banten,” kata Rahmat Mirzani Djausal.",
    "“Kami ingin harga pangan di Banten tetap stabil,” ujar Andra Soni.",
]) + "\n"

MAIN_REPLY = article_reply(
    officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung"), ("Andra Soni", "Gubernur", "Banten")],
    partners=[("Banten", "province")], sectors=["pangan", "UMKM"], goals=["menjaga pasokan pangan kedua daerah"],
    events=[("meeting", ["Rahmat Mirzani Djausal (Gubernur Lampung)"], ["Banten"], [])])


def fake_model(delay: float):
    """Answers like the model would: the article's items to the main prompt, a memo sentence to the memo's."""
    def answer(request: dict) -> Scripted:
        if "cites" in json.dumps(request.get("response_format", {})):
            body = {"text": "Gubernur Lampung Rahmat Mirzani Djausal dan Gubernur Banten Andra Soni sepakat "
                            "bekerja sama di bidang pangan.", "cites": [1]}
        else:
            body = MAIN_REPLY
        return Scripted(200, completion(json.dumps(body)), delay=delay)
    return answer


@contextmanager
def served(delay: float = 1.5, api_key: str | None = None, data_dir: Path | None = None, *,
           stub: OpenAIStub | None = None, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """The base URL of a running `ringkas serve`; its store is in `data_dir` (a test can fill it first, past the
    API's checks) or else in a fresh temporary directory. Its model is `stub` (a running `OpenAIStub` the test
    scripted) or else `fake_model(delay)`; `extra_env` adds settings (`RINGKAS_*`)."""
    with (nullcontext(stub) if stub is not None else OpenAIStub()) as stub, \
            tempfile.TemporaryDirectory() as scratch:
        data = str(data_dir or scratch)
        stub.default = stub.default or fake_model(delay)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "RINGKAS_LLM_BASE_URL": stub.base_url, "RINGKAS_LLM_MODEL": "fake",
               "RINGKAS_DATA_DIR": data}
        if api_key:
            env |= {"RINGKAS_API_KEYS": json.dumps([api_key]), "RINGKAS_REQUIRE_API_KEY": "true"}
        env |= extra_env or {}
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)], cwd=ROOT,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, "ringkas serve did not start"
                time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
