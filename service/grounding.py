"""Grounding by code: quotation-mark spans, name and phrase offsets, honorific stripping.

Nothing here trusts the model. Every offset is a half-open `[start, end)` range of Unicode code points into the
submitted text. Names and phrases are matched on the text's normalised view (`service.textnorm`: NFC, invisible
characters removed, Unicode spaces made plain), so a zero-width space or a no-break space inside a name neither
cuts it short nor hides it; the spans found still cover the submitted characters, and the names returned are
in their matching form ("Budi Santoso" for an article's "Budi Sant\u200boso").
"""

import re
from dataclasses import dataclass

from service.textnorm import matching_form, normalise

# Quotation marks by style. Straight and curly double marks are mixed in the wild (“…" and "…”), so they close
# each other; „ opens a quote German-style („…“), a style some Indonesian outlets use, and “ then closes it.
_DOUBLE_OPEN = {'"', "\u201c", "\u201e"}  # " “ „
_DOUBLE_CLOSE = {'"', "\u201d", "\u201c"}  # " ” and “ (German-style, or mistyped)
_SINGLE_OPEN = "\u2018"  # ‘
_SINGLE_CLOSE = "\u2019"  # ’
_GUILLEMET_OPEN = "\u00ab"  # «
_GUILLEMET_CLOSE = "\u00bb"  # »

# Speech verbs of news writing, Indonesian (which may take -nya/-kan: "katanya", "ujarnya") and English.
SPEECH_VERBS_ID = (
    r"kata|ujar|ucap|tegas|jelas|terang|tambah|ungkap|sebut|tutur|imbuh|papar|lanjut|pungkas|tandas|katakan|"
    r"sambung|seru|kenang|akui|aku|harap|ajak|pinta|nilai|tutup|beber|urai|cetus|timpal|jawab|tanya"
)
SPEECH_VERBS_EN = r"said|says|added|stated|explained|noted|told|asked|continued|stressed|emphasized|emphasised|remarked"
# A speech cue right after a closing mark: '…,” kata Budi', '…,” ujarnya', '…," he said'; a comma outside the
# mark ('…”, kata Budi') is seen too.
_CUE_AFTER_MARK = re.compile(
    rf"\s*[,.]?\s*(?:(?:{SPEECH_VERBS_ID})(?:nya)?(?:kan)?|{SPEECH_VERBS_EN})\b", re.IGNORECASE
)
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
    return ch.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every span between a matched pair of quotation marks, paragraph by paragraph, as code-point offsets.

    Straight and curly double marks, German-style „…“, curly single marks (an apostrophe inside a word is not a
    mark) and guillemets. Marks inside an open quote that open another one (a title in marks, a quote within
    the quote, in the same style or another) are nested, and belong to the outer quote. A quote never crosses
    a line break; an opening mark left unclosed at the end of its line is ignored, and the quotes closed inside
    it stand on their own (the stray mark was never a quote).
    """
    spans: list[QuoteSpan] = []
    offset = 0
    for line in text.split("\n"):
        for s, e in _quotes_in_line(line):
            # « Nous voulons … »: the spaces French typography puts inside the marks are not speech.
            s += len(line[s:e]) - len(line[s:e].lstrip())
            e -= len(line[s:e]) - len(line[s:e].rstrip())
            if s < e:
                spans.append(QuoteSpan(offset + s, offset + e, line[s:e]))
        offset += len(line) + 1
    return [q for q in spans if q.text.strip()]


@dataclass
class _OpenQuote:
    style: str  # "double", "single" or "guillemet"
    start: int  # just after the opening mark
    closed_inside: list[tuple[int, int]]  # quotes already closed within it, in case it is never closed


def _quotes_in_line(line: str) -> list[tuple[int, int]]:
    """The `[start, end)` spans of the outermost quotes of one line, nested marks kept inside them."""
    found: list[tuple[int, int]] = []
    stack: list[_OpenQuote] = []  # the open quotes, outermost first
    for i, ch in enumerate(line):
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if not stack:
            style = _opening_style(ch, prev, nxt)
            if style:
                stack.append(_OpenQuote(style, i + 1, []))
            continue
        style = _inner_opening_style(ch, prev, nxt)
        if style:
            stack.append(_OpenQuote(style, i + 1, []))
            continue
        style = _closing_style(ch, nxt)
        level = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].style == style), None)
        if level is None:
            continue  # an apostrophe, or a mark of a style no open quote has
        quote = (stack[level].start, i)
        if level == 0:
            found.append(quote)  # the outermost quote ends: every nested mark was inside it
            stack.clear()
        elif _ends_speech(line, i):
            # The speaker's words end here, so the quotes still open outside this one were never closed.
            found += [q for outer in stack[:level] for q in outer.closed_inside] + [quote]
            stack.clear()
        else:
            # A title or a quote within the quote: it belongs to the quote around it.
            stack[level - 1].closed_inside.append(quote)
            del stack[level:]
    found += [q for never_closed in stack for q in never_closed.closed_inside]
    return sorted(found)


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
    rest = line[i + 1 :]
    if _CUE_AFTER_MARK.match(rest):
        return True
    return line[i - 1] in _END_PUNCTUATION and not rest.strip()


def find_all(text: str, needle: str, *, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of `needle` in `text`, as `[start, end)` code-point spans of `text`.

    Both are matched in their normalised view, so the needle may be written with or without the invisible
    characters and special spaces the text has; a span covers the text's own characters, invisible ones
    inside the match included. Any run of whitespace in the needle matches any run in the text.
    """
    view = normalise(text)
    return [view.span(s, e) for s, e in _find_in_view(view.text, needle, ignore_case)]


