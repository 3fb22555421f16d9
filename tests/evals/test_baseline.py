"""CI's regression gate: the committed baseline run of the embedded model, replayed from the cached replies.

No model runs here. A change to the scorers or the pipeline that moves any headline number fails this test;
when the change is an intended improvement, re-run `ringkas eval --name baseline-embedded` and commit the run.
"""

import json

from click.testing import CliRunner

from evals.runner import RUNS_DIR, headline
from service.cli import main

BASELINE = RUNS_DIR / "baseline-embedded.json"


def test_replaying_the_baseline_reproduces_every_headline_number(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--replay", "--baseline", str(BASELINE), "--max-regression", "0",
                                       "--out-dir", str(tmp_path), "--name", "replay"])
    assert result.exit_code == 0, result.output
    replayed = json.loads((tmp_path / "replay.json").read_text())
    baseline = json.loads(BASELINE.read_text())
    assert headline(replayed) == headline(baseline)
    assert replayed["cache"]["misses"] == 0 and replayed["cache"]["hits"] >= len(baseline["articles"])
    assert (tmp_path / "replay.md").read_text().startswith("# Eval run")


def test_the_gate_fails_below_a_threshold(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--replay", "--fail-under", "officials_f1=1.01", "--no-write"])
    assert result.exit_code == 1 and "officials_f1" in result.output
