"""Words of the domain live once, in the vocabulary (issue 22): `service/vocabulary.py` and its data files
(`service/data/*.json`) hold the words of news writing that Ringkas reads, and no other module spells them again.

Two checks, over every module of `service/` and `evals/` but the vocabulary:
- no regular expression (the literal parts of a pattern given to `re.compile`, `re.search`, ... or of a string
  a module assigns at its top level, which is a piece of a pattern) holds an alternation of three or more literal
  words (`kata|ujar|ucap`, `baca\\s+juga|lihat\\s+juga|related`): a pattern takes its words from the vocabulary
  (`service.vocabulary.one_of`);
- no list, tuple or set of three or more lower-case words is made, at least half of them, of words the lexicon
  already has (a hand copy of its conjunctions, pronouns or speech verbs). A list of words the lexicon does not
  have at all (HTML's element names, a header's values) is not the lexicon's business and is not flagged; so a
  new list of domain words that shares no word with the lexicon passes this check, and is left to review.
"""

import ast
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = ROOT / "service" / "vocabulary.py"
LEXICON_FILES = ("vocabulary", "partners", "sectors")
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
MIN_WORDS = 3
HOLE = "\x00"  # stands for what an f-string or a concatenation computes at run time

# What may follow "(" before the body of a group: non-capturing, named, lookaround, atomic, flags, a comment.
_GROUP_OPENING = re.compile(r"\?(?:P<\w++>|<[=!]|[:=!>]|[aiLmsux-]*+:|#[^)]*+)")
# Word boundaries and whitespace around a word, and what joins the words of a phrase (`baca\s+juga`).
_EDGE = r"(?:\\b|\\s[+*]\+?|\s)*+"
_JOIN = r"(?:\\s[+*]\+?|\\ | )++"
LITERAL_WORD = re.compile(rf"{_EDGE}[^\W\d_]++(?:{_JOIN}[^\W\d_]++)*+{_EDGE}")
LOWER_CASE_WORD = re.compile(r"[a-z][a-z' .-]*+")


def sources() -> list[Path]:
    """The modules checked: all of `service/` and `evals/` but the vocabulary."""
    return sorted(p for top in ("service", "evals") for p in (ROOT / top).rglob("*.py") if p != VOCABULARY)


def literal_text(node: ast.AST) -> str | None:
    """The literal text of a string expression (a str or bytes constant, an f-string, a concatenation), with
    HOLE where a value is computed at run time; None for an expression with no literal text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value if isinstance(node.value, str) else node.value.decode("latin-1")
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        return None if left is None and right is None else (left or HOLE) + (right or HOLE)
    return None


def _class_end(pattern: str, i: int) -> int:
    """The index right after the character class that opens at `pattern[i]` ("[")."""
    j = i + 1
    j += pattern.startswith("^", j)
    j += pattern.startswith("]", j)
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def alternations(pattern: str) -> list[list[str]]:
    """The alternatives of every alternation of a regular expression (each group's, and the whole pattern's), as
    written; a character class or a nested group within an alternative stands there as HOLE."""
    open_groups: list[list[str]] = [[""]]
    closed: list[list[str]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            open_groups[-1][-1] += pattern[i : i + 2]
            i += 2
        elif c == "[":
            open_groups[-1][-1] += HOLE
            i = _class_end(pattern, i)
        elif c == "(":
            opening = _GROUP_OPENING.match(pattern, i + 1)
            open_groups.append([""])
            i = opening.end() if opening else i + 1
        elif c == ")" and len(open_groups) > 1:
            closed.append(open_groups.pop())
            open_groups[-1][-1] += HOLE
            i += 1
        elif c == "|":
            open_groups[-1].append("")
            i += 1
        else:
            open_groups[-1][-1] += c
            i += 1
    return closed + open_groups


def word_alternations(pattern: str) -> list[list[str]]:
    """The alternations of `pattern` with at least MIN_WORDS literal words (or phrases) among their
    alternatives, each as the list of those words."""
    found = []
    for alternatives in alternations(pattern):
        words = [a.strip() for a in alternatives if LITERAL_WORD.fullmatch(a)]
        if len(words) >= MIN_WORDS:
            found.append(words)
    return found


def patterns_in(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, literal text) of each pattern a module gives to a function of `re`, and of each string it assigns at
    its top level (a pattern, or a piece of one)."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_FUNCTIONS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            text = literal_text(node.args[0])
            if text is not None:
                yield node.lineno, text
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            text = literal_text(statement.value)
            if text is not None:
                yield statement.lineno, text


@cache
def lexicon() -> frozenset[str]:
    """Every word and phrase of the lexicon's data files (lists, and the keys and values of tables), lower case,
    and each word of its phrases."""
    words: set[str] = set()

    def collect(value) -> None:
        if isinstance(value, str):
            words.add(value.lower())
            words.update(value.lower().split())
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if not key.startswith("_"):
                    collect(key)
                    collect(item)

    for name in LEXICON_FILES:
        path = ROOT / "service" / "data" / f"{name}.json"
        if path.exists():
            collect(json.loads(path.read_text(encoding="utf-8")))
    return frozenset(words)


def word_lists_in(tree: ast.Module) -> Iterator[tuple[int, list[str]]]:
    """(line, words) of each list, tuple or set written out in a module whose items are MIN_WORDS or more
    lower-case words (or phrases), at least half of them the lexicon's."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and len(node.elts) >= MIN_WORDS:
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(items) == len(node.elts) and all(LOWER_CASE_WORD.fullmatch(w) for w in items):
                if 2 * sum(w in lexicon() for w in items) >= len(items):
                    yield node.lineno, items


