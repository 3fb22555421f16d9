"""Dates as articles print them: "Rabu (9/4/2025)", "Selasa, 15 April", "12 Desember 2024", "(24/11)"."""

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "agustus": 8,
    "september": 9, "oktober": 10, "november": 11, "desember": 12, "january": 1, "february": 2, "march": 3,
    "may": 5, "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Only in parentheses, as Indonesian news writes them, which are not part of the date: "Rabu (9/4/2025)".
_NUMERIC = re.compile(r"(?<=\()(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?=\))")
_WRITTEN = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\b(?:\s+(\d{{4}}))?", re.IGNORECASE)
_WRITTEN_EN = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None

    def iso(self, default_year: int | None = None) -> str | None:
        year = self.year or default_year
        try:
            return date(year, self.month, self.day).isoformat() if year else None
        except ValueError:
            return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date the text writes out, in order of appearance."""
    found = []
    for m in _NUMERIC.finditer(text):
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(1)), int(m.group(2)),
                               int(m.group(3)) if m.group(3) else None))
    for m in _WRITTEN.finditer(text):
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(1)), MONTHS[m.group(2).lower()],
                               int(m.group(3)) if m.group(3) else None))
    for m in _WRITTEN_EN.finditer(text):
        found.append(FoundDate(m.start(), m.end(), m.group(), int(m.group(2)), MONTHS[m.group(1).lower()],
                               int(m.group(3))))
    return sorted((d for d in found if 1 <= d.month <= 12 and 1 <= d.day <= 31), key=lambda d: d.start)


def event_date(text: str) -> FoundDate | None:
    """The article's first stated date, preferring one with a year; the event it reports, usually."""
    dates = find_dates(text)
    with_year = [d for d in dates if d.year]
    if not dates:
        return None
    first = dates[0]
    if first.year is None and with_year:
        return FoundDate(first.start, first.end, first.text, first.day, first.month, with_year[0].year)
    return first
