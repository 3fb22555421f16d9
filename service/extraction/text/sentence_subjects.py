"""Who a text speaks of before an offset: where it names each of a list of officials outside quotations, whether
that mention is the subject of its sentence, and so the official a pronoun there refers to (`last_subject_before`)
or the one it named last (`last_named_before`, `last_named_near`).

Convention of Indonesian and English news: a subject opens its sentence, after no more than the words of a
position or an opening phrase ("Menurut Budi", "Dalam sambutannya, Wakil Gubernur Rina"), or it is the agent of a
passive speech verb ("Hal senada disampaikan Ketua DPRD Rina"). What depends on the whole text is read once per
text (cached) and each offset looks up its part (`bisect`). Offsets are Unicode code points into the text given.
"""

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from service.extraction.text.person_names import NameIndex, is_honorific
from service.extraction.text.places import is_place
from service.extraction.text.quotes import CAPITALISED_RUN, find_quotes
from service.intake import RELATED_LINK
from service.textnorm import matching_form, normalise
from service.vocabulary import (
    NOT_NAME_WORDS,
    POSITION_WORDS,
    SENTENCE_OPENERS,
    SPEECH_VERBS_PASSIVE_ID,
    one_of,
)

# Lower-case words that may open a sentence before its subject: "Menurut Budi, …", "Sementara itu, Budi …",
# "According to Budi", "Meanwhile, Budi".
_BEFORE_SUBJECT = SENTENCE_OPENERS
# An opening phrase of up to five words, not all capitalised, closed by a comma also leaves the subject after it: "Dalam
# sambutannya, Rina …", "Usai penandatanganan, Wakil Gubernur Rina …", "Speaking at the same event, Mayor Hendra …".
_OPENER = re.compile(r"^\W*+(?=[^,]*\b[a-z])(?:[\w'’-]++\s++){0,4}[\w'’-]++\s*+,\s*+(?:[A-Z][\w.'’-]*+[\s,]*+)*+$")
# The agent of a passive speech verb is the subject the next pronoun refers to: "Hal senada disampaikan Ketua
# DPRD Rina Marlina.", "… disambut baik oleh Wali Kota Hendra", "… was welcomed by Mayor Hendra".
_AGENT = re.compile(rf"\b(?:{one_of(SPEECH_VERBS_PASSIVE_ID)}|oleh|by)\s++(?:[A-Z][\w.'’-]*+\s*+)*+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?”\"]\s+|\n)(?=\S)")
# A run of capitalised words ends at a line break or a full stop after a word of three letters or more.
_RUN_BREAK = re.compile(r"(?<=\w{3})\.\s++|(?<!\s)[^\S\n]*+\n\s*+")


def last_subject_before(text: str, offset: int, officials: list[str]) -> tuple[str, int] | None:
    """The official (one of `officials`) last named as the subject of a sentence in `text` before `offset` (the
    start of a quote), outside quotations, with the offset of that mention (code points); None if none is.

    A subject opens its sentence: before it stand only capitalised words (positions, regions, honorifics),
    commas and the openers of `_BEFORE_SUBJECT` ("Menurut", "Sementara itu"), or a short opening phrase closed
    by a comma ("Dalam sambutannya,"); or it is the agent of a passive speech verb ("disampaikan Ketua DPRD
    Rina"). Whether a mention is a subject depends only on the text before it, so every mention of an article
    is read once (`_mentions`) and each quote looks up the last one before it."""
    mentions = _mentions(text, tuple(officials), offset)
    k = bisect.bisect_left(mentions.starts, offset) - 1
    while k >= 0 and not mentions.subject[k]:
        k -= 1
    return (mentions.official[k], mentions.starts[k]) if k >= 0 else None


@dataclass(frozen=True)
class _Mentions:
    """Where one text names the officials, outside quotations, in order: each mention's offset (code points),
    the official it names, and whether it is the subject of its sentence."""

    starts: list[int]
    official: list[str]
    subject: list[bool]


