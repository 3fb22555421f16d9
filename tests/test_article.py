import pytest

from service.article import dateline_outlet


@pytest.mark.parametrize("text, outlet", [
    ("Judul\n\nBandarlampung (ANTARA) - Pemerintah Provinsi Lampung ...", "ANTARA"),
    ("Jayapura (Antara Papua) - Pemerintah Kota Vanimo ...", "Antara Papua"),
    ("Lampung Tengah(DLO)– 25 anggota DPRD ...", "DLO"),
    ("BeritaNasional.com - Gubernur DKI Jakarta Pramono Anung ...", "BeritaNasional.com"),
    ("agendakaltimnews.com – Kaltim belum dapat ...", "agendakaltimnews.com"),
    ("BANDARLAMPUNG - Dalam upaya mendukung UMKM ...", None),  # a place, not an outlet
    ("Komisi II melakukan kunjungan (Kunker) - ke Banten", None),
    ("Rapat digelar Selasa (22/8) - pukul 10.00", None),
])
def test_the_dateline_names_the_outlet(text, outlet):
    assert dateline_outlet(text) == outlet
