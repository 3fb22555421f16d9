"""A person's name as news writes it: what is one (and what is a position, an institution or a place), without
honorifics, ranks and degrees, how a short form or nickname matches it, and its fullest form in an article.

Read in the text's matching form (`service.textnorm`), so a zero-width or no-break space inside a name
neither cuts it short nor hides it; spans are half-open `[start, end)` ranges of Unicode code points.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rapidfuzz.distance import Indel

from service.extraction.text.grounding import Span, find_all, find_in_view, in_headline
from service.extraction.text.places import is_place
from service.extraction.text.region_names import split_region_prefix
from service.textnorm import matching_form, normalise
from service.vocabulary import (
    DEGREES,
    GIVEN_NAME_ENDINGS,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ROMAN_NUMERAL,
    WORDS_AFTER_A_NAME,
    WORDS_NEVER_IN_A_NAME,
    one_of,
)

# --- A person's name ---------------------------------------------------------------------------------------


def looks_like_name(name: str) -> bool:
    """False for a "name" that is only positions, bodies, places or dates ("Selasa", "Bawaslu Lampung"), or
    that starts with one of those words (`service.vocabulary.NOT_NAME_WORDS`); numbers count as such
    words. Read in its matching form (a zero-width space does not make "Gu\u200bbernur" a name)."""
    words = [w.strip(".,()").lower() for w in matching_form(name).split()]
    return bool(words) and not all(w in NOT_NAME_WORDS or w.isdigit() for w in words) and words[0] not in NOT_NAME_WORDS


# Honorifics before a name: a military rank with its corps and retired mark ("Mayjen TNI (Purn)"), a police
# rank ("Kombes Pol"), or a title ("Dr.", "Hj", "Dato' Sri"), any number of them, separated by spaces or commas.
_MILITARY_RANK = (rf"(?:{one_of(HONORIFICS['military_ranks'])})(?:\s+(?:{one_of(HONORIFICS['military_corps'])}))*"
                  rf"(?:\s*\((?:{one_of(HONORIFICS['retired'])})\.?\))?")
_POLICE_RANK = rf"(?:{one_of(HONORIFICS['police_ranks'])})(?:\s+Pol\.?)?"
_PREFIX_RE = re.compile(rf"^(?:(?:{_MILITARY_RANK}|{_POLICE_RANK}|{one_of(HONORIFICS['titles'])})[\s,]+)+")
# Academic degrees written after a name: Indonesian ones are capitalised abbreviations with or without dots
# ("S.H.", "M.Si", "SP", "S.Sos."), besides the listed ones ("Ph.D", "MBA").
_DEGREE_TOKEN = re.compile(rf"^(?:[A-Z]\.?(?:[A-Za-z]{{1,4}}\.?){{0,3}}|{one_of(DEGREES)})$")
# Some titles are also given names or part of a name when they start it; only strip them before a name.
_KEEP_ALONE = set(HONORIFICS["part_of_the_name_alone"])


def strip_honorifics(name: str) -> str:
    """A person's name without honorifics, ranks or academic degrees, as written otherwise, in its matching
    form (no invisible characters, plain spaces); "" when nothing is left.

    "Dr. Hj Nilam Sari Lawira SP, MP" -> "Nilam Sari Lawira"; "Mayjen TNI (Purn) Yulius Selvanus" ->
    "Yulius Selvanus". The honorifics and degrees are `service.vocabulary`'s.
    """
    cleaned = " ".join(matching_form(name).split()).strip(" ,.;:")
    stripped = _PREFIX_RE.sub("", cleaned)
    first = cleaned.split(" ")[0] if cleaned else ""
    if first.rstrip(".") in _KEEP_ALONE:
        stripped = cleaned  # "Cut Nyak Dhien", "Teuku Umar": part of the name in Aceh and Java
    head, _, tail = stripped.partition(",")
    # Degrees follow a name after a comma: "Ahmad Yani, S.H., M.Si."
    if tail and all(_DEGREE_TOKEN.match(t) for t in tail.replace(",", " ").split()):
        stripped = head
    words = stripped.split()
    while len(words) > 1 and _looks_like_degree(words[-1]):
        words.pop()
    return " ".join(words).strip(" ,.;:")


# Indonesian degrees written without dots are the grade's letter (Sarjana, Magister, Ahli Madya) and the field's
# capitalised abbreviation: "MSi" (Magister Sains), "SPd", "SSos", "SKom", "AMd".
_UNDOTTED_DEGREE = re.compile(r"^[SMA](?:[A-Z][a-z]{0,3}){1,2}$")


def _looks_like_degree(token: str) -> bool:
    """A last word that is a degree written without a comma ("Nilam Sari Lawira SP", "Budi Santoso MSi"):
    capitalised, and with dots, or of 2-4 capitals, or of an Indonesian degree's shape."""
    token = token.strip(",")
    if not token or token[0].islower():
        return False
    if "." in token:
        return bool(_DEGREE_TOKEN.match(token))
    return (token.isupper() and 2 <= len(token) <= 4 and bool(_DEGREE_TOKEN.match(token))) or \
        bool(_UNDOTTED_DEGREE.match(token))


