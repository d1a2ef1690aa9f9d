"""What the graph was missing (issue 13, point 3): the monitor's findings, documents as things,
funding, two kinds of data gap, ongoing work, and the Committee's document, each held to the text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import broken_file

from kg.validate import validate

TEXT = (Path(__file__).resolve().parent / "fixtures" / "geweld-tegen-kinderen.txt").read_text(
    encoding="utf-8"
)
BASE = "https://w3id.org/kinderrechten-kg/id/"


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- findings


def test_findings_cover_summary_focus_definition_figures_and_expert(graph):
    rows = graph.query("""SELECT ?f ?section ?who WHERE {
        ?f a kg:Finding ; prov:wasDerivedFrom ?s . ?s a kg:MonitorSection .
        BIND(replace(str(?s), "^.*/", "") AS ?section)
        OPTIONAL { ?f prov:wasAttributedTo ?who } }""")
    by_section: dict[str, set] = {}
    for row in rows:
        by_section.setdefault(row["section"], set()).add(row["f"])
    assert len(by_section["zo-staat-het-ervoor"]) >= 5
    assert by_section["focus"] and by_section["definitie"]
    assert len(by_section["cijfermatige-ontwikkelingen"]) >= 3  # l. 67 (two) and l. 75
    expert = {r["f"] for r in rows if r["section"] == "expert"}
    assert len(expert) >= 5
    # the text names the expert (l. 291, 315): every interview finding is hers
    assert {r["who"] for r in rows if r["f"] in expert} == {BASE + "actor/ditte-van-haalen"}
    assert "Ditte van Haalen" in TEXT.splitlines()[290] and "Augeo" in TEXT.splitlines()[314]


@pytest.mark.parametrize(
    ("word", "phrase"),
    [
        ("wantrouwen", "wantrouwen richting Veilig Thuis groeit"),
        ("lokale teams", "teruggelegd bij lokale teams zonder (zichtbare) opvolging"),
        ("versnipperd", "versnipperd geraakt"),
        ("hoopvol", "hoopvol stemmen"),
        ("domeinoverstijgend", "één domein overstijgend plan"),
    ],
)
def test_expert_findings_the_issue_lists(graph, word, phrase):
    """Distrust of Veilig Thuis, reports handed back to local teams, fragmented prevention,
    hopeful signs, the call for one cross-domain plan: one finding each, backed by the text."""
    assert phrase in TEXT
    rows = graph.query(
        """SELECT ?f WHERE { ?f a kg:Finding ; prov:wasAttributedTo ac:ditte-van-haalen ;
        rdfs:label ?l FILTER(lang(?l) = "nl" && CONTAINS(lcase(str(?l)), ?w)) }""",
        w=word,
    )
    assert len(rows) == 1, word


def test_findings_query_filters_by_recommendation_on_both_engines(graph, rdflib_graph):
    everything = graph.named("findings")
    only_22b = graph.named("findings", recommendation="22b")
    assert only_22b and len(only_22b) < len(everything)
    assert {r["finding"] for r in only_22b} == {
        r["finding"] for r in everything if r["notation"] == "22b"
    }
    assert graph.named("findings", lang="en") == rdflib_graph.named("findings", lang="en")


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize(
    "title",
    [
        "Groeipijn",
        "Inrichting Regionale Veiligheidsteams",
        "Wet seksuele misdrijven: voorbereiding evaluatie en nulmeting",
        "Justitiële aanpak van relationeel geweld in Caribisch Nederland",
        "Betere bescherming van kinderen en gezinnen vraagt om een fundamentele verandering",
    ],
)
def test_titled_documents(graph, title):
    assert title in " ".join(TEXT.split()).replace("Caribisch Nederland’", "Caribisch Nederland")
    rows = graph.query(
        "SELECT ?d WHERE { ?d a kg:Document ; dct:title ?t FILTER(str(?t) = ?title) }", title=title
    )
    assert len(rows) == 1


def test_every_document_title_is_in_the_text(graph):
    flat = " ".join(TEXT.split())
    rows = graph.query(
        "SELECT ?d ?t WHERE { ?d a kg:Document ; dct:title ?t FILTER(lang(?t) = 'nl') }"
    )
    assert len(rows) >= 5
    assert [r["d"] for r in rows if r["t"] not in flat] == []


def test_progress_reports_four_five_six(graph):
    rows = graph.query("""SELECT ?d (COUNT(?e) AS ?events) WHERE {
        ?d kg:documentKind kg:progressReportDocument .
        OPTIONAL { ?e kg:publishes|kg:presents ?d } } GROUP BY ?d""")
    found = {tail(r["d"]): r["events"] for r in rows}
    assert found == {
        "toekomstscenario-fourth-progress-report": 0,  # only a heading (l. 180)
        "toekomstscenario-fifth-progress-report": 1,
        "toekomstscenario-sixth-progress-report": 1,
    }


def test_every_other_document_is_linked_from_an_event(graph):
    rows = graph.query("""SELECT ?d WHERE { ?d a kg:Document .
        FILTER NOT EXISTS { ?e kg:publishes|kg:presents|kg:respondsToDocument ?d }
        FILTER NOT EXISTS { ?d a kg:Source } }""")
    assert [tail(r["d"]) for r in rows] == ["toekomstscenario-fourth-progress-report"]


def test_links_between_events_the_text_makes(graph):
    assert graph.query("""ASK {
        ev:2025-06-17-kamerbrief-vlaardingen-improvement-measures
            kg:respondsTo ev:2025-01-30-inspectorates-report-vlaardingen-foster-child ;
            kg:respondsToDocument doc:2025-01-30-inspectorates-report-vlaardingen .
        doc:2025-06-17-manifesto-jeugdzorg-nederland kg:writtenFor ?debate .
        ?debate kg:status kg:postponed ; kg:postponedTo ?later .
        ?later kg:edtf "2025-09"^^edtf:EDTF .
        ev:2025-06-17-jeugdzorg-nederland-manifesto kg:publishes doc:2025-06-17-manifesto-jeugdzorg-nederland }""")


# --------------------------------------------------------------------------- funding, gaps, ongoing work


def test_funding_is_data(graph):
    rows = graph.query("""SELECT ?programme ?outcome ?budget WHERE {
        ?f a kg:Funding ; kg:fundedInstrument ?programme ; kg:fundingOutcome/skos:notation ?outcome ;
           prov:wasDerivedFrom sec:lo-voorjaarsnota .
        OPTIONAL { ?f kg:budgetDocument ?budget } }""")
    assert {
        (tail(r["programme"]), r["outcome"], r["budget"] and tail(r["budget"])) for r in rows
    } == {
        ("toekomstscenario", "none-reserved", "voorjaarsnota-2025"),
        ("hervormingsagenda-jeugd", "temporary-extra", None),
    }
    line = TEXT.splitlines()[272]
    assert "geen geld gereserveerd" in line and "tijdelijk extra middelen" in line


def test_data_gaps_of_two_kinds(graph):
    every = {r["gap"] for r in graph.named("data-gaps")}
    unknown = {r["gap"] for r in graph.named("data-gaps", kind="not-known")}
    charts = {r["gap"] for r in graph.named("data-gaps", kind="chart-values")}
    assert {tail(g) for g in charts} == {f"figure-{n}-values" for n in range(1, 5)}
    assert unknown and not unknown & charts and unknown | charts == every
    for n in range(1, 5):
        assert re.search(rf"^Figuur {n}\. ", TEXT, re.M)


def test_family_justice_center_being_built(graph):
    assert "Er wordt gebouwd aan een Family Justice Center" in TEXT
    rows = graph.query("""SELECT ?e ?status WHERE { ?e kg:subjectActor ac:family-justice-center ;
        kg:status/skos:notation ?status }""")
    assert {r["status"] for r in rows} == {"ongoing", "planned"}


# --------------------------------------------------------------------------- the Committee's document


def test_recommendations_are_paragraphs_of_the_committees_document(graph):
    rows = graph.query("""SELECT ?n ?cite ?id ?issued ?note WHERE {
        ?r skos:inScheme kg:RecommendationScheme ; skos:notation ?n ;
           dct:isPartOf ?doc ; dct:bibliographicCitation ?cite .
        ?doc a kg:Source ; dct:identifier ?id ; dct:issued ?issued ;
             skos:note ?note FILTER(lang(?note) = "en") }""")
    assert {r["n"] for r in rows} == {"22a", "22b", "22d", "22g", "22h"}
    for row in rows:
        assert row["id"] == "CRC/C/NLD/CO/5-6"
        assert row["issued"] == dt.date(2022, 2, 11)
        assert row["cite"].endswith(f"para. 22 ({row['n'][-1]})")
        assert "Outside knowledge" in row["note"]
    assert "CRC/C/NLD/CO/5-6" not in TEXT  # hence the note


# --------------------------------------------------------------------------- the site


def test_index_lists_the_findings_and_cards_show_theirs(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count("data-finding=") >= 20
    cards = (site / "recommendations.html").read_text(encoding="utf-8")
    card_22b = cards.split('id="rec-22b"', 1)[1].split("</article>", 1)[0]
    assert f'data-finding="{BASE}finding/bes-protection-structure-steps"' in card_22b
    card_22h = cards.split('id="rec-22h"', 1)[1].split("</article>", 1)[0]
    assert "data-finding=" not in card_22h  # no finding judges 22h


# --------------------------------------------------------------------------- the new shapes fire

CASES = [
    (
        "finding-judges",
        "DELETE WHERE { fnd:little-prevention-policy kg:judges ?x }",
        "fnd:little-prevention-policy",
        "judges",
    ),
    (
        "document-kind",
        "DELETE WHERE { doc:2025-01-30-groeipijn kg:documentKind ?k }",
        "doc:2025-01-30-groeipijn",
        "documentKind",
    ),
    (
        "publishes-a-document",
        "INSERT DATA { ev:2025-01-30-groeipijn-report kg:publishes in:toekomstscenario }",
        "ev:2025-01-30-groeipijn-report",
        "kg:Document",
    ),
    (
        "gap-kind",
        "DELETE WHERE { gap:figure-1-values kg:gapKind ?k }",
        "gap:figure-1-values",
        "gapKind",
    ),
    (
        "undated-has-no-date-words",
        "INSERT DATA { ev:2025-vng-works-on-covenant-strong-local-teams kg:dateAsWritten 'werkt aan'@nl }",
        "ev:2025-vng-works-on-covenant-strong-local-teams",
        "dateAsWritten",
    ),
    (
        "approximation-not-exact",
        "INSERT DATA { obs:bes-children-in-youth-care-reports-2024 kg:value 186 }",
        "obs:bes-children-in-youth-care-reports-2024",
        "exact",
    ),
    (
        "funding-outcome",
        "DELETE WHERE { fund:voorjaarsnota-2025-toekomstscenario kg:fundingOutcome ?o }",
        "fund:voorjaarsnota-2025-toekomstscenario",
        "fundingOutcome",
    ),
    (
        "recommendation-in-document",
        "DELETE WHERE { rec:22a dct:isPartOf ?d }",
        "rec:22a",
        "Committee",
    ),
]


@pytest.mark.parametrize(("case", "update", "focus", "words"), CASES, ids=[c[0] for c in CASES])
def test_new_shape_fires(clean_data, shapes_graph, tmp_path, case, update, focus, words):
    path, changed = broken_file(clean_data, update, tmp_path / "broken.nt")
    assert changed, f"{case}: the update changed nothing"
    report = validate([path], shapes=shapes_graph)
    hits = [v for v in report.violations if v.focus.startswith(focus)]
    assert hits, f"{case}: no violation on {focus}; got:\n{report.text()}"
    assert words.lower() in " ".join(f"{v.message} {v.path}" for v in hits).lower()
