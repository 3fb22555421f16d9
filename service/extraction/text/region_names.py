"""Indonesian regions as news names them: bare ("Boyolali"), abbreviated ("Sumbar"), with the words of their level
or government before the name ("Kabupaten Boyolali", "Kab. Boyolali", "Pemkab Boyolali") or, in English, after it
("West Java Province"), with the title of their head ("Bupati Boyolali", "Pj Gubernur Jateng") or of another
office ("Sekda Sumbar"), and before a person's name ("Boyolali Hendra Wijaya"). The regions and their short forms
are the gazetteer's (`service.extraction.text.gazetteer`); the words of the levels of government ("Pemkab",
"Kab.", "Wali Kota") and of positions are the vocabulary's.
"""

import re

from service.extraction.text.gazetteer import Region, fold, regions_named
from service.textnorm import matching_form
from service.vocabulary import (
    ACTING,
    DEPUTIES_EN,
    DEPUTIES_ID,
    GOVERNMENT,
    LEVEL_WORDS_EN,
    LEVELS,
    POSITIONS,
    REGIONAL_GOVERNMENT_WORDS,
    load_data,
    one_of,
)


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
    return _choose(regions_named(name), kind)


def names_a_region(phrase: str) -> bool:
    """Whether a phrase names an Indonesian region at some level, even one that `resolve_region` cannot pick
    because two regions share the name ("Bogor", "Bekasi": a regency and a city)."""
    _, name = _level_and_name(phrase)
    return bool(name) and bool(regions_named(name))


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
    return _choose(regions_named(name), kind) if name else None


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