# Roman numerals end the names of Javanese rulers ("Hamengku Buwono X", "Paku Alam X"): after a name word, last.
_ROMAN = ROMAN_NUMERAL
# Indonesian nouns of institutions are made with the circumfixes pe-/per-/ke- ... -an ("Pembangunan",
# "Perhubungan", "Kesehatan"); given names of that shape end in -wan, -man or -yan ("Kertawan", "Kusuman").
_NOMINALISATION = re.compile(r"^(?:pe|ke)\w{4,}an$")
_NAME_SUFFIXES = GIVEN_NAME_ENDINGS


def honorifics_length(text: str) -> int:
    """How many code points of honorifics, with the spaces and commas after them, open `text` ("Mayjen TNI
    (Purn) Andi" -> 17); 0 when none does."""
    m = _PREFIX_RE.match(text)
    return m.end() if m else 0


def is_honorific(word: str) -> bool:
    """Whether one word is an honorific written before a name ("H.", "Hj", "Dr.", "drg.", "Mr.", "Kombes"):
    `service.vocabulary.HONORIFICS`."""
    return bool(word) and _PREFIX_RE.match(word + " ") is not None


def is_nominalisation(word: str) -> bool:
    """Whether a word has the shape of an Indonesian noun of an institution or a field, made with the
    circumfixes pe-/per-/ke- ... -an ("Perhubungan", "Kesehatan", "Persidangan"), and not of a given name in
    -wan, -man, -yan ("Kertawan")."""
    bare = word.strip(".,").lower()
    return bool(_NOMINALISATION.match(bare)) and not bare.endswith(_NAME_SUFFIXES)


def is_degree(word: str) -> bool:
    """Whether one word is an academic degree written after a name ("S.H.", "M.Si", "SE", "MSi", "Ph.D")."""
    return _looks_like_degree(word)


def is_person_name(phrase: str) -> bool:
    """Whether a phrase is a person's name as news prints it, clean: honorifics before it may stand ("Dr. Hj"),
    nothing else that is not the name.

    Args:
        phrase: a candidate name, e.g. a model's official or a name read off a mention.

    Returns:
        False for a position alone ("Konsul Jenderal", "Kepala Biro"), a word of an institution, programme or
        document ("Usaha Mikro", "Nomor", "Economic Adviser"), a place (`service.extraction.text.places.is_place`:
        "Pati",
        "Sumatra") or a region before a name ("Boyolali Hendra Wijaya": see `split_region_prefix`), an acronym
        ("HAL"), a numeral ("II") or any character but letters, spaces and the apostrophes, hyphens and dots of
        names ("Hadi Susanto)"), a degree left after the name ("Budi Santoso SH MSi": `strip_honorifics` takes
        it off), or honorifics alone. True for anything else, one-word names ("Sukarno"), "bin"/"binti", Balinese
        ("I Wayan ...", "Ni Made ..."), Chinese-Indonesian and Batak names, "Teuku"/"Cut" and names that hold a
        common word ("Indah Sari", "Timur Pradopo") included. The words are `service.vocabulary`'s.
    """
    cleaned = " ".join(matching_form(phrase).split())
    if not cleaned or not all(c.isalpha() or c in " .'’-" for c in cleaned):
        return False
    first = cleaned.split(" ")[0].rstrip(".")
    name = cleaned if first in _KEEP_ALONE else _PREFIX_RE.sub("", cleaned)
    words = name.split()
    if not words or (len(words) > 1 and _looks_like_degree(words[-1]) and not _ROMAN.match(words[-1])):
        return False
    # Some releases print a whole name in capitals ("BUDI SANTOSO"); a capitalised word alone is an acronym.
    in_capitals = len(words) > 1 and name.replace(".", "").replace(" ", "").isupper()
    for i, word in enumerate(words):
        bare = word.strip(".'’-").lower()
        if word[0].islower():
            if bare not in NAME_PARTICLES and not word.startswith(("al-", "el-")):
                return False
        elif _ROMAN.match(word) and len(word) > 1 or word == "I" and i == len(words) - 1 and i > 0:
            if i == 0 or i < len(words) - 1:
                return False  # "II", "IV Jawa": a numeral opens no name
        elif not in_capitals and len(word) > 1 and "." not in word and word.isupper():
            return False  # an acronym: "HAL", "DPRD"
        if bare in WORDS_NEVER_IN_A_NAME or is_nominalisation(bare):
            return False
    if all(w.strip(".").lower() in NOT_NAME_WORDS or _PREFIX_RE.match(w + " ") for w in words):
        return False  # places, months or honorifics only
    return not is_place(name) and not split_region_prefix(name)[0]


