"""The `ringkas summarize` command on a fake backend."""

import json
import shutil

from click.testing import CliRunner

from service.backend import Backend
from service.cli import main
from service.llm import ModelError
from service.settings import Settings
from tests.conftest import SEEDS
from tests.fakes import FakeLLM, article_reply


def invoke(args, *replies, input=None):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(*replies))
    return CliRunner().invoke(main, args, obj={"backend": backend}, input=input)


def test_one_article_is_one_json_object():
    result = invoke(["summarize", str(SEEDS[2])], article_reply())
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [q["speaker"] for q in summary["quotes"]] == ["Fatikhatul Khoiriah"] * 2


def test_a_directory_gives_one_object_per_line(tmp_path):
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path)
    result = invoke(["summarize", str(tmp_path)], article_reply(), article_reply())
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["content_sha256"] for line in lines)


def test_stdin_and_markdown():
    result = invoke(["summarize", "-", "--format", "md", "--lang", "en"], article_reply(summary="They met."),
                    input=SEEDS[0].read_text())
    assert result.exit_code == 0, result.output
    assert "## Officials" in result.stdout and "**Mingrum Gumay**" in result.stdout


def test_out_dir_writes_one_file_each_and_skips_finished_ones(tmp_path):
    out = tmp_path / "out"
    result = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out)], article_reply(), article_reply())
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [SEEDS[0].stem + ".json", SEEDS[1].stem + ".json"]
    again = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out)])  # no reply queued
    assert again.exit_code == 0, again.output


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_text("  \n")
    (tmp_path / "b_binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    shutil.copy(SEEDS[0], tmp_path / "c_good.txt")
    result = invoke(["summarize", str(tmp_path)], article_reply())
    assert result.exit_code == 1
    assert "a_empty.txt: empty article" in result.stderr
    assert "b_binary.txt: not UTF-8 text" in result.stderr
    assert "2 of 3 article(s) failed" in result.stderr
    assert json.loads(result.stdout.strip())["title"].startswith("Ketua DPRD Lampung")


def test_a_model_failure_names_the_article_and_goes_on():
    result = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1])],
                    ModelError("timeout", "the model endpoint did not answer in time"), article_reply())
    assert result.exit_code == 1
    assert f"{SEEDS[0]}: model failed (timeout)" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_missing_path_is_a_usage_error():
    result = invoke(["summarize", "/no/such/file.txt"])
    assert result.exit_code == 2 and "no such file or directory" in result.stderr
