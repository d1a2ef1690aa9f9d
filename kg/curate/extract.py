"""Monitor text → candidate events: a sheet `kg import` accepts once a curator has reviewed it.

    >>> from kg.curate.extract import extract
    >>> print(extract("sources/geweld-tegen-kinderen.txt").sheet("csv"))

How the text is read:

* **Structure.** Paragraphs are blocks between blank lines; a *heading* is a short block (at
  most 160 characters, not only digits) that does not end in . ! ? or : — each sentence stands
  under the nearest heading above it. The section is the graph's `kg:MonitorSection` whose title
  is that heading (the one whose line, `skos:notation`, is nearest when titles repeat, e.g.
  "Moties"), else the section at that line. The recommendation is the "Aanbeveling 22x" heading
  above, but only inside the policy part (after a heading starting "Beleid", until a heading
  ending "ontwikkelingen"): the figures part and "Laatste ontwikkelingen" list events under none.
* **Dates.** Every date expression of `kg.dates` in a sentence is one candidate, except year
  ranges ("2019-2022", periods of figures and programmes) and "tot …" limits. A year the text
  leaves out is inferred from the nearest full date in the same sentence, else from the latest
  explicit day or month date above it in the text. A sentence with no date but an ongoing or
  strong event cue ("momenteel", "wordt gewerkt aan", "Ook is een advieslijn ingesteld") is a
  candidate too, dated from the last dated sentence above it in its section (an ongoing one as
  "sinds …"; a planned date is passed over when an earlier one exists), with a date note saying so.
* **Kind** from cue words in the sentence's stretch around the date (between the neighbouring
  dates): strong cues (motie, Kamerbrief, rondetafelgesprek, in werking, campagne, …) before weak
  ones (rapport, advies, onderzoek, besluit, …), the cue nearest the date first; "vragen van
  <datum>" names what the date belongs to. Without a cue, the previous sentence's cue.
* **Status**: postponed for a date moved ("verplaatst naar" marks the new one planned), ongoing
  for "sinds", "momenteel", "wordt gewerkt aan", …, planned for "naar verwachting", "gepland" or
  a date after the last day the text reports, else occurred. **Outcome** from aangenomen,
  verworpen, ingediend, beantwoord, gesteld.
* **Actors and programmes**: the graph's labels and abbreviations found in the stretch
  (abbreviations case-sensitively); roles by the words before them (in opdracht van →
  commissioner, samen met → partner, the Kamer when it is informed → addressee), else agent.

This module holds the reader and the sheet; kg.curate.paragraphs splits the text,
kg.curate.cues reads kind, status and outcome, kg.curate.mentions finds the names.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg import dates, periods
from kg.curate import cues
from kg.curate.mentions import Matcher
from kg.curate.paragraphs import blocks, plain, with_lines
from kg.curate.sheet import COLUMNS
from kg.errors import InputError
from kg.namespaces import KG, compact

_RECOMMENDATION = re.compile(r"^aanbeveling\s+(22[a-z])\b", re.IGNORECASE)

SHEET_COLUMNS = [*COLUMNS, "source_line", "heading", "date_parsed", "source_text"]


@dataclass
class Candidate:
    """One proposed event: what the text says, and how it was read."""

    line: int
    sentence: str
    date: periods.DutchDate
    date_text: str  # goes in the sheet's date column
    heading: str = ""
    section: str = ""
    recommendation: str = ""
    kind: str = ""
    status: str = "occurred"
    outcome: str = ""
    actors: list[str] = field(default_factory=list)
    programme: list[str] = field(default_factory=list)
    reference: str = ""
    date_as_written: str = ""
    note_nl: str = ""
    note_en: str = ""
    stretch: str = ""  # the part of the sentence that belongs to this date

    def row(self) -> dict:
        """Return the candidate as a sheet row (columns of `kg import`, plus review columns)."""
        d = self.date
        return {
            "date": self.date_text,
            "kind": self.kind,
            "title_nl": "",
            "title_en": "",
            "description_nl": "",
            "description_en": "",
            "actors": "; ".join(self.actors),
            "programme": "; ".join(self.programme),
            "recommendation": self.recommendation,
            "status": self.status,
            "outcome": self.outcome,
            "section": self.section,
            "date_as_written": self.date_as_written,
            "reference_date": self.reference,
            "date_note_nl": self.note_nl,
            "date_note_en": self.note_en,
            "place": "",
            "source": "",
            "id": "",
            "source_line": str(self.line),
            "heading": self.heading,
            "date_parsed": f"{d.edtf} ({d.precision}: {d.earliest} .. {d.latest})",
            "source_text": self.sentence,
        }


@dataclass
class Extraction:
    """The candidates found in one text."""

    source: Path
    candidates: list[Candidate]

    def rows(self) -> list[dict]:
        return [c.row() for c in self.candidates]

    def sheet(self, fmt: str = "csv") -> str:
        """Return the candidates as a CSV or YAML sheet for review and `kg import`."""
        rows = self.rows()
        if fmt == "yaml":
            import yaml

            def compact_row(row):
                out = {
                    k: v
                    for k, v in row.items()
                    if v or k in ("title_nl", "title_en", "description_nl", "description_en")
                }
                for key in ("actors", "programme"):
                    if out.get(key):
                        out[key] = [p.strip() for p in out[key].split(";")]
                return out

            head = (
                f"# Candidate events from {self.source.name} (kg extract). Review every "
                "row, fill in titles and\n# descriptions in your own words, then: "
                "kg import THIS_FILE --dry-run\n"
            )
            return head + yaml.safe_dump(
                {"events": [compact_row(r) for r in rows]},
                allow_unicode=True,
                sort_keys=False,
                width=100,
            )
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SHEET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()


def extract(path, data=None, graph=None) -> Extraction:
    """Return the candidate events of the monitor text at `path`, names resolved against the
    graph (`graph`, or the data at `data`, default data/)."""
    import kg

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8")
    graph = graph if graph is not None else kg.load(data)
    return Extraction(path, Reader(graph).read(text))


# ------------------------------------------------------------------------------ the reader
class Reader:
    """Reads one monitor text against one graph's actors, instruments and sections."""

    def __init__(self, graph):
        self.actors = Matcher(graph.names(["actor"]), "actor")
        self.instruments = Matcher(graph.names(["instrument"]), "instrument")
        self.sections = [
            (row["s"], row["title"], _int(row.get("notation")))
            for row in graph.query(_SECTIONS, cls=_iri(KG + "MonitorSection"))
        ]

    def read(self, text: str) -> list[Candidate]:
        text = plain(text)
        parsed = []  # (block, heading, section, recommendation)
        heading, heading_line, recommendation, policy = "", 0, "", False
        for block in blocks(text):
            if block.heading:
                heading, heading_line = block.text, block.line
                if re.match(r"beleid", heading, re.IGNORECASE):
                    policy = True
                elif re.search(r"ontwikkelingen$", heading, re.IGNORECASE):
                    policy, recommendation = False, ""
                numbered = _RECOMMENDATION.match(heading)
                if numbered:
                    recommendation = numbered.group(1).lower() if policy else ""
                continue
            if not re.search(r"[^\W\d_]", block.text):
                continue  # a bare figure ("62.795", "2020") is no sentence
            parsed.append((block, heading, self._section(heading, heading_line), recommendation))
        as_of = self._as_of(parsed)
        candidates: list[Candidate] = []
        latest_explicit = None
        for block, heading, section, recommendation in parsed:
            previous_sentence = ""
            section_dates: list[Candidate] = [
                c for c in candidates if c.section == section and c.heading == heading
            ]
            block_candidates: list[Candidate] = []
            for offset, sentence in with_lines(block):
                line = block.line + offset
                found = self._dated(sentence, latest_explicit, as_of, block_candidates)
                if not found or (
                    cues.ONGOING.search(sentence) and all(c.status == "planned" for c in found)
                ):
                    found = found + self._undated(sentence, section_dates)
                for candidate in found:
                    candidate.line, candidate.heading = line, heading
                    candidate.section, candidate.recommendation = section, recommendation
                    if not candidate.kind:
                        candidate.kind = cues.kind_of(previous_sentence, None) or ""
                    self._names(candidate)
                    candidates.append(candidate)
                    section_dates.append(candidate)
                    block_candidates.append(candidate)
                for candidate in found:
                    d = candidate.date
                    explicit = (
                        not d.inferred_year
                        and d.precision in ("day", "month")
                        and not candidate.note_nl.startswith("De zin")
                    )
                    if explicit:
                        latest_explicit = max(latest_explicit or d.earliest, d.earliest)
                previous_sentence = sentence
        return candidates

    # ------------------------------------------------------------------ a sentence with dates
    def _dated(self, sentence: str, latest_explicit, as_of, earlier) -> list[Candidate]:
        found = [
            e for e in dates.scan(sentence) if "yr1" not in e._groups and e.modifier != "until"
        ]
        out: list[Candidate] = []
        for index, expression in enumerate(found):
            reference = None
            if not expression.has_year:
                inside = [
                    e for e in found if e.has_year and not e.modifier and "num" not in e._groups
                ]  # a numeric date is refused, no anchor
                if inside:
                    near = min(inside, key=lambda e: abs(e.start - expression.start))
                    reference = near.resolve().earliest
                else:
                    reference = latest_explicit
                if reference is None:
                    continue  # nothing to infer the year from: not a candidate
            try:
                date = expression.resolve(reference)
            except ValueError:
                continue
            start = found[index - 1].end if index else 0
            end = found[index + 1].start if index + 1 < len(found) else len(sentence)
            stretch = sentence[start:end]
            at = (expression.start - start, expression.end - start)
            kind = cues.kind_of(stretch, at) or cues.kind_of(
                sentence, (expression.start, expression.end)
            )
            before = sentence[: expression.start]
            candidate = Candidate(
                0, sentence, date, expression.text.strip(), kind=kind or "", stretch=stretch
            )
            candidate.status = cues.status_of(stretch, date, as_of, expression)
            if cues.MOVED.search(before):  # "verplaatst naar september": the old date is postponed
                candidate.status = "planned"
                for old in reversed(out + earlier):
                    if old.kind == candidate.kind:
                        old.status = "postponed"
                        break
            candidate.outcome = cues.outcome_of(
                kind, stretch, attributive=bool(re.search(r"\bvan\s+$", before))
            )
            if date.inferred_year and reference is not None:  # a year inferred has a reference
                candidate.reference = reference.isoformat()
                candidate.note_nl, candidate.note_en = date.note_nl, date.note_en
            out.append(candidate)
        return out

    # ------------------------------------------------------------ a sentence without a date
    def _undated(self, sentence: str, section_dates: list[Candidate]) -> list[Candidate]:
        ongoing = cues.ONGOING.search(sentence)
        kind = cues.kind_of(sentence, None)
        also = sentence.startswith("Ook ") and kind
        if not (ongoing or also) or not section_dates:
            return []
        dated = [c for c in section_dates if not c.note_nl.startswith("De zin")]
        settled = [c for c in dated if c.status != "planned"] or dated
        if not settled:
            return []
        source = settled[-1]
        date = source.date
        words = re.sub(r"^(?:op|in|per)\s+", "", source.date_text, flags=re.IGNORECASE)
        text = f"sinds {words}" if ongoing and date.precision != "open" else source.date_text
        try:
            date = dates.parse(
                text, dates.parse(source.reference).earliest if source.reference else None
            )
        except ValueError:
            return []
        candidate = Candidate(0, sentence, date, text, kind=kind or "PolicyPreparation")
        candidate.status = (
            "ongoing"
            if ongoing
            else ("planned" if cues.PLANNED.search(sentence) else source.status)
        )
        candidate.date_as_written = ongoing.group(0) if ongoing else sentence.split(",")[0][:60]
        candidate.reference = source.reference
        candidate.note_nl = (
            "De zin noemt geen datum; de datum komt van de vorige gedateerde zin "
            f"in deze sectie ('{source.date_text}')"
            + (" en het werk loopt sindsdien." if ongoing else ".")
        )
        candidate.note_en = (
            "The sentence gives no date; it is taken from the previous dated "
            f"sentence of this section ('{source.date_text}')"
            + (" and the work has been ongoing since." if ongoing else ".")
        )
        candidate.outcome = cues.outcome_of(candidate.kind, sentence)
        candidate.stretch = sentence
        return [candidate]

    # ------------------------------------------------------------------------ helpers
    def _names(self, candidate: Candidate) -> None:
        stretch = candidate.stretch or candidate.sentence
        candidate.actors = [
            f"{role}:{name}" for role, name in self.actors.find(stretch, roles=True)
        ]
        candidate.programme = [name for _, name in self.instruments.find(stretch)]

    def _section(self, heading: str, line: int) -> str:
        from kg.names import normalise

        key = normalise(heading)
        titled = [s for s in self.sections if normalise(s[1]) == key]
        if titled:
            best = min(titled, key=lambda s: abs((s[2] or 0) - line))
            return compact(best[0]).removeprefix("sec:")
        above = [s for s in self.sections if s[2] is not None and s[2] <= line]
        return compact(max(above, key=lambda s: s[2])[0]).removeprefix("sec:") if above else ""

    def _as_of(self, parsed) -> object:
        """Return the last day the text reports: its latest explicit day date (not a limit)."""
        latest = None
        for block, *_ in parsed:
            for expression in dates.scan(block.text):
                if expression.has_year and not expression.modifier:
                    try:
                        d = expression.resolve()
                    except ValueError:
                        continue
                    if d.precision == "day" and not cues.PLANNED.search(
                        block.text[max(0, expression.start - 80) : expression.end + 80]
                    ):
                        latest = max(latest or d.earliest, d.earliest)
        return latest


_SECTIONS = """
SELECT ?s ?title ?notation WHERE {
    ?s a ?cls ; dct:title ?title .
    OPTIONAL { ?s skos:notation ?notation }
}"""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _iri(value: str):
    from kg.terms import IRI

    return IRI(value)
