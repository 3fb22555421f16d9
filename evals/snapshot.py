"""Everything Ringkas outputs on the gold articles, written to a folder, so that a refactor can be shown to change
nothing: run it before and after, then compare the two folders (`diff -r`).

    python -m evals.snapshot OUT_DIR

It writes, for all gold articles, on the recorded replies (no model needed; a stale recording fails):
- `pipeline/<id>.json` (the summary) and `markdown/<id>.md` (one summary's Markdown);
- `memo/<name>.{json,md,html}` and `memo/<name>.docx.d/` (the Word file unzipped, pretty-printed XML; the
  timestamps python-docx writes into `docProps/core.xml` are blanked), for a memo of every gold article in
  Indonesian and English (its executive summary written by `FactsEcho`, a stand-in that repeats one fact) and a
  memo of the seed articles without a model;
- `api/…`: the HTTP API's answers (summaries, the stream's events, the library, a stored summary, memos, the
  taxonomy, decoding an uploaded page) on a fresh store, and `openapi/openapi.json` apart, since a refactor that
  adds response models changes the description on purpose.

Summaries, memos and the API's answers are written byte for byte as Ringkas writes them (JSON as pydantic or the
API serialises it, not re-serialised), with the volatile values blanked: a summary's `provenance.wall_time_s` and
a stored summary's `created`. The library
dates an article without a date of its own by the day it was stored: compare snapshots taken on the same day.
"""

import io
import json
import re
import sys
import tempfile
import typing
import zipfile
from pathlib import Path
from xml.dom import minidom

from evals.cli import CACHE_DIR
from evals.gold import GOLD_DIR, ROOT, load_gold
from schemas.summary import SummaryLanguage, Usage
from service.extraction.pipeline import DEFAULT_PROMPTS, summarize
from service.intake.article import Article
from service.memo.briefing import MemoArticle, build_memo
from service.memo.html import to_html
from service.memo.markdown import to_markdown
from service.memo.summary_markdown import summary_to_markdown
from service.memo.word import to_docx
from service.model.embedded import DEFAULT_MODEL_NAME
from service.model.llm import Reply
from service.model.recording import CachedLLM

SEEDS_DIR = ROOT / "seeds"


class FactsEcho:
    """A stand-in for the memo's model: its "sentence" is the first fact it was given, cited as asked."""

    name = "facts-echo"

    def create(self, response_model, messages, *, context, max_tokens) -> Reply:
        """The first `officials:`/`parties:` fact of the user message, citing the one article allowed."""
        facts = messages[-1]["content"].split("\n")[1]
        text = facts.split(" | ")[1].split(": ", 1)[1] if " | " in facts else facts
        (cite_type,) = typing.get_args(response_model.model_fields["cites"].annotation)
        value = response_model(text=text[:300], cites=[typing.get_args(cite_type)[0]])
        return Reply(value, Usage(calls=1), value.model_dump_json())


def _answer(path: Path, answer) -> None:
    """An HTTP answer as its status line and its body byte for byte, volatile values blanked."""
    body = re.sub(r'"wall_time_s": ?[0-9.e-]++', '"wall_time_s": 0', answer.text)
    body = re.sub(r'"created": ?"[^"]*+"', '"created": "(blanked)"', body)
    _text(path, f"{answer.status_code}\n{body}")


def _json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _text(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value, encoding="utf-8")


def _docx_tree(data: bytes, folder: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        for name in sorted(zipped.namelist()):
            raw = zipped.read(name)
            if name == "docProps/core.xml":
                raw = re.sub(rb"(<dcterms:(?:created|modified)[^>]*+>)[^<]*+", rb"\1", raw)
            if name.endswith((".xml", ".rels")):
                raw = minidom.parseString(raw).toprettyxml(indent=" ").encode()
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)


def _memo_files(out: Path, name: str, memo) -> None:
    _text(out / f"{name}.json", memo.model_dump_json(indent=1))
    _text(out / f"{name}.md", to_markdown(memo))
    _text(out / f"{name}.html", to_html(memo))
    _docx_tree(to_docx(memo), out / f"{name}.docx.d")


def snapshot(out: Path) -> None:
    """Write every output described in the module's docstring under `out`."""
    gold = load_gold(GOLD_DIR)
    llm = CachedLLM(None, CACHE_DIR, model=DEFAULT_MODEL_NAME, prompt_version=DEFAULT_PROMPTS)
    items = []
    for item in gold:
        summary = summarize(Article(text=item.text), llm)
        summary.provenance.wall_time_s = 0
        _text(out / "pipeline" / f"{item.id}.json", summary.model_dump_json(indent=1))
        _text(out / "markdown" / f"{item.id}.md", summary_to_markdown(summary))
        items.append(MemoArticle(summary, item.text))
    for lang in typing.get_args(SummaryLanguage):
        _memo_files(out / "memo", f"gold-{lang}", build_memo(items, FactsEcho(), lang=lang))
    seeds = {i.text: i for i in items}
    seed_items = [seeds[p.read_text(encoding="utf-8")] for p in sorted(SEEDS_DIR.glob("*.txt"))
                  if p.read_text(encoding="utf-8") in seeds]
    _memo_files(out / "memo", "seeds-no-model", build_memo(seed_items, None))
    _api(out, gold, llm)


def _api(out: Path, gold, llm) -> None:
    from fastapi.testclient import TestClient

    from service.api.app import create_app
    from service.library.sqlite import SQLiteStore
    from service.model.backend import Backend
    from service.settings import Settings

    api = out / "api"
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(llm_base_url="http://127.0.0.1:9/v1", data_dir=Path(tmp))
        app = create_app(settings, Backend(settings, llm=llm), SQLiteStore(Path(tmp) / "ringkas.db"))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            shas = []
            for item in gold:
                answer = client.post("/v1/summaries", json={"text": item.text})
                _answer(api / "summaries" / f"{item.id}.json", answer)
                shas.append(answer.json().get("content_sha256"))
            for item in gold[:5]:
                answer = client.post("/v1/summaries/stream", json={"text": item.text})
                _answer(api / "stream" / f"{item.id}.txt", answer)
            stored = client.get(f"/v1/summaries/{shas[0]}")
            _answer(api / "stored.json", stored)
            for name, query in {"library": "", "library-q": "?q=gubernur", "library-sector": "?sector=tourism",
                                "library-bad-date": "?since=yesterday"}.items():
                answer = client.get(f"/v1/library{query}")
                _answer(api / f"{name}.json", answer)
            _answer(api / "taxonomy.json", client.get("/v1/taxonomy"))
            app.state.backend = Backend(settings, llm=FactsEcho())  # the memo's sentences are not recorded
            app.state.backend.start_in_background()
            for fmt in ("json", "md", "html", "docx"):
                answer = client.post("/v1/memos", json={"summary_ids": shas[:20], "format": fmt})
                if fmt == "docx" and answer.status_code == 200:
                    _docx_tree(answer.content, api / "memo.docx.d")
                else:
                    _text(api / f"memo.{fmt}", f"{answer.status_code}\n{answer.text}")
            page = (ROOT / "tests" / "inputs" / "page.html").read_bytes()
            answer = client.post("/v1/articles/decode?filename=page.html", content=page,
                                 headers={"Content-Type": "text/html"})
            _answer(api / "decode.json", answer)
            _json(out / "openapi" / "openapi.json", client.get("/openapi.json").json())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m evals.snapshot OUT_DIR")
    snapshot(Path(sys.argv[1]))
