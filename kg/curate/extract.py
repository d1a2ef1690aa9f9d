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
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg import dates
from kg.curate.sheet import COLUMNS
from kg.errors import InputError
from kg.namespaces import KG, compact

# (tier, pattern, kind): a lower tier wins; in a tier, the cue nearest the date
CUES = [
    (1, r"\bmoties?\b", "Motion"),
    (1, r"\bschriftelijke (?:kamer)?vragen\b|\bkamervragen\b", "WrittenQuestions"),
    (1, r"\brondetafelgesprek\w*", "RoundTable"),
    (1, r"\bin werking (?:getreden|treedt|treden)\b|\bingegaan\b|\bin werking\b", "EntryIntoForce"),
    (1, r"\bmanifest\b", "Manifesto"),
    (1, r"\bstap terug\b", "StepBack"),
    (1, r"\bterug te trekken\b|\btrekt zich terug\b|\bteruggetrokken\b", "Withdrawal"),
    (1, r"\bkamerbrie(?:f|ven)\b|\bbeleidsreactie\b|\bgeïnformeerd\b", "ParliamentaryLetter"),
    (1, r"\bvoortgangsrapportage\b", "ProgressReport"),
    (1, r"\bconsultatie\b", "Consultation"),
    (1, r"\bovereenkomst\b|\bondertekend\b", "Agreement"),
    (1, r"\bcampagnes?\b|\blanceerde\b|\bgelanceerd\b", "Campaign"),
    (1, r"\bgeopend\b|\bopent\b|\boperationeel\b", "Opening"),
    (1, r"\btrainingen?\b|\bdeskundigheidsbevordering\b|\bscholing\b", "Training"),
    (
        1,
        r"\bvoorjaarsnota\b|\bnajaarsnota\b|\bbegroting\b|\bgeld gereserveerd\b|\btoegekend\b",
        "BudgetDecision",
    ),
    (1, r"\w*debat\b", "Debate"),
    (1, r"\bverlengd\b|\bverlenging\b", "PolicyDecision"),
    (1, r"\bopgenomen in het ziekenhuis\b|\bverwondingen\b", "Incident"),
    (1, r"\bwetsvoorstel\b|\bontwerpbesluit\b", "BillStage"),
    (2, r"\w*rapport(?:en)?\b", "Report"),
    (2, r"\badvies(?!-)\b|\badviseert\b", "Advice"),
    (2, r"\bonderzoek\b|\w*studie\b|\w*prevalentie\b|\bzelfrapportage\b", "Study"),
    (2, r"\bstatement\b|\bbekend ?gemaakt\b|\bmaakte\b.{0,60}\bbekend\b", "Statement"),
    (2, r"\bbrief\b", "Letter"),
    (2, r"\bbesluit\b|\bbepaald\b|\bvastgesteld\b|\bbesloten\b", "PolicyDecision"),
    (2, r"\bvan start\b|\bgestart\b|\bmonitort\b", "ProgrammeStart"),
    (
        2,
        r"\bontwikkeld\b|\btoetsingskader\b|\bingesteld\b|\bin gebruik\b|\bingevoerd\b",
        "Implementation",
    ),
    (2, r"\bgetest\b|\bpilot\b", "Pilot"),
    (
        2,
        r"\bin voorbereiding\b|\bwordt gewerkt aan\b|\bwerkt aan\b|\bverkend\b|\bopgesteld\b"
        r"|\bbereidt\b|\bin overleg\b",
        "PolicyPreparation",
    ),
    (3, r"\bgepubliceerd\b|\bpubliceerde\b|\bnaar buiten\b|\baangeboden\b", "Report"),
]
_CUES = [(tier, re.compile(pattern, re.IGNORECASE), kind) for tier, pattern, kind in CUES]

