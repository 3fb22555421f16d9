"""Rebuild docs/seed-memo.{id,en}.{md,html,docx} and docs/seed-memo.png: the memo of the five seed articles on the
embedded model, in Indonesian and in English.

    python docs/make_seed_memo.py

Seed summaries come from the recorded replies in evals/cache when they match (else the configured model is asked);
the executive summary is written by code from the events, so the memo itself makes no model call. The PNG is a
headless-Chromium screenshot of the English HTML page.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evals.cli import CACHE_DIR  # noqa: E402
from service.cli.inputs import read_article  # noqa: E402
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize  # noqa: E402
from service.memo.briefing import MemoArticle, build_memo  # noqa: E402
from service.memo.html import to_html  # noqa: E402
from service.memo.markdown import to_markdown  # noqa: E402
from service.memo.word import to_docx  # noqa: E402
from service.model.backend import Backend, LazyLLM  # noqa: E402
from service.model.recording import CachedLLM  # noqa: E402
from service.settings import get_settings  # noqa: E402


def main() -> None:
    settings = get_settings()
    backend = Backend(settings)
    llm = LazyLLM(backend)
    cached = CachedLLM(llm, CACHE_DIR, model=backend.model_name, prompt_version=DEFAULT_PROMPTS)
    try:
        articles = []
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            article = read_article(str(path), settings.max_article_chars)
            articles.append(MemoArticle(summarize(article, cached), article.text))
        memos = {lang: build_memo(articles, None, lang=lang) for lang in ("id", "en")}
    finally:
        backend.close()
    docs = ROOT / "docs"
    for lang, memo in memos.items():
        (docs / f"seed-memo.{lang}.md").write_text(to_markdown(memo), encoding="utf-8")
        (docs / f"seed-memo.{lang}.html").write_text(to_html(memo), encoding="utf-8")
        (docs / f"seed-memo.{lang}.docx").write_bytes(to_docx(memo))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: no PNG (apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1000,2600",
                        f"--screenshot={docs / 'seed-memo.png'}", (docs / "seed-memo.en.html").as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"wrote {docs}/seed-memo.{{id,en}}.{{md,html,docx}} and seed-memo.png")


if __name__ == "__main__":
    main()
