"""Quotes: found by code between quotation marks, told from marks around something other than speech, and the
speech cues beside them ("…," kata Mingrum Gumay; "…," ujarnya; "…," he said; Pramono mengatakan, "…"). Who
said each is `service.extraction.speakers`. Offsets are half-open `[start, end)` ranges of Unicode code points into the
submitted text.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from service.extraction.text.grounding import line_around
from service.intake import is_noise_line
from service.textnorm import matching_form
from service.vocabulary import (
    PRONOUNS,
    SPEECH_VERBS_AFTER_QUOTE_EN,
    SPEECH_VERBS_AFTER_QUOTE_ID,
    SPEECH_VERBS_BEFORE_QUOTE,
    SPEECH_VERBS_OPENING_AN_ATTRIBUTION,
    is_title_case,
    one_of,
)

# Quotation marks by style. Straight and curly double marks are mixed in the wild (“…" and "…”), so they close
# each other; „ opens a quote German-style („…“), a style some Indonesian outlets use, and “ then closes it.
_DOUBLE_OPEN = {'"', "\u201c", "\u201e"}  # " “ „
_DOUBLE_CLOSE = {'"', "\u201d", "\u201c"}  # " ” and “ (German-style, or mistyped)
_SINGLE_OPEN = "\u2018"  # ‘
_SINGLE_CLOSE = "\u2019"  # ’
_GUILLEMET_OPEN = "\u00ab"  # «
_GUILLEMET_CLOSE = "\u00bb"  # »
_MARKS = frozenset({*_DOUBLE_OPEN, *_DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE, _GUILLEMET_OPEN, _GUILLEMET_CLOSE})

# Speech verbs after a quote, Indonesian (which may take -nya/-kan: "katanya", "ujarnya") and English, as
# regular-expression alternations (`service.vocabulary`).
_SPEECH_VERBS_ID = one_of(SPEECH_VERBS_AFTER_QUOTE_ID)
SPEECH_VERBS_EN = one_of(SPEECH_VERBS_AFTER_QUOTE_EN)
# A speech cue right after a closing mark: '…,” kata Budi', '…,” ujarnya', '…," he said'; a comma outside the
# mark ('…”, kata Budi') is seen too.
_CUE_AFTER_MARK = re.compile(
    rf"(?<!\s)\s*+(?:[,.]\s*+)?(?:(?:{_SPEECH_VERBS_ID})(?:nya)?(?:kan)?|{SPEECH_VERBS_EN})\b", re.IGNORECASE
)
# Nothing but white space up to the end of a line (matched from a position, so a line is not copied per mark).
_SPACES_TO_THE_END = re.compile(r"(?<!\s)\s*+$")
# What a speaker's sentence ends with inside the closing mark, in Indonesian and English news alike.
_END_PUNCTUATION = ",.!?…"
# Besides a space, what may stand right before an opening mark inside a quote: a bracket or another opening mark.
_BEFORE_INNER_OPENING = "([{\u2018\u201c\u201e\u00ab"


@dataclass(frozen=True)
class QuoteSpan:
    """A span of text between a pair of quotation marks; `start`/`end` exclude the marks."""

    start: int
    end: int
    text: str


def _is_word_char(ch: str) -> bool:
    """Letters and digits: a mark between two of them is an apostrophe or joins a word (Jum’at, Mas’ud)."""
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every span between a matched pair of quotation marks, paragraph by paragraph, in order, as half-open
    code-point offsets into `text` that exclude the marks and the spaces just inside them.

    Straight and curly double marks, German-style „…“, curly single marks (an apostrophe inside a word is not a
    mark) and guillemets. Marks inside an open quote that open another one (a title in marks, a quote within
    the quote, in the same style or another) are nested, and belong to the outer quote. A quote never crosses
    a line break; an opening mark left unclosed at the end of its line is ignored, and the quotes closed inside
    it stand on their own (the stray mark was never a quote).
    """
    spans: list[QuoteSpan] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in _quotes_in_line(line):
            # « Nous voulons … »: the spaces French typography puts inside the marks are not speech.
            start += len(line[start:end]) - len(line[start:end].lstrip())
            end -= len(line[start:end]) - len(line[start:end].rstrip())
            if start < end:
                spans.append(QuoteSpan(offset + start, offset + end, line[start:end]))
        offset += len(line) + 1
    return [q for q in spans if q.text.strip()]


