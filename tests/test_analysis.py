"""kg.analysis: networks, centrality, communities, paths, ego networks, stances, time slices and
exports, checked against what the monitor text says."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from kg import analysis, names
from kg.cli import main
from kg.errors import KgError

D = dt.date.fromisoformat
ID = "https://w3id.org/kinderrechten-kg/id/"
GIS, LNVT, IGJ = ID + "actor/gis", ID + "actor/lnvt", ID + "actor/igj"
# 76 events of issue 12 plus the Family Justice Center being built (l. 150, issue 13)
EVENTS = 77
TWEEDE_KAMER, VEILIG_THUIS = ID + "actor/tweede-kamer", ID + "actor/veilig-thuis"
TOEKOMSTSCENARIO = ID + "instrument/toekomstscenario"
HERVORMINGSAGENDA = ID + "instrument/hervormingsagenda-jeugd"
GIS_WITHDRAW = ID + "event/2025-01-21-gis-withdraw-toekomstscenario"
LINK_MOTION = ID + "event/2025-03-05-motion-link-toekomstscenario-hervormingsagenda"


@pytest.fixture(scope="module")
def network(graph):
    """The network in English, loaded once and shared by the tests that accept one."""
    return analysis.load_network(graph, lang="en")


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


# ------------------------------------------------------------------------------ networks
def test_network_holds_every_event_actor_instrument_and_recommendation(graph, network):
    counts = {row["class"]: row["count"] for row in graph.named("class-counts")}
    types = [node.type for node in network.nodes.values()]
    assert (
        types.count("event") == counts["https://w3id.org/kinderrechten-kg/ontology#Event"] == EVENTS
    )
    assert types.count("actor") == 53
    assert types.count("recommendation") == 5
    assert network.nodes[GIS].abbreviation == "GI's"
    assert network.nodes[GIS_WITHDRAW].date == D("2025-01-21")


def test_the_pages_and_the_analysis_share_one_link_set(graph, network):
    """kg.links: the network page and the analysis draw the same links, named and labelled
    alike; only the pages' places and the analysis's links between events differ."""
    from kg.namespaces import compact
    from kg.views.data import ViewData

    pages = {
        (k["source"], k["role"], k["target"]): (k["type"], k["roleLabel"])
        for k in ViewData(graph, network.lang).links
    }
    ours = {
        (compact(k.source), k.role, compact(k.target)): (k.type, k.role_label)
        for k in network.links
    }
    places = {key for key, (kind, _) in pages.items() if kind == "place"}
    between = {key for key, (kind, _) in ours.items() if kind == "event"}
    responds = (
        "ev:2024-10-29-rvt-development-direction-decided",
        "respondsTo",
        "ev:2024-06-20-report-inrichting-regionale-veiligheidsteams",
    )
    assert places and responds in between
    assert {k: v for k, v in pages.items() if k not in places} == {
        k: v for k, v in ours.items() if k not in between
    }


def test_actor_event_graph_is_bipartite_with_roles(network):
    graph = analysis.actor_event_graph(network)
    assert nx.is_bipartite(graph)
    events = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert len(events) == EVENTS
    for actor, event in graph.edges():
        pair = {graph.nodes[actor]["type"], graph.nodes[event]["type"]}
        assert pair == {"actor", "event"}
    assert graph.edges[GIS, GIS_WITHDRAW]["role"] == "agent"
    assert graph.degree(TWEEDE_KAMER) == 14


def test_actor_graph_weights_agree_with_the_actor_network_query(graph, network):
    projected = analysis.actor_graph(network)
    expected = {(row["a"], row["b"], row["events"]) for row in graph.named("actor-network")}
    found = {(*sorted((a, b)), d["weight"]) for a, b, d in projected.edges(data=True)}
    assert found == {(min(a, b), max(a, b), n) for a, b, n in expected}
    assert projected.edges[GIS, LNVT]["weight"] == 1  # the letter of concern of 8 November 2024
    assert projected.edges[IGJ, ID + "actor/ijenv"]["weight"] == 2
    # on 30 January 2025 the inspectorates take part without a role: "werd ... aangeboden" (l. 228)
    assert projected.edges[IGJ, ID + "actor/ijenv"]["events"][0].endswith(
        "vlaardingen-foster-child"
    )


def test_programme_graph_links_events_programmes_and_recommendations(network):
    graph = analysis.programme_graph(network)
    assert {d["type"] for _, d in graph.nodes(data=True)} == {
        "event",
        "instrument",
        "recommendation",
    }
    # the motion of 5 March 2025 links the Toekomstscenario and the Hervormingsagenda
    assert graph.has_edge(LINK_MOTION, TOEKOMSTSCENARIO)
    assert graph.has_edge(LINK_MOTION, HERVORMINGSAGENDA)
    assert graph.edges[LINK_MOTION, HERVORMINGSAGENDA]["role"] == "concerns"
    assert graph.edges[GIS_WITHDRAW, ID + "recommendation/22d"]["role"] == "listedUnder"
    assert (
        graph.edges[ID + "instrument/regionale-veiligheidsteams", TOEKOMSTSCENARIO]["role"]
        == "isPartOf"
    )
    events = [n for n in graph[TOEKOMSTSCENARIO] if graph.nodes[n]["type"] == "event"]
    assert len(events) == 15


# ------------------------------------------------------------------------------ centrality
def test_most_central_actors(network):
    # Tweede Kamer takes part in 14 of the 77 events (mostly as addressee of letters, reports and
    # questions), IGJ in 5 (its reports), Veilig Thuis in 4; then Verwey-Jonker, the GI's and
    # LNVT with 3 each. Ties in degree are broken by betweenness.
    top = analysis.centrality(network, top=5)
    assert [row["node"] for row in top[:3]] == [TWEEDE_KAMER, IGJ, VEILIG_THUIS]
    assert {TWEEDE_KAMER, IGJ, VEILIG_THUIS} <= {row["node"] for row in top}
    assert top[0]["events"] == 14 and top[0]["degree"] == round(14 / EVENTS, 4)
    assert top[0]["betweenness"] == max(r["betweenness"] for r in analysis.centrality(network))
    keys = [(-r["degree"], -r["betweenness"]) for r in analysis.centrality(network)]
    assert keys == sorted(keys)


def test_centrality_of_the_whole_network_and_the_actor_network(network):
    whole = analysis.centrality(network, network="full", top=3)
    assert whole[0]["node"] == ID + "recommendation/22d" and whole[0]["events"] == 31
    assert TOEKOMSTSCENARIO in {r["node"] for r in whole}
    actors = analysis.centrality(network, network="actor")
    assert actors[0]["node"] == TWEEDE_KAMER and actors[0]["neighbours"] == 7
    with pytest.raises(KgError, match="unknown network"):
        analysis.centrality(network, network="nope")


# ------------------------------------------------------------------------------ communities
@pytest.mark.parametrize("method", ["greedy", "louvain"])
def test_communities_are_a_stable_partition(network, method):
    found = analysis.communities(network, method=method)
    assert found == analysis.communities(network, method=method)
    nodes = [n for c in found for n in c["nodes"]]
    assert sorted(nodes) == sorted(analysis.full_graph(network))
    # the Toekomstscenario story holds together: the programme, who left it and how
    story = next(c for c in found if TOEKOMSTSCENARIO in c["nodes"])
    assert {GIS, LNVT, GIS_WITHDRAW} <= set(story["nodes"])
    assert [c["community"] for c in found] == list(range(1, len(found) + 1))


def test_actor_communities(network):
    found = analysis.communities(network, network="actor")
    with_lnvt = next(c for c in found if LNVT in c["nodes"])
    assert GIS in with_lnvt["nodes"]


# ------------------------------------------------------------------------------ paths
def test_path_from_the_gis_to_the_hervormingsagenda(network):
    path = analysis.shortest_path(network, "GI's", "Hervormingsagenda Jeugd")
    assert [n.iri for n in path.nodes] == [
        GIS,
        GIS_WITHDRAW,
        TOEKOMSTSCENARIO,
        LINK_MOTION,
        HERVORMINGSAGENDA,
    ]
    assert [s.phrase for s in path.steps] == ["agent of", "concerns", "concerned by", "concerns"]
    lines = path.text().splitlines()
    assert len(lines) == 5 and "GI's" in lines[0]
    assert "withdrawal 21 January 2025" in lines[1] and "motion 5 March 2025" in lines[3]
    assert str(path).count("→") == 4
    assert [r["relation"] for r in path.rows()] == [
        "agent of",
        "concerns",
        "concerned by",
        "concerns",
    ]


def test_path_in_dutch_and_by_slug(graph):
    path = analysis.shortest_path(graph, "gis", "hervormingsagenda-jeugd", lang="nl")
    assert [n.iri for n in path.nodes][1] == GIS_WITHDRAW
    assert [s.phrase for s in path.steps] == [
        "uitvoerder van",
        "betreft",
        "onderwerp van",
        "betreft",
    ]


def test_path_as_of_a_day_uses_only_earlier_events(network):
    path = analysis.shortest_path(network, "GI's", "Hervormingsagenda Jeugd", as_of="2024-12-31")
    events = [n for n in path.nodes if n.type == "event"]
    assert events and all(n.date <= D("2024-12-31") for n in events)
    assert GIS_WITHDRAW not in {n.iri for n in path.nodes}


def test_path_errors(network):
    with pytest.raises(analysis.NoPath, match="no chain"):
        analysis.shortest_path(network, "GI's", "Stop it Now")
    with pytest.raises(names.UnknownName, match="did you mean"):
        analysis.shortest_path(network, "Veilig Thuiss", "LNVT")
    with pytest.raises(names.AmbiguousName, match="IJenV"):
        analysis.shortest_path(network, "Inspectie", "LNVT")
    assert analysis.shortest_path(network, "IGJ", "igj").steps == []


@pytest.mark.parametrize(
    "name, iri",
    [
        ("IGJ", IGJ),
        ("igj", IGJ),
        ("ac:igj", IGJ),
        (IGJ, IGJ),
        ("Inspectie Gezondheidszorg en Jeugd", IGJ),
        ("Health and Youth Care Inspectorate", IGJ),
        ("GI’s", GIS),
        ("de Tweede Kamer", TWEEDE_KAMER),
        ("Toekomstscenario", TOEKOMSTSCENARIO),
        ("22d", ID + "recommendation/22d"),
        ("Groeipijn", ID + "event/2025-01-30-groeipijn-report"),
        ("2025-01-21-gis-withdraw-toekomstscenario", GIS_WITHDRAW),
    ],
)
def test_resolve_by_label_abbreviation_or_slug(network, name, iri):
    assert analysis.resolve(network, name).iri == iri


# ------------------------------------------------------------------------------ ego networks
def test_ego_network_of_lnvt(network):
    ego = analysis.ego_network(network, "LNVT")
    assert ego.graph["center"] == LNVT
    assert set(ego) == {LNVT, GIS}  # they wrote the letter of concern together
    around = analysis.ego_network(network, "LNVT", network="full")
    assert {
        ID + "event/2024-11-08-lnvt-gis-letter-of-concern",
        ID + "event/2025-01-27-lnvt-selective-participation",
        ID + "event/2025-04-16-lnvt-steps-back-toekomstscenario",
    } <= set(around)
    wider = analysis.ego_network(network, "LNVT", network="full", radius=2)
    assert GIS in wider and TOEKOMSTSCENARIO in wider


def test_ego_network_before_the_actor_appears(network):
    with pytest.raises(KgError, match="not in the actor network"):
        analysis.ego_network(network, "LNVT", as_of="2024-01-01")


# ------------------------------------------------------------------------------ stances
def test_stance_history_of_lnvt(graph):
    history = analysis.stance_history(graph, "LNVT", lang="en")
    # the programme keeps its Dutch name in English, with a gloss
    programme = (
        "Toekomstscenario kind- en gezinsbescherming "
        "(future scenario for child and family protection)"
    )
    assert list(history) == [programme]
    rows = history[programme]
    assert [(r["since"], r["stance"]) for r in rows] == [
        (D("2024-11-08"), "concern"),
        (D("2025-01-27"), "selective"),
        (D("2025-04-16"), "stepped-back"),
    ]
    assert rows[1]["until"] == D("2025-04-16")
    earlier = analysis.stance_history(graph, "LNVT", as_of=D("2025-02-01"))
    assert [r["stance"] for rows in earlier.values() for r in rows] == ["concern", "selective"]
    assert next(iter(earlier.values()))[1]["until"] is None  # still selective on that day


def test_stance_history_of_the_gis_and_jeugdzorg_nederland(graph):
    gis = next(iter(analysis.stance_history(graph, "GI's").values()))
    assert [(r["since"], r["stance"]) for r in gis] == [
        (D("2024-11-08"), "concern"),
        (D("2025-01-21"), "withdrawn"),
    ]
    assert [r["until"] for r in gis] == [D("2025-01-21"), None]
    jzn = next(iter(analysis.stance_history(graph, "Jeugdzorg Nederland").values()))
    assert [(r["since"], r["stance"], r["kind"]) for r in jzn] == [
        (D("2025-06-17"), "call-to-stop", "position")
    ]


def test_actor_profile_shows_a_position_as_a_position(network):
    text = analysis.actor_profile(network, "Jeugdzorg Nederland", lang="en").text()
    assert "17 June 2025 call to stop [position of an outside actor, not a participant]" in text


# ------------------------------------------------------------------------------ profiles
def test_actor_profile_of_igj(network):
    profile = analysis.actor_profile(network, "IGJ")
    assert profile.actor.iri == IGJ
    assert [e["date"] for e in profile.events] == [
        D("2024-04-25"),
        D("2024-10-01"),
        D("2025-01-01"),
        D("2025-01-30"),
        D("2025-02-01"),
    ]
    by_year = profile.by_year()
    assert {kind: len(events) for kind, events in by_year[2024].items()} == {"report": 2}
    assert sum(len(e) for e in by_year[2025].values()) == 3
    assert profile.co_actors[0]["shared"] == 2
    assert {c["node"] for c in profile.co_actors} == {
        ID + "actor/ijenv",
        VEILIG_THUIS,
        TWEEDE_KAMER,
        ID + "actor/inspectie-onderwijs",
    }
    assert profile.recommendations[0]["name"].startswith("22d")
    assert profile.stances == {}
    text = profile.text()
    assert "2024" in text and "2025" in text and "report (2)" in text


def test_actor_profile_of_lnvt_shows_stance_changes(network):
    profile = analysis.actor_profile(network, "LNVT")
    assert (
        "8 November 2024 concerns voiced (until 27 January 2025) → 27 January 2025 selective "
        "participation (until 16 April 2025) → 16 April 2025 stepped back" in profile.text()
    )
    assert profile.programmes[0]["node"] == TOEKOMSTSCENARIO


# ------------------------------------------------------------------------------ time slices
def test_time_slice_at_the_end_of_2024_has_no_2025_events(graph, network):
    sliced = analysis.time_slice(network, "2024-12-31")
    dates = [e.date for e in sliced.events()]
    assert dates and max(dates) <= D("2024-12-31")
    assert not any(d.year == 2025 for d in dates)
    expected = {r["event"] for r in graph.named("timeline") if r["date"] <= D("2024-12-31")}
    assert {e.iri for e in sliced.events()} == expected
    assert sliced.as_of == D("2024-12-31")
    later = analysis.actor_event_graph(network, as_of="2024-12-31")
    assert GIS_WITHDRAW not in later and all(
        d["date"] <= "2024-12-31" for _, d in later.nodes(data=True) if d["type"] == "event"
    )
    # a slice cannot grow back
    assert analysis.time_slice(sliced, "2025-12-31").as_of == D("2024-12-31")


# ------------------------------------------------------------------------------ exports
@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back(network, tmp_path, fmt, read):
    out = tmp_path / f"actors.{fmt}"
    summary = analysis.export(network, fmt, out)
    assert summary["bytes"] == out.stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left
    back = read(out)
    expected = analysis.actor_event_graph(network)
    assert back.number_of_nodes() == expected.number_of_nodes()
    assert back.number_of_edges() == expected.number_of_edges()
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values()), data
    assert back.nodes[GIS]["label"] == "certified youth protection institutions"
    assert back.nodes[GIS_WITHDRAW]["date"] == "2025-01-21"


@pytest.mark.parametrize(
    "fmt, rdf_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_rdf_exports_read_back(graph, tmp_path, fmt, rdf_format):
    out = tmp_path / f"graph.{fmt}"
    analysis.export(graph, fmt, out)
    parsed = rdflib.Graph().parse(out, format=rdf_format)
    assert len(parsed) == len(graph)
    assert (
        rdflib.URIRef(GIS_WITHDRAW),
        rdflib.URIRef(ID.replace("id/", "ontology#") + "agent"),
        rdflib.URIRef(GIS),
    ) in parsed


def test_export_refuses_unknown_format(graph):
    with pytest.raises(KgError, match="unknown export format"):
        analysis.serialize(graph, "csv")


# ------------------------------------------------------------------------------ CLI
def test_cli_path_prints_one_step_per_line():
    result = cli("path", "GI's", "Hervormingsagenda Jeugd", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 5
    assert lines[1].strip().startswith("→ (agent of) withdrawal 21 January 2025")
    # the English label, and the short name the site shows too (kg.names.short_name)
    assert (
        lines[4].strip() == "→ (concerns) Youth Reform Agenda 2023-2028 (Hervormingsagenda Jeugd)"
    )


def test_cli_path_unknown_name_is_one_line_exit_2():
    result = cli("path", "GI's", "Nergensland")
    assert result.exit_code == 2
    assert "nothing in the graph is called 'Nergensland'" in result.output


def test_cli_actor_shows_reports_by_year():
    result = cli("actor", "IGJ")
    assert result.exit_code == 0, result.output
    assert "Inspectie Gezondheidszorg en Jeugd (IGJ)" in result.output
    years = [line.strip() for line in result.output.splitlines() if line.startswith("  20")]
    assert years == ["2024", "2025"]
    assert "rapport (2)" in result.output and "25 april 2024" in result.output


def test_cli_central_and_export(tmp_path):
    result = cli("central", "--top", "3")
    assert result.exit_code == 0, result.output
    assert "Tweede Kamer" in result.output.splitlines()[2]
    out = tmp_path / "actors.gexf"
    result = cli("export", "--format", "gexf", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_nodes() > 100
    result = cli("export", "--format", "jsonld")
    assert result.exit_code == 0
    assert json.loads(result.stdout_bytes)