def _find_in_view(view: str, needle: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Spans of `needle` in a normalised view."""
    words = matching_form(needle).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    flags = re.IGNORECASE if ignore_case else 0
    # A match must not start or end inside a word.
    full = rf"(?<!\w){pattern}(?!\w)" if words[0][0].isalnum() and words[-1][-1].isalnum() else pattern
    return [m.span() for m in re.finditer(full, view, flags)]


_HONORIFIC_PREFIXES = [
    # Ranks first, longest first, so "Mayjen TNI (Purn)" goes before "Mayjen".
    r"(?:Jenderal|Letjen|Mayjen|Brigjen|Laksamana|Laksma|Marsekal|Marsma|Kolonel|Letkol|Mayor|Kapten|Lettu|Letda)"
    r"(?:\s+(?:TNI|Pol|Polisi|Mar|Purn\.?))*(?:\s*\((?:Purn|Purn\.|Ret)\.?\))?",
    r"(?:Irjen|Komjen|Kombes|Kompol|AKBP|AKP|Brigjen\s+Pol|Irjen\s+Pol|Kombes\s+Pol)(?:\s+Pol\.?)?",
    r"Prof\.?", r"Dr\.?", r"dr\.?", r"Drs\.?", r"Dra\.?", r"Ir\.?", r"H\.?", r"Hj\.?", r"KH\.?", r"K\.H\.", r"Hajjah",
    r"Haji", r"Bapak", r"Ibu", r"Pak", r"Bu", r"Mr\.?", r"Mrs\.?", r"Ms\.?", r"Sir", r"Datuk", r"Dato'?\s*Sri",
    r"Dato'?", r"Tan\s+Sri", r"Tuan", r"Puan", r"Gus", r"Ustadz", r"Ustaz", r"Habib", r"Raden", r"R\.", r"Tengku",
    r"Teuku", r"Cut",
]
_PREFIX_RE = re.compile(r"^(?:(?:" + "|".join(_HONORIFIC_PREFIXES) + r")[\s,]+)+")
# Academic degrees written after a name: "S.H.", "M.Si", "SP", "MP", "S.Sos.", "Ph.D", "MBA", "SE", "MM".
_DEGREE_TOKEN = re.compile(
    r"^(?:[A-Z]\.?(?:[A-Za-z]{1,4}\.?){0,3}|Ph\.?D\.?|MBA|MPA|MSc|BSc|MA|MT|MM|MH|MP|SP|SE|ST)$"
)
# Some prefixes are also ordinary given names or words when standing alone; only strip them before a name.
_KEEP_ALONE = {"Cut", "Teuku", "Tengku", "Raden", "Gus"}


def strip_honorifics(name: str) -> str:
    """A person's name without honorifics, ranks or academic degrees, as written otherwise, in its matching
    form (no invisible characters, plain spaces).

    "Dr. Hj Nilam Sari Lawira SP, MP" -> "Nilam Sari Lawira"; "Mayjen TNI (Purn) Yulius Selvanus" ->
    "Yulius Selvanus".
    """
    cleaned = " ".join(matching_form(name).split()).strip(" ,.;:")
    stripped = _PREFIX_RE.sub("", cleaned)
    first = cleaned.split(" ")[0] if cleaned else ""
    if first.rstrip(".") in _KEEP_ALONE:
        stripped = cleaned  # "Cut Nyak Dhien", "Teuku Umar": part of the name in Aceh and Java
    head, _, tail = stripped.partition(",")
    if tail and all(_DEGREE_TOKEN.match(t) for t in tail.replace(",", " ").split()):
        stripped = head
    words = stripped.split()
    while len(words) > 1 and _looks_like_degree(words[-1]):
        words.pop()
    return " ".join(words).strip(" ,.;:")


def _looks_like_degree(token: str) -> bool:
    token = token.strip(",")
    if not token or token[0].islower():
        return False
    if "." in token:
        return bool(_DEGREE_TOKEN.match(token))
    return token.isupper() and 2 <= len(token) <= 4 and bool(_DEGREE_TOKEN.match(token))


def name_key(name: str) -> str:
    """A comparison key for a person's name: honorifics off, case and punctuation folded."""
    return " ".join(re.sub(r"[^\w\s]", " ", strip_honorifics(name)).lower().split())


def names_match(short: str, full: str) -> bool:
    """Whether `short` ("Pramono", "Khoir", "Mingrum") plausibly names the person `full`.

    Every word of `short` must be a word of `full`, or the start of one (Indonesian nicknames are often the
    start of a name: "Khoir" for "Khoiriah").
    """
    short_words, full_words = name_key(short).split(), name_key(full).split()
    if not short_words or not full_words:
        return False
    return all(any(f == s or (len(s) >= 4 and f.startswith(s)) for f in full_words) for s in short_words)


def find_name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Occurrences of a person's name as code-point spans of `text` (see `find_all`); case-insensitive if it
    never occurs as written."""
    return find_all(text, name) or find_all(text, name, ignore_case=True)


def align_phrase(text: str, phrase: str, *, min_overlap: float = 0.6) -> tuple[int, int] | None:
    """The code-point span of `phrase` in `text`: exact (whitespace- and case-insensitive), else the shortest
    window of the best-matching sentence that holds at least `min_overlap` of the phrase's content words, in
    order-free fashion. None when the article does not support the phrase. Matched in the normalised view, as
    `find_all` is.
    """
    exact = find_all(text, phrase, ignore_case=True)
    if exact:
        return exact[0]
    words = _content_words(matching_form(phrase))
    if not words:
        return None
    view = normalise(text)
    best: tuple[float, int, int] | None = None
    for m in re.finditer(r"[^.!?\n]+", view.text):
        sentence_tokens = [(t.group().lower(), m.start() + t.start(), m.start() + t.end())
                           for t in re.finditer(r"\w[\w-]*", m.group())]
        hits = [(s, e) for tok, s, e in sentence_tokens if tok in words]
        covered = len({tok for tok, _, _ in sentence_tokens if tok in words})
        score = covered / len(words)
        if hits and score >= min_overlap and (best is None or score > best[0]):
            best = (score, hits[0][0], hits[-1][1])
    return view.span(best[1], best[2]) if best else None


_STOPWORDS = {
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "dalam", "pada", "ini", "itu", "serta", "atau", "akan",
    "bagi", "oleh", "sebagai", "juga", "the", "and", "of", "to", "in", "for", "with", "a", "an", "on", "by", "at",
    "is", "are", "be", "as",
}


def _content_words(phrase: str) -> set[str]:
    return {w for w in (t.lower() for t in re.findall(r"\w[\w-]*", phrase)) if w not in _STOPWORDS}


_NOT_NAME_WORDS = {
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "provinsi", "kabupaten", "kota", "dprd", "pemprov", "pemkab",
    "pemkot", "pemerintah", "gubernur", "bupati", "wali", "ketua", "wakil", "dan", "di", "yang", "the", "and",
    "said", "kata", "ujar", "menurut", "dalam", "pada", "saat", "bersama", "beserta",
}


# In the normalised view every Unicode space, a no-break space included, is a plain space.
_NEXT_WORD = re.compile(r" +([A-Z][\w'-]*)")


def fullest_form(text: str, name: str) -> str:
    """The longest way the article writes `name`, extending it rightwards over capitalised name words
    ("Pramono Anung" -> "Pramono Anung Wibowo" when the article has both), in its matching form: read off
    the normalised view, so "Budi Sant\u200boso" in the article gives "Budi Santoso"."""
    view = normalise(text).text
    best = matching_form(name)
    for start, end in _find_in_view(view, name):
        if in_headline(view, start):
            continue  # Title Case headlines capitalise every word
        words = []
        position = end
        while m := _NEXT_WORD.match(view, position):
            word = m.group(1)
            if word.lower() in _NOT_NAME_WORDS or (word.isupper() and len(word) > 1):
                break
            words.append(word)
            position = m.end()
        if words:
            candidate = view[start:end] + " " + " ".join(words)
            if len(candidate) > len(best):
                best = candidate
    return best


def in_headline(text: str, offset: int) -> bool:
    """Whether `offset` lies on a line in Title Case (a headline): more than 60% of its 3-20 words capitalised."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    words = re.findall(r"[A-Za-z][\w'-]*", text[line_start : line_end if line_end != -1 else len(text)])
    return 2 < len(words) <= 20 and sum(w[0].isupper() for w in words) / len(words) > 0.6
