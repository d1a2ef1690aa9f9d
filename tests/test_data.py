"""The curated graph: it parses, it is complete enough to trust, and it round-trips."""

from __future__ import annotations

import pytest

from kg import resources


def count(graph, where: str) -> int:
    return graph.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")[0]["n"]


def test_every_file_parses():
    from kg.files import read_quads

    files = resources.ontology_files() + resources.data_files() + [resources.SHAPES_FILE]
    assert sum(1 for _ in read_quads(files)) > 3000


@pytest.mark.parametrize(
    ("what", "where", "at_least"),
    [
        ("events", "?x a/rdfs:subClassOf* kg:Event", 60),
        ("actors", "?x a/rdfs:subClassOf* sem:Actor", 50),
        ("instruments", "?x a/rdfs:subClassOf* kg:PolicyInstrument", 25),
        ("observations", "?x a qb:Observation", 40),
        ("data gaps", "?x a kg:DataGap", 10),
        ("participations", "?x a kg:Participation", 5),
        ("positions", "?x a kg:Position", 1),
        ("abbreviations", "?a a/rdfs:subClassOf* sem:Actor ; skos:altLabel ?x", 20),
    ],
)
def test_graph_is_complete(graph, what, where, at_least):
    assert count(graph, where) >= at_least, what


def test_five_recommendations_and_article_19(graph):
    rows = graph.query(
        "SELECT ?n WHERE { ?r skos:inScheme ?s ; skos:notation ?n "
        "FILTER(?s IN (kg:RecommendationScheme, kg:CRCScheme)) }"
    )
    assert {r["n"] for r in rows} == {"22a", "22b", "22d", "22g", "22h", "19"}


def test_every_event_and_observation_has_a_section(graph):
    missing = graph.query("""SELECT ?x WHERE {
        { ?x a/rdfs:subClassOf* kg:Event } UNION { ?x a qb:Observation }
        FILTER NOT EXISTS { ?x prov:wasDerivedFrom/a kg:MonitorSection } }""")
    assert missing == []


def test_events_listed_under_the_section_heading_they_stand_in(graph):
    # The recommendation an event is listed under is the one whose policy section holds its section.
    rows = graph.query("""SELECT ?e ?rec ?sectionRec WHERE {
        ?e kg:listedUnder ?rec ; prov:wasDerivedFrom ?s .
        ?s dct:isPartOf* ?top . ?top dct:subject ?sectionRec .
        FILTER(?rec != ?sectionRec) }""")
    assert rows == []


def test_inferred_years_are_flagged(graph):
    rows = graph.query("SELECT ?e WHERE { ?e kg:yearInferred true }")
    inferred = {r["e"].rsplit("/", 1)[-1][:10] for r in rows}
    assert {"2025-01-27", "2025-03-10", "2025-03-25", "2025-05-28"} <= inferred


def test_vague_dates_are_ranges_not_days(graph):
    rows = graph.query("""SELECT ?edtf ?p WHERE { ?e kg:edtf ?edtf ; kg:datePrecision/skos:notation ?p ;
        sem:hasEarliestBeginTimeStamp ?a ; sem:hasLatestEndTimeStamp ?b FILTER(?p != "day" && ?p != "open") FILTER(?a = ?b) }""")
    assert rows == []


def test_turtle_jsonld_turtle_round_trip_is_isomorphic():
    import rdflib
    from rdflib.compare import isomorphic

    for path in resources.data_files():
        original = rdflib.Graph().parse(path)
        as_jsonld = original.serialize(format="json-ld")
        back = rdflib.Graph().parse(data=as_jsonld, format="json-ld")
        again = rdflib.Graph().parse(data=back.serialize(format="turtle"), format="turtle")
        assert isomorphic(original, again), path.name


def test_every_ontology_term_has_labels_and_definitions_in_both_languages(graph):
    rows = graph.query("""SELECT ?term ?what WHERE {
        ?term a ?type . FILTER(?type IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
        FILTER(STRSTARTS(str(?term), str(kg:)))
        VALUES (?what ?p ?l) { ("label nl" rdfs:label "nl") ("label en" rdfs:label "en")
                               ("definition nl" skos:definition "nl") ("definition en" skos:definition "en") }
        FILTER NOT EXISTS { ?term ?p ?text FILTER(lang(?text) = ?l) } }""")
    assert rows == []
    assert (
        graph.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?t a owl:Class FILTER(STRSTARTS(str(?t), str(kg:))) }"
        )[0]["n"]
        > 50
    )
