"""`ringkas memo`: a briefing memo of articles (summarized first where not yet stored) or of stored summaries."""

import sys
from pathlib import Path
from typing import get_args

import click
from tqdm import tqdm

from schemas.memo import MemoProse
from schemas.summary import SummaryLanguage
from schemas.taxonomy import SectorLabel
from service.cli.inputs import iter_inputs, read_article, read_sources_tsv
from service.cli.outputs import failure_message, write_result
from service.cli.resources import lazy_model, open_store
from service.extraction.text import gazetteer
from service.intake import ArticleInputError
from service.library.filters import LibraryFilter, summarize_stored
from service.library.store import StoredSummary, StoreError
from service.memo.briefing import MemoArticle, build_memo
from service.memo.html import to_html
from service.memo.markdown import to_markdown
from service.memo.word import to_docx
from service.model.backend import Backend
from service.model.embedded import EmbeddedModelError
from service.model.llm import ModelError
from service.settings import get_settings


@click.command("memo")
@click.argument("paths", nargs=-1)
@click.option("--from-store", is_flag=True, help="Use every stored summary (with the filters below).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles dated (or stored) on or after this day.")
@click.option("--partner", help="Only articles with this partner (fuzzy: 'DKI' finds 'Provinsi DKI Jakarta').")
@click.option("--sector", help="Only articles with this sector label (e.g. agriculture_food).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option("--lang", type=click.Choice(get_args(SummaryLanguage)), default="id", show_default=True)
@click.option("--prose", type=click.Choice(get_args(MemoProse)), default="code", show_default=True,
              help="Who writes the executive summary: code, a sentence per event from grounded facts (no model "
                   "call), or the model (for an endpoint strong enough to write prose).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the memo here (required for docx); default: stdout.")
@click.pass_context
def memo_command(ctx: click.Context, paths: tuple[str, ...], from_store: bool, since: str | None,
                 partner: str | None, sector: str | None, fmt: str, lang: str, prose: str,
                 output: Path | None) -> None:
    """A briefing memo of articles (summarized first where not yet stored) or of stored summaries."""
    if not paths and not from_store:
        raise click.UsageError("give article files or directories, or --from-store")
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx needs -o FILE")
    if sector and sector not in {label.value for label in SectorLabel}:
        raise click.BadParameter(f"unknown sector {sector!r}; one of: {', '.join(x.value for x in SectorLabel)}")
    settings = get_settings()
    backend: Backend = ctx.obj.get("backend") or Backend(settings)
    store = ctx.obj.get("store") or open_store(settings)
    gazetteer.load()
    llm = lazy_model(backend)
    try:
        chosen = _memo_articles(paths, store, llm, settings) if paths else []
        if from_store:
            seen = {s.summary.content_sha256 for s in chosen}
            chosen += [s for s in store.all() if s.summary.content_sha256 not in seen]
        wanted = LibraryFilter(partner=partner, sector=sector, since=since)
        items = [MemoArticle(s.summary, s.article, s.outlet, s.published) for s in chosen if wanted.matches(s)]
        if not items:
            raise click.ClickException("no articles match; nothing to put in a memo")
        memo = build_memo(items, llm, lang=lang, summary_cache=store.executive_summaries, prose=prose)
    except (EmbeddedModelError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if ctx.obj.get("backend") is None:
            backend.close()
    rendered = {"md": to_markdown, "html": to_html, "docx": to_docx}[fmt](memo)
    if output:
        write_result(output, rendered)
    else:
        click.echo(rendered)
    if output:
        click.echo(f"ringkas: memo of {memo.article_count} article(s) written to {output}", err=True)


def _memo_articles(paths, store, llm, settings) -> list[StoredSummary]:
    """Each article of `paths` as stored with its summary: from the store when it has it, else summarized and
    stored first."""
    items = []
    sources_by_folder: dict[Path, dict[str, dict[str, str]]] = {}  # each sources.tsv read (and reported) once
    sources = list(iter_inputs(paths))
    bar = tqdm(sources, desc="summarizing", unit="article", file=sys.stderr, disable=len(sources) < 2,
               dynamic_ncols=True)
    for source in bar:
        try:
            article = read_article(source, settings.max_article_chars)
        except ArticleInputError as exc:
            tqdm.write(f"ringkas: {source}: {exc}; left out of the memo", file=sys.stderr)
            continue
        meta = {}
        if source != "-":
            folder = Path(source).parent
            if folder not in sources_by_folder:
                sources_by_folder[folder] = read_sources_tsv(folder)
            meta = sources_by_folder[folder].get(Path(source).stem, {})
        article.url = meta.get("url") or None
        try:
            summary = summarize_stored(article, llm, store, None, outlet=meta.get("outlet"))
        except (ModelError, ArticleInputError) as exc:
            tqdm.write(f"ringkas: {source}: {failure_message(exc)}; left out of the memo", file=sys.stderr)
            continue
        # Stored by now (with no language asked, a summary is kept or stored), unless the store could not take it:
        # then the summary says so in its warnings, and the memo still has it.
        items.append(store.get(article.sha256) or StoredSummary.unstored(summary, article.text, meta.get("outlet")))
    return items
