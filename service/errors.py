"""The root of every error Ringkas raises, so that a caller can catch Ringkas's own failures as one type and choose
a status or an exit code by the type below it (the input, the model, the store, a recording, the embedded model)."""


class RingkasError(Exception):
    """An error of Ringkas's own; each kind is a subclass (`ArticleInputError`, `ModelError`, `StoreError`, …)."""