@lru_cache(maxsize=8192)  # asked of the same few names for every run of capitalised words of an article
def name_key(name: str) -> str:
    """A comparison key for a person's name: honorifics off, case and punctuation folded ("Dr. Budi
    Santoso, M.Si." -> "budi santoso")."""
    return " ".join(re.sub(r"[^\w\s]", " ", strip_honorifics(name)).lower().split())


def names_match(short: str, full: str) -> bool:
    """Whether `short` ("Pramono", "Khoir", "Mingrum") plausibly names the person `full`.

    Every word of `short` must be a word of `full`, or the start of one of at least four letters (Indonesian
    nicknames are often the start of a name: "Khoir" for "Khoiriah"). Compared by `name_key`.
    """
    short_words, full_words = name_key(short).split(), name_key(full).split()
    if not short_words or not full_words:
        return False
    return all(any(f == s or (len(s) >= 4 and f.startswith(s)) for f in full_words) for s in short_words)


# --- Spelling variants -------------------------------------------------------------------------------------
# News misspells a name now and then within one article ("Dermawan" six times, "Dermwan" once; "Awaliyah" and
# "Awaliah"): a slip of typing drops or doubles a letter. A changed letter is not read as a slip: Indonesian
# names that differ by one letter are different people as often as not ("Wahyudi" / "Wahyuni", "Rahmat" /
# "Rahman", "Hendra" / "Hendri"). Words of fewer than five letters ("Rina" / "Rini") are never slips.
_SHORTEST_SLIPPED = 5


def _is_slip(a: str, b: str) -> bool:
    """Whether two different words (lower case) are one word with a letter dropped or added (Indel distance 1,
    rapidfuzz), the shorter of five letters or more, the first letter the same."""
    return (min(len(a), len(b)) >= _SHORTEST_SLIPPED and a[:1] == b[:1]
            and Indel.distance(a, b, score_cutoff=1) <= 1)


def spelling_variants(a: str, b: str) -> bool:
    """Whether two names are one name spelt two ways ("Syarifah Awaliyah" / "Syarifah Awaliah"): as `name_key`
    reads them, the same words but one, whose two spellings are a slip of typing apart (`_is_slip`). Equal names
    are not variants."""
    words_a, words_b = name_key(a).split(), name_key(b).split()
    if len(words_a) != len(words_b):
        return False
    differing = [(x, y) for x, y in zip(words_a, words_b) if x != y]
    return len(differing) == 1 and _is_slip(*differing[0])


class SpellingIndex:
    """Names filed under every form they take with one letter (after the first) dropped from one word, and as
    they are (`name_key`): two names a slip apart (`spelling_variants`) share one such form, so a name finds its
    variants by a few lookups, however many names there are (the symmetric-delete method)."""

    def __init__(self, names: list[str]):
        self._filed: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in names:
            for key in _dropped_letter_forms(name):
                self._filed[key].append(name)

    def variants(self, name: str) -> list[str]:
        """The names filed that are `name` spelt with a slip (`spelling_variants`), in the order filed."""
        found = {n: None for key in _dropped_letter_forms(name) for n in self._filed.get(key, ())}
        return [n for n in found if spelling_variants(name, n)]


def _dropped_letter_forms(name: str) -> set[tuple[str, ...]]:
    """A name's words (`name_key`), and the same with one letter after the first dropped from one word of five
    letters or more."""
    words = name_key(name).split()
    forms = {tuple(words)}
    for i, word in enumerate(words):
        if len(word) >= _SHORTEST_SLIPPED:
            forms.update((*words[:i], d, *words[i + 1:]) for d in _deletions(word))
    return forms


