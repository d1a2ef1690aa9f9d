"""The statistics are a well-formed RDF Data Cube: every data set has a structure, and the W3C
integrity constraints IC-1 … IC-21 (tests/qb_integrity.py, from the spec) hold after the spec's
normalization. Each constraint also fires on a small broken cube, so none of them is vacuous."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import qb_integrity as qb

from kg import resources

# A small cube that meets every constraint and exercises all of them: slices, a code list that is
# a concept scheme with a hierarchy (IC-19, IC-20), one that is a collection with an inverse
# hierarchy (IC-19, IC-21), and a second cube with a measure dimension (IC-15 … IC-17).
MINI = """
@prefix ex:   <http://example.org/> .
@prefix qb:   <http://purl.org/linked-data/cube#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

qb:measureType rdfs:range qb:MeasureProperty .   # as in the qb vocabulary

ex:dsdA a qb:DataStructureDefinition ;
    qb:component [ qb:dimension ex:region ], [ qb:dimension ex:year ], [ qb:dimension ex:sex ],
        [ qb:measure ex:count ], [ qb:attribute ex:unit ; qb:componentRequired true ],
        [ qb:attribute ex:note ; qb:componentRequired false ] ;
    qb:sliceKey ex:byRegion .
ex:byRegion a qb:SliceKey ; qb:componentProperty ex:region .
ex:region rdfs:range skos:Concept ; qb:codeList ex:regions .
ex:year rdfs:range xsd:integer .
ex:sex rdfs:range skos:Concept ; qb:codeList ex:sexes .
ex:regions a skos:ConceptScheme, qb:HierarchicalCodeList ;
    qb:hierarchyRoot ex:nl ; qb:parentChildProperty ex:hasPart .
ex:nl a skos:Concept ; skos:inScheme ex:regions ; ex:hasPart ex:north .
ex:north a skos:Concept ; skos:inScheme ex:regions .
ex:sexes a skos:Collection, qb:HierarchicalCodeList ; skos:member ex:all, ex:f, ex:m ;
    qb:hierarchyRoot ex:all ; qb:parentChildProperty [ owl:inverseOf ex:partOf ] .
ex:all a skos:Concept .
ex:f a skos:Concept ; ex:partOf ex:all .
ex:m a skos:Concept ; ex:partOf ex:all .

ex:dsA a qb:DataSet ; qb:structure ex:dsdA ; qb:slice ex:sliceNorth .
ex:sliceNorth a qb:Slice ; qb:sliceStructure ex:byRegion ; ex:region ex:north ;
    qb:observation ex:o1, ex:o2 .
ex:o1 a qb:Observation ; qb:dataSet ex:dsA ; ex:region ex:north ; ex:year 2024 ; ex:sex ex:f ;
    ex:count 5 ; ex:unit ex:persons .
ex:o2 a qb:Observation ; qb:dataSet ex:dsA ; ex:region ex:north ; ex:year 2024 ; ex:sex ex:m ;
    ex:count 7 ; ex:unit ex:persons .

ex:dsdB a qb:DataStructureDefinition ;
    qb:component [ qb:dimension ex:year ], [ qb:dimension qb:measureType ],
        [ qb:measure ex:low ], [ qb:measure ex:high ] .
