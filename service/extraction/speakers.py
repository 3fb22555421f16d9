"""Speakers: who said each quote, as far as the text tells, and where the model's answer is supported.

News writing attributes a quote with a speech verb right after the closing mark ("…," kata Mingrum Gumay;
"…," ujarnya; "…," he said) or a lead-in before it (Pramono mengatakan, "…")
(`service.extraction.text.quotes.speech_cue`). A
verb with a name is a cue; a verb with a pronoun continues the previous quote's speaker when that quote is close
by, else the subject of the sentences before it (`service.extraction.text.sentence_subjects`); a position alone
names the official who holds it. The model is asked only about the quotes the text leaves
open (`service.extraction.pipeline`), and its answer is kept only where the text supports it. Offsets are half-open
`[start, end)` ranges of Unicode code points into the submitted text.
"""

import re
from dataclasses import dataclass

from schemas.summary import AttributionMethod
from service.extraction.text.event_words import sentences
from service.extraction.text.grounding import line_around
from service.extraction.text.person_names import NameIndex, SpellingIndex
from service.extraction.text.quotes import (
    CAPITALISED_RUN,
    CUE_WINDOW,
    SPEECH_VERBS_EN,
    QuoteSpan,
    past_closing_mark,
    speech_cue,
)
from service.extraction.text.sentence_subjects import (
    is_position_word,
    last_named,
    last_subject_before,
    paragraphs_between,
)
from service.intake.article import Article
from service.textnorm import matching_form
from service.vocabulary import (
    ABBREVIATIONS,
    DEMONSTRATIVES,
    NICKNAME_MARKERS,
    OFFICE_HOLDER_NOUNS,
    POSITION_SHORT_FORMS,
    POSITION_WORDS,
    PRONOUNS,
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
    index, spellings = NameIndex(officials), SpellingIndex(officials)
    results: list[Attribution] = []
    previous: tuple[str, int] | None = None  # the last attributed speaker and where their quote ended
    for quote in quotes:
        who, is_pronoun = speech_cue(text, quote)
        speaker = _match_official(who, index, aliases, before=_cue_is_before(text, quote, who),
                                  spellings=spellings) if who else None
        after = past_closing_mark(text, quote)
        if is_pronoun and _PLURAL.search(text[after:after + 40]):
            who, is_pronoun = "mereka", False  # "kata mereka", "they said": several people, no one speaker
        continues = is_pronoun or (not who and _opens_paragraph(text, quote.start))
        subject = last_subject_before(text, quote.start, officials) if continues and not speaker else None
        if speaker:
            result = Attribution(speaker, "cue")
        elif continues and previous and paragraphs_between(text, previous[1], quote.start) <= 2 \
                and (subject is None or subject[1] < previous[1] or subject[0] == previous[0]):
            result = Attribution(previous[0], "previous")
        elif is_pronoun and subject and paragraphs_between(text, subject[1], quote.start) <= 2:
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
                    before: bool = False, spellings: SpellingIndex | None = None) -> str | None:
    """The official a cue names: in the first run of capitalised words after the verb that holds more than
    positions and places (the last one before it, for a cue before the quote), the run or its tail that names
    exactly one official, or is the one official's name spelt with a slip of typing (found in `spellings`:
    "kata Syarifah Awaliah" for Syarifah Awaliyah). News names the speaker right next to the speech verb; a
    person named further on has another role ("kata Awang didampingi Asisten Bere Ali", "ujar Asisten Budi
    mewakili Gubernur Andi"; "Didampingi Gubernur Andi, Ketua DPRD Rina mengatakan")."""
    runs = CAPITALISED_RUN.findall(words)
    for run in reversed(runs) if before else runs:
        run_words = run.split()
        # Try the run and its tails ("Wakil Gubernur Lampung Jihan Nurlela" -> "Jihan Nurlela").
        for i in range(len(run_words)):
            candidate = " ".join(run_words[i:])
            hits = officials.matching(candidate) or (spellings.variants(candidate) if spellings else [])
            if len(hits) == 1:
                return hits[0]
            if aliases and candidate in aliases:
                return aliases[candidate]
        if any(not is_position_word(w) for w in run_words):
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
        after = past_closing_mark(text, quote)
        m = _AFTER_EN_POSITION.match(matching_form(text[after:min(line_end, after + CUE_WINDOW)]))
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


