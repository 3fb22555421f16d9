"""Whether a phrase names a place: a region, a country, a city abroad or a large island."""

from service.extraction.text.places import is_place
from service.extraction.text.region_names import resolve_region


def test_places_are_regions_countries_cities_abroad_and_islands():
    assert all(is_place(p) for p in ("Pati", "Rembang", "Sumatra", "Kalimantan", "Jepang", "Wina", "NTT"))
    assert not any(is_place(p) for p in ("Hendra Wijaya", "Sukarno", "Usaha Mikro"))
    # A name both a regency and a city carry is a place, though `resolve_region` cannot say which one.
    assert is_place("Bekasi") and is_place("Bogor") and resolve_region("Bogor") is None
