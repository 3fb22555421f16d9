from service.mentions import officials_from_mentions, paired_titles, position_mentions, split_position
from tests.conftest import seed_text


def test_mentions_of_positions_in_seed_002():
    mentions = position_mentions(seed_text("002"))
    assert "Ketua Fraksi PKB Lampung, Fatikhatul Khoiriah" in mentions
    assert any("Rahmat Mirzani Djausal dan Jihan Nurlela" in m for m in mentions)


def test_officials_read_off_mentions():
    names = dict(officials_from_mentions(seed_text("002")))
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
    assert officials_from_mentions(text) == [("Jerry Kina", "Wali Kota Vanimo")]


def test_days_and_titles_alone_are_not_officials():
    assert officials_from_mentions("Gubernur Lampung, Selasa, membuka acara.") == []


def test_split_position():
    assert split_position("Ketua DPRD Lampung") == ("Ketua", "DPRD Lampung")
    assert split_position("Penjabat Gubernur Gorontalo") == ("Penjabat Gubernur", "Gorontalo")
    assert split_position("Chairman") == ("Chairman", "")


def test_a_mention_runs_over_invisible_characters_and_special_spaces_in_the_name():
    text = ("Pasar desa yang baru itu dibuka oleh Bupati Lampung\u00a0Timur Budi Sant\u200boso pada pagi hari, "
            "didampingi Wakil\u202fBupati Hendra\u00adwan dan para kepala dinas.")
    assert officials_from_mentions(text) == [("Budi Santoso", "Bupati Lampung Timur"), ("Hendrawan", "Wakil Bupati")]