def _mentions(text: str, officials: tuple[str, ...], offset: int, *, whole_runs: bool = False) -> _Mentions:
    """The officials' mentions that `text[:offset]` holds, read in the view a reader of that prefix would match
    in: the matching form while it keeps the text's length, the text itself once the prefix holds a character
    the matching form drops (an invisible one). Each is read once per text and officials (`_read_mentions`)."""
    return _read_mentions(text, officials, use_view=offset <= _first_dropped(text), whole_runs=whole_runs)


@lru_cache(maxsize=4)
def _first_dropped(text: str) -> int:
    """The offset of the first character of `text` that its matching form drops or merges (`len(text)` if
    none): up to there, the matching form of a prefix is the prefix of the matching form."""
    view = normalise(text)
    size = len(view.text)
    if view.text is text or size == 0:
        return size
    return next((i for i in range(size) if view.span(i, i + 1) != (i, i + 1)), size)


@lru_cache(maxsize=4)
def _read_mentions(text: str, officials: tuple[str, ...], *, use_view: bool, whole_runs: bool) -> _Mentions:
    """Every mention of `officials` in `text` (in its matching form, up to where that keeps the text's offsets,
    with `use_view`), in one pass: each run of capitalised words outside quotations and related-article lines
    that names exactly one official (its longest such tail), with whether it opens its sentence. `whole_runs`
    reads runs as `CAPITALISED_RUN` finds them, else split where a sentence or a line ends inside them
    (`_runs`)."""
    view = matching_form(text)[:_first_dropped(text)] if use_view else text
    # Quotations, and lines of page furniture ("Baca juga: Gubernur Rina …"), where no mention is the text's own.
    spans = sorted([(q.start, q.end) for q in find_quotes(view)] + _noise_lines(view))
    span_starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest any span up to each one reaches
    starts = [m.end() for m in _SENTENCE_START.finditer(view)]
    index = NameIndex(list(officials))
    runs = ((m.start(), m.group()) for m in CAPITALISED_RUN.finditer(view)) if whole_runs else _runs(view)
    found = _Mentions([], [], [])
    for run_start, run in runs:
        k = bisect.bisect_right(span_starts, run_start) - 1
        if k >= 0 and run_start < reach[k]:
            continue  # inside a quotation or on a line of page furniture
        words = run.split()
        for i in range(_first_tail(words, index), len(words)):
            hits = index.matching(" ".join(words[i:]))
            if len(hits) == 1:
                found.starts.append(run_start)
                found.official.append(hits[0])
                if not whole_runs:
                    s = bisect.bisect_right(starts, run_start) - 1
                    found.subject.append(_opens_sentence(view, starts[s] if s >= 0 else 0, run_start, words[:i]))
                break
    return found


