"""Officials: names without honorifics, nicknames, a name's fullest form, position mentions read off the text,
and the officials of a summary."""

import pytest

from service.extraction.officials import (
    officials_from_mentions,
    paired_titles,
)
from service.extraction.text.grounding import find_all
from service.extraction.text.office_mentions import read_office_mentions
from service.extraction.text.person_names import (
    find_name_spans,
    fullest_form,
    is_person_name,
    looks_like_name,
    names_match,
    strip_honorifics,
    without_leading_position,
)
from service.extraction.text.positions import split_position, starts_with_position
from service.intake.article import Article
from tests.conftest import seed_text
from tests.extraction.test_pipeline import run
from tests.fakes import article_reply


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



# Scraped text carries invisible characters and special spaces inside names (see service.textnorm). Names and phrases
# are found as the model writes them, and their spans cover the article's own characters.
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



def test_officials_read_off_mentions():
    names = dict(officials_from_mentions(Article(seed_text("002"))))
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
    assert officials_from_mentions(Article(text)) == [("Jerry Kina", "Wali Kota Vanimo")]


def test_days_and_titles_alone_are_not_officials():
    assert officials_from_mentions(Article("Gubernur Lampung, Selasa, membuka acara.")) == []


def test_split_position():
    assert split_position("Ketua DPRD Lampung") == ("Ketua", "DPRD Lampung")
    assert split_position("Penjabat Gubernur Gorontalo") == ("Penjabat Gubernur", "Gorontalo")
    assert split_position("Chairman") == ("Chairman", "")


def test_a_mention_runs_over_invisible_characters_and_special_spaces_in_the_name():
    text = ("Pasar desa yang baru itu dibuka oleh Bupati Lampung\u00a0Timur Budi Sant\u200boso pada pagi hari, "
            "didampingi Wakil\u202fBupati Hendra\u00adwan dan para kepala dinas.")
    assert officials_from_mentions(Article(text)) == [("Budi Santoso", "Bupati Lampung Timur"),
                                                      ("Hendrawan", "Wakil Bupati")]


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
    "Bekasi", "Bogor",  # a regency's and a city's name at once
    "Promosi", "Panitia", "Kepala Bidang Promosi",  # a unit or committee of an office
    "Para", "Sejumlah Camat",  # quantifiers
    "Gedung Sate", "Jalan Sudirman", "Universitas Andalas", "Festival Danau Toba",  # places and events
    "Australian Consul", "the Deputy Governor", "Japanese Consul General", "Malaysian Minister",  # English positions
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
    "Hermawan Kertawan", "Gus Ipul", "Anak Agung Gde Sukasana", "I Made Mahayastra",
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
    # The model's three; the mention "Konsul Jenderal dan Kepala Biro" gives no name at all.
    assert sum("not a person's name" in w for w in summary.warnings) == 3


def test_navy_air_force_and_junior_police_ranks_come_off_a_name():
    assert strip_honorifics("Laksda TNI Budi Santoso") == "Budi Santoso"
    assert strip_honorifics("Marsdya TNI (Purn) Agus Wibowo") == "Agus Wibowo"
    assert strip_honorifics("Iptu Hendra Wijaya") == "Hendra Wijaya" and is_person_name("Iptu Hendra Wijaya")


# --- Office mentions: one made-up sentence per convention of news writing ---------------------------------

LEAD = "Kerja Sama Dua Daerah Diteken\n\n"  # a headline first: mentions on it are not read


