"""The `ringkas memo` command on a fake backend: of articles, of the store, and its usage errors."""

from tests.conftest import SEEDS
from tests.fakes import article_reply


def test_memo_of_articles_then_from_the_store_without_a_model(invoke, tmp_path):
    main_reply = article_reply(officials=[("Fatikhatul Khoiriah", "Ketua Fraksi PKB", "DPRD Lampung")],
                               partners=[("Provinsi Banten", "province")], sectors=["UMKM"],
                               events=[("study_visit", ["DPRD Lampung"], ["Provinsi Banten"], [])])
    out = tmp_path / "memo.md"
    first = invoke(["memo", str(SEEDS[2]), "-o", str(out)], main_reply)  # the memo itself asks no model
    assert first.exit_code == 0, first.output
    assert "melakukan studi banding ke Provinsi Banten; mereka membahas UMKM. [1]" in out.read_text()
    html = tmp_path / "memo.html"
    again = invoke(["memo", "--from-store", "--format", "html", "--lang", "id", "-o", str(html)])  # no replies
    assert again.exit_code == 0, again.output
    assert "Fatikhatul Khoiriah" in html.read_text()
    docx = tmp_path / "memo.docx"
    assert invoke(["memo", "--from-store", "--format", "docx", "-o", str(docx)]).exit_code == 0
    assert docx.read_bytes()[:2] == b"PK"
    sentence = {"text": "Fatikhatul Khoiriah memimpin kunjungan UMKM ke Banten.", "cites": [1]}
    prose = invoke(["memo", "--from-store", "--prose", "model", "-o", str(out)], sentence)
    assert prose.exit_code == 0, prose.output
    assert "Fatikhatul Khoiriah memimpin kunjungan UMKM ke Banten. [1]" in out.read_text()


def test_memo_filters_and_usage_errors(invoke):
    assert invoke(["memo"]).exit_code == 2
    assert "needs -o" in invoke(["memo", "--from-store", "--format", "docx"]).output
    assert "unknown sector" in invoke(["memo", "--from-store", "--sector", "mining"]).output
    assert "no articles match" in invoke(["memo", "--from-store", "--partner", "Atlantis"]).output
