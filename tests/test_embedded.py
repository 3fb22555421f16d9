"""Assembling and verifying the embedded model from its parts (on small stand-in parts)."""

import hashlib

import pytest

import service.embedded as embedded


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    parts = [tmp_path / f"part{i:02d}.bin" for i in range(1, 4)]
    for i, part in enumerate(parts):
        part.write_bytes(bytes([i]) * 1000)
    whole = b"".join(p.read_bytes() for p in parts)
    monkeypatch.setattr(embedded, "MODEL_PARTS", 3)
    monkeypatch.setattr(embedded, "_part_file", lambda index: parts[index - 1])
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SIZE", len(whole))
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SHA256", hashlib.sha256(whole).hexdigest())
    return parts, whole


def test_parts_are_joined_in_order_verified_and_cached(tmp_path, fake_parts):
    parts, whole = fake_parts
    model = embedded.assemble_default_model(tmp_path / "cache")
    assert model.read_bytes() == whole
    parts[0].write_bytes(b"changed")  # a cached, verified model is not assembled again
    assert embedded.assemble_default_model(tmp_path / "cache").read_bytes() == whole


def test_a_part_that_does_not_match_the_pinned_hash_is_refused(tmp_path, fake_parts):
    parts, _ = fake_parts
    parts[1].write_bytes(b"tampered" * 125)
    with pytest.raises(embedded.EmbeddedModelError, match="sha256"):
        embedded.assemble_default_model(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf*"))  # nothing half-written is left


def test_a_missing_part_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(embedded, "MODEL_PARTS", 99)
    with pytest.raises(embedded.EmbeddedModelError, match=r"pip install -e '\.\[embedded\]'"):
        embedded._part_file(99)


def _server_that_died_of(sig, tmp_path) -> embedded.EmbeddedServer:
    import signal as _signal
    import subprocess
    import sys

    server = embedded.EmbeddedServer(tmp_path / "m.gguf", alias="m", threads=1, n_ctx=512, port=1,
                                     log_path=tmp_path / "server.log", start_timeout_s=1)
    server._process = subprocess.Popen([sys.executable, "-c", f"import os; os.kill(os.getpid(), {int(sig)})"])
    server._process.wait()
    assert server._process.returncode == -sig and isinstance(sig, _signal.Signals)
    return server


def test_a_server_that_dies_under_a_call_is_reported_with_its_cause(tmp_path):
    import signal

    from service.backend import Backend, BackendUnavailable, _Supervised
    from service.settings import Settings
    from tests.fakes import FakeLLM, ModelError

    backend = Backend(Settings(data_dir=tmp_path, cache_dir=tmp_path))
    backend._server = _server_that_died_of(signal.SIGILL, tmp_path)
    backend._llm = _Supervised(FakeLLM(ModelError("unavailable", "the model endpoint cannot be reached")), backend)
    with pytest.raises(BackendUnavailable, match="illegal instruction.*GGML_NATIVE=OFF"):
        backend._llm.create(dict, [], context={}, max_tokens=1)
    assert backend.status == "failed"
    # The same build would only die again: no new server is started for the next article.
    with pytest.raises(embedded.EmbeddedModelError, match="SIGILL"):
        backend.start()


def test_a_server_killed_otherwise_is_named_and_may_be_started_again(tmp_path):
    import signal

    server = _server_that_died_of(signal.SIGKILL, tmp_path)
    assert server.death() == f"the embedded model server died (signal 9); see {tmp_path / 'server.log'}"


def test_the_readme_and_ci_build_llama_cpp_portably():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in (root / "README.md", root / ".ci" / "run"):
        assert f'CMAKE_ARGS="{embedded.PORTABLE_CMAKE_ARGS}"' in path.read_text(encoding="utf-8"), path
