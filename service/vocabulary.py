"""The words of regional-government news that Ringkas reads, and the words it shows.

The lists live in `service/data/vocabulary.json`, `service/data/sectors.json` and `service/data/labels.json`, each
with a note on the convention of Indonesian or English news writing it records, and are read once, here: days and
months, the levels of government, positions, honorifics and degrees, the words that are never part of a person's
name (or that end one), function words, speech verbs and the pronouns of speech cues, the words around lists,
places and purposes, the words of a page that are not its reporting; the stems that place a phrase in the sector
taxonomy; then the labels a reader sees, by language. The one Title-Case test and the Roman numeral pattern live
here too. The code that reads text builds its patterns from these lists (`one_of`) and says why; no other module
spells an alternation of the domain's words (tests/test_words_once.py).
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, get_args

from schemas.summary import SummaryLanguage
from schemas.taxonomy import SECTOR_NAMES, SectorLabel

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """The data file `service/data/<name>.json`, read once.

    Raises FileNotFoundError for a name with no file and ValueError for a file that is not JSON.
    """
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def one_of(words: Iterable[str], *, space: str = r"\s+") -> str:
    """A regular-expression alternation of `words`, in their order, each matched literally but for the spaces
    inside it, which match `space` (by default any run of whitespace; pass `re.escape(" ")` for one space).

    Alternatives are tried in order, so a list puts a phrase before a shorter one it starts with ("wakil
    gubernur" before "gubernur").
    """
    return "|".join(re.escape(word).replace(re.escape(" "), space) for word in words)


_WORDS = load_data("vocabulary")

DAY_NAMES = frozenset(_WORDS["days"])
MONTHS: dict[str, int] = dict(_WORDS["months"])
DATE_WORDS = DAY_NAMES | MONTHS.keys()


@dataclass(frozen=True)
class Level:
    """A level of regional government: "provinsi"/"province", governed by a "pemprov" headed by a "gubernur"."""

    kind: str  # the `PartnerKind` value of a region at this level
    id: str  # the level's word in Indonesian, lower case
    en: str  # and in English
    government: str  # the short name of its government: "pemprov"
    abbreviation: str | None  # the level's abbreviation, without its dot: "kab"
    heads_id: tuple[str, ...]  # the title of the head of its government, in Indonesian
    heads_en: tuple[str, ...]  # and in English
    party_prefix: str  # how a region at this level is named as a party: "Provinsi Lampung"


LEVELS = tuple(
    Level(level["kind"], level["id"], level["en"], level["government"], level["abbreviation"],
          tuple(level["heads"]["id"]), tuple(level["heads"]["en"]), level["party_prefix"])
    for level in _WORDS["levels_of_government"]
)
PROVINCE, REGENCY, CITY = LEVELS
LEVEL_WORDS_ID = tuple(level.id for level in LEVELS)  # provinsi, kabupaten, kota
LEVEL_WORDS_EN = tuple(level.en for level in LEVELS)  # province, regency, city
GOVERNMENT_SHORT_NAMES = tuple(level.government for level in LEVELS)  # pemprov, pemkab, pemkot
GOVERNMENT: str = _WORDS["government"]  # "pemerintah"
REGIONAL_GOVERNMENT_WORDS = tuple(_WORDS["regional_government_words"])  # pemda, daerah, government
# Every word that names a government or its level, in the order a pattern tries them: "pemerintah", "pemprov",
# "pemda", "provinsi", "province", ...
GOVERNMENT_WORDS = (GOVERNMENT, *GOVERNMENT_SHORT_NAMES, *REGIONAL_GOVERNMENT_WORDS, *LEVEL_WORDS_ID, *LEVEL_WORDS_EN)

POSITIONS = tuple(_WORDS["positions"])
DEMONYMS_EN = tuple(_WORDS["demonyms_en"])  # Australian, Palestinian: before a foreign official's position
OFFICE_NOUNS_EN = tuple(_WORDS["office_nouns_en"])  # office, bureau: after a post's name, the body that holds it
# terpilih, yang baru: between a position's body and its holder's name ("Gubernur Jawa Barat terpilih Dedi Mulyadi")
POSITION_QUALIFIERS = tuple(tuple(q.split()) for q in _WORDS["position_qualifiers"])
ACTING = tuple(_WORDS["acting"])
# The words that make a phrase a position, never part of a person's name: a one-word position ("gubernur",
# "kapolda", "pj."), or the first word of a longer one ("wakil", "kepala", "duta", "deputy"), without its dot.
POSITION_WORDS = frozenset(position.split()[0].rstrip(".") for position in POSITIONS + ACTING if position[0].isalpha())
HONORIFICS: dict[str, list[str]] = _WORDS["honorifics"]
DEGREES = tuple(_WORDS["degrees"])

# Never part of a person's name: dates, the words of the levels of government, positions, and the listed
# bodies, words of institutions, parties, interjections and places.
NOT_NAME_WORDS = frozenset(
    DATE_WORDS | set(LEVEL_WORDS_ID) | set(LEVEL_WORDS_EN) | set(GOVERNMENT_SHORT_NAMES) | {GOVERNMENT}
    | POSITION_WORDS
    | {level.abbreviation for level in LEVELS if level.abbreviation}
    | {word for group, words in _WORDS["not_name_words"].items() if not group.startswith("_") for word in words}
)
# Words that make any phrase holding one something other than a person's name: positions, the words of the
# levels of government, days, and the listed bodies, words of institutions, news agency and interjections. Not
# places, months or parties: "Timur Pradopo", "Juni" and the surname "Pan" are names.
WORDS_NEVER_IN_A_NAME = frozenset(
    POSITION_WORDS | DAY_NAMES | set(LEVEL_WORDS_ID) | set(LEVEL_WORDS_EN) | set(GOVERNMENT_SHORT_NAMES)
    | {word for group in ("bodies", "institutions", "offices", "numerals", "news_agency", "interjections")
       for word in _WORDS["not_name_words"][group]}
)
BUILDING_NOUNS = frozenset(_WORDS["building_nouns"])  # kantor, rumah dinas: "Kantor Gubernur" is a building
LOWER_LEVEL_WORDS = tuple(_WORDS["lower_levels"])  # kecamatan, desa, prefektur: the word after one is a place
NOT_THE_HOLDER = tuple(_WORDS["not_the_holder"])  # istri, mantan, calon: "istri Gubernur" is not the governor
NAME_PARTICLES = frozenset(_WORDS["name_particles"])  # bin, binti, van, de: lower case inside a name
# Capitalised words that end a name when it is read on to the right: days, the Indonesian words of the levels
# of government, and the listed words that open what follows a name. Not NOT_NAME_WORDS: a region's name right
# after a person's is rare, and the longest form of a name is read over words that list would stop at.
WORDS_AFTER_A_NAME = frozenset(
    DAY_NAMES | set(LEVEL_WORDS_ID) | set(GOVERNMENT_SHORT_NAMES) | {GOVERNMENT} | set(_WORDS["words_after_a_name"])
)

FUNCTION_WORDS = frozenset(_WORDS["function_words"])

SPEECH_VERBS_AFTER_QUOTE_ID = tuple(_WORDS["speech_verbs"]["after_quote_id"])
SPEECH_VERBS_AFTER_QUOTE_EN = tuple(_WORDS["speech_verbs"]["after_quote_en"])
SPEECH_VERBS_BEFORE_QUOTE = tuple(_WORDS["speech_verbs"]["before_quote"])
# kata, ujar, tutur: at the start of a short quoted text ("Tutur Wali Kota"), an attribution rather than speech.
SPEECH_VERBS_OPENING_AN_ATTRIBUTION = tuple(_WORDS["speech_verbs"]["opening_an_attribution"])
SPEECH_VERBS_PASSIVE_ID = tuple(_WORDS["speech_verbs"]["passive_id"])  # disampaikan: its agent follows it
# Pronouns of speech cues, by use: "speaker" (ujarnya, kata dia, he said), "after_a_pronoun" (kata dia pula),
# "subject_en" (he, she, they) and "plural" (kata mereka: no one speaker).
PRONOUNS: dict[str, list[str]] = _WORDS["pronouns"]
SENTENCE_OPENERS = frozenset(_WORDS["sentence_openers"])  # menurut, sementara itu: before a sentence's subject
DEMONSTRATIVES = tuple(_WORDS["demonstratives"])  # itu, tersebut, ini: they close the noun phrase before them
# dan, serta, and: they join the last item of a list ("list"), only dan and "and" after its comma.
CONJUNCTIONS: dict[str, list[str]] = _WORDS["conjunctions"]
SECTOR_MARKERS = tuple(_WORDS["sector_markers"])  # bidang, sektor: the fields of a cooperation are listed after one
COOPERATION_WORDS = tuple(_WORDS["cooperation_words"])  # kerja sama, MoU: a list of fields follows one
FIELD_LIST_ENDS = tuple(_WORDS["field_list_ends"])  # yang, untuk, which: they open a clause after a list of fields
# How news states what a visit or agreement is for: markers, verbs, words that end the clause
# (service.extraction.goals).
GOAL_WORDS: dict[str, list[str]] = _WORDS["goal_words"]
# Who cooperates, not what about: with the words of a government (`ACTORS`), a sector phrase made only of these
# ("pemerintah daerah", "sektor swasta") names a party, not a field.
ACTORS = frozenset([*_WORDS["actor_words"], *GOVERNMENT_WORDS])
WORDS_OF_ANY_GOAL = frozenset(_WORDS["words_of_any_goal"])  # antara, kedua, lebih: two regions' goals share them
# The short or English form of a position -> the position written out ("wako" -> "wali kota"), longest first,
# so that a form that starts another ("wawako" / "wako") is tried first.
POSITION_SHORT_FORMS = dict(sorted(_WORDS["position_short_forms"].items(), key=lambda kv: -len(kv[0])))
DEPUTIES_ID = tuple(_WORDS["deputies"]["id"])  # wakil: "Wakil Bupati" is the regent's deputy
DEPUTIES_EN = tuple(_WORDS["deputies"]["en"])  # vice, deputy
CAPACITY_WORDS = frozenset(_WORDS["capacity_words"])  # selaku, sebagai, as: a position after its holder's name
# Words that join the parts of a body's name ("Aset dan Keuangan", "Head of the Office"), and of them those that
# join the words of one name, not a body and its place.
CONNECTIVES_IN_A_NAME = frozenset(_WORDS["connectives_in_a_name"]["all"])
JOINERS_IN_A_NAME = frozenset(_WORDS["connectives_in_a_name"]["joiners"])
# English office words a summary in English may use where an Indonesian article has Indonesian ones.
ENGLISH_OFFICE_WORDS = tuple(_WORDS["english_office_words"])
GIVEN_NAME_ENDINGS = tuple(_WORDS["given_name_endings"])  # -wan, -man, -yan: "Kertawan" is a name, no institution
ORDINAL_SUFFIXES = tuple(_WORDS["ordinal_suffixes"])  # st, nd, rd, th: "March 20th"
BEFORE_A_COUNTRY = tuple(_WORDS["before_a_country"])  # negara, government of, the: "Negara Qatar"
PLACE_PREPOSITIONS_ID = tuple(_WORDS["place_prepositions"]["id"])  # di, ke, dari: a place follows one
PLACE_PREPOSITIONS_EN = tuple(_WORDS["place_prepositions"]["en"])  # of, in, to, from
# A Roman numeral, I to XXXIX or L to LXXXIX, in capitals as news writes them: it ends the names of Javanese rulers
# ("Hamengku Buwono X", "Paku Alam X") and numbers bodies and ranks ("Komisi II"), and is no word of a name.
ROMAN_NUMERAL = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")

# The words of the lines of a news page that are not its reporting (related links, credit labels, the units of
# time stamps, share labels: service.intake.noise), and the names of its furniture (service.intake.html).
PAGE_NOISE: dict[str, list[str]] = _WORDS["page_noise"]
# The words of text that addresses the model instead of the reader, by part (service.intake.noise).
STEERING: dict[str, list[str]] = _WORDS["steering"]
# The commonest words of each language, by its code ("id", "en"): their share of a text tells the two apart.
COMMON_WORDS = {lang: frozenset(words) for lang, words in _WORDS["common_words"].items()}
# The words of cooperation itself, and the function words the memo's check counts all the same (service.memo).
MEMO_CHECK: dict[str, list[str]] = _WORDS["memo_check"]


def is_title_case(words: Sequence[str], *, share: float, min_words: int, max_words: int | None = None,
                  inclusive: bool = False) -> bool:
    """Whether `words` are set in Title Case, as headlines, event themes and programme names are in
    Indonesian and English news: at least `min_words` (and at most `max_words`) words, more than `share` of
    them capitalised (at least `share`, when `inclusive`). A word counts as capitalised when its first
    character is upper case.
    """
    if len(words) < min_words or (max_words is not None and len(words) > max_words):
        return False
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised / len(words) >= share if inclusive else capitalised > share * len(words)


_LABELS = load_data("labels")
# The languages a summary can be written in, as the contract declares them (`schemas.summary.SummaryLanguage`);
# `labels.json` names each of them.
SUMMARY_LANGUAGES: tuple[SummaryLanguage, ...] = get_args(SummaryLanguage)


def language_name(lang: str) -> str:
    """The English name of a summary language, as the model is asked to write in it ("Indonesian (Bahasa
    Indonesia)"); English for a language Ringkas does not write."""
    return _LABELS["languages"].get(lang, _LABELS["languages"]["en"])


def labels(table: str, lang: str) -> dict[str, str]:
    """The words a reader sees in `table` ("memo" headings, "summary" headings) in `lang`, English for a
    language without them. Raises KeyError for an unknown table."""
    words = _LABELS[table]
    return words.get(lang, words["en"])


def sector_name(label: SectorLabel, lang: str) -> str:
    """The readable name of a sector in `lang` ("Pariwisata dan budaya"), English for a language without one."""
    return SECTOR_NAMES[label][lang if lang in SUMMARY_LANGUAGES else "en"]


# Word stems (lower case, matched at the start of a word) that place an article's own wording in the sector
# taxonomy, by label (`service/data/sectors.json`). Order matters: the first label whose stem matches wins, so
# specific stems come first.
SECTOR_STEMS: tuple[tuple[SectorLabel, tuple[str, ...]], ...] = tuple(
    (SectorLabel(entry["label"]), tuple(entry["stems"])) for entry in load_data("sectors")["stems"]
)


def label_for_phrase(phrase: str) -> SectorLabel:
    """Map a sector phrase in the article's words to the taxonomy by its first matching stem (`SECTOR_STEMS`),
    `SectorLabel.other` when none matches."""
    text = " " + " ".join(phrase.lower().split()) + " "
    for label, stems in SECTOR_STEMS:
        for stem in stems:
            if (" " + stem) in text or ("-" + stem) in text or ("(" + stem) in text:
                return label
    return SectorLabel.other


# The words that name what happened between the parties, by event kind, in the annotation guide's order of rules
# (`../shared/ANNOTATION.md`, "events"): "menandatangani" (signing), "studi banding" (study_visit), ...
EVENT_WORDS: dict[str, tuple[str, ...]] = {kind: tuple(words) for kind, words in _WORDS["event_words"].items()}
UNIT_HEADS = tuple(_WORDS["unit_heads"])  # kepala, kabag: the name right after one is a unit's
ABBREVIATIONS = frozenset(_WORDS["abbreviations"])  # drs, moh, jl: a stop after one ends no sentence
PROSPECT_WORDS = tuple(_WORDS["prospect_words"])  # persiapan, menjelang: the event word after one names none
PLAN_WORDS = tuple(_WORDS["plan_words"])  # akan, dijadwalkan, will: a sentence with one reports a plan
NICKNAME_MARKERS = tuple(_WORDS["nickname_markers"])  # yang akrab disapa, popularly known as: a nickname follows
OFFICE_HOLDER_NOUNS = tuple(_WORDS["office_holder_nouns"])  # politisi, pejabat: words describing an office-holder
VENUE_PREPOSITIONS = tuple(_WORDS["venue_prepositions"])  # di, ke, at, in: where an event happened follows one
VENUE_NOUNS = tuple(_WORDS["venue_nouns"])  # ruang kerja, aula: a venue's proper name follows one
FIRST_PERSON = frozenset(_WORDS["first_person"])  # kami, kita, we: in a quotation, the speaker's own words
RECEPTION_WORDS = tuple(_WORDS["reception_words"])  # menerima kunjungan, welcomed: the host stands before one
DELEGATION_WORDS = frozenset(_WORDS["delegation_words"])  # rombongan, delegasi: the visitor is named next
NOT_AFTER_A_DELEGATION = frozenset(_WORDS["not_after_a_delegation"])  # ke, oleh: the party after is no delegation
LOCATION_PREPOSITIONS = tuple(_WORDS["location_prepositions"])  # di, ke, in, at: a place follows
VISITING_WORDS = tuple(_WORDS["visiting_words"])  # mengunjungi, diterima oleh: the visitor stands before one
