"""Speakers: who said each quote, as far as the text tells, and where the model's answer is supported.

News writing attributes a quote with a speech verb right after the closing mark ("…," kata Mingrum Gumay;
"…," ujarnya; "…," he said) or a lead-in before it (Pramono mengatakan, "…")
(`service.extraction.text.quotes.speech_cue`). A
verb with a name is a cue; a verb with a pronoun continues the previous quote's speaker when that quote is close
by; a position alone names the official who holds it. The model is asked only about the quotes the text leaves
open (`service.extraction.pipeline`), and its answer is kept only where the text supports it. Offsets are half-open
`[start, end)` ranges of Unicode code points into the submitted text.
"""

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from schemas.summary import AttributionMethod
from service.extraction.text.grounding import line_around
from service.extraction.text.person_names import NameIndex, is_honorific
from service.extraction.text.places import is_place
from service.extraction.text.quotes import CAPITALISED_RUN, SPEECH_VERBS_EN, QuoteSpan, find_quotes, speech_cue
from service.intake.article import Article
from service.textnorm import matching_form, normalise
from service.vocabulary import (
    DEMONSTRATIVES,
    NOT_NAME_WORDS,
    POSITION_SHORT_FORMS,
    POSITION_WORDS,
    PRONOUNS,
    SENTENCE_OPENERS,
    SPEECH_VERBS_PASSIVE_ID,
    one_of,
)


@dataclass(frozen=True)
class Attribution:
    """Who said a quote, as far as the text tells: `speaker` is one of the officials' names, or None."""

    speaker: str | None
    method: AttributionMethod  # "cue", "previous", "mention" or "none" here; the pipeline adds "model", "title"


def attribute_quotes(article: Article, quotes: list[QuoteSpan], officials: list[str]) -> list[Attribution]:
    """A speaker for each of `quotes` (found in the article), in their order, among `officials` (names).

    - "cue": a speech cue names the official ("…," kata Budi; Budi mengatakan, "…"), by name, by a part of it,
      or by the initials the article gave in brackets after the name ("Andi Sulaiman (ASL)" … "ujar ASL").
    - "previous": a singular pronoun cue ("ujarnya", "he added"), or no cue at all for a quote that opens its
      paragraph, continues the previous quote's speaker within two paragraphs, when no other official has been
      the subject of a sentence since that quote.
    - "mention": a singular pronoun cue with no such previous quote goes to the official who was last the
      subject of a sentence, within two paragraphs before the quote.
    - "none": the text does not say; no guess is made. A cue that names someone who is no official, a position
      alone, or several people ("kata mereka") also ends the previous speaker's turn.

    Convention of Indonesian and English news: a pronoun refers to the subject of the preceding sentences (the
    name that opens a sentence, after an opening phrase such as "Menurut" or "Dalam sambutannya,"; or the agent
    of "Hal senada disampaikan …"), not to the people named after the verb ("Menurut Khoir, Fraksi PKB mendukung
    gubernur terpilih Rahmat … “…,” tegasnya" is Khoir's)."""
    text = article.text
    aliases = initials_of(text, officials)
    index = NameIndex(officials)
    results: list[Attribution] = []
    previous: tuple[str, int] | None = None  # the last attributed speaker and where their quote ended
    for quote in quotes:
        who, is_pronoun = speech_cue(text, quote)
        speaker = _match_official(who, index, aliases, before=_cue_is_before(text, quote, who)) if who else None
        if is_pronoun and _PLURAL.search(text[quote.end:quote.end + 40]):
            who, is_pronoun = "mereka", False  # "kata mereka", "they said": several people, no one speaker
        continues = is_pronoun or (not who and _opens_paragraph(text, quote.start))
        subject = last_subject_before(text, quote.start, officials) if continues and not speaker else None
        if speaker:
            result = Attribution(speaker, "cue")
        elif continues and previous and _paragraphs_between(text, previous[1], quote.start) <= 2 \
                and (subject is None or subject[1] < previous[1] or subject[0] == previous[0]):
            result = Attribution(previous[0], "previous")
        elif is_pronoun and subject and _paragraphs_between(text, subject[1], quote.start) <= 2:
            result = Attribution(subject[0], "mention")
        else:
            result = Attribution(None, "none")
        previous = (result.speaker, quote.end) if result.speaker else (None if who else previous)
        results.append(result)
    return results


_PLURAL = re.compile(rf"^\W{{0,3}}\w*\s*(?:{one_of(PRONOUNS['plural'])})\b", re.IGNORECASE)


def _opens_paragraph(text: str, offset: int) -> bool:
    """Whether only spaces and the opening mark stand between the line's start and `offset` (a quote that opens
    its paragraph)."""
    return _PARAGRAPH_LEAD.fullmatch(text, line_around(text, offset)[0], offset) is not None


# What may stand before a quote that opens its paragraph: spaces and quotation marks.
_PARAGRAPH_LEAD = re.compile(r"[ \t\"“”‘’«»']*+")


def _cue_is_before(text: str, quote: QuoteSpan, who: str | None) -> bool:
    """Whether the cue's words stand before the quote (Budi mengatakan, "…"), not after it."""
    return bool(who) and who.strip() not in matching_form(text[quote.end:quote.end + len(who) + 40])


