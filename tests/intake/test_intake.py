"""Intake: decoding an article's bytes by the encoding they declare or are found in (on made-up pages and texts),
and the outlet a dateline names."""

import pytest

from service.intake import ArticleInputError, dateline_outlet, decode_article_bytes
from tests.intake.test_inputs import INPUTS

QUOTED = "Gubernur Jambi Al Haris berkata, \u201cJalan ini urat nadi ekonomi,\u201d di Pekanbaru."


def page(charset_tag: str, body: str = QUOTED) -> str:
    """A small HTML page with `charset_tag` in its head and `body` in a paragraph."""
    return f"<!DOCTYPE html>\n<html><head>{charset_tag}<title>Jambi</title></head><body><p>{body}</p></body></html>"


def test_a_windows_1252_page_is_read_by_its_meta_charset():
    data = (INPUTS / "page-windows-1252.html").read_bytes()
    assert b"\x93Jalan ini urat nadi ekonomi dua provinsi,\x94" in data
    decoded = decode_article_bytes(data, filename="page-windows-1252.html")
    assert (decoded.encoding, decoded.method) == ("cp1252", "meta")
    assert "\u201cJalan ini urat nadi ekonomi dua provinsi,\u201d kata Al Haris." in decoded.text


def test_a_declared_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    # 0x93/0x94 are C1 controls in ISO-8859-1 proper; the WHATWG Encoding standard maps the label to windows-1252.
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252")
    decoded = decode_article_bytes(data)
    assert (decoded.encoding, decoded.method) == ("cp1252", "meta")
    assert QUOTED in decoded.text


def test_a_content_type_header_overrides_the_meta():
    data = page('<meta charset="windows-1252">').encode("utf-8")  # a page re-saved as UTF-8, its meta left
    assert "\u00e2\u20ac\u0153Jalan" in decode_article_bytes(data).text  # read by the meta: mojibake
    decoded = decode_article_bytes(data, content_type="text/html; charset=UTF-8")
    assert (decoded.encoding, decoded.method) == ("utf-8", "http-header")
    assert QUOTED in decoded.text


def test_a_byte_order_mark_overrides_header_and_meta_and_is_left_out():
    data = b"\xef\xbb\xbf" + page('<meta charset="windows-1252">').encode("utf-8")
    decoded = decode_article_bytes(data, content_type="text/html; charset=windows-1252")
    assert (decoded.encoding, decoded.method) == ("utf-8", "bom")
    assert decoded.text.startswith("<!DOCTYPE html>") and QUOTED in decoded.text


def test_a_utf16_text_with_a_byte_order_mark():
    text = "Bupati Sleman bertemu Wali Kota Yogyakarta.\n\u201cKami siap,\u201d kata Kustini.\n"
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    assert b"\x00" in data  # NUL bytes, yet text: the byte order mark says so
    decoded = decode_article_bytes(data, filename="sleman.txt")
    assert decoded == type(decoded)(text=text, encoding="utf-16-le", method="bom")


def test_plain_utf8_text():
    decoded = decode_article_bytes(QUOTED.encode("utf-8"), filename="jambi.txt")
    assert decoded == type(decoded)(text=QUOTED, encoding="utf-8", method="utf-8")


def test_an_undeclared_latin1_indonesian_text_is_read_in_the_detected_encoding():
    data = (INPUTS / "latin1-undeclared.txt").read_bytes()
    decoded = decode_article_bytes(data, filename="latin1-undeclared.txt")
    assert decoded.method == "detected"
    assert decoded.text == data.decode("latin-1")  # "½" and "André" as written, not a Central European reading
    assert "\u00bd dari sampah harian" in decoded.text and "60\u00b0C" in decoded.text


def test_a_charset_in_a_text_files_content_type_is_followed():
    data = QUOTED.encode("cp1252")
    decoded = decode_article_bytes(data, content_type="text/plain; charset=windows-1252")
    assert (decoded.text, decoded.encoding, decoded.method) == (QUOTED, "cp1252", "http-header")


@pytest.mark.parametrize("content_type, filename", [("text/plain", None), (None, "jambi.txt")])
def test_a_meta_in_what_is_declared_text_is_not_a_declaration(content_type, filename):
    data = page('<meta charset="koi8-r">').encode("cp1252")  # a meta that would garble it if followed
    decoded = decode_article_bytes(data, content_type=content_type, filename=filename)
    assert decoded.method == "detected" and QUOTED in decoded.text


def test_a_page_is_told_by_its_type_its_name_or_its_markup():
    data = page('<meta charset="windows-1252">').encode("cp1252")
    for content_type, filename in [("text/html", "upload.bin"), (None, "jambi.HTM"), (None, None)]:
        assert decode_article_bytes(data, content_type=content_type, filename=filename).method == "meta"


def test_a_meta_saying_utf16_means_utf8():
    # The declaration was read in ASCII bytes, so the page cannot be UTF-16 (WHATWG HTML prescan).
    decoded = decode_article_bytes(page('<meta charset="utf-16">').encode("utf-8"))
    assert (decoded.encoding, decoded.method) == ("utf-8", "meta") and QUOTED in decoded.text


@pytest.mark.parametrize("data", [
    (INPUTS / "binary.bin").read_bytes(),  # a PNG
    b"Gubernur\x00Jambi",
    b"\xff\xfe" + "Jambi\x00".encode("utf-16-le"),  # NUL decoded from UTF-16 is binary all the same
])
def test_binary_data_is_refused(data):
    with pytest.raises(ArticleInputError, match="^binary data, not an article$"):
        decode_article_bytes(data, filename="a.txt")


def test_bytes_no_encoding_reads_cleanly_are_refused():
    with pytest.raises(ArticleInputError, match=r"^not UTF-8 text \(invalid byte at offset 49\), and no other "
                                                r"encoding reads it as clean text; save it as UTF-8$"):
        decode_article_bytes((INPUTS / "undecodable.txt").read_bytes(), filename="undecodable.txt")


@pytest.mark.parametrize("text, outlet", [
    ("Judul\n\nBandarlampung (ANTARA) - Pemerintah Provinsi Lampung ...", "ANTARA"),
    ("Jayapura (Antara Papua) - Pemerintah Kota Vanimo ...", "Antara Papua"),
    ("Lampung Tengah(DLO)– 25 anggota DPRD ...", "DLO"),
    ("BeritaNasional.com - Gubernur DKI Jakarta Pramono Anung ...", "BeritaNasional.com"),
    ("agendakaltimnews.com – Kaltim belum dapat ...", "agendakaltimnews.com"),
    ("BANDARLAMPUNG - Dalam upaya mendukung UMKM ...", None),  # a place, not an outlet
    ("Komisi II melakukan kunjungan (Kunker) - ke Banten", None),
    ("Rapat digelar Selasa (22/8) - pukul 10.00", None),
])
def test_the_dateline_names_the_outlet(text, outlet):
    assert dateline_outlet(text) == outlet