# "Dedi Mulyadi, yang akrab disapa Kang Dedi", "Eri Cahyadi (sapaan akrab Cak Eri)": a marker, then the nickname,
# a run of up to six capitalised words, perhaps in quotation marks. The marker opens the match, so a search tries
# each place once; what joins it to the name before ("," / "atau" / "(") is read off the text before it.
_NICKNAME = re.compile(rf"\b(?:{one_of(NICKNAME_MARKERS)})\s++[\"“'‘]?"
                       r"(?P<nick>[A-Z][\w'’.-]*+(?:[ \t]++[A-Z][\w'’.-]*+){0,5})")
# What may stand between a name and the marker after it: a comma, "atau", an opening bracket, spaces.
_JOIN_BEFORE_MARKER = (",", "(", " atau")
_NAME_WINDOW = 80  # characters before the marker that the name is read in


def _name_before(view: str, at: int) -> str | None:
    """The run of capitalised words (at most six) that ends right before `at`, once the joining comma, "atau"
    or bracket is set aside, within its line and sentence; None when a lower-case word stands there."""
    window = view[max(0, at - _NAME_WINDOW):at].rstrip()
    for join in _JOIN_BEFORE_MARKER:
        if window.endswith(join):
            window = window[: -len(join)].rstrip()
            break
    words = []
    for word in reversed(window.rsplit("\n", 1)[-1].split()):
        if not word[:1].isupper() or len(words) == 6 or (
                _SENTENCE_END.search(word) and word.rstrip(".!?").lower() not in ABBREVIATIONS):
            break  # a lower-case word, or the end of the sentence before ("… dari Bali. Boda, sapaan …")
        words.append(word.rstrip(","))
    return " ".join(reversed(words)) or None


# A word that ends a sentence: three letters or more before its stop, not an initial ("H.", "S.M.") nor an
# abbreviation of a title or a given name (`service.vocabulary.ABBREVIATIONS`: "Drs.", "Moh.").
_SENTENCE_END = re.compile(r"[^\W\d_]{3}[.!?]$")


def nicknames_of(text: str, officials: list[str]) -> dict[str, str]:
    """The names the article says officials are called by, nickname -> official: "Dedi Mulyadi, yang akrab disapa
    Kang Dedi" -> {"Kang Dedi": "Dedi Mulyadi"}; the other way round too, the nickname first ("Cak Eri, sapaan akrab
    Wali Kota Eri Cahyadi"), or with a description pointing back to the official named last, in the paragraph or
    the one before ("Boda, sapaan akrab politisi senior PAN itu, …"). Convention of Indonesian and English news: a
    nickname is introduced by a marker (`service.vocabulary.NICKNAME_MARKERS`) next to the full name, and quotes
    are then attributed to it ("kata Kang Dedi"). A "nickname" that already names an official by part of the
    name ("Dedi") is left out: the cue rules read it as a name."""
    view = matching_form(text)
    index = NameIndex(officials)
    found: dict[str, str] = {}
    for m in _NICKNAME.finditer(view):
        before = _name_before(view, m.start())
        after = m.group("nick")
        full = _unique_tail(after, index)
        if full is not None and after.endswith(full):  # the official's full name after the marker
            named, nick = full, before or ""
        else:
            named = _unique_tail(before, index) if before else None
            nick = " ".join(after.split()[:3])
        if named and nick and not index.matching(nick):
            found.setdefault(nick, named)
    for m in _NICKNAME_DESCRIBED.finditer(view):
        # "Boda, sapaan akrab politisi senior PAN itu, …": the nickname of the official the text named last, when
        # the description is of an office-holder ("politisi", "pejabat", a position), near the name.
        nick = _name_before(view, m.start())
        if not nick or index.matching(nick) or is_position_word(nick.split()[0]) \
                or not any(w in _OFFICE_HOLDER_WORDS for w in m.group("description").lower().split()):
            continue
        last = last_named(view, m.start(), officials)
        if last and m.start() - last[0] <= _DESCRIBED_NEAR and paragraphs_between(view, last[0], m.start()) <= 1:
            found.setdefault(nick, last[1])
    return found


