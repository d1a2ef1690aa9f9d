"""The language home: every string people read (site, query page, CLI) in Dutch and English,
and dates and numbers as people write them.

The tables live beside this module, one per surface (site, views, pages per thing, endpoint,
cli); the wording of dates lives here, once, so the site, `kg actor`, `kg path` and the
notebooks say "tweede helft 2025" and "second half of 2025" alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kg.i18n.cli import BUILD_SUMMARY, PATH_PHRASES, PROFILE_HEADINGS
from kg.i18n.endpoint import ENDPOINT_STRINGS
from kg.i18n.site import SITE_STRINGS
from kg.i18n.views import VIEW_STRINGS

LANGUAGES = ("nl", "en")

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_SEASONS = {
    "nl": {3: "voorjaar", 6: "zomer", 9: "najaar", 12: "winter"},
    "en": {3: "spring", 6: "summer", 9: "autumn", 12: "winter"},
}
_HALVES = {"nl": ("eerste helft", "tweede helft"), "en": ("first half of", "second half of")}
_QUARTER = {"nl": "{n}e kwartaal {year}", "en": "Q{n} {year}"}
_SINCE = {"nl": "sinds {when}", "en": "since {when}"}


def strings(lang: str) -> dict[str, str]:
    """Return the site's strings in `lang` (nl or en)."""
    _check(lang)
    return SITE_STRINGS[lang] | VIEW_STRINGS[lang]


def endpoint_strings(lang: str) -> dict[str, str]:
    """Return the query page's strings in `lang` (nl or en)."""
    _check(lang)
    return ENDPOINT_STRINGS[lang]


def cli_strings(lang: str) -> dict[str, str]:
    """Return the strings of `kg actor` in `lang` (nl or en)."""
    _check(lang)
    return PROFILE_HEADINGS[lang]


def build_strings(lang: str) -> dict[str, str]:
    """Return the strings of `kg build`'s summary in `lang` (nl or en)."""
    _check(lang)
    return BUILD_SUMMARY[lang]


def phrases(lang: str) -> dict[str, tuple[str, str]]:
    """Return how `kg path` reads a link's role in `lang`: role → (forward, backward)."""
    _check(lang)
    return PATH_PHRASES[lang]


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use {' or '.join(LANGUAGES)}")


def format_date(day: dt.date | None, lang: str) -> str:
    """Return a day as written in running text: '21 januari 2025', '21 January 2025'."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_when(earliest: dt.date, latest: dt.date, precision: str | None, lang: str) -> str:
    """Return a possibly vague date as people say it: 'najaar 2025', 'second half of 2025'."""
    month = MONTHS[lang][earliest.month - 1]
    if precision == "month":
        return f"{month} {earliest.year}"
    if precision == "season":
        season = _SEASONS[lang].get(earliest.month, month)
        return f"{season} {earliest.year}"
    if precision == "quarter":
        return _QUARTER[lang].format(n=(earliest.month - 1) // 3 + 1, year=earliest.year)
    if precision == "half-year":
        half = _HALVES[lang][0 if earliest.month <= 6 else 1]
        return f"{half} {earliest.year}"
    if precision == "year":
        return str(earliest.year)
    if precision == "open":
        return _SINCE[lang].format(when=f"{month} {earliest.year}")
    if earliest != latest and precision != "day":
        return f"{format_date(earliest, lang)} – {format_date(latest, lang)}"
    return format_date(earliest, lang)


def format_number(value, lang: str) -> str:
    """Return a number with the thousands and decimal marks of `lang`: 62.795 / 62,795."""
    if value is None:
        return ""
    if isinstance(value, Decimal | float) and value == int(value):
        value = int(value)
    text = f"{value:,}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_value(value, lower, upper, unit: str | None, lang: str) -> str:
    """Return an observation's value (or bounds) with its unit: '66.400', '31%', '90.000–127.000'"""
    suffix = {"percent": "%", "percent-change": "%"}.get(unit or "", "")
    if value is not None:
        sign = "+" if unit == "percent-change" and value > 0 else ""
        return f"{sign}{format_number(value, lang)}{suffix}"
    if lower is not None and upper is not None:
        return f"{format_number(lower, lang)}–{format_number(upper, lang)}{suffix}"
    bound = lower if lower is not None else upper
    mark = "≥ " if lower is not None else "≤ "
    return f"{mark}{format_number(bound, lang)}{suffix}" if bound is not None else ""
