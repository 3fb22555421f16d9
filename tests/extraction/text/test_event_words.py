"""Event words: what an article names as happened, by kind, and never in a sentence that reports a plan."""

import pytest

from service.extraction.text.event_words import event_words, sentences, stated_kind


@pytest.mark.parametrize("sentence, kind", [
    ("Bupati Sleman dan Wali Kota Batu menandatangani nota kesepahaman di Batu.", "signing"),
    ("The two governors signed a letter of intent on trade.", "signing"),
    ("Rombongan DPRD Kabupaten Bima melakukan studi banding ke DPRD Kota Malang.", "study_visit"),
    ("Pemkab Asahan menggelar kaji banding ke Kota Pekalongan.", "study_visit"),
    ("Wakil Bupati Sambas beraudiensi dengan Gubernur Kalbar.", "courtesy_call"),
    ("The consul paid a courtesy call on the governor.", "courtesy_call"),
    ("Kedua daerah menjajaki kerja sama di bidang pertanian.", "exploration"),
    ("Gubernur Riau melakukan kunjungan kerja ke Provinsi Jambi.", "working_visit"),
    ("Wali Kota Tegal menerima rombongan Pemkab Brebes.", "working_visit"),
    ("The mayor visited Darwin last week.", "working_visit"),
    ("Kepala daerah se-Kalimantan menggelar rapat koordinasi di Balikpapan.", "meeting"),
    ("The ministers met in Jakarta.", "meeting"),
])
def test_each_kind_by_its_words(sentence, kind):
    assert stated_kind(event_words(sentence)) == kind


def test_the_first_rule_that_applies_wins():
    # A working visit at which an agreement is signed is a signing (the guide's rule 1 before rule 5).
    text = "Bupati Gowa melakukan kunjungan kerja ke Kota Palu. Keduanya menandatangani MoU pariwisata."
    assert stated_kind(event_words(text)) == "signing"


@pytest.mark.parametrize("plan", [
    "Gubernur Jambi akan berkunjung ke Riau pekan depan.",
    "Penandatanganan MoU dijadwalkan pada Desember.",
    "The mayor will visit Perth in May.",
])
def test_a_plan_is_no_event(plan):
    assert event_words(plan) == []


def test_words_are_found_where_they_stand():
    text = "Judul\n\nWali Kota Solo berkunjung ke Medan."
    (word,) = event_words(text)
    assert text[word.start:word.end] == "berkunjung"
    assert text[slice(*word.sentence)] == "Wali Kota Solo berkunjung ke Medan."


def test_sentences_split_at_stops_and_line_breaks_and_skip_blank_ones():
    text = "Satu dua. Tiga!\n\nEmpat"
    assert [text[a:b] for a, b in sentences(text)] == ["Satu dua.", "Tiga!", "Empat"]
