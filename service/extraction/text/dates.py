"""Dates as articles print them: "Rabu (9/4/2025)", "Selasa, 15 April", "12 Desember 2024", "(24/11)".

Offsets are half-open `[start, end)` ranges of Unicode code points into the text given; the names of days and
months are `service.vocabulary`'s.
"""

import re
from dataclasses import dataclass
from datetime import date

from service.textnorm import matching_form
from service.vocabulary import DATE_WORDS, MONTHS, ORDINAL_SUFFIXES, one_of

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Only in parentheses, as Indonesian news writes them, which are not part of the date: "Rabu (9/4/2025)".
# "(9/4)", "(9/4/2025)", and "(21/9/23)": Indonesian news also writes the year in two digits.
_NUMERIC = re.compile(r"(?<=\()(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?=\))")
_WRITTEN = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\b(?:\s+(\d{{4}}))?", re.IGNORECASE)
_WRITTEN_EN = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:{one_of(ORDINAL_SUFFIXES)})?,?\s+(\d{{4}})", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date the text writes out: where (`start`, `end`), as written (`text`), and what day it names; the year
    is None when the text leaves it out ("Selasa, 15 April")."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None

    def iso(self, default_year: int | None = None) -> str | None:
        """The date as "YYYY-MM-DD", in `default_year` when the text gives none; None without a year or for a
        day the calendar does not have ("31/2")."""
        year = self.year or default_year
        try:
            return date(year, self.month, self.day).isoformat() if year else None
        except ValueError:
            return None


def _century(two_digits: int) -> int:
    """A two-digit year in full: this century's up to 49 ("24" -> 2024), the last one's from 50 ("98" -> 1998)."""
    return 2000 + two_digits if two_digits < 50 else 1900 + two_digits


def find_dates(text: str) -> list[FoundDate]:
    """Every date the text writes out, in order of appearance: day/month(/year) in parentheses (a two-digit year
    by `_century`: "(2/12/24)" is 2 December 2024), "15 April
    (2024)" and English "March 20th, 2018"; month 1-12 and day 1-31 only."""
    found = []
    for m in _NUMERIC.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(1)), int(m.group(2)),
                               _century(year) if year is not None and year < 100 else year))
    for m in _WRITTEN.finditer(text):
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(1)), MONTHS[m.group(2).lower()],
                               int(m.group(3)) if m.group(3) else None))
    for m in _WRITTEN_EN.finditer(text):
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(2)), MONTHS[m.group(1).lower()],
                               int(m.group(3))))
    return sorted((d for d in found if 1 <= d.month <= 12 and 1 <= d.day <= 31), key=lambda d: d.start)


def event_date(text: str) -> FoundDate | None:
    """The article's first stated date, in the year of the first date that states one when it has none: the
    date of the event it reports, usually, as Indonesian news opens with it. None when it states no date."""
    dates = find_dates(text)
    with_year = [d for d in dates if d.year]
    if not dates:
        return None
    first = dates[0]
    if first.year is None and with_year:
        return FoundDate(first.start, first.end, first.text, first.day, first.month, with_year[0].year)
    return first


def is_date(phrase: str) -> bool:
    """True for a phrase made only of day and month names and numbers ("Selasa", "12 Desember 2024", "Jumat
    (8/12)": a number may be a day/month written with slashes), read in its matching form; False for an empty
    one."""
    words = [w.strip(".,()").lower() for w in matching_form(phrase).split()]
    return bool(words) and all(w in DATE_WORDS or w.replace("/", "").isdigit() for w in words)
