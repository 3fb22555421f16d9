"""The names of parties: whether two names denote the same region or body, however written ("Pemprov DKI" /
"DKI Jakarta" / "Jakarta"), and which of them best heads what is said about it. Extraction, memos, the
library's filters and the eval scorer all read parties this way. The words are data (`service/data/partners.json`,
and the levels of government in `service.vocabulary`).
"""

import re
from functools import lru_cache

from schemas.summary import PartnerKind
from service.extraction.text.gazetteer import expand_region_word
from service.extraction.text.grounding import dice
from service.textnorm import matching_form
from service.vocabulary import (
    GOVERNMENT_WORDS,
    LEVEL_WORDS_EN,
    LEVEL_WORDS_ID,
    LEVELS,
    load_data,
    one_of,
)

_DATA = load_data("partners")
# English names a region "Province of Bali" or "the City of Bandung".
OF_THE = ("of", "the")

# A party's name starts as a proper name does: a capital in any script or a digit ("7 provinsi", "Île-de-France"),
# or a level word in lower case ("provinsi se-Sulawesi"); not a lower-case noun ("dewan", "ambulance"), a
# preposition ("dari Wiwek") or a bracket ("(Konjen)").
_LEVEL_IN_LOWER_CASE = re.compile(rf"^(?:{one_of(LEVEL_WORDS_ID)})\b")


def starts_as_a_name(name: str) -> bool:
    """Whether a party's name starts as a proper name does (see above); read from its first character."""
    return name[:1].isupper() or name[:1].isdigit() or _LEVEL_IN_LOWER_CASE.match(name) is not None


# English writes a region's name in English words ("West Java"), which the key reads as Indonesian ones.
ENGLISH_WORDS: dict[str, str] = _DATA["english_words"]
# The words of a name that say its level of government, not which region it is.
LEVEL_WORDS = frozenset([*GOVERNMENT_WORDS, *OF_THE, *_DATA["region_key_level_words"]]
                        + [level.abbreviation for level in LEVELS if level.abbreviation])
# Two thirds: "Bawaslu Lampung" and "DPRD Lampung" share their region, not their body.
SAME_THRESHOLD = 0.67
INDONESIA = "ID"  # the ISO 3166-1 code of the country whose regions are not foreign


@lru_cache(maxsize=16_384)  # asked for every pair of parties and of a party and an official's body: each name once
def region_key(name: str) -> frozenset[str]:
    """The words that identify a region or body, lower-cased, short forms of regions expanded (the gazetteer's
    `expand_region_word`), English words read as Indonesian ones and levels of government dropped: "Pemerintah
    Provinsi NTB" -> {"nusa", "tenggara", "barat"}, "West Java Province" -> {"jawa", "barat"}."""
    expanded: set[str] = set()
    for word in re.findall(r"\w+", matching_form(name)):
        lowered = word.lower()
        expanded.update((expand_region_word(word) or ENGLISH_WORDS.get(lowered, lowered)).split())
    return frozenset(t for t in expanded if t not in LEVEL_WORDS)


def same_region(a: str, b: str) -> bool:
    """Whether two names denote the same region or body: one's key words (`region_key`) contain the other's,
    or their Dice overlap is at least `SAME_THRESHOLD`. Symmetric; False when either has no key words."""
    ka, kb = region_key(a), region_key(b)
    if not ka or not kb:
        return False
    return ka <= kb or kb <= ka or dice(ka, kb) >= SAME_THRESHOLD


def same_party(a: str, b: str) -> bool:
    """The same region or body (`same_region`), with a region's DPRD kept apart from its government ("DPRD
    Lampung" / "Provinsi Lampung"): Indonesian regions act through both, often in the same visit."""
    return same_region(a, b) and ("dprd" in a.lower()) == ("dprd" in b.lower())


# Regions and their governments, which head a merged party before a body inside them.
_GOVERNMENT_KINDS = {level.kind for level in LEVELS} | {PartnerKind.foreign_government.value,
                                                        PartnerKind.foreign_city.value}
_LEVEL_NAME = re.compile(rf"\b(?:{one_of(LEVEL_WORDS_ID + LEVEL_WORDS_EN)})\b", re.IGNORECASE)


def heading_rank(name: str, kind: str) -> tuple[bool, bool, int]:
    """How well a name of one party heads what is said about it (higher is better): a government before a
    body inside it ("Provinsi DKI Jakarta" over "BUMD Jakarta"), a name with its level of government, then the
    longer name. `kind` is a `PartnerKind` value."""
    return kind in _GOVERNMENT_KINDS, _LEVEL_NAME.search(name) is not None, len(name)
