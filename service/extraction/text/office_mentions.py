"""Office mentions: where an article names an office-holder together with the position they hold, read off the
text as (name, position) pairs without the model.

The shapes read are conventions of Indonesian and English news writing for any official, not of one article:

1. Title first, the canonical order: "<position> [<body or region>][,] [<honorifics>] <name>[, <degrees>]":
   "Wakil Bupati Kayong Utara Amru Chanwari", "Wali Kota Jambi, H. Syarif Fasha, S.E.", "Kepala Dinas Sosial
   Andi Ishak", "Presiden RI Joko Widodo", "Central Java Governor Ganjar Pranowo".
2. Enumerations chain such mentions with commas and "dan"/"serta"/"and": "…, Sekda Banten Andi Wirawan dan Plt
   Bupati Garut Dedi Suhendar"; each one is read on its own.
3. Apposition, name first: "<name>[, <degrees>], <position> <body>," ("Rudi, Kepala Dinas Pariwisata,
   menjelaskan"), and, in less edited copy, the position in lower case right after the name, with no comma
   ("Suradi wakil ketua DPRD Kab. Semarang mengatakan"), and with "selaku"/"sebagai"/"as" (in the capacity
   of) between them: "Budi Santoso selaku Kepala Dinas Pariwisata".

A position right after a building noun names the building, not a person ("Rumah Dinas Wali Kota", "Kantor Gubernur",
"Pendopo Bupati"). The body between a position and a name is what code can tell is not a name: acronyms ("DPRD", "RI",
"PUPR"), numerals ("Komisi IV"), words of institutions and offices (`service.vocabulary`), regions of the gazetteer,
countries, cities abroad and islands (`service.extraction.text.places.is_place`), a word after a level of government
("Provinsi Jiangxi"), and an unknown word the article also uses as a place ("ke Vanimo"). What follows the body is the
name, kept only when `is_person_name` accepts it and it does not end in a region ("Bakorwil Bojonegoro" is an office of
Bojonegoro).

Everything is read in the text's matching form (`service.textnorm`); names and positions are returned in it.
"""

from service.extraction.text.grounding import in_headline
from service.extraction.text.mention_tokens import Token, tokenize
from service.extraction.text.person_names import (
    NameDirectory,
    honorifics_length,
    is_degree,
    is_honorific,
    is_nominalisation,
    is_person_name,
    names_match,
    strip_honorifics,
)
from service.extraction.text.places import is_place, used_as_place
from service.extraction.text.region_names import is_given_name
from service.textnorm import matching_form
from service.vocabulary import (
    ACTING,
    BUILDING_NOUNS,
    CAPACITY_WORDS,
    CONJUNCTIONS,
    CONNECTIVES_IN_A_NAME,
    DATE_WORDS,
    DEPUTIES_EN,
    DEPUTIES_ID,
    GOVERNMENT_SHORT_NAMES,
    JOINERS_IN_A_NAME,
    LEVEL_WORDS_EN,
    LEVEL_WORDS_ID,
    LOWER_LEVEL_WORDS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    NOT_THE_HOLDER,
    POSITION_QUALIFIERS,
    POSITIONS,
    REGENCY,
    ROMAN_NUMERAL,
    WORDS_AFTER_A_NAME,
    WORDS_NEVER_IN_A_NAME,
)

_POSITIONS = frozenset(p.lower() for p in POSITIONS)
_ACTING = frozenset(a.lower() for a in ACTING)
_LONGEST_POSITION = max(len(p.split()) for p in POSITIONS)
# Words of a level of government, down to the district and the village, and abroad: the words after one name a
# place ("Provinsi Jiangxi", "Desa Sukamaju", "Kecamatan Pancur Batu").
_LEVEL_WORDS = frozenset(w.lower() for w in (*LEVEL_WORDS_ID, *LEVEL_WORDS_EN, *GOVERNMENT_SHORT_NAMES,
                                            f"{REGENCY.abbreviation}.", *LOWER_LEVEL_WORDS))
