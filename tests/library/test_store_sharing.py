"""A summaries database written while another process holds it locked: waited for, and a summary it cannot take
is never lost."""

import sqlite3

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import service.library.sqlite
from schemas.summary import Provenance, Summary
from service.api.app import create_app
from service.cli import main
from service.intake.article import Article
from service.library.filters import summarize_stored
from service.library.sqlite import SQLiteStore
from service.library.store import StoreBusy
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

ARTICLE = "Kunjungan Kerja\n\nGubernur Kalimantan Utara menerima rombongan DPRD Gorontalo di Tanjung Selor.\n"


@pytest.fixture
def writer(tmp_path):
    """Another connection to the store at tmp_path / "r.db" holding its write lock (BEGIN IMMEDIATE), as another
    Ringkas process in the middle of a write does; `release()` ends it. Released at the end in any case."""
    SQLiteStore(tmp_path / "r.db").close()
    other = sqlite3.connect(tmp_path / "r.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        if other.in_transaction:
            other.execute("ROLLBACK")

    yield release
    release()
    other.close()


def test_a_summary_the_locked_store_cannot_take_comes_back_with_a_warning_and_is_stored_next_time(tmp_path, writer):
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=0.2)
    article = Article(text=ARTICLE)
    summary = summarize_stored(article, FakeLLM(article_reply()), store, None)
    assert summary.provenance.model == "fake-model"
    assert summary.warnings[-1] == ("not stored: the summaries database is locked by another process for over "
                                    "0.2 s; it will be summarized again next time")
    assert store.get(article.sha256) is None  # reads go on while another process writes

    writer()
    again = summarize_stored(article, FakeLLM(article_reply()), store, None)
    assert "not stored" not in " ".join(again.warnings)
    assert store.get(article.sha256).summary.summary == again.summary
    store.close()


def test_a_store_locked_for_a_moment_is_waited_for_and_the_summary_stored(tmp_path, writer, monkeypatch):
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=120)
    article = Article(text=ARTICLE)
    pauses = []

    def pause(seconds: float) -> None:
        """The store's pause between tries: the other process's write ends during the first one."""
        pauses.append(seconds)
        writer()

    monkeypatch.setattr(service.library.sqlite.time, "sleep", pause)
    summary = summarize_stored(article, FakeLLM(article_reply()), store, None)
    assert len(pauses) == 1  # refused once while locked, then stored
    assert not any("not stored" in warning for warning in summary.warnings)
    assert store.get(article.sha256) is not None
    store.close()


def test_the_pauses_between_tries_double_up_to_a_cap(tmp_path, writer, monkeypatch):
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=120)
    pauses = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 10:
            writer()

    monkeypatch.setattr(service.library.sqlite.time, "sleep", pause)
    store.put(summary_of("abc"), "teks")
    assert pauses == [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.5, 0.5, 0.5]
    store.close()


def test_a_lock_held_past_the_wait_is_a_store_error_that_names_the_file(tmp_path, writer):
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=0.05)
    assert store.executive_summaries.get("k") is None  # reading is not blocked by another process's write
    with pytest.raises(StoreBusy) as raised:
        store.put(summary_of("abc"), "teks")
    assert str(raised.value).startswith(f"{tmp_path / 'r.db'}: locked by another process for over 0.05 s; try again")
    store.executive_summaries["k"] = [{"text": "x", "cites": [1]}]  # a memo's cache: passed over, not raised
    store.close()


def summary_of(sha: str) -> Summary:
    """A made-up summary of the article whose text hashes to `sha`."""
    return Summary(content_sha256=sha, language="id", summary_language="id",
                   provenance=Provenance(model="m", prompt_version="extract/v1"))


def test_a_memo_made_while_another_process_holds_the_store_still_has_every_article(tmp_path, writer):
    article = tmp_path / "001.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=0.05)
    sentence = {"text": "Gubernur Kalimantan Utara menerima rombongan DPRD Gorontalo.", "cites": [1]}
    llm = FakeLLM(article_reply(), sentence)
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=llm)
    result = CliRunner().invoke(main, ["memo", str(article)], obj={"backend": backend, "store": store})
    assert result.exit_code == 0, result.output
    assert "1 artikel" in result.stdout and "Kunjungan Kerja" in result.stdout
    store.close()


def test_the_api_answers_a_summary_the_locked_store_could_not_take_with_200_and_the_warning(tmp_path, writer):
    store = SQLiteStore(tmp_path / "r.db", busy_wait_s=0.05)
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(article_reply()))
    with TestClient(create_app(backend.settings, backend, store), base_url="http://127.0.0.1") as client:
        response = client.post("/v1/summaries", json={"text": ARTICLE})
    assert response.status_code == 200, response.text
    warning = response.json()["warnings"][-1]
    assert warning.startswith("not stored: the summaries database is locked by another process")
    assert str(tmp_path) not in warning  # an API client is not told where the server keeps its files
    store.close()
