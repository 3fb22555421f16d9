"""The words by which an article names what happened between its parties: "menandatangani", "studi banding",
"audiensi", "kunjungan kerja", "bertemu" (`service.vocabulary.EVENT_WORDS`, by event kind).

A sentence with a word of the future or of a plan ("akan berkunjung", "dijadwalkan", "will visit") reports no
event, as the annotation guide says (`../shared/ANNOTATION.md`, "events"), so its words are not read; nor are a
link to another article's ("Baca juga: …") or an event word after a word of preparing for it ("persiapan
penandatanganan"). Offsets are
half-open `[start, end)` ranges of Unicode code points into the text given. Every pattern here is an alternation of
literal words between word boundaries: one pass over the text, no backtracking.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.intake import RELATED_LINK
from service.vocabulary import ABBREVIATIONS, EVENT_WORDS, PLAN_WORDS, PROSPECT_WORDS, one_of

# A sentence ends at a full stop, question or exclamation mark after a word of three letters or more, a number or a
# closing bracket or mark, and followed by space, or at a line break: the paragraphs of news are its lines. The
# stop after a short abbreviation ("Pj. Gubernur", "Dr. H. Andi") ends nothing, nor (`sentences`) one before a
# lower-case word or after a listed abbreviation ("Drs. Fathurrahman"). Possessive: spaces are read once.
_SENTENCE_END = re.compile(r"(?:(?<=\w\w\w[.!?])|(?<=[\d)\"”’][.!?])|(?<=[.!?][\"”’]))\s++|\n++")
_PLAN = re.compile(rf"\b(?:{one_of(PLAN_WORDS)})\b", re.IGNORECASE)
# "persiapan penandatanganan", "ahead of the signing": a word of preparing or approaching just before the event word.
_PROSPECT = re.compile(rf"\b(?:{one_of(PROSPECT_WORDS)})[ \t]++$", re.IGNORECASE)
_PROSPECT_CHARS = 40  # read back from an event word: longer than the longest prospect word and its space
_KIND_OF = {word: kind for kind, words in EVENT_WORDS.items() for word in words}
# Longer words first, so "kunjungan kerja" is read before "kunjungan" at the same place.
_EVENT_WORD = re.compile(rf"\b(?:{one_of(sorted(_KIND_OF, key=len, reverse=True))})\b", re.IGNORECASE)
KINDS_IN_ORDER = tuple(EVENT_WORDS)  # the guide's order of rules, "other" left out (it has no words)


@dataclass(frozen=True)
class EventWord:
    """An event word in the text: its kind, where it is, as written, and the sentence it stands in."""

    kind: str
    start: int
    end: int
    text: str
    sentence: tuple[int, int]


def sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences as half-open spans, in order, blank ones left out. A line break always ends one; a
    stop ends none before a lower-case word ("S.Sos. menerima") or after an abbreviation of a title or a given
    name (`service.vocabulary.ABBREVIATIONS`: "Drs. Fathurrahman", "Moh. Ramdhan")."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and (text[m.end():m.end() + 1].islower()
                                      or (text[m.start() - 1:m.start()] == "."
                                          and _word_before(text, m.start() - 1) in ABBREVIATIONS)):
            continue  # "S.Sos. menerima": no sentence starts in lower case; "Drs. Fathurrahman": a title
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _word_before(text: str, stop: int) -> str:
    """The letters just before `stop`, lower-cased: at most 12 (the longest abbreviation is shorter), read
    backwards from it, so the cost does not grow with the text."""
    start = stop
    while start > max(0, stop - 12) and text[start - 1].isalpha():
        start -= 1
    return text[start:stop].lower()


def event_words(text: str) -> list[EventWord]:
    """Every event word of the text that stands in a sentence reporting no plan and linking to no other article
    ("Baca juga: …"), and follows no word of preparing for it ("persiapan penandatanganan"), in order of
    appearance."""
    return list(_event_words(text))


@lru_cache(maxsize=8)  # read for the model's hint and again for grounding: once per article
def _event_words(text: str) -> tuple[EventWord, ...]:
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if _PLAN.search(sentence) or RELATED_LINK.match(sentence.lstrip()):
            continue  # a plan, or a link to another article ("Baca juga: NTB menandatangani …")
        for m in _EVENT_WORD.finditer(sentence):
            if _PROSPECT.search(sentence, max(0, m.start() - _PROSPECT_CHARS), m.start()):
                continue
            word = " ".join(m.group().lower().split())
            found.append(EventWord(_KIND_OF[word], start + m.start(), start + m.end(), m.group(), (start, end)))
    return tuple(found)


def stated_kind(words: Sequence[EventWord]) -> str | None:
    """The kind the guide's first applying rule gives to an event named by `words`: the earliest kind in its order
    that one of them has ("menandatangani" and "kunjungan kerja" in one report make a `signing`); None without
    words."""
    kinds = {w.kind for w in words}
    return next((kind for kind in KINDS_IN_ORDER if kind in kinds), None)
