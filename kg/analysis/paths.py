"""Find things by what people call them, and the shortest chain of links between two things."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from kg import i18n
from kg.analysis.network import NODE_TYPES, Network, Node, full_graph, load_network
from kg.errors import KgError
from kg.names import KINDS, find

_MAX_TIES = 1000


class NoPath(KgError):
    """Two things are not connected in the graph."""


@dataclass(frozen=True)
class Step:
    """One link walked: `phrase` (agent of, concerns, …) leading to `node`."""

    role: str
    forward: bool
    phrase: str
    node: Node


@dataclass
class Chain:
    """A chain of labelled links from `start` to the last step's node."""

    start: Node
    steps: list[Step] = field(default_factory=list)
    cost: float = 0.0

    @property
    def nodes(self) -> list[Node]:
        """Return the nodes along the path, start and end included."""
        return [self.start, *(step.node for step in self.steps)]

    def lines(self) -> list[str]:
        """Return the chain one step per line: the start, then `  → (phrase) node` lines."""
        return [self.start.name, *(f"  → ({step.phrase}) {step.node.name}" for step in self.steps)]

    def text(self) -> str:
        """Return the chain one step per line."""
        return "\n".join(self.lines())

    def __str__(self) -> str:
        return " → ".join([self.start.name, *(f"({s.phrase}) {s.node.name}" for s in self.steps)])

    def rows(self) -> list[dict]:
        """Return the steps as rows: step, from, relation, to (names and IRIs)."""
        nodes = self.nodes
        return [
            {
                "step": i,
                "from": nodes[i - 1].name,
                "relation": step.phrase,
                "to": step.node.name,
                "fromNode": nodes[i - 1].iri,
                "toNode": step.node.iri,
            }
            for i, step in enumerate(self.steps, 1)
        ]


def resolve(source, name: str, *, types=NODE_TYPES, lang: str | None = None) -> Node:
    """Return the event, actor, instrument or recommendation called `name` (kg.names: a label,
    abbreviation, slug, prefixed name or IRI; an exact name beats a part of one; actors come
    before instruments, recommendations and events). Unknown or still ambiguous names raise
    kg.names.UnknownName or AmbiguousName, listing close matches."""
    network = load_network(source, lang=lang)
    if network.graph is None:
        raise KgError("this network was not loaded from a graph: its names are unknown")
    kinds = [k for k in KINDS if k in types]
    iri = find(network.graph, name, kinds, among=network.nodes)
    return network.nodes[iri]


def shortest_path(source, a: str, b: str, *, lang: str | None = None, as_of=None) -> Chain:
    """Return the shortest chain of links between two things, each step labelled.

    `a` and `b` are names as `resolve` takes them. Links count 1, except `listedUnder` (the
    monitor's arrangement, not a statement about the event) which counts 2; among equally short
    chains the one through the least connected nodes wins (the most specific story), then the
    one with the smallest IRIs, so the answer is always the same.
    """
    import networkx as nx

    network = load_network(source, lang=lang, as_of=as_of)
    start, end = resolve(network, a), resolve(network, b)
    graph = full_graph(network)
    if start.iri == end.iri:
        return Chain(start)
    try:
        candidates = list(
            itertools.islice(
                nx.all_shortest_paths(graph, start.iri, end.iri, weight="cost"), _MAX_TIES
            )
        )
    except nx.NetworkXNoPath:
        when = f" as of {network.as_of}" if network.as_of else ""
        raise NoPath(f"no chain of links connects {start.name} and {end.name}{when}") from None
    best = min(candidates, key=lambda p: (sum(graph.degree(n) for n in p[1:-1]), p))
    return _explain(network, graph, best)


def _explain(network: Network, graph, iris: list[str]) -> Chain:
    phrases = i18n.phrases(network.lang)
    path = Chain(network.nodes[iris[0]])
    for here, there in itertools.pairwise(iris):
        data = graph.edges[here, there]
        links = sorted(data["links"], key=lambda k: (k[0] != here, k[1]))
        words = []
        for link_source, role, _ in links:
            forward = link_source == here
            phrase = phrases.get(role, (role, f"{role} of"))[0 if forward else 1]
            if phrase not in words:
                words.append(phrase)
        first_source, first_role, _ = links[0]
        path.steps.append(
            Step(first_role, first_source == here, ", ".join(words), network.nodes[there])
        )
        path.cost += data["cost"]
    return path
