"""The RDF Data Cube well-formedness rules (W3C Recommendation 2014-01-16, section 11,
https://www.w3.org/TR/vocab-data-cube/#wf-rules), written out from the spec for the tests.

`normalize(store)` applies the spec's normalization algorithm (section 10: phase 1, type and
property closure; phase 2, pushing down attachment levels) in place; `violations(store)` then
returns the ids of the integrity constraints whose ASK query is true (true = violated).

Two constraints are templates in the spec, instantiated here from the data:
- IC-12 (no duplicate observations): the spec's query compares every pair of observations of a
  data set, O(n²) (2.6 s at 500 observations, 140 s at 2,000 on Oxigraph). Here it is written
  per structure: each observation's dimension values make one key, and a key two observations
  of a data set share is a duplicate (one GROUP BY, linear). Keys compare RDF terms, where the
  spec compares values with `=` ("1" and "1.0" as numbers are equal there, different here);
  the tests check both forms agree on the examples, and `IC_12_SPEC` keeps the spec's form.
- IC-17: the spec's HAVING names the alias ?count, which SPARQL 1.1 binds only after HAVING
  (Oxigraph then never fires); here HAVING repeats the aggregate COUNT(?obs2).
- IC-20/IC-21 (codes from a hierarchy): one query per qb:parentChildProperty found, the property
  pasted in as an IRI, as the spec's `$p` placeholder says (IC-21 for `[owl:inverseOf $p]`).
"""

from __future__ import annotations

PREFIXES = """PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb:   <http://purl.org/linked-data/cube#>
"""

# Section 10.1, phase 1: type and property closure.
NORMALIZE_PHASE_1 = [
    "INSERT { ?o rdf:type qb:Observation } WHERE { [] qb:observation ?o }",
    "INSERT { ?o rdf:type qb:Observation } WHERE { ?o qb:dataSet [] }",
    "INSERT { ?s rdf:type qb:Slice } WHERE { [] qb:slice ?s }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty } "
    "WHERE { ?cs qb:dimension ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty } "
    "WHERE { ?cs qb:measure ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty } "
    "WHERE { ?cs qb:attribute ?p }",
]