# The markers of a nickname that a description may follow (not "disapa"/"dipanggil" alone: "greeted by").
_DESCRIBED_MARKERS = [m for m in NICKNAME_MARKERS if m.startswith(("sapaan", "panggilan"))]
# A nickname, its marker and a description that points back ("itu", "tersebut") to the person just named:
# "Boda, sapaan akrab politisi senior PAN itu, mengatakan …".
_NICKNAME_DESCRIBED = re.compile(rf"\b(?:{one_of(_DESCRIBED_MARKERS)})\s++(?P<description>[a-z][^,.\n\"“”]{{0,60}}?)"
                                 rf"\s++(?:{one_of(DEMONSTRATIVES)})\s*+,")
# Words by which news describes an office-holder (`service.vocabulary.OFFICE_HOLDER_NOUNS`, positions): the
# description must hold one for the nickname to be an official's.
_OFFICE_HOLDER_WORDS = frozenset({*(w for noun in OFFICE_HOLDER_NOUNS for w in noun.split()), *POSITION_WORDS})
# How far before the marker (characters) the official is looked for: the same or the previous paragraph.
_DESCRIBED_NEAR = 2_000


def _unique_tail(run: str, index: NameIndex) -> str | None:
    """The one official a run of capitalised words, or a tail of it, names ("Wali Kota Eri Cahyadi" -> "Eri
    Cahyadi"); None when no tail names exactly one."""
    words = run.split()
    for i in range(len(words)):
        hits = index.matching(" ".join(words[i:]))
        if len(hits) == 1:
            return hits[0]
    return None


def speaker_by_nickname(text: str, quote: QuoteSpan, nicknames: dict[str, str]) -> str | None:
    """The official a speech cue beside `quote` names by a nickname the article introduced (`nicknames_of`:
    "…," kata Kang Dedi), or None."""
    who, _ = speech_cue(text, quote)
    for run in CAPITALISED_RUN.findall(who or ""):
        words = run.split()
        for i in range(len(words)):
            if (tail := " ".join(words[i:])) in nicknames:
                return nicknames[tail]
    return None


# How far back a pronoun's subject is looked for, in characters: two paragraphs of news, with room to spare.
_LOOKBACK = 2_000
# How many capitalised words a sentence's subject may have before its verb: "Pj. Gubernur Kalimantan Timur".
_SUBJECT_WORDS = 6


def _subject_run(sentence: str) -> list[str]:
    """The capitalised words a sentence opens with, when a lower-case word (its verb) follows them and there are
    at most `_SUBJECT_WORDS`: "Pj. Gubernur Bali menyampaikan …" -> ["Pj.", "Gubernur", "Bali"]; else []."""
    words = sentence.split()
    lead = []
    for word in words[:_SUBJECT_WORDS + 1]:
        if not word[:1].isupper():
            break
        lead.append(word)
    follows = words[len(lead):len(lead) + 1]
    return lead if lead and len(lead) <= _SUBJECT_WORDS and follows and follows[0][:1].islower() else []


def speaker_by_subject_position(text: str, quote: QuoteSpan, officials: list[tuple[str, str]]) -> str | None:
    """For a quote whose cue is a pronoun ("…," ujarnya; Ia menambahkan, "…"): the one official of `officials`
    ((name, "title institution") pairs) holding the position that is the subject of the last sentence before the
    quote, in its paragraph or the one before, that opens with a position and no name ("Pj. Gubernur Bali
    menyampaikan …"; `official_by_position`). None when no cue is a pronoun, a sentence names someone first, or
    the position is held by none or several. Convention of Indonesian and English news: a pronoun refers to the
    subject of the preceding sentences, which may be an office-holder named by the position alone."""
    _, is_pronoun = speech_cue(text, quote)
    if not is_pronoun:
        return None
    start = line_around(text, quote.start)[0]
    last_before = start
    while last_before > 0 and text[last_before - 1].isspace():  # the paragraph before, too
        last_before -= 1
    if last_before:
        start = line_around(text, last_before - 1)[0]
    # Read at most `_LOOKBACK` characters back: the cost per quote stays bounded whatever the paragraphs' length.
    start = max(start, quote.start - _LOOKBACK)
    for a, b in reversed(sentences(text[start:quote.start])):
        words = _subject_run(matching_form(text[start + a:start + b]).lstrip(" \"“”'‘’"))
        if not words:
            continue
        if words[0].lower() in PRONOUNS["speaker"]:
            continue  # "Ia menambahkan": the pronoun itself, which refers further back
        if not all(is_position_word(w) for w in words):
            return None  # the sentence's subject is a person: the pronoun rules before this one decide
        return official_by_position(" ".join(words), officials)
    return None
