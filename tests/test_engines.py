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
    "data-gaps": [{}, {"lang": "en"}, {"kind": "not-known"}, {"kind": "chart-values"}],
    "event-counts": [
        {},
        {"by": "year"},
        {"by": "month", "kind": "motie"},
        {"by": "status"},
        {"by": "outcome"},
        {"by": "recommendation", "lang": "en"},
    ],
    "events-by-actor": [
        {"actor": "IGJ"},
        {"actor": "LNVT", "programme": "Toekomstscenario"},
        {"actor": "no such actor"},
    ],
    "events-by-programme": [
        {},
        {"programme": "Toekomstscenario"},
        {"programme": "Toekomstscenario", "from": "2024-01-01", "to": "2025-03-31"},
        {"kind": "motie", "lang": "en"},
    ],
    "events-by-recommendation": [{}, {"recommendation": "22a"}, {"status": "planned"}],
    "findings": [{}, {"recommendation": "22a"}, {"recommendation": "19", "lang": "en"}],
    "motions": [{}, {"outcome": "adopted"}, {"lang": "en"}],
    "network-links": [{}, {"type": "actor"}, {"type": "event"}, {"relation": "listedUnder"}],
    "network-nodes": [{}, {"type": "actor", "lang": "en"}],
    "participation": [
        {},
        {"actor": "LNVT"},
        {"programme": "Toekomstscenario", "lang": "en"},
        {"asOf": "2025-02-28"},
    ],
    "participation-as-of": [
        {"date": "2025-02-28"},
        {"date": "2024-12-01"},
        {"date": "2025-06-30", "lang": "en"},
    ],
    "recommendation-actors": [{"recommendation": "22a"}, {"recommendation": "22d", "lang": "en"}],
    "recommendation-gaps": [
        {},
        {"since": "2024-01-01", "includePlanned": "true"},
        {"since": "2030-01-01"},
    ],
    "search": [{"text": "Veilig Thuis"}, {"text": "withdraw", "lang": "en"}, {"text": "zzzz"}],
    "statistics": [{}, {"area": "Saba"}, {"year": 2017}, {"indicator": "seksueel"}],
    "timeline": [
        {},
        {"from": "2024-01-01", "to": "2024-12-31"},
        {"kind": "motie"},
        {"status": "planned", "lang": "en"},
    ],
    "view-entities": [{}, {"type": "actor", "lang": "en"}],
    "view-events": [{}],
    "view-event-texts": [{}, {"lang": "en"}],
    "view-names": [{}, {"type": "place"}],
    "view-pages": [{}],
    "view-terms": [{}, {"lang": "en"}],
    "view-vocabulary": [{}, {"lang": "en"}],
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
    return (
        type(value).__name__,
        str(value),
        getattr(value, "lang", None),
        getattr(value, "datatype", None),
    )


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
    request = urllib.request.Request(
        url,
        data=data,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
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
                "rdflib": lambda: (
                    lambda name, params: fixture("rdflib_graph").named(name, **params)
                ),
                "jena": lambda: jena,
                "virtuoso": lambda: endpoint(
                    fixture("virtuoso").url
                    + "?"
                    + urllib.parse.urlencode({"default-graph-uri": KG_GRAPH})
                ),
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
        f"{list(missing)[:2]}; {sum(extra.values())} rows extra, e.g. {list(extra)[:2]}"
    )
    if ordered(name):
        assert got == expected, f"{engine} gives the rows of {name} in another order"


def test_a_second_run_gives_the_same_order(graph):
    # total sort keys: two runs (and two engines) never differ in order
    for query in all_queries():
        if ordered(query.name):
            params = CASES[query.name][0]
            assert graph.named(query.name, **params) == kg.load().named(query.name, **params)


def test_every_named_query_declares_its_prefixes():
    # rdflib resolves prefixed names while translating: an undeclared prefix fails here, as it
    # would on Jena or on Oxigraph's own server given the .rq text
    from rdflib.plugins.sparql import prepareQuery

    for query in all_queries():
        prepareQuery(query.text)


