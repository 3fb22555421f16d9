"""Officials: names without honorifics, nicknames, a name's fullest form, position mentions read off the text,
and the officials of a summary."""

import pytest

from service.grounding import find_all
from service.officials import (
    officials_from_mentions,
    paired_titles,
    position_mentions,
    split_position,
    starts_with_position,
)
from service.person_names import (
    find_name_spans,
    fullest_form,
    is_person_name,
    looks_like_name,
    names_match,
    strip_honorifics,
    without_leading_position,
)
from tests.conftest import seed_text
from tests.fakes import article_reply
from tests.test_pipeline import run


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



def test_honorifics_come_off_a_name_written_with_special_spaces():
    assert strip_honorifics(f"Dr.{NBSP}Hj{NNBSP}Nilam Sari{ZWSP} Lawira SP, MP") == "Nilam Sari Lawira"
    assert names_match("Budi Santoso", f"Budi Sant{ZWSP}oso")



def test_mentions_of_positions_in_seed_002():
    mentions = position_mentions(seed_text("002"))
    assert "Ketua Fraksi PKB Lampung, Fatikhatul Khoiriah" in mentions
    assert any("Rahmat Mirzani Djausal dan Jihan Nurlela" in m for m in mentions)


def test_officials_read_off_mentions():
    names = dict(officials_from_mentions(seed_text("002")))
    assert set(names) == {"Fatikhatul Khoiriah", "Rahmat Mirzani Djausal", "Jihan Nurlela"}


def test_titles_given_in_pairs_go_to_the_names_in_order():
    # Seed 002: "gubernur dan wakil gubernur terpilih, Rahmat Mirzani Djausal dan Jihan Nurlela".
    assert paired_titles(seed_text("002")) == {"Rahmat Mirzani Djausal": "gubernur terpilih",
                                               "Jihan Nurlela": "wakil gubernur terpilih"}
    assert paired_titles("Bupati dan Wakil Bupati Semarang, Ngesti Nugraha dan Basari, hadir.") == {
        "Ngesti Nugraha": "Bupati Semarang", "Basari": "Wakil Bupati Semarang"}
    assert paired_titles("Gubernur Lampung dan Banten bertemu.") == {}


def test_a_place_used_elsewhere_is_not_part_of_the_name():
    text = ("Hal itu disampaikan oleh Wali Kota Vanimo Jerry Kina dalam suatu pertemuan di kota itu. "
            "Menurut dia, warga di Vanimo akan senang dengan rencana kerja sama yang sedang dibahas.")
    assert officials_from_mentions(text) == [("Jerry Kina", "Wali Kota Vanimo")]


def test_days_and_titles_alone_are_not_officials():
    assert officials_from_mentions("Gubernur Lampung, Selasa, membuka acara.") == []


def test_split_position():
    assert split_position("Ketua DPRD Lampung") == ("Ketua", "DPRD Lampung")
    assert split_position("Penjabat Gubernur Gorontalo") == ("Penjabat Gubernur", "Gorontalo")
    assert split_position("Chairman") == ("Chairman", "")


def test_a_mention_runs_over_invisible_characters_and_special_spaces_in_the_name():
    text = ("Pasar desa yang baru itu dibuka oleh Bupati Lampung\u00a0Timur Budi Sant\u200boso pada pagi hari, "
            "didampingi Wakil\u202fBupati Hendra\u00adwan dan para kepala dinas.")
    assert officials_from_mentions(text) == [("Budi Santoso", "Bupati Lampung Timur"), ("Hendrawan", "Wakil Bupati")]


def test_position_in_the_name_is_repaired_by_code():
    text = seed_text("000")
    summary, _ = run(text, article_reply(officials=[("Ketua DPRD Lampung Mingrum Gumay", "Ketua", "DPRD")]))
    assert [o.name for o in summary.officials] == ["Mingrum Gumay"]
    assert summary.officials[0].title == "Ketua"


@pytest.mark.parametrize("name, verdict", [
    ("Mingrum Gumay", True), ("Selasa", False), ("Bawaslu Lampung", False), ("Gubernur Banten", False),
    ("Gu\u200bbernur", False), ("2024", False), ("Rahmat Lampung", True),
])
def test_a_name_is_not_only_positions_bodies_places_or_dates(name, verdict):
    assert looks_like_name(name) is verdict


