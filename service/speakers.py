"""Speakers: who said each quote, as far as the text tells, and where the model's answer is supported.

News writing attributes a quote with a speech verb right after the closing mark ("…," kata Mingrum Gumay;
"…," ujarnya; "…," he said) or a lead-in before it (Pramono mengatakan, "…") (`service.quotes.speech_cue`). A
verb with a name is a cue; a verb with a pronoun continues the previous quote's speaker when that quote is close
by; a position alone names the official who holds it. The model is asked only about the quotes the text leaves
open (`service.pipeline`), and its answer is kept only where the text supports it. Offsets are half-open
`[start, end)` ranges of Unicode code points into the submitted text.
"""

import re
from dataclasses import dataclass

from service.grounding import line_around
from service.person_names import names_match
from service.quotes import CAPITALISED_RUN, SPEECH_VERBS_EN, QuoteSpan, find_quotes, speech_cue
from service.textnorm import matching_form
from service.vocabulary import POSITION_SHORT_FORMS


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, as far as the text tells: `speaker` is one of the officials' names, or None."""

    speaker: str | None
    method: str  # "cue", "previous" or "none"


def attribute_quotes(text: str, quotes: list[QuoteSpan], officials: list[str]) -> list[Attribution]:
    """A speaker for each of `quotes` (found in `text`), in their order, among `officials` (names): the one a
    speech cue names ("cue"), else the previous quote's speaker when a pronoun or nothing continues it within
    two paragraphs ("previous"), else none ("none")."""
    results: list[Attribution] = []
    previous: tuple[str, int] | None = None  # the last attributed speaker and where their quote ended
    for quote in quotes:
        who, is_pronoun = speech_cue(text, quote)
        speaker = _match_official(who, officials) if who else None
        if speaker:
            result = Attribution(speaker, "cue")
        elif (is_pronoun or not who) and previous and _paragraphs_between(text, previous[1], quote.start) <= 2:
            result = Attribution(previous[0], "previous")
        else:
            result = Attribution(None, "none")
        if result.speaker:
            previous = (result.speaker, quote.end)
        results.append(result)
    return results


def _match_official(words: str, officials: list[str]) -> str | None:
    """The official named in a cue: the longest run of capitalised words that names exactly one official."""
    for run in sorted(CAPITALISED_RUN.findall(words), key=len, reverse=True):
        run_words = run.split()
        # Try the run and its tails ("Wakil Gubernur Lampung Jihan Nurlela" -> "Jihan Nurlela").
        for i in range(len(run_words)):
            candidate = " ".join(run_words[i:])
            hits = [o for o in officials if names_match(candidate, o)]
            if len(hits) == 1:
                return hits[0]
    return None


def last_named_before(text: str, offset: int, officials: list[str]) -> str | None:
    """The official (one of `officials`) named last in `text` before `offset`, by full name or a part of it
    (`names_match`), outside quotations; None if none is. Offsets are code points.

    Convention of Indonesian and English news: a pronoun cue ("ujarnya", "tambahnya", "he said") continues the
    person the text spoke of last; when another official is named in between, the pronoun is theirs."""
    last: tuple[int, str] | None = None
    spans = [(q.start, q.end) for q in find_quotes(text[:offset])]
    view = matching_form(text[:offset])  # same length as text[:offset] only without invisible characters
    if len(view) != offset:
        view = text[:offset]
    for m in CAPITALISED_RUN.finditer(view):
        if any(a <= m.start() < b for a, b in spans):
            continue
        words = m.group().split()
        for i in range(len(words)):
            hits = [o for o in officials if names_match(" ".join(words[i:]), o)]
            if len(hits) == 1:
                last = (m.start(), hits[0])
                break
    return last[1] if last else None


_BACK_REFERENCE_TAIL = re.compile(r"\s+(?:itu|tersebut|ini)\s*$|^\s*the\s+", re.IGNORECASE)


def official_by_position(cue: str, officials: list[tuple[str, str]]) -> str | None:
    """The one official of `officials` ((name, "title institution") pairs) that a position-only cue names, or
    None when the cue is no position or more than one official holds it.

    Convention of Indonesian and English news: once an article has named an office-holder, it refers back to
    them by the position alone ("…," kata Gubernur / ujar Wali Kota Bogor itu / tutup Wako / ujar Konjen /
    the governor said); the short forms are `service.vocabulary.POSITION_SHORT_FORMS`."""
    words = _BACK_REFERENCE_TAIL.sub("", matching_form(cue)).strip().lower()
    words = _expand_short_form(words)
    if not words:
        return None
    held = [name for name, office in officials if _holds(_expand_short_form(matching_form(office).lower()), words)]
    return held[0] if len(held) == 1 else None


def speaker_by_position(text: str, quote: QuoteSpan, officials: list[tuple[str, str]]) -> str | None:
    """The official a position-only speech cue beside `quote` names ("…," kata Gubernur), by
    `official_by_position`; None when the cue names a person, is a pronoun, or is missing."""
    who, _ = speech_cue(text, quote)
    if not who:  # English: '…," the governor said.'
        line_end = line_around(text, quote.start, quote.end)[1]
        m = _AFTER_EN_POSITION.match(matching_form(text[quote.end + 1:line_end]))
        who = m.group("who") if m else None
    return official_by_position(who, officials) if who else None


_AFTER_EN_POSITION = re.compile(rf"^\s*[,.]?\s*the\s+(?P<who>[A-Za-z ]{{3,40}}?)\s+(?:{SPEECH_VERBS_EN})\b",
                                re.IGNORECASE)


def _expand_short_form(words: str) -> str:
    """`words` with a leading short or English form of a position written out ("wako bogor" -> "wali kota
    bogor"); unchanged when it opens with none."""
    for form, written_out in POSITION_SHORT_FORMS.items():
        if words == form or words.startswith(form + " "):
            return written_out + words[len(form):]
    return words


def _holds(office: str, cue: str) -> bool:
    """Whether an office ("wali kota kota bogor") is the one a cue names: the cue's first words are its position
    (not the start of a longer one: "gubernur" is not "wakil gubernur"), and every further word of the cue
    (a region) occurs in the office."""
    cue_words, office_words = cue.split(), office.split()
    for size in range(min(len(cue_words), 3), 0, -1):
        position = cue_words[:size]
        if office_words[:size] == position:
            return all(w in office_words for w in cue_words[size:])
    return False


def _paragraphs_between(text: str, start: int, end: int) -> int:
    """Paragraph breaks between two offsets: a line break, where a blank line between paragraphs counts once."""
    return text.count("\n", start, end) - text.count("\n\n", start, end)