@dataclass(frozen=True)
class _WordCounts:
    """The capitalised words of a text (its matching form): how often each occurs, where it first does (code
    points), and each word under every form it takes with one letter after the first dropped (the
    symmetric-delete index: a word with a letter added is found by the name word's own form)."""

    count: Counter
    first: dict[str, int]
    by_deletion: dict[str, list[str]]


@lru_cache(maxsize=4)
def _capitalised_words(text: str) -> _WordCounts:
    """`_WordCounts` of `text`, read in one pass; a word adds one entry per letter (`_LONGEST_WORD` at most)."""
    count, first, by_deletion = Counter(), {}, defaultdict(list)
    for m in _CAPITALISED_WORD.finditer(matching_form(text)):
        word = m.group()
        if word not in first:
            first[word] = m.start()
            for deleted in _deletions(word):
                by_deletion[deleted].append(word)
        count[word] += 1
    return _WordCounts(count, first, by_deletion)


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{3,}+\b")
_LONGEST_WORD = 24  # letters of a name's word read for slips; longer runs of letters are no names


def _deletions(word: str) -> set[str]:
    """`word` with one letter after the first dropped, each way (none for a word longer than `_LONGEST_WORD`)."""
    if len(word) > _LONGEST_WORD:
        return set()
    return {word[:i] + word[i + 1:] for i in range(1, len(word))}


def preferred_spelling(text: str, name: str) -> str:
    """The spelling of `name` that `text` writes most often, among `name` and the names that differ from it in
    one word by a slip of typing (`spelling_variants`); on a tie, the one the text writes first, as a reader
    takes the first spelling for the name. `name` itself when the text has no variant of it.

    The text's capitalised words are indexed once per text (`_capitalised_words`); a word of the name finds its
    variants by lookups of its own form and its forms with a letter dropped, so the cost per name does not grow
    with the text, and the most frequent variant is counted as a whole name once."""
    words = name.split()
    best, best_key = name, _spelling_rank(text, name)
    counts = _capitalised_words(text)
    for i, word in enumerate(words):
        bare = word.strip(".,")
        if len(bare) < _SHORTEST_SLIPPED or not bare[:1].isupper():
            continue
        variants = {w for w in counts.by_deletion.get(bare, ())}  # the text's word has a letter more
        variants |= {d for d in _deletions(bare) if d in counts.count}  # or a letter less
        variants = {w for w in variants if w != bare and _is_slip(w.lower(), bare.lower())}
        if not variants:
            continue
        other = max(sorted(variants), key=lambda w: (counts.count[w], -counts.first[w]))
        candidate = " ".join([*words[:i], word.replace(bare, other), *words[i + 1:]])
        key = _spelling_rank(text, candidate)
        if key > best_key:
            best, best_key = candidate, key
    return best


def _spelling_rank(text: str, name: str) -> tuple[int, int]:
    """How `preferred_spelling` ranks a spelling: by how often the text writes it, then by how early."""
    spans = find_all(text, name)
    return (len(spans), -spans[0][0]) if spans else (0, -len(text))


# Every word of the honorifics, ranks and corps, in lower case: one of several words of a title ("Tuan Guru")
# is not an honorific alone, yet `strip_honorifics` drops it with the others.
_HONORIFIC_WORDS = frozenset(w.lower().strip("().") for forms in HONORIFICS.values() for form in forms
                             for w in form.split())


def _word_starts(name: str) -> frozenset[str]:
    """The first four letters of each word of a person's name as `names_match` reads it (`name_key`)."""
    return frozenset(word[:4] for word in name_key(name).split())


class NameIndex:
    """Names (officials') filed under their `_word_starts`, to find the ones a short form `names_match`es without
    comparing it with every name: each word of a short form is a word of the full name or the start (four letters
    or more) of one, so it shares its first four letters with one. The fixed, one-way case of `NameDirectory`,
    asked for every run of capitalised words of an article."""

    def __init__(self, names: list[str]):
        self.names = names
        self._filed: dict[str, set[int]] = {}
        for i, name in enumerate(names):
            for start in _word_starts(name):
                self._filed.setdefault(start, set()).add(i)

    def could_name(self, word: str) -> bool:
        """Whether `word` (of a run of capitalised words) may be part of a short form of one of the names: unless
        it is a plain capitalised word ("Temui", "Australia") that shares no name word's first four letters, and
        no word that `name_key` may drop in a longer run (an honorific, a rank, a degree). A run of words that
        holds one that may not names none of them."""
        if not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower()):
            return True
        return word.lower()[:4] in self._filed or word.lower() in _HONORIFIC_WORDS or is_honorific(word) or \
            _looks_like_degree(word)

    def matching(self, short: str) -> list[str]:
        """The names that `short` plausibly names (`names_match(short, name)`), in their order."""
        starts = _word_starts(short)
        if not starts:
            return []
        found = set.intersection(*(self._filed.get(start, set()) for start in starts))
        return [self.names[i] for i in sorted(found) if names_match(short, self.names[i])]