@dataclass
class _OpenQuote:
    """A quote opened and not yet closed while a line is read."""

    style: str  # "double", "single" or "guillemet"
    start: int  # just after the opening mark
    closed_inside: list[tuple[int, int]]  # quotes already closed within it, in case it is never closed


def _quotes_in_line(line: str) -> list[tuple[int, int]]:
    """The `[start, end)` spans of the outermost quotes of one line, nested marks kept inside them."""
    found: list[tuple[int, int]] = []
    stack = _OpenQuotes()
    for i, ch in enumerate(line):
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if not stack.quotes:
            style = _opening_style(ch, prev, nxt)
            if style:
                stack.open(_OpenQuote(style, i + 1, []))
            continue
        style = _inner_opening_style(ch, prev, nxt)
        if style:
            stack.open(_OpenQuote(style, i + 1, []))
            continue
        level = stack.innermost(_closing_style(ch, nxt))
        if level is None:
            continue  # an apostrophe, or a mark of a style no open quote has
        quote = (stack.quotes[level].start, i)
        if level == 0:
            found.append(quote)  # the outermost quote ends: every nested mark was inside it
            stack.close_from(0)
        elif _ends_speech(line, i):
            # The speaker's words end here, so the quotes still open outside this one were never closed.
            found += [q for outer in stack.quotes[:level] for q in outer.closed_inside] + [quote]
            stack.close_from(0)
        else:
            # A title or a quote within the quote: it belongs to the quote around it.
            stack.quotes[level - 1].closed_inside.append(quote)
            stack.close_from(level)
    found += [q for never_closed in stack.quotes for q in never_closed.closed_inside]
    return sorted(found)


class _OpenQuotes:
    """The quotes open on a line, outermost first, with the levels of each style's, so that the innermost open
    quote of a style is found without reading the stack (a line of a thousand opening marks is still read once)."""

    def __init__(self):
        self.quotes: list[_OpenQuote] = []
        self._levels: dict[str, list[int]] = {}

    def open(self, quote: _OpenQuote) -> None:
        self._levels.setdefault(quote.style, []).append(len(self.quotes))
        self.quotes.append(quote)

    def innermost(self, style: str | None) -> int | None:
        """The level of the innermost open quote of `style`, or None."""
        levels = self._levels.get(style) if style else None
        return levels[-1] if levels else None

    def close_from(self, level: int) -> None:
        """Close the quotes at `level` and inside it."""
        for quote in self.quotes[level:]:
            self._levels[quote.style].pop()
        del self.quotes[level:]


def _opening_style(ch: str, prev: str, nxt: str) -> str | None:
    """The style of quote a mark opens outside any quote, or None."""
    # A straight mark right after a word and before a space closes something, it does not open.
    if ch in _DOUBLE_OPEN and not (ch == '"' and _is_word_char(prev) and not _is_word_char(nxt)):
        return "double"
    if ch == _SINGLE_OPEN and not _is_word_char(prev):
        return "single"
    if ch == _GUILLEMET_OPEN:
        return "guillemet"
    return None


def _inner_opening_style(ch: str, prev: str, nxt: str) -> str | None:
    """The style of quote a mark opens inside an open quote, or None when it closes (or is no mark)."""
    if ch == "\u201e" or ch == _GUILLEMET_OPEN:
        return "double" if ch == "\u201e" else "guillemet"  # „ and « only ever open
    if ch == _SINGLE_OPEN and not _is_word_char(prev):
        return "single"  # ‘…’ inside a quote: a title or quoted words, as English and Indonesian write them
    if ch == "\u201c" and _is_word_char(nxt):
        return "double"  # “ before a word opens; “ after one closes („…“, or mistyped)
    if ch == '"' and (prev.isspace() or prev in _BEFORE_INNER_OPENING) and _is_word_char(nxt):
        return "double"  # 'Program "Desa Cerdas" …': a title in marks inside the quote
    return None


def _closing_style(ch: str, nxt: str) -> str | None:
    """The style of quote a mark closes, or None."""
    if ch in _DOUBLE_CLOSE:
        return "double"
    if ch == _SINGLE_CLOSE and not _is_word_char(nxt):
        return "single"  # ’ inside a word is an apostrophe (Jum’at, Mas’ud)
    if ch == _GUILLEMET_CLOSE:
        return "guillemet"
    return None


