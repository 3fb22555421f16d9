"""The `ringkas summarize` command on a fake backend."""

import json
import logging
import shutil

from service.model.llm import ModelError
from tests.conftest import SEEDS
from tests.fakes import article_reply


def test_one_article_is_one_json_object(invoke):
    result = invoke(["summarize", str(SEEDS[2])], article_reply())
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [q["speaker"] for q in summary["quotes"]] == ["Fatikhatul Khoiriah"] * 2


def test_a_directory_gives_one_object_per_line(invoke, tmp_path):
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path)
    result = invoke(["summarize", str(tmp_path)], article_reply(), article_reply())
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["content_sha256"] for line in lines)


def test_stdin_and_markdown(invoke):
    result = invoke(["summarize", "-", "--format", "md", "--lang", "en"], article_reply(),
                    input=SEEDS[0].read_text())
    assert result.exit_code == 0, result.output
    assert "## Officials" in result.stdout and "**Mingrum Gumay**" in result.stdout


def test_out_dir_writes_one_file_each_and_skips_finished_ones(invoke, tmp_path):
    out = tmp_path / "out"
    result = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out)], article_reply(), article_reply())
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [SEEDS[0].stem + ".json", SEEDS[1].stem + ".json"]
    again = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out)])  # no reply queued
    assert again.exit_code == 0, again.output


def test_bad_inputs_are_reported_and_the_rest_goes_on(invoke, tmp_path):
    (tmp_path / "a_empty.txt").write_text("  \n")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    (tmp_path / "c_garbled.txt").write_bytes(b"Gubernur " + bytes(range(0x80, 0x100)) * 3)
    shutil.copy(SEEDS[0], tmp_path / "d_good.txt")
    result = invoke(["summarize", str(tmp_path)], article_reply())
    assert result.exit_code == 1
    assert "a_empty.txt: empty article" in result.stderr
    assert "b_binary.txt: binary data, not an article" in result.stderr
    assert "c_garbled.txt: not UTF-8 text (invalid byte at offset 9), and no other encoding reads it" in result.stderr
    assert "3 of 4 article(s) failed" in result.stderr
    assert json.loads(result.stdout.strip())["title"].startswith("Ketua DPRD Lampung")


def test_stdin_in_a_legacy_encoding_is_read_and_verbose_mode_says_how(invoke, caplog):
    caplog.set_level(logging.INFO, logger="service.cli")
    text = "Wali Kota Padang bertemu Bupati Agam.\n\n\u201cKami bekerja sama,\u201d kata Wali Kota.\n"
    result = invoke(["-v", "summarize", "-"], article_reply(), input=text.encode("cp1252"))
    assert result.exit_code == 0, result.output
    assert "stdin: read as cp1252 (detected, nothing declared)" in caplog.text
    assert "\u201cKami bekerja sama,\u201d" in invoke.llm.requests[0]["messages"][1]["content"]


def test_the_input_error_is_still_importable_from_the_cli():
    from service.cli import ArticleInputError
    from service.intake import ArticleInputError as raised

    assert ArticleInputError is raised


def test_a_model_failure_names_the_article_and_goes_on(invoke):
    result = invoke(["summarize", str(SEEDS[0]), str(SEEDS[1])],
                    ModelError("timeout", "the model endpoint did not answer in time"), article_reply())
    assert result.exit_code == 1
    assert f"{SEEDS[0]}: model failed (timeout)" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_missing_path_is_a_usage_error(invoke):
    result = invoke(["summarize", "/no/such/file.txt"])
    assert result.exit_code == 2 and "no such file or directory" in result.stderr


def test_the_same_article_twice_is_summarized_once(invoke, store):
    first = invoke(["summarize", str(SEEDS[0])], article_reply())
    second = invoke(["summarize", str(SEEDS[0])])  # no reply queued: a model call would fail the test
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_files_of_the_same_name_in_two_folders_get_a_result_each(invoke, tmp_path):
    for folder, who in (("a", "Andra Soni"), ("b", "Pramono Anung")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(f"Kunjungan\n\nGubernur {who} menerima tamu dari Lampung.\n")
    out = tmp_path / "out"
    result = invoke(["summarize", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)],
                    article_reply(), article_reply())
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and "001.json" in names and any(n.startswith("001-") for n in names)


def test_an_article_too_long_for_the_model_is_reported_as_such(invoke, tmp_path):
    article = tmp_path / "panjang.txt"
    article.write_text("Gubernur Banten bertemu Bupati Bogor.\n", encoding="utf-8")
    too_long = ModelError("too_long", "the article is too long for the model: 45,000 characters make a prompt "
                                      "of 13,897 tokens")
    result = invoke(["summarize", str(article)], too_long)
    assert result.exit_code == 1
    assert "panjang.txt: the article is too long for the model: 45,000 characters" in result.output
    assert "model failed" not in result.output
