"""Grounding primitives: where a needle or a phrase occurs in the article, and what line an offset is on.

Nothing here trusts the model. Every offset is a half-open `[start, end)` range of Unicode code points into the
submitted text. Needles and phrases are matched on the text's normalised view (`service.textnorm`: NFC,
invisible characters removed, Unicode spaces made plain), so a zero-width space or a no-break space inside a
name neither cuts it short nor hides it; the spans found still cover the submitted characters. The items built
on these (officials, partners, sectors, goals, quotes) live in modules of their own.
"""

import bisect
import re
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from service.textnorm import matching_form, normalise
from service.vocabulary import FUNCTION_WORDS, is_title_case

T = TypeVar("T")


class Grounded(NamedTuple, Generic[T]):
    """What a concept module keeps of the model's items (`items`, each grounded in the article) and, for the
    summary's warnings, what it dropped and why (`warnings`, one readable sentence each)."""

    items: list[T]
    warnings: list[str]

Span = tuple[int, int]


def find_all(text: str, needle: str, *, ignore_case: bool = False) -> list[Span]:
    """Every occurrence of `needle` in `text`, as `[start, end)` code-point spans of `text`, in order.

    Both are matched in their normalised view, so the needle may be written with or without the invisible
    characters and special spaces the text has; a span covers the text's own characters, invisible ones
    inside the match included. Any run of whitespace in the needle matches any run in the text, and a needle
    that starts and ends with a letter or digit matches whole words only. An empty needle occurs nowhere.
    """
    return list(_find_all(text, needle, ignore_case))


@lru_cache(maxsize=4096)  # a needle found in every sentence of a long text is mapped back once, not once per ask
def _find_all(text: str, needle: str, ignore_case: bool) -> tuple[Span, ...]:
    view = normalise(text)
    return tuple(view.span(start, end) for start, end in find_in_view(view.text, needle, ignore_case))


def find_in_view(view: str, needle: str, ignore_case: bool = False) -> list[Span]:
    """Spans of `needle` (in its matching form) in `view`, a text already in its normalised view: offsets into
    `view` itself, not into the submitted text (see `service.textnorm.NormalisedText.span`). The same
    needle is looked for once per text (a region every official of a long text names, a name grounded several times)."""
    return list(_find_in_view(view, needle, ignore_case))


@lru_cache(maxsize=4096)
def _find_in_view(view: str, needle: str, ignore_case: bool) -> tuple[Span, ...]:
    return tuple(_search_view(view, needle, ignore_case))


def _search_view(view: str, needle: str, ignore_case: bool) -> list[Span]:
    words = matching_form(needle).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    flags = re.IGNORECASE if ignore_case else 0
    if not (words[0][0].isalnum() and words[-1][-1].isalnum()):
        return [match.span() for match in re.finditer(pattern, view, flags)]
    # A match must not start or end inside a word, so it starts where a word of the view starts that is the
    # needle's first word: only those places are tried, so finding every name of an article is not a scan of the
    # whole text per name. Matches do not overlap, as `re.finditer` gives them.
    whole = re.compile(rf"(?<!\w){pattern}(?!\w)", flags)
    found: list[Span] = []
    for start in _word_starts(view).get(_WORD.match(words[0]).group().lower(), ()):
        if found and start < found[-1][1]:
            continue
        if match := whole.match(view, start):
            found.append(match.span())
    return found


_WORD = re.compile(r"\w++")


@lru_cache(maxsize=4)
def _word_starts(view: str) -> dict[str, list[int]]:
    """Where each word (a run of `\\w`, lower-cased) starts in `view`, in order: read once per text."""
    starts: dict[str, list[int]] = {}
    for word in _WORD.finditer(view):
        starts.setdefault(word.group().lower(), []).append(word.start())
    return starts


def align_phrase(text: str, phrase: str, *, min_overlap: float = 0.6) -> Span | None:
    """The code-point span of `phrase` in `text`: exact (whitespace- and case-insensitive), else the shortest
    window of the best-matching sentence that holds at least `min_overlap` (a share, 0-1) of the phrase's
    content words, in order-free fashion. None when the article does not support the phrase. Matched in the
    normalised view, as `find_all` is; a sentence ends at ".", "!", "?" or a line break.
    """
    exact = find_all(text, phrase, ignore_case=True)
    if exact:
        return exact[0]
    words = content_words(matching_form(phrase))
    if not words:
        return None
    view = normalise(text)
    best: tuple[float, int, int] | None = None
    for sentence in re.finditer(r"[^.!?\n]+", view.text):
        sentence_tokens = [(token.group().lower(), sentence.start() + token.start(), sentence.start() + token.end())
                           for token in re.finditer(r"\w[\w-]*", sentence.group())]
        hits = [(start, end) for tok, start, end in sentence_tokens if tok in words]
        covered = len({tok for tok, _, _ in sentence_tokens if tok in words})
        score = covered / len(words)
        if hits and score >= min_overlap and (best is None or score > best[0]):
            best = (score, hits[0][0], hits[-1][1])
    return view.span(best[1], best[2]) if best else None


def content_words(phrase: str) -> set[str]:
    """The lower-cased words of `phrase` (hyphenated compounds whole: "antar-wilayah") that are not function
    words (`service.vocabulary.FUNCTION_WORDS`)."""
    return {w for w in (t.lower() for t in re.findall(r"\w[\w-]*", phrase)) if w not in FUNCTION_WORDS}


def dice(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Sørensen–Dice coefficient of two token sets, 0-1: twice the shared tokens over both sizes; 0 when either
    is empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def line_around(text: str, start: int, end: int | None = None) -> Span:
    """The `[start, end)` offsets of the line(s) of `text` from the one holding offset `start` to the one
    holding offset `end` (the same line when `end` is None), line breaks excluded.

    In an article, the line breaks are looked up (`_line_breaks`, read once per text), so asking for the line
    of every quote and name costs no scan of a long line each time."""
    if len(text) <= _PHRASE_LENGTH:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start if end is None else end)
        return line_start, line_end if line_end != -1 else len(text)
    breaks = _line_breaks(text)
    before = bisect.bisect_left(breaks, start)
    after = bisect.bisect_left(breaks, start if end is None else end)
    return (breaks[before - 1] + 1 if before else 0), (breaks[after] if after < len(breaks) else len(text))


# Up to this length a text is a phrase or a line: scanned as it is, not indexed.
_PHRASE_LENGTH = 2_000


@lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    """The offsets of the line breaks ("\\n") of `text`, in order."""
    return [m.start() for m in re.finditer("\n", text)]


def in_headline(text: str, offset: int) -> bool:
    """Whether `offset` lies on a line in Title Case, as headlines are written: of its 3-20 words (runs of
    letters, digits, apostrophes and hyphens that start with an ASCII letter), more than 60% capitalised. A
    line that ends in a full stop is a sentence, whatever its capitals (a lead that opens with a dateline and
    an official's title and name: "MEDAN – Gubernur Sumatera Utara Edy Rahmayadi menerima …"): headlines in
    Indonesian and English news take no full stop."""
    return _headline_line(text, *line_around(text, offset))


@lru_cache(maxsize=4096)  # asked for every name found on a line: a long line is read once
def _headline_line(text: str, start: int, end: int) -> bool:
    if text[start:end].rstrip().endswith("."):
        return False
    return is_title_case(_HEADLINE_WORD.findall(text, start, end), share=0.6, min_words=3, max_words=20)


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'-]*+")