def test_positions_before_a_name_are_positions_not_the_name():
    assert without_leading_position("Ketua DPRD Lampung Mingrum Gumay") == "Mingrum Gumay"
    assert starts_with_position("Pj. Gubernur Gorontalo") and starts_with_position("Wali  Kota Bandung")
    assert not starts_with_position("Provinsi Banten")


@pytest.mark.parametrize("phrase", [
    "Konsul Jenderal", "Kepala Biro", "Sekda", "Kapolda",  # positions alone
    "Hubungan Antar Lembaga (HAL", "Hadi Susanto)", "Budi/Santoso", "Budi Santoso 2",  # left-over characters
    "Dinas Pariwisata", "Usaha Mikro", "Nomor", "Pembangunan Daerah", "Economic Adviser", "Foreign Affairs",
    "Pati", "Rembang", "Sumatra", "Jawa Tengah", "Tiongkok", "Kuala Lumpur", "Selatan",  # places
    "Boyolali Hendra Wijaya", "Kabupaten Boyolali Hendra",  # a region glued to a name
    "Budi Santoso SH MSi", "Budi Santoso, S.H.", "Ratna Dewi SPd",  # degrees left on
    "II", "IV Jawa", "HAL", "DPRD", "Bapak", "Maret", "Selasa", "", "   ",
    "Hendra mengatakan",  # a lower-case word that is no name particle
])
def test_what_is_not_a_clean_persons_name(phrase):
    assert not is_person_name(phrase)


@pytest.mark.parametrize("phrase", [
    "Sukarno", "Hendrawan",  # one word
    "Ahmad bin Abdullah", "Siti Aminah binti Ali",  # bin, binti
    "Lim Swie Hong", "Kwee Tiam Hong", "Basuki Tjahaja Purnama",  # Chinese-Indonesian
    "I Wayan Sudarma", "Ni Made Sri Dewi", "I Gusti Ayu Ketut Rai",  # Balinese
    "Togar Simanjuntak", "Rudi Perangin-angin", "Dame Ketaren",  # Batak marga
    "Teuku Umar", "Cut Nyak Dhien",  # Acehnese titles that are part of the name
    "Indah Sari", "Bintang Puspa", "Timur Pradopo", "Raja Juli Antoni", "Budi Karya Sumadi",  # common words
    "Bima Arya Sugiarto",  # starts with a region's name that is also a given name
    "Hamengku Buwono X", "Paku Alam IX",  # regnal numbers
    "Ma'ruf Amin", "A.R. Baswedan", "Abdullah al-Hasan", "Dr. Hj Nilam Sari Lawira", "BUDI SANTOSO",
    "Hermawan Kertawan", "Gus Ipul",
])
def test_ordinary_names_are_persons_names(phrase):
    assert is_person_name(phrase)


def test_degrees_without_dots_come_off_a_name():
    assert strip_honorifics("Budi Santoso SH MSi") == "Budi Santoso"
    assert strip_honorifics("Ratna Dewi SPd") == "Ratna Dewi" and strip_honorifics("Sri Mulyani") == "Sri Mulyani"


def test_a_models_official_that_is_no_person_is_dropped_and_a_region_before_a_name_is_cut():
    text = ("Bupati Boyolali Hendra Wijaya menerima Konsul Jenderal dan Kepala Biro Hubungan Antar Lembaga (HAL) "
            "Pemprov Jateng. Menurut Hendra Wijaya, kerja sama akan diperluas ke Rembang.\n")
    reply = article_reply(officials=[("Boyolali Hendra Wijaya", "Bupati", "Kabupaten Boyolali"),
                                     ("Konsul Jenderal", "Konsul Jenderal", ""),
                                     ("Hubungan Antar Lembaga (HAL", "", ""), ("Rembang", "", "")])
    summary, _ = run(text, reply)
    assert [o.name for o in summary.officials] == ["Hendra Wijaya"]
    # The model's three, and "Jenderal", which the mention "Konsul Jenderal dan Kepala Biro" leaves as a name.
    assert sum("not a person's name" in w for w in summary.warnings) == 4


def test_navy_air_force_and_junior_police_ranks_come_off_a_name():
    assert strip_honorifics("Laksda TNI Budi Santoso") == "Budi Santoso"
    assert strip_honorifics("Marsdya TNI (Purn) Agus Wibowo") == "Agus Wibowo"
    assert strip_honorifics("Iptu Hendra Wijaya") == "Hendra Wijaya" and is_person_name("Iptu Hendra Wijaya")