class NameDirectory:
    """Entries (people, by position) under the first four letters of the words of their names, to find the
    entries a name may `names_match` either way without comparing it with every entry (a memo's directory, the
    officials an article names).

    `names_match(a, b)` holds only when every word of `a` is a word of `b` or the start (four letters or more)
    of one, so the words of `a` start as words of `b` do: an entry can match a name only when its starts
    contain the name's or are among them."""

    def __init__(self):
        self.starts: list[frozenset[str]] = []  # each entry's, for its current name
        self.having: dict[frozenset[str], list[int]] = defaultdict(list)  # under each one or two of its starts
        self.exactly: dict[frozenset[str], list[int]] = defaultdict(list)  # under all its starts

    def add(self, i: int, name: str) -> None:
        """File entry `i` under `name`, a new entry's (`i` the number of entries so far) or the longer name an
        entry now has."""
        starts = _word_starts(name)
        if i == len(self.starts):
            self.starts.append(starts)
        else:  # still filed under its former name's starts too: `candidates` checks the current ones
            self.starts[i] = starts
        self.exactly[starts].append(i)
        for key in (*combinations(starts, 1), *combinations(starts, 2)):
            self.having[frozenset(key)].append(i)

    def candidates(self, name: str) -> list[int]:
        """The entries, in order, whose starts contain `name`'s or are among them: all it may match."""
        mine = _word_starts(name)
        # Containing them: filed under each pair of them (each one, for a one-word name); the fewest are read.
        fewest = min((self.having.get(frozenset(key), []) for key in combinations(mine, min(2, len(mine)))),
                     key=len, default=[])
        found = {i for i in fewest if mine <= self.starts[i]}
        # Among them: filed under a subset of them as all their starts (a name has a few words).
        subsets = {frozenset(c) for k in range(1, len(mine) + 1) for c in combinations(mine, k)} \
            if len(mine) <= 8 else {self.starts[i] for start in mine for i in self.having[frozenset([start])]}
        for subset in subsets:
            if subset <= mine:
                found.update(i for i in self.exactly.get(subset, []) if self.starts[i] == subset)
        return sorted(found)


def find_name_spans(text: str, name: str) -> list[Span]:
    """Occurrences of a person's name as code-point spans of `text` (see `service.extraction.text.grounding.find_all`);
    case-insensitive if it never occurs as written."""
    return find_all(text, name) or find_all(text, name, ignore_case=True)


# In the normalised view every Unicode space, a no-break space included, is a plain space.
_NEXT_WORD = re.compile(r"(?<! ) ++([A-Z][\w'-]*+)")


def fullest_form(text: str, name: str) -> str:
    """The longest way the article writes `name`, extending it rightwards over capitalised name words
    ("Pramono Anung" -> "Pramono Anung Wibowo" when the article has both), in its matching form: read off
    the normalised view, so "Budi Sant\u200boso" in the article gives "Budi Santoso".

    A name is not extended on a headline (Title Case capitalises every word), nor over a word that starts what
    follows a name (`service.vocabulary.WORDS_AFTER_A_NAME`: "Andra Soni Senin datang") or an acronym.
    """
    view = normalise(text).text
    best = matching_form(name)
    for start, end in find_in_view(view, name):
        if in_headline(view, start):
            continue
        words = []
        position = end
        while m := _NEXT_WORD.match(view, position):
            word = m.group(1)
            if word.lower() in WORDS_AFTER_A_NAME or (word.isupper() and len(word) > 1):
                break
            words.append(word)
            position = m.end()
        if words:
            candidate = view[start:end] + " " + " ".join(words)
            if len(candidate) > len(best):
                best = candidate
    return best


def without_leading_position(name: str) -> str:
    """A name without the position words a small model puts before it: "Ketua DPRD Lampung Mingrum Gumay" ->
    "Mingrum Gumay" (leading words that `looks_like_name` refuses are dropped)."""
    words = name.split()
    while words and not looks_like_name(words[0]):
        words.pop(0)
    return " ".join(words).strip(" ,")
