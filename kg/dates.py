"""Dutch date expressions → inclusive date bounds, a precision and an EDTF string.

    >>> parse("in de tweede helft van 2025")
    DutchDate(earliest=datetime.date(2025, 7, 1), latest=datetime.date(2025, 12, 31), ...)

Days, months and years are read by python-dateutil with a Dutch `parserinfo`
(`DutchParserInfo`); the periods dateutil has no notion of are rules of this module, and
kg.periods builds each period (bounds, EDTF code, slug):

| text                          | edtf         | precision | earliest .. latest            |
|-------------------------------|--------------|-----------|-------------------------------|
| "Op 21 januari 2025"          | 2025-01-21   | day       | same day                      |
| "2025-01-21" (ISO only)       | 2025-01-21   | day       | same day                      |
| "januari 2025"                | 2025-01      | month     | 2025-01-01 .. 2025-01-31      |
| "2024", "In 2024"             | 2024         | year      | 2024-01-01 .. 2024-12-31      |
| "eerste helft van 2025"       | 2025-40      | half-year | 2025-01-01 .. 2025-06-30      |
| "tweede helft van 2025"       | 2025-41      | half-year | 2025-07-01 .. 2025-12-31      |
| "derde kwartaal van 2025"     | 2025-35      | quarter   | 2025-07-01 .. 2025-09-30      |
| "voorjaar/lente 2025"         | 2025-21      | season    | 2025-03-01 .. 2025-05-31      |
| "zomer (van) 2025"            | 2025-22      | season    | 2025-06-01 .. 2025-08-31      |
| "najaar/herfst 2025"          | 2025-23      | season    | 2025-09-01 .. 2025-11-30      |
| "winter 2025"                 | 2025-24      | season    | 2025-12-01 .. 2026-02-28/29   |
| "eind 2025"                   | 2025-36      | quarter   | 2025-10-01 .. 2025-12-31      |
| "begin 2026"                  | 2026-33      | quarter   | 2026-01-01 .. 2026-03-31      |
| "eind maart 2025"             | 2025-03      | month     | the month (with a note)       |
| "2019-2022"                   | 2019/2022    | year      | 2019-01-01 .. 2022-12-31      |
| "Voorjaarsnota 2025"          | 2025-21      | season    | 2025-03-01 .. 2025-05-31 (**) |
| "sinds/vanaf januari 2025"    | 2025-01/..   | open      | 2025-01-01 .. 2025-01-31 (*)  |
| "voor de zomer van 2025"      | ../2025-05-31| open      | R .. 2025-05-31               |
| "tot (en met) eind 2026"      | ../2026-12-31| open      | R .. 2026-12-31               |

(*) "sinds X" keeps X's own bounds, as the conventions ask, and ends its EDTF open.
Other numeric dates ("02/07/2025", "2025/07/02", "2-7-2025") raise ValueError: whether 02/07 is
2 July or 7 February is not in the text, and a guess would write a wrong event.
(**) read from the name of the document; a Najaarsnota is autumn.

Seasons are meteorological; EDTF codes are those of EDTF level 1/2 (21–24 seasons, 33–36
quarters, 40–41 halves). "voor X" ends the day before X begins and "tot X" ends when X ends; the
start of such an open period is unknown, so its earliest bound R is the `reference` date when one
is given and not after the limit, otherwise 1 January of the limit's year (the bounds must stay
sortable; the EDTF keeps the start open). "voor" + a bare year ("geld voor 2026") means "for",
not "before", and is read as the year itself.

**Years left out** ("Op 27 januari") are filled from `reference`: of the reference's year and the
years either side, the one that puts the period closest to the reference (distance 0 when the
reference falls inside it; a tie goes to the later year), and `inferred_year` is True. So "27
januari" with reference 2025-01-21 is 2025, "10 maart" with reference 2025-01-14 is 2025, and
"25 maart" with reference 2025-03-28 (a date just after it) is still 2025, where a rule "the
first year on or after the reference" would wrongly give 2026. Without `reference`, `parse` uses
the nearest fully dated expression in the same text ("Op 10 maart … vragen van 14 januari 2025").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dateutil import parser as _dateutil

from kg import periods
from kg.i18n import MONTHS
from kg.periods import DutchDate

MONTHS_NL = MONTHS["nl"]  # the month names the parser reads are the ones the site writes


class DutchParserInfo(_dateutil.parserinfo):
    """dateutil's parserinfo in Dutch: month and weekday names, filler words, day first."""

    def __init__(self) -> None:
        # Set before dateutil's __init__, which builds its lookup tables from these lists.
        self.JUMP = [
            " ",
            ".",
            ",",
            ";",
            "-",
            "/",
            "'",
            "op",
            "in",
            "per",
            "de",
            "het",
            "van",
            "rond",
        ]
        self.WEEKDAYS = [
            ("ma", "maandag"),
            ("di", "dinsdag"),
            ("wo", "woensdag"),
            ("do", "donderdag"),
            ("vr", "vrijdag"),
            ("za", "zaterdag"),
            ("zo", "zondag"),
        ]
        # dateutil takes tuples of any length; its stubs allow only pairs and triples here.
        self.MONTHS = [
            ("jan", "januari"),
            ("feb", "febr", "februari"),
            ("mrt", "maart"),
            ("apr", "april"),
            ("mei",),  # type: ignore[list-item]
            ("jun", "juni"),
            ("jul", "juli"),
            ("aug", "augustus"),
            ("sep", "sept", "september"),
            ("okt", "oktober"),
            ("nov", "november"),
            ("dec", "december"),
        ]
        # The stubs want triples for HMS; dateutil takes any tuple (see MONTHS).
        self.HMS = [
            ("u", "uur"),  # type: ignore[list-item]
            ("m", "minuut", "minuten"),
            ("s", "seconde", "seconden"),
        ]
        self.PERTAIN = ["van"]
        super().__init__(dayfirst=True, yearfirst=False)


