"""The query layer: named queries, backends that agree, safe parameters, clear errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

import kg
from kg import resources
from kg.cli import main
from kg.errors import ParameterError, QuerySyntaxError, UnknownQuery, UpdateRefused
from kg.registry import all_queries

D = dt.date.fromisoformat
REQUIRED = {
    "events-by-actor": {"actor": "IGJ"},
    "participation-as-of": {"date": "2025-02-28"},
    "recommendation-actors": {"recommendation": "22a"},
    "search": {"text": "Veilig Thuis"},
}


def as_set(rows):
    return {tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows}


def test_registry_has_the_promised_queries():
    names = {q.name for q in all_queries()}
    assert {
        "timeline",
        "events-by-actor",
        "events-by-recommendation",
        "events-by-programme",
        "withdrawals",
        "participation-as-of",
        "recommendation-gaps",
        "motions",
        "statistics",
        "actor-network",
        "search",
    } <= names
    for query in all_queries():
        assert query.title.get("nl") and query.title.get("en") and query.description, query.name
        assert all(p.help for p in query.params), query.name


@pytest.mark.parametrize("name", [q.name for q in all_queries()])
def test_backends_agree(graph, rdflib_graph, oxigraph_server, name):
    params = REQUIRED.get(name, {})
    expected = graph.named(name, **params)
    assert expected, f"{name} returned nothing"
    assert as_set(rdflib_graph.named(name, **params)) == as_set(expected)
    assert as_set(kg.load(backend=oxigraph_server).named(name, **params)) == as_set(expected)


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_a_recommendation_without_events_is_a_gap_with_no_last_date(tmp_path, backend):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .\n"
        "<https://w3id.org/kinderrechten-kg/id/recommendation/99z> a skos:Concept ;\n"
        '  skos:inScheme kg:RecommendationScheme ; skos:notation "99z" ;\n'
        '  skos:prefLabel "Zonder gebeurtenissen"@nl .\n',
        encoding="utf-8",
    )
    graph = kg.load([*resources.data_files(None), extra], backend=backend)
    rows = {
        r["recommendation"]: r["lastOccurred"]
        for r in graph.named("recommendation-gaps", since="2025-01-01")
    }
    assert rows == {"22g": D("2024-09-27"), "22h": D("2024-10-23"), "99z": None}
    # with a date after every event, every recommendation is a gap, each with its last date
    later = graph.named("recommendation-gaps", since="2030-01-01")
    assert len(later) == 6 and sum(r["lastOccurred"] is None for r in later) == 1


def test_timeline_is_in_date_order_and_filters(graph):
    rows = graph.named("timeline")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and len(rows) >= 60
    planned = graph.named("timeline", status="planned")
    assert planned and {r["status"] for r in planned} == {"planned"}
    motions = graph.named("timeline", kind="motie")
    assert len(motions) == 7
    parliamentary = graph.named("timeline", kind="ParliamentaryEvent")
    assert len(parliamentary) > len(motions)


def test_events_by_actor_accepts_abbreviation_label_slug_and_iri(graph):
    by_abbreviation = as_set(graph.named("events-by-actor", actor="IGJ"))
    assert by_abbreviation
    for key in (
        "igj",
        "Inspectie Gezondheidszorg en Jeugd",
        "https://w3id.org/kinderrechten-kg/id/actor/igj",
    ):
        assert as_set(graph.named("events-by-actor", actor=key)) == by_abbreviation
    dates = {r["date"] for r in graph.named("events-by-actor", actor="IGJ")}
    assert {D("2024-04-25"), D("2025-01-30")} <= dates
    # l. 228: the inspectorates' report "werd ... aangeboden" (passive): the IGJ takes part as one of
    # its authors, through plain sem:hasActor (its label says the role is not stated), and is no
    # agent (presenter) of that event
    roles = {
        r["role"]
        for r in graph.named("events-by-actor", actor="IGJ", lang="en")
        if r["date"] == D("2025-01-30")
    }
    unstated = graph.query('SELECT ?l WHERE { sem:hasActor rdfs:label ?l FILTER(lang(?l) = "en") }')
    assert roles == {unstated[0]["l"]}


def test_events_by_recommendation(graph):
    rows = graph.named("events-by-recommendation", recommendation="22h")
    assert [r["date"] for r in rows] == [D("2024-10-23")]
    assert {r["recommendation"] for r in graph.named("events-by-recommendation")} == {
        "22a",
        "22b",
        "22d",
        "22g",
        "22h",
    }


def test_participation_history_of_lnvt(graph):
    rows = graph.named("participation", actor="LNVT")
    assert [(r["since"], r["stance"]) for r in rows] == [
        (D("2024-11-08"), "concern"),
        (D("2025-01-27"), "selective"),
        (D("2025-04-16"), "stepped-back"),
    ]
    assert rows[1]["until"] == D("2025-04-16")


def test_statistics_by_year_and_area(graph):
    saba = graph.named("statistics", area="Saba")
    assert {r["value"] for r in saba} == {7, 9}
    estimate = graph.named("statistics", year=2017)
    assert any(r["lowerBound"] == 90000 and r["upperBound"] == 127000 for r in estimate)


def test_actor_network_links_lnvt_and_the_gis(graph):
    rows = graph.named("actor-network", actor="LNVT")
    pairs = {
        frozenset((r["a"].rsplit("/", 1)[-1], r["b"].rsplit("/", 1)[-1])): r["events"] for r in rows
    }
    assert pairs[frozenset(("lnvt", "gis"))] >= 1


def test_search_finds_dutch_and_english(graph):
    dutch = {r["thing"] for r in graph.named("search", text="terugtrekken")}
    english = {r["thing"] for r in graph.named("search", text="withdraw")}
    target = "https://w3id.org/kinderrechten-kg/id/event/2025-01-21-gis-withdraw-toekomstscenario"
    assert target in english
    assert dutch or english


def test_data_gaps_and_counts(graph):
    assert len(graph.named("data-gaps")) >= 10
    classes = {r["label"]: r["count"] for r in graph.named("class-counts", lang="en")}
    assert classes["policy event"] >= 60


def test_parameters_are_bound_not_pasted(graph):
    before = len(graph)
    evil = '"} } ; DROP ALL ; { {"'
    assert graph.named("events-by-actor", actor=evil) == []
    assert graph.named("search", text=evil) == []
    assert len(graph) == before


def test_update_is_refused(graph):
    with pytest.raises(UpdateRefused):
        graph.query("DROP ALL")
    with pytest.raises(UpdateRefused):
        graph.query("PREFIX ex: <http://example.org/>\n# a comment\nINSERT DATA { ex:a ex:b ex:c }")


def test_parsing_a_query_keeps_nothing_of_its_caller_alive():
    """pyparsing's caught exceptions form reference cycles through every frame above the
    parse; the caller's rows must not wait in them for the cycle collector (with it paused,
    as a build pauses it, they stayed until the end: 1.4M objects at 20k nodes)."""
    import gc
    import weakref

    from kg import sparql

    class Rows(list):
        pass

    def caller(text):
        rows = Rows([1, 2, 3])  # what a query's caller holds once the parse is done
        kind = sparql.form(text)
        return kind, weakref.ref(rows)

    enabled = gc.isenabled()
    gc.disable()
    try:
        for text in ("SELECT * WHERE { ?s ?p ?o } # unique 1", "DROP ALL # unique 2"):
            kind, rows = caller(text)
            assert kind in ("SELECT", "UPDATE")
            assert rows() is None, "the caller's locals outlived it"
    finally:
        if enabled:
            gc.enable()


def test_syntax_error_names_line_and_column(graph, rdflib_graph):
    text = "SELECT ?s WHERE {\n  ?s ?p \n}"
    for backend in (graph, rdflib_graph):
        with pytest.raises(QuerySyntaxError) as error:
            backend.query(text)
        message = str(error.value)
        assert "line 3" in message or "line 2" in message
        assert "column" in message and "^" in message


def test_unknown_query_and_parameters(graph):
    with pytest.raises(UnknownQuery, match="timeline"):
        graph.named("timelin")
    with pytest.raises(ParameterError, match=r"valid: .*from:date"):
        graph.named("timeline", since="2025-01-01")
    with pytest.raises(ParameterError, match="date"):
        graph.named("participation-as-of", date="28 februari")
    with pytest.raises(ParameterError, match="needs parameter 'date'"):
        graph.named("participation-as-of")


def test_construct_returns_an_rdflib_graph(graph):
    result = graph.construct(
        "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Motion ; rdfs:label ?l }"
    )
    assert len(result) == 14


# ------------------------------------------------------------------------------- CLI


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_cli_formats_are_w3c_results():
    as_json = json.loads(cli("query", "motions", "--format", "json").output)
    assert as_json["head"]["vars"][0] == "date" and len(as_json["results"]["bindings"]) == 7
    rows = list(csv.DictReader(io.StringIO(cli("query", "motions", "--format", "csv").output)))
    assert len(rows) == 7 and rows[0]["date"]
    tsv = cli("query", "motions", "--format", "tsv").output.splitlines()
    assert tsv[0].startswith("?date\t") and len(tsv) == 8
    assert "<sparql" in cli("query", "motions", "--format", "xml").output
    md = cli("query", "motions", "--format", "md").output.splitlines()
    assert md[0].startswith("| date |") and len(md) == 9
    table = cli("query", "motions").output
    assert "(7 rows)" in table


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_cli_backends_and_params(backend):
    result = cli(
        "query",
        "participation-as-of",
        "--param",
        "date=2025-02-28",
        "--backend",
        backend,
        "--format",
        "csv",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    stances = {row["stance"] for row in csv.DictReader(io.StringIO(result.output))}
    assert stances == {"withdrawn", "selective"}


def test_cli_adhoc_query_text_and_file(tmp_path):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?m a kg:Motion }"
    assert "7" in cli("query", text).output
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    assert "7" in cli("query", "--file", str(path)).output


def test_cli_construct_as_turtle():
    result = cli("query", "CONSTRUCT WHERE { ?m a kg:Motion }", "--format", "ttl")
    assert result.exit_code == 0 and "kg:Motion" in result.output


def test_cli_errors_are_one_clear_line(tmp_path):
    refused = cli("query", "DROP ALL")
    assert refused.exit_code == 2 and "refused" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    syntax = cli("query", "SELECT ?s WHERE {\n ?s ?p\n}")
    assert syntax.exit_code == 2 and "line" in syntax.output and "column" in syntax.output
    unknown = cli("query", "withdrawal")
    assert unknown.exit_code == 2 and "withdrawals" in unknown.output
    bad_param = cli("query", "timeline", "--param", "since=2025")
    assert bad_param.exit_code == 2 and "valid:" in bad_param.output
    malformed = cli("query", "timeline", "--param", "from")
    assert malformed.exit_code == 2 and "NAME=VALUE" in malformed.output


def test_allow_update_changes_only_memory():
    text = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    assert cli("query", text, "--allow-update").exit_code == 0
    scratch = kg.load()
    scratch.query(text, allow_update=True)
    assert scratch.query("ASK { <http://example.org/a> ?p ?o }") == [{"ask": True}]
    assert kg.load().query("ASK { <http://example.org/a> ?p ?o }") == [{"ask": False}]


def test_cli_data_option_queries_other_files(tmp_path):
    other = tmp_path / "one.ttl"
    other.write_text(
        "@prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .\n"
        "<http://example.org/m> a kg:Motion .\n",
        encoding="utf-8",
    )
    result = cli(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { ?m a kg:Motion }",
        "--data",
        str(other),
        "--format",
        "csv",
    )
    assert result.exit_code == 0
    assert result.output.split() == ["n", "1"]


def test_cli_endpoint(oxigraph_server):
    result = cli("query", "withdrawals", "--endpoint", oxigraph_server, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(result.output)))) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", [q.name for q in all_queries()])
def test_label_columns_are_filled(graph, name, lang):
    # A language filter that cannot see the bound ?lang (e.g. in a nested OPTIONAL, out of the
    # parameter's scope) empties its label column in every row.
    query = next(q for q in all_queries() if q.name == name)
    params = dict(REQUIRED.get(name, {}))
    if "lang" in {p.name for p in query.params}:
        params["lang"] = lang
    rows = graph.named(name, **params)
    label_columns = [c for c in (rows[0] if rows else {}) if c.lower().endswith("label")]
    for column in label_columns:
        assert any(row[column] for row in rows), f"{name}: {column} is empty in every row"
