"""`sources.tsv` beside the articles is read by the articles' own encoding rules, and what cannot be used in it is
said and left out, never a traceback."""

import shutil

import pytest

from service.cli.inputs import read_sources_tsv
from tests.conftest import SEEDS
from tests.fakes import article_reply

HEADER = "id\turl\toutlet\n"
# A made-up outlet whose name has letters outside ASCII, as an export from a spreadsheet may hold.
ROW = "001\thttps://warta-daerah.example/berita/1\tWarta Daerah – Édisi Kaltara\n"


def test_a_file_in_windows_1252_is_read_as_written(tmp_path, capsys):
    (tmp_path / "sources.tsv").write_bytes((HEADER + ROW).encode("cp1252"))
    assert read_sources_tsv(tmp_path)["001"]["outlet"] == "Warta Daerah – Édisi Kaltara"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])  # both write a byte order mark first
def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path, encoding):
    (tmp_path / "sources.tsv").write_bytes((HEADER + ROW).encode(encoding))
    row = read_sources_tsv(tmp_path)["001"]
    assert row["url"] == "https://warta-daerah.example/berita/1" and row["outlet"] == "Warta Daerah – Édisi Kaltara"


def test_bad_rows_are_said_by_line_and_left_out_and_the_rest_kept(tmp_path, capsys):
    lines = [HEADER, "\n", "002\thttps://a.example/2\tSatu\tdua\ttiga\n", "\thttps://a.example/3\tTanpa Id\n",
             "004\tjavascript:alert(1)\tKabar Empat\n", ROW.replace("\n", "\r\n")]
    (tmp_path / "sources.tsv").write_text("".join(lines), encoding="utf-8")
    rows = read_sources_tsv(tmp_path)
    assert sorted(rows) == ["001", "004"] and rows["004"]["url"] == "" and rows["001"]["outlet"].endswith("Kaltara")
    err = capsys.readouterr().err
    path = tmp_path / "sources.tsv"
    assert f"{path}: line 3: 5 fields, the header names 3; the line is left out" in err
    assert f"{path}: line 4: no id; the line is left out" in err
    assert f"{path}: id 004: url left out" in err


@pytest.mark.parametrize("content, said", [
    (b"id\turl\x00\x01\x02", "cannot be read (binary data, not an article)"),
    ("url\toutlet\nhttps://a.example/1\tSatu\n".encode(), "no id column in its first line"),
    (b"", "no id column in its first line"),
])
def test_a_file_that_cannot_be_used_is_said_and_left_out(tmp_path, capsys, content, said):
    (tmp_path / "sources.tsv").write_bytes(content)
    assert read_sources_tsv(tmp_path) == {}
    assert f"{tmp_path / 'sources.tsv'}: {said}; its urls and outlets are left out" in capsys.readouterr().err


def test_no_file_is_no_sources(tmp_path):
    assert read_sources_tsv(tmp_path) == {}


def test_a_memo_takes_the_outlet_from_a_windows_1252_file_and_says_a_bad_row_once(invoke, tmp_path):
    for name in ("001.txt", "002.txt"):
        shutil.copy(SEEDS[2], tmp_path / name)
    (tmp_path / "002.txt").write_text(SEEDS[2].read_text(encoding="utf-8") + "\nKunjungan berlanjut.\n",
                                      encoding="utf-8")
    (tmp_path / "sources.tsv").write_bytes((HEADER + ROW + "003\tx\ty\tz\n").encode("cp1252"))
    sentences = [{"text": "Kunjungan ke Banten.", "cites": [n]} for n in (1, 2)]  # one for each article
    result = invoke(["memo", str(tmp_path)], article_reply(), article_reply(), *sentences)
    assert result.exit_code == 0, result.output
    assert "Warta Daerah – Édisi Kaltara" in result.stdout
    assert result.stderr.count("line 3: 4 fields, the header names 3") == 1