# Section 10.1, phase 2: push down attachment levels (data set, slice, dimension values of slices).
NORMALIZE_PHASE_2 = [
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
        ?dataset qb:structure [ qb:component ?spec ] ; ?comp ?value .
        ?obs qb:dataSet ?dataset .
    }""",
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:Slice .
        ?dataset qb:structure [ qb:component ?spec ] ; qb:slice ?slice .
        ?slice ?comp ?value ; qb:observation ?obs .
    }""",
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp .
        ?comp a qb:DimensionProperty .
        ?dataset qb:structure [ qb:component ?spec ] ; qb:slice ?slice .
        ?slice ?comp ?value ; qb:observation ?obs .
    }""",
]

# Section 11.1: each query is true when the constraint is violated.
IC = {
    "IC-1": """ASK {  # unique DataSet
        { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 } }
        UNION
        { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER(?dataset1 != ?dataset2) }
    }""",
    "IC-2": """ASK {  # unique DSD
        { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd } }
        UNION
        { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER(?dsd1 != ?dsd2) }
    }""",
    "IC-3": """ASK {  # DSD includes measure
        ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty [ a qb:MeasureProperty ] }
    }""",
    "IC-4": """ASK {  # dimensions have range
        ?dim a qb:DimensionProperty .
        FILTER NOT EXISTS { ?dim rdfs:range [] }
    }""",
    "IC-5": """ASK {  # concept dimensions have code lists
        ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
        FILTER NOT EXISTS { ?dim qb:codeList [] }
    }""",
    "IC-6": """ASK {  # only attributes may be optional
        ?dsd qb:component ?componentSpec .
        ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
        FILTER NOT EXISTS { ?component a qb:AttributeProperty }
    }""",
    "IC-7": """ASK {  # slice keys must be declared
        ?sliceKey a qb:SliceKey .
        FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?sliceKey }
    }""",
    "IC-8": """ASK {  # slice keys consistent with DSD
        ?slicekey a qb:SliceKey ; qb:componentProperty ?prop .
        ?dsd qb:sliceKey ?slicekey .
        FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty ?prop ] }
    }""",
    "IC-9": """ASK {  # unique slice structure
        { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
        UNION
        { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2 . FILTER(?key1 != ?key2) }
    }""",
    "IC-10": """ASK {  # slice dimensions complete
        ?slice qb:sliceStructure [ qb:componentProperty ?dim ] .
        FILTER NOT EXISTS { ?slice ?dim [] }
    }""",
    "IC-11": """ASK {  # all dimensions required
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty .
        FILTER NOT EXISTS { ?obs ?dim [] }
    }""",
    # IC-12: built per DSD by ic12_queries()
    "IC-13": """ASK {  # required attributes
        ?obs qb:dataSet/qb:structure/qb:component ?component .
        ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
        FILTER NOT EXISTS { ?obs ?attr [] }
    }""",
    "IC-14": """ASK {  # all measures present (no measure dimension)
        ?obs qb:dataSet/qb:structure ?dsd .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
        ?dsd qb:component/qb:componentProperty ?measure .
        ?measure a qb:MeasureProperty .
        FILTER NOT EXISTS { ?obs ?measure [] }
    }""",
    "IC-15": """ASK {  # measure dimension consistent
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
        ?dsd qb:component/qb:componentProperty qb:measureType .
        FILTER NOT EXISTS { ?obs ?measure [] }
    }""",
    "IC-16": """ASK {  # single measure on measure dimension observation
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
        ?dsd qb:component/qb:componentProperty qb:measureType ;
             qb:component/qb:componentProperty ?omeasure .
        ?omeasure a qb:MeasureProperty .
        FILTER(?omeasure != ?measure)
    }""",
    "IC-17": """ASK {  # all measures present in measures dimension cube
        {
            SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
                {
                    SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
                        ?dsd qb:component/qb:componentProperty ?m .
                        ?m a qb:MeasureProperty .
                    } GROUP BY ?dsd
                }
                ?obs1 qb:dataSet/qb:structure ?dsd ; qb:dataSet ?dataset ; qb:measureType ?m1 .
                ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
                FILTER NOT EXISTS {
                    ?dsd qb:component/qb:componentProperty ?dim .
                    FILTER(?dim != qb:measureType)
                    ?dim a qb:DimensionProperty .
                    ?obs1 ?dim ?v1 .
                    ?obs2 ?dim ?v2 .
                    FILTER(?v1 != ?v2)
                }
            } GROUP BY ?obs1 ?numMeasures
            HAVING (COUNT(?obs2) != ?numMeasures)
        }
    }""",
    "IC-18": """ASK {  # consistent data set links
        ?dataset qb:slice ?slice .
        ?slice qb:observation ?obs .
        FILTER NOT EXISTS { ?obs qb:dataSet ?dataset }
    }""",
    "IC-19": """ASK {  # codes from code list
        {
            ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
            ?dim a qb:DimensionProperty ; qb:codeList ?list .
            ?list a skos:ConceptScheme .
            ?obs ?dim ?v .
            FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list }
        } UNION {
            ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
            ?dim a qb:DimensionProperty ; qb:codeList ?list .
            ?list a skos:Collection .
            ?obs ?dim ?v .
            FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v }
        }
    }""",
    # IC-20, IC-21: built per parent-child property by hierarchy_queries()
}

# The spec's own IC-12: pairs of observations of one data set whose dimension values are all equal.
IC_12_SPEC = """ASK {
    FILTER(?allEqual)
    {
        SELECT (MIN(?equal) AS ?allEqual) WHERE {
            ?obs1 qb:dataSet ?dataset .
            ?obs2 qb:dataSet ?dataset .
            FILTER(?obs1 != ?obs2)
            ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
            ?dim a qb:DimensionProperty .
            ?obs1 ?dim ?value1 .
            ?obs2 ?dim ?value2 .
            BIND(?value1 = ?value2 AS ?equal)
        } GROUP BY ?obs1 ?obs2
    }
}"""

IC_20 = """ASK {
    ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ; qb:codeList ?list .
    ?list a qb:HierarchicalCodeList ; qb:parentChildProperty <$p> .
    ?obs ?dim ?v .
    FILTER NOT EXISTS { ?list qb:hierarchyRoot/<$p>* ?v }
}"""

IC_21 = """ASK {
    ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ; qb:codeList ?list .
    ?list a qb:HierarchicalCodeList ; qb:parentChildProperty ?pcp .
    ?pcp owl:inverseOf <$p> .
    ?obs ?dim ?v .
    FILTER NOT EXISTS { ?list qb:hierarchyRoot/^<$p>* ?v }
}"""

IC_IDS = [f"IC-{n}" for n in range(1, 22)]


def _iris(store, query: str, var: str) -> list[str]:
    return sorted({row[var].value for row in store.query(PREFIXES + query)})


def normalize(store) -> None:
    """Apply the spec's normalization (phase 1, then phase 2) to a pyoxigraph Store in place."""
    for update in NORMALIZE_PHASE_1 + NORMALIZE_PHASE_2:
        store.update(PREFIXES + update)


