"""A curator's sheet (CSV or YAML) → rows of plain strings and lists, columns checked."""

from __future__ import annotations

import codecs
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
REQUIRED = (
    "date",
    "kind",
    "title_nl",
    "title_en",
    "description_nl",
    "description_en",
    "status",
    "section",
)
LISTS = ("actors", "programme", "place", "source")
# written by `kg extract` for the reviewer; the importer reads past them
INFORMATIONAL = ("source_line", "source_text", "heading", "date_parsed", "match")


MAX_FIELD = 128 * 1024  # characters in one cell: far beyond any description, bounds the work
MAX_BYTES = 32 * 1024 * 1024  # a whole sheet
MAX_DEPTH = 16  # YAML nesting: events → event → actors → roles → names needs 5


def read(path) -> list[dict]:
    """Return the rows of a .csv or .yaml/.yml sheet as dicts of str (lists for LISTS).

    Raises InputError (exit 2) for what cannot be read as it stands: a file that is not UTF-8
    (a BOM is allowed), a cell over MAX_FIELD characters, YAML aliases, nesting deeper than
    MAX_DEPTH, a column or key given twice, an unknown column.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv", ".tsv", ".txt"):
        raise InputError(f"{path}: a sheet is .csv or .yaml, not {path.suffix or 'no suffix'}")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(
            f"{path}: {path.stat().st_size} bytes; a sheet may have at most "
            f"{MAX_BYTES // 2**20} MiB"
        )
    text = decode(path, path.read_bytes())
    records = _yaml_records(path, text) if suffix in (".yaml", ".yml") else _csv_records(path, text)
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(f"{path}: row {number} is not a mapping of column → value")
        try:
            row = _clean(record)
        except ValueError as error:
            raise InputError(f"{path}: row {number}: {error}") from None
        for column, value in row.items():
            size = max(map(len, value), default=0) if isinstance(value, list) else len(value)
            if size > MAX_FIELD:
                raise InputError(
                    f"{path}: row {number}, column {column!r}: longer than {MAX_FIELD // 1024} KiB"
                )
        rows.append(row)
    unknown = sorted({k for row in rows for k in row} - set(COLUMNS) - set(INFORMATIONAL))
    if unknown:
        raise InputError(
            f"{path}: unknown column(s) {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}"
        )
    return rows


_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


def decode(path: Path, raw: bytes) -> str:
    """Return `raw` as text when it is UTF-8 (with or without BOM); else raise InputError
    naming the encoding it appears to be in, so that the curator can save it as UTF-8."""
    for bom, name in _BOMS:  # UTF-32-LE's BOM starts with UTF-16-LE's: longest first
        if raw.startswith(bom):
            raise InputError(f"{path}: the sheet is in {name}; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        found = best.encoding if best is not None else "an unknown encoding"
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}: not UTF-8 (line {line}: byte {raw[error.start]:#04x}); it "
            f"looks like {found}; save it as UTF-8"
        ) from None


def _yaml_records(path: Path, text: str) -> list:
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())  # a SafeLoader subclass
    except yaml.YAMLError as error:
        raise InputError(f"{path}: malformed YAML: {error}") from None
    if isinstance(data, dict) and "events" in data:
        data = data["events"]
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of events (or 'events:' with a list)")
    return data


def _loader():
    """Return a SafeLoader that refuses aliases (a 500-byte 'billion laughs' file would expand
    to gigabytes), nesting deeper than MAX_DEPTH (recursion) and a key given twice."""
    import yaml
    from yaml.constructor import ConstructorError
    from yaml.events import AliasEvent, CollectionStartEvent

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, AliasEvent):
                raise ConstructorError(
                    None,
                    None,
                    f"alias *{event.anchor} is not allowed in a sheet: write the value out",
                    event.start_mark,
                )
            if isinstance(event, CollectionStartEvent):
                self.depth += 1
                if self.depth > MAX_DEPTH:
                    raise ConstructorError(
                        None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                    )
            try:
                return super().compose_node(parent, index)
            finally:
                if isinstance(event, CollectionStartEvent):
                    self.depth -= 1

        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) or key is None:
                    if key in seen:
                        raise ConstructorError(
                            None, None, f"key {key!r} given twice", key_node.start_mark
                        )
                    seen.add(key)
            return super().construct_mapping(node, deep)

    return Loader


def _csv_records(path: Path, text: str) -> list:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t", key=first.count) if first else ","
    limit = csv.field_size_limit()
    # every cell is read whole and then measured, so that the error names row and column
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        names = [str(n).strip().lower() for n in reader.fieldnames or []]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InputError(f"{path}: column(s) {', '.join(map(repr, twice))} given twice")
        # cells past the header come as a list under the key None (csv.DictReader's restkey)
        return [
            row for row in reader if any(isinstance(v, str) and v.strip() for v in row.values())
        ]
    except csv.Error as error:
        raise InputError(f"{path}: malformed CSV at line {reader.line_num}: {error}") from None
    finally:
        csv.field_size_limit(limit)


def _clean(record: dict) -> dict:
    row: dict[str, str | list[str]] = {}
    for key, value in record.items():
        if key is None:
            continue
        key = str(key).strip().lower()
        if key in row:
            raise ValueError(f"column {key!r} given twice")
        if key in LISTS:
            row[key] = _as_list(value)
        else:
            row[key] = _as_text(value)
    return row


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):  # YAML reads 2025-01-21 10:00 as a timestamp
        return value.date().isoformat()
    if isinstance(value, dt.date):  # YAML reads 2025-01-21 as a date: ISO, year first
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
