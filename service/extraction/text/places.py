"""Whether a phrase names a place, whatever its kind: a region of Indonesia, a country, a city abroad or a large
island (`service.extraction.text.gazetteer`, `service.extraction.text.region_names`); and whether a text writes a
phrase as a place, right after a preposition of place or a level of government, whether the gazetteer knows it or
not ("ke Vanimo"). Offsets are code points into the text given.
"""

import re
from functools import lru_cache

from service.extraction.text.gazetteer import country, foreign_city, is_island
from service.extraction.text.region_names import names_a_region
from service.vocabulary import (
    CITY,
    GOVERNMENT_SHORT_NAMES,
    LEVEL_WORDS_ID,
    PLACE_PREPOSITIONS_EN,
    PLACE_PREPOSITIONS_ID,
    REGENCY,
    one_of,
)


def is_place(phrase: str) -> bool:
    """Whether a phrase names a place: an Indonesian region (`names_a_region`), a country, a city abroad, or one
    of the large islands news names as places ("Sumatra", "Kalimantan", "Flores")."""
    return (is_island(phrase) or names_a_region(phrase) or country(phrase) is not None
            or foreign_city(phrase) is not None)


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
