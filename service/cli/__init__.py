"""The `ringkas` command line: summarize articles, make memos, serve the HTTP API.

This module is the `ringkas` group (the console script `service.cli:main`), its `-v` option and the commands other
packages plug in. Each built-in command has its module (`summarize`, `memo`, `serve`); what they share is reading
the articles named (`inputs`), the store and the model they run on (`resources`) and writing results (`outputs`).
"""

import importlib.metadata
import logging

import click

from service.cli.memo import memo_command
from service.cli.serve import serve_command
from service.cli.summarize import summarize_command
from service.intake import ArticleInputError

__all__ = ["PLUGIN_GROUP", "ArticleInputError", "PluginCommands", "main"]

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


main.add_command(summarize_command)
main.add_command(memo_command)
main.add_command(serve_command)
