"""kg.names: one resolver behind every entry point (query parameters, kg path/actor, kg import
and extract, kg build --focus), so a name means the same thing wherever it is typed."""

from __future__ import annotations

import re

import pytest

from kg import analysis
from kg.names import (
    AmbiguousName,
    Names,
    UnknownName,
    abbreviation,
    find,
    normalise,
    short_name,
)
from kg.namespaces import PREFIXES, compact
from kg.views.data import ViewData, resolve_focus

ID = "https://w3id.org/kinderrechten-kg/id/"
IGJ, GIS = ID + "actor/igj", ID + "actor/gis"


@pytest.fixture(scope="module")
def entry_points(graph):
    """name → what each of the four entry points makes of it: an IRI, or the error's class."""
    network = analysis.load_network(graph)
    shared = ViewData(graph, "nl")

    def attempt(resolve, name):
        try:
            return resolve(name)
        except (UnknownName, AmbiguousName) as error:
            return type(error).__name__

    def resolve(name: str) -> dict:
        store = graph.resolve("actor", name)
        return {
            "query parameter": store[0] if len(store) == 1 else f"{len(store)} IRIs",
            "kg path": attempt(lambda n: analysis.resolve(network, n, types=("actor",)).iri, name),
            "kg import": attempt(lambda n: graph.names().lookup(n, "actor"), name),
            "--focus": attempt(lambda n: expand(resolve_focus(shared, n)), name),
        }

    return resolve


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


def names_of_every_actor(graph) -> list[tuple[str, str]]:
    """(IRI, name) for every name of every actor as the graph writes it, and its slug, prefixed
    name, IRI and <IRI>."""
    names = graph.names(["actor"])
    pairs = list(names.written)
    for iri in names.kinds:
        pairs += [(iri, iri.rsplit("/", 1)[-1]), (iri, compact(iri)), (iri, iri), (iri, f"<{iri}>")]
    return sorted(set(pairs))


def test_the_four_entry_points_agree_on_every_name_of_every_actor(graph, entry_points):
    pairs = names_of_every_actor(graph)
    assert len({iri for iri, _ in pairs}) == len(graph.named("view-entities", type="actor"))
    shared = 0
    for iri, name in pairs:
        seen = entry_points(name)
        if seen["query parameter"] == iri:  # a name of one actor: every entry point finds it
            assert set(seen.values()) == {iri}, (name, seen)
        else:  # a name several actors go by: the parameter denotes all, nobody picks one
            shared += 1
            assert iri in graph.resolve("actor", name), (name, seen)
            assert {seen["kg path"], seen["kg import"], seen["--focus"]} == {"AmbiguousName"}
    assert shared < 0.1 * len(pairs)


@pytest.mark.parametrize(
    "name, iri",
    [
        ("GI's", GIS),
        ("gi’s", GIS),
        ("GI‘s", GIS),
        ("de IGJ", IGJ),
        ("De  igj", IGJ),
        ("ac:igj", IGJ),
        ("igj", IGJ),
        (f"<{IGJ}>", IGJ),
        (IGJ, IGJ),
        ("Health and Youth Care Inspectorate", IGJ),
        ("the Health and Youth Care Inspectorate", IGJ),
        ("Inspectie Gezondheidszorg en Jeugd", IGJ),
    ],
)
def test_every_entry_point_resolves_what_people_type(entry_points, name, iri):
    assert set(entry_points(name).values()) == {iri}


def test_unknown_names_are_unknown_everywhere_with_a_suggestion(graph, entry_points):
    seen = entry_points("IGZ")
    assert seen["query parameter"] == "0 IRIs"
    assert seen["kg path"] == seen["kg import"] == "UnknownName"
    with pytest.raises(UnknownName, match=r"did you mean IGJ \(ac:igj\)"):
        graph.names().lookup("IGZ", "actor")


def test_normalise_folds_case_quotes_dashes_spaces_and_a_leading_article():
    assert normalise("  De  GI’s ") == normalise("gi's") == "gi's"
    assert normalise("het 2e–lijn") == "2e-lijn"
    assert normalise("The Inspectorate.") == "inspectorate"
    assert normalise("Dean") == "dean"  # an article only as a whole word