# Words that join the parts of a body: "Pengelola Keuangan dan Aset Daerah", "Duta Besar RI untuk Jepang",
# "Head of the Bali Tourism Office".
_CONNECTIVES = CONNECTIVES_IN_A_NAME
# The connectives that join words of one name of a body, not a body and a place.
_JOINERS = JOINERS_IN_A_NAME
# Words before a position that make the person named after it someone else than its holder: "istri Gubernur",
# "mantan Bupati", "calon Wali Kota", "ajudan Gubernur".
_NOT_THE_HOLDER = frozenset(w.lower() for w in NOT_THE_HOLDER)
# A position's deputy: "Wakil Sekda", "Wakil Presiden", "Deputy Head".
_DEPUTY = frozenset(DEPUTIES_ID + DEPUTIES_EN)
# "selaku"/"sebagai" (in the capacity of) and "as" put a position after the name it belongs to.
_AS = CAPACITY_WORDS
_ROMAN = ROMAN_NUMERAL


def _position_at(tokens: list[Token], i: int) -> int | None:
    """The end (exclusive token index) of the longest position, acting marks included, starting at token i."""
    j = i
    while j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.lower() in _ACTING | _DEPUTY:
        j += 1
    for length in range(_LONGEST_POSITION, 0, -1):
        words = tokens[j:j + length]
        if len(words) == length and all(t.kind == "word" for t in words) and \
                " ".join(t.text for t in words).lower() in _POSITIONS:
            return j + length
    return j if j > i and tokens[j - 1].text.lower() in _ACTING else None


def _not_a_holder(tokens: list[Token], i: int) -> bool:
    """Whether the position at token i names a building ("Rumah Dinas Wali Kota") or someone else than its
    holder ("istri Gubernur", "mantan Bupati") by the words right before it."""
    before = []
    for t in reversed(tokens[max(0, i - 2):i]):
        if t.kind != "word":
            break
        before.insert(0, t.text.lower())
    return bool(before) and (before[-1] in BUILDING_NOUNS or " ".join(before[-2:]) in BUILDING_NOUNS
                             or before[-1] in _NOT_THE_HOLDER)


# Convention of Indonesian news: a body is written from its unit to its region ("Kepala Biro Adpim Setdaprov Jatim
# Mohammad Ali Kuncoro", "Koordinator Fungsi Ekonomi KBRI Tokyo Rima Cempaka"), so a region closes a body of
# words code does not know (abbreviated units), and the name follows it. At most this many such words.
_UNKNOWN_IN_A_BODY = 3