def _ends_speech(line: str, i: int) -> bool:
    """Whether the closing mark at `line[i]` ends what the speaker says, not a title inside it.

    Indonesian and English news close a quote with its punctuation inside the mark and a speech cue after it
    ('…,” kata Budi.', '…," he said'), or end the paragraph with it ('… terus.”'). A speech cue ends it even
    with the comma left out or put outside the mark. A title closes with no punctuation and the sentence goes
    on ('"Desa Cerdas" dan …'). A capitalised word after '.”' is not taken as the end: a quote within the quote
    may go on with the speaker's next sentence; if no later mark closes the outer quote, the line's end gives
    the quotes closed inside it back (see `_quotes_in_line`).
    """
    if _CUE_AFTER_MARK.match(line, i + 1):
        return True
    return line[i - 1] in _END_PUNCTUATION and _SPACES_TO_THE_END.match(line, i + 1) is not None


def speech_quotes(text: str) -> list[QuoteSpan]:
    """The quotes of `text` (`find_quotes`) that are someone's words: not on a line of page furniture (a
    "Baca juga: …" link, a byline) and not the Title Case name of an event, theme or programme in quotation
    marks (`names_something`)."""
    return [q for q in find_quotes(text) if not _on_noise_line(text, q.start) and not names_something(q.text)]


def names_something(quoted: str) -> bool:
    """Whether words between quotation marks are a name, not speech: Indonesian and English news set the name
    of an event, a theme or a programme in Title Case (“Meningkatkan Jejaring Konektivitas Antara Provinsi
    Jawa Timur …”): at least four words, at least 70% of them capitalised."""
    return is_title_case(re.findall(r"[^\W\d_]+", matching_form(quoted)), share=0.7, min_words=4, inclusive=True)


def not_speech(text: str, quotes: list[QuoteSpan]) -> set[int]:
    """The indexes of `quotes` (from `speech_quotes`) that quotation marks set around something other than
    speech, by conventions of Indonesian and English news writing:

    - a term, nickname or title of a few words in marks, with no sentence punctuation of its own and no speech
      cue beside it (‘studi tiru’, "kota seribu sungai", "Jelajah Nusantara," whose comma is the sentence's):
      reported speech is a clause that a cue ("…," kata X) or a lead-in names;
    - an attribution written inside the marks ("Tutur Wali Kota"): a speech verb opening the span;
    - a pull-quote that repeats part of another quotation with no cue of its own.
    """
    dropped = set()
    for i, quote in enumerate(quotes):
        words = re.findall(r"[^\W_]+", matching_form(quote.text))
        who, is_pronoun = speech_cue(text, quote)
        has_cue = bool(who) or is_pronoun
        if len(words) <= 5 and _ATTRIBUTION_INSIDE.match(matching_form(quote.text)):
            dropped.add(i)
        elif len(words) <= 4 and not has_cue and quote.text.rstrip()[-1:] not in ".!?…":
            dropped.add(i)
        elif not has_cue and any(j != i and len(other.text) > len(quote.text) and
                                 matching_form(quote.text).strip(" ,.") in matching_form(other.text)
                                 for j, other in enumerate(quotes)):
            dropped.add(i)
    return dropped


# The verbs that open an attribution ("Tutur Wali Kota", "kata Gubernur"), not a first word of speech.
_ATTRIBUTION_INSIDE = re.compile(rf"^\s*(?i:{one_of(SPEECH_VERBS_OPENING_AN_ATTRIBUTION)})(?:nya)?\s+[A-Z]")


def _on_noise_line(text: str, offset: int) -> bool:
    return _noise_line(text, *line_around(text, offset))


@lru_cache(maxsize=4096)  # asked for every quote: a line holding many is read once
def _noise_line(text: str, start: int, end: int) -> bool:
    return is_noise_line(text[start:end])


# Pronouns that stand for the speaker in a cue ("ujarnya", "kata dia", "he said"): the previous quote's speaker
# goes on talking. English puts its subject pronouns before the verb too ("…," he said).
_PRONOUNS = one_of(PRONOUNS["speaker"])
_SUBJECT_PRONOUNS_EN = frozenset(PRONOUNS["subject_en"])

