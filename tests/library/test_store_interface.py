"""The `Store` protocol and where the database is: the SQLite store is a `Store`, `RINGKAS_DATABASE_URL` (by default
ringkas.db in `RINGKAS_DATA_DIR`) names it, and a URL Ringkas cannot use is refused by name, by `open_store`, the CLI
and the API."""

import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner

import service.cli.memo
import service.cli.serve
import service.cli.summarize
from schemas.summary import Provenance, Summary
from service.api.app import create_app
from service.cli import main
from service.library.sqlite import SQLiteStore
from service.library.store import Store, StoreError, StoreUrlError, open_store, sqlite_path
from service.model.backend import Backend
from service.settings import Settings
from tests.conftest import SEEDS
from tests.fakes import FakeLLM

ROOT = Path(__file__).resolve().parents[2]
ADVICE = ("set RINGKAS_DATABASE_URL to sqlite:///relative/path or sqlite:////absolute/path, or leave it unset for "
          "ringkas.db in RINGKAS_DATA_DIR")
POSTGRES = "postgresql://ringkas:s3cret@db.example/ringkas"


def summary_of(sha: str) -> Summary:
    return Summary(content_sha256=sha, language="id", summary_language="id",
                   provenance=Provenance(model="m", prompt_version="extract/v1"))


def protocol_members(protocol: type) -> list[str]:
    return [name for name in vars(protocol) if not name.startswith("_")]


def test_the_sqlite_store_has_every_operation_of_the_protocol_as_the_protocol_declares_it(tmp_path):
    assert protocol_members(Store) == ["get", "put", "all", "get_executive_summary", "put_executive_summary",
                                       "executive_summaries", "close"]
    for name in protocol_members(Store):
        declared, implemented = inspect.getattr_static(Store, name), inspect.getattr_static(SQLiteStore, name)
        if isinstance(declared, property):
            assert isinstance(implemented, property), name
        else:
            assert list(inspect.signature(implemented).parameters.values()) == \
                list(inspect.signature(declared).parameters.values()), name
    store = SQLiteStore(tmp_path / "r.db")
    assert isinstance(store, Store)
    store.close()


def use_through_the_protocol(store: Store) -> None:
    """Every operation the rest of Ringkas uses, as it uses them, on any `Store`."""
    first = store.put(summary_of("abc"), "teks", outlet="ANTARA", published="2025-04-09")
    again = store.put(summary_of("abc"), "teks lain")
    assert again.id == first.id and again.article == "teks" and again.outlet == "ANTARA"
    assert store.get("abc") == first and store.get("zzz") is None
    assert list(store.all()) == [first] and list(store.all(since="2025-05-01")) == []
    assert store.get_executive_summary("k") is None and store.executive_summaries.get("k") is None
    store.executive_summaries["k"] = [{"text": "Gubernur datang.", "cites": [1]}]
    assert store.get_executive_summary("k") == [{"text": "Gubernur datang.", "cites": [1]}]
    store.put_executive_summary("k", [])
    assert store.executive_summaries.get("k") == []
    store.close()


def test_a_store_in_memory_does_all_a_store_does():
    use_through_the_protocol(open_store("sqlite:///:memory:"))


def test_the_database_is_ringkas_db_in_the_data_directory_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("RINGKAS_DATABASE_URL", raising=False)
    monkeypatch.setenv("RINGKAS_DATA_DIR", str(tmp_path / "data"))
    settings = Settings(_env_file=None)
    assert settings.database_url == f"sqlite:///{tmp_path}/data/ringkas.db"
    use_through_the_protocol(open_store(settings))
    assert (tmp_path / "data" / "ringkas.db").is_file()


def test_a_relative_data_directory_gives_a_relative_file(tmp_path, monkeypatch):
    monkeypatch.delenv("RINGKAS_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    settings = Settings(_env_file=None, data_dir=Path("data"))
    assert settings.database_url == "sqlite:///data/ringkas.db"
    assert sqlite_path(settings.database_url) == Path("data") / "ringkas.db"


def test_a_database_url_set_wins_over_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("RINGKAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RINGKAS_DATABASE_URL", f"sqlite:///{tmp_path}/elsewhere/summaries.db")
    open_store(Settings(_env_file=None)).close()
    assert (tmp_path / "elsewhere" / "summaries.db").is_file() and not (tmp_path / "data").exists()


@pytest.mark.parametrize("url, path", [
    ("sqlite:///ringkas.db", Path("ringkas.db")),
    ("sqlite:///data/ringkas.db", Path("data/ringkas.db")),
    ("sqlite:////srv/ringkas/ringkas.db", Path("/srv/ringkas/ringkas.db")),
    ("SQLite:////srv/a b/r.db", Path("/srv/a b/r.db")),  # the path as written
    ("sqlite:///:memory:", Path(":memory:")),
])
def test_a_sqlite_url_names_its_file(url, path):
    assert sqlite_path(url) == path


@pytest.mark.parametrize("url, reason", [
    (POSTGRES, "postgresql is not supported yet"),
    ("postgresql+psycopg://ringkas:s3cret@db.example/ringkas", "postgresql is not supported yet"),
    ("mysql://ringkas:s3cret@db.example/ringkas", "mysql is not supported yet"),
    ("/srv/ringkas/ringkas.db", "not a database URL (scheme://…)"),
    ("ringkas:s3cret@db.example://x", "not a database URL (scheme://…)"),
    ("sqlite://", "sqlite:// names no file"),
    ("sqlite:///", "sqlite:/// names no file"),
    ("sqlite://host/ringkas.db", "sqlite://host/ringkas.db names no file"),
])
def test_a_url_ringkas_cannot_use_is_refused_naming_the_setting_and_never_a_password(url, reason):
    with pytest.raises(StoreUrlError) as raised:
        open_store(url)
    assert isinstance(raised.value, StoreError) and raised.value.reason == reason
    assert str(raised.value) == f"RINGKAS_DATABASE_URL: {reason}; {ADVICE}"
    assert "s3cret" not in str(raised.value)


@pytest.mark.parametrize("args", [["summarize", str(SEEDS[0])], ["memo", "--from-store"], ["serve"]])
def test_each_command_refuses_an_unsupported_database_url_with_a_message(monkeypatch, args):
    settings = Settings(_env_file=None, llm_base_url="http://127.0.0.1:9/v1", database_url=POSTGRES)
    for command in (service.cli.summarize, service.cli.memo, service.cli.serve):  # each reads the settings
        monkeypatch.setattr(command, "get_settings", lambda: settings)
    result = CliRunner().invoke(main, args, obj={"backend": Backend(settings, llm=FakeLLM())})
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # click's clean exit, not an exception escaping
    assert f"Error: RINGKAS_DATABASE_URL: postgresql is not supported yet; {ADVICE}" in result.output
    assert "Traceback" not in result.output and "s3cret" not in result.output


def test_the_api_does_not_start_on_an_unsupported_database_url():
    settings = Settings(_env_file=None, llm_base_url="http://127.0.0.1:9/v1", database_url=POSTGRES)
    with pytest.raises(StoreUrlError, match="postgresql is not supported yet"):
        create_app(settings, Backend(settings, llm=FakeLLM()))


def test_only_open_store_makes_a_store_in_the_product():
    makers = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "service").rglob("*.py")
                    if "SQLiteStore(" in path.read_text(encoding="utf-8"))
    assert makers == ["service/library/store.py"]
