"""A curator's sheet (CSV or YAML) → rows of plain strings and lists, columns checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from kg.errors import InputError

# column → what it holds; the README section "Curating: import, extract, diff" documents them
COLUMNS = {
    "date": "the date as written in Dutch ('Op 21 januari 2025', 'najaar 2025')",
    "kind": "event kind: class name or label, Dutch or English (Motion, motie, Kamerbrief)",
    "title_nl": "short label in Dutch",
    "title_en": "short label in English (also makes the IRI)",
    "description_nl": "one or two sentences in Dutch, own words",
    "description_en": "one or two sentences in English, own words",
    "actors": "';'-separated actors, optionally role:actor (agent, addressee, commissioner, "
              "partner, subject); no role means agent",
    "programme": "';'-separated programmes, laws, bills (labels, short names or slugs)",
    "recommendation": "22a, 22b, 22d, 22g, 22h (empty for 'Laatste ontwikkelingen')",
    "status": "occurred, planned, postponed, ongoing (or the Dutch labels)",
    "outcome": "adopted/aangenomen, rejected/verworpen, submitted/ingediend, asked/gesteld, "
               "answered/beantwoord",
    "section": "the monitor section the event comes from (slug, e.g. 22a-moties)",
    # optional
    "date_as_written": "the words of the text when `date` had to be restated (default: date)",
    "reference_date": "date a year-less `date` is resolved against (default: the latest "
                      "explicit date of the rows above)",
    "date_note_nl": "why the date is read so (default: the parser's own note)",
    "date_note_en": "the same in English",
    "place": "';'-separated places (Bonaire, pl:saba)",
    "source": "';'-separated sources the monitor names (src: slugs or titles)",
    "id": "the event's slug when the generated one will not do",
}
REQUIRED = ("date", "kind", "title_nl", "title_en", "description_nl", "description_en",
            "status", "section")
LISTS = ("actors", "programme", "place", "source")
# written by `kg extract` for the reviewer; the importer reads past them
INFORMATIONAL = ("source_line", "source_text", "heading", "date_parsed", "match")


def read(path) -> list[dict]:
    """Return the rows of a .csv or .yaml/.yml sheet as dicts of str (lists for LISTS)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".yaml", ".yml"):
        records = _yaml_records(path, text)
    elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
        records = _csv_records(text)
    else:
        raise InputError(f"{path}: a sheet is .csv or .yaml, not {path.suffix or 'no suffix'}")
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(f"{path}: row {number} is not a mapping of column → value")
        rows.append(_clean(record))
    unknown = sorted({k for row in rows for k in row} - set(COLUMNS) - set(INFORMATIONAL))
    if unknown:
        raise InputError(f"{path}: unknown column(s) {', '.join(unknown)}; "
                         f"the columns are {', '.join(COLUMNS)}")
    return rows


def _yaml_records(path: Path, text: str) -> list:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(f"{path}: malformed YAML: {error}") from None
    if isinstance(data, dict) and "events" in data:
        data = data["events"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of events (or 'events:' with a list)")
    return data


def _csv_records(text: str) -> list:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [row for row in reader if any((v or "").strip() for v in row.values() if v)]


def _clean(record: dict) -> dict:
    row = {}
    for key, value in record.items():
        if key is None:
            continue
        key = str(key).strip().lower()
        if key in LISTS:
            row[key] = _as_list(value)
        else:
            row[key] = _as_text(value)
    return row


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):  # YAML reads 2025-01-21 as a date
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(_as_text(v) for v in value)
    return str(value).strip()


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):  # {agent: IGJ, addressee: [Tweede Kamer]}
        return [f"{role}:{name}" for role, names in value.items() for name in _as_list(names)]
    if isinstance(value, list):
        return [item for v in value for item in _as_list(v)]
    return [part.strip() for part in str(value).split(";") if part.strip()]
