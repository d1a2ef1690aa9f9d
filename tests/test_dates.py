"""Dutch date expressions: the conventions table, year inference, and properties (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import MONTHS_NL, parse, scan
from kg.i18n import format_date
from kg.periods import PRECISIONS

D = dt.date

# text, reference, edtf, precision, earliest, latest
TABLE = [
    ("21 januari 2025", None, "2025-01-21", "day", D(2025, 1, 21), D(2025, 1, 21)),
    ("Op 1 juli 2024", None, "2024-07-01", "day", D(2024, 7, 1), D(2024, 7, 1)),
    ("januari 2025", None, "2025-01", "month", D(2025, 1, 1), D(2025, 1, 31)),
    ("In november 2024", None, "2024-11", "month", D(2024, 11, 1), D(2024, 11, 30)),
    ("2024", None, "2024", "year", D(2024, 1, 1), D(2024, 12, 31)),
    ("In 2024", None, "2024", "year", D(2024, 1, 1), D(2024, 12, 31)),
    ("in de tweede helft van 2025", None, "2025-41", "half-year", D(2025, 7, 1), D(2025, 12, 31)),
    ("eerste helft van 2025", None, "2025-40", "half-year", D(2025, 1, 1), D(2025, 6, 30)),
    ("voorjaar 2025", None, "2025-21", "season", D(2025, 3, 1), D(2025, 5, 31)),
    ("lente 2025", None, "2025-21", "season", D(2025, 3, 1), D(2025, 5, 31)),
    ("zomer van 2025", None, "2025-22", "season", D(2025, 6, 1), D(2025, 8, 31)),
    ("najaar 2025", None, "2025-23", "season", D(2025, 9, 1), D(2025, 11, 30)),
    ("in het najaar van 2025", None, "2025-23", "season", D(2025, 9, 1), D(2025, 11, 30)),
    ("herfst 2025", None, "2025-23", "season", D(2025, 9, 1), D(2025, 11, 30)),
    ("winter 2025", None, "2025-24", "season", D(2025, 12, 1), D(2026, 2, 28)),
    ("winter 2027", None, "2027-24", "season", D(2027, 12, 1), D(2028, 2, 29)),
    ("eind 2025", None, "2025-36", "quarter", D(2025, 10, 1), D(2025, 12, 31)),
    ("begin 2026", None, "2026-33", "quarter", D(2026, 1, 1), D(2026, 3, 31)),
    ("derde kwartaal van 2025", None, "2025-35", "quarter", D(2025, 7, 1), D(2025, 9, 30)),
    ("in het tweede kwartaal van 2024", None, "2024-34", "quarter", D(2024, 4, 1), D(2024, 6, 30)),
    ("tweede kwartaal", D(2024, 11, 5), "2024-34", "quarter", D(2024, 4, 1), D(2024, 6, 30)),
    ("Sinds januari 2025", None, "2025-01/..", "open", D(2025, 1, 1), D(2025, 1, 31)),
    ("februari 2024", None, "2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "reference", "edtf", "precision", "earliest", "latest"), TABLE)
def test_conventions_table(text, reference, edtf, precision, earliest, latest):
    date = parse(text, reference)
    assert (date.edtf, date.precision, date.earliest, date.latest) == (
        edtf,
        precision,
        earliest,
        latest,
    )
    assert date.precision in PRECISIONS


def test_eind_carries_a_note():
    assert "laatste kwartaal" in parse("eind 2025").note_nl
    assert "last quarter" in parse("eind 2025").note_en


def test_before_summer_is_open_until_the_day_before_summer():
    without = parse("voor de zomer van 2025")
    assert (without.precision, without.edtf) == ("open", "../2025-05-31")
    assert (without.earliest, without.latest) == (D(2025, 1, 1), D(2025, 5, 31))
    within = parse("voor de zomer van 2025", reference=D(2025, 3, 5))
    assert (within.earliest, within.latest) == (D(2025, 3, 5), D(2025, 5, 31))
    late = parse("voor de zomer van 2025", reference=D(2025, 7, 1))  # reference after the limit
    assert late.earliest == D(2025, 1, 1)


def test_voorjaarsnota_is_spring_with_a_note():
    date = parse("In de Voorjaarsnota 2025 is geen geld gereserveerd")
    assert (date.edtf, date.precision, date.earliest, date.latest) == (
        "2025-21",
        "season",
        D(2025, 3, 1),
        D(2025, 5, 31),
    )
    assert "naam van het document" in date.note_nl


def test_voor_with_a_bare_year_means_for():
    date = parse("geld gereserveerd voor 2026")
    assert (date.precision, date.edtf) == ("year", "2026")


def test_until_is_open_and_inclusive():
    date = parse("verlengd tot 31 december 2026", reference=D(2024, 4, 15))
    assert (date.precision, date.edtf) == ("open", "../2026-12-31")
    assert (date.earliest, date.latest) == (D(2024, 4, 15), D(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Op 27 januari", D(2025, 1, 21), D(2025, 1, 27)),
        ("27 januari", D(2025, 1, 21), D(2025, 1, 27)),
        ("Op 10 maart", D(2025, 1, 14), D(2025, 3, 10)),
        ("Op 25 maart", D(2025, 3, 21), D(2025, 3, 25)),  # latest date before it in the monitor
        ("Op 25 maart", D(2025, 3, 28), D(2025, 3, 25)),  # a date just after it: still 2025
        ("op 19 juni", D(2025, 6, 17), D(2025, 6, 19)),
        ("Op 28 mei", D(2025, 5, 13), D(2025, 5, 28)),
        ("15 december", D(2025, 1, 10), D(2024, 12, 15)),  # across the new year, backwards
        ("10 januari", D(2024, 12, 20), D(2025, 1, 10)),  # and forwards
        ("29 februari", D(2025, 1, 1), D(2024, 2, 29)),  # only leap years qualify
    ],
)
def test_year_inferred_from_reference(text, reference, expected):
    date = parse(text, reference)
    assert date.earliest == date.latest == expected
    assert date.inferred_year is True
    assert str(expected.year) in date.note_nl and reference.isoformat() in date.note_en


def test_year_inferred_from_a_full_date_in_the_same_text():
    date = parse(
        "Op 10 maart heeft de staatssecretaris van VWS antwoord gegeven op "
        "schriftelijke vragen van 14 januari 2025"
    )
    assert date.earliest == D(2025, 3, 10) and date.inferred_year


def test_explicit_year_is_not_inferred():
    assert parse("Op 27 januari 2025", reference=D(2030, 1, 1)).inferred_year is False


@pytest.mark.parametrize(
    "text",
    [
        "",
        "geen datum hier",
        "Jaarlijks vindt een campagne plaats",
        "In de afgelopen jaren",
        "1.730 meldingen",
        "24% van hen",
    ],
)
def test_no_date_raises_and_quotes_the_text(text):
    with pytest.raises(ValueError, match="no Dutch date expression") as info:
        parse(text)
    assert repr(text) in str(info.value)


def test_yearless_without_reference_raises():
    with pytest.raises(ValueError, match="no year"):
        parse("Op 27 januari")


def test_impossible_day_raises():
    with pytest.raises(ValueError, match="31 april 2025"):
        parse("31 april 2025")


def test_scan_finds_every_expression_in_order():
    text = (
        "In de periode 1 januari 2023 tot 1 juli 2024 zijn de proeftuinen bij 1.268 "
        "gezinnen betrokken; de Voorjaarsnota 2025 en het tweede kwartaal van 2024."
    )
    assert [e.text for e in scan(text)] == [
        "1 januari 2023",
        "tot 1 juli 2024",
        "de Voorjaarsnota 2025",
        "het tweede kwartaal van 2024",
    ]


def test_bare_month_or_season_words_need_an_anchor():
    assert scan("een zomer vol plannen") == []
    assert [e.text for e in scan("in de zomer")] == ["in de zomer"]


# ------------------------------------------------------------------------------ properties
YEARS = st.integers(min_value=1801, max_value=2098)
DATES = st.dates(min_value=D(1801, 1, 1), max_value=D(2098, 12, 31))


@st.composite
def expressions(draw):
    """Any expression of the grammar, with its reference date (or None)."""
    year = draw(YEARS)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    body = draw(
        st.sampled_from(
            [
                f"{day} {MONTHS_NL[month - 1]} {year}",
                f"{day} {MONTHS_NL[month - 1]}",
                f"{MONTHS_NL[month - 1]} {year}",
                f"{year}",
                f"{draw(st.sampled_from(['eerste', 'tweede']))} helft van {year}",
                f"{draw(st.sampled_from(['eerste', 'tweede', 'derde', 'vierde']))} kwartaal van {year}",
                f"{draw(st.sampled_from(['eerste', 'tweede', 'derde', 'vierde']))} kwartaal",
                f"{draw(st.sampled_from(['voorjaar', 'lente', 'zomer', 'najaar', 'herfst', 'winter']))}"
                f" {year}",
                f"de zomer van {year}",
                f"{draw(st.sampled_from(['eind', 'begin']))} {year}",
                f"eind {MONTHS_NL[month - 1]} {year}",
                f"{year}-{year + 1}",
            ]
        )
    )
    prefix = draw(
        st.sampled_from(
            ["", "Op ", "In ", "sinds ", "vanaf ", "voor ", "tot ", "tot en met ", "uiterlijk "]
        )
    )
    reference = draw(st.one_of(st.none(), DATES))
    return prefix + body, reference


@given(expressions())
def test_earliest_never_after_latest(case):
    text, reference = case
    try:
        date = parse(text, reference)
    except ValueError as error:  # only a missing year without a reference may fail
        assert reference is None and "no year" in str(error)
        return
    assert date.earliest <= date.latest
    assert date.precision in PRECISIONS
    assert date.edtf and date.slug


@given(DATES)
def test_every_day_round_trips(day):
    date = parse(format_date(day, "nl"))
    assert (date.earliest, date.latest, date.precision) == (day, day, "day")
    assert date.edtf == day.isoformat() and not date.inferred_year


@given(DATES, st.integers(min_value=-150, max_value=150))
def test_year_inferred_near_the_reference(day, offset):
    reference = day + dt.timedelta(days=offset)
    text = format_date(day, "nl").rsplit(" ", 1)[0]  # "d maand" without the year
    date = parse(text, reference)
    assert date.earliest == day and date.inferred_year


@given(YEARS, st.integers(1, 12))
def test_month_ends_and_leap_years(year, month):
    date = parse(f"{MONTHS_NL[month - 1]} {year}")
    assert date.earliest == D(year, month, 1)
    assert date.latest == D(year, month, calendar.monthrange(year, month)[1])
    assert (date.latest + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(("year", "last"), [(2024, 29), (2023, 28), (1900, 28), (2000, 29)])
def test_february(year, last):
    assert parse(f"februari {year}").latest == D(year, 2, last)
    assert parse(f"winter {year - 1}").latest == D(year, 2, last)
