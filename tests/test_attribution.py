from service.attribution import attribute_quotes, speaker_cue_names
from service.grounding import find_quotes
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
