"""The web page end to end, in Debian's headless chromium driven by Playwright, against `ringkas serve` (a
real subprocess) on a fake model: paste, live progress, highlights at the right offsets, click-to-scroll,
library filters, memo preview and download, the language switch and the API key."""

import os
from pathlib import Path

import pytest

from tests.web.web_server import ARTICLE, CHROMIUM, CHROMIUM_ARGS, served

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="chromium is not installed (the README's test command installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def summarize_in(page, base: str) -> None:
    page.goto(base)
    page.fill("#article", ARTICLE)
    page.click("#summarize")
    page.wait_for_selector("#progress:not([hidden])")
    page.wait_for_function("() => document.querySelector('#progress-text').textContent.includes('detik')")
    page.wait_for_selector("#result:not([hidden])", timeout=60_000)


def test_summarize_highlight_scroll_library_and_memo(browser, tmp_path):
    with served(delay=1.5) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        summarize_in(page, base)
        assert not page.locator("#progress").is_visible()  # gone once the result came
        assert page.inner_text("#result-title") == "Lampung dan Banten Sepakat Kerja Sama Pangan"

        # The headings of a summary's fields are the server's (GET /v1/fields), in the page's language.
        headings = page.locator("#result h3").all_inner_texts()
        assert headings == ["Peristiwa", "Pejabat", "Mitra", "Sektor", "Tujuan", "Kutipan"]
        # The event: its kind and date, then each side with its role and officials, in the page's language.
        assert page.locator("#list-event li").all_inner_texts() == [
            "Pertemuan · 2025-04-10 · Serang — Provinsi Lampung (pengunjung: Rahmat Mirzani Djausal); "
            "Banten (tuan rumah: Andra Soni)"]
        officials = page.locator("#list-official li").all_inner_texts()
        assert officials == ["Rahmat Mirzani Djausal — Gubernur, Lampung", "Andra Soni — Gubernur, Banten"]
        assert len(page.locator("#list-quote li").all_inner_texts()) == 2
        # Every highlighted piece is the article's text at its offset, inside its item's span.
        checked = page.evaluate("""() => {
            const text = document.querySelector('#article').value;
            return [...document.querySelectorAll('#article-view mark')].map(m => {
                const at = +m.dataset.at, start = +m.dataset.start, end = +m.dataset.end;
                return [m.className, text.slice(at, at + m.textContent.length) === m.textContent,
                        start <= at && at + m.textContent.length <= end];
            });
        }""")
        assert checked and all(ok and inside for _, ok, inside in checked)
        assert {cls for cls, _, _ in checked} == {"c-event", "c-official", "c-partner", "c-sector", "c-goal",
                                                  "c-quote"}
        assert page.locator("#article-view").text_content() == ARTICLE

        # Clicking the last quote scrolls the article to its span and flashes it.
        page.locator("#list-quote li").last.click()
        page.wait_for_selector("mark.flash")
        page.wait_for_timeout(600)  # the smooth scroll
        visible = page.evaluate("""() => {
            const mark = document.querySelector('mark.flash'), view = document.querySelector('#article-view');
            const m = mark.getBoundingClientRect(), v = view.getBoundingClientRect();
            return [mark.textContent, view.scrollTop > 0, m.top >= v.top && m.bottom <= v.bottom];
        }""")
        # (the quote's first piece: "pangan" inside it is marked as a sector)
        assert visible == ["Kami ingin harga ", True, True]

        # The library lists it, and its filters narrow the list.
        page.click("button[data-page=library]")
        page.wait_for_selector("#library tbody tr")
        assert page.locator("#library tbody tr").count() == 1
        page.fill("#f-partner", "Pemprov Banten")
        page.wait_for_function("() => document.querySelector('#library-count').textContent.startsWith('1 ')")
        page.fill("#f-partner", "Papua")
        page.wait_for_function("() => document.querySelectorAll('#library tbody tr').length === 0")
        page.fill("#f-partner", "")
        page.wait_for_selector("#library tbody tr")

        # A memo of it: previewed in the page, downloaded as Markdown and Word.
        page.click("button[data-page=memo]")
        page.click("#memo-preview")
        frame = page.frame_locator("#memo-frame")
        frame.locator("h2", has_text="Ringkasan eksekutif").wait_for(timeout=30_000)
        assert "Rahmat Mirzani Djausal" in frame.locator("body").inner_text()
        with page.expect_download() as info:
            page.click("button.download[data-format=md]")
        memo = Path(info.value.path()).read_text(encoding="utf-8")
        assert memo.startswith("# Memo briefing") and "“Kami ingin harga pangan di Banten tetap stabil,”" in memo
        with page.expect_download() as info:
            page.click("button.download[data-format=docx]")
        assert Path(info.value.path()).read_bytes()[:2] == b"PK"

        # The interface speaks English too.
        page.click("#lang")
        assert page.locator("button[data-page=summarize]").inner_text() == "Summarize"
        assert page.locator("#library th").all_inner_texts()[3:] == ["Partners", "Sectors"]