# After the closing mark: optional punctuation, a verb (Indonesian verbs may carry -nya), then who.
_AFTER = re.compile(
    rf"^\s*+(?:[,.]\s*+)?(?:(?P<verb_id>(?:{_SPEECH_VERBS_ID})(?:nya)?(?:kan)?)\b|(?P<verb_en>{SPEECH_VERBS_EN})\b)"
    rf"(?P<who>[^.\n\"“”]{{0,160}})",
    re.IGNORECASE,
)
# English puts the name first: "…," Emil said.
_AFTER_EN_NAME_FIRST = re.compile(
    rf"^\s*+(?:[,.]\s*+)?(?P<who>[A-Z][\w.' -]{{1,60}}?|(?i:{one_of(PRONOUNS['subject_en'])}))"
    rf"\s+(?:{SPEECH_VERBS_EN})\b")
# Before the opening mark, in the same paragraph: "Pramono mengatakan, " / "Kata X: " / "X said: ".
_BEFORE = re.compile(
    rf"(?P<who>[^.\n\"“”]{{1,160}}?)(?<!\s)\s++(?:{one_of(SPEECH_VERBS_BEFORE_QUOTE)})\s*+(?:(?:bahwa|that)\s*+)?"
    r"(?:[,:]\s*+)?$",
    re.IGNORECASE,
)
_PRONOUN_ONLY = re.compile(rf"^(?:{_PRONOUNS}|{one_of(PRONOUNS['after_a_pronoun'])}|[,\s])*+$", re.IGNORECASE)
# A run of capitalised words, initials and abbreviations included: "Wakil Gubernur Lampung Jihan Nurlela".
CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*)*")


# How far from a quote its speech cue is read, in characters (code points), on its line: a cue is a verb and a
# name of at most 160 characters ("…," kata Wakil Gubernur Lampung Jihan Nurlela), so a window of this size
# holds every cue news writes, and a line of a hundred quotes is not read a hundred times.
CUE_WINDOW = 400


# Spaces a writer leaves between a quotation mark and the words it encloses ("Kami ingin …, " jelas Bagus).
_INNER_SPACES = re.compile(r"[^\S\n]*+")


def past_closing_mark(text: str, quote: QuoteSpan) -> int:
    """The offset (code points) just past `quote`'s closing mark, spaces left inside the marks skipped; the
    quote's end plus one (past a mark right after it) when no mark follows those spaces."""
    at = _INNER_SPACES.match(text, quote.end).end()
    return at + 1 if at < len(text) and text[at] in _MARKS else quote.end + 1


def opening_mark(text: str, quote: QuoteSpan) -> int:
    """The offset (code points) of `quote`'s opening mark, spaces left inside the marks skipped; the quote's
    start minus one when no mark precedes those spaces."""
    at = quote.start
    while at > 0 and text[at - 1].isspace() and text[at - 1] != "\n":
        at -= 1
    return at - 1 if at > 0 and text[at - 1] in _MARKS else quote.start - 1


def speech_cue(text: str, quote: QuoteSpan) -> tuple[str | None, bool]:
    """The words that name the speaker next to a quote, and whether they are only a pronoun.

    Read in the matching form of the text beside the quote, so a no-break space after "kata" or a zero-width
    space inside the name changes neither the verb nor the name."""
    line_start, line_end = line_around(text, quote.start, quote.end)
    after_mark, before_mark = past_closing_mark(text, quote), opening_mark(text, quote)
    after = matching_form(text[after_mark : min(line_end, after_mark + CUE_WINDOW)])
    m = _AFTER.match(after)
    if m:
        verb = (m.group("verb_id") or "").lower()
        who = m.group("who")
        if verb.endswith("nya") or _PRONOUN_ONLY.match(who or ""):
            return None, True
        return who, False
    m = _AFTER_EN_NAME_FIRST.match(after)
    if m:
        who = m.group("who")
        return (None, True) if who.lower() in _SUBJECT_PRONOUNS_EN else (who, False)
    before = matching_form(text[max(line_start, before_mark - CUE_WINDOW) : max(line_start, before_mark)])
    m = _BEFORE.search(before)
    if m:
        who = m.group("who")
        if _PRONOUN_ONLY.match(who):
            return None, True
        return who, False
    return None, False


def speaker_cue_names(text: str, quotes: list[QuoteSpan]) -> list[str]:
    """Runs of capitalised words that a speech cue puts next to one of `quotes`, each once, in order: hints
    for the model of who the officials are ("Wakil Gubernur Lampung Jihan Nurlela")."""
    names: list[str] = []
    for quote in quotes:
        who, _ = speech_cue(text, quote)
        for run in CAPITALISED_RUN.findall(who or ""):
            if run not in names:
                names.append(run)
    return names
