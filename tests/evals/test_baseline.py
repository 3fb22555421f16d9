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


def test_a_replay_against_replies_recorded_for_other_requests_fails_the_gate(tmp_path, monkeypatch):
    # The prompt the code builds changes (here: one more word in the system message); the recorded replies
    # answer the old one, so the gate must fail instead of scoring them.
    import service.extraction.pipeline

    original = service.extraction.pipeline.with_schema
    monkeypatch.setattr(service.extraction.pipeline, "with_schema", lambda system, model: original(system + " ", model))
    result = CliRunner().invoke(main, ["eval", "--replay", "--no-write"])
    assert result.exit_code == 1
    assert "replayed against replies recorded for other requests" in result.output
    rough = CliRunner().invoke(main, ["eval", "--replay", "--allow-stale", "--no-write"])
    assert rough.exit_code == 0 and "replayed repl(ies) were recorded for a request" in rough.output
