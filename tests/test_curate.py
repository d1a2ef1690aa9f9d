"""Curation: import a sheet, extract candidates from text, diff two editions (real files)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import rdflib
import yaml
from click.testing import CliRunner
from rdflib import RDF, Literal, URIRef

from kg import resources
from kg.cli import main
from kg.curate import sheet as sheets
from kg.curate.diff import diff
from kg.curate.extract import extract
from kg.curate.importer import SheetError, import_sheet
from kg.namespaces import PREFIXES
from kg.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
CSV_SHEET = FIXTURES / "curate-sheet.csv"
YAML_SHEET = FIXTURES / "curate-sheet.yaml"
CURATING = Path(__file__).parent.parent / "docs" / "curating.md"
EV, KG, SEM = PREFIXES["ev"], PREFIXES["kg"], PREFIXES["sem"]
MOTION = URIRef(EV + "2025-07-02-motion-evaluating-reporting-code-adopted")
LETTER = URIRef(EV + "2025-07-09-letter-parliament-toekomstscenario-progress")
HEADER = (
    "date,kind,title_nl,title_en,description_nl,description_en,actors,programme,"
    "recommendation,status,outcome,section\n"
)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


def parsed(path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    return graph


def write_sheet(tmp_path, *rows, name="sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ import
def test_import_writes_the_event_template(data_copy):
    target = data_copy / "imported.ttl"
    result = import_sheet(CSV_SHEET, into=target, data=[data_copy])
    assert result.written and result.conforms and len(result.events) == 3
    graph = parsed(target)
    k = rdflib.Namespace(KG)
    predicates = {str(p) for p in graph.predicates(MOTION, None)}
    assert predicates == {
        str(RDF.type),
        PREFIXES["rdfs"] + "label",
        PREFIXES["dct"] + "description",
        KG + "status",
        KG + "outcome",
        KG + "dateAsWritten",
        KG + "edtf",
        KG + "datePrecision",
        SEM + "hasEarliestBeginTimeStamp",
        SEM + "hasLatestEndTimeStamp",
        KG + "addressee",
        KG + "listedUnder",
        PREFIXES["prov"] + "wasDerivedFrom",
    }
    assert (MOTION, RDF.type, k.Motion) in graph
    assert (MOTION, k.outcome, k.adopted) in graph
    assert (MOTION, k.dateAsWritten, Literal("Op 2 juli 2025", lang="nl")) in graph
    assert graph.value(MOTION, k.edtf) == Literal(
        "2025-07-02", datatype=URIRef(PREFIXES["edtf"] + "EDTF")
    )
    assert validate([data_copy]).conforms


def test_season_and_roles_and_programme(data_copy):
    target = data_copy / "imported.ttl"
    import_sheet(CSV_SHEET, into=target, data=[data_copy])
    graph = parsed(target)
    report = URIRef(EV + "2025-autumn-igj-report-waiting-times-expected")
    k = rdflib.Namespace(KG)
    assert graph.value(report, k.datePrecision) == k.season
    assert str(graph.value(report, URIRef(SEM + "hasEarliestBeginTimeStamp"))) == "2025-09-01"
    assert str(graph.value(report, URIRef(SEM + "hasLatestEndTimeStamp"))) == "2025-11-30"
    assert graph.value(report, k.agent) == URIRef(PREFIXES["ac"] + "igj")
    assert graph.value(report, k.subjectActor) == URIRef(PREFIXES["ac"] + "veilig-thuis")
    assert graph.value(report, k.status) == k.planned


def test_inferred_year_is_flagged_with_a_note(data_copy):
    target = data_copy / "imported.ttl"
    import_sheet(CSV_SHEET, into=target, data=[data_copy])
    graph = parsed(target)
    k = rdflib.Namespace(KG)
    assert graph.value(LETTER, k.yearInferred) == Literal(True)
    assert str(graph.value(LETTER, k.edtf)) == "2025-07-09"
    notes = {n.language for n in graph.objects(LETTER, k.dateNote)}
    assert notes == {"nl", "en"}


def test_yaml_sheet(data_copy):
    target = data_copy / "imported.ttl"
    result = import_sheet(YAML_SHEET, into=target, data=[data_copy])
    assert result.written
    graph = parsed(target)
    event = URIRef(EV + "2025-h2-centre-opens-saba")
    assert str(graph.value(event, URIRef(KG + "edtf"))) == "2025-41"
    assert graph.value(event, URIRef(SEM + "hasPlace")) == URIRef(PREFIXES["pl"] + "saba")
    assert graph.value(event, URIRef(KG + "partner")) == URIRef(PREFIXES["ac"] + "zjcn")


def test_dry_run_prints_turtle_and_writes_nothing(data_copy):
    target = data_copy / "imported.ttl"
    result = run("import", CSV_SHEET, "--into", target, "--data", data_copy, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "ev:2025-07-02-motion-evaluating-reporting-code-adopted a kg:Motion" in result.output
    assert "would add" in result.output
    assert not target.exists()
    graph = rdflib.Graph().parse(data=result.output.split("# dry run")[0], format="turtle")
    assert (MOTION, RDF.type, URIRef(KG + "Motion")) in graph


def test_importing_twice_adds_nothing(data_copy):
    target = data_copy / "imported.ttl"
    first = run("import", CSV_SHEET, "--into", target, "--data", data_copy)
    assert first.exit_code == 0 and "wrote" in first.output, first.output
    before = target.read_bytes()
    second = run("import", CSV_SHEET, "--into", target, "--data", data_copy)
    assert second.exit_code == 0 and "nothing to add" in second.output, second.output
    assert target.read_bytes() == before


def test_import_appends_and_keeps_what_was_there(data_copy):
    target = data_copy / "imported.ttl"
    import_sheet(CSV_SHEET, into=target, data=[data_copy])
    before = target.read_text(encoding="utf-8")
    import_sheet(YAML_SHEET, into=target, data=[data_copy])
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert len(parsed(target)) > len(rdflib.Graph().parse(data=before, format="turtle"))


def test_unknown_actor_is_reported_with_a_suggestion(data_copy, tmp_path):
    sheet = write_sheet(
        tmp_path,
        "Op 2 juli 2025,motie,Motie X,Motion X,Een motie.,A motion.,"
        "agent:IGZ,,22a,occurred,aangenomen,22a-moties",
    )
    target = data_copy / "imported.ttl"
    with pytest.raises(SheetError, match=r"unknown actor 'IGZ' — did you mean IGJ \(ac:igj\)"):
        import_sheet(sheet, into=target, data=[data_copy])
    assert not target.exists()
    result = run("import", sheet, "--into", target, "--data", data_copy)
    assert result.exit_code == 1 and "did you mean IGJ" in result.output


def test_every_problem_of_the_sheet_is_listed(data_copy, tmp_path):
    sheet = write_sheet(
        tmp_path,
        "Op 2 juli 2025,motiee,Motie X,Motion X,Een motie.,A motion.,,Toekomstscenarioo,22a,"
        "occurred,aangenomen,22a-motie",
        "geen datum,motie,Motie Y,Motion Y,Een motie.,A motion.,,,22a,occurred,,22a-moties",
    )
    with pytest.raises(SheetError) as info:
        import_sheet(sheet, into=data_copy / "x.ttl", data=[data_copy])
    message = str(info.value)
    assert "unknown kind 'motiee' — did you mean motie (kg:Motion)?" in message
    assert "unknown instrument 'Toekomstscenarioo'" in message and "in:toekomstscenario" in message
    assert "unknown section '22a-motie'" in message and "sec:22a-moties" in message
    assert "no Dutch date expression in 'geen datum'" in message


def test_shacl_refusal_leaves_the_target_unchanged(data_copy, tmp_path):
    target = data_copy / "imported.ttl"
    import_sheet(CSV_SHEET, into=target, data=[data_copy])
    before = target.read_bytes()
    # a motion needs an outcome (ksh:MotionShape): every name resolves, the shapes refuse
    sheet = write_sheet(
        tmp_path,
        "Op 3 juli 2025,motie,Motie zonder uitkomst,"
        "Motion without outcome,Een motie.,A motion.,,,22a,occurred,,"
        "22a-moties",
    )
    result = import_sheet(sheet, into=target, data=[data_copy])
    assert not result.conforms and not result.written
    assert any("kg:outcome" in v for v in result.violations)
    assert target.read_bytes() == before
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == []
    cli = run("import", sheet, "--into", target, "--data", data_copy)
    assert cli.exit_code == 1 and "refused" in cli.output
    assert target.read_bytes() == before


def test_unknown_column_is_an_error(tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("datum,kind\nOp 1 juli 2024,motie\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown column"):
        sheets.read(path)


def test_docs_document_every_column_and_command():
    section = CURATING.read_text(encoding="utf-8")
    for column in sheets.COLUMNS:
        assert f"`{column}`" in section, column
    for command in ("kg import", "kg extract", "kg diff"):
        assert command in section
    help_text = run("--help").output
    for command in ("import", "extract", "diff"):
        assert command in help_text


# ------------------------------------------------------------------------------ extract
SHORT_TEXT = """Geweld tegen kinderen

