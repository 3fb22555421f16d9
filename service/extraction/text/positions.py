"""Positions: whether a phrase starts with an official's position, and what follows it.

News writing puts a position before a name or a region ("Gubernur Banten", "Pj. Wali Kota Bogor", "gubernur
terpilih"); the positions are the lexicon's (`service.vocabulary.POSITIONS`, `ACTING`).
"""

import re

from service.vocabulary import ACTING, DEMONYMS_EN, OFFICE_NOUNS_EN, POSITIONS, one_of

_TITLES = one_of(POSITIONS)
# A position, possibly acting ("Pj. Gubernur", "Plt Bupati") or elect ("gubernur terpilih").
_TITLE_START = re.compile(rf"^\s*(?:(?i:{one_of(ACTING)})\s+)*(?i:{_TITLES})\b(?:\s+(?i:terpilih))?")
# English: "Australian Consul General", "the Palestinian Ambassador to Indonesia"; not the office that holds the
# post ("Japanese Consul General Office", a body).
_FOREIGN_TITLE_START = re.compile(rf"^\s*(?:[Tt]he\s+)?(?:{one_of(DEMONYMS_EN)})\s+(?>(?i:{_TITLES})\b)"
                                  rf"(?!\s+(?i:{one_of(OFFICE_NOUNS_EN)})\b)")


def starts_with_position(phrase: str) -> bool:
    """Whether a phrase starts with a position ("Gubernur Banten"), so names a person, not a party; in English,
    also after an adjective of nationality ("Australian Consul General": `service.vocabulary.DEMONYMS_EN`)."""
    return _TITLE_START.match(phrase) is not None or _FOREIGN_TITLE_START.match(phrase) is not None


def after_position(phrase: str) -> str:
    """What follows the position a phrase starts with ("Gubernur Sumbar" -> "Sumbar", "Pj. Wali Kota Bogor" ->
    "Bogor"); the phrase itself when it starts with none."""
    m = _TITLE_START.match(phrase)
    return phrase[m.end():].strip(" ,") if m else phrase


def split_position(position: str) -> tuple[str, str]:
    """("Ketua DPRD Lampung") -> ("Ketua", "DPRD Lampung"): the title words, then the body; the whole phrase
    and "" when it does not start with a position."""
    m = _TITLE_START.match(position)
    if not m:
        return position, ""
    return " ".join(m.group().split()), position[m.end():].strip(" ,")
