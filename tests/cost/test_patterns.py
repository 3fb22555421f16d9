"""Every regular expression of the package runs in about linear time on any text (issue: bounded cost on any
input). Python's `re` holds the GIL through a whole match, so no thread or timeout rescues the server from a
pattern that backtracks catastrophically: the patterns themselves must be safe. Each is run on adversarial
strings built from its own literals and classes (`tests.cost.redos`), and its time must not grow faster than
about linearly."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import schemas
import service
from tests.cost.redos import superlinear_cases

ROOT = Path(__file__).resolve().parents[2]
_RE_FUNCTIONS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "compile"}


def _modules():
    for package in (service, schemas):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.endswith("__main__"):
                yield importlib.import_module(info.name)


def module_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern a module of the package holds, by `module.NAME` (also inside a module-level
    tuple, list or dict)."""
    found: dict[str, re.Pattern] = {}
    for module in _modules():
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else [
                value]
            for k, item in enumerate(values):
                if isinstance(item, re.Pattern) and all(item is not p for p in found.values()):
                    found[f"{module.__name__}.{name}" + (f"[{k}]" if item is not value else "")] = item
    return found


def inline_patterns() -> dict[str, re.Pattern]:
    """The patterns written as a literal in a call (`re.findall(r"\\w+", text)`), by file and line."""
    found: dict[str, re.Pattern] = {}
    for path in sorted([*(ROOT / "service").rglob("*.py"), *(ROOT / "schemas").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in
                    _RE_FUNCTIONS and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[f"{path.relative_to(ROOT)}:{node.lineno}"] = re.compile(node.args[0].value)
    return found


PATTERNS = {**module_patterns(), **inline_patterns()}


def test_the_package_has_patterns_to_check():
    assert len(PATTERNS) > 60


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(name):
    findings = superlinear_cases(PATTERNS[name])
    assert not findings, f"{name} backtracks superlinearly: {findings[0]}"


@pytest.mark.parametrize("pattern", [
    r"(?:[A-Z][\w.'-]*[\s,]*)*$",  # a run of capitalised words before the end (issue 21, kind 1)
    r"(?P<who>[^.\n]{1,160}?)\s+(?:kata|said)\s*[,.]?\s*$",  # a cue's overlapping spaces
    r"\s+city$",  # a run of spaces entered at every position
])
def test_the_check_finds_the_shapes_that_froze_the_server(pattern):
    assert superlinear_cases(re.compile(pattern))
