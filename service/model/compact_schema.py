"""Reply schemas as short as they can be: the model reads the schema as text and the server enforces it as a
grammar, so every annotation is reading time."""

from typing import Any

from pydantic import BaseModel


class CompactSchema(BaseModel):
    """A model whose JSON schema carries no titles or descriptions: the schema is both a grammar for the
    server and text the model reads (instructor's JSON mode appends it to the system message), so every
    token costs reading time. The instructions live in the prompt files instead."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's JSON schema of the model with its "title" and "description" annotations left out."""
        return _strip_annotations(super().model_json_schema(*args, **kwargs))


def _strip_annotations(node: Any) -> Any:
    if isinstance(node, dict):
        # A property may itself be called "title"; only annotation strings are dropped.
        return {k: _strip_annotations(v) for k, v in node.items()
                if not (k in ("title", "description") and isinstance(v, str))}
    if isinstance(node, list):
        return [_strip_annotations(v) for v in node]
    return node
