"""`ringkas serve`: the HTTP API, on this machine or, with an API key, beyond it."""

import click

from service.library.store import StoreError
from service.settings import get_settings


@click.command("serve")
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
