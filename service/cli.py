"""The `ringkas` command line: summarize articles, serve the HTTP API."""

import importlib.metadata
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import click
from tqdm import tqdm

from schemas.summary import Summary, SummaryLanguage
from schemas.taxonomy import SectorLabel
from schemas.urls import is_web_url
from service.extraction.text import gazetteer
from service.files import leftover_temp_files, write_file_atomically
from service.intake import DECODING_METHODS, ArticleInputError, decode_article_bytes
from service.intake.article import Article
from service.intake.limits import max_input_bytes
from service.intake.reading import prepare_article
from service.library.filters import LibraryFilter, summarize_stored
from service.library.store import Store, StoredSummary, StoreError, open_store
from service.memo.briefing import MemoArticle, build_memo
from service.memo.render import to_docx, to_html, to_markdown
from service.memo.summary_markdown import summary_to_markdown
from service.model.backend import Backend, LazyLLM
from service.model.embedded import EmbeddedModelError
from service.model.llm import ModelError
from service.settings import Settings, get_settings

ARTICLE_SUFFIXES = {".txt", ".md"}

log = logging.getLogger(__name__)


# Commands other packages add to `ringkas`, as entry points of this group (the eval harness adds `ringkas eval`):
# loaded only when one is run or listed, so the product's commands never import them.
PLUGIN_GROUP = "ringkas.commands"


