"""Every named query on every engine the README names gives the rows `kg query` gives.

The reference is the embedded Oxigraph store (`graph.named`). Each other engine holds the same
ontology + data and runs the same named query with the same parameters:

- oxigraph-endpoint: Oxigraph's own server, through `kg.load(URL)` (as `kg query --endpoint`);
- oxigraph-rq: the text `kg serve` gives at /queries/NAME.rq, sent as it stands to that server;
- rdflib: the rdflib backend (parameters through initBindings);
- jena: Apache Jena ARQ (Debian libapache-jena-java), the bound text with its PREFIX lines;
- virtuoso: Virtuoso 7 (Debian virtuoso-opensource) through `kg.load(URL?default-graph-uri=…)`.

Rows are compared as multisets of typed values (an IRI, a language-tagged text, an integer …),
and in order where the query has an ORDER BY. Each server starts once per session
(tests/conftest.py); in CI a missing engine fails these tests.
"""

from __future__ import annotations

import collections
import urllib.parse
import urllib.request
from functools import cache

import pyoxigraph as ox
import pytest
from conftest import KG_GRAPH

import kg
from kg import sparql, terms
from kg.namespaces import BASE, PREFIXES
from kg.registry import all_queries

pytestmark = pytest.mark.server

# Parameter sets per query besides the defaults: each selects a different part of the data.
CASES = {
    "actor-network": [{}, {"actor": "LNVT"}, {"actor": "IGJ", "lang": "en"}],
    "class-counts": [{}, {"lang": "en"}],
    "data-gaps": [{}, {"lang": "en"}],
    "event-counts": [{}, {"by": "year"}, {"by": "month", "kind": "motie"}, {"by": "status"},
                     {"by": "outcome"}, {"by": "recommendation", "lang": "en"}],
    "events-by-actor": [{"actor": "IGJ"}, {"actor": "LNVT", "programme": "Toekomstscenario"},
                        {"actor": "no such actor"}],
    "events-by-programme": [{}, {"programme": "Toekomstscenario"},
                            {"programme": "Toekomstscenario", "from": "2024-01-01",
                             "to": "2025-03-31"}, {"kind": "motie", "lang": "en"}],
    "events-by-recommendation": [{}, {"recommendation": "22a"}, {"status": "planned"}],
    "motions": [{}, {"outcome": "adopted"}, {"lang": "en"}],
    "network-links": [{}, {"relation": "agent"}],
    "network-nodes": [{}, {"type": "actor", "lang": "en"}],
    "participation": [{}, {"actor": "LNVT"}, {"programme": "Toekomstscenario", "lang": "en"}],
    "participation-as-of": [{"date": "2025-02-28"}, {"date": "2024-12-01"},
                            {"date": "2025-06-30", "lang": "en"}],
    "recommendation-actors": [{"recommendation": "22a"}, {"recommendation": "22d", "lang": "en"}],
    "recommendation-gaps": [{}, {"since": "2024-01-01", "includePlanned": "true"},
                            {"since": "2030-01-01"}],
    "search": [{"text": "Veilig Thuis"}, {"text": "withdraw", "lang": "en"}, {"text": "zzzz"}],
    "statistics": [{}, {"area": "Saba"}, {"year": 2017}, {"indicator": "seksueel"}],
    "timeline": [{}, {"from": "2024-01-01", "to": "2024-12-31"}, {"kind": "motie"},
                 {"status": "planned", "lang": "en"}],
    "view-entities": [{}, {"type": "actor", "lang": "en"}],
    "view-events": [{}, {"lang": "en"}],
    "view-links": [{}, {"type": "actor"}],
    "view-names": [{}, {"type": "place"}],
    "view-terms": [{}, {"lang": "en"}],
    "withdrawals": [{}, {"lang": "en"}],
}
ENGINES = ("oxigraph-endpoint", "oxigraph-rq", "rdflib", "jena", "virtuoso")
# Where an engine is known to answer differently, and why (the README lists the same).
DIFFERENCES: dict[tuple[str, str], str] = {}