@pytest.mark.parametrize("sentence, expected", [
    # Title first, the body a region of the gazetteer, then the name.
    ("Hadir Wakil Bupati Kayong Utara Amru Chanwari dalam acara itu.",
     [("Amru Chanwari", "Wakil Bupati Kayong Utara")]),
    # A comma after the region, honorifics before the name and degrees after it.
    ("Rombongan disambut Wali Kota Pekanbaru, H. Agus Salim, S.E., M.M, di kantornya.",
     [("Agus Salim", "Wali Kota Pekanbaru")]),
    # An office's field and an acronym in the body.
    ("Turut hadir Kepala Dinas Sosial Andi Rahman dan Kepala BPKAD A. Muzakir, serta tamu lain.",
     [("Andi Rahman", "Kepala Dinas Sosial"), ("A. Muzakir", "Kepala BPKAD")]),
    # An enumeration: each mention read on its own, commas between title and name or not.
    ("Mereka adalah Wali Kota Dumai H. Rudi, Wakil Wali Kota Samarinda Saiful Zuhri, Sekda Banten Andi "
     "Wirawan dan Plt Bupati Garut Dedi Suhendar.",
     [("Rudi", "Wali Kota Dumai"), ("Saiful Zuhri", "Wakil Wali Kota Samarinda"), ("Andi Wirawan", "Sekda Banten"),
      ("Dedi Suhendar", "Plt Bupati Garut")]),
    # A military rank with its corps and retired mark, and a nickname in brackets after the name.
    ("Gubernur Sulawesi Tenggara, Mayjen TNI (Purn) Andi Sulaiman (ASL), membuka rapat.",
     [("Andi Sulaiman", "Gubernur Sulawesi Tenggara")]),
    # Apposition: the name first, the position after a comma, and with "selaku".
    ("Rudi Hartono, Kepala Dinas Pariwisata Kota Ambon, menjelaskan rencana itu.",
     [("Rudi Hartono", "Kepala Dinas Pariwisata Kota Ambon")]),
    ("Budi Santoso selaku Kepala Bagian Hukum membacakan naskahnya.", [("Budi Santoso", "Kepala Bagian Hukum")]),
    # Less edited copy: the position in lower case right after the name.
    ("Suwarno wakil ketua DPRD Kab. Semarang mengatakan kunjungan itu penting.",
     [("Suwarno", "wakil ketua DPRD Kab. Semarang")]),
    # English: a region before the title, "of" inside the body, a consul's post abroad.
    ("The memorandum was signed by Central Java Governor Ahmad Lutfi and Mayor of Surabaya Eri Cahyadi.",
     [("Ahmad Lutfi", "Governor"), ("Eri Cahyadi", "Mayor of Surabaya")]),
    # A place that locates the first one, between the title and the name.
    ("Sementara itu, Wali Kota Miri, Sarawak, Adam Yusof menjelaskan hal itu.",
     [("Adam Yusof", "Wali Kota Miri")]),
    # A name a regency and a city share, and a province's name of three words, before the name.
    ("Hadir Bupati Bekasi Dedy Suryana dan Sekda Provinsi Papua Barat Daya, dr. Naomi Howay, di sana.",
     [("Dedy Suryana", "Bupati Bekasi"), ("Naomi Howay", "Sekda Provinsi Papua Barat Daya")]),
    # A village after its level word; an honorific starts the name after a region code does not know.
    ("Hadir Kepala Desa Sukamaju Asep Saepudin dan Plt. Bupati Bima Raya H. Sukardi Rahman di sana.",
     [("Asep Saepudin", "Kepala Desa Sukamaju"), ("Sukardi Rahman", "Plt. Bupati Bima Raya")]),
    # A deputy of any position; a unit's one-word name before the comma, the person after it.
    ("Hadir Wakil Presiden RI Gilang Prakoso dan Kepala Bidang Promosi, Dewi Anggraini, di sana.",
     [("Gilang Prakoso", "Wakil Presiden RI"), ("Dewi Anggraini", "Kepala Bidang Promosi")]),
    # Balinese names open with "I"; a command's number and seat after a slash; "untuk" inside an envoy's post.
    ("Hadir Bupati Gianyar I Made Mahayastra, Pangdam XIV/Hasanuddin Mayjen TNI Andi Muhammad dan Duta Besar RI "
     "untuk Jepang Heri Akhmadi.",
     [("I Made Mahayastra", "Bupati Gianyar"), ("Andi Muhammad", "Pangdam XIV/Hasanuddin"),
      ("Heri Akhmadi", "Duta Besar RI untuk Jepang")]),
    # "yang juga" before the position, and an acronym in brackets inside the body.
    ("Rudi Hartawan yang juga Kepala Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) hadir.",
     [("Rudi Hartawan", "Kepala Dinas Pekerjaan Umum dan Penataan Ruang (PUPR)")]),
    # The "Kota" of the title "Wali Kota" marks no place: "Eva" is a name, though "Kota Eva" is in the text.
    ("Hadir Wali Kota Eva Dwiana dan Wakil Wali Kota Albert Vader di sana.",
     [("Eva Dwiana", "Wali Kota"), ("Albert Vader", "Wakil Wali Kota")]),
    # A body of words code does not know, closed by a comma before the name.
    ("Koordinator Majelis Perwakilan Kelas (MPK) Labschool Jakarta, Satria Salim mengatakan begitu.",
     [("Satria Salim", "Koordinator Majelis Perwakilan Kelas (MPK) Labschool Jakarta")]),
])
def test_office_mentions_follow_the_conventions_of_news_writing(sentence, expected):
    assert read_office_mentions(LEAD + sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Rombongan diterima di Rumah Dinas Wali Kota Pekanbaru Senin malam.",       # a building, not a person
    "Ia berterima kasih kepada Kepala Bakorwil Bojonegoro yang menginisiasi.",  # an office of a region
    "Rombongan tiba di Rumah Jabatan Gubernur Bali, Jayasabha, Denpasar.",      # a building's name
    "Kepala Pengelola Keuangan dan Aset Daerah hadir.",                         # an office with no name
    "Sekretaris Tiga KBRI London hadir pula.",                                  # a rank, not a name
    "Gubernur Lampung, Selasa, membuka acara.",                                 # a day
    "Hadir pula istri Gubernur Jambi, Rina Marlina, dan mantan Bupati Tebo Sukandar.",  # not the holders
    "Para kepala daerah hadir dalam acara itu.",                                # a quantifier, no name
])
def test_positions_without_a_person_give_no_official(sentence):
    assert read_office_mentions(LEAD + sentence) == []


