"""Every error Ringkas raises stands under one root, `RingkasError`: a caller catches Ringkas's own failures as one
type and chooses a status or an exit code by the type below it."""

import importlib
import inspect
import pkgutil

import evals
import service
from service.errors import RingkasError


def error_classes() -> dict[str, type]:
    """Every exception class defined in the package (`service`, `evals`), by module and name."""
    found = {}
    for package in (service, evals):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == info.name:
                    found[f"{info.name}.{name}"] = value
    return found


def test_every_error_of_the_package_stands_under_one_root():
    errors = error_classes()
    assert len(errors) >= 12
    assert [name for name, cls in errors.items() if not issubclass(cls, RingkasError)] == []


def test_errors_keep_the_standard_bases_their_callers_catch():
    from evals.gold import GoldError
    from service.model.prompts import PromptNotFound
    from service.model.recording import StaleRecording

    assert issubclass(StaleRecording, LookupError) and issubclass(PromptNotFound, LookupError)
    assert issubclass(GoldError, ValueError)


def test_every_kind_of_model_failure_has_its_http_status():
    from typing import get_args

    from service.api.errors import _MODEL_ERROR_STATUS
    from service.model.llm import ModelErrorKind

    assert set(get_args(ModelErrorKind)) == set(_MODEL_ERROR_STATUS)
