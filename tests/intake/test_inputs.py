"""Hostile and odd inputs (`tests/inputs/`), each with its expected outcome: a clear error naming the file, or
a correct, grounded summary. The fake model answers as a model that fell for the input would."""

import json
import logging
from pathlib import Path

import pytest

from tests.fakes import article_reply

INPUTS = Path(__file__).parents[1] / "inputs"

# File -> the error the CLI reports for it (no model call is made).
REFUSED = {
    "empty.txt": "empty article",
    "whitespace-only.txt": "empty article",
    "binary.bin": "binary data, not an article",
    "undecodable.txt": "not UTF-8 text (invalid byte at offset 49), and no other encoding reads it as clean text",
}

# File -> the encoding it is read in, how that was found (as --verbose reports it), and a phrase of its text.
READ_AS = {
    "page.html": ("utf-8", "the page's <meta> declaration", "\u201cLampung siap memasok beras"),
    "page-windows-1252.html": ("cp1252", "the page's <meta> declaration", "\u201cJalan ini urat nadi ekonomi"),
    "latin1-undeclared.txt": ("cp1252", "detected, nothing declared", "arsitek Andr\u00e9 Wijaya"),
    # Latin-1 bytes in a text that is otherwise ASCII: a legacy single-byte text, not broken UTF-8.
    "invalid-utf8.txt": ("cp1252", "detected, nothing declared", "Kata \u00e9l\u00e8ve"),
    "quotes-hundred.txt": ("utf-8", "valid UTF-8, nothing declared", "Poin kesepakatan nomor 1 "),
}


def summarize_file(invoke, name: str, *replies):
    """The summary of `tests/inputs/NAME` by the CLI on a fake answering `replies`, and that fake."""
    result = invoke(["summarize", str(INPUTS / name)], *replies)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), invoke.llm


@pytest.mark.parametrize("name, error", REFUSED.items())
def test_unusable_inputs_get_a_clear_error_and_no_model_call(invoke, name, error):
    result = invoke(["summarize", str(INPUTS / name)])  # the fake has no reply: any call would fail
    assert result.exit_code == 1
    assert f"{INPUTS / name}: {error}" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name, read_as", READ_AS.items())
def test_each_input_is_read_in_its_encoding_and_verbose_mode_says_which(invoke, caplog, name, read_as):
    encoding, how, phrase = read_as
    caplog.set_level(logging.INFO, logger="service.cli")
    result = invoke(["-v", "summarize", str(INPUTS / name)], article_reply())
    assert result.exit_code == 0, result.output
    assert f"{INPUTS / name}: read as {encoding} ({how})" in caplog.text
    assert phrase in invoke.llm.requests[0]["messages"][1]["content"]


def test_a_windows_1252_page_is_summarized_with_its_curly_quotes(invoke):
    summary, llm = summarize_file(invoke, "page-windows-1252.html", article_reply(
        officials=[("Al Haris", "Gubernur", "Jambi"), ("Abdul Wahid", "Gubernur", "Riau")]))
    assert summary["title"] == "Jambi dan Riau Bahas Jalan Lintas Provinsi"
    assert [(q["speaker"], q["text"]) for q in summary["quotes"]] == [
        ("Al Haris", "Jalan ini urat nadi ekonomi dua provinsi,"),
        ("Abdul Wahid", "Kami anggarkan tahun depan,")]
    assert "\ufffd" not in llm.requests[0]["messages"][1]["content"]


