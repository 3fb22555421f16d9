"""Partners: the same party however written, its kind, and the parties a summary keeps and adds."""

import pytest

from service.extraction.partners import core_name, partner_kind
from service.extraction.text.party_names import heading_rank, region_key, same_party, same_region
from tests.conftest import seed_text
from tests.extraction.test_pipeline import assert_grounded, run
from tests.fakes import article_reply


@pytest.mark.parametrize("a, b", [
    ("Pemprov DKI", "DKI Jakarta"), ("DKI Jakarta", "Jakarta"), ("Pemprov Kaltim", "Provinsi Kalimantan Timur"),
    ("Kota Miri", "Miri"), ("West Java Province", "Provinsi Jawa Barat"),
])
def test_the_same_region_written_differently(a, b):
    assert same_region(a, b) and same_region(b, a)


@pytest.mark.parametrize("a, b", [("Provinsi Banten", "Provinsi Lampung"), ("Malaysia", "KBRI Kuala Lumpur"),
                                  ("Provinsi", "Kota")])
def test_different_regions(a, b):
    assert not same_region(a, b)


def test_region_key_drops_levels_and_expands_abbreviations():
    assert region_key("Pemerintah Provinsi NTB") == {"nusa", "tenggara", "barat"}


@pytest.mark.parametrize("name, kind", [
    ("DPRD Kabupaten Lampung Tengah", "dprd"),  # the model once called this a province
    ("Kabupaten Lumajang", "regency"),  # ... and this a city
    ("Pemprov NTB", "province"),
    ("Jawa Timur", "province"),  # ... and this a regency
    ("NTB", "province"),  # ... and this a national agency
    ("DKI Jakarta", "province"),
    ("Kota Tangerang Selatan", "city"),
    ("KBRI Kuala Lumpur", "national_agency"),
    ("Kementerian Dalam Negeri", "national_agency"),
    ("Bawaslu Lampung", "national_agency"),
    ("BUMD Jakarta", "company"),
    ("PT Jakarta Propertindo", "company"),
    ("Universitas Lampung", "organisation"),
    ("Malaysia", "foreign_government"),
    ("Pemerintah Jepang", "foreign_government"),
    ("Petaling Jaya", "other"),
])
def test_the_kind_of_a_party_is_read_off_its_name(name, kind):
    assert partner_kind(name) == kind


def test_a_bare_name_takes_the_level_the_text_gives_it():
    text = "Wali Kota Bandung menerima Bupati Lumajang. Semarang tidak disebut dengan tingkatnya."
    assert partner_kind("Bandung", text) == "city"
    assert partner_kind("Lumajang", text) == "regency"
    assert partner_kind("Semarang", text) == "other"


def test_a_party_written_with_invisible_characters_is_the_same_party():
    text = "Wali\u00a0Kota Ban\u200bdung menerima rombongan dari Provinsi Lam\u00adpung."
    assert partner_kind("Bandung", text) == "city"
    assert same_region("Provinsi Lam\u00adpung", "Lampung")


def test_a_government_heads_its_section_over_a_body_inside_it():
    names = [("BUMD Jakarta", "company"), ("Jakarta", "other"), ("Provinsi DKI Jakarta", "province")]
    assert max(names, key=lambda n: heading_rank(*n))[0] == "Provinsi DKI Jakarta"
    assert heading_rank("Jakarta", "province") > heading_rank("BUMD Jakarta", "company")


def test_a_regions_dprd_is_a_party_apart_from_its_government():
    assert same_party("DPRD Lampung", "DPRD Provinsi Lampung") and not same_party("DPRD Lampung", "Provinsi Lampung")
    assert core_name("Pemerintah Provinsi Banten") == "Banten" and core_name("Provinsi") == "Provinsi"