ONGOING = re.compile(
    r"\bsinds\b|\bvanaf\b|\bmomenteel\b|\bop dit moment\b|\bwordt gewerkt aan\b"
    r"|\bwerkt aan\b|\bin voorbereiding\b|\bwordt verkend\b|\bbereidt\b"
    r"|\bin overleg\b|\bwordt gebouwd\b",
    re.IGNORECASE,
)
PLANNED = re.compile(r"\bnaar verwachting\b|\bgepland\b|\bverwacht\b", re.IGNORECASE)
MOVED = re.compile(r"\b(?:verplaatst|uitgesteld)\s+(?:naar|tot)\s+$", re.IGNORECASE)
OUTCOMES = [
    (re.compile(p, re.IGNORECASE), o)
    for p, o in (
        (r"\baangenomen\b", "adopted"),
        (r"\bverworpen\b", "rejected"),
        (r"\bingediend\b", "submitted"),
        (r"\bbeantwoord\b|\bantwoord gegeven\b", "answered"),
        (r"\bgesteld\b", "asked"),
    )
]
_OUTCOME_KINDS = {
    "Motion": ("adopted", "rejected", "submitted"),
    "WrittenQuestions": ("asked", "answered"),
    "BillStage": ("adopted", "rejected", "submitted"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z0-9“\"‘'(À-Ý])")
_RECOMMENDATION = re.compile(r"^aanbeveling\s+(22[a-z])\b", re.IGNORECASE)

SHEET_COLUMNS = [*COLUMNS, "source_line", "heading", "date_parsed", "source_text"]


@dataclass
class Candidate:
    """One proposed event: what the text says, and how it was read."""

    line: int
    sentence: str
    date: dates.DutchDate
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
@dataclass
class Block:
    line: int
    text: str
    starts: tuple[int, ...] = (0,)  # where each of its lines starts in `text`

    @property
    def heading(self) -> bool:
        text = self.text.strip()
        return (
            0 < len(text) <= 160
            and not re.fullmatch(r"[\d.,\s%:]+", text)
            and text.rstrip("”\"’' ")[-1:] not in ".!?:"
        )


def blocks(text: str) -> list[Block]:
    """Return the paragraphs of `text` with the line each starts on (lines joined by spaces)."""
    found: list[Block] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            starts = [0]
            for previous in lines[:-1]:
                starts.append(starts[-1] + len(previous) + 1)
            found.append(Block(start, " ".join(lines), tuple(starts)))
            lines = []
    return found


def sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph (a split after . ! ? before a capital or digit)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


class Reader:
    """Reads one monitor text against one graph's actors, instruments and sections."""

    def __init__(self, graph):
        self.actors = _Matcher(graph.names(["actor"]), "actor")
        self.instruments = _Matcher(graph.names(["instrument"]), "instrument")
        self.sections = [
            (row["s"], row["title"], _int(row.get("notation")))
            for row in graph.query(_SECTIONS, cls=_iri(KG + "MonitorSection"))
        ]

    def read(self, text: str) -> list[Candidate]:
        text = _plain(text)
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
            for offset, sentence in _with_lines(block):
                line = block.line + offset
                found = self._dated(sentence, latest_explicit, as_of, block_candidates)
                if not found or (
                    ONGOING.search(sentence) and all(c.status == "planned" for c in found)
                ):
                    found = found + self._undated(sentence, section_dates)
                for candidate in found:
                    candidate.line, candidate.heading = line, heading
                    candidate.section, candidate.recommendation = section, recommendation
                    if not candidate.kind:
                        candidate.kind = _kind(previous_sentence, None) or ""
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
            kind = _kind(stretch, at) or _kind(sentence, (expression.start, expression.end))
            before = sentence[: expression.start]
            candidate = Candidate(
                0, sentence, date, expression.text.strip(), kind=kind or "", stretch=stretch
            )
            candidate.status = _status(stretch, date, as_of, expression)
            if MOVED.search(before):  # "verplaatst naar september": the old date is postponed
                candidate.status = "planned"
                for old in reversed(out + earlier):
                    if old.kind == candidate.kind:
                        old.status = "postponed"
                        break
            candidate.outcome = _outcome(
                kind, stretch, attributive=bool(re.search(r"\bvan\s+$", before))
            )
            if date.inferred_year and reference is not None:  # a year inferred has a reference
                candidate.reference = reference.isoformat()
                candidate.note_nl, candidate.note_en = date.note_nl, date.note_en
            out.append(candidate)
        return out

    # ------------------------------------------------------------ a sentence without a date
    def _undated(self, sentence: str, section_dates: list[Candidate]) -> list[Candidate]:
        ongoing = ONGOING.search(sentence)
        kind = _kind(sentence, None)
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
            "ongoing" if ongoing else ("planned" if PLANNED.search(sentence) else source.status)
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
        candidate.outcome = _outcome(candidate.kind, sentence)
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
                    if d.precision == "day" and not PLANNED.search(
                        block.text[max(0, expression.start - 80) : expression.end + 80]
                    ):
                        latest = max(latest or d.earliest, d.earliest)
        return latest


_SECTIONS = """
SELECT ?s ?title ?notation WHERE {
    ?s a ?cls ; dct:title ?title .
    OPTIONAL { ?s skos:notation ?notation }
}"""


class _Matcher:
    """Finds the labels and abbreviations of one vocabulary in a text."""

    def __init__(self, names, kind: str):
        self.names, self.kind = names, kind
        patterns = []
        for iri, name in names.written:
            name = _plain(re.sub(r"^(?:de|het|the)\s+", "", name.strip(), flags=re.IGNORECASE))
            if len(name) < 2 or name.isdigit():
                continue
            sensitive = len(name) <= 6 or name.isupper()
            patterns.append(
                (
                    len(name),
                    iri,
                    name,
                    re.compile(
                        r"(?<![\w-])" + re.escape(name) + r"(?![\w-])",
                        0 if sensitive else re.IGNORECASE,
                    ),
                )
            )
        self.patterns = sorted(patterns, key=lambda p: -p[0])

    def find(self, text: str, roles: bool = False) -> list[tuple[str, str]]:
        text = _plain(text)
        taken: list[tuple[int, int]] = []
        found: dict[str, tuple[int, str, str]] = {}
        for _, iri, _name, pattern in self.patterns:
            for match in pattern.finditer(text):
                span = match.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                if iri not in found:
                    found[iri] = (
                        span[0],
                        self._shown(iri, match.group(0)),
                        _role(text, span) if roles else "",
                    )
        ordered = sorted(found.values())
        return [(role, name) for _, name, role in ordered]

    def _shown(self, iri: str, written: str) -> str:
        try:
            if self.names.lookup(written, self.kind) == iri:
                return written
        except LookupError:
            pass
        return compact(iri).split(":", 1)[1]


def _role(text: str, span) -> str:
    before = text[max(0, span[0] - 40) : span[0]].lower()
    after = text[span[1] : span[1] + 80].lower()
    name = text[span[0] : span[1]].lower()
    if re.search(r"(?:in opdracht|op verzoek) van (?:de |het )?$", before):
        return "commissioner"
    if re.search(r"samen met (?:de |het )?$", before):
        return "partner"
    if "kamer" in name and (
        re.search(r"\b(?:aan|bij) de $", before)
        or re.search(r"geïnformeerd|bericht", after)
        or re.search(r"geïnformeerd|bericht", before)
    ):
        return "addressee"
    return "agent"


def _kind(text: str, at) -> str | None:
    """Return the kind the cue words of `text` propose, nearest `at` (a span) first."""
    if not text:
        return None
    hits = []
    for tier, pattern, kind in _CUES:
        for match in pattern.finditer(text):
            distance = 0 if at is None else max(at[0] - match.end(), match.start() - at[1], 0)
            hits.append((tier, distance, match.start(), kind, match.end()))
    if not hits:
        return None
    if at is not None and re.search(r"\bvan\s+$", text[: at[0]]):
        before = [h for h in hits if h[4] <= at[0] and at[0] - h[4] <= 60]
        if before:  # "vragen van 14 januari", "het rapport van … van februari 2025"
            return min(before, key=lambda h: (at[0] - h[4], h[0]))[3]
    return min(hits)[3]


def _status(stretch: str, date, as_of, expression) -> str:
    if expression.modifier == "since":
        return "ongoing"
    # an inferred year is near its reference by construction: "after the last day" says nothing
    future = as_of and date.earliest > as_of and not date.inferred_year
    if PLANNED.search(stretch) or future:
        return "planned"
    if ONGOING.search(stretch):
        return "ongoing"
    return "occurred"


def _outcome(kind: str | None, text: str, attributive: bool = False) -> str:
    allowed = _OUTCOME_KINDS.get(kind or "")
    if not allowed:
        return ""
    if kind == "WrittenQuestions" and attributive:
        return "asked"
    for pattern, outcome in OUTCOMES:
        if outcome in allowed and pattern.search(text):
            return outcome
    return ""


def _with_lines(block: Block):
    """Yield (line offset within the block, sentence) for the sentences of a block."""
    cursor = 0
    for sentence in sentences(block.text):
        at = block.text.find(sentence, cursor)
        cursor = max(at, cursor)
        yield sum(1 for start in block.starts[1:] if start <= cursor), sentence


def _plain(text: str) -> str:
    return text.translate(str.maketrans("’‘`", "'''"))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _iri(value: str):
    from kg.terms import IRI

    return IRI(value)
