"""The layers of the code: every import runs down (or within a package), never up, and siblings stay apart.

From the bottom: the contract (`schemas`), the shared leaves (`service`'s own modules: errors, files, settings,
cancellation, the vocabulary), then intake and the model client side by side, the extraction's text leaves, its
concept modules side by side, the pipeline, then the library and the memo side by side, the API and web page, and
the CLI; the eval harness stands outside, over all of them. See docs/architecture.md.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (layer, rank): a module may import a module of a lower rank, or one of its own layer; one of another layer at
# the same rank (a sibling) or a higher rank is an import running the wrong way.
LAYERS = [
    ("schemas", 0),
    ("service", 1),  # the shared leaves: service/*.py that no package below claims
    ("service.intake", 2),
    ("service.model", 2),
    ("service.extraction.text", 3),
    ("service.extraction.officials", 4),
    ("service.extraction.partners", 4),
    ("service.extraction.sectors", 4),
    ("service.extraction.goals", 4),
    ("service.extraction.speakers", 4),
    ("service.extraction.events", 4),
    ("service.extraction.event_sentences", 4),
    ("service.extraction.replies", 4),
    ("service.extraction.pipeline", 5),
    ("service.library", 6),
    ("service.memo", 6),
    ("service.api", 7),
    ("service.web", 7),
    ("service.cli", 8),
    ("evals", 9),
]


def layer_of(module: str) -> tuple[str, int] | None:
    """The most specific layer that holds `module` ("service.extraction.text.gazetteer" -> the text leaves)."""
    found = [(name, rank) for name, rank in LAYERS if module == name or module.startswith(name + ".")]
    return max(found, key=lambda layer: len(layer[0])) if found else None


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports (absolute, or relative resolved), with its line, wherever the import stands
    (a function's body too). `from package import name` counts as importing `package.name` when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*candidate.split("."))).is_dir()
                found.append((node.lineno, candidate if is_module else base))
    return found


def sources() -> list[Path]:
    return sorted(p for top in ("schemas", "service", "evals") for p in (ROOT / top).rglob("*.py"))


def wrong_way(path: Path) -> list[str]:
    """The imports of `path` that run up a layer or across to a sibling, as "file:line: a -> b (why)"."""
    mine = layer_of(module_name(path))
    problems = []
    for line, target in imports(path):
        theirs = layer_of(target)
        if mine is None or theirs is None or theirs[0] == mine[0]:
            continue
        if theirs[1] > mine[1]:
            problems.append(f"{path.relative_to(ROOT)}:{line}: {mine[0]} -> {target} (a higher layer)")
        elif theirs[1] == mine[1]:
            problems.append(f"{path.relative_to(ROOT)}:{line}: {mine[0]} -> {target} (a sibling)")
    return problems


def test_every_module_has_a_layer():
    assert [str(p.relative_to(ROOT)) for p in sources() if layer_of(module_name(p)) is None] == []


def test_no_import_runs_up_or_across():
    assert [problem for path in sources() for problem in wrong_way(path)] == []


def test_the_contract_imports_nothing_of_the_implementation():
    assert [f"{p.name}:{line} {t}" for p in (ROOT / "schemas").rglob("*.py") for line, t in imports(p)
            if t.split(".")[0] in {"service", "evals"}] == []


@pytest.mark.parametrize("importer, source, expected", [
    # A concept module reaching into another is a sibling import; a leaf reaching up to a concept goes up.
    ("service/extraction/partners.py", "from service.extraction.officials import ground_officials\n", "a sibling"),
    ("service/extraction/partners.py", "from service.extraction import officials\n", "a sibling"),
    ("service/intake/html.py", "from service.model.llm import LLM\n", "a sibling"),
    ("service/extraction/text/dates.py", "from service.extraction.goals import ground_goals\n", "a higher layer"),
    ("service/extraction/text/dates.py", "from .. import pipeline\n", "a higher layer"),
    ("service/memo/html.py", "import service.cli\n", "a higher layer"),
    ("schemas/summary.py", "from service.errors import RingkasError\n", "a higher layer"),
])
def test_the_check_sees_a_wrong_import(monkeypatch, importer, source, expected):
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    problems = wrong_way(ROOT / importer)
    assert len(problems) == 1 and expected in problems[0]
