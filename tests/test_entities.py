import pytest

from service.entities import region_key, same_region


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
