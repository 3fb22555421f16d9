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
    ("Wali Kota Batu menawarkan aplikasi layanan publiknya kepada Pemkab Malang.", "exploration"),
    ("Keduanya membahas peluang kerja sama perikanan.", "exploration"),
    ("Rombongan DPRD Kabupaten Bima datang untuk mempelajari pengelolaan sampah di Kota Malang.", "study_visit"),
    ("DPRD Kota Tegal melakukan studi komparasi ke DPRD Kota Bogor.", "study_visit"),
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
    "Nota kesepahaman itu bakal ditandatangani kedua wali kota.",
    "Baca juga: Gubernur Jambi menandatangani MoU dengan Riau",
])
def test_a_plan_or_a_link_to_another_article_is_no_event(plan):
    assert event_words(plan) == []


def test_words_are_found_where_they_stand():
    text = "Judul\n\nWali Kota Solo berkunjung ke Medan."
    (word,) = event_words(text)
    assert text[word.start:word.end] == "berkunjung"
    assert text[slice(*word.sentence)] == "Wali Kota Solo berkunjung ke Medan."


def test_sentences_split_at_stops_and_line_breaks_and_skip_blank_ones():
    text = "Satu dua. Tiga!\n\nEmpat"
    assert [text[a:b] for a, b in sentences(text)] == ["Satu dua.", "Tiga!", "Empat"]


def test_a_stop_after_an_abbreviation_ends_no_sentence():
    # Titles, abbreviated given names and degree parts carry a stop inside a sentence.
    text = ("Asisten Drs. H. Sutarno, S.Sos. menerima kunjungan Wali Kota Moh. Ramli di Kota Batu. "
            "Keduanya membahas pariwisata.")
    assert [text[a:b] for a, b in sentences(text)] == [
        "Asisten Drs. H. Sutarno, S.Sos. menerima kunjungan Wali Kota Moh. Ramli di Kota Batu.",
        "Keduanya membahas pariwisata."]


def test_an_event_being_prepared_is_none_but_the_meeting_that_prepares_it_is():
    text = "Kedua pihak menggelar rapat persiapan penandatanganan MoU, Rabu. The meeting came ahead of the signing."
    assert [(w.text, w.kind) for w in event_words(text)] == [("rapat", "meeting"), ("meeting", "meeting")]


def test_a_verb_of_preparing_an_event_names_none_and_a_courtesy_call_received_is_one():
    text = "Kadin menggelar rapat koordinasi untuk menyukseskan penandatanganan MoU bulan depan."
    assert [(w.text, w.kind) for w in event_words(text)] == [("rapat koordinasi", "meeting")]
    # Receiving a courtesy call is a courtesy call, not the working visit "menerima kunjungan" alone names.
    text = "Gubernur Bali menerima kunjungan kehormatan Wakil Gubernur Jiangxi di Denpasar."
    assert [(w.text, w.kind) for w in event_words(text)] == [("menerima kunjungan kehormatan", "courtesy_call")]


def test_a_hope_tacked_onto_the_report_of_an_event_leaves_it_an_event():
    text = "Gubernur Jambi menandatangani MoU dengan Bupati Bungo, yang diharapkan meningkatkan ekonomi."
    assert [w.kind for w in event_words(text)] == ["signing"]


def test_a_degree_or_a_line_break_may_end_a_sentence():
    text = ("Acara dibuka Sekda, Drs. H. Ahmad, M.Kes. Dalam sambutannya ia menyambut tamu.\n"
            "Ditandatangani Samsung Co.\nTahun depan Samsung berencana membuka pabrik.")
    assert [text[a:b] for a, b in sentences(text)] == [
        "Acara dibuka Sekda, Drs. H. Ahmad, M.Kes.", "Dalam sambutannya ia menyambut tamu.",
        "Ditandatangani Samsung Co.", "Tahun depan Samsung berencana membuka pabrik."]
