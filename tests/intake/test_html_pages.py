"""Reading hostile and broken HTML pages: each gives text or a clear `ArticleInputError`, never another error.

The pages are made up, each of a shape known to break or slow an HTML parser; how long they take is measured by
benchmarks/html_parsing.py, not asserted here."""

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from service.api.app import create_app
from service.intake import ArticleInputError, html_to_text, looks_like_html, prepare_text
from service.model.backend import Backend
from service.settings import Settings
from tests.fakes import FakeLLM, article_reply

HOSTILE_PAGES = {
    # A marked section never closed: html.parser raised AssertionError on it.
    "malformed declaration": "<![foo",
    # 60 KB of unclosed start tags: html.parser took 35 s on it before Python 3.11.13 (CVE-2025-6069).
    "60 KB of '<a '": "<a " * 20_000,
    "10,000 nested divs": "<div>" * 10_000 + "<p>Gubernur Banten datang.</p>" + "</div>" * 10_000,
    "NUL bytes": "<p>Gubernur\x00Banten</p>\x00<p>datang.</p>",
    "broken entities": "<p>&amp &#; &#x; &#xD800; &#0; &#1114112; &ampx; &ldquo &; &#99999999999999999999;</p>",
    "unclosed script": "<p>Gubernur Banten datang.</p><script>var a = '</p>Bukan berita';",
    "lone surrogate": "<p>Gubernur \ud800 Banten</p>",
    "only markup": "<html><head><style>p {}</style></head><body></body></html>",
    "unclosed comment": "<p>Isi</p><!-- " + "<p>tersembunyi</p>" * 1000,
}


@pytest.mark.parametrize("page", HOSTILE_PAGES.values(), ids=HOSTILE_PAGES.keys())
def test_a_hostile_page_gives_text_or_an_article_input_error(page):
    try:
        text = html_to_text(page)
    except ArticleInputError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and text.endswith("\n")


def test_deep_nesting_and_broken_markup_keep_the_article_text():
    assert html_to_text(HOSTILE_PAGES["10,000 nested divs"]) == "Gubernur Banten datang.\n"
    assert html_to_text(HOSTILE_PAGES["unclosed script"]) == "Gubernur Banten datang.\n"
    assert html_to_text(HOSTILE_PAGES["NUL bytes"]) == "Gubernur\ufffdBanten\n\n\ufffd\n\ndatang.\n"
    assert html_to_text(HOSTILE_PAGES["lone surrogate"]) == "Gubernur \ufffd Banten\n"
    assert html_to_text(HOSTILE_PAGES["unclosed comment"]) == "Isi\n"
    assert html_to_text("<p>Kata &ldquo;sepakat&rdquo; &amp; &bogus; tetap.</p>") == \
        "Kata \u201csepakat\u201d & &bogus; tetap.\n"


def test_a_declared_charset_is_not_obeyed_again_in_text_already_decoded():
    page = '<html><head><meta charset="windows-1252"><title>Jambi</title></head><body><p>\u201cRapat\u201d</p>'
    assert html_to_text(page) == "Jambi\n\n\u201cRapat\u201d\n"


def test_furniture_and_blocks_are_read_as_before():
    page = ('<html><head><title>Judul</title><script>gtag()</script></head><body>'
            '<nav class="menu"><a href="/">Beranda</a></nav><header>Logo</header>'
            '<div class="content"><h1>Gubernur datang</h1><p>Baris satu<br>baris   dua</p>'
            '<div id="related-news"><ul><li>Berita lain</li></ul></div><p>Akhir.</p></div>'
            '<aside>Terpopuler</aside><footer>Hak cipta</footer></body></html>')
    assert html_to_text(page) == "Judul\n\nGubernur datang\n\nBaris satu\n\nbaris dua\n\nAkhir.\n"


def test_a_page_is_told_from_text_without_reading_all_of_it():
    assert looks_like_html("  \n<!DOCTYPE HTML><p>x")
    assert looks_like_html("<html lang=id>")
    assert looks_like_html("Teks " + "<p>x</p>" * 5 + "tanpa akhir " * 1000)
    assert not looks_like_html("Teks dengan <b>tebal</b> " + "</p>" * 4)
    assert not looks_like_html("<a " * 20_000)


class _FailingHTMLParser:
    """Stands in for lxml's HTML parser where libxml2 gives up on a page that holds the word `RUSAK`."""

    def __init__(self, *, target, encoding):
        self.real = _REAL_HTML_PARSER(target=target, encoding=encoding)

    def feed(self, data: bytes) -> None:
        if b"RUSAK" in data:
            raise etree.XMLSyntaxError("cannot read", 1, 3, 7)
        self.real.feed(data)

    def close(self):
        return self.real.close()


_REAL_HTML_PARSER = etree.HTMLParser


@pytest.fixture
def failing_parser(monkeypatch):
    monkeypatch.setattr(etree, "HTMLParser", _FailingHTMLParser)


def test_a_parser_failure_is_an_article_input_error_that_quotes_no_text(failing_parser):
    with pytest.raises(ArticleInputError, match=r"^not a readable HTML page: the parser gave up at line 3, "
                                                r"column 7 \(XMLSyntaxError\)$"):
        prepare_text("<!doctype html><p>RUSAK</p>")
    assert html_to_text("<p>Utuh.</p>") == "Utuh.\n"


def test_the_cli_names_a_page_it_cannot_read_and_goes_on_with_the_batch(invoke, tmp_path, failing_parser):
    broken, good = tmp_path / "1-rusak.html", tmp_path / "2-utuh.html"
    broken.write_text("<!doctype html><p>RUSAK</p>", encoding="utf-8")
    good.write_text("<!doctype html><p>Gubernur Banten bertemu Gubernur Lampung di Serang.</p>", encoding="utf-8")
    result = invoke(["summarize", str(broken), str(good)], article_reply())
    assert result.exit_code == 1
    assert f"{broken}: not a readable HTML page" in result.stderr and "Traceback" not in result.output
    assert len(result.stdout.strip().splitlines()) == 1  # the second page was summarized
    assert "Gubernur Banten bertemu" in invoke.llm.requests[0]["messages"][1]["content"]


def test_the_memo_api_answers_422_for_a_page_it_cannot_read(store, failing_parser):
    backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM())
    client = TestClient(create_app(backend.settings, backend, store), raise_server_exceptions=False,
                        base_url="http://127.0.0.1")
    response = client.post("/v1/memos", json={"articles": [{"text": "<!doctype html><p>RUSAK</p>"}]})
    assert response.status_code == 422
    assert response.json() == {"error": "article 1: not a readable HTML page: the parser gave up at line 3, "
                                        "column 7 (XMLSyntaxError)"}