_INFO = DutchParserInfo()


def _month_number(name: str) -> int:
    """Return the number (1-12) of a Dutch month name; the patterns only let month names in."""
    number = _INFO.month(name)
    if number is None:
        raise ValueError(f"{name!r} is not a month name")
    return number


# ---------------------------------------------------------------------------- the grammar
_YEAR = r"(?:1[89]|20)\d{2}"
_FULL = "|".join(MONTHS_NL)
_ABBREVIATED = "|".join(
    sorted(
        {n for names in DutchParserInfo.MONTHS for n in names} - set(MONTHS_NL),
        key=len,
        reverse=True,
    )
)
_WEEKDAY = "|".join(n for _, n in DutchParserInfo.WEEKDAYS)
_ORD_Q = r"eerste|1e|tweede|2e|derde|3e|vierde|4e|laatste"
_END = r"(?![\w])(?![.,]\d)"

_PATTERN = re.compile(
    rf"""
    (?<![\w.,/-])
    (?:(?P<prep>op|in|per|rond|omstreeks)\s+
      |(?P<mod>sinds|vanaf|v[oó][oó]r|tot\s+en\s+met|tot|uiterlijk)\s+)?
    (?:(?P<art>de|het)\s+)?
    (?:
        (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?![\d/.-])
      | (?P<num>\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})
            (?![\d/.-])
      | (?P<ymy>{_YEAR})-(?P<ymm>0[1-9]|1[0-2])(?![\d-])
      | (?:(?:{_WEEKDAY})\s+)?(?P<day>\d{{1,2}})(?:e|ste|de)?
            \s+(?P<dmon>{_FULL}|(?:{_ABBREVIATED})\.?)
            (?:\s+(?P<dyear>{_YEAR}))?
      | (?P<mpart>begin|eind|einde|medio|half|halverwege|midden)\s+(?P<pmon>{_FULL})
            (?:\s+(?P<pyear>{_YEAR}))?
      | (?P<half>eerste|1e|tweede|2e)\s+(?:helft|halfjaar)(?:\s+(?:van\s+)?(?P<hyear>{_YEAR}))?
      | (?P<quarter>{_ORD_Q})\s+kwartaal(?:\s+(?:van\s+)?(?P<qyear>{_YEAR}))?
      | [Qq](?P<qnum>[1-4])\s+(?P<qnyear>{_YEAR})
      | (?P<nota>voorjaars|najaars)nota\s+(?P<notayear>{_YEAR})
      | (?P<season>voorjaar|lente|zomer|najaar|herfst|winter)(?:\s+(?:van\s+)?(?P<syear>{_YEAR}))?
      | (?:aan\s+het\s+)?(?P<ypart>begin|eind|einde)\s+(?:van\s+)?(?P<ypyear>{_YEAR})
      | (?P<mon>{_FULL})(?:\s+(?P<myear>{_YEAR}))?
      | (?P<yr1>{_YEAR})\s*[-–/]\s*(?P<yr2>{_YEAR})
      | (?P<year>{_YEAR})
    )
    {_END}
""",
    re.IGNORECASE | re.VERBOSE,
)

_SEASONS = {"voorjaar": 1, "lente": 1, "zomer": 2, "najaar": 3, "herfst": 3, "winter": 4}
_QUARTERS = {
    "eerste": 1,
    "1e": 1,
    "tweede": 2,
    "2e": 2,
    "derde": 3,
    "3e": 3,
    "vierde": 4,
    "4e": 4,
    "laatste": 4,
}


