"""Periods as kg.dates reads them: inclusive bounds, a precision, the EDTF string and a slug.

One builder per kind of period (day, month, year, half-year, quarter, season), the EDTF level 1/2
codes of each (21–24 seasons, 33–36 quarters, 40–41 halves), and the year nearest a reference
for an expression the text gives no year. kg.dates finds the expressions in Dutch text and
calls these.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "quarter", "season", "half-year", "year", "open")
_SEASON_SLUG = {1: "spring", 2: "summer", 3: "autumn", 4: "winter"}


@dataclass(frozen=True)
class DutchDate:
    """A date expression read: inclusive bounds, precision, EDTF, and how it was read."""

    earliest: dt.date
    latest: dt.date
    precision: str
    edtf: str
    inferred_year: bool = False
    text: str = ""  # the expression as matched in the text
    slug: str = field(default="", compare=False)  # date-as-known for IRIs: 2025-h2, 2025-q4
    note_nl: str = field(default="", compare=False)  # why it was read so, where not obvious
    note_en: str = field(default="", compare=False)


def of_month(year: int, month: int) -> DutchDate:
    last = calendar.monthrange(year, month)[1]
    return DutchDate(
        dt.date(year, month, 1),
        dt.date(year, month, last),
        "month",
        f"{year}-{month:02d}",
        slug=f"{year}-{month:02d}",
    )


def of_year(year: int) -> DutchDate:
    return DutchDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year), slug=str(year))


def of_half(year: int, half: int) -> DutchDate:
    first, last = (1, 6) if half == 1 else (7, 12)
    return DutchDate(
        dt.date(year, first, 1),
        of_month(year, last).latest,
        "half-year",
        f"{year}-{39 + half}",
        slug=f"{year}-h{half}",
    )


def of_quarter(year: int, quarter: int) -> DutchDate:
    first = 3 * quarter - 2
    return DutchDate(
        dt.date(year, first, 1),
        of_month(year, first + 2).latest,
        "quarter",
        f"{year}-{32 + quarter}",
        slug=f"{year}-q{quarter}",
    )


def of_season(year: int, season: int) -> DutchDate:
    if season == 4:  # meteorological winter: December and the next January and February
        earliest, latest = dt.date(year, 12, 1), of_month(year + 1, 2).latest
    else:
        first = 3 * season
        earliest, latest = dt.date(year, first, 1), of_month(year, first + 2).latest
    return DutchDate(
        earliest, latest, "season", f"{year}-{20 + season}", slug=f"{year}-{_SEASON_SLUG[season]}"
    )


def with_note(date: DutchDate, nl: str, en: str) -> DutchDate:
    return DutchDate(
        date.earliest,
        date.latest,
        date.precision,
        date.edtf,
        slug=date.slug,
        note_nl=nl,
        note_en=en,
    )


def nearest(period, reference: dt.date, text: str) -> DutchDate:
    """Return period(year) for the year near `reference` that puts it closest to it.

    The candidates are the reference's year and the years either side; the distance is 0 when
    the reference falls inside the period, and a tie goes to the later year.
    """
    best, best_key = None, None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = period(year)
        except ValueError:  # e.g. 29 februari in a year that is not a leap year
            continue
        if reference < candidate.earliest:
            distance = (candidate.earliest - reference).days
        elif reference > candidate.latest:
            distance = (reference - candidate.latest).days
        else:
            distance = 0
        key = (distance, -year)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    if best is None:
        raise ValueError(f"{text.strip()!r} is not a date in any year near {reference}")
    return best
