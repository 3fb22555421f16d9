"""Indonesian regions as news names them: with their level, their government or their head's title, abbreviated,
in English, and before a person's name."""

import pytest

from service.extraction.text.region_names import office_party, resolve_region, split_region_prefix


@pytest.mark.parametrize("phrase, official, level", [
    ("Sumbar", "Provinsi Sumatera Barat", "province"),
    ("Gubernur Sumbar", "Provinsi Sumatera Barat", "province"),
    ("Pemprov Kaltim", "Provinsi Kalimantan Timur", "province"),
    ("Pemerintah Provinsi NTB", "Provinsi Nusa Tenggara Barat", "province"),
    ("West Java Province", "Provinsi Jawa Barat", "province"),
    ("North Sumatra", "Provinsi Sumatera Utara", "province"),
    ("DKI Jakarta", "Provinsi Daerah Khusus Ibukota Jakarta", "province"),
    ("Jambi", "Provinsi Jambi", "province"),  # a province's bare name is the province ...
    ("Kota Jambi", "Kota Jambi", "city"),  # ... its city has its level written
    ("Pemkab Bogor", "Kabupaten Bogor", "regency"),
    ("Kab. Bogor", "Kabupaten Bogor", "regency"),
    ("Bupati Bogor", "Kabupaten Bogor", "regency"),
    ("Kota Bogor", "Kota Bogor", "city"),
    ("Pemkot Bogor", "Kota Bogor", "city"),
    ("Wali Kota Bogor", "Kota Bogor", "city"),
    ("Walikota Bogor", "Kota Bogor", "city"),
    ("Pj. Wali Kota Bogor", "Kota Bogor", "city"),
    ("Regent of Boyolali", "Kabupaten Boyolali", "regency"),
    ("Boyolali", "Kabupaten Boyolali", "regency"),  # only a regency has that name
    ("Tangsel", "Kota Tangerang Selatan", "city"),
    ("South Tangerang City", "Kota Tangerang Selatan", "city"),
    ("Jaksel", "Kota Administrasi Jakarta Selatan", "city"),
    ("Kabupaten Tolitoli", "Kabupaten Toli-Toli", "regency"),
    ("OKI", "Kabupaten Ogan Komering Ilir", "regency"),
])
def test_a_region_however_news_writes_it(phrase, official, level):
    region = resolve_region(phrase)
    assert region is not None and (region.official, region.level) == (official, level)


@pytest.mark.parametrize("phrase", [
    "Bogor",  # a regency and a city: which one, the text must say
    "Kota Lampung",  # no city of that name
    "Oki",  # "OKI" is an abbreviation in capitals; "Oki" a given name
    "Pemprov", "", "Hendra Wijaya",
])
def test_a_phrase_that_names_no_one_region(phrase):
    assert resolve_region(phrase) is None


@pytest.mark.parametrize("title_and_region, official", [
    ("Bupati Boyolali", "Kabupaten Boyolali"),
    ("Gubernur Jateng", "Provinsi Jawa Tengah"),
    ("Wakil Bupati Semarang", "Kabupaten Semarang"),
    ("Plt Wali Kota Semarang", "Kota Semarang"),
    ("Sekda Sumbar", "Provinsi Sumatera Barat"),
    ("Kapolda Jatim", "Provinsi Jawa Timur"),
    ("Governor of East Java", "Provinsi Jawa Timur"),
])
def test_the_region_an_office_serves(title_and_region, official):
    assert office_party(title_and_region).official == official


def test_an_office_of_no_known_region():
    assert office_party("Ketua DPRD") is None and office_party("Bupati Semarang Timur Raya") is None


@pytest.mark.parametrize("phrase, split", [
    ("Boyolali Hendra Wijaya", ("Boyolali", "Hendra Wijaya")),
    ("Kabupaten Boyolali Hendra Wijaya", ("Kabupaten Boyolali", "Hendra Wijaya")),
    ("Jawa Tengah Ahmad Luthfi", ("Jawa Tengah", "Ahmad Luthfi")),
    ("Hendra Wijaya", ("", "Hendra Wijaya")),
    ("Boyolali", ("", "Boyolali")),  # a region alone has no name after it
    ("Bima Arya Sugiarto", ("", "Bima Arya Sugiarto")),  # Bima is a regency and a common given name
])
def test_a_region_before_a_name_is_split_off(phrase, split):
    assert split_region_prefix(phrase) == split
