"""Made-up texts of the shapes that once cost Ringkas minutes or days, and real article text, at any size: for the
adversarial suite (`tests/cost/test_text_cost.py`) and the cost benchmark (`benchmarks/text_cost.py`)."""

import itertools
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def real_articles(size: int) -> str:
    """`size` characters of real article text: the seed and corpus articles, one after another."""
    files = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("evals/corpus/*/*.txt"))
    text = ""
    for path in itertools.cycle(files):
        if len(text) >= size:
            return text[:size]
        text += path.read_text(encoding="utf-8") + "\n\n"
    return text


_SYLLABLES = ("ba", "di", "ku", "me", "ro", "sa", "ti", "wu", "ne", "lo", "gi", "pa", "ha", "ju", "ke", "ma", "no",
              "ri", "su", "ya")


def made_up_name(i: int) -> str:
    """A two-word person's name of made-up syllables, a different one for each `i` < 8,000."""
    def word(k: int) -> str:
        return "".join(_SYLLABLES[k // 20 ** d % 20] for d in range(3)).capitalize()
    return f"{word(i)} {word(i * 7 + 3)}"


def many_officials(size: int) -> str:
    """`size` characters of sentences that each name a different regent and quote them."""
    text, i = "", 0
    while len(text) < size:
        text += f"Bupati Jambi {made_up_name(i)} mengatakan, \"Kami siap bekerja sama,\" katanya. "
        i += 1
    return text[:text.rfind(". ", 0, size) + 2]  # whole sentences, within `size`


LEAD = "Gubernur Jambi Budi Santoso hadir di Bogor.\n\n"
# Each shape's text of about `n` characters.
SHAPES: dict[str, Callable[[int], str]] = {
    "capitals after a passive cue": lambda n: LEAD + "Hal itu disampaikan oleh " + "A" * n
    + "; Budi Santoso hadir.\n\n\"Kami siap,\" ujarnya.\n",
    "capitalised words": lambda n: LEAD + "Aa " * (n // 3) + "\"Kami siap,\" ujarnya.",
    "spaces before a quote": lambda n: LEAD + " " * n + "\"Kami siap bekerja,\" kata Budi.",
    "spaces after a quote": lambda n: LEAD + "\"Kami siap bekerja,\"" + " " * n + "kata Budi.",
    "quotes on one line": lambda n: LEAD + "Budi berkata " + "\"Kami siap,\" ujarnya. " * (n // 22),
    "quotation marks": lambda n: LEAD + "\u201c\"\u201d'\u2018\u2019\u00ab\u00bb\u201e" * (n // 9),
    "position words": lambda n: "Gubernur " * (n // 9),
    "positions and names": lambda n: "Wakil Gubernur Jambi Budi Santoso, " * (n // 35),
    "names in one sentence, then a pronoun": lambda n: "Wakil Gubernur Jambi Budi Santoso, " * (n // 35)
    + "\n\n\"Kami siap,\" ujarnya.",
    "cue verbs": lambda n: LEAD + "kata ujarnya ujar tegas " * (n // 24),
    "line breaks": lambda n: LEAD + "\n" * n + "\"Kami siap,\" kata Budi.",
    "opening phrases": lambda n: "Dalam sambutannya, " + "Aa, " * (n // 4) + "Budi mengatakan, \"Kami siap.\"",
    "dots": lambda n: LEAD + ". " * (n // 2),
    "one long word": lambda n: LEAD + "a" * n,
    "unclosed tags": lambda n: "<a " * (n // 3),
    "nested tags": lambda n: "<html><body>" + "<div>" * (n // 11) + "Budi" + "</div>" * (n // 11),
    "a different official in each sentence": many_officials,
    "real articles": lambda n: real_articles(n),
}
