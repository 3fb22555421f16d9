"""Quotes: found between quotation marks of every style, and attributed by the speech cues of news writing."""

import pytest

from service.quotes import attribute_quotes, find_quotes, names_something, speaker_cue_names, speech_quotes
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


def speakers(text, officials):
    return [(a.speaker, a.method) for a in attribute_quotes(text, find_quotes(text), officials)]


def test_seed_002_both_quotes_are_fatikhatul_khoiriah():
    officials = ["Fatikhatul Khoiriah", "Rahmat Mirzani Djausal", "Jihan Nurlela"]
    assert speakers(seed_text("002"), officials) == [
        ("Fatikhatul Khoiriah", "cue"),  # "kata Fatikhatul Khoiriah"
        ("Fatikhatul Khoiriah", "previous"),  # "tegasnya", with two other officials named in between
    ]


def test_seed_003_nicknames_and_pronouns():
    result = speakers(seed_text("003"), ["Pramono Anung", "Andra Soni"])
    assert [s for s, _ in result] == ["Pramono Anung"] * 4 + ["Andra Soni"] * 3
    assert result[0][1] == "cue" and result[4][1] == "cue"


def test_name_before_the_quote_and_english_order():
    text = 'Budi Santoso mengatakan, "Kami siap."\n"We are ready," Jerry Kina said.'
    assert speakers(text, ["Budi Santoso", "Jerry Kina"]) == [("Budi Santoso", "cue"), ("Jerry Kina", "cue")]


def test_pronoun_far_from_any_speaker_stays_open():
    text = '"Satu," kata Budi.\n\nA.\n\nB.\n\nC.\n\nD.\n"Dua," katanya.'
    assert speakers(text, ["Budi"]) == [("Budi", "cue"), (None, "none")]


def test_cue_naming_nobody_among_officials_stays_open():
    assert speakers('"Halo," kata Warga Setempat.', ["Budi Santoso"]) == [(None, "none")]


def test_speaker_cue_names_are_hints_from_the_text():
    text = seed_text("004")
    assert "Wakil Gubernur Lampung Jihan Nurlela" in speaker_cue_names(text, find_quotes(text))


def test_a_cue_with_a_no_break_space_or_an_invisible_character_in_the_name_names_the_speaker():
    text = "“Kami siap,” kata\u00a0Budi Sant\u200boso.\n“Pasar dibuka besok,” ujar Jose\u0301\u202fRizal.\n"
    assert speakers(text, ["Budi Santoso", "José Rizal"]) == [("Budi Santoso", "cue"), ("José Rizal", "cue")]
    assert speaker_cue_names(text, find_quotes(text)) == ["Budi Santoso", "José Rizal"]


def test_a_quote_with_titles_in_marks_inside_is_one_quote_of_its_speaker():
    text = ('Bupati Budi Santoso meninjau sekolah.\n'
            '"Program "Desa Cerdas" dan „Sekolah Hijau“ jalan terus," kata Budi.\n'
            '“Kami juga menyiapkan ‘Kelas Digital’ tahun depan,” ujarnya.\n')
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ['Program "Desa Cerdas" dan „Sekolah Hijau“ jalan terus,',
                                        "Kami juga menyiapkan ‘Kelas Digital’ tahun depan,"]
    assert speakers(text, ["Budi Santoso"]) == [("Budi Santoso", "cue"), ("Budi Santoso", "previous")]


def test_two_quotes_on_one_line_keep_their_own_cues():
    text = '"Kami siap," kata Budi Santoso. "Kami juga," ujar Andi Wijaya. "Besok dimulai," lanjutnya.'
    assert speakers(text, ["Budi Santoso", "Andi Wijaya"]) == [
        ("Budi Santoso", "cue"), ("Andi Wijaya", "cue"), ("Andi Wijaya", "previous")]


def test_a_title_case_name_in_quotation_marks_or_a_quote_on_a_noise_line_is_not_speech():
    theme = "Meningkatkan Jejaring Konektivitas Antara Provinsi Jawa Timur Dan NTB"
    assert names_something(theme) and not names_something("Kami siap bekerja sama dengan Jawa Timur,")
    text = f"Misi dagang bertema “{theme}” dibuka.\nBaca juga: “Kami siap,” kata Budi.\n“Kami siap,” ujar Budi.\n"
    assert [q.text for q in find_quotes(text)] == [theme, "Kami siap,", "Kami siap,"]
    assert [(q.text, text[q.start : q.end]) for q in speech_quotes(text)] == [("Kami siap,", "Kami siap,")]
    assert speech_quotes(text)[0].start == text.rindex("Kami siap")


def test_a_pronoun_continues_the_official_named_last_before_the_quote():
    from service.quotes import last_named_before

    officials = ["Budi Hartono", "Rina Marlina"]
    text = ("Gubernur Budi Hartono menerima Wali Kota Rina Marlina.\n"
            "Menurut Rina, kotanya siap memasok sayur.\n"
            "“Kami siap,” ujarnya.\n")
    assert last_named_before(text, text.index("“Kami"), officials) == "Rina Marlina"
    # A name inside an earlier quotation is not the text speaking of that person.
    quoted = "Budi Hartono datang.\n“Saya bertemu Rina Marlina kemarin,” katanya.\n“Lanjut,” ujarnya.\n"
    assert last_named_before(quoted, quoted.rindex("“Lanjut"), officials) == "Budi Hartono"
    assert last_named_before("“Halo,” katanya.\n", 0, officials) is None


def test_marks_around_terms_names_attributions_and_pull_quotes_are_not_speech():
    from service.quotes import not_speech, speech_quotes

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


def test_a_cue_naming_a_position_alone_gives_the_one_official_who_holds_it():
    from service.quotes import speaker_by_position, speech_quotes

    offices = [("Syamsuar", "Gubernur Provinsi Riau"), ("Rina Marlina", "Wali Kota Kota Pekanbaru"),
               ("Hadi Susanto", "Wali Kota Kota Dumai"), ("Takeshi Ono", "Konsul Jenderal Jepang di Medan")]
    text = ("“Riau siap membuka jalur dagang baru,” kata Gubernur.\n"
            "“Pelabuhan kami siap,” ujar Wali Kota Dumai itu.\n"
            "“Kami akan membantu promosi,” ujar Konjen.\n"
            "“Jalan tol segera rampung,” ujar Gubri.\n"
            "“Pasar kami terbuka,” kata Wali Kota.\n"
            "“Trade will grow,” the governor said.\n"
            "“Kami setuju,” kata Budi.\n")
    speakers = [speaker_by_position(text, q, offices) for q in speech_quotes(text)]
    # Two mayors: "Wali Kota" alone names neither; a name is not a position.
    assert speakers == ["Syamsuar", "Hadi Susanto", "Takeshi Ono", "Syamsuar", None, "Syamsuar", None]


def test_a_deputy_is_not_the_position_it_deputises():
    from service.quotes import official_by_position

    offices = [("Edy Natar Nasution", "Wakil Gubernur Provinsi Riau")]
    assert official_by_position("Gubernur", offices) is None
    assert official_by_position("Wagub", offices) == "Edy Natar Nasution"
