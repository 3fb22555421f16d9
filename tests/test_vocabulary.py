"""The words of the domain, as data: loaded once, in the order the rules that read them rely on."""

import re

import pytest

from schemas.summary import PartnerKind
from schemas.taxonomy import SectorLabel
from service.vocabulary import (
    DATE_WORDS,
    HONORIFICS,
    LEVELS,
    NOT_NAME_WORDS,
    POSITION_WORDS,
    POSITIONS,
    ROMAN_NUMERAL,
    SECTOR_STEMS,
    SUMMARY_LANGUAGES,
    WORDS_AFTER_A_NAME,
    WORDS_NEVER_IN_A_NAME,
    is_title_case,
    label_for_phrase,
    labels,
    language_name,
    load_data,
    one_of,
    sector_name,
)


def starts_another_before_it(words: list[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) where the earlier entry is the later one's first word or words: an alternation
    would stop at the earlier one."""
    return [(a, b) for i, a in enumerate(words) for b in words[i + 1:]
            if b.startswith(a) and b[len(a)] in " .'"]


@pytest.mark.parametrize("words", [POSITIONS, HONORIFICS["titles"], HONORIFICS["military_corps"],
                                   load_data("partners")["visits"], load_data("partners")["meeting_words"]])
def test_a_phrase_comes_before_a_shorter_one_it_starts_with(words):
    assert starts_another_before_it(list(words)) == []


def test_every_list_is_in_lower_case_without_repeats_unless_it_says_otherwise():
    for name in ("vocabulary", "partners"):
        data = load_data(name)
        assert all(key.startswith("_") or f"_{key}" in data for key in data), name  # each list says what it is
    words = load_data("vocabulary")
    for key in ("days", "positions", "acting", "function_words", "words_after_a_name", "sentence_openers",
                "demonstratives", "cooperation_words", "field_list_ends", "english_office_words", "ordinal_suffixes",
                "before_a_country", "capacity_words", "given_name_endings", "words_of_any_goal"):
        assert words[key] == [w.lower() for w in words[key]] and len(set(words[key])) == len(words[key]), key
    for group in ("page_noise", "steering", "common_words", "memo_check", "pronouns", "conjunctions",
                  "place_prepositions", "deputies", "connectives_in_a_name"):
        for key, entries in words[group].items():
            assert entries == [w.lower() for w in entries] and len(set(entries)) == len(entries), (group, key)
    partners = load_data("partners")
    for key in ("provinces", "countries", "venues", "bodies", "visits", "not_places", "meeting_words"):
        entries = partners[key]
        assert entries == [w.lower() for w in entries] and len(set(entries)) == len(entries), key
    assert len({" ".join(p.split()[-2:]) if p.startswith("kepulauan bangka") else p
                for p in partners["provinces"]}) == 38  # Bangka Belitung is also written without "Kepulauan"


def test_the_levels_of_government():
    assert [(level.kind, level.id, level.en, level.government, level.party_prefix) for level in LEVELS] == [
        ("province", "provinsi", "province", "pemprov", "Provinsi"),
        ("regency", "kabupaten", "regency", "pemkab", "Kabupaten"),
        ("city", "kota", "city", "pemkot", "Kota")]
    assert all(PartnerKind(level.kind) for level in LEVELS)


def test_words_never_in_a_name_and_words_that_end_one():
    assert {"selasa", "desember", "provinsi", "pemkab", "kab", "gubernur", "bawaslu", "lampung"} <= NOT_NAME_WORDS
    assert DATE_WORDS <= NOT_NAME_WORDS
    assert {"senin", "kota", "ketua", "dan", "kata"} <= WORDS_AFTER_A_NAME
    assert "lampung" not in WORDS_AFTER_A_NAME and "kata" not in NOT_NAME_WORDS


def test_one_of_matches_each_word_with_any_spaces_or_one_space():
    pattern = re.compile(rf"(?:{one_of(['wali kota', 'pj.', '(pj)'])})$")
    assert all(pattern.match(s) for s in ("wali kota", "wali  kota", "pj.", "(pj)")) and not pattern.match("pjx")
    assert not re.match(rf"(?:{one_of(['rumah dinas'], space=re.escape(' '))})$", "rumah\tdinas")


@pytest.mark.parametrize("capitalised, total, headline, theme, visit_line", [
    (3, 5, False, False, False),  # 60%: not more than 60%
    (4, 5, True, True, True),
    (7, 10, True, True, False),  # 70%: a theme has at least 70%, a visit's line more than 70%
    (3, 3, True, False, False),  # three words: a headline, too short for a theme or a visit's line
    (21, 21, False, True, True),  # more than 20 words is no headline
])
def test_title_case_by_share_and_length(capitalised, total, headline, theme, visit_line):
    words = ["Kata"] * capitalised + ["kata"] * (total - capitalised)
    assert is_title_case(words, share=0.6, min_words=3, max_words=20) is headline
    assert is_title_case(words, share=0.7, min_words=4, inclusive=True) is theme
    assert is_title_case(words, share=0.7, min_words=4) is visit_line


def test_labels_and_names_fall_back_to_english():
    assert SUMMARY_LANGUAGES == ("id", "en")
    assert language_name("id") == "Indonesian (Bahasa Indonesia)" and language_name("fr") == "English"
    assert labels("memo", "id")["summary"] == "Ringkasan eksekutif" and labels("memo", "fr") == labels("memo", "en")
    assert labels("summary", "id")["none"] == "tidak ada"
    assert set(labels("summary", "en")) == set(labels("summary", "id"))
    assert set(labels("memo", "en")) == set(labels("memo", "id"))
    assert sector_name(SectorLabel.health, "id") == "Kesehatan" and sector_name(SectorLabel.health, "fr") == "Health"


def test_a_positions_words_are_never_in_a_name():
    assert {"gubernur", "wakil", "kepala", "konsul", "kapolda", "pangdam", "sekda", "pj", "regent", "deputy",
            "adviser"} <= POSITION_WORDS
    assert POSITION_WORDS <= WORDS_NEVER_IN_A_NAME
    assert POSITION_WORDS <= NOT_NAME_WORDS
    # Places, months and parties are in names ("Timur Pradopo", "Juni", the surname "Pan"), so never only there.
    assert not {"timur", "juni", "pan", "jakarta"} & WORDS_NEVER_IN_A_NAME


def test_every_generated_data_file_says_where_it_comes_from():
    for name in ("regions", "countries", "foreign_cities"):
        data = load_data(name)
        assert data["_source"] and "docs/make_gazetteer.py" in data["_about"], name
    assert len(load_data("countries")["countries"]) >= 249


@pytest.mark.parametrize("subset, words", [
    (("page_noise", "credit_labels_above_a_name"), ("page_noise", "credit_labels")),
    (("speech_verbs", "opening_an_attribution"), ("speech_verbs", "after_quote_id")),
    (("pronouns", "subject_en"), ("pronouns", "speaker")),
    (("conjunctions", "after_a_comma"), ("conjunctions", "list")),
    (("connectives_in_a_name", "joiners"), ("connectives_in_a_name", "all")),
])
def test_a_named_subset_is_part_of_its_list(subset, words):
    data = load_data("vocabulary")
    assert set(data[subset[0]][subset[1]]) < set(data[words[0]][words[1]])


def test_roman_numerals_end_a_rulers_name_in_capitals_only():
    assert all(ROMAN_NUMERAL.match(n) for n in ("I", "II", "IV", "IX", "X", "XIV", "XXXIX", "LXXXIX"))
    assert not any(ROMAN_NUMERAL.match(n) for n in ("", "ii", "IIII", "VX", "C", "MIX", "Ika"))


def test_the_sector_stems_cover_every_label_in_their_order():
    assert [label for label, _ in SECTOR_STEMS][:2] == [SectorLabel.smes_cooperatives,
                                                        SectorLabel.digital_government_ict]
    assert {label for label, _ in SECTOR_STEMS} == set(SectorLabel) - {SectorLabel.other}
    assert all(stem == stem.lower() and stem.strip() for _, stems in SECTOR_STEMS for stem in stems)


@pytest.mark.parametrize("phrase, label", [
    ("ekonomi kreatif", SectorLabel.smes_cooperatives),  # an earlier label's stem wins over "ekonomi" (trade)
    ("Pengembangan UMKM", SectorLabel.smes_cooperatives),
    ("agro-wisata", SectorLabel.tourism_culture),  # after a hyphen
    ("(pariwisata)", SectorLabel.tourism_culture),  # after a bracket
    ("big data analytics", SectorLabel.digital_government_ict),  # "data " as a word
    ("database", SectorLabel.other),
    ("mentoring", SectorLabel.other),  # no stem inside a word ("tor")
])
def test_a_phrase_maps_to_the_first_label_whose_stem_starts_one_of_its_words(phrase, label):
    assert label_for_phrase(phrase) == label