def test_a_headline_is_not_read_but_a_lead_that_opens_with_a_dateline_is():
    text = ("Gubernur Lampung Rahmat Terima Tamu Dari Jepang\n\n"
            "MEDAN – Gubernur Sumatera Utara Budi Santoso menerima tamu dari Jepang.")
    assert read_office_mentions(text) == [("Budi Santoso", "Gubernur Sumatera Utara")]


def test_a_one_word_name_found_only_after_a_unit_head_or_used_as_a_place_is_no_person():
    # "Kepala Dishub", "Kabag Tapem": what follows a position that heads a unit is the unit; "di Darwin": a place.
    text = ("Turut hadir Kepala Dishub, Kabag Tapem dan Komunikasi, serta Konsul RI di Darwin. "
            "Gubernur NTB Zulkieflimansyah menerima mereka.\n")
    reply = article_reply(officials=[("Dishub", "Kepala", ""), ("Tapem", "Kabag", ""), ("Darwin", "Konsul", "RI"),
                                     ("Zulkieflimansyah", "Gubernur", "NTB")])
    summary, _ = run(text, reply)
    assert [o.name for o in summary.officials] == ["Zulkieflimansyah"]
    dropped = {w.split("'")[1] for w in summary.warnings if "a unit's or a place's name" in w}
    assert dropped == {"Dishub", "Tapem", "Darwin"}


def test_a_one_word_name_after_dari_or_according_to_is_still_a_person():
    text = "Gubernur NTB Zulkieflimansyah menerima rombongan. Mereka membawa salam dari Zulkieflimansyah.\n"
    summary, _ = run(text, article_reply(officials=[("Zulkieflimansyah", "Gubernur", "NTB")]))
    assert [o.name for o in summary.officials] == ["Zulkieflimansyah"]


def test_a_one_word_name_the_text_writes_only_in_capitals_is_an_acronym():
    text = ("US Deputy Ambassador Visits Yogyakarta\n"
            '"I met the Sultan to introduce myself as US deputy ambassador," said Ted Osius.\n')
    summary, _ = run(text, article_reply(officials=[("Us", "deputy ambassador", ""),
                                                    ("Ted Osius", "deputy ambassador", "US")]))
    assert [o.name for o in summary.officials] == ["Ted Osius"]
    assert any("'Us' dropped" in w and "acronym" in w for w in summary.warnings)


