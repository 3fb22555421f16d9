"""The gazetteer: regions, countries and cities abroad as news names them, from data files."""

import pytest

from service.extraction.text.gazetteer import (
    country,
    fold,
    foreign_city,
    is_place,
    office_party,
    region_by_code,
    resolve_region,
    split_region_prefix,
)
from service.vocabulary import load_data


def test_every_province_regency_and_city_is_listed_once_with_its_level():
    rows = load_data("regions")["regions"]
    levels = [row["level"] for row in rows]
    assert (levels.count("province"), levels.count("regency"), levels.count("city")) == (38, 416, 98)
    assert len({row["code"] for row in rows}) == len(rows)
    provinces = {row["code"] for row in rows if row["level"] == "province"}
    assert all(row["code"].split(".")[0] in provinces for row in rows)  # a regency's code starts with its province's


def test_every_short_form_names_a_listed_place():
    forms = load_data("place_names")
    assert all(region_by_code(code) for code in forms["regions"].values())
    assert all(country(form) and country(form).code == code for form, code in forms["countries"].items())
    assert all(foreign_city(form) and foreign_city(form).name == name for form, name in forms["foreign_cities"].items())


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


@pytest.mark.parametrize("phrase, code", [
    ("Jepang", "JP"), ("Japan", "JP"), ("Pemerintah Jepang", "JP"), ("Tiongkok", "CN"), ("RRT", "CN"),
    ("Korea Selatan", "KR"), ("South Korea", "KR"), ("Amerika Serikat", "US"), ("AS", "US"),
    ("Uni Emirat Arab", "AE"), ("the United Arab Emirates", "AE"), ("Timor-Leste", "TL"), ("Türkiye", "TR"),
    ("Turki", "TR"), ("Negeri Sakura", "JP"), ("Indonesia", "ID"),
])
def test_a_country_in_indonesian_or_english(phrase, code):
    assert country(phrase).code == code


def test_not_a_country():
    assert country("as") is None and country("Jawa Barat") is None and country("Budi") is None


@pytest.mark.parametrize("phrase, name, code", [
    ("Vienna", "Vienna", "AT"), ("Wina", "Vienna", "AT"), ("Moskwa", "Moscow", "RU"), ("Kota Miri", "Miri", "MY"),
    ("Den Haag", "The Hague", "NL"), ("Mekkah", "Makkah", "SA"), ("Kuala Lumpur", "Kuala Lumpur", "MY"),
    ("Sao Paulo", "São Paulo", "BR"),
])
def test_a_city_abroad(phrase, name, code):
    city = foreign_city(phrase)
    assert (city.name, city.country) == (name, code)


def test_an_indonesian_city_is_not_abroad():
    assert foreign_city("Bandung") is None and foreign_city("Kota Surabaya") is None


def test_places_are_regions_countries_cities_abroad_and_islands():
    assert all(is_place(p) for p in ("Pati", "Rembang", "Sumatra", "Kalimantan", "Jepang", "Wina", "NTT"))
    assert not any(is_place(p) for p in ("Hendra Wijaya", "Sukarno", "Usaha Mikro"))
    # A name both a regency and a city carry is a place, though `resolve_region` cannot say which one.
    assert is_place("Bekasi") and is_place("Bogor") and resolve_region("Bogor") is None


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


def test_phrases_are_compared_folded():
    assert fold("Kab. Toli-Toli") == "kab toli toli" and fold("Türkiye") == "turkiye"
    assert fold("Sumbar\u200b") == "sumbar"
