"""A curator's sheet → events in the project's ontology, validated, merged and written.

    >>> from kg.curate.importer import import_sheet
    >>> result = import_sheet("new-events.csv", into="data/events-2025.ttl", dry_run=True)
    >>> print(result.turtle)

Every row becomes one event following the event template of the conventions (kind, labels,
descriptions, status, dateAsWritten, EDTF, precision, bounds, roles, instruments, recommendation,
section; yearInferred + dateNote when the year was inferred). Names are resolved against the
loaded graph; a sheet with unknown names writes nothing. Nothing is written either unless the
new triples together with the existing data conform to the SHACL shapes. The write is atomic
(a uniquely named temporary file + os.replace, under a lock on the target's folder so that
concurrent imports take turns) and a merge by set union: triples already in the data are not
added again, so importing the same sheet twice adds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg import dates, files, resources
from kg.curate import sheet as sheets
from kg.curate import turtle
from kg.errors import InputError, KgError
from kg.namespaces import PREFIXES, compact

ROLES = {
    "agent": "agent",
    "uitvoerder": "agent",
    "addressee": "addressee",
    "geadresseerde": "addressee",
    "commissioner": "commissioner",
    "opdrachtgever": "commissioner",
    "partner": "partner",
    "subject": "subjectActor",
    "subjectactor": "subjectActor",
    "onderwerp": "subjectActor",
}
TEMP_SUFFIX = ".kg-import.tmp"
_STOPWORDS = {
    "the",
    "a",
    "an",
    "of",
    "from",
    "to",
    "in",
    "on",
    "for",
    "and",
    "by",
    "with",
    "at",
    "about",
    "its",
    "their",
    "into",
    "as",
    "is",
    "are",
    "be",
}


class SheetError(KgError):
    """The sheet names things the graph does not know, or lacks what an event needs."""

    exit_code = 1


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    sheet: Path
    target: Path
    events: list[str]
    added: int
    turtle: str
    conforms: bool
    written: bool
    dry_run: bool
    violations: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Return a summary for people: what was written where, or why nothing was."""
        where = _shown_path(self.target)
        names = ", ".join(compact(e) for e in self.events)
        if not self.added:
            verb = "is" if len(self.events) == 1 else "are"
            return (
                f"nothing to add: the {_events(self.events)} of {self.sheet.name} {verb} "
                f"already in the data ({names})"
            )
        if not self.conforms:
            return (
                "refused: with these triples the data would not conform to the shapes; "
                f"nothing written to {where}\n\n" + "\n\n".join(self.violations)
            )
        if self.dry_run:
            return (
                f"# dry run: would add {self.added} triples ({_events(self.events)}) "
                f"to {where}; the data would conform to the shapes"
            )
        return f"wrote {self.added} triples ({_events(self.events)}) to {where}: {names}"


def import_sheet(path, into=None, data=None, dry_run: bool = False) -> ImportResult:
    """Import the sheet at `path` into the Turtle file `into` (default data/<sheet>.ttl).

    `data` (files or folders, default data/) is the existing data the names are resolved
    against and the shapes are checked with; `into` is part of it whether or not it exists.
    """
    import kg

    path = Path(path)
    rows = sheets.read(path)
    if not rows:
        raise SheetError(f"{path}: the sheet has no rows")
    data_dir = Path(data[0]) if data and Path(data[0]).is_dir() else resources.DATA_DIR
    target = Path(into) if into else data_dir / f"{path.stem}.ttl"
    if target.suffix != ".ttl":
        raise InputError(f"{target}: the target must be a .ttl file")
    # from reading the data to replacing the target, one writer at a time: a second import
    # waits, then reads what the first wrote (and adds to it) instead of writing over it
    with files.locked(target):
        files.remove_leftovers(target, TEMP_SUFFIX)  # of imports killed before their replace
        context = [f for f in resources.data_files(data) if not _same(f, target)]
        existing_files = context + ([target] if target.is_file() else [])
        graph = kg.load(existing_files or None)
        new, events = build(rows, graph, path)
        existing = files.read_graph(existing_files, turtle.bound_graph())
        fresh = turtle.bound_graph(t for t in new if t not in existing)
        if not len(fresh):
            return ImportResult(path, target, events, 0, "", True, False, dry_run)
        old_text = target.read_text(encoding="utf-8") if target.is_file() else None
        text = _merged_text(old_text, fresh, path)
        checked: list = []

        def conforms(temp) -> bool:
            from kg.validate import validate

            checked.append(validate([*context, temp]))
            return checked[0].conforms and not dry_run

        # written beside the target under a name loaders skip (not *.ttl), checked, replaced
        files.write_atomic(target, text, suffix=TEMP_SUFFIX, check=conforms)
        report = checked[0]
        ours = {compact(str(s)) for s in fresh.subjects()}
        violations = [str(v) for v in report.violations if v.focus in ours] or [
            str(v) for v in report.violations
        ]
    block = turtle.serialize(fresh)
    return ImportResult(
        path,
        target,
        events,
        len(fresh),
        block,
        report.conforms,
        report.conforms and not dry_run,
        dry_run,
        violations,
    )


