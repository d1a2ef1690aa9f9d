"""Who is central, which groups form, who is around an actor: measures over the networks."""

from __future__ import annotations

from typing import Any

from kg.analysis.network import NODE_TYPES, actor_event_graph, actor_graph, full_graph, load_network
from kg.analysis.paths import resolve
from kg.errors import KgError

NETWORKS = ("actor-event", "actor", "full")


def centrality(
    source,
    *,
    top: int | None = None,
    network: str = "actor-event",
    lang: str | None = None,
    as_of=None,
) -> list[dict]:
    """Return the nodes ranked by degree, then betweenness centrality (most central first).

    network "actor-event" (default) ranks actors in the bipartite actor–event network (degree =
    share of all events an actor takes part in, betweenness normalised for bipartite graphs);
    "actor" ranks them in the actor–actor co-occurrence network; "full" ranks every event,
    actor, instrument and recommendation in the whole network. Each row: node, name, type,
    events (events taken part in or linked to), degree, betweenness, neighbours.
    """
    import networkx as nx

    if network == "actor-event":
        graph = actor_event_graph(source, lang=lang, as_of=as_of)
        actors = [n for n, d in graph.nodes(data=True) if d["bipartite"] == 0]
        degree = nx.bipartite.degree_centrality(graph, actors) if actors else {}
        betweenness = nx.bipartite.betweenness_centrality(graph, actors) if actors else {}
        ranked = actors
    elif network in ("actor", "full"):
        graph = (actor_graph if network == "actor" else full_graph)(source, lang=lang, as_of=as_of)
        degree = nx.degree_centrality(graph)
        betweenness = nx.betweenness_centrality(graph)
        ranked = list(graph)
    else:
        raise KgError(f"unknown network {network!r}: use {', '.join(NETWORKS)}")
    rows = []
    for node in ranked:
        data = graph.nodes[node]
        if network == "actor":
            events = data["events"]
        elif network == "actor-event":
            events = graph.degree(node)
        else:
            events = sum(1 for n in graph.neighbors(node) if graph.nodes[n]["type"] == "event")
        rows.append(
            {
                "node": node,
                "name": data["name"],
                "type": data["type"],
                "events": events,
                "degree": round(degree[node], 4),
                "betweenness": round(betweenness[node], 4),
                "neighbours": graph.degree(node),
            }
        )
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["name"].casefold(), r["node"]))
    return rows[:top] if top else rows


def communities(
    source,
    *,
    network: str = "full",
    method: str = "greedy",
    seed: int = 42,
    lang: str | None = None,
    as_of=None,
) -> list[dict]:
    """Return the communities of a network, largest first.

    method "greedy" (networkx greedy_modularity_communities, deterministic) or "louvain"
    (louvain_communities with the fixed `seed`); weighted by shared events in the actor network.
    Each: community (1, 2, …), size, members (names, sorted), nodes (IRIs, same order) and, on
    the full network, the count per node type.
    """
    import networkx as nx

    graph = _network_graph(source, network, lang, as_of)
    if graph.number_of_nodes() == 0:
        return []
    weight = "weight" if network == "actor" else None
    if method == "greedy":
        found = nx.community.greedy_modularity_communities(graph, weight=weight)
    elif method == "louvain":
        found = nx.community.louvain_communities(graph, weight=weight, seed=seed)
    else:
        raise KgError(f"unknown method {method!r}: use greedy or louvain")
    result: list[dict[str, Any]] = []
    for members in found:
        ordered = sorted(members, key=lambda n: (graph.nodes[n]["name"].casefold(), n))
        types = {t: sum(1 for n in members if graph.nodes[n]["type"] == t) for t in NODE_TYPES}
        result.append(
            {
                "size": len(members),
                "members": [graph.nodes[n]["name"] for n in ordered],
                "nodes": ordered,
                "types": {t: c for t, c in types.items() if c},
            }
        )
    result.sort(key=lambda c: (-c["size"], c["members"]))
    for number, community in enumerate(result, 1):
        community["community"] = number
    return result


def ego_network(
    source,
    name: str,
    *,
    radius: int = 1,
    network: str = "actor",
    lang: str | None = None,
    as_of=None,
):
    """Return the ego network of `name` (label, abbreviation or slug): a networkx graph.

    On the actor network (default) these are the actors sharing events with it (radius 1),
    their co-actors too (radius 2), …; on "actor-event" or "full" the events and things around
    it. The graph's `center` attribute holds the IRI of `name`.
    """
    import networkx as nx

    network_ = load_network(source, lang=lang, as_of=as_of)
    center = resolve(network_, name).iri
    graph = _network_graph(network_, network, None, None)
    if center not in graph:
        raise KgError(
            f"{network_.nodes[center].name} is not in the {network} network"
            + (f" as of {network_.as_of}" if network_.as_of else "")
        )
    ego = nx.ego_graph(graph, center, radius=radius)
    ego.graph["center"] = center
    return ego


def _network_graph(source, network, lang, as_of):
    if network == "actor":
        return actor_graph(source, lang=lang, as_of=as_of)
    if network == "actor-event":
        return actor_event_graph(source, lang=lang, as_of=as_of)
    if network == "full":
        return full_graph(source, lang=lang, as_of=as_of)
    raise KgError(f"unknown network {network!r}: use {', '.join(NETWORKS)}")