def ic12_queries(store) -> list[str]:
    """IC-12 per DSD: two distinct observations of one data set equal on every dimension.

    Each observation gets a key made of its dimension values (term text escaped, with kind,
    datatype and language), and a key shared by two observations of one data set is a duplicate:
    one GROUP BY, linear in the observations, where pairing them up is quadratic."""
    queries = []
    for dsd in _iris(store, "SELECT ?dsd WHERE { ?dsd a qb:DataStructureDefinition }", "dsd"):
        dims = _iris(
            store,
            f"SELECT ?dim WHERE {{ <{dsd}> qb:component/qb:componentProperty ?dim . "
            "?dim a qb:DimensionProperty }",
            "dim",
        )
        if not dims:
            continue
        patterns = " ".join(f"?obs <{d}> ?v{i} ." for i, d in enumerate(dims))
        parts = ", ' ', ".join(
            f'IF(isIRI(?v{i}), "I", IF(isBlank(?v{i}), "B", "L")), ENCODE_FOR_URI(STR(?v{i})), '
            f'"^", IF(isLiteral(?v{i}), CONCAT(STR(DATATYPE(?v{i})), "@", LANG(?v{i})), "")'
            for i in range(len(dims))
        )
        queries.append(
            f"ASK {{ SELECT ?dataset ?key WHERE {{ ?dataset qb:structure <{dsd}> . "
            f"?obs qb:dataSet ?dataset . {patterns} BIND(CONCAT({parts}) AS ?key) }} "
            "GROUP BY ?dataset ?key HAVING (COUNT(DISTINCT ?obs) > 1) }"
        )
    return queries


def hierarchy_queries(store, template: str) -> list[str]:
    """IC-20 (or IC-21) once per parent-child property the code lists use."""
    if template is IC_20:
        found = "SELECT ?p WHERE { [] qb:parentChildProperty ?p . FILTER(isIRI(?p)) }"
    else:
        found = "SELECT ?p WHERE { [] qb:parentChildProperty/owl:inverseOf ?p . FILTER(isIRI(?p)) }"
    return [template.replace("$p", p) for p in _iris(store, found, "p")]


def queries(store, ic: str) -> list[str]:
    """Return the ASK queries that check `ic` on this store (templates instantiated)."""
    if ic == "IC-12":
        return ic12_queries(store)
    if ic == "IC-20":
        return hierarchy_queries(store, IC_20)
    if ic == "IC-21":
        return hierarchy_queries(store, IC_21)
    return [IC[ic]]


def violated(store, ic: str) -> bool:
    """Return whether the (normalized) store violates integrity constraint `ic`."""
    return any(bool(store.query(PREFIXES + q)) for q in queries(store, ic))


def violations(store) -> list[str]:
    """Return the ids of every violated integrity constraint."""
    return [ic for ic in IC_IDS if violated(store, ic)]