def test_an_exact_name_beats_a_part_and_actors_come_first(graph):
    names = graph.names()
    assert names.one("Toekomstscenario") == ID + "instrument/toekomstscenario"
    with pytest.raises(AmbiguousName, match="IJenV"):
        names.one("Inspectie")  # a part of three inspectorates' names
    assert names.one("22d") == ID + "recommendation/22d"
    for name in ("IGJ", "Toekomstscenario", "22d", "Groeipijn", "Inspectie", "Toekomst", "Nobody"):
        try:
            expected = names.one(name)
        except (UnknownName, AmbiguousName) as error:
            expected = type(error).__name__
        try:  # kind by kind, as paths and --focus read them: the same answer
            assert find(graph, name) == expected, name
        except (UnknownName, AmbiguousName) as error:
            assert type(error).__name__ == expected, name


def test_a_programme_parameter_denotes_the_programme_and_what_holds_its_name(graph):
    rows = [{"thing": ID + "instrument/a", "kind": "instrument", "name": "Plan X", "lang": "nl"}]
    rows += [{"thing": ID + "instrument/b", "kind": "instrument", "name": "Plan X deel 2"}]
    names = Names(rows)
    assert names.denoted("Plan X", "instrument") == [ID + "instrument/a", ID + "instrument/b"]
    assert names.one("Plan X") == ID + "instrument/a"  # the exact name wins
    with pytest.raises(AmbiguousName, match=r"Plan X \(in:a\), Plan X deel 2 \(in:b\)"):
        names.one("plan")  # a part of two names of the same kind


# ------------------------------------------------------------------ one way to name and date


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_site_and_cli_give_every_actor_and_event_the_same_name_and_date(graph, lang):
    """The site (ViewData: network, timeline, participation) and the CLI (the nodes behind
    `kg actor` and `kg path`) show each thing by the same short name and label, and each event's
    date in the same words."""
    shared = ViewData(graph, lang)
    network = analysis.load_network(graph, lang=lang)
    site, cli = {}, {}
    for node in network.of_type("actor", "instrument", "recommendation"):
        site[node.iri] = (shared.short_label(node.curie), shared.label(node.curie))
        cli[node.iri] = (node.short, node.label)
    for node in network.events():
        event = shared.event_index[node.curie]
        site[node.iri] = (event["label"], event["when"])
        cli[node.iri] = (node.label, node.when)
    assert len([n for n in network.nodes.values() if n.type == "actor"]) == 53
    assert len(site) == len(network.nodes) and site == cli


@pytest.mark.parametrize(
    "lang, words",
    [
        ("nl", ["tweede helft 2025", "sinds januari 2023", "21 januari 2025", "september 2025"]),
        ("en", ["second half of 2025", "since January 2023", "21 January 2025", "September 2025"]),
    ],
)
def test_kg_actor_and_kg_path_date_events_as_the_site_does(graph, lang, words):
    network = analysis.load_network(graph, lang=lang)
    said = {node.when for node in network.events()}
    assert set(words) <= said
    # no ISO dates (2025-01-21, 2023-01-01/..) nor "2e helft", "H2" as the CLI used to say
    assert not [w for w in said if re.match(r"\d{4}-|[12]e |H[12] ", w)]
    profile = analysis.actor_profile(network, "GI's")
    assert profile.events[0]["when"] in said and f"{profile.events[0]['when']}" in profile.text()
    chain = analysis.shortest_path(network, "GI's", "Toekomstscenario")
    assert any(node.when and node.when in chain.text() for node in chain.nodes)


def test_short_names_follow_one_rule():
    # CBS is its own label: no abbreviation, the label is the short name (site and CLI alike)
    assert abbreviation(["CBS"], "CBS") == "" and short_name("CBS", "") == "CBS"
    assert abbreviation(["GI", "GI's"], "gecertificeerde instellingen") == "GI's"
    assert abbreviation(["minister van VWS"], "minister van Volksgezondheid") == "minister van VWS"
    assert short_name("Aanbeveling", "", "22d") == "22d"
