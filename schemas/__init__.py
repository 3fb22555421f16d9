"""Pydantic models: what goes into Ringkas and what comes out. No I/O, no model calls."""