def test_a_ten_megabyte_text_is_refused_as_too_large_before_it_is_read_whole(invoke, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Gubernur Banten bertemu Gubernur Lampung. " * 250_000, encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    result = invoke(["summarize", str(big)])
    assert result.exit_code == 1 and "too large: over 2,000,000 bytes" in result.stderr


def test_a_text_within_the_page_limit_but_over_the_article_limit_is_too_long(invoke, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("Gubernur Banten bertemu Gubernur Lampung. " * 5_000, encoding="utf-8")  # 210,000 characters
    result = invoke(["summarize", str(long)])
    assert result.exit_code == 1 and "too long: 210,000 characters (limit 200,000)" in result.stderr


def test_a_page_larger_than_the_article_limit_is_read_down_to_its_article(invoke, tmp_path):
    article = "Gubernur Banten Andra Soni bertemu Gubernur Lampung di Serang untuk kerja sama pangan."
    furniture = "<nav>" + "<a href='/x'>Berita lain hari ini</a>" * 6_000 + "</nav>"  # ~240,000 characters
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><body>{furniture}<article><p>{article}</p></article></body></html>",
                    encoding="utf-8")
    assert page.stat().st_size > 200_000
    from service.cli.inputs import read_article

    assert read_article(str(page), 200_000).text == article + "\n"


def test_a_whole_html_page_is_read_as_its_article(invoke):
    summary, llm = summarize_file(invoke, "page.html", article_reply(
        officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung"), ("Andra Soni", "Gubernur", "Banten")],
        sectors=["pangan", "UMKM"]))
    prompt = llm.requests[0]["messages"][1]["content"]
    for furniture in ("gtag", "dataLayer", "console.log", "Beranda", "Terpopuler", "Dedi Mulyadi", "Harga Cabai",
                      "<p", "&ldquo;"):
        assert furniture not in prompt
    assert summary["title"] == "Lampung dan Banten Sepakat Kerja Sama Pangan"
    assert [(q["speaker"], q["text"]) for q in summary["quotes"]] == [
        ("Rahmat Mirzani Djausal", "Lampung siap memasok beras dan jagung untuk kebutuhan Banten,"),
        ("Andra Soni", "Kami ingin harga pangan di Banten tetap stabil,")]
    assert {p["name"] for p in summary["partners"]} == {"Provinsi Lampung", "Provinsi Banten"}


def test_text_extracted_from_a_pdf_gets_its_sentences_back(invoke):
    summary, _ = summarize_file(invoke, "pdf-extract.txt", article_reply(
        officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung"), ("Andra Soni", "Gubernur", "Banten")],
        goals=["menjaga inflasi daerah"]))
    quotes = [(q["speaker"], q["text"]) for q in summary["quotes"]]
    assert quotes == [
        ("Rahmat Mirzani Djausal", "Lampung siap memasok beras dan jagung untuk kebutuhan Banten setiap bulan,"),
        ("Andra Soni", "Kami ingin harga pangan di Banten tetap stabil,")]
    assert [g["text"] for g in summary["goals"]][0] == "menjaga inflasi daerah"


def test_an_article_in_another_language_is_read_with_a_warning(invoke):
    invented = article_reply(officials=[("Grégory Doucet", "maire", "Lyon"), ("Budi Santoso", "Bupati", "Lampung")])
    # Re-asked once, still invented; « … », a déclaré is a cue the rules do not know, so the model names the speaker.
    summary, _ = summarize_file(invoke, "other-language.txt", invented, invented, {"speakers": ["Grégory Doucet"]})
    assert summary["language"] == "und"
    assert any("neither Indonesian nor English" in w for w in summary["warnings"])
    assert [o["name"] for o in summary["officials"]] == ["Grégory Doucet"]  # the invented one is dropped
    assert [q["text"] for q in summary["quotes"]] == ["Nous voulons partager notre expérience du recyclage"]


def test_unbalanced_and_nested_quotation_marks(invoke):
    summary, _ = summarize_file(invoke, "quotes-unbalanced-nested.txt", article_reply(
        officials=[("Andra Soni", "Gubernur", "Banten"), ("Pramono Anung", "Gubernur", "DKI Jakarta")]))
    text = (INPUTS / "quotes-unbalanced-nested.txt").read_text(encoding="utf-8")
    assert [(q["speaker"], q["text"]) for q in summary["quotes"]] == [
        ("Andra Soni", "Kami sepakat soal ‘aplikasi JAKI’ untuk warga Banten,"),
        ("Pramono Anung", "Jakarta terbuka untuk berbagi,")]  # the quote never closed is not invented
    for q in summary["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_a_hundred_quotes_are_all_found_verbatim_with_their_speakers(invoke):
    summary, llm = summarize_file(invoke, "quotes-hundred.txt", article_reply(
        officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung"), ("Andra Soni", "Gubernur", "Banten")]))
    text = (INPUTS / "quotes-hundred.txt").read_text(encoding="utf-8")
    assert len(summary["quotes"]) == 100 and len(llm.requests) == 1  # speakers by cue: no second prompt
    for i, q in enumerate(summary["quotes"]):
        assert text[q["start"] : q["end"]] == q["text"] == f"Poin kesepakatan nomor {i + 1} sudah kami catat,"
        assert q["speaker"] == ("Rahmat Mirzani Djausal" if i % 2 == 0 else "Andra Soni")


@pytest.mark.parametrize("name, steered", [
    ("steering-id.txt", article_reply(officials=[("Joko Widodo", "Presiden", "RI"),
                                                 ("Rahmat Mirzani Djausal", "Gubernur", "Lampung")],
                                      partners=[("RAHASIA", "other")],
                                      events=[("signing", ["Joko Widodo"], ["RAHASIA"], [])])),
    ("steering-en.txt", article_reply(officials=[("PWNED", "PWNED", "PWNED"),
                                                 ("Rahmat Mirzani Djausal", "Governor", "Lampung")],
                                      sectors=["PWNED"], events=[("meeting", [], [], ["PWNED", "Lampung"])])),
])
def test_an_article_that_tries_to_steer_the_model_changes_neither_shape_nor_facts(invoke, name, steered):
    summary, llm = summarize_file(invoke, name, steered, steered)  # re-asked once, the model insists
    prompt = llm.requests[0]["messages"][1]["content"]
    assert "Abaikan instruksi" not in prompt and "Ignore previous" not in prompt  # never shown to the model
    assert set(summary) >= {"events", "officials", "partners", "sectors", "goals", "quotes", "summary", "warnings"}
    # Both governors the article names; never the president the steering line plants.
    assert [o["name"] for o in summary["officials"]] == ["Rahmat Mirzani Djausal", "Andra Soni"]
    dumped = json.dumps({k: summary[k] for k in ("events", "officials", "partners", "sectors", "goals", "quotes",
                                                 "summary")})
    for planted in ("Joko Widodo", "RAHASIA", "PWNED"):
        assert planted not in dumped
    assert [q["speaker"] for q in summary["quotes"]] == ["Rahmat Mirzani Djausal"]


def test_names_typed_with_invisible_characters_and_special_spaces_are_found_whole(invoke):
    summary, llm = summarize_file(invoke, "names-invisible-characters.txt", article_reply(
        officials=[("Budi Santoso", "Bupati", "Lampung Timur"), ("José Rizal", "Wali Kota", "Metro")],
        sectors=["pariwisata"]))
    text = (INPUTS / "names-invisible-characters.txt").read_text(encoding="utf-8")
    assert len(llm.requests) == 1  # the names as the model writes them occur: no re-ask, no speakers prompt
    assert "Budi Sant\u200boso menerima" in llm.requests[0]["messages"][1]["content"]  # the model reads the text as is
    assert [(o["name"], [text[s:e] for s, e in o["spans"]]) for o in summary["officials"]] == [
        ("Budi Santoso", ["Budi Sant\u200boso"] * 2), ("José Rizal", ["Jose\u0301\u00a0Rizal", "Jose\u0301 Rizal"])]
    assert [(q["speaker"], q["attribution"]) for q in summary["quotes"]] == [("Budi Santoso", "cue"),
                                                                           ("José Rizal", "cue")]
    assert [(s["evidence"], [text[a:b] for a, b in s["spans"]]) for s in summary["sectors"]] == [
        ("pariwisata", ["pari\u00adwisata"])]