class _Reader:
    """The tokens of one article, and what the article uses as places."""

    def __init__(self, view: str):
        self.view = view
        self.tokens = tokenize(view)
        self._used_as_place: dict[str, bool] = {}
        # Where a place and a body starting at a token end: a run of position words ("Gubernur Gubernur …") is a
        # body to its end from each of its words, so each token's answer is worked out once.
        self._place_end: dict[int, int | None] = {}
        self._body_end: dict[int, int] = {}

    def word(self, i: int) -> str | None:
        return self.tokens[i].text if i < len(self.tokens) and self.tokens[i].kind == "word" else None

    def place_end(self, i: int) -> int | None:
        """The end of the longest place name (up to four words) starting at token i: a place of the gazetteer,
        or a capitalised word the article uses as a place elsewhere."""
        if i not in self._place_end:
            self._place_end[i] = self._read_place_end(i)
        return self._place_end[i]

    def _read_place_end(self, i: int) -> int | None:
        for length in range(4, 0, -1):
            words = self.tokens[i:i + length]
            if len(words) == length and all(t.kind == "word" and t.text[0].isalpha() for t in words) \
                    and _names_a_place(" ".join(t.text for t in words)):
                return i + length
        word = self.word(i)
        return i + 1 if word and word[0].isupper() and self.used_as_place(word) else None

    def used_as_place(self, word: str) -> bool:
        """`service.extraction.text.places.used_as_place` for this article, each word asked once."""
        if word not in self._used_as_place:
            self._used_as_place[word] = used_as_place(self.view, word)
        return self._used_as_place[word]

    def body_end(self, i: int) -> int:
        """The end of the body after a position: acronyms, numerals, words of institutions, places. Each step
        depends only on the token it starts from, so the end found is kept for every token the walk passed."""
        passed = []
        while i not in self._body_end and (step := self._body_step(i)) is not None:
            passed.append(i)
            i = step
        end = self._body_end.setdefault(i, i)
        for j in passed:
            self._body_end[j] = end
        return end

    def _body_step(self, i: int) -> int | None:
        """Where the body goes on after its part at token i, or None when it ends before token i."""
        if (word := self.word(i)) is not None:
            lower = word.lower().strip(".")
            if lower in _LEVEL_WORDS and self.word(i + 1) and self.word(i + 1)[0].isupper():
                # "Provinsi Jiangxi", "Kota Vlissingen", "Provinsi Papua Barat Daya": a place follows a level.
                i = self.place_end(i + 1) or i + 2
            elif (end := self.place_end(i)) is not None:
                i = end
            elif (_is_body_word(word) and not (word == "I" and self._balinese_name_at(i))) or (
                    lower in _CONNECTIVES and self._connects_body(i + 1)):
                i += 1
            else:
                return None
            if self._bracketed_acronym_at(i):
                i += 3  # "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kota Palu"
            return i
        return None

    def past_qualifier(self, i: int) -> int:
        """Token i, or the token after a qualifier of the holder that stands there ("terpilih", "yang baru":
        `service.vocabulary.POSITION_QUALIFIERS`) and the comma after it."""
        for words in POSITION_QUALIFIERS:
            if all(self.word(i + k) == word for k, word in enumerate(words)):
                j = i + len(words)
                return j + 1 if self.is_comma(j) else j
        return i

    def body_closed_by_place(self, i: int) -> int | None:
        """The end of a body that goes on past token i over up to `_UNKNOWN_IN_A_BODY` capitalised words code
        cannot tell from a name, when a place closes them ("Biro Adpim Setdaprov Jatim", "Fungsi Ekonomi KBRI
        Tokyo"), with the body words after that place; None when no place does."""
        j = i
        while j < i + _UNKNOWN_IN_A_BODY and (word := self.word(j)) is not None and word[0].isupper() \
                and self.place_end(j) is None:
            j += 1
        if j == i or (end := self.place_end(j)) is None:
            return None
        return self.body_end(end)

    def _connects_body(self, i: int) -> bool:
        while (word := self.word(i)) is not None and word.lower() in _CONNECTIVES:
            i += 1  # "Head of the Bali Tourism Office"
        word = self.word(i)
        if word is not None and _position_at(self.tokens, i) is not None:
            return False  # "gubernur dan wakil gubernur terpilih, A dan B": two positions, not one body
        return word is not None and (_is_body_word(word) or self.place_end(i) is not None
                                     or word.lower().strip(".") in _LEVEL_WORDS)

    def _bracketed_acronym_at(self, i: int) -> bool:
        return (i + 2 < len(self.tokens) and self.tokens[i].text == "(" and self.tokens[i + 2].text == ")"
                and _is_body_word(self.tokens[i + 1].text))

    def _balinese_name_at(self, i: int) -> bool:
        """Balinese names open with "I" (men) before a birth-order or caste name: "I Made Mahayastra"."""
        nxt = self.word(i + 1)
        return nxt is not None and nxt[0].isupper() and not _is_body_word(nxt)

    def is_comma(self, i: int) -> bool:
        return i < len(self.tokens) and self.tokens[i].kind == "comma"

    def honorific_ahead(self, i: int) -> int | None:
        """The index of an honorific among the capitalised words from token i to the next punctuation, if any."""
        j = i
        while (word := self.word(j)) is not None and word[0].isupper():
            if j > i and is_honorific(word) and len(word) > 1:
                return j
            j += 1
        return None

    def comma_after(self, i: int) -> int:
        """Token i, or the comma ahead when only capitalised words, connectives and brackets stand between."""
        j = i
        while (token := self.tokens[j] if j < len(self.tokens) else None) is not None and token.kind != "comma":
            if token.kind == "stop" and token.text not in "()":
                return i
            if token.kind == "word" and token.text[0].islower() and token.text.lower() not in _JOINERS:
                return i
            j += 1
        return j if token is not None else i

    def name_at(self, i: int) -> tuple[int, int] | None:
        """Token range (start, end) of a person's name at token i, honorifics skipped before and degrees after,
        when the name ends where a name can end (punctuation, a lower-case word, the next position)."""
        if i < len(self.tokens) and (skip := honorifics_length(self.view[self.tokens[i].start:])):
            end = self.tokens[i].start + skip  # "Mayjen TNI (Purn) Andi": ranks with their corps and marks
            while i < len(self.tokens) and self.tokens[i].start < end:
                i += 1
        while self.word(i) and is_honorific(self.word(i)):
            i += 1  # an honorific glued to the name by its dot: "dr.Danny"
        start = i
        while (word := self.word(i)) is not None and (_is_name_word(word, first=i == start) or (
                i == start and word == "I" and self._balinese_name_at(i))):
            if i > start and _position_at(self.tokens, i) is not None:
                break
            i += 1
        end = i
        while end - start > 1 and is_degree(self.tokens[end - 1].text):
            end -= 1
        if end == start or not self._ends_a_name(i):
            return None
        return start, end

    def _ends_a_name(self, i: int) -> bool:
        word = self.word(i)
        after = self.word(i + 1)
        # A degree ends a name when nothing capitalised follows it ("Zulkifly Chaniago BE dari"), not an acronym
        # of a body that goes on ("Kepala Pelaksana BPBD Garut").
        return (i >= len(self.tokens) or word is None or word[0].islower() or word.lower() in WORDS_AFTER_A_NAME
                or _position_at(self.tokens, i) is not None
                or (is_degree(word) and (after is None or not after[0].isupper())))

    def name_before(self, i: int) -> tuple[int, int] | None:
        """Token range of a name ending right before token i, starting after punctuation or a lower-case word."""
        end = i
        while end > 0 and self.word(end - 1) and is_degree(self.word(end - 1)):
            end -= 1
        start = end
        while start > 0 and (word := self.word(start - 1)) and _is_name_word(word, first=True) \
                and word.lower() not in WORDS_AFTER_A_NAME:
            start -= 1
        return (start, end) if start < end else None

    def text(self, start: int, end: int) -> str:
        return self.view[self.tokens[start].start:self.tokens[end - 1].end]

    def person(self, span: tuple[int, int] | None) -> str | None:
        """The name over a token range, when it is a person's name that does not end in a region."""
        if span is None:
            return None
        name = strip_honorifics(self.text(*span))
        last = name.split()[-1] if name else ""
        if not name or not is_person_name(name) or (len(name.split()) > 1 and is_place(last)
                                                        and not is_person_name(last)):
            return None
        return name


