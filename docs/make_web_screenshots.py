"""Rebuild docs/web-*.png: the web page's three pages (and the summary on a phone), against `ringkas serve` on
the fake model of the end-to-end tests, in Debian's headless chromium.

    python docs/make_web_screenshots.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.web_server import ARTICLE, CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402


def main() -> None:
    docs = ROOT / "docs"
    with served(delay=0.5) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(base)
        page.fill("#article", ARTICLE)
        page.click("#summarize")
        page.wait_for_selector("#result:not([hidden])", timeout=60_000)
        page.locator("#list-quote li").first.click()
        page.wait_for_timeout(800)
        # The summary and the article side by side, the article scrolled to the clicked quote.
        page.evaluate("document.querySelector('#result').scrollIntoView({block: 'start'})")
        page.screenshot(path=docs / "web-summarize.png")
        page.click("button[data-page=library]")
        page.wait_for_selector("#library tbody tr")
        page.screenshot(path=docs / "web-library.png")
        page.click("button[data-page=memo]")
        page.click("#memo-preview")
        page.frame_locator("#memo-frame").locator("h2").first.wait_for(timeout=30_000)
        page.screenshot(path=docs / "web-memo.png")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(base)
        phone.click("#lang")
        phone.fill("#article", ARTICLE)
        phone.click("#summarize")
        phone.wait_for_selector("#result:not([hidden])", timeout=60_000)
        phone.screenshot(path=docs / "web-phone.png")
        browser.close()
    print("wrote docs/web-summarize.png, web-library.png, web-memo.png, web-phone.png")


if __name__ == "__main__":
    main()