ex:dsB a qb:DataSet ; qb:structure ex:dsdB .
ex:b1 qb:dataSet ex:dsB ; ex:year 2024 ; qb:measureType ex:low ; ex:low 1 .
ex:b2 qb:dataSet ex:dsB ; ex:year 2024 ; qb:measureType ex:high ; ex:high 3 .
"""

# One SPARQL Update per constraint that breaks the mini cube in exactly that respect.
BREAK = {
    "IC-1": "INSERT DATA { ex:o1 qb:dataSet ex:dsB }",
    "IC-2": "INSERT DATA { ex:dsA qb:structure ex:dsdB }",
    "IC-3": "INSERT DATA { ex:dsdC a qb:DataStructureDefinition ; qb:component [ qb:dimension ex:year ] }",
    "IC-4": "DELETE DATA { ex:year rdfs:range xsd:integer }",
    "IC-5": "DELETE DATA { ex:region qb:codeList ex:regions }",
    "IC-6": "INSERT { ?c qb:componentRequired false } WHERE { ex:dsdA qb:component ?c . ?c qb:dimension ex:year }",
    "IC-7": "INSERT DATA { ex:orphanKey a qb:SliceKey ; qb:componentProperty ex:year }",
    "IC-8": "INSERT DATA { ex:byRegion qb:componentProperty ex:colour }",
    "IC-9": "INSERT DATA { ex:sliceNorth qb:sliceStructure ex:otherKey }",
    "IC-10": "DELETE DATA { ex:sliceNorth ex:region ex:north }",
    "IC-11": "DELETE DATA { ex:o1 ex:year 2024 }",
    "IC-12": "INSERT DATA { ex:o3 qb:dataSet ex:dsA ; ex:region ex:north ; ex:year 2024 ; ex:sex ex:f ; "
    "ex:count 9 ; ex:unit ex:persons }",
    "IC-13": "DELETE DATA { ex:o1 ex:unit ex:persons }",
    "IC-14": "DELETE DATA { ex:o1 ex:count 5 }",
    "IC-15": "DELETE DATA { ex:b1 ex:low 1 }",
    "IC-16": "INSERT DATA { ex:b1 ex:high 4 }",
    "IC-17": "DELETE WHERE { ex:b2 ?p ?o }",
    "IC-18": "INSERT DATA { ex:sliceNorth qb:observation ex:b1 }",
    "IC-19": "DELETE DATA { ex:o1 ex:region ex:north } ; INSERT DATA { ex:o1 ex:region ex:paris }",
    "IC-20": "INSERT DATA { ex:south a skos:Concept ; skos:inScheme ex:regions } ; "
    "DELETE DATA { ex:o2 ex:region ex:north } ; INSERT DATA { ex:o2 ex:region ex:south }",
    "IC-21": "INSERT DATA { ex:other a skos:Concept . ex:sexes skos:member ex:other } ; "
    "DELETE DATA { ex:o2 ex:sex ex:m } ; INSERT DATA { ex:o2 ex:sex ex:other }",
}
MINI_PREFIXES = qb.PREFIXES + "PREFIX ex: <http://example.org/>\n"


def mini(update: str | None = None) -> ox.Store:
    store = ox.Store()
    store.load(MINI.encode(), ox.RdfFormat.TURTLE)
    if update:
        store.update(MINI_PREFIXES + update)
    qb.normalize(store)
    return store


@pytest.fixture(scope="module")
def cube() -> ox.Store:
    """The project's ontology and data, normalized as the spec says."""
    store = ox.Store()
    for path in [*resources.ontology_files(), *resources.data_files()]:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    qb.normalize(store)
    return store


def test_every_data_set_has_a_structure_with_area_period_indicator_and_a_measure(cube):
    rows = cube.query(
        qb.PREFIXES
        + """
        SELECT ?dataset ?dsd WHERE { ?dataset a qb:DataSet . OPTIONAL { ?dataset qb:structure ?dsd } }"""
    )
    structures = {row["dataset"].value: row["dsd"] for row in rows}
    assert len(structures) >= 6 and all(structures.values()), structures
    kg = "https://w3id.org/kinderrechten-kg/ontology#"
    for dsd in {s.value for s in structures.values()}:
        dims = {
            r["p"].value
            for r in cube.query(
                qb.PREFIXES
                + f"""
            SELECT ?p WHERE {{ <{dsd}> qb:component/qb:dimension ?p }}"""
            )
        }
        measures = {
            r["p"].value
            for r in cube.query(
                qb.PREFIXES
                + f"""
            SELECT ?p WHERE {{ <{dsd}> qb:component/qb:measure ?p }}"""
            )
        }
        assert dims == {kg + "indicator", kg + "area", kg + "period"}, dsd
        assert len(measures) == 1, dsd


def test_the_mini_cube_is_well_formed():
    assert qb.violations(mini()) == []


@pytest.mark.parametrize("ic", qb.IC_IDS)
def test_integrity_constraint(cube, ic):
    # the project's data meets it ...
    assert not qb.violated(cube, ic), f"{ic} is violated by the project's statistics"
    # ... and it can fail: a cube broken in that respect violates it
    broken = mini(BREAK[ic])
    assert qb.queries(broken, ic), f"{ic}: no query to run on the broken cube"
    assert qb.violated(broken, ic), f"{ic} did not fire on: {BREAK[ic]}"


@pytest.mark.parametrize(
    "update",
    [
        None,
        BREAK["IC-12"],
        BREAK["IC-11"],
        "INSERT DATA { ex:b3 qb:dataSet ex:dsB ; ex:year 2024 ; qb:measureType ex:low ; ex:low 2 }",
    ],
)
def test_ic12_per_structure_agrees_with_the_spec_form(update):
    store = mini(update)
    spec = bool(store.query(qb.PREFIXES + qb.IC_12_SPEC))
    assert qb.violated(store, "IC-12") == spec
