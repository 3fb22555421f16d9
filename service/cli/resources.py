"""What the commands that summarize run on: the store the settings name, and the model, started on first use."""

import sys

import click
from tqdm import tqdm

from service.library import store as library
from service.library.store import Store, StoreError
from service.model.backend import Backend, LazyLLM
from service.settings import Settings


def open_store(settings: Settings) -> Store:
    """The summaries store the settings name (`service.library.store.open_store`). Raises `click.ClickException`
    (a message, exit code 1) when it cannot be used: `StoreError`'s message names the file (or the setting) and what
    to do."""
    try:
        return library.open_store(settings)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def lazy_model(backend: Backend) -> LazyLLM:
    """The model of `backend`, started on its first call, which is said on stderr (above a progress bar)."""
    return LazyLLM(backend, on_start=_say_starting)


def _say_starting(backend: Backend) -> None:
    tqdm.write(f"ringkas: starting the {backend.kind} model…", file=sys.stderr)