def test_an_uploaded_html_page_is_read_as_its_article_and_the_memo_page_covers_it(browser, tmp_path):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    page_file = tmp_path / "artikel.html"
    page_file.write_text(f"<html><head><title>x</title><script>var menu = 1;</script></head><body>"
                         f"<nav><a href='/'>Beranda</a></nav><article>{paragraphs}</article></body></html>",
                         encoding="utf-8")
    with served(delay=0.0) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base)
        page.set_input_files("#file", str(page_file))
        page.wait_for_function("() => document.querySelector('#article').value.includes('Andra Soni')")
        assert "var menu" not in page.input_value("#article")  # the server read the page as its article
        page.click("#summarize")
        page.wait_for_selector("#result:not([hidden])", timeout=30_000)
        shown = page.locator("#article-view").text_content()
        assert "var menu" not in shown and "Gubernur Banten Andra Soni" in shown
        assert page.locator("#article-view mark.c-official").count() >= 2
        # Straight to the memo page, without opening the library first: the memo covers the stored summary.
        page.click("button[data-page=memo]")
        page.click("#memo-preview")
        frame = page.frame_locator("#memo-frame")
        frame.locator("h2", has_text="Ringkasan eksekutif").wait_for(timeout=30_000)
        assert "Andra Soni" in frame.locator("body").inner_text()


def test_the_page_asks_for_the_api_key_where_one_is_required(browser):
    with served(delay=0.0, api_key="k-web-51c3") as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.goto(base)
        page.fill("#article", ARTICLE)
        page.click("#summarize")
        page.wait_for_selector("#error:not([hidden])")
        assert "API" in page.inner_text("#error")
        page.fill("#api-key", "k-web-51c3")
        page.click("#summarize")
        page.wait_for_selector("#result:not([hidden])", timeout=30_000)
        assert page.locator("#list-official li").count() == 2
        # The headings the server refused without the key come once it is given.
        page.wait_for_function("() => document.querySelector('#result h3').textContent === 'Peristiwa'")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing wider than the phone's screen


OTHER_ARTICLE = ("Jawa Barat Jajaki Kerja Sama UMKM dengan Malaysia\n\n"
                 "Bandung (ANTARA) - Gubernur Jawa Barat Dedi Mulyadi menerima delegasi Malaysia di Bandung, Senin "
                 "(3/6/2024), untuk menjajaki kerja sama UMKM dan pariwisata.\n")


def test_library_filters_open_a_summary_and_a_memo_of_the_chosen_article_with_nothing_from_outside(browser):
    with served(delay=1.5) as base:
        import httpx

        assert httpx.post(f"{base}/v1/summaries", json={"text": OTHER_ARTICLE}, timeout=30).status_code == 200
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        summarize_in(page, base)
        page.click("button[data-page=library]")
        page.wait_for_function("() => document.querySelectorAll('#library tbody tr').length === 2")

        def titles() -> list[str]:
            return page.locator("#library tbody tr td:nth-child(3)").all_inner_texts()

        def filtered(selector: str, value: str, expected: list[str]) -> None:
            if selector == "#f-sector":
                page.select_option(selector, value)
            else:
                page.fill(selector, value)
            page.wait_for_function(f"() => document.querySelectorAll('#library tbody tr').length === {len(expected)}")
            assert titles() == expected
            page.fill(selector, "") if selector != "#f-sector" else page.select_option(selector, "")
            page.wait_for_function("() => document.querySelectorAll('#library tbody tr').length === 2")

        lampung, jabar = "Lampung dan Banten Sepakat Kerja Sama Pangan", OTHER_ARTICLE.splitlines()[0]
        assert titles() == [lampung, jabar]  # newest article date first
        filtered("#f-sector", "agriculture_food", [lampung])
        filtered("#f-official", "Dedi", [jabar])
        filtered("#f-since", "2025-01-01", [lampung])
        filtered("#f-q", "Malaysia", [jabar])

        # A row opens its summary; a ticked row is what the memo covers.
        page.locator("#library tbody tr", has_text=jabar).locator("td").nth(2).click()
        page.wait_for_function(f"() => document.querySelector('#result-title').textContent === {jabar!r}")
        assert page.locator("#list-official li").all_inner_texts()[0].startswith("Dedi Mulyadi")
        page.click("button[data-page=library]")
        page.locator("#library tbody tr", has_text=jabar).locator("input[type=checkbox]").check()
        page.click("button[data-page=memo]")
        with page.expect_download() as info:
            page.click("button.download[data-format=html]")
        memo = Path(info.value.path()).read_text(encoding="utf-8")
        assert memo.lstrip().lower().startswith("<!doctype html") and "Dedi Mulyadi" in memo
        assert jabar in memo and lampung not in memo  # the chosen article is its only source

        # Every asset the page loaded came from Ringkas itself: no CDN, works without internet.
        assert requested and all(url.startswith((base, "blob:", "data:", "about:")) for url in requested), requested


