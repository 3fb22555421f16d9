"""Who said each quote: speech cues, pronouns continuing a speaker, positions named alone, on made-up sentences and
the seeds."""

from service.extraction.speakers import (
    attribute_quotes,
    nicknames_of,
    official_by_position,
    speaker_by_nickname,
    speaker_by_position,
    speaker_by_subject_position,
)
from service.extraction.text.quotes import find_quotes, speaker_cue_names, speech_quotes
from service.intake.article import Article
from tests.conftest import seed_text


def speakers(text, officials):
    return [(a.speaker, a.method) for a in attribute_quotes(Article(text), find_quotes(text), officials)]


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


def test_a_pronoun_with_no_quote_before_it_goes_to_the_subject_of_the_sentences_before():
    text = ("Menurut Budi Hartono, Fraksi PKB mendukung program gubernur terpilih, Rina Marlina, di bidang UMKM.\n"
            "“Kami ingin UMKM maju,” tegasnya.\n")
    # Rina is named last, but after the verb: the object, not the subject the pronoun refers to.
    assert speakers(text, ["Budi Hartono", "Rina Marlina"]) == [("Budi Hartono", "mention")]


def test_a_new_subject_between_two_quotes_takes_the_pronoun_from_the_previous_speaker():
    text = ("“Pasar dibuka besok,” kata Budi Hartono.\n"
            "Sementara itu, Wali Kota Rina Marlina menyambut rencana itu.\n"
            "“Kami siap memasok sayur,” ujarnya.\n")
    assert speakers(text, ["Budi Hartono", "Rina Marlina"]) == [("Budi Hartono", "cue"), ("Rina Marlina", "mention")]


def test_an_english_pronoun_cue_continues_the_subject():
    text = ("Regent Budi Hartono welcomed the delegation.\n"
            "“We are ready to work together,” he expressed on Monday.\n"
            "“Trade will follow,” she said.\n")
    assert speakers(text, ["Budi Hartono"]) == [("Budi Hartono", "mention"), ("Budi Hartono", "previous")]


def test_initials_given_in_brackets_after_a_name_name_the_speaker_in_a_cue():
    text = ("Gubernur Sulawesi Tenggara, Andi Sulaiman (ASL), bersama Ketua DPRD La Ode Karim menandatangani nota.\n"
            "“Dokumen ini pedoman kita,” ujar Gubernur ASL.\n")
    assert speakers(text, ["Andi Sulaiman", "La Ode Karim"]) == [("Andi Sulaiman", "cue")]


def test_the_speaker_is_the_name_right_after_the_verb_not_a_companion_named_later():
    text = "“Semoga kerja sama ini menyejahterakan rakyat,” kata Budi didampingi Asisten Umum Andi Wijaya.\n"
    assert speakers(text, ["Budi Hartono", "Andi Wijaya"]) == [("Budi Hartono", "cue")]


def test_a_pronoun_never_reaches_back_over_more_than_two_paragraphs_to_a_subject():
    text = "Budi Hartono datang ke Medan.\n\nA.\n\nB.\n\nC.\n\n“Kami siap,” katanya.\n"
    assert speakers(text, ["Budi Hartono"]) == [(None, "none")]


def test_a_new_subject_after_a_sentence_end_or_an_opening_phrase_takes_the_pronoun():
    officials = ["Andi Sulaiman", "Rina Marlina"]
    for between in ("Rina Marlina menilai kerja sama itu penting.",                    # after a line break
                    "Dalam sambutannya, Wakil Gubernur Rina Marlina menilai hal itu.",  # a short opening phrase
                    "Hal senada disampaikan Ketua DPRD Rina Marlina."):                 # a passive speech verb
        text = f"“Kami siap,” kata Andi Sulaiman di Jambi.\n{between}\n“Kami juga siap,” ujarnya.\n"
        assert speakers(text, officials) == [("Andi Sulaiman", "cue"), ("Rina Marlina", "mention")], between


def test_a_noun_before_a_name_makes_it_no_subject():
    text = ("Kunjungan Wali Kota Bas Jansen disambut warga.\n"
            "“Kami berterima kasih atas kunjungan ini,” katanya.\n")
    assert speakers(text, ["Bas Jansen"]) == [(None, "none")]