def test_a_name_the_text_misspells_once_takes_the_spelling_it_writes_most():
    # The model copies the one slip; the text writes "Dermawan" three times.
    text = ("Delegasi Jerman Temui Aceh\n"
            "Asisten Dermwan menerima delegasi. Dermawan menyampaikan perkembangan Aceh. "
            "Menurut Dermawan, keamanan kondusif. \"Kami yakin ekonomi tumbuh,\" kata Dermawan.\n")
    summary, _ = run(text, article_reply(officials=[("Dermwan", "Asisten", "Pemerintah Aceh")]))
    assert [o.name for o in summary.officials] == ["Dermawan"]
    # Two spellings of one name written once each are one official, spelt as the text first writes it.
    text = ("Kunjungan Biro Protokol\n"
            "Kepala Biro Syarifah Awaliyah memimpin rombongan. \"Kami berterima kasih,\" kata Syarifah Awaliah.\n")
    summary, _ = run(text, article_reply(officials=[("Syarifah Awaliah", "Kepala Biro", ""),
                                                    ("Syarifah Awaliyah", "Kepala Biro", "")]))
    assert [o.name for o in summary.officials] == ["Syarifah Awaliyah"]
    assert summary.quotes[0].speaker == "Syarifah Awaliyah"


def test_spelling_variants_are_a_letter_dropped_or_added_in_one_word_of_five_letters_or_more():
    from service.extraction.text.person_names import preferred_spelling, spelling_variants
    assert spelling_variants("Syarifah Awaliyah", "Syarifah Awaliah") and spelling_variants("Dermawan", "Dermwan")
    # A changed letter makes another name: Indonesian pairs differ by one ("Wahyudi" / "Wahyuni").
    for a, b in (("Budi Wahyudi", "Budi Wahyuni"), ("Rahmat", "Rahman"), ("Hendra", "Hendri"),
                 ("Kurniawan", "Kurniawati"), ("Susanto", "Susanti"), ("Rina Ali", "Rini Ali")):
        assert not spelling_variants(a, b), (a, b)
    assert not spelling_variants("Andi Wijaya", "Budi Wijaya")
    assert not spelling_variants("Hendra Wijaya", "Hendraa Wijayaa")  # two words differ
    assert not spelling_variants("Budi Santoso", "Budi Santoso")
    assert preferred_spelling("Kata Budi Santosso. Budi Santoso hadir.", "Budi Santoso") == "Budi Santosso"  # first
    assert preferred_spelling("Budi hadir.", "Budi Santoso") == "Budi Santoso"


def test_two_officials_whose_names_differ_by_a_changed_letter_stay_two():
    text = ("Kunjungan ke Sleman\nBupati Sleman Budi Wahyudi menerima Kepala Dinas Pariwisata Budi Wahyuni. "
            "Budi Wahyuni memaparkan program. \"Wisata tumbuh,\" kata Budi Wahyuni.\n")
    summary, _ = run(text, article_reply(officials=[("Budi Wahyudi", "Bupati", "Kabupaten Sleman"),
                                                    ("Budi Wahyuni", "Kepala Dinas", "Dinas Pariwisata")]))
    assert [o.name for o in summary.officials] == ["Budi Wahyudi", "Budi Wahyuni"]
    assert summary.quotes[0].speaker == "Budi Wahyuni"


def test_a_region_closes_a_body_of_unit_names_code_does_not_know_and_the_name_follows():
    # "Biro Adpim Setdaprov Jatim": abbreviated units, then the region that closes the body.
    assert read_office_mentions("Rombongan disambut Kepala Biro Adpim Setdaprov Jatim Mohammad Ali Kuncoro dan "
                                "pejabat lainnya.") == [("Mohammad Ali Kuncoro", "Kepala Biro Adpim Setdaprov Jatim")]
    assert read_office_mentions("Ia didampingi Koordinator Fungsi Ekonomi KBRI Tokyo Rima Cempaka kemarin.") == [
        ("Rima Cempaka", "Koordinator Fungsi Ekonomi KBRI Tokyo")]
    # English joins a position and its country with "to".
    assert read_office_mentions("The Palestinian Ambassador to Indonesia, Fariz N. Mehdawi, noted the plan.") == [
        ("Fariz N. Mehdawi", "Ambassador to Indonesia")]
    # A name and then a place is no body: nothing is read rather than a wrong name.
    assert read_office_mentions("Bupati Budi Santoso Jakarta hadir.") == []