class Expression:
    """One date expression found in a text, not yet tied to a year where it lacks one."""

    __slots__ = ("_groups", "end", "start", "text")

    def __init__(self, match: re.Match):
        self.text = match.group(0)
        self.start, self.end = match.span()
        self._groups = {k: v for k, v in match.groupdict().items() if v is not None}

    def __repr__(self) -> str:
        return f"Expression({self.text!r}, {self.start}, {self.end})"

    @property
    def has_year(self) -> bool:
        """True when the text itself gives the year (or needs none)."""
        g = self._groups
        if any(k in g for k in ("iso", "num", "ymy", "yr1", "year", "qnyear", "ypyear", "nota")):
            return True
        return any(k in g for k in ("dyear", "pyear", "hyear", "qyear", "syear", "myear"))

    @property
    def modifier(self) -> str:
        """'since', 'before', 'until' or '' for an expression that is the period itself."""
        mod = re.sub(r"\s+", " ", self._groups.get("mod", "").lower())
        if mod in ("sinds", "vanaf"):
            return "since"
        if mod in ("voor", "vóór", "vóor", "voór"):
            return "" if "year" in self._groups or "yr1" in self._groups else "before"
        if mod in ("tot", "tot en met", "uiterlijk"):
            return "until"
        return ""

    @property
    def anchored(self) -> bool:
        """False for a bare month or season word ("mei", "zomer") that may not be a date."""
        g = self._groups
        if ("mon" in g and "myear" not in g) or ("season" in g and "syear" not in g):
            return any(k in g for k in ("prep", "mod", "art"))
        return True

    def resolve(self, reference: dt.date | None = None) -> DutchDate:
        """Return the DutchDate this expression stands for, its year filled from `reference`."""
        if self.has_year:
            base = self._period(None)
            inferred, notes = False, []
        else:
            if reference is None:
                raise ValueError(
                    f"{self.text!r} has no year and no reference date was given to infer it from"
                )
            base = periods.nearest(self._period, reference, self.text)
            inferred = True
            notes = [
                (
                    f"De tekst noemt geen jaar; {base.earliest.year} is afgeleid als het jaar "
                    f"dat de datum het dichtst bij de referentiedatum {reference.isoformat()} "
                    "legt.",
                    f"The text gives no year; {base.earliest.year} is inferred as the year that "
                    f"puts the date closest to the reference date {reference.isoformat()}.",
                )
            ]
        if base.note_nl:
            notes.append((base.note_nl, base.note_en))
        result = self._modified(base, reference, notes)
        return DutchDate(
            result.earliest,
            result.latest,
            result.precision,
            result.edtf,
            inferred,
            self.text.strip(),
            result.slug,
            " ".join(n for n, _ in notes),
            " ".join(e for _, e in notes),
        )

    # ------------------------------------------------------------------ building the period
    def _period(self, year: int | None) -> DutchDate:
        g = self._groups

        def yr(key):
            return int(g[key]) if key in g else year

        if "iso" in g or "num" in g or "day" in g:
            return _day(self.text, g, year)
        if "ymy" in g:
            return periods.of_month(int(g["ymy"]), int(g["ymm"]))
        if "mpart" in g:
            month = periods.of_month(yr("pyear"), _month_number(g["pmon"]))
            words = f"{g['mpart'].lower()} {g['pmon'].lower()}"
            return periods.with_note(
                month,
                f"'{words}' is gelezen als de hele maand.",
                f"'{words}' is read as the whole month.",
            )
        if "half" in g:
            return periods.of_half(yr("hyear"), 1 if g["half"].lower() in ("eerste", "1e") else 2)
        if "quarter" in g:
            return periods.of_quarter(yr("qyear"), _QUARTERS[g["quarter"].lower()])
        if "qnum" in g:
            return periods.of_quarter(int(g["qnyear"]), int(g["qnum"]))
        if "season" in g:
            return periods.of_season(yr("syear"), _SEASONS[g["season"].lower()])
        if "nota" in g:
            spring = g["nota"].lower() == "voorjaars"
            return periods.with_note(
                periods.of_season(int(g["notayear"]), 1 if spring else 3),
                f"Het seizoen ({'voorjaar' if spring else 'najaar'}) is afgeleid "
                "uit de naam van het document.",
                f"The season ({'spring' if spring else 'autumn'}) is inferred from "
                "the name of the document.",
            )
        if "ypart" in g:
            if g["ypart"].lower() == "begin":
                return periods.with_note(
                    periods.of_quarter(int(g["ypyear"]), 1),
                    "'Begin' is gelezen als het eerste kwartaal.",
                    "'Begin' is read as the first quarter.",
                )
            return periods.with_note(
                periods.of_quarter(int(g["ypyear"]), 4),
                "'Eind' is gelezen als het laatste kwartaal.",
                "'Eind' is read as the last quarter.",
            )
        if "mon" in g:
            return periods.of_month(yr("myear"), _month_number(g["mon"]))
        if "yr1" in g:
            first, last = int(g["yr1"]), int(g["yr2"])
            if last < first:
                raise ValueError(f"{self.text!r}: the period ends before it begins")
            return DutchDate(
                dt.date(first, 1, 1),
                dt.date(last, 12, 31),
                "year",
                f"{first}/{last}",
                slug=f"{first}-{last}",
            )
        return periods.of_year(int(g["year"]))

    def _modified(self, base: DutchDate, reference, notes) -> DutchDate:
        modifier = self.modifier
        if modifier == "since":
            notes.append(
                (
                    "Alleen het begin is bekend; de grenzen omvatten de beginperiode.",
                    "Only the start is known; the bounds cover the starting period.",
                )
            )
            return DutchDate(base.earliest, base.latest, "open", f"{base.edtf}/..", slug=base.slug)
        if modifier in ("before", "until"):
            latest = base.earliest - dt.timedelta(days=1) if modifier == "before" else base.latest
            if reference is not None and reference <= latest:
                earliest = reference
                why = f"de referentiedatum {reference.isoformat()}"
                why_en = f"the reference date {reference.isoformat()}"
            else:
                earliest = dt.date(latest.year, 1, 1)
                why, why_en = f"1 januari {latest.year}", f"1 January {latest.year}"
            notes.append(
                (
                    f"Alleen een uiterste datum is bekend ({latest.isoformat()}); "
                    f"als vroegste datum geldt {why}.",
                    f"Only a limit is known ({latest.isoformat()}); the earliest bound is "
                    f"{why_en}.",
                )
            )
            word = "before" if modifier == "before" else "by"
            return DutchDate(
                earliest, latest, "open", f"../{latest.isoformat()}", slug=f"{word}-{base.slug}"
            )
        return base