def store_summary(data_dir: Path, article: str, summary) -> None:
    """Put a summary straight into the store the server will open, past every check of the API."""
    from service.library.sqlite import SQLiteStore

    store = SQLiteStore(data_dir / "ringkas.db")
    store.put(summary, article)
    store.close()


def made_up_summary(article: str, title: str, officials: list[str], quote: str, speaker: str, **fields):
    import hashlib

    from schemas.summary import Official, Provenance, Quote, Summary

    def spans(name: str) -> list[tuple[int, int]]:  # Python str indices: code points, as the pipeline's
        found, at = [], article.find(name)
        while at >= 0:
            found.append((at, at + len(name)))
            at = article.find(name, at + 1)
        return found

    start = article.index(quote)
    return Summary(title=title, content_sha256=hashlib.sha256(article.encode()).hexdigest(), language="id",
                   summary_language="id",
                   officials=[Official(name=n, title="Gubernur", spans=spans(n)) for n in officials],
                   quotes=[Quote(text=quote, speaker=speaker, start=start, end=start + len(quote), attribution="cue")],
                   provenance=Provenance(model="fake", prompt_version="extract/v1"), **fields)


def open_in_library(page, base: str, title: str) -> None:
    page.goto(base)
    page.click("button[data-page=library]")
    page.locator("#library tbody tr td:nth-child(3)", has_text=title).click()
    page.wait_for_selector("#result:not([hidden])")


# What script would do if any of the stored strings below ran: in the page itself, or from the memo's frame
# (where `parent` is the page when the frame shares its origin).
PAYLOAD = "<img src=x onerror=\"parent.__pwned=1;window.__pwned=1;alert('img')\">"
HOSTILE_URL = "javascript:parent.__pwned=1;window.__pwned=1;alert(document.domain)"
HOSTILE_NAME = f"Andi {PAYLOAD}"
HOSTILE_ARTICLE = (f"Kerja sama {PAYLOAD}\n\nGubernur {HOSTILE_NAME} bertemu mitra di Serang.\n"
                   f"“Kami siap {PAYLOAD} bekerja sama,” kata {HOSTILE_NAME}.\n")