Beleidsbeschrijvingen

Aanbeveling 22a. Zorg dat alle gevallen van geweld tegen kinderen daadwerkelijk worden onderzocht

Moties

Op 21 november 2024 werd een motie verworpen over het aanstellen van een nationaal coördinator. Op 27 januari heeft LNVT een statement naar buiten gebracht.

Veilig Thuis

Sinds januari 2025 gebruikt de Inspectie Gezondheidszorg en Jeugd een toetsingskader voor toezicht op Veilig Thuis.

Laatste ontwikkelingen

Kamervragen

Op 25 maart zijn schriftelijke vragen gesteld over de uitvoering van jeugdbeschermingsmaatregelen en het falen van GI’s.
"""


@pytest.fixture
def short_text(tmp_path) -> Path:
    path = tmp_path / "monitor.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    return path


def test_extract_short_text(graph, short_text):
    candidates = extract(short_text, graph=graph).candidates
    found = [
        (c.date.earliest.isoformat(), c.kind, c.status, c.outcome, c.section, c.recommendation)
        for c in candidates
    ]
    assert found == [
        ("2024-11-21", "Motion", "occurred", "rejected", "22a-moties", "22a"),
        ("2025-01-27", "Statement", "occurred", "", "22a-moties", "22a"),
        ("2025-01-01", "Implementation", "ongoing", "", "22a-veilig-thuis", "22a"),
        ("2025-03-25", "WrittenQuestions", "occurred", "asked", "lo-kamervragen", ""),
    ]
    statement = candidates[1]
    assert statement.date.inferred_year and statement.reference == "2024-11-21"
    assert statement.actors == ["agent:LNVT"]
    assert "agent:Inspectie Gezondheidszorg en Jeugd" in candidates[2].actors
    assert candidates[2].date.edtf == "2025-01/.."


def test_extracted_sheet_is_accepted_by_import_after_review(graph, short_text, data_copy):
    text = extract(short_text, graph=graph).sheet("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    for number, row in enumerate(rows):  # the reviewer's part: titles and descriptions
        row["title_nl"], row["title_en"] = f"Gebeurtenis {number}", f"Event {number}"
        row["description_nl"], row["description_en"] = "Door een mens herschreven.", "Rewritten."
    reviewed = data_copy.parent / "reviewed.csv"
    with reviewed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = import_sheet(
        reviewed, into=data_copy / "extracted.ttl", data=[data_copy], dry_run=True
    )
    assert result.conforms and len(result.events) == 4
    assert "kg:yearInferred true" in result.turtle


def test_extract_cli_yaml(short_text):
    result = run("extract", short_text, "--format", "yaml")
    assert result.exit_code == 0, result.output
    events = yaml.safe_load(result.output)["events"]
    assert [e["date"] for e in events] == [
        "Op 21 november 2024",
        "Op 27 januari",
        "Sinds januari 2025",
        "Op 25 maart",
    ]
    assert events[0]["kind"] == "Motion" and events[0]["outcome"] == "rejected"


# ------------------------------------------------------------------------------ diff
OLD = """@prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .
@prefix ev: <https://w3id.org/kinderrechten-kg/id/event/> .
@prefix ac: <https://w3id.org/kinderrechten-kg/id/actor/> .
@prefix obs: <https://w3id.org/kinderrechten-kg/id/observation/> .
@prefix part: <https://w3id.org/kinderrechten-kg/id/participation/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ev:debate a kg:Debate ; rdfs:label "Debat"@nl ; kg:status kg:postponed .
ev:gone a kg:Motion ; rdfs:label "Weg"@nl .
ac:igj a kg:Inspectorate ; rdfs:label "Inspectie Gezondheidszorg en Jeugd"@nl .
obs:reports a qb:Observation ; kg:value 66400 .
part:gis a kg:Participation ; org:memberDuring [ a time:Interval ;
    time:hasBeginning [ a time:Instant ; time:inXSDDate "2025-01-21"^^xsd:date ] ] .