def findings(source: str, name: str) -> list[str]:
    """What a module spells that the vocabulary should hold, as "name:line: ..." lines."""
    tree = ast.parse(source)
    found = [f"{name}:{line}: alternation of words {'|'.join(words)}"
             for line, text in patterns_in(tree) for words in word_alternations(text)]
    found += [f"{name}:{line}: list of the lexicon's words {words}" for line, words in word_lists_in(tree)]
    return found


def test_the_checker_reads_the_whole_package():
    names = {p.relative_to(ROOT).as_posix() for p in sources()}
    assert {"service/intake/noise.py", "service/extraction/text/quotes.py", "evals/scoring.py"} <= names
    assert "service/vocabulary.py" not in names
    assert {"kata", "ujar", "pewarta", "dan", "umkm"} <= lexicon()


def test_no_module_but_the_vocabulary_spells_the_words_of_the_domain():
    found = [f for path in sources() for f in findings(path.read_text(encoding="utf-8"),
                                                       path.relative_to(ROOT).as_posix())]
    assert not found, "words of the domain outside service/vocabulary.py:\n" + "\n".join(found)


@pytest.mark.parametrize("source", [
    'import re\n_CUE = re.compile(r"\\b(?:kata|ujar|ucap)(?:nya)?\\s")',  # speech verbs spelled again
    'import re\nre.search(r"^\\s*(?i:kata|ujar|ucap|tutur)\\s+[A-Z]", text)',  # in a flags group, inline
    'import re\n_X = re.compile(rf"(?:{VERBS})\\s+(?:dan|serta|and)\\b")',  # in an f-string
    'import re\n_X = re.compile(r"^(?:baca\\s+juga|lihat\\s+juga|related)\\b")',  # phrases
    'import re\n_X = re.compile(r"""(?:\n   pewarta|editor|\n   penulis)""", re.VERBOSE)',  # a verbose pattern
    'import re\n_X = re.compile(r"(?:" + "mereka|they|" + WORDS + r"|keduanya)")',  # a concatenation
    '_PRONOUNS = r"nya|dia|ia|beliau"',  # a piece of a pattern
    '_JOINERS = frozenset({"dan", "serta", "and", "of"})',  # the lexicon's words as a set
    'def f(who):\n    return who in ("dan", "atau", "serta")',  # ... inline
])
def test_the_checker_finds_words_of_the_domain(source):
    assert findings(source, "planted")


@pytest.mark.parametrize("source", [
    'import re\n_X = re.compile(r"[A-Z][a-z]+")',  # capitals
    'import re\n_X = re.compile(r"(?<!\\s)\\s++")',  # spaces
    'import re\n_X = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")',  # a Roman numeral
    'import re\n_X = re.compile(rf"\\b(?:{one_of(SPEECH_VERBS)})(?:nya)?\\b")',  # the vocabulary's words
    'import re\n_X = re.compile(r"(?:[,.;]|\\s-\\s|\\bdan\\b|\\band\\b)")',  # two words only
    'import re\n_X = re.compile(r"\\r\\n?|\\n|[|]")',  # a bar inside a class is no alternation
    '_SKIP = {"script", "style", "nav", "header"}',  # HTML's words, not the lexicon's
    'OWN_SITE = frozenset({"same-origin", "same-site", "none"})',  # a header's values
])
def test_the_checker_passes_structure_and_the_vocabularys_words(source):
    assert findings(source, "planted") == []