# ---------------------------------------------------------------- binding (point 3)
def test_parameters_bind_in_the_outer_group_whatever_the_text_looks_like(graph, rdflib_graph):
    tricky = {
        # no WHERE keyword, a sub-select that has one
        "SELECT ?s ?n { ?s a kg:Motion { SELECT (COUNT(*) AS ?n) WHERE { ?x a kg:Motion } } "
        "FILTER(?s = ?only) }": "only",
        # a variable named ?where and a string and comment with braces before the group
        'SELECT ?where # WHERE {\n{ ?where a kg:Motion FILTER(?where = ?only && "WHERE {" != "") }': "only",
        # a prefix named like an update keyword is a query, not an update
        "PREFIX insert: <https://w3id.org/kinderrechten-kg/ontology#>\n"
        "SELECT ?s WHERE { ?s a insert:Motion FILTER(?s = ?only) }": "only",
    }
    motion = graph.query("SELECT ?m WHERE { ?m a kg:Motion } ORDER BY ?m LIMIT 1")[0]["m"]
    for text in tricky:
        assert sparql.form(text) == "SELECT"
        for backend in (graph, rdflib_graph):
            rows = backend.query(text, only=motion)
            assert rows and {str(r.get("s") or r.get("where")) for r in rows} == {motion}, text


def test_update_detection_is_by_parse():
    assert sparql.form("PREFIX delete: <http://x/> ASK { ?s delete:p ?o }") == "ASK"
    assert sparql.form("# SELECT\nINSERT DATA { <http://x/a> <http://x/b> 1 }") == "UPDATE"
    assert sparql.form("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "UPDATE"
    assert sparql.form("this is not SPARQL") == "UNKNOWN"


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_relative_iris_resolve_against_the_project_base(backend):
    rows = kg.load(backend=backend).query("SELECT ?x WHERE { BIND(<id/actor/igj> AS ?x) }")
    assert rows == [{"x": BASE + "id/actor/igj"}]


def test_relative_iris_resolve_on_an_endpoint_too(oxigraph_server):
    rows = kg.load(oxigraph_server).query("ASK { <id/actor/igj> ?p ?o }")
    assert rows == [{"ask": True}]


def test_text_wildcard_on_a_select_gives_a_text_format(kg_server):
    request = urllib.request.Request(
        kg_server + "/sparql?query=" + urllib.parse.quote("SELECT ?m WHERE { ?m a kg:Motion }"),
        headers={"Accept": "text/*"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Type"].split(";")[0] in (
            "text/csv",
            "text/tab-separated-values",
        )
        assert response.read().decode().splitlines()[0].strip("?") == "m"


# ---------------------------------------------------------------- updates never reach a store (4)
def test_allow_update_is_refused_for_an_endpoint(virtuoso):
    from click.testing import CliRunner

    from kg.cli import main

    url = virtuoso.url + "?" + urllib.parse.urlencode({"default-graph-uri": KG_GRAPH})
    insert = (
        "INSERT DATA { GRAPH <urn:kg:test> { <http://example.org/a> <http://example.org/b> 1 } }"
    )
    result = CliRunner().invoke(main, ["query", insert, "--allow-update", "--endpoint", url])
    assert result.exit_code == 2
    assert "refused" in result.output and "never writes" in result.output
    # Virtuoso here lets anonymous clients update (for kg push): nothing was sent
    assert kg.load(virtuoso.url).query("ASK { GRAPH <urn:kg:test> { ?s ?p ?o } }") == [
        {"ask": False}
    ]


# ---------------------------------------------------------------- datasets (point 5)
@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_named_graphs_stay_apart(tmp_path, backend):
    trig = tmp_path / "extra.trig"
    trig.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "ex:g1 { ex:a ex:p ex:b . }\n"
        "ex:g2 { ex:c ex:p ex:d . ex:e ex:p ex:f . }\n"
        "ex:x ex:p ex:y .\n",
        encoding="utf-8",
    )
    graph = kg.load([trig], backend=backend)
    counts = graph.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    assert counts == [
        {"g": "http://example.org/g1", "n": 1},
        {"g": "http://example.org/g2", "n": 2},
    ]
    default = graph.query("SELECT ?s WHERE { ?s <http://example.org/p> ?o }")
    assert default == [{"s": "http://example.org/x"}]


# ---------------------------------------------------------------- rows keep what the engine gave (6)
@pytest.fixture(scope="module")
def literal_graphs(tmp_path_factory):
    data = tmp_path_factory.mktemp("literals") / "literals.ttl"
    data.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:a ex:label "kind"@nl ; ex:label "child"@en ;\n'
        '  ex:exact "1.1000000000000000000000000000000001"^^xsd:decimal ;\n'
        '  ex:flag "yes"^^xsd:boolean ; ex:day "2023-02-30"^^xsd:date ; ex:n "1_000"^^xsd:integer ;\n'
        '  ex:odd "x"^^ex:type ; ex:plain "plain" .\n',
        encoding="utf-8",
    )
    return {backend: kg.load([data], backend=backend) for backend in ("oxigraph", "rdflib")}


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_rows_keep_language_datatype_and_exact_values(literal_graphs, backend):
    from decimal import Decimal

    rows = literal_graphs[backend].query("SELECT ?p ?o WHERE { <http://example.org/a> ?p ?o }")
    values = collections.defaultdict(list)
    for row in rows:
        values[row["p"].rsplit("/", 1)[-1]].append(row["o"])
    assert sorted((v, v.lang) for v in values["label"]) == [("child", "en"), ("kind", "nl")]
    assert values["label"][0].datatype == terms.RDF_LANG_STRING
    assert values["exact"] == [Decimal("1.1000000000000000000000000000000001")]
    for name, lexical, datatype in (
        ("flag", "yes", "boolean"),
        ("day", "2023-02-30", "date"),
        ("n", "1_000", "integer"),
    ):
        [value] = values[name]  # ill-typed: kept as written, with its datatype
        assert isinstance(value, terms.Text) and value == lexical
        assert value.datatype == terms.XSD + datatype
    assert values["odd"][0].datatype == "http://example.org/type"
    assert values["plain"][0].lang is None and values["plain"][0].datatype == terms.XSD + "string"