def cases():
    for query in all_queries():
        for params in CASES.get(query.name, [{}]):
            label = ",".join(f"{k}={v}" for k, v in params.items()) or "defaults"
            yield pytest.param(query.name, params, id=f"{query.name}[{label}]")


def test_every_named_query_has_cases():
    assert set(CASES) >= {q.name for q in all_queries()}, "add parameter sets for new queries"


# Columns made by GROUP_CONCAT: SPARQL leaves the order of the parts open and engines differ
# (rdflib "agent; addressee", Oxigraph "addressee; agent"), so they compare as sets of parts.
CONCATENATED = {("recommendation-actors", "roles"): "; ", ("search", "type"): ", "}


def typed(value):
    """A value as compared: its Python type, text, language tag and datatype."""
    return (type(value).__name__, str(value), getattr(value, "lang", None),
            getattr(value, "datatype", None))


def as_rows(rows, name=""):
    def cell(column, value):
        separator = CONCATENATED.get((name, column))
        if separator and value is not None:
            return ("parts", tuple(sorted(str(value).split(separator))))
        return typed(value)

    return [tuple(sorted((k, cell(k, v)) for k, v in row.items())) for row in rows]


@cache
def ordered(name: str) -> bool:
    """Whether the named query's outermost SELECT has an ORDER BY (found by parsing)."""
    from rdflib.plugins.sparql.parser import parseQuery

    text = next(q.text for q in all_queries() if q.name == name)
    return "orderby" in parseQuery(text)[1]


def parse_json(body: bytes) -> list[dict]:
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    names = [v.value for v in result.variables]
    return [dict(zip(names, map(terms.from_oxigraph, row), strict=True)) for row in result]


def post(url: str, query: str) -> bytes:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


@pytest.fixture(scope="module")
def engines(request):
    """Engine name → function(name, params) → rows; each engine started on first use."""
    def fixture(name):
        return request.getfixturevalue(name)

    def endpoint(url):
        graph = kg.load(url)
        return lambda name, params: graph.named(name, **params)

    def served_text(name, params):
        query = urllib.parse.urlencode(params)
        url = f"{fixture('kg_server')}/queries/{name}.rq" + (f"?{query}" if query else "")
        with urllib.request.urlopen(url, timeout=60) as response:
            text = response.read().decode("utf-8")
        return parse_json(post(fixture("oxigraph_server"), text))

    def jena(name, params):
        bound = fixture("graph").bound_sparql(name, **params)
        text = sparql.prologue_for(bound, PREFIXES, base=BASE) + bound
        return parse_json(fixture("jena").select(text))

    made = {}

    def get(engine):
        if engine not in made:
            made[engine] = {
                "oxigraph-endpoint": lambda: endpoint(fixture("oxigraph_server")),
                "oxigraph-rq": lambda: served_text,
                "rdflib": lambda: lambda name, params: fixture("rdflib_graph").named(name,
                                                                                    **params),
                "jena": lambda: jena,
                "virtuoso": lambda: endpoint(
                    fixture("virtuoso").url + "?" + urllib.parse.urlencode(
                        {"default-graph-uri": KG_GRAPH})),
            }[engine]()
        return made[engine]

    return get


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_engine_gives_the_embedded_rows(graph, engines, engine, name, params):
    if (name, engine) in DIFFERENCES:
        pytest.xfail(DIFFERENCES[name, engine])
    expected = as_rows(graph.named(name, **params), name)
    got = as_rows(engines(engine)(name, params), name)
    missing = collections.Counter(expected) - collections.Counter(got)
    extra = collections.Counter(got) - collections.Counter(expected)
    assert not missing and not extra, (
        f"{engine} differs on {name} {params}: {sum(missing.values())} rows missing, e.g. "
        f"{list(missing)[:2]}; {sum(extra.values())} rows extra, e.g. {list(extra)[:2]}")
    if ordered(name):
        assert got == expected, f"{engine} gives the rows of {name} in another order"


def test_a_second_run_gives_the_same_order(graph):
    # total sort keys: two runs (and two engines) never differ in order
    for query in all_queries():
        if ordered(query.name):
            params = CASES[query.name][0]
            assert graph.named(query.name, **params) == kg.load().named(query.name, **params)