@pytest.mark.parametrize("text, pair", [
    ("Rapat dihadiri Waket Komisi I Hj Wiwik Jumatul Rofiah serta anggota.",
     ("Wiwik Jumatul Rofiah", "Waket Komisi I")),
    ("Hadir Rektor Universitas Mataram Bambang Hari Kusumo dan lainnya.",
     ("Bambang Hari Kusumo", "Rektor Universitas Mataram")),
    ("Hadir Counselor Politik KBRI Seoul Sigit Aris Prasetyo serta lainnya.",
     ("Sigit Aris Prasetyo", "Counselor Politik KBRI Seoul")),
    # Malaysian states: their heads and the Malay titles before a name.
    ("Menteri Besar Negeri Sembilan, Malaysia, YAB Dato’ Seri Utama H. Aminuddin Bin Harun tiba.",
     ("Aminuddin Bin Harun", "Menteri Besar Negeri Sembilan")),
    ("Chief Minister Datuk Seri Mohd Shafie Apdal said so.", ("Mohd Shafie Apdal", "Chief Minister")),
])
def test_abbreviated_academic_diplomatic_and_malaysian_positions(text, pair):
    assert read_office_mentions(text) == [pair]


@pytest.mark.parametrize("text, pair", [
    # Units of a regional secretariat named by their common nouns and abbreviations.
    ("Hadir Kabag Materi dan Komunikasi Pimpinan Danu Ardhiaso dan pejabat lainnya.",
     ("Danu Ardhiaso", "Kabag Materi dan Komunikasi Pimpinan")),
    ("Kadis Nakertrans Rachel Rotinsulu hadir.", ("Rachel Rotinsulu", "Kadis Nakertrans")),
    # A qualifier of the holder between the position and the name.
    ("Gubernur Jawa Barat terpilih Dedi Mulyadi hadir.", ("Dedi Mulyadi", "Gubernur Jawa Barat")),
    ("Ia menyambut Konsul Jenderal Jepang yang baru, Takeshi Ishii, Kamis.",
     ("Takeshi Ishii", "Konsul Jenderal Jepang")),
])
def test_unit_nouns_and_qualifiers_of_the_holder_before_a_name(text, pair):
    assert read_office_mentions(text) == [pair]


def test_a_qualifier_with_its_agent_and_words_that_are_names_are_not_read_as_titles():
    # "yang baru dilantik Presiden …": the agent of the swearing-in is no part of the position, and no name.
    found = read_office_mentions("Bupati Bogor yang baru dilantik Presiden Prabowo Subianto, Rudy Susmanto, hadir.")
    assert ("Rudy Susmanto", "Bupati Bogor yang baru dilantik Presiden Prabowo Subianto") not in found
    # Malay titles are stripped; a Burmese name "Tun Tun Oo" or a Javanese "YB Mangunwijaya" is not a title.
    assert strip_honorifics("Tun Tun Oo") == "Tun Tun Oo" and strip_honorifics("YB Mangunwijaya") == "YB Mangunwijaya"
    assert strip_honorifics("Datuk Seri Mohd Shafie Apdal") == "Mohd Shafie Apdal"


def test_two_positions_joined_by_dan_are_no_body_and_their_titles_go_to_the_names_in_order():
    # "gubernur dan wakil gubernur terpilih, A dan B": the pair's titles belong to the names in order
    # (paired_titles), not the second title to the first name.
    text = ("Fraksi PKB siap mengawal program gubernur dan wakil gubernur terpilih, Rahmat Mirzani Djausal dan "
            "Jihan Nurlela.")
    assert ("Rahmat Mirzani Djausal", "wakil gubernur") not in read_office_mentions(text)
    assert dict(officials_from_mentions(Article(text)))["Rahmat Mirzani Djausal"] == "gubernur terpilih"
    # A list of office-holders joined by "dan" is still read one by one.
    assert read_office_mentions("Hadir Sekda Banten Andi Wirawan dan Plt Bupati Garut Dedi Suhendar.") == [
        ("Andi Wirawan", "Sekda Banten"), ("Dedi Suhendar", "Plt Bupati Garut")]
