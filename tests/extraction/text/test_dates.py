from service.extraction.text.dates import event_date, find_dates, is_date


def test_dates_as_articles_write_them():
    text = "Rabu (9/4/2025) di Balai Kota. Selasa, 15 April. Pada 12 Desember 2024. Tuesday, March 20th 2018."
    assert [(d.day, d.month, d.year) for d in find_dates(text)] == [
        (9, 4, 2025), (15, 4, None), (12, 12, 2024), (20, 3, 2018)]


def test_event_date_borrows_a_year_stated_later():
    assert event_date("Jumat (24/11). Data Oktober 2022 dan 1 Januari 2023.").iso() == "2023-11-24"
    assert event_date("Tanpa tanggal.") is None
    assert event_date("Pada (31/2/2024).").iso() is None  # not a real day


def test_a_date_is_what_the_text_writes_without_its_parentheses():
    text = "Jakarta, Rabu (9/4/2025) - Gubernur bertemu."
    found = event_date(text)
    assert (found.text, text[found.start : found.end], found.iso()) == ("9/4/2025", "9/4/2025", "2025-04-09")


def test_a_phrase_of_day_and_month_names_and_numbers_is_a_date():
    assert is_date("Selasa") and is_date("12 Desember 2024") and is_date("Jum'at, (24/11)".replace("/", " "))
    assert not is_date("") and not is_date("Provinsi Banten") and not is_date("12 Banten")


def test_a_two_digit_year_is_this_centurys():
    (found,) = find_dates("Kantor Gubernur NTB, pada Sabtu (2/12/24).")
    assert (found.text, found.iso()) == ("2/12/24", "2024-12-02")
    (old,) = find_dates("Rabu (12/5/98)")
    assert old.iso() == "1998-05-12"
