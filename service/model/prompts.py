"""Versioned prompt files under `prompts/`, loaded by name and never edited once a result refers to them."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from service.errors import RingkasError

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"  # the repository's prompts/


class PromptNotFound(RingkasError, LookupError):
    """No prompt file of that version and name; the message gives the path looked at."""


@dataclass(frozen=True)
class ExtractPrompts:
    """The extraction prompts of one version: the system message and the question for the quotes' speakers."""

    version: str
    system: str
    speakers: str  # v1: a prompt of its own; from v2, a follow-up question in the article's conversation


@lru_cache
def load_extract_prompts(version: str = "extract/v5", root: Path = PROMPTS_DIR) -> ExtractPrompts:
    """The extraction prompts of one version, e.g. `extract/v5` -> `prompts/extract/v5/*.md` (read as UTF-8,
    stripped). Raises PromptNotFound when a file is missing."""
    folder = root / version
    parts = {}
    for name in ("system", "speakers"):
        path = folder / f"{name}.md"
        if not path.is_file():
            raise PromptNotFound(f"prompt {version}/{name} not found at {path}")
        parts[name] = path.read_text(encoding="utf-8").strip()
    return ExtractPrompts(version=version, **parts)