def test_someone_who_is_no_official_or_several_people_end_the_previous_speakers_turn():
    text = ("“Pasar dibuka besok,” kata Andi Sulaiman.\n"
            "“Harga turun,” kata Siti Aminah, pedagang di pasar itu.\n"
            "“Kami senang,” ujarnya.\n"
            "“Kami juga,” kata mereka.\n")
    assert speakers(text, ["Andi Sulaiman"]) == [("Andi Sulaiman", "cue"), (None, "none"), (None, "none"),
                                                  (None, "none")]


def test_a_quote_with_no_cue_continues_the_speaker_only_when_it_opens_its_paragraph():
    text = ("“Pasar dibuka besok,” kata Andi Sulaiman.\n"
            "Dalam naskah itu disebutkan, “Para pihak sepakat bekerja sama.”\n"
            "“Kami akan mengawasi pelaksanaannya.”\n")
    assert speakers(text, ["Andi Sulaiman"]) == [("Andi Sulaiman", "cue"), (None, "none"),
                                                  ("Andi Sulaiman", "previous")]


def test_in_a_cue_the_person_next_to_the_verb_speaks_not_one_they_stand_in_for():
    officials = ["Andi Sulaiman", "Rina Marlina"]
    assert speakers("“Kami siap,” ujar Asisten II Budi Prasetyo mewakili Gubernur Andi Sulaiman.\n",
                    officials) == [(None, "none")]
    assert speakers("Didampingi Gubernur Andi Sulaiman, Ketua DPRD Rina Marlina mengatakan, “Kami siap.”\n",
                    officials) == [("Rina Marlina", "cue")]


def test_a_quote_says_how_its_speaker_was_found_with_one_of_the_documented_methods():
    import pytest
    from pydantic import ValidationError

    from schemas.summary import Quote

    assert Quote(text="Kami siap", speaker="Budi", start=1, end=10, attribution="cue").attribution == "cue"
    with pytest.raises(ValidationError):
        Quote(text="Kami siap", speaker="Budi", start=1, end=10, attribution="a guess")


# --- Nicknames and positions as the subject of a pronoun (applied after the model's follow-up) -----------------


def test_a_nickname_introduced_after_the_full_name_attributes_later_quotes():
    text = ('Gubernur Jawa Tengah Budi Santoso, yang akrab disapa Mas Budi, menerima rombongan dari Riau.\n\n'
            '"Kami terbuka untuk kerja sama," kata Mas Budi.')
    nicknames = nicknames_of(text, ["Budi Santoso", "Ahmad Yani"])
    assert nicknames == {"Mas Budi": "Budi Santoso"}
    assert [speaker_by_nickname(text, q, nicknames) for q in speech_quotes(text)] == ["Budi Santoso"]


def test_a_nickname_given_first_and_the_full_name_after_the_marker():
    text = ('Cak Anas, sapaan akrab Bupati Banyuwangi Anas Wibowo, menyambut tamu.\n\n'
            '"Banyuwangi siap," terang Cak Anas.')
    nicknames = nicknames_of(text, ["Anas Wibowo"])
    assert nicknames == {"Cak Anas": "Anas Wibowo"}
    assert [speaker_by_nickname(text, q, nicknames) for q in speech_quotes(text)] == ["Anas Wibowo"]


def test_an_english_nickname():
    text = ('Deputy Governor Sandra Wijaya, popularly known as Sandi, hosted the delegation. '
            '"We welcome you," Sandi said.')
    assert nicknames_of(text, ["Sandra Wijaya"]) == {"Sandi": "Sandra Wijaya"}


def test_no_nickname_without_an_official_next_to_the_marker():
    text = 'Warga yang akrab disapa Pak Kumis itu datang. "Saya senang," kata Pak Kumis.'
    assert nicknames_of(text, ["Budi Santoso"]) == {}


OFFICES = [("Made Suarta", "Pj. Gubernur Provinsi Bali"), ("Ni Luh Putu", "Kepala Dinas Pariwisata Provinsi Bali")]


def test_a_pronoun_after_a_sentence_led_by_a_position_is_its_one_holder():
    text = ('Pj. Gubernur Bali menyampaikan apresiasi kepada rombongan Jawa Timur. '
            'Ia menambahkan, "Bali siap menjadi mitra."')
    assert [speaker_by_subject_position(text, q, OFFICES) for q in speech_quotes(text)] == ["Made Suarta"]
    paragraph = 'Pj. Gubernur Bali menyampaikan apresiasi.\n\n"Bali siap menjadi mitra," ujarnya.'
    assert [speaker_by_subject_position(paragraph, q, OFFICES) for q in speech_quotes(paragraph)] == ["Made Suarta"]