def _noise_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` that links to another article ("Baca juga: …", "Read also: …"), by
    their label and colon (`service.intake.RELATED_LINK`: "Related to the visit, …" is a sentence of the
    article)."""
    return [(m.start(), m.end()) for m in _RELATED_LINE.finditer(text)]


_RELATED_LINE = re.compile(rf"^[ \t]*+(?:{RELATED_LINK.pattern})[^\n]*+", re.MULTILINE)


# A subject opens its sentence: what stands before it is a few words of position, an opening phrase, or a passive
# speech verb and the words of a position ("disampaikan oleh Ketua DPRD"). Before a mention further into its
# sentence than this (characters), only the passive verb is looked for, near the mention, so a sentence of a
# thousand names is not read once per name.
_LONGEST_LEAD = 1_000


def _opens_sentence(view: str, sentence_start: int, run_start: int, head: list[str]) -> bool:
    """Whether the mention at `run_start` (after the words `head` of its run) is its sentence's subject, as
    `_is_subject_lead` tells from what precedes it in the sentence that starts at `sentence_start`."""
    if run_start - sentence_start <= _LONGEST_LEAD:
        return _is_subject_lead(" ".join([view[sentence_start:run_start], *head]))
    lead = " ".join([view[run_start - _LONGEST_LEAD:run_start], *head])
    return _AGENT.search(lead) is not None


# The most words of a run read as one name: a person's name with honorifics and degrees is far shorter, and a
# run of a thousand capitalised words would otherwise be read a thousand times over.
_LONGEST_NAME_WORDS = 24


def _first_tail(words: list[str], index: NameIndex) -> int:
    """Where the longest tail of a run that may name an official starts: after the last word that is no word of
    any official's name (no tail holding it names one), and at most `_LONGEST_NAME_WORDS` from the end."""
    first = max(0, len(words) - _LONGEST_NAME_WORDS)
    for i in range(len(words) - 1, first - 1, -1):
        if not index.could_name(words[i]):
            return i + 1
    return first


def _runs(view: str):
    """(offset, run) for each run of capitalised words, split where a sentence or a line ends inside it."""
    for m in CAPITALISED_RUN.finditer(view):
        start = m.start()
        for stop in _RUN_BREAK.finditer(view, m.start(), m.end()):
            if stop.start() > start:
                yield start, view[start:stop.start()].rstrip(".")
            start = stop.end()
        if start < m.end():
            yield start, view[start:m.end()].rstrip(".")


def _is_subject_lead(lead: str) -> bool:
    """Whether what opens a sentence before a name leaves the name its subject: only the openers of
    `_BEFORE_SUBJECT` and the words of a position before a name (positions, bodies, places, honorifics,
    acronyms: "Wali Kota Vlissingen", "Ketua DPRD", "H."), not a noun the name belongs to ("Kunjungan Wali Kota
    Bas …" is about the visit); or a short opening phrase closed by a comma; or a passive speech verb."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", lead)
    while words and words[0].lower() in _BEFORE_SUBJECT:
        words.pop(0)
    # "Wakil Wali Kota Vlissingen, Albert": a position opens the lead, its body follows in capitals.
    titled = bool(words) and words[0].lower().strip(".") in POSITION_WORDS and all(w[0].isupper() for w in words)
    return (titled or all(w.lower() in _BEFORE_SUBJECT or (w[0].isupper() and is_position_word(w)) for w in words)
            or bool(_OPENER.match(lead)) or bool(_AGENT.search(lead)))


def is_position_word(word: str) -> bool:
    """Whether a word may stand in the words of a position before a name rather than in the name: a word no name
    holds (`NOT_NAME_WORDS`: "Wali", "Ketua"), an acronym ("DPRD"), an honorific ("H.") or a place ("Boyolali"),
    its dots aside."""
    bare = word.strip(".")
    return (bare.lower() in NOT_NAME_WORDS or bare.isupper() or is_honorific(word) or is_place(bare))


def last_named_near(text: str, offset: int, officials: list[str], paragraphs: int = 1) -> str | None:
    """The official `last_named_before` gives, when that mention stands in the paragraph of `offset` or within
    `paragraphs` paragraphs before it; None otherwise.

    What a model's answer for a quote with no cue needs: news names a speaker close to their quote, in its
    paragraph or the one before; a name several paragraphs back (an official of the lead) supports no guess."""
    last = last_named(text, offset, officials)
    return last[1] if last and paragraphs_between(text, last[0], offset) <= paragraphs else None


def last_named_before(text: str, offset: int, officials: list[str]) -> str | None:
    """The official (one of `officials`) named last in `text` before `offset`, by full name or a part of it
    (`names_match`), outside quotations; None if none is. Offsets are code points.

    Convention of Indonesian and English news: a pronoun cue ("ujarnya", "tambahnya", "he said") continues the
    person the text spoke of last; when another official is named in between, the pronoun is theirs."""
    last = last_named(text, offset, officials)
    return last[1] if last else None


def last_named(text: str, offset: int, officials: list[str]) -> tuple[int, str] | None:
    """(offset of the mention in code points, official) for the official (one of `officials`) named last in
    `text` before `offset`, outside quotations and lines of page furniture; None if none is."""
    mentions = _mentions(text, tuple(officials), offset, whole_runs=True)
    k = bisect.bisect_left(mentions.starts, offset) - 1
    return (mentions.starts[k], mentions.official[k]) if k >= 0 else None


def paragraphs_between(text: str, start: int, end: int) -> int:
    """The paragraph breaks in `text` between two offsets (code points): each line break, where a blank line
    between paragraphs counts once."""
    return text.count("\n", start, end) - text.count("\n\n", start, end)
