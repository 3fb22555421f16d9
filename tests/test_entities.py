import pytest

from service.entities import partner_kind, region_key, same_region


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
