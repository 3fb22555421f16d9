"""What the commands read: the articles named on the command line (files, directories, stdin) and the
`sources.tsv` beside them."""

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from schemas.urls import is_web_url
from service.intake import DECODING_METHODS, ArticleInputError, decode_article_bytes
from service.intake.article import Article
from service.intake.limits import max_input_bytes
from service.intake.reading import prepare_article

ARTICLE_SUFFIXES = {".txt", ".md"}

log = logging.getLogger(__name__)


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