def test_silence_when_a_person_is_the_nearer_subject_or_the_position_is_held_by_two():
    nearer = ('Pj. Gubernur Bali menyampaikan apresiasi. Ni Luh Putu menjelaskan programnya. '
              'Ia menambahkan, "Bali siap menjadi mitra."')
    assert [speaker_by_subject_position(nearer, q, OFFICES) for q in speech_quotes(nearer)] == [None]
    two = [("Ahmad", "Bupati Kabupaten Bogor"), ("Rudi", "Bupati Kabupaten Bogor")]
    text = 'Bupati Bogor menerima tamu.\n\n"Kami siap," ujarnya.'
    assert [speaker_by_subject_position(text, q, two) for q in speech_quotes(text)] == [None]


def test_a_cue_after_a_closing_mark_with_a_space_inside_it_names_the_speaker():
    text = ('"Kami ingin memperluas kolaborasi di bidang peternakan, " jelas Bagus.\n'
            '“ Kami siap bekerja sama,” kata Rina.\n')
    assert speakers(text, ["Bagus Hartono", "Rina Marlina"]) == [("Bagus Hartono", "cue"), ("Rina Marlina", "cue")]
    # Before the opening mark too, whatever the space (a thin space here).
    text = "Rina Marlina mengatakan, “\u2009Kami siap bekerja sama.”\n"
    assert speakers(text, ["Rina Marlina"]) == [("Rina Marlina", "cue")]


def test_lebih_jauh_opens_a_sentence_before_its_subject():
    text = ("Acara dibuka pagi hari.\n"
            "Lebih jauh Pj. Gubernur Rina Marlina menyampaikan bahwa wisatawan mulai kembali.\n"
            "“Kami mohon dukungan,” tuturnya.\n")
    assert speakers(text, ["Rina Marlina", "Andi Sulaiman"]) == [("Rina Marlina", "mention")]


def test_a_cue_naming_an_official_with_a_slip_of_typing_names_them():
    text = "“Kami berterima kasih atas sambutan ini,” kata Syarifah Awaliah.\n"
    assert speakers(text, ["Syarifah Awaliyah"]) == [("Syarifah Awaliyah", "cue")]
    # A changed letter, or any slip in a word of four letters: another person, not the official.
    assert speakers("“Harga cabai naik,” kata Wahyuni, pedagang pasar.\n", ["Wahyudi"]) == [(None, "none")]
    assert speakers("“Kami siap,” kata Rini.\n", ["Rina"]) == [(None, "none")]



def test_a_nickname_with_a_description_pointing_back_is_the_official_named_last():
    # "<nickname>, sapaan akrab <description> itu,": the description refers to the person just named.
    text = ("“Kami belajar banyak,” kata Sekretaris Komisi I DPRD Manado, Bobby Daud, dari Bali.\n"
            "Boda, sapaan akrab politisi senior itu, mengatakan kunjungan berjalan lancar.\n"
            "“Kami diterima dengan baik,” kata Boda.\n")
    nicknames = nicknames_of(text, ["Bobby Daud", "I Wayan Duaja"])
    assert nicknames == {"Boda": "Bobby Daud"}
    assert [speaker_by_nickname(text, q, nicknames) for q in speech_quotes(text)][1] == "Bobby Daud"
    # The name before the marker is read within its sentence, on the same line too.
    same_line = ("Hadir Sekretaris Komisi I DPRD Manado, Bobby Daud, dari Bali. Boda, sapaan akrab politisi senior "
                 "itu, mengatakan kunjungan berjalan lancar.\n")
    assert nicknames_of(same_line, ["Bobby Daud"]) == {"Boda": "Bobby Daud"}
    # No official named in the paragraph or the one before, or a description of no office-holder: no guess.
    far = "Bobby Daud datang.\n\nA.\n\nB.\n\nBoda, sapaan akrab politisi senior itu, mengatakan hal itu.\n"
    assert nicknames_of(far, ["Bobby Daud"]) == {}
    trader = ("Pagi itu, Gubernur Andi Sulaiman meninjau pasar dan berdialog dengan seorang pedagang sayur.\n"
              "Mbok Sum, sapaan akrab pedagang itu, mengeluhkan harga cabai.\n")
    assert nicknames_of(trader, ["Andi Sulaiman"]) == {}
    greeted = "Budi Hartono datang. Rina, disapa wartawan usai acara tersebut, tersenyum.\n"
    assert nicknames_of(greeted, ["Budi Hartono"]) == {}