def test_a_value_from_a_row_binds_as_the_same_term(literal_graphs):
    graph = literal_graphs["oxigraph"]
    label = next(
        r["o"]
        for r in graph.query("SELECT ?o WHERE { ?s <http://example.org/label> ?o }")
        if r["o"].lang == "en"
    )
    assert graph.query("SELECT ?s WHERE { ?s ?p ?label }", label=label) == [
        {"s": "http://example.org/a"}
    ]


def test_load_with_a_url_first_is_an_endpoint(oxigraph_server):
    graph = kg.load(oxigraph_server)
    assert graph.backend.url == oxigraph_server and len(graph) == len(kg.load())
    with pytest.raises(kg.KgError, match="not a data file"):
        kg.load(["data", oxigraph_server])


# ---------------------------------------------------------------- kg push (point 7)
# `writable_oxigraph`: an empty, writable `oxigraph serve`, in conftest.py


def push_cli(*args):
    from click.testing import CliRunner

    from kg.cli import main

    return CliRunner().invoke(main, ["push", *args])


def test_push_replaces_the_default_graph_of_an_oxigraph_server(graph, writable_oxigraph):
    for _ in range(2):  # a second push replaces, it does not add
        result = push_cli(writable_oxigraph + "/store")
        assert result.exit_code == 0, result.output
    remote = kg.load(writable_oxigraph + "/query")
    assert len(remote) == len(graph)
    assert as_rows(remote.named("withdrawals")) == as_rows(graph.named("withdrawals"))


def test_push_replaces_a_named_graph_of_an_oxigraph_server(graph, writable_oxigraph):
    result = push_cli(writable_oxigraph + "/store", "--graph", "urn:kg:pushed")
    assert result.exit_code == 0, result.output
    remote = kg.load(writable_oxigraph + "/query")
    assert remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:kg:pushed> { ?s ?p ?o } }") == [
        {"n": len(graph)}
    ]


def test_push_into_virtuoso_then_the_named_queries_answer_there(graph, virtuoso):
    store = virtuoso.url.replace("/sparql", "/sparql-graph-crud")
    for _ in range(2):
        result = push_cli(store, "--graph", "urn:kg:pushed")
        assert result.exit_code == 0, result.output
    remote = kg.load(
        virtuoso.url + "?" + urllib.parse.urlencode({"default-graph-uri": "urn:kg:pushed"})
    )
    assert len(remote) == len(graph)
    for name in ("timeline", "withdrawals", "view-names"):
        assert as_rows(remote.named(name), name) == as_rows(graph.named(name), name)


def test_push_names_a_store_that_refuses(virtuoso):
    # Virtuoso's Graph Store has no default graph: it answers 500 or drops the connection
    result = push_cli(virtuoso.url.replace("/sparql", "/sparql-graph-crud"))  # no --graph
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "sparql-graph-crud?default" in result.output
