"""Every SHACL shape fires on broken data, naming the right focus node (no shape that can't fire)."""

from __future__ import annotations

import pytest
from conftest import broken_file

from kg.validate import validate

GI = "ev:2025-01-21-gis-withdraw-toekomstscenario"
LNVT_SELECTIVE = "ev:2025-01-27-lnvt-selective-participation"

# (case, SPARQL Update that breaks one thing, focus node the report must name, words in the message)
CASES = [
    (
        "event-kind",
        f"DELETE {{ {GI} a kg:Withdrawal }} INSERT {{ {GI} a kg:Event }} WHERE {{}}",
        GI,
        "kind",
    ),
    (
        "event-label-nl",
        f"DELETE {{ {GI} rdfs:label ?l }} WHERE {{ {GI} rdfs:label ?l FILTER(lang(?l)='nl') }}",
        GI,
        "Dutch",
    ),
    (
        "event-label-en",
        f"DELETE {{ {GI} rdfs:label ?l }} WHERE {{ {GI} rdfs:label ?l FILTER(lang(?l)='en') }}",
        GI,
        "English",
    ),
    (
        "event-bounds-order",
        f"DELETE {{ {GI} sem:hasEarliestBeginTimeStamp ?d }} "
        f"INSERT {{ {GI} sem:hasEarliestBeginTimeStamp '2025-02-01'^^xsd:date }} "
        f"WHERE {{ {GI} sem:hasEarliestBeginTimeStamp ?d }}",
        GI,
        "earliest",
    ),
    ("event-latest-missing", f"DELETE WHERE {{ {GI} sem:hasLatestEndTimeStamp ?d }}", GI, "latest"),
    ("event-status", f"DELETE WHERE {{ {GI} kg:status ?s }}", GI, "status"),
    ("event-source", f"DELETE WHERE {{ {GI} prov:wasDerivedFrom ?s }}", GI, "MonitorSection"),
    ("event-precision", f"DELETE WHERE {{ {GI} kg:datePrecision ?s }}", GI, "precision"),
    (
        "event-role-not-actor",
        f"INSERT DATA {{ {GI} kg:agent in:toekomstscenario }}",
        GI,
        "sem:Actor",
    ),
    (
        "event-concerns-not-instrument",
        f"INSERT DATA {{ {GI} kg:concerns ac:igj }}",
        GI,
        "PolicyInstrument",
    ),
    (
        "motion-outcome",
        "DELETE { ?m kg:outcome ?o } WHERE { ?m a kg:Motion ; kg:outcome ?o ; "
        "sem:hasEarliestBeginTimeStamp '2024-11-21'^^xsd:date }",
        "ev:2024-11-21-",
        "motion",
    ),
    (
        "questions-outcome",
        "DELETE { ?q kg:outcome ?o } WHERE { ?q a kg:WrittenQuestions ; kg:outcome ?o ; "
        "sem:hasEarliestBeginTimeStamp '2025-03-21'^^xsd:date }",
        "ev:2025-03-21-",
        "questions",
    ),
    (
        "inferred-year-note",
        f"DELETE WHERE {{ {LNVT_SELECTIVE} kg:dateNote ?n }}",
        LNVT_SELECTIVE,
        "inferred",
    ),
    (
        "listed-under-recommendation",
        f"INSERT DATA {{ {GI} kg:listedUnder kg:occurred }}",
        "kg:occurred",
        "RecommendationScheme",
    ),
    (
        "actor-kind",
        "DELETE { ac:igj a ?c } INSERT { ac:igj a sem:Actor } WHERE { ac:igj a ?c }",
        "ac:igj",
        "kind",
    ),
    (
        "actor-label",
        "DELETE { ac:igj rdfs:label ?l } WHERE { ac:igj rdfs:label ?l FILTER(lang(?l)='nl') }",
        "ac:igj",
        "Dutch",
    ),
    (
        "instrument-kind",
        "DELETE { in:toekomstscenario a kg:Programme } "
        "INSERT { in:toekomstscenario a kg:PolicyInstrument } WHERE {}",
        "in:toekomstscenario",
        "kind",
    ),
    (
        "observation-value",
        "DELETE { ?o kg:value ?v } WHERE { ?o kg:value ?v ; kg:period ?p FILTER(?v = 66400) }",
        "obs:",
        "value",
    ),
    (
        "observation-unit",
        "DELETE { ?o kg:unit ?u } WHERE { ?o kg:value 66400 ; kg:unit ?u }",
        "obs:",
        "unit",
    ),
    (
        "observation-period-order",
        "DELETE { ?o kg:periodStart ?s } INSERT { ?o kg:periodStart '2030-01-01'^^xsd:date } "
        "WHERE { ?o kg:value 66400 ; kg:periodStart ?s }",
        "obs:",
        "periodStart",
    ),
    (
        "observation-indicator",
        "DELETE { ?o kg:indicator ?i } WHERE { ?o kg:value 66400 ; kg:indicator ?i }",
        "obs:",
        "indicator",
    ),
    (
        "observation-source",
        "DELETE { ?o prov:wasDerivedFrom ?s } WHERE { ?o kg:value 66400 ; prov:wasDerivedFrom ?s }",
        "obs:",
        "MonitorSection",
    ),
    (
        "gap-label",
        "DELETE { ?g rdfs:label ?l } WHERE { { SELECT ?g WHERE { ?g a kg:DataGap } ORDER BY ?g LIMIT 1 } "
        "?g rdfs:label ?l FILTER(lang(?l)='en') }",
        "gap:",
        "English",
    ),
    (
        "participation-member",
        "DELETE { ?p org:member ?m } WHERE { ?p org:member ?m ; kg:stance kg:withdrawn }",
        "part:",
        "org:member",
    ),
    (
        "participation-stance",
        "DELETE { ?p kg:stance ?s } WHERE { ?p kg:stance ?s ; org:member ac:gis }",
        "part:gis",
        "stance",
    ),
    (
        "position-stance",
        "DELETE { ?p kg:stance ?s } WHERE { ?p kg:stance ?s ; kg:heldBy ac:jeugdzorg-nederland }",
        "part:jeugdzorg-nederland",
        "stance",
    ),
    (
        "position-not-membership",
        "INSERT { ?p org:member ac:jeugdzorg-nederland } WHERE { ?p a kg:Position }",
        "part:jeugdzorg-nederland",
        "not a membership",
    ),
    (
        "stance-overlap",
        "DELETE { ?i time:hasEnd ?e } WHERE { ?p org:member ac:gis ; kg:stance kg:concern ; "
        "org:memberDuring ?i . ?i time:hasEnd ?e }",
        "part:gis",
        "overlaps",
    ),
    (
        "stance-overlap-position",
        "INSERT { ?p kg:heldBy ac:lnvt ; kg:onProgramme in:toekomstscenario } "
        "WHERE { ?p a kg:Position }",
        "part:",
        "overlaps",
    ),
    (
        "set-by-event",
        "INSERT { ?p kg:setBy ac:igj } WHERE { ?p org:member ac:gis ; kg:stance kg:withdrawn }",
        "part:gis",
        "setBy",
    ),
    (
        "label-unique-lang",
        f"INSERT DATA {{ {GI} rdfs:label 'Een tweede Nederlandse naam'@nl }}",
        GI,
        "rdfs:label per language",
    ),
    (
        "description-unique-lang",
        f"INSERT DATA {{ {GI} dct:description 'A second description'@en }}",
        GI,
        "dct:description per language",
    ),
    (
        "participation-interval-order",
        "DELETE { ?e time:inXSDDate ?d } INSERT { ?e time:inXSDDate '2020-01-01'^^xsd:date } "
        "WHERE { ?p kg:stance kg:selective ; org:memberDuring/time:hasEnd ?e . ?e time:inXSDDate ?d }",
        "part:",
        "interval",
    ),
    (
        "section-title",
        "DELETE WHERE { sec:22d-ts-reacties dct:title ?t }",
        "sec:22d-ts-reacties",
        "heading",
    ),
]


def test_clean_data_conforms(shapes_graph):
    report = validate(shapes=shapes_graph)
    assert report.conforms, report.text()


@pytest.mark.parametrize(("case", "update", "focus", "words"), CASES, ids=[c[0] for c in CASES])
def test_shape_fires(clean_data, shapes_graph, tmp_path, case, update, focus, words):
    path, changed = broken_file(clean_data, update, tmp_path / "broken.nt")
    assert changed or "INSERT" in update, f"{case}: the update changed nothing"
    report = validate([path], shapes=shapes_graph)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus.startswith(focus)]
    assert hits, f"{case}: no violation on {focus}; got:\n{report.text()}"
    text = " ".join(f"{v.message} {v.path} {v.shape}" for v in hits).lower()
    assert words.lower() in text, f"{case}: {words!r} not in {text!r}"
