"""Quotes: found between quotation marks of every style, and attributed by the speech cues of news writing."""

import pytest

from service.extraction.text.quotes import find_quotes, names_something, speaker_cue_names, speech_quotes
from tests.conftest import seed_text


def texts(text):
    return [q.text for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Ia berkata "kami siap," kata Budi.', ["kami siap,"]),
        ("“Kami siap bekerja sama,” ujar Budi.", ["Kami siap bekerja sama,"]),
        ("‘Kami siap,’ katanya.", ["Kami siap,"]),
        ("«Nous sommes prêts», dit-il.", ["Nous sommes prêts"]),
        ('Mixed “marks" close each other.', ["marks"]),
        ('"one" and "two" on one line', ["one", "two"]),
    ],
)
def test_quote_marks_of_every_kind(text, expected):
    assert texts(text) == expected


def test_offsets_point_at_the_text_between_the_marks():
    text = 'Awal.\n"Kerja sama ini penting," ujar Jihan.\nAkhir "lagi".'
    for q in find_quotes(text):
        assert text[q.start : q.end] == q.text
        assert text[q.start - 1] in '"“‘«' and text[q.end] in '"”’»“'


def test_apostrophes_are_not_quotation_marks():
    assert texts("The governor’s visit to Jum’at prayers and Mas’ud’s office.") == []


def test_unclosed_quote_is_ignored_and_never_crosses_a_line():
    assert texts('"Tanpa penutup sampai akhir baris\nlalu kalimat lain."') == []


def test_a_second_curly_opening_restarts_an_unclosed_quote():
    assert texts("“tidak ditutup “ini kutipan,” katanya.") == ["ini kutipan,"]


def test_nested_single_quotes_belong_to_the_outer_quote():
    assert texts("“Ia bilang ‘siap’ kemarin,” ujarnya.") == ["Ia bilang ‘siap’ kemarin,"]


def test_seed_without_quotation_marks_has_no_quotes():
    assert find_quotes(seed_text("001")) == []


def test_teaser_without_opening_mark_is_not_a_separate_quote():
    quotes = texts(seed_text("000"))
    assert len(quotes) == 3
    assert quotes[1].startswith("Kunjungan ini menjadi momentum penting")



# Marks inside an open quote: a title in marks, or a quote within the quote, belongs to the outer quote.
@pytest.mark.parametrize("text, expected", [
    # The same straight marks for the title, and a German-style „…“ one, as Indonesian outlets mix them.
    ('"Program "Desa Cerdas" dan „Sekolah Hijau“ jalan terus," kata Budi.',
     ['Program "Desa Cerdas" dan „Sekolah Hijau“ jalan terus,']),
    # ‘…’ for a title inside “…”, the English and Indonesian convention.
    ("“Program ‘Desa Cerdas’ jalan terus,” ujar Budi.", ["Program ‘Desa Cerdas’ jalan terus,"]),
    ("“Kami dukung „Sekolah Hijau“ dan “Desa Cerdas” sampai tuntas,” ucap Budi.",
     ["Kami dukung „Sekolah Hijau“ dan “Desa Cerdas” sampai tuntas,"]),
    # A title right before the end: the comma stands between the two closing marks.
    ("“Kami mendukung “Desa Cerdas”,” kata Budi.", ["Kami mendukung “Desa Cerdas”,"]),
    # A quote within the quote, whose own sentence ends inside its mark, and the speaker goes on.
    ('"Warga bilang, "Kami siap." Lalu mereka pulang," kata Budi.',
     ['Warga bilang, "Kami siap." Lalu mereka pulang,']),
    ('"We back the "Smart Village" scheme," Budi said.', ['We back the "Smart Village" scheme,']),
])
def test_marks_nested_inside_a_quote_belong_to_it(text, expected):
    assert texts(text) == expected


def test_two_quotes_on_one_line_stay_two():
    assert texts('"Kami siap," kata Budi. "Besok dimulai," lanjutnya.') == ["Kami siap,", "Besok dimulai,"]
    assert texts("“Kami siap,” kata Budi. “Besok dimulai,” lanjutnya.") == ["Kami siap,", "Besok dimulai,"]


def test_quotes_closed_inside_a_mark_never_closed_stand_on_their_own():
    assert texts('Ia menyebut "sudah teruji. "Jakarta terbuka," ujar Budi.') == ["Jakarta terbuka,"]
    assert texts("“tidak ditutup “ini kutipan.” Lalu “Dua,” lanjutnya.") == ["ini kutipan.", "Dua,"]
    assert texts('Budi menyebut "program "Desa Cerdas" tanpa penutup') == ["Desa Cerdas"]


def test_speaker_cue_names_are_hints_from_the_text():
    text = seed_text("004")
    assert "Wakil Gubernur Lampung Jihan Nurlela" in speaker_cue_names(text, find_quotes(text))


def test_a_title_case_name_in_quotation_marks_or_a_quote_on_a_noise_line_is_not_speech():
    theme = "Meningkatkan Jejaring Konektivitas Antara Provinsi Jawa Timur Dan NTB"
    assert names_something(theme) and not names_something("Kami siap bekerja sama dengan Jawa Timur,")
    text = f"Misi dagang bertema “{theme}” dibuka.\nBaca juga: “Kami siap,” kata Budi.\n“Kami siap,” ujar Budi.\n"
    assert [q.text for q in find_quotes(text)] == [theme, "Kami siap,", "Kami siap,"]
    assert [(q.text, text[q.start : q.end]) for q in speech_quotes(text)] == [("Kami siap,", "Kami siap,")]
    assert speech_quotes(text)[0].start == text.rindex("Kami siap")


def test_marks_around_terms_names_attributions_and_pull_quotes_are_not_speech():
    from service.extraction.text.quotes import not_speech, speech_quotes

    text = ("Rombongan DPRD Kota Jambi melakukan ‘studi tiru’ ke Palembang, yang dijuluki \"kota seribu sungai\".\n"
            "Peserta program \"Jelajah Nusantara,\" yang digelar tiap tahun, datang dari 20 provinsi.\n"
            "\"Tutur Wali Kota\" menjadi judul rubrik di laman pemerintah kota.\n"
            "\"Kami siap bekerja sama dengan Palembang untuk pengelolaan sungai,\" kata Wali Kota Budi Hartono.\n"
            "\"Siap,\" kata Budi Hartono.\n"
            "\"Kami siap bekerja sama\"\n"
            "\"Sungai adalah halaman depan kota.\"\n")
    quotes = speech_quotes(text)
    dropped = {quotes[i].text for i in not_speech(text, quotes)}
    assert dropped == {"studi tiru", "kota seribu sungai", "Jelajah Nusantara,", "Tutur Wali Kota",
                       "Kami siap bekerja sama"}
    kept = {q.text for i, q in enumerate(quotes) if i not in not_speech(text, quotes)}
    assert "Siap," in kept and "Sungai adalah halaman depan kota." in kept