def _day(text: str, g: dict, year: int | None) -> DutchDate:
    if "num" in g:  # 02/07/2025 is 2 July here and 7 February elsewhere: never guess
        raise ValueError(
            f"{g['num']!r} is a numeric date other than YYYY-MM-DD, so the order "
            "of day and month is not certain; write it as YYYY-MM-DD (2025-07-02) "
            "or in words ('2 juli 2025')"
        )
    try:
        if "iso" in g:  # ISO 8601 is year-month-day, whatever dateutil's day-first says
            day = dt.date.fromisoformat(g["iso"])
        else:
            written = f"{g['day']} {g['dmon']} {g.get('dyear') or year}"
            day = _dateutil.parse(written, parserinfo=_INFO).date()
    except (ValueError, OverflowError) as error:
        raise ValueError(f"{text.strip()!r} is not a date: {error}") from None
    return DutchDate(day, day, "day", day.isoformat(), slug=day.isoformat())


# ---------------------------------------------------------------------------- public API
def scan(text: str) -> list[Expression]:
    """Return every date expression in `text`, in order (bare "mei"/"zomer" only after a
    preposition or article)."""
    return [e for e in map(Expression, _PATTERN.finditer(text)) if e.anchored]


def parse(text: str, reference: dt.date | None = None) -> DutchDate:
    """Return the first date expression in `text` as a DutchDate.

    A year the text leaves out is inferred from `reference` (see the module docstring), or,
    without one, from the nearest fully dated expression in the same text. Raises ValueError,
    quoting the text, when it holds no date expression or a year cannot be inferred.
    """
    if not isinstance(text, str):
        raise ValueError(f"not a text: {text!r}")
    found = scan(text)
    whole = text.strip()
    bare = not found and (whole.lower() in MONTHS_NL or whole.lower() in _SEASONS)
    if bare:  # a lone "juni" or "zomer" is a date when it is all there is
        found = scan(f"in {whole}")
    if not found:
        raise ValueError(f"no Dutch date expression in {text!r}")
    first = found[0]
    if not first.has_year and reference is None:
        dated = [e for e in found if e.has_year and not e.modifier]
        if dated:
            nearest = min(dated, key=lambda e: abs(e.start - first.start))
            reference = nearest.resolve().earliest
    try:
        result = first.resolve(reference)
    except ValueError as error:
        raise ValueError(f"in {text!r}: {error}") from None
    return replace(result, text=whole) if bare else result
