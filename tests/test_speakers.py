"""Who said each quote: speech cues, pronouns continuing a speaker, positions named alone, and the support a
model's answer needs, on made-up sentences and the seeds."""

from service.quotes import find_quotes, speaker_cue_names, speech_quotes
from service.speakers import attribute_quotes, last_named_before, official_by_position, speaker_by_position
from tests.conftest import seed_text


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


def test_a_pronoun_continues_the_official_named_last_before_the_quote():
    officials = ["Budi Hartono", "Rina Marlina"]
    text = ("Gubernur Budi Hartono menerima Wali Kota Rina Marlina.\n"
            "Menurut Rina, kotanya siap memasok sayur.\n"
            "“Kami siap,” ujarnya.\n")
    assert last_named_before(text, text.index("“Kami"), officials) == "Rina Marlina"
    # A name inside an earlier quotation is not the text speaking of that person.
    quoted = "Budi Hartono datang.\n“Saya bertemu Rina Marlina kemarin,” katanya.\n“Lanjut,” ujarnya.\n"
    assert last_named_before(quoted, quoted.rindex("“Lanjut"), officials) == "Budi Hartono"
    assert last_named_before("“Halo,” katanya.\n", 0, officials) is None


def test_a_cue_naming_a_position_alone_gives_the_one_official_who_holds_it():
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
    offices = [("Edy Natar Nasution", "Wakil Gubernur Provinsi Riau")]
    assert official_by_position("Gubernur", offices) is None
    assert official_by_position("Wagub", offices) == "Edy Natar Nasution"
