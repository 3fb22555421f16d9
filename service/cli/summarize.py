"""`ringkas summarize`: a summary of each article named, on stdout or as a file each in a folder."""

import json
import sys
from pathlib import Path
from typing import get_args

import click
from tqdm import tqdm

from schemas.summary import Summary, SummaryLanguage
from service.cli.inputs import iter_inputs, read_article
from service.cli.outputs import failure_message, write_result
from service.cli.resources import lazy_model, open_store
from service.extraction.text import gazetteer
from service.intake import ArticleInputError
from service.library.filters import summarize_stored
from service.library.store import StoreError
from service.memo.summary_markdown import summary_to_markdown
from service.model.backend import Backend
from service.model.embedded import EmbeddedModelError
from service.model.llm import ModelError
from service.settings import get_settings


def _render(summary: Summary, fmt: str, *, one_line: bool) -> str:
    if fmt == "md":
        return summary_to_markdown(summary)
    return summary.model_dump_json() if one_line else summary.model_dump_json(indent=2)


def _done(out_file: Path, sha: str, fmt: str) -> bool:
    """Whether `out_file` already holds the finished result for this article's text."""
    if not out_file.is_file():
        return False
    if fmt == "json":
        try:
            return json.loads(out_file.read_text(encoding="utf-8")).get("content_sha256") == sha
        except (ValueError, OSError):
            return False
    return f"<!-- ringkas:{sha} -->" in out_file.read_text(encoding="utf-8", errors="replace")


@click.command("summarize")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True,
              help="JSON (one object per article) or a readable Markdown view.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one file per article here instead of stdout; finished ones are skipped on re-runs.")
@click.option("--lang", type=click.Choice(get_args(SummaryLanguage)), default=None,
              help="Language of the summary text (default: the article's).")
@click.pass_context
def summarize_command(ctx: click.Context, paths: tuple[str, ...], fmt: str, out_dir: Path | None,
                      lang: str | None) -> None:
    """Summarize articles: files, directories of .txt and .md files, or - for stdin."""
    settings = get_settings()
    sources = list(iter_inputs(paths))
    several = len(sources) > 1
    backend: Backend = ctx.obj.get("backend") or Backend(settings)
    store = ctx.obj.get("store") or open_store(settings)
    failures = done = 0
    stems: dict[str, str] = {}
    gazetteer.load()  # once, and out of the garbage collector's way for the whole batch
    try:
        llm = lazy_model(backend)
        bar = tqdm(sources, desc="summarizing", unit="article", file=sys.stderr, disable=not several,
                   dynamic_ncols=True)
        for source in bar:
            name = "stdin" if source == "-" else source
            bar.set_postfix_str(Path(name).name[:30])
            try:
                article = read_article(source, settings.max_article_chars)
            except ArticleInputError as exc:
                failures += 1
                tqdm.write(f"ringkas: {name}: {exc}", file=sys.stderr)
                continue
            out_file = None
            if out_dir is not None:
                stem = "stdin" if source == "-" else Path(source).stem
                if stems.setdefault(stem, source) != source:  # "a/001.txt" and "b/001.txt" both in one run
                    stem = f"{stem}-{article.sha256[:8]}"
                out_file = out_dir / f"{stem}.{'md' if fmt == 'md' else 'json'}"
                if _done(out_file, article.sha256, fmt):
                    done += 1
                    continue
            try:
                summary = summarize_stored(article, llm, store, lang)
            except (ModelError, ArticleInputError) as exc:  # the model failed, or the text costs too much to read
                failures += 1
                tqdm.write(f"ringkas: {name}: {failure_message(exc)}", file=sys.stderr)
                continue
            if out_file is not None:
                content = _render(summary, fmt, one_line=False)
                if fmt == "md":
                    content += f"\n<!-- ringkas:{summary.content_sha256} -->\n"
                try:
                    write_result(out_file, content)
                except click.ClickException as exc:  # a full disk or a folder not writable: said, then go on
                    failures += 1
                    tqdm.write(f"ringkas: {name}: {exc.message}", file=sys.stderr)
                    continue
            else:
                tqdm.write(_render(summary, fmt, one_line=several), file=sys.stdout)
            done += 1
    except KeyboardInterrupt:
        tqdm.write(f"ringkas: interrupted: {done} of {len(sources)} article(s) done and kept; "
                   "run the same command again to finish the rest", file=sys.stderr)
        raise SystemExit(130) from None
    except (EmbeddedModelError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if ctx.obj.get("backend") is None:
            backend.close()
    if failures:
        raise click.ClickException(f"{failures} of {len(sources)} article(s) failed; the rest are done")