def test_the_officials_own_regions_and_dprds_are_parties_at_their_level_of_government():
    text = ("Gubernur Lampung Rahmat Mirzani Djausal bertemu Gubernur DKI Jakarta Pramono Anung. Ketua DPRD Lampung "
            "Mingrum Gumay dan Ketua Fraksi PKB Fatikhatul Khoiriah ikut hadir.\n")
    reply = article_reply(
        officials=[("Rahmat Mirzani Djausal", "Gubernur", "Lampung"), ("Pramono Anung", "Gubernur", "DKI Jakarta"),
                   ("Mingrum Gumay", "Ketua", "DPRD Lampung"), ("Fatikhatul Khoiriah", "Ketua", "Fraksi PKB Lampung")],
        partners=[("Jakarta", "province")])
    summary, _ = run(text, reply)
    assert [(p.name, p.kind.value) for p in summary.partners] == [
        ("Jakarta", "province"), ("Provinsi Lampung", "province"), ("DPRD Lampung", "dprd")]
    assert_grounded(summary, text)

def test_a_former_office_an_outlet_and_the_word_kunker_are_not_parties():
    text = ("Kunker DPRD Lampung ke Banten. Fatikhatul Khoiriah, mantan ketua Bawaslu Lampung, memimpin rombongan "
            "ke Provinsi Banten. (Nusramedia.COM)\n")
    reply = article_reply(partners=[("Bawaslu Lampung", "other"), ("Nusramedia.COM", "company"), ("Kunker", "other"),
                                    ("Provinsi Banten", "province")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["Provinsi Banten"]
    assert any("former office" in w for w in summary.warnings)

def test_a_body_inside_a_region_does_not_stand_for_the_region():
    text = "Gubernur DKI Jakarta Pramono Anung menawarkan dukungan BUMD Jakarta untuk hilirisasi pangan.\n"
    reply = article_reply(officials=[("Pramono Anung", "Gubernur", "DKI Jakarta")],
                          partners=[("BUMD Jakarta", "company")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["BUMD Jakarta", "Provinsi DKI Jakarta"]

def test_the_places_a_visit_goes_to_are_parties():
    summary, _ = run(seed_text("000"), article_reply(officials=[("Mingrum Gumay", "Ketua", "DPRD Lampung")]))
    assert [p.name for p in summary.partners] == ["DPRD Lampung", "Jakarta", "Banten"]

def test_a_visit_spoken_of_in_a_quote_or_to_a_venue_adds_no_party():
    text = ("Rombongan melakukan kunjungan ke Balai Kota Jakarta.\n"
            "“Dulu kami kunjungan ke Surabaya,” kata Ahmad.\n")
    summary, _ = run(text, article_reply())
    assert summary.partners == []

def test_a_partners_kind_is_codes_where_the_name_or_the_text_tells_it_else_the_models():
    text = ("Kunjungan DPRD Kabupaten Lampung Tengah ke Jawa Timur dan Petaling Jaya untuk kerja sama UMKM.\n")
    reply = article_reply(partners=[("DPRD Kabupaten Lampung Tengah", "province"), ("Jawa Timur", "regency"),
                                    ("Petaling Jaya", "foreign_city")])
    summary, _ = run(text, reply)
    assert [(p.name, p.kind.value) for p in summary.partners] == [
        ("DPRD Kabupaten Lampung Tengah", "dprd"), ("Jawa Timur", "province"), ("Petaling Jaya", "foreign_city")]


@pytest.mark.parametrize("a, b", [
    ("Pemkab Kukar", "Kabupaten Kutai Kartanegara"), ("Jaksel", "Kota Administrasi Jakarta Selatan"),
    ("West Sumatra", "Sumbar"), ("Pemprov Malut", "Maluku Utara"), ("DIY", "Yogyakarta"),
])
def test_short_forms_of_regions_come_from_the_gazetteer(a, b):
    assert same_region(a, b) and same_region(b, a)


def test_a_short_form_in_capitals_is_one_only_in_capitals():
    assert region_key("Pemkab OKI") == {"ogan", "komering", "ilir"}
    assert region_key("Oki Setiawan") == {"oki", "setiawan"}


@pytest.mark.parametrize("name, kind", [
    ("Boyolali", "regency"),  # a regency's name, no other region's
    ("Kukar", "regency"),
    ("Tangsel", "city"),
    ("Sumbar", "province"),
    ("Korea Selatan", "foreign_government"),
    ("Uni Emirat Arab", "foreign_government"),
    ("Indonesia", "other"),  # a country, not a foreign one
])
def test_the_gazetteer_tells_a_regions_or_a_countrys_kind(name, kind):
    assert partner_kind(name) == kind


def test_a_party_named_through_its_heads_office_is_the_region_at_that_level():
    from types import SimpleNamespace

    from service.extraction.partners import ground_partners
    from service.intake.article import Article

    text = ("Gubernur Sumbar Mahyeldi menerima Wali Kota Bogor Dedie Rachim dan Bupati Boyolali di Padang, "
            "sementara Ketua Panitia menyiapkan acara.")
    items = [SimpleNamespace(name=n, kind="other")
             for n in ("Gubernur Sumbar", "Wali Kota Bogor", "Bupati Boyolali", "Ketua Panitia")]
    partners, warnings = ground_partners(Article(text), items, ["Mahyeldi", "Dedie Rachim"])
    assert [(p.name, p.kind.value) for p in partners] == [
        ("Provinsi Sumbar", "province"), ("Kota Bogor", "city"), ("Kabupaten Boyolali", "regency")]
    assert [text[s:e] for p in partners for s, e in p.spans] == ["Sumbar", "Bogor", "Boyolali"]
    assert any("Ketua Panitia" in w for w in warnings)  # a position that names no region is still no party


def test_people_and_pieces_of_their_names_are_not_parties():
    text = ("Pemerintah Kota Medan menerima Konsul Jenderal Jepang Takeshi Ono dan Kepala Dinas PUPR Aji Firnanda, SH. "
            "Kerja sama dengan Prefektur Aichi dan PT Sinar Harapan Abadi dibahas bersama Rina Marlina.\n")
    reply = article_reply(partners=[("Takeshi Ono", "foreign_government"), ("PUPR Aji Firnanda", "other"),
                                    ("SH", "other"), ("Rina Marlina", "other"), ("Prefektur Aichi", "other"),
                                    ("PT Sinar Harapan Abadi", "company"), ("Pemerintah Kota Medan", "city")],
                          officials=[("Aji Firnanda", "Kepala Dinas", "PUPR")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners][:3] == ["Prefektur Aichi", "PT Sinar Harapan Abadi",
                                                      "Pemerintah Kota Medan"]
    assert not any(p.name in {"Takeshi Ono", "PUPR Aji Firnanda", "SH", "Rina Marlina"} for p in summary.partners)


def test_the_outlet_and_a_region_left_from_a_persons_name_are_not_parties():
    text = ("MEDAN (ANTARA) - Wali Kota Medan Budi Santoso menerima Wakil Wali Kota Aliyah Mustika.\n"
            "“Kami siap,” kata Budi kepada Antaranews dan GoSumut.com di Medan.\n")
    reply = article_reply(partners=[("Antaranews", "company"), ("GoSumut", "company"), ("Kota Medan", "city")],
                          officials=[("Budi Santoso", "Wali Kota", "Kota Medan"),
                                     ("Mustika", "Wakil Wali Kota", "Kota Aliyah")])
    summary, _ = run(text, reply)
    # "Kota Aliyah" is no city: the text writes "Aliyah" only in the title "Wali Kota Aliyah Mustika".
    assert [p.name for p in summary.partners] == ["Kota Medan"]


def test_a_place_visited_ends_at_the_sentence_and_before_the_name_that_follows():
    text = ("Rombongan DPRD melakukan kunjungan kerja ke Kabupaten Lombok Utara Dr. H. Rudi Hartono menyambut mereka. "
            "Lalu kunjungan kerja ke Kota Mataram. Ikut hadir para kepala dinas.\n")
    summary, _ = run(text, article_reply())
    assert {"Kabupaten Lombok Utara", "Kota Mataram"} <= {p.name for p in summary.partners}
    assert not any("Dr" in p.name or "Ikut" in p.name for p in summary.partners)


def test_units_phrases_and_titles_are_no_parties_and_a_dprd_commission_is_its_dprd():
    # A unit inside a body is no side of an event (the guide); a commission's DPRD is.
    text = ("Asisten Bidang Politik dan Kepala Bagian Protokol mendampingi Komisi IV DPRD Jabar ke Kota Batu. "
            "Rapat Paripurna DPRD Sultra digelar kemarin; dewan hadir, ambulans diserahkan. Dr. SH.\n")
    reply = article_reply(partners=[("Bidang Politik", "other"), ("Bagian Protokol", "other"),
                                    ("Komisi IV DPRD Jabar", "dprd"), ("Rapat Paripurna DPRD Sultra", "other"),
                                    ("dewan", "other"), ("ambulans", "other"), ("Dr SH", "other"),
                                    ("Kota Batu", "city")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["DPRD Jabar", "Kota Batu"]


def test_bodies_of_their_own_and_names_in_other_scripts_or_with_joiners_are_parties():
    text = ("Komisi Pemilihan Umum Kabupaten Bima, Île-de-France dan Kedutaan Besar Jepang untuk Indonesia "
            "menandatangani nota kesepahaman.\n")
    reply = article_reply(partners=[("Komisi Pemilihan Umum Kabupaten Bima", "other"), ("Île-de-France", "other"),
                                    ("Kedutaan Besar Jepang untuk Indonesia", "other")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["Komisi Pemilihan Umum Kabupaten Bima", "Île-de-France",
                                                  "Kedutaan Besar Jepang untuk Indonesia"]


def test_a_kind_of_body_named_alone_or_a_name_ending_in_an_officials_is_no_party():
    # News names a party by its own name; "Dewan", "Pemkot" alone name a kind of body.
    text = ("Dewan dan Pemkot menyambut delegasi Jepang Tengku Erry di Medan. Kerja sama Ekonomi dengan KADIN "
            "dan Prefektur Aichi dibahas. Gubernur Tengku Erry Nuradi hadir.\n")
    reply = article_reply(partners=[("Dewan", "other"), ("Pemkot", "city"),
                                    ("Jepang Tengku Erry", "foreign_government"), ("KADIN", "organisation"),
                                    ("Prefektur Aichi", "foreign_government")],
                          officials=[("Tengku Erry Nuradi", "Gubernur", "Sumatera Utara")])
    summary, _ = run(text, reply)
    names = [p.name for p in summary.partners]
    assert "KADIN" in names and "Prefektur Aichi" in names
    # The name of one body, or a country whose name starts like a field's word, is a party.
    text = "Bawaslu, Portugal dan TikTok menandatangani kerja sama dengan Kota Portland.\n"
    reply = article_reply(partners=[("Bawaslu", "national_agency"), ("Portugal", "foreign_government"),
                                    ("TikTok", "company"), ("Kota Portland", "foreign_government")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["Bawaslu", "Portugal", "TikTok", "Kota Portland"]
    assert not {"Dewan", "Pemkot", "Jepang Tengku Erry"} & set(names)


def test_an_english_position_after_an_adjective_of_nationality_is_no_party():
    text = ("Gold Coast Mayor Tom Tate signed the letter in Makassar, witnessed by the Australian Consul General and "
            "the Indonesian Consul General in Sydney. The Palestinian Ambassador to Indonesia also attended.\n")
    reply = article_reply(partners=[("Australian Consul General", "foreign_government"),
                                    ("Indonesian Consul General in Sydney", "national_agency"),
                                    ("Palestinian Ambassador to Indonesia", "foreign_government"),
                                    ("Gold Coast", "foreign_government")])
    summary, _ = run(text, reply)
    assert [p.name for p in summary.partners] == ["Gold Coast"]
    # The office that holds the post is a body, and may be a party.
    from service.extraction.text.positions import starts_with_position
    assert not starts_with_position("Japanese Consul General Office")
    assert starts_with_position("Japanese Consul General in Surabaya")