def page_policy() -> str:
    """The Content-Security-Policy the page is served with: the server's own when it sends one, else this one,
    which the page and its memo preview are built to work under."""
    from service.memo.html import STYLE_SOURCE

    return (f"default-src 'self'; script-src 'self'; style-src 'self' {STYLE_SOURCE}; img-src 'self' data:; "
            "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def test_stored_hostile_text_and_url_run_nowhere_in_the_page_or_its_memo_preview(browser, tmp_path):
    from schemas.summary import Partner

    summary = made_up_summary(HOSTILE_ARTICLE, f"Kerja sama {PAYLOAD}", [HOSTILE_NAME],
                              f"Kami siap {PAYLOAD} bekerja sama,", HOSTILE_NAME, url=HOSTILE_URL,
                              partners=[Partner(name="<script>parent.__pwned=1</script>")], summary=PAYLOAD)
    store_summary(tmp_path, HOSTILE_ARTICLE, summary)
    with served(delay=0.0, data_dir=tmp_path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def with_policy(route):
            response = route.fetch()
            headers = dict(response.headers)
            if "content-security-policy" not in headers:
                headers["content-security-policy"] = page_policy()
            route.fulfill(response=response, headers=headers)

        page.route(f"{base}/", with_policy)
        page.add_init_script("addEventListener('securitypolicyviolation', e => "
                             "(window.__violations = window.__violations || []).push(e.violatedDirective))")

        open_in_library(page, base, "Kerja sama")
        assert page.inner_text("#result-title") == f"Kerja sama {PAYLOAD}"
        assert page.locator("#list-official li").all_inner_texts() == [f"{HOSTILE_NAME} — Gubernur"]
        assert page.locator("#article-view").text_content() == HOSTILE_ARTICLE

        page.click("button[data-page=memo]")
        page.click("#memo-preview")
        frame = page.frame_locator("#memo-frame")
        frame.locator("h2").first.wait_for(timeout=30_000)
        sandbox = page.get_attribute("#memo-frame", "sandbox")
        assert sandbox is not None and not {"allow-scripts", "allow-same-origin"} & set(sandbox.split())
        source = frame.locator("#src1")
        assert HOSTILE_URL in source.inner_text() and source.locator("a").count() == 0
        source.get_by_text("javascript:").click()  # where a link to it would be
        frame.locator("blockquote").first.click()
        # The memo's own style still applies under both its policy and the page's.
        assert frame.locator("h2").first.evaluate("h => getComputedStyle(h).color") == "rgb(122, 31, 31)"
        assert PAYLOAD in frame.locator("body").inner_text()  # shown as the text it is
        page.wait_for_timeout(300)  # for a navigation or an image error, had the clicks started one

        assert page.evaluate("window.__pwned") is None and dialogs == []
        assert page.evaluate("document.querySelectorAll('img, script:not([src])').length") == 0
        assert frame.locator("img, script").count() == 0
        assert page.evaluate("window.__violations || []") == []  # nothing of the page's own is blocked


# Characters outside the Basic Multilingual Plane are one code point (one step of the API's offsets) but two
# UTF-16 code units (two steps of a JavaScript string index).
ASTRAL_ARTICLE = ("Lampung 🤝 Banten: 𠀀 kerja sama pangan\n\n"
                  "Serang (ANTARA) 🤝🤝 - Gubernur Lampung 𠀀 Rahmat Mirzani Djausal bertemu mitra 🌾 di Serang.\n"
                  "“Lampung 🤝 siap memasok beras,” kata Rahmat Mirzani Djausal.\n")


def test_highlights_and_click_to_scroll_land_on_the_item_after_astral_characters(browser, tmp_path):
    quote, name = "Lampung 🤝 siap memasok beras,", "Rahmat Mirzani Djausal"
    summary = made_up_summary(ASTRAL_ARTICLE, "Lampung 🤝 Banten", [name], quote, name)
    assert ASTRAL_ARTICLE[summary.quotes[0].start:summary.quotes[0].end] == quote  # offsets in code points
    store_summary(tmp_path, ASTRAL_ARTICLE, summary)
    with served(delay=0.0, data_dir=tmp_path) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        open_in_library(page, base, "Lampung")
        marks = page.evaluate("""() => [...document.querySelectorAll('#article-view mark')].map(
            m => [m.dataset.item, m.textContent])""")
        assert marks == [["official-0", name], ["quote-0", quote], ["official-0", name]]
        assert page.locator("#article-view").text_content() == ASTRAL_ARTICLE

        page.locator("#list-quote li").click()
        page.wait_for_selector("mark.flash")
        assert page.locator("mark.flash").all_inner_texts() == [quote]


def test_an_uploaded_page_is_read_in_the_charset_it_declares(browser, tmp_path):
    page_file = tmp_path / "berita-lama.htm"
    page_file.write_bytes(("<html><head><meta charset='windows-1252'></head><body><p>\u201cKami siap bekerja sama,"
                           "\u201d kata Gubernur Banten Andra Soni.</p></body></html>").encode("cp1252"))
    with served(delay=0.0) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base)
        page.set_input_files("#file", str(page_file))
        page.wait_for_function("() => document.querySelector('#article').value.includes('Andra Soni')")
        assert "\u201cKami siap bekerja sama,\u201d kata" in page.input_value("#article")
        assert "\ufffd" not in page.input_value("#article")


def test_a_result_holding_javascript_line_ends_is_shown(browser):
    # U+2028 and U+2029 end a line for JavaScript's regular expressions, not for JSON or server-sent events.
    article = ARTICLE.replace("Serang (ANTARA) - ", "Serang (ANTARA)\u2028- ").replace(
        "untuk menjaga pasokan", "untuk\u2029menjaga pasokan")
    with served(delay=0.0) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base)
        page.fill("#article", article)
        page.click("#summarize")
        page.wait_for_selector("#result:not([hidden])", timeout=30_000)
        assert page.locator("#error").is_hidden()
        assert page.locator("#article-view").text_content() == article
