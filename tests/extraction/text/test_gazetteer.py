"""The gazetteer: regions, countries and cities abroad as news names them, from data files."""

import pytest

from service.extraction.text.gazetteer import country, fold, foreign_city, region_by_code
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


def test_phrases_are_compared_folded():
    assert fold("Kab. Toli-Toli") == "kab toli toli" and fold("Türkiye") == "turkiye"
    assert fold("Sumbar\u200b") == "sumbar"