def _names_a_place(phrase: str) -> bool:
    """A place of the gazetteer, but not a region's name that is also a common given name ("Bima")."""
    return is_place(phrase) and (phrase[0].islower() or not is_given_name(phrase))


def _is_body_word(word: str) -> bool:
    bare = word.strip(".").lower()
    acronym = len(word) > 1 and word.replace("-", "").replace("&", "").isalnum() and word.isupper()
    return (acronym or bare.isdigit() or bool(_ROMAN.match(word)) or bare in NOT_NAME_WORDS
            or bare in WORDS_NEVER_IN_A_NAME or is_nominalisation(bare))


def _is_name_word(word: str, first: bool) -> bool:
    bare = word.strip(".'’").lower()
    if word[0].islower():
        return not first and bare in NAME_PARTICLES
    return (word[0].isupper() and not _is_body_word(word) and bare not in DATE_WORDS
            and bare not in WORDS_AFTER_A_NAME and not is_honorific(word))


def read_office_mentions(text: str) -> list[tuple[str, str]]:
    """(name, position) pairs for the office-holders `text` names with their position, in order, each person
    once (a later short form of an earlier name is the same person).

    "Wakil Wali Kota Banjarmasin Hj. Ananda" -> ("Ananda", "Wakil Wali Kota Banjarmasin"); "Hasanuddin, Ketua
    DPRD Kaltim, menjelaskan" -> ("Hasanuddin", "Ketua DPRD Kaltim"). Headlines are skipped. Names and
    positions are in the text's matching form (`service.textnorm.matching_form`).
    """
    reader = _Reader(matching_form(text))
    tokens = reader.tokens
    found: list[tuple[str, str]] = []
    known = NameDirectory()  # the names found so far: a name is compared only with those it may match
    i = 0
    while i < len(tokens):
        end = _position_at(tokens, i) if tokens[i].kind == "word" else None
        if end is None or _not_a_holder(tokens, i) or in_headline(reader.view, tokens[i].start):
            i += 1
            continue
        if _second_of_a_pair(reader, i):
            i = end  # "gubernur dan wakil gubernur terpilih, A dan B": the titles go to the names in order
            continue  # (`service.extraction.officials.paired_titles`), not the second title to the first name
        pair = _title_first(reader, i, end) or _name_first(reader, i, end)
        if pair and not any(names_match(pair[0], found[k][0]) or names_match(found[k][0], pair[0])
                            for k in known.candidates(pair[0])):
            known.add(len(found), pair[0])
            found.append(pair)
        i = end
    return found


