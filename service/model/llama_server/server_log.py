"""Ringkas's lines in the embedded server's log."""

import sys


def note(message: str) -> None:
    """A line in the server's log (its stderr), beside llama.cpp's own, prefixed "ringkas: " (benchmarks read it)."""
    print(f"ringkas: {message}", file=sys.stderr, flush=True)
