"""A memo in its three formats (`service.memo.markdown`, `html`, `word`, and the `text` they share), tested
together where every format must hold: what each shows, hostile text and URLs kept inert, control characters."""

import base64
import hashlib
import html
import io
import re
import shutil
import subprocess
from urllib.parse import unquote

import pytest

from schemas.summary import Quote
from service.memo.briefing import build_memo
from service.memo.html import to_html
from service.memo.markdown import to_markdown
from service.memo.word import to_docx
from tests.fakes import FakeLLM
from tests.memo.conftest import GOOD


def test_markdown_and_html(articles):
    memo = build_memo(articles, FakeLLM(*GOOD), prose="model")
    md = to_markdown(memo)
    assert "## Ringkasan eksekutif" in md and "Mingrum Gumay (juga ditulis: Mingrum)" in md
    assert "“Kami ingin belajar banyak dari Jakarta,”" in md
    page = to_html(memo)
    assert page.startswith("<!doctype html>") and "@media print" in page
    assert not re.search(r"""(src|href)=["']?https?://""", page.replace('href="https://', ""))
    assert "<link" not in page and "<script" not in page


def test_docx_opens_in_python_docx_and_libreoffice(articles, tmp_path):
    import docx

    data = to_docx(build_memo(articles, FakeLLM(*GOOD), prose="model"))
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Ringkasan eksekutif" in headings and "Sumber" in headings
    assert document.tables and document.tables[0].rows[1].cells[0].text.startswith("Mingrum Gumay")
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed here; python-docx read the file back")
    path = tmp_path / "memo.docx"
    path.write_bytes(data)
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "memo.pdf").stat().st_size > 1000


# Source URLs and texts a submitter could store to make a memo run their script.
NOT_WEB_URLS = ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                " javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "vbscript:msgbox(1)", "//evil.example/x", "javascript:alert(1)//)>\n[1]: javascript:alert(2)"]
WEB_URLS_WITH_MARKUP = ["https://example.org/a_(b)>c<d\"e'f", "http://example.org/x)](javascript:alert(1))"]
HOSTILE_TITLE = "Judul <img src=x onerror=alert(1)> `x` | [klik](javascript:alert(1))\n[1]: javascript:alert(2)"


def hostile_memo(articles, url: str):
    memo = build_memo(articles, None)
    memo.sources[0].url = url
    memo.sources[0].title = HOSTILE_TITLE
    memo.quotes[0].speaker = "<script>alert(1)</script>"
    return memo


def html_elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(page)
    return found


def markdown_elements(md: str) -> list[tuple[str, dict[str, str | None]]]:
    """The HTML elements a CommonMark renderer that passes raw HTML through (most do) makes of `md`."""
    from markdown_it import MarkdownIt  # comes with rich, which instructor depends on

    return html_elements(MarkdownIt("commonmark").enable("table").render(md))


def docx_links(data: bytes) -> tuple[list[str], str]:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document(io.BytesIO(data))
    targets = [r.target_ref for r in document.part.rels.values() if r.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    return targets, "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("url", NOT_WEB_URLS)
def test_a_source_url_that_is_not_a_web_address_is_shown_as_text_in_every_format(articles, url):
    memo = hostile_memo(articles, url)

    md = to_markdown(memo)
    rendered = markdown_elements(md)
    assert [tag for tag, _ in rendered if tag in ("a", "img", "script")] == []
    title = r"Judul \<img src=x onerror=alert(1)\> \`x\` \| \[klik\](javascript:alert(1)) \[1\]: javascript:alert(2)"
    assert f"1. {title} — ANTARA, 2023-11-24, " in md

    page = to_html(memo)
    elements = html_elements(page)
    assert not [a for a in elements if any(name.startswith("on") for name in a[1])]
    hrefs = [attrs["href"] for tag, attrs in elements if tag == "a"]
    assert hrefs and all(re.fullmatch(r"#src\d+", h) for h in hrefs), hrefs
    assert {tag for tag, _ in elements} <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p",
                                          "ul", "ol", "li", "em", "strong", "sup", "a", "span", "table", "tr",
                                          "th", "td", "br", "blockquote", "div"}
    assert html.escape(url) in page  # still there, as text

    targets, text = docx_links(to_docx(memo))
    assert targets == [] and url in text


@pytest.mark.parametrize("url", WEB_URLS_WITH_MARKUP)
def test_a_web_url_is_linked_without_its_characters_breaking_out_of_the_link(articles, url):
    memo = hostile_memo(articles, url)

    md = to_markdown(memo)
    assert f"<{url.replace('<', '%3C').replace('>', '%3E')}>" in md
    links = [attrs for tag, attrs in markdown_elements(md) if tag in ("a", "img", "script")]
    assert len(links) == 1 and unquote(links[0]["href"]) == url

    elements = html_elements(to_html(memo))
    outside = [attrs for tag, attrs in elements if tag == "a" and not attrs["href"].startswith("#")]
    assert outside == [{"href": url, "target": "_blank", "rel": "noopener noreferrer"}]
    assert not [a for a in elements if any(name.startswith("on") for name in a[1])]

    targets, _ = docx_links(to_docx(memo))
    assert targets == [url]


def test_the_html_memo_allows_no_script_and_its_own_style_only(articles):
    from service.memo.html import STYLE_SOURCE

    page = to_html(hostile_memo(articles, NOT_WEB_URLS[0]))
    policy = next(attrs["content"] for tag, attrs in html_elements(page)
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and "script-src" not in directives
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert directives["style-src"] == STYLE_SOURCE == f"'sha256-{digest}'"


# Characters a PDF's extracted text carries (form feed at a page break, vertical tab, start of heading) and
# others XML has no place for: python-docx refuses them all.
CONTROLS = "\x0c\x0b\x01\x00\x1f\x7f\ud800\ufffe\uffff"


def test_control_characters_become_spaces_in_every_format_and_stay_in_the_memo(articles):
    import docx

    text = f"Kami{CONTROLS}ingin belajar"
    articles[0].text = articles[0].text.replace("Kami ingin belajar", text)
    start = articles[0].text.index(text)
    quote = text + " banyak dari Jakarta,"
    articles[0].summary.quotes[0] = Quote(text=quote, speaker="Mingrum\x0bGumay", start=start,
                                          end=start + len(quote), attribution="cue")
    articles[0].summary.title = "DPRD\x0cLampung\x01ke Jakarta"
    articles[0].summary.officials[0].title = "Ketua\x08"
    memo = build_memo(articles, FakeLLM(*GOOD), prose="model")
    assert memo.quotes[0].text.startswith(f"Kami{CONTROLS}")  # the memo itself is exact
    spaced = "Kami" + " " * len(CONTROLS) + "ingin belajar banyak dari Jakarta,"

    document = docx.Document(io.BytesIO(to_docx(memo)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"“{spaced}”\n— Mingrum Gumay, " in body and "[1] DPRD Lampung ke Jakarta" in body
    positions = [c.text for c in document.tables[0].columns[1].cells]
    assert "Ketua , DPRD Provinsi Lampung; Ketua, DPRD Lampung" in positions
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body)

    page = to_html(memo)
    assert f"“{spaced}”" in page and "DPRD Lampung ke Jakarta" in page
    md = to_markdown(memo)
    assert f"“{spaced}”" in md and "1. DPRD Lampung ke Jakarta" in md
    for rendered in (page, md):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]", rendered)