def _second_of_a_pair(reader: _Reader, i: int) -> bool:
    """Whether the position at token i is the second of two joined by "dan", "serta" or "and" ("gubernur dan
    wakil gubernur"): a position ends right before the conjunction."""
    joined = reader.word(i - 1) if i >= 1 else None
    if not joined or joined.lower() not in _PAIR_JOINERS:
        return False
    return any(_position_at(reader.tokens, start) == i - 1
               for start in range(max(0, i - 1 - _LONGEST_POSITION), i - 1))


_PAIR_JOINERS = frozenset(CONJUNCTIONS["list"])


def _title_first(reader: _Reader, i: int, end: int) -> tuple[str, str] | None:
    """Convention 1: the name after the position and its body, or after the comma that closes them. An
    honorific starts the name wherever it stands ("Plt. Bupati Bima Raya H. Sukardi"); a one-word "name" before
    the comma gives way to a longer one after it, the one word being the unit's name ("Kepala Bidang Promosi,
    Dewi Anggraini"). Between the comma and the name, one more comma-closed body may stand ("Wakil Gubernur
    Provinsi Jiangxi, RRT, H.E. Mr. Shi Ke"), or a place that locates the first ("Wali Kota Miri, Sarawak, Adam
    Yii"); a body of words code does not know is read up to its comma when no name ends it ("Koordinator
    Majelis Perwakilan Kelas (MPK) Labschool Jakarta, Satriwan Salim"); and when no name follows the body code
    knows, up to a place that closes a few words it does not know (`_Reader.body_closed_by_place`). A qualifier
    of the holder may stand before the name ("Gubernur Jawa Barat terpilih Dedi Mulyadi")."""
    body = reader.past_qualifier(reader.body_end(end))
    if (honorific := reader.honorific_ahead(body)) is not None:
        body = honorific
    if (name := reader.person(span := reader.name_at(body))) is not None:
        after = span[1]
        following = reader.person(reader.name_at(after + 1)) if reader.is_comma(after) else None
        if len(name.split()) == 1 and following and len(following.split()) > 1:
            return following, reader.text(i, after)
        return name, _without_qualifier(reader.text(i, body))
    closed = reader.body_closed_by_place(body)
    if closed is not None and (name := reader.person(reader.name_at(closed))) is not None:
        return name, reader.text(i, closed)
    body = reader.comma_after(body)
    position = reader.text(i, body)
    for _ in range(2):
        if not reader.is_comma(body):
            return None
        span = reader.name_at(body + 1)
        if (name := reader.person(span)) is not None:
            following = reader.person(reader.name_at(span[1] + 1)) if reader.is_comma(span[1]) else None
            if len(name.split()) == 1 and following and len(following.split()) > 1:
                return following, position  # the one word was a place: addresses run from town to state
            return name, position
        after = reader.body_end(body + 1)
        if after == body + 1:
            return None
        body = after
    return None


def _without_qualifier(position: str) -> str:
    """A position read up to its holder's name without the qualifier and comma that may end it ("Gubernur Jawa
    Barat terpilih" -> "Gubernur Jawa Barat")."""
    words = position.rstrip(", ").split()
    for qualifier in POSITION_QUALIFIERS:
        if len(words) > len(qualifier) and tuple(words[-len(qualifier):]) == qualifier:
            return " ".join(words[:-len(qualifier)])
    return position


def _name_first(reader: _Reader, i: int, end: int) -> tuple[str, str] | None:
    """Convention 3: "<name>, <position> <body>,", "<name> selaku <position>", or "<name> <position in lower
    case> <body>"."""
    tokens = reader.tokens
    position = reader.text(i, reader.body_end(end))
    if i > 1 and tokens[i - 1].kind == "comma":
        name = reader.person(reader.name_before(i - 1))
    elif i > 1 and (reader.word(i - 1) or "").lower() in _AS:
        name = reader.person(reader.name_before(i - 1))  # "Budi Santoso selaku Kepala Dinas Pariwisata"
    elif i > 2 and (reader.word(i - 1) or "").lower() == "juga" and (reader.word(i - 2) or "").lower() == "yang":
        name = reader.person(reader.name_before(i - 2))  # "Rudi Hartawan yang juga Kepala Dinas Pariwisata"
    elif i > 0 and tokens[i].text[0].islower() and tokens[i - 1].kind == "word":
        name = reader.person(reader.name_before(i))
    else:
        return None
    return (name, position) if name else None
