"""The configured model backend: an external OpenAI-compatible endpoint, or the embedded local model."""

import logging
import threading

from schemas.api import BackendKind, BackendStatus
from service.model.embedded import (
    DEFAULT_MODEL_NAME,
    EmbeddedModelError,
    EmbeddedServer,
    assemble_default_model,
)
from service.model.llm import LLM, InstructorLLM, ModelError
from service.settings import Settings

log = logging.getLogger(__name__)


class BackendUnavailable(ModelError):
    """The backend is still starting, or failed to start."""

    def __init__(self, message: str, *, starting: bool):
        super().__init__("unavailable", message)
        self.starting = starting


class Backend:
    """Owns the LLM client and, for the embedded model, the server process behind it."""

    def __init__(self, settings: Settings, llm: LLM | None = None):
        self.settings = settings
        self._llm = llm
        self._server: EmbeddedServer | None = None
        self._error: str | None = None
        self._no_restart = False  # the server died in a way a new one would repeat
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()

    @property
    def kind(self) -> BackendKind:
        """'endpoint' (a configured OpenAI-compatible URL) or 'embedded' (the local model Ringkas starts)."""
        return "endpoint" if self.settings.llm_base_url else "embedded"

    @property
    def model_name(self) -> str:
        """The name replies are recorded under, known before anything starts."""
        settings = self.settings
        if settings.llm_base_url:
            return settings.llm_model or "default"
        return settings.model_path.stem if settings.model_path is not None else DEFAULT_MODEL_NAME

    @property
    def status(self) -> BackendStatus:
        """'ready', 'starting' or 'failed'."""
        if self._llm is not None:
            return "ready"
        return "failed" if self._error else "starting"

    def llm(self) -> LLM:
        """The client; raises `BackendUnavailable` while the embedded model starts or after it failed."""
        if self._llm is None:
            if self._error:
                raise BackendUnavailable(self._error, starting=False)
            raise BackendUnavailable("the model backend is starting", starting=True)
        return self._llm

    def start(self) -> LLM:
        """Connect, starting the embedded server first if needed. Blocking; safe to call more than once.

        Raises:
            EmbeddedModelError: the embedded model cannot be assembled or started (kept as the backend's error),
                or its last server died in a way a new one would repeat.
        """
        with self._lock:
            if self._llm is not None:
                return self._llm
            settings = self.settings
            if self._no_restart:
                raise EmbeddedModelError(self._error)
            try:
                if settings.llm_base_url:
                    base_url, model = settings.llm_base_url, self.model_name
                    context_tokens, tokenize_url = settings.llm_context_tokens, None
                    api_key = settings.llm_api_key.get_secret_value()
                else:
                    self._server = self._start_embedded_server()
                    base_url, model, api_key = self._server.base_url, self._server.alias, self._server.api_key
                    # llama-cpp-python's server counts tokens with the model's own tokenizer.
                    context_tokens = settings.model_ctx
                    tokenize_url = base_url.removesuffix("/v1") + "/extras/tokenize"
            except EmbeddedModelError as exc:
                self._error = str(exc)
                raise
            client = InstructorLLM(
                base_url, model, api_key, timeout_s=settings.llm_timeout_s,
                retries=settings.llm_retries, transport_retries=settings.llm_transport_retries,
                context_tokens=context_tokens, tokenize_url=tokenize_url,
            )
            self._llm = client if self._server is None else _Supervised(client, self)
            return self._llm

    def _start_embedded_server(self) -> EmbeddedServer:
        """The embedded server on the configured GGUF (or the default one, assembled), started; raises
        EmbeddedModelError."""
        settings = self.settings
        if settings.model_path is not None:
            if not settings.model_path.is_file():
                raise EmbeddedModelError(f"RINGKAS_MODEL_PATH {settings.model_path} is not a file")
            path = settings.model_path
        else:
            path = assemble_default_model(settings.cache_dir)
        return EmbeddedServer(
            path, alias=self.model_name, threads=settings.model_threads, n_ctx=settings.model_ctx,
            port=settings.embedded_port, log_path=settings.embedded_log or settings.cache_dir / "embedded-server.log",
            start_timeout_s=settings.embedded_start_timeout_s,
            draft_tokens=settings.model_draft_tokens, state_dir=settings.cache_dir / "prefix-states",
        ).start()

    def _server_died(self) -> str | None:
        """If the embedded server died under a call: forget it and its client, and say why. A later start
        launches a new one, except after an illegal instruction, which would only die again."""
        server = self._server
        death = server.death() if server is not None else None
        if death is None:
            return None
        with self._lock:
            self._no_restart = server.died_of_illegal_instruction
            self._server, self._llm, self._error = None, None, death
        log.error("%s", death)
        return death

    @property
    def embedded_url(self) -> str | None:
        """The embedded model server's OpenAI-compatible URL while it runs."""
        return self._server.base_url if self._server is not None else None

    @property
    def server_pid(self) -> int | None:
        """The embedded model server's process id while it runs (benchmarks read its memory)."""
        return self._server.pid if self._server is not None else None

    def start_in_background(self) -> None:
        """Start the backend in a thread of its own (once), so the caller can serve while the model loads."""

        def start_and_hold() -> None:
            """Start, then keep this thread alive until the backend is closed."""
            try:
                self.start()
            except EmbeddedModelError as exc:
                log.error("model backend failed to start: %s", exc)
                return
            # The embedded server is told to die with the thread that started it (PR_SET_PDEATHSIG), so this
            # thread lives until the backend is closed.
            self._closed.wait()

        if self._llm is None and self._thread is None:
            self._thread = threading.Thread(target=start_and_hold, name="ringkas-backend", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop the embedded server, if any, and forget the client."""
        self._closed.set()
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._llm = None


class _Supervised:
    """The embedded server's client: a call that finds the server dead fails with the reason it died, not as an
    unreachable endpoint."""

    def __init__(self, client: LLM, backend: Backend):
        self._client = client
        self._backend = backend
        self.name = client.name

    def create(self, response_model, messages, *, context, max_tokens):
        """The client's reply (see `LLM.create`); raises BackendUnavailable with the cause when the server died."""
        try:
            return self._client.create(response_model, messages, context=context, max_tokens=max_tokens)
        except ModelError as exc:
            death = self._backend._server_died() if exc.kind == "unavailable" else None
            if death is None:
                raise
            raise BackendUnavailable(death, starting=False) from exc


class LazyLLM:
    """Starts the backend on the first model call, so work that needs no call (cached summaries, a cached
    executive summary) never starts a model."""

    def __init__(self, backend: Backend, on_start=None):
        self._backend = backend
        self._on_start = on_start
        self.name = backend.model_name

    def create(self, response_model, messages, *, context, max_tokens):
        """The reply of the backend's client (see `LLM.create`), starting the backend first if needed."""
        if self._backend.status != "ready" and self._on_start is not None:
            self._on_start(self._backend)
        return self._backend.start().create(response_model, messages, context=context, max_tokens=max_tokens)


class ReadyLLM:
    """The backend's client when it is ready; `BackendUnavailable` (a `ModelError`) at the first call if not.
    Work that needs no call (a stored summary) goes through while the model is still starting."""

    def __init__(self, backend: Backend):
        self._backend = backend
        self.name = backend.model_name

    def create(self, response_model, messages, *, context, max_tokens):
        """The reply of the backend's client (see `LLM.create`), or BackendUnavailable if it is not ready."""
        return self._backend.llm().create(response_model, messages, context=context, max_tokens=max_tokens)
