"""`ringkas eval` is a plugin of the CLI (an entry point), loaded only when it is run or listed."""

import importlib.metadata
import subprocess
import sys

from click.testing import CliRunner

from service import cli


def test_the_cli_does_not_import_the_eval_harness_when_it_loads():
    probe = "import sys, service.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'evals'))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_eval_is_registered_and_runs_as_a_command():
    assert "eval" in cli.main.list_commands(None)
    result = CliRunner().invoke(cli.main, ["eval", "--help"])
    assert result.exit_code == 0 and "--replay" in result.output


def test_a_plugin_that_fails_to_load_is_named_and_the_rest_work(monkeypatch):
    broken = importlib.metadata.EntryPoint("broken", "no_such_module_here:command", cli.PLUGIN_GROUP)
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [broken])
    result = CliRunner().invoke(cli.main, ["broken"])
    assert result.exit_code == 2 and "'broken' (no_such_module_here:command) could not be loaded" in result.output
    assert CliRunner().invoke(cli.main, ["summarize", "--help"]).exit_code == 0
