"""An interrupted batch loses nothing: `ringkas summarize DIR --out OUT` in a real subprocess, killed mid-batch
(SIGKILL, then SIGINT) and run again, ends with exactly one complete result per article."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakes import article_reply
from tests.openai_stub import OpenAIStub, Scripted, completion

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 24  # enough that a run still has work left when the test interrupts it, even on a busy machine


def _interruptible() -> None:
    # Like a command typed at a terminal: a test run started in the background of a non-interactive shell
    # (`pytest &`, as a CI runner may) passes SIGINT on as ignored, and Python then keeps ignoring it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(corpus: Path, out: Path, env: dict[str, str]) -> subprocess.Popen:
    """`ringkas summarize CORPUS --out OUT` in a subprocess that SIGINT interrupts."""
    return subprocess.Popen([sys.executable, "-m", "service.cli", "summarize", str(corpus), "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_interruptible)


def wait_for_results(out: Path, count: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until `out` holds `count` results; fails if the process ends or `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while len(list(out.glob("*.json"))) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.02)


@pytest.fixture
def batch(tmp_path):
    """A corpus of ARTICLES articles, the results directory, the environment of a run on a slow scripted model
    server, and that server."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(ARTICLES):
        (corpus / f"{i:02d}.txt").write_text(
            f"Kunjungan nomor {i}\n\nGubernur Banten Andra Soni menerima rombongan DPRD Lampung ke-{i} di Serang.\n",
            encoding="utf-8")
    with OpenAIStub() as stub:
        # Every call answers a valid reply after 0.15 s: slow enough to kill the batch mid-way.
        stub.default = Scripted(200, completion(json.dumps(article_reply())), delay=0.15)
        env = {**os.environ, "RINGKAS_LLM_BASE_URL": stub.base_url, "RINGKAS_LLM_MODEL": "stub",
               "RINGKAS_DATA_DIR": str(tmp_path / "data"), "RINGKAS_LLM_TRANSPORT_RETRIES": "0"}
        yield corpus, tmp_path / "out", env, stub


def test_killed_twice_then_run_again_gives_one_complete_result_per_article(batch):
    corpus, out, env, stub = batch

    first = start(corpus, out, env)
    wait_for_results(out, 3, first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    killed_at = len(list(out.glob("*.json")))

    second = start(corpus, out, env)
    wait_for_results(out, killed_at + 2, second)
    second.send_signal(signal.SIGINT)
    _, err = second.communicate(timeout=20)
    assert second.returncode == 130, err
    assert "interrupted" in err and "run the same command again" in err

    third = start(corpus, out, env)
    _, err = third.communicate(timeout=120)
    assert third.returncode == 0, err

    results = sorted(out.iterdir())
    assert [p.name for p in results] == [f"{i:02d}.json" for i in range(ARTICLES)]  # no temp file left over
    for path in results:
        summary = json.loads(path.read_text(encoding="utf-8"))  # complete, valid JSON
        article = (corpus / path.name.replace(".json", ".txt")).read_text(encoding="utf-8")
        assert f"ke-{int(path.stem)} " in article and summary["title"] == f"Kunjungan nomor {int(path.stem)}"
    # Nothing was summarized twice: one model call per article, at most one more for the one in flight
    # at each kill.
    assert ARTICLES <= len(stub.requests) <= ARTICLES + 2


def test_a_memo_killed_while_summarizing_keeps_what_it_summarized(batch):
    corpus, out, env, stub = batch
    out.mkdir()
    memo = out / "memo.md"

    def extraction_calls() -> int:
        return sum(not r["messages"][0]["content"].startswith("You write one sentence") for r in stub.requests)

    first = subprocess.Popen([sys.executable, "-m", "service.cli", "memo", str(corpus), "-o", str(memo)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while extraction_calls() < 4:
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    before = extraction_calls()
    assert not memo.exists()

    second = subprocess.run([sys.executable, "-m", "service.cli", "memo", str(corpus), "-o", str(memo)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    # Each article was summarized once: those stored before the kill were not asked again.
    assert before >= 4 and extraction_calls() <= ARTICLES + 1
    text = memo.read_text(encoding="utf-8")
    assert all(f"Kunjungan nomor {i}" in text for i in range(ARTICLES))