def _match_official(words: str, officials: NameIndex, aliases: dict[str, str] | None = None, *,
                    before: bool = False) -> str | None:
    """The official a cue names: in the first run of capitalised words after the verb that holds more than
    positions and places (the last one before it, for a cue before the quote), the run or its tail that names
    exactly one official. News names the speaker right next to the speech verb; a person named further on has
    another role ("kata Awang didampingi Asisten Bere Ali", "ujar Asisten Budi mewakili Gubernur Andi";
    "Didampingi Gubernur Andi, Ketua DPRD Rina mengatakan")."""
    runs = CAPITALISED_RUN.findall(words)
    for run in reversed(runs) if before else runs:
        run_words = run.split()
        # Try the run and its tails ("Wakil Gubernur Lampung Jihan Nurlela" -> "Jihan Nurlela").
        for i in range(len(run_words)):
            candidate = " ".join(run_words[i:])
            hits = officials.matching(candidate)
            if len(hits) == 1:
                return hits[0]
            if aliases and candidate in aliases:
                return aliases[candidate]
        if any(not _is_position_word(w) for w in run_words):
            return None  # a person who is no official: the speaker is not one of them
    return None


_INITIALS = re.compile(r"\(([A-Z]{2,5})\)")


def initials_of(text: str, officials: list[str]) -> dict[str, str]:
    """Initials an article gives an official in brackets right after the name, by initials: "Gubernur Andi
    Sulaiman (ASL)" -> {"ASL": "Andi Sulaiman"}. Indonesian news introduces the initials it then calls an
    official by ("ujar ASL", "kata Gubernur ASL")."""
    view = matching_form(text)
    found: dict[str, str] = {}
    for m in _INITIALS.finditer(view):
        before = view[max(0, m.start() - 80):m.start()].rstrip(" ,")
        hits = [o for o in officials if before.endswith((o, o.split()[-1]))]
        if len(hits) == 1:
            found.setdefault(m.group(1), hits[0])
    return found


# Lower-case words that may open a sentence before its subject: "Menurut Budi, …", "Sementara itu, Budi …",
# "According to Budi", "Meanwhile, Budi".
_BEFORE_SUBJECT = SENTENCE_OPENERS
# An opening phrase of up to five words, not all capitalised, closed by a comma also leaves the subject after it:
# "Dalam sambutannya, Rina …", "Usai penandatanganan, Wakil Gubernur Rina …", "Speaking at the same event, Mayor
# Hendra …".
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
    with `use_view`), in one pass: each run of capitalised words outside quotations that names exactly one
    official (its longest such tail), with whether it opens its sentence. `whole_runs` reads runs as
    `CAPITALISED_RUN` finds them, else split where a sentence or a line ends inside them (`_runs`)."""
    view = matching_form(text)[:_first_dropped(text)] if use_view else text
    spans = [(q.start, q.end) for q in find_quotes(view)]
    span_starts = [a for a, _ in spans]
    starts = [m.end() for m in _SENTENCE_START.finditer(view)]
    index = NameIndex(list(officials))
    runs = ((m.start(), m.group()) for m in CAPITALISED_RUN.finditer(view)) if whole_runs else _runs(view)
    found = _Mentions([], [], [])
    for run_start, run in runs:
        k = bisect.bisect_right(span_starts, run_start) - 1
        if k >= 0 and run_start < spans[k][1]:
            continue  # inside a quotation
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
    return (titled or all(w.lower() in _BEFORE_SUBJECT or (w[0].isupper() and _is_position_word(w)) for w in words)
            or bool(_OPENER.match(lead)) or bool(_AGENT.search(lead)))


def _is_position_word(word: str) -> bool:
    bare = word.strip(".")
    return (bare.lower() in NOT_NAME_WORDS or bare.isupper() or is_honorific(word) or is_place(bare))


def last_named_near(text: str, offset: int, officials: list[str], paragraphs: int = 1) -> str | None:
    """The official `last_named_before` gives, when that mention stands in the paragraph of `offset` or within
    `paragraphs` paragraphs before it; None otherwise.

    What a model's answer for a quote with no cue needs: news names a speaker close to their quote, in its
    paragraph or the one before; a name several paragraphs back (an official of the lead) supports no guess."""
    last = _last_named(text, offset, officials)
    return last[1] if last and _paragraphs_between(text, last[0], offset) <= paragraphs else None


def last_named_before(text: str, offset: int, officials: list[str]) -> str | None:
    """The official (one of `officials`) named last in `text` before `offset`, by full name or a part of it
    (`names_match`), outside quotations; None if none is. Offsets are code points.

    Convention of Indonesian and English news: a pronoun cue ("ujarnya", "tambahnya", "he said") continues the
    person the text spoke of last; when another official is named in between, the pronoun is theirs."""
    last = _last_named(text, offset, officials)
    return last[1] if last else None


def _last_named(text: str, offset: int, officials: list[str]) -> tuple[int, str] | None:
    """(offset of the mention, official) for the official named last before `offset` (a quote's start),
    outside quotations."""
    mentions = _mentions(text, tuple(officials), offset, whole_runs=True)
    k = bisect.bisect_left(mentions.starts, offset) - 1
    return (mentions.starts[k], mentions.official[k]) if k >= 0 else None


_BACK_REFERENCE_TAIL = re.compile(rf"(?<!\s)\s++(?:{one_of(DEMONSTRATIVES)})\s*+$|^\s*+the\s++", re.IGNORECASE)


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


_AFTER_EN_POSITION = re.compile(rf"^\s*+(?:[,.]\s*+)?the\s++(?P<who>[A-Za-z ]{{3,40}}?)\s+(?:{SPEECH_VERBS_EN})\b",
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
