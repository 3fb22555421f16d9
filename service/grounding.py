"""Grounding primitives: where a needle, a phrase or a person's name occurs in the article, and what line an
offset is on; a person's name without honorifics, and its fullest form.

Nothing here trusts the model. Every offset is a half-open `[start, end)` range of Unicode code points into the
submitted text. Needles and phrases are matched on the text's normalised view (`service.textnorm`: NFC,
invisible characters removed, Unicode spaces made plain), so a zero-width space or a no-break space inside a
name neither cuts it short nor hides it; the spans found still cover the submitted characters. The items built
on these (officials, partners, sectors, goals, quotes) live in modules of their own.
"""

import re

from service.textnorm import matching_form, normalise
from service.vocabulary import FUNCTION_WORDS, is_title_case

Span = tuple[int, int]


def find_all(text: str, needle: str, *, ignore_case: bool = False) -> list[Span]:
    """Every occurrence of `needle` in `text`, as `[start, end)` code-point spans of `text`, in order.

    Both are matched in their normalised view, so the needle may be written with or without the invisible
    characters and special spaces the text has; a span covers the text's own characters, invisible ones
    inside the match included. Any run of whitespace in the needle matches any run in the text, and a needle
    that starts and ends with a letter or digit matches whole words only. An empty needle occurs nowhere.
    """
    view = normalise(text)
    return [view.span(s, e) for s, e in find_in_view(view.text, needle, ignore_case)]


def find_in_view(view: str, needle: str, ignore_case: bool = False) -> list[Span]:
    """Spans of `needle` (in its matching form) in `view`, a text already in its normalised view: offsets into
    `view` itself, not into the submitted text (see `service.textnorm.NormalisedText.span`)."""
    words = matching_form(needle).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    flags = re.IGNORECASE if ignore_case else 0
    # A match must not start or end inside a word.
    full = rf"(?<!\w){pattern}(?!\w)" if words[0][0].isalnum() and words[-1][-1].isalnum() else pattern
    return [m.span() for m in re.finditer(full, view, flags)]


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
    for m in re.finditer(r"[^.!?\n]+", view.text):
        sentence_tokens = [(t.group().lower(), m.start() + t.start(), m.start() + t.end())
                           for t in re.finditer(r"\w[\w-]*", m.group())]
        hits = [(s, e) for tok, s, e in sentence_tokens if tok in words]
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
    holding offset `end` (the same line when `end` is None), line breaks excluded."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return line_start, line_end if line_end != -1 else len(text)


def in_headline(text: str, offset: int) -> bool:
    """Whether `offset` lies on a line in Title Case, as headlines are written: of its 3-20 words (runs of
    letters, digits, apostrophes and hyphens that start with an ASCII letter), more than 60% capitalised."""
    start, end = line_around(text, offset)
    return is_title_case(re.findall(r"[A-Za-z][\w'-]*", text[start:end]), share=0.6, min_words=3, max_words=20)


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
    for start, end in find_in_view(view, name):
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
