import pytest

from service.grounding import (
    align_phrase,
    find_all,
    find_name_spans,
    fullest_form,
    names_match,
    strip_honorifics,
)


@pytest.mark.parametrize(
    "raw, name",
    [
        ("Dr. Hj Nilam Sari Lawira SP, MP", "Nilam Sari Lawira"),
        ("Mayjen TNI (Purn) Yulius Selvanus", "Yulius Selvanus"),
        ("H Zulkieflimansyah", "Zulkieflimansyah"),
        ("Drs. H. Ahmad Yani, S.H., M.Si.", "Ahmad Yani"),
        ("Prof. Dr. Ir. Budi Santoso", "Budi Santoso"),
        ("Teuku Umar", "Teuku Umar"),
        ("Mingrum Gumay", "Mingrum Gumay"),
    ],
)
def test_strip_honorifics(raw, name):
    assert strip_honorifics(raw) == name


def test_find_all_matches_whole_words_across_whitespace():
    text = "Pramono  Anung bertemu Pramono Anungwibowo."
    assert find_all(text, "Pramono Anung") == [(0, 14)]


def test_names_match_nicknames_and_partial_names():
    assert names_match("Pramono", "Pramono Anung Wibowo")
    assert names_match("Khoir", "Fatikhatul Khoiriah")
    assert not names_match("Andra", "Pramono Anung")
    assert not names_match("", "Pramono")


def test_fullest_form_extends_over_name_words_but_not_headlines_or_days():
    text = ("Pramono Tawarkan Aplikasi JAKI untuk Banten\n"
            "Dalam pertemuan itu, Gubernur DKI Jakarta, Pramono Anung Wibowo, hadir dan menyampaikan sambutan.")
    assert fullest_form(text, "Pramono") == "Pramono Anung Wibowo"
    assert fullest_form("Andra Soni Senin datang.", "Andra Soni") == "Andra Soni"


def test_align_phrase_exact_and_fuzzy():
    text = "Kerja sama ini bertujuan memperkuat hubungan antarwilayah. Lain hal."
    assert align_phrase(text, "memperkuat hubungan antarwilayah") == (25, 57)
    start, end = align_phrase(text, "untuk memperkuat hubungan antarwilayah")
    assert text[start:end] == "memperkuat hubungan antarwilayah"
    assert align_phrase(text, "meningkatkan investasi asing") is None


# Scraped text carries invisible characters and special spaces inside names (see service.textnorm). Names
# and phrases are found as the model writes them, and their spans cover the article's own characters.
ZWSP, ZWJ, SHY, NBSP, NNBSP = "\u200b", "\u200d", "\u00ad", "\u00a0", "\u202f"


@pytest.mark.parametrize("written", [
    f"Budi Sant{ZWSP}oso", f"Budi Santo{ZWJ}so", f"Budi San{SHY}toso", f"Budi{NBSP}Santoso", f"Budi{NNBSP}Santoso",
    f"Budi{NBSP}Sant{ZWSP}oso",
])
def test_a_name_with_invisible_characters_or_special_spaces_is_found_whole(written):
    text = f"Bupati Lampung Timur {written} meresmikan pasar desa. Warga menyambut {written} di sana."
    for needle in ("Budi Santoso", written):  # as the model writes it, or copied with the characters
        spans = find_name_spans(text, needle)
        assert [text[s:e] for s, e in spans] == [written, written]
    assert find_all(text, "Budi Sant") == []  # the name is not cut at the invisible character
    assert fullest_form(text, "Budi") == "Budi Santoso"


def test_a_decomposed_letter_and_an_emoji_before_the_name_keep_spans_on_the_original_characters():
    written = "Jose\u0301 Rizal"  # e + combining acute (NFD)
    text = f"🎉🎉 Wali Kota {written} membuka festival."
    (start, end), = find_name_spans(text, "José Rizal")
    assert text[start:end] == written and (start, end) == (13, 24)  # two emoji are two code points
    assert find_name_spans(text, written) == [(start, end)]


def test_phrases_match_across_invisible_characters_and_special_spaces():
    text = f"Kerja sama ini bertujuan mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah di bidang pari{SHY}wisata."
    start, end = align_phrase(text, "memperkuat hubungan antarwilayah")
    assert text[start:end] == f"mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah"
    start, end = align_phrase(text, "untuk memperkuat hubungan antarwilayah")  # the fuzzy way too
    assert text[start:end] == f"mem{SHY}perkuat hubungan{NBSP}antar{ZWSP}wilayah"
    assert [text[s:e] for s, e in find_all(text, "pariwisata", ignore_case=True)] == [f"pari{SHY}wisata"]


def test_honorifics_come_off_a_name_written_with_special_spaces():
    assert strip_honorifics(f"Dr.{NBSP}Hj{NNBSP}Nilam Sari{ZWSP} Lawira SP, MP") == "Nilam Sari Lawira"
    assert names_match("Budi Santoso", f"Budi Sant{ZWSP}oso")