"""


def test_diff_equal_exits_0(tmp_path, data_copy):
    result = run("diff", resources.DATA_DIR, data_copy)
    assert result.exit_code == 0 and "equal" in result.output
    (tmp_path / "a.ttl").write_text(OLD, encoding="utf-8")
    (tmp_path / "b.ttl").write_text(
        OLD.replace(
            'ev:gone a kg:Motion ; rdfs:label "Weg"@nl .',
            'ev:gone rdfs:label "Weg"@nl ; a kg:Motion .',
        ),
        encoding="utf-8",
    )
    assert run("diff", tmp_path / "a.ttl", tmp_path / "b.ttl").exit_code == 0


def test_diff_tells_changes_by_subject_and_exits_1(tmp_path):
    new = (
        OLD.replace("kg:status kg:postponed", "kg:status kg:planned ; kg:agent ac:igj")
        .replace('ev:gone a kg:Motion ; rdfs:label "Weg"@nl .\n', "")
        .replace("kg:value 66400", "kg:value 66401")
        .replace('"2025-01-21"^^xsd:date', '"2025-01-27"^^xsd:date')
        + 'ev:new a kg:Report ; rdfs:label "Nieuw rapport"@nl .\n'
    )
    (tmp_path / "old.ttl").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.ttl").write_text(new, encoding="utf-8")
    result = run("diff", tmp_path / "old.ttl", tmp_path / "new.ttl")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "  changed ev:debate : kg:status kg:postponed → kg:planned" in lines
    assert "  changed ev:debate : + kg:agent ac:igj" in lines
    assert "  added   ev:new (kg:Report) “Nieuw rapport”" in lines
    assert "  removed ev:gone (kg:Motion) “Weg”" in lines
    assert "  changed obs:reports : kg:value 66400 → 66401" in lines
    assert (
        "  changed part:gis : org:memberDuring/time:hasBeginning/time:inXSDDate "
        "2025-01-21 → 2025-01-27"
    ) in lines
    groups = re.findall(r"^(\w[\w ]*): ", result.output, flags=re.MULTILINE)
    assert groups == ["events", "participation", "statistics"]


def test_diff_library_on_folders(tmp_path, data_copy):
    extra = data_copy / "extra.ttl"
    extra.write_text(OLD, encoding="utf-8")
    result = diff(resources.DATA_DIR, data_copy)
    assert not result.equal and result.only_old == 0 and result.only_new > 0
    assert {c.kind for c in result.changes} == {"added"}
