"""A summaries database that is not one (random bytes where ringkas.db should be) is reported by name, with what
to do, and left as it is: by the store, by `ringkas summarize` and `ringkas memo`, and by `ringkas serve`."""

import random

import pytest
from click.testing import CliRunner

import service.cli.memo
import service.cli.serve
import service.cli.summarize
from service.cli import main
from service.library.sqlite import SQLiteStore
from service.library.store import StoreDamaged, StoreError
from service.model.backend import Backend
from service.settings import Settings
from tests.conftest import SEEDS
from tests.fakes import FakeLLM


@pytest.fixture
def damaged(tmp_path):
    """A data directory whose ringkas.db holds 8 KiB of (seeded) random bytes; returns the file and its bytes."""
    path = tmp_path / "data" / "ringkas.db"
    path.parent.mkdir()
    data = random.Random(7).randbytes(8192)
    path.write_bytes(data)
    return path, data


def test_a_file_of_random_bytes_is_a_damaged_store_named_and_left_as_it_is(damaged):
    path, data = damaged
    with pytest.raises(StoreDamaged) as raised:
        SQLiteStore(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: not a Ringkas database, or a damaged one (file is not a database); ")
    assert "Ringkas never deletes it: move it aside" in message
    assert path.read_bytes() == data


def test_a_folder_that_cannot_be_made_is_a_store_error(tmp_path):
    (tmp_path / "a file").write_text("")
    with pytest.raises(StoreError, match="in a folder that cannot be made"):
        SQLiteStore(tmp_path / "a file" / "ringkas.db")


def test_a_folder_where_the_file_should_be_is_a_store_error_naming_it(tmp_path):
    (tmp_path / "ringkas.db").mkdir()
    with pytest.raises(StoreError) as raised:
        SQLiteStore(tmp_path / "ringkas.db")
    assert str(raised.value).startswith(f"{tmp_path / 'ringkas.db'}: unusable (unable to open database file); ")


@pytest.fixture
def run_cli(damaged, monkeypatch):
    """Run the CLI in-process with the damaged data directory as its settings' (and a fake model)."""
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", data_dir=damaged[0].parent)
    for command in (service.cli.summarize, service.cli.memo, service.cli.serve):  # each reads the settings
        monkeypatch.setattr(command, "get_settings", lambda: settings)

    def run(args):
        backend = Backend(settings, llm=FakeLLM())
        return CliRunner().invoke(main, args, obj={"backend": backend})

    return run


@pytest.mark.parametrize("args", [["summarize", str(SEEDS[0])], ["memo", "--from-store"], ["serve"]])
def test_each_command_says_which_file_and_what_to_do_and_exits_cleanly(run_cli, damaged, args):
    path, data = damaged
    result = run_cli(args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # click's clean exit, not an exception escaping
    assert f"Error: {path}: not a Ringkas database, or a damaged one" in result.output
    assert "move it aside" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == data
