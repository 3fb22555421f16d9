"""What the commands write: a result file, whole or not at all, and the line said of an article that failed."""

from pathlib import Path

import click

from service.files import leftover_temp_files, write_file_atomically
from service.intake import ArticleInputError
from service.model.llm import ModelError


def write_result(path: Path, content: str | bytes) -> None:
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


def failure_message(exc: ModelError | ArticleInputError) -> str:
    """What is said of an article the model could not summarize: the model's failure and its kind, or, for an
    article too long for the model or too costly to read (the input's fault, not the model's), the error's own
    message."""
    if isinstance(exc, ArticleInputError) or exc.kind == "too_long":
        return str(exc)
    return f"model failed ({exc.kind}): {exc}"