def build(rows: list[dict], graph, path=Path("sheet")):
    """Return (rdflib Graph of the events, their IRIs) for the rows; raise SheetError listing
    every problem when a name is unknown or a required value missing."""
    from rdflib import RDF, XSD, Literal, URIRef

    names = graph.names()
    out = turtle.bound_graph()
    events: list[str] = []
    problems: list[str] = []
    made: dict[str, int] = {}
    previous = None  # the latest explicit day or month above: the reference for year-less dates
    ns = {p: PREFIXES[p] for p in ("kg", "sem", "prov", "dct", "rdfs", "edtf")}

    def term(prefix, local):
        return URIRef(ns[prefix] + local)

    for number, row in enumerate(rows, start=1):
        here: list[str] = []

        def lookup(what, name, column, here=here, number=number):
            try:
                return URIRef(names.lookup(name, what))
            except LookupError as error:
                here.append(f"row {number} ({column}): {error}")
                return None

        missing = [c for c in sheets.REQUIRED if not row.get(c)]
        if missing:
            problems.append(f"row {number}: empty {', '.join(missing)}")
            continue
        try:
            reference = (
                dates.parse(row["reference_date"]).earliest
                if row.get("reference_date")
                else previous
            )
            date = dates.parse(row["date"], reference)
        except ValueError as error:
            problems.append(f"row {number} (date): {error}")
            continue
        if not date.inferred_year and date.precision != "open":
            previous = max(previous, date.earliest) if previous else date.earliest
        slug = row.get("id", "").removeprefix("ev:") or f"{date.slug}-{slugify(row['title_en'])}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            problems.append(f"row {number} (id): {slug!r} is not a slug (a-z, 0-9, -)")
            continue
        event = URIRef(PREFIXES["ev"] + slug)
        if str(event) in made:
            problems.append(
                f"row {number}: makes the same IRI as row {made[str(event)]} "
                f"(ev:{slug}); give one of them an id"
            )
            continue
        made[str(event)] = number
        triples = [
            (event, RDF.type, lookup("kind", row["kind"], "kind")),
            (event, term("rdfs", "label"), Literal(row["title_nl"], lang="nl")),
            (event, term("rdfs", "label"), Literal(row["title_en"], lang="en")),
            (event, term("dct", "description"), Literal(row["description_nl"], lang="nl")),
            (event, term("dct", "description"), Literal(row["description_en"], lang="en")),
            (event, term("kg", "status"), lookup("status", row["status"], "status")),
            (
                event,
                term("kg", "dateAsWritten"),
                Literal(row.get("date_as_written") or row["date"], lang="nl"),
            ),
            (event, term("kg", "edtf"), Literal(date.edtf, datatype=term("edtf", "EDTF"))),
            (event, term("kg", "datePrecision"), lookup("precision", date.precision, "date")),
            (
                event,
                term("sem", "hasEarliestBeginTimeStamp"),
                Literal(date.earliest.isoformat(), datatype=XSD.date),
            ),
            (
                event,
                term("sem", "hasLatestEndTimeStamp"),
                Literal(date.latest.isoformat(), datatype=XSD.date),
            ),
            (event, term("prov", "wasDerivedFrom"), lookup("section", row["section"], "section")),
        ]
        if date.inferred_year:
            triples.append((event, term("kg", "yearInferred"), Literal(True)))
        for language in ("nl", "en"):
            note = row.get(f"date_note_{language}") or getattr(date, f"note_{language}")
            if note:
                triples.append((event, term("kg", "dateNote"), Literal(note, lang=language)))
        if row.get("outcome"):
            triples.append(
                (event, term("kg", "outcome"), lookup("outcome", row["outcome"], "outcome"))
            )
        if row.get("recommendation"):
            triples.append(
                (
                    event,
                    term("kg", "listedUnder"),
                    lookup("recommendation", row["recommendation"], "recommendation"),
                )
            )
        for item in row.get("actors", []):
            role, actor = _role(item)
            if role is None:
                here.append(
                    f"row {number} (actors): unknown role in {item!r}; roles are "
                    + ", ".join(sorted(set(ROLES)))
                )
                continue
            triples.append((event, term("kg", role), lookup("actor", actor, "actors")))
        for column, what, predicate in (
            ("programme", "instrument", ("kg", "concerns")),
            ("place", "place", ("sem", "hasPlace")),
            ("source", "source", ("dct", "source")),
        ):
            for name in row.get(column, []):
                triples.append((event, term(*predicate), lookup(what, name, column)))
        if here:
            problems.extend(here)
            continue
        for triple in triples:
            out.add(triple)
        events.append(str(event))
    if problems:
        raise SheetError(
            f"{path}: {len(problems)} problem(s), nothing written:\n  " + "\n  ".join(problems)
        )
    return out, events


def slugify(title: str, words: int = 8) -> str:
    """Return a short IRI slug of an English title: "GI's withdraw from X" → 'gis-withdraw-x'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`]", "", text)
    parts = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    kept = [w for w in parts if w not in _STOPWORDS] or parts
    return "-".join(kept[:words]) or "event"


def _role(item: str):
    head, sep, rest = item.partition(":")
    if sep and head.strip().casefold() in ROLES:
        return ROLES[head.strip().casefold()], rest.strip()
    if (
        sep
        and head.strip()
        and " " not in head.strip()
        and head.strip() not in PREFIXES
        and not rest.startswith("//")
    ):
        return None, item
    return "agent", item.strip()


def _same(a: Path, b: Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def _merged_text(old_text: str | None, fresh, sheet: Path) -> str:
    """Return the target's new text: its old text untouched plus a block of the new triples."""
    body = turtle.serialize(fresh, with_header=False)
    if old_text is None:
        return (
            f"# Events imported with `kg import` from {sheet.name}.\n"
            + turtle.header()
            + "\n"
            + body
        )
    declared = set(re.findall(r"@prefix\s+([\w-]*):", old_text, flags=re.IGNORECASE))
    declared |= set(re.findall(r"PREFIX\s+([\w-]*):", old_text))
    needed = [p for p in turtle.HEADER_PREFIXES if p not in declared]
    head = turtle.header(needed) if needed else ""
    return (
        old_text.rstrip("\n") + f"\n\n# Added with `kg import` from {sheet.name}.\n" + head + body
    )


def _events(events) -> str:
    return f"{len(events)} event" + ("" if len(events) == 1 else "s")


def _shown_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
