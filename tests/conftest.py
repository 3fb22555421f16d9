from pathlib import Path

import pytest

import service.model.llm
from service.library.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def _no_model_requests(request, monkeypatch):
    """No test reaches a real model endpoint unless it is marked `live`."""
    if request.node.get_closest_marker("live") is None:
        monkeypatch.setattr(service.model.llm, "ALLOW_MODEL_REQUESTS", False)


def seed_text(prefix: str) -> str:
    """The text of the seed article whose file name starts with `prefix`."""
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path):
    """A summary store of the test's own."""
    store = SQLiteStore(tmp_path / "store.db")
    yield store
    store.close()


@pytest.fixture
def invoke(store):
    """Run the CLI in-process on a fake model answering `replies` in order, with the test's store."""
    from click.testing import CliRunner

    from service.cli import main
    from service.model.backend import Backend
    from service.settings import Settings
    from tests.fakes import FakeLLM

    def invoke_cli(args, *replies, input=None):
        """The CLI's result for `args`; the fake it asked is kept as `invoke.llm`."""
        backend = Backend(Settings(llm_base_url="http://127.0.0.1:9/v1"), llm=FakeLLM(*replies))
        invoke_cli.llm = backend._llm
        return CliRunner().invoke(main, args, obj={"backend": backend, "store": store}, input=input)

    return invoke_cli