class PluginCommands(click.Group):
    """A click group that adds the commands registered as `PLUGIN_GROUP` entry points, loading each only when
    it is run or help lists it. A plugin that fails to load is reported as a usage error naming it."""

    def _plugins(self) -> dict[str, importlib.metadata.EntryPoint]:
        return {ep.name: ep for ep in importlib.metadata.entry_points(group=PLUGIN_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The built-in commands and the plugins' names, sorted."""
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command `name`: built in, else the plugin registered under it (imported now), else None."""
        command = super().get_command(ctx, name)
        if command is not None or (plugin := self._plugins().get(name)) is None:
            return command
        try:
            loaded = plugin.load()
        except Exception as exc:  # a broken plugin must not take the product's commands down with it
            raise click.UsageError(f"the command {name!r} ({plugin.value}) could not be loaded: "
                                   f"{type(exc).__name__}: {exc}") from None
        if not isinstance(loaded, click.Command):
            raise click.UsageError(f"the command {name!r} ({plugin.value}) is not a click command")
        return loaded


@click.group(cls=PluginCommands)
@click.option("-v", "--verbose", is_flag=True, help="Log what Ringkas and the model server do.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Ringkas: grounded structured briefings from regional-government news."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if not verbose:
        # instructor logs every failed attempt at ERROR; Ringkas retries and reports failures itself.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
    ctx.ensure_object(dict)


def iter_inputs(paths: tuple[str, ...]) -> Iterator[str]:
    """Files named, article files inside directories named (sorted), and "-" for stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise click.UsageError(f"{raw}: no article files (.txt, .md) in this directory")
            yield from (str(p) for p in found)
        elif path.is_file():
            yield raw
        else:
            raise click.UsageError(f"{raw}: no such file or directory")


def read_article(source: str, max_chars: int) -> Article:
    """An `Article` from a file (line 1 is taken as the title) or stdin, made by the one way in
    (`service.intake.reading.prepare_article`, as the API makes one); how its bytes were read, and why, is
    logged (shown with --verbose). At most `max_input_bytes(max_chars)` bytes are read, plus one to tell that there
    are more (never more, so a huge file or stream costs nothing).

    Raises `ArticleInputError` for an unreadable, oversized, undecodable or empty input."""
    limit = max_input_bytes(max_chars)
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as file:
                data = file.read(limit + 1)
    except OSError as exc:
        raise ArticleInputError(f"cannot read: {exc.strerror or exc}") from exc
    article = prepare_article(data, max_article_chars=max_chars, filename=None if source == "-" else source)
    log.info("%s: read as %s (%s)", "stdin" if source == "-" else source, article.decoded.encoding,
             DECODING_METHODS[article.decoded.method])
    return article


def _model_failure(exc: ModelError | ArticleInputError) -> str:
    # An article too long for the model, or too costly to read, is the input's fault, not the model's: its message
    # says so itself.
    if isinstance(exc, ArticleInputError) or exc.kind == "too_long":
        return str(exc)
    return f"model failed ({exc.kind}): {exc}"


def _open_store(settings: Settings) -> Store:
    """The summaries store the settings name (`open_store`). Raises `click.ClickException` (a message, exit code 1)
    when it cannot be used: `StoreError`'s message names the file (or the setting) and what to do."""
    try:
        return open_store(settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def read_sources_tsv(folder: Path) -> dict[str, dict[str, str]]:
    """`sources.tsv` beside the articles (a header line naming columns id, url, outlet, ..., then a line per
    article), its rows by `id` (the article file's stem); empty if absent.

    Its bytes are read by the articles' own rules (`decode_article_bytes`: a byte order mark, else UTF-8, else
    the encoding found, windows-1252 first), as a spreadsheet may save it in any of them. What cannot be used is
    said on stderr and left out, never raised: a file that is not text, a header without `id`, a row with more
    fields than the header names or without an id, a url that is not a web address.
    """
    path = folder / "sources.tsv"
    if not path.is_file():
        return {}
    try:
        lines = decode_article_bytes(path.read_bytes(), content_type="text/tab-separated-values").text.splitlines()
    except (OSError, ArticleInputError) as exc:
        click.echo(f"ringkas: {path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); its urls and "
                   "outlets are left out", err=True)
        return {}
    header = [name.strip() for name in lines[0].split("\t")] if lines else []
    if "id" not in header:
        click.echo(f"ringkas: {path}: no id column in its first line; its urls and outlets are left out", err=True)
        return {}
    rows = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t")]
        row = dict(zip(header, fields))
        if len(fields) > len(header) or not row.get("id"):
            problem = f"{len(fields)} fields, the header names {len(header)}" if len(fields) > len(header) else "no id"
            click.echo(f"ringkas: {path}: line {number}: {problem}; the line is left out", err=True)
            continue
        if row.get("url") and not is_web_url(row["url"]):
            click.echo(f"ringkas: {path}: id {row['id']}: url left out (only http:// and https:// addresses are "
                       "accepted)", err=True)
            row["url"] = ""
        rows[row["id"]] = row
    return rows


def _say_starting(backend: Backend) -> None:
    tqdm.write(f"ringkas: starting the {backend.kind} model…", file=sys.stderr)


def _write_result(path: Path, content: str | bytes) -> None:
    """Write a result file whole or not at all (`write_file_atomically`), after removing what an earlier run
    killed while writing it left (only its own temporary files, never another file in the folder).
    Raises `click.ClickException` when it cannot be written; the file there before is left as it was."""
    try:
        for leftover in leftover_temp_files(path):
            leftover.unlink(missing_ok=True)
        write_file_atomically(path, content)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}; the file there before, if any, "
                                   "is unchanged") from None


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


@main.command("summarize")
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
    store = ctx.obj.get("store") or _open_store(settings)
    failures = done = 0
    stems: dict[str, str] = {}
    gazetteer.load()  # once, and out of the garbage collector's way for the whole batch
    try:
        llm = LazyLLM(backend, on_start=_say_starting)
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
                tqdm.write(f"ringkas: {name}: {_model_failure(exc)}", file=sys.stderr)
                continue
            if out_file is not None:
                content = _render(summary, fmt, one_line=False)
                if fmt == "md":
                    content += f"\n<!-- ringkas:{summary.content_sha256} -->\n"
                try:
                    _write_result(out_file, content)
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


@main.command("memo")
@click.argument("paths", nargs=-1)
@click.option("--from-store", is_flag=True, help="Use every stored summary (with the filters below).")
@click.option("--since", metavar="YYYY-MM-DD", help="Only articles dated (or stored) on or after this day.")
@click.option("--partner", help="Only articles with this partner (fuzzy: 'DKI' finds 'Provinsi DKI Jakarta').")
@click.option("--sector", help="Only articles with this sector label (e.g. agriculture_food).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option("--lang", type=click.Choice(get_args(SummaryLanguage)), default="id", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the memo here (required for docx); default: stdout.")
@click.pass_context
def memo_command(ctx: click.Context, paths: tuple[str, ...], from_store: bool, since: str | None,
                 partner: str | None, sector: str | None, fmt: str, lang: str, output: Path | None) -> None:
    """A briefing memo of articles (summarized first where not yet stored) or of stored summaries."""
    if not paths and not from_store:
        raise click.UsageError("give article files or directories, or --from-store")
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx needs -o FILE")
    if sector and sector not in {label.value for label in SectorLabel}:
        raise click.BadParameter(f"unknown sector {sector!r}; one of: {', '.join(x.value for x in SectorLabel)}")
    settings = get_settings()
    backend: Backend = ctx.obj.get("backend") or Backend(settings)
    store = ctx.obj.get("store") or _open_store(settings)
    gazetteer.load()
    llm = LazyLLM(backend, on_start=_say_starting)
    try:
        chosen = _memo_articles(paths, store, llm, settings) if paths else []
        if from_store:
            seen = {s.summary.content_sha256 for s in chosen}
            chosen += [s for s in store.all() if s.summary.content_sha256 not in seen]
        wanted = LibraryFilter(partner=partner, sector=sector, since=since)
        items = [MemoArticle(s.summary, s.article, s.outlet, s.published) for s in chosen if wanted.matches(s)]
        if not items:
            raise click.ClickException("no articles match; nothing to put in a memo")
        memo = build_memo(items, llm, lang=lang, summary_cache=store.executive_summaries)
    except (EmbeddedModelError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if ctx.obj.get("backend") is None:
            backend.close()
    rendered = {"md": to_markdown, "html": to_html, "docx": to_docx}[fmt](memo)
    if output:
        _write_result(output, rendered)
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
            tqdm.write(f"ringkas: {source}: {_model_failure(exc)}; left out of the memo", file=sys.stderr)
            continue
        # Stored by now (with no language asked, a summary is kept or stored), unless the store could not take it:
        # then the summary says so in its warnings, and the memo still has it.
        items.append(store.get(article.sha256) or StoredSummary.unstored(summary, article.text, meta.get("outlet")))
    return items


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Serve the HTTP API (POST /v1/summaries, POST /v1/memos, GET /healthz, docs at /docs).

    Bound to anything but loopback, it requires an API key (RINGKAS_API_KEYS) unless
    RINGKAS_REQUIRE_API_KEY=false says otherwise.
    """
    import uvicorn

    from service.api.access import is_loopback
    from service.api.app import create_app

    settings = get_settings()
    required = settings.require_api_key if settings.require_api_key is not None else not is_loopback(host)
    try:
        app = create_app(settings, require_api_key=required, bind_host=host)
    except ValueError as exc:
        raise click.UsageError(f"{exc} (the server binds to {host}, beyond this machine)") from None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    uvicorn.run(app, host=host, port=port, log_level="info")


if __name__ == "__main__":
    main()
