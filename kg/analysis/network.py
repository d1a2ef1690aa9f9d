"""The graph as networks: nodes and links read from named queries, projected with networkx.

Everything here asks the query layer (`network-nodes`, and `network-links` read into kg.links's
model, the one the views use too); nothing reads Turtle.
Nodes are keyed by IRI and carry plain attributes (type, kind, label, date, …).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg import i18n
from kg.errors import KgError
from kg.links import Link, read_links
from kg.names import abbreviation, short_name, slug
from kg.namespaces import compact

if TYPE_CHECKING:
    from kg.store import KnowledgeGraph

NODE_TYPES = ("event", "actor", "instrument", "recommendation")


@dataclass(frozen=True)
class Node:
    """An event, actor, policy instrument or recommendation, with what is shown about it."""

    iri: str
    type: str
    kind: str = ""
    kind_label: str = ""
    label: str = ""
    label_nl: str = ""
    label_en: str = ""
    alternatives: tuple[str, ...] = ()  # skos:altLabel: short names, abbreviations
    notation: str = ""
    date: dt.date | None = None
    latest: dt.date | None = None
    edtf: str = ""
    precision: str = ""
    status: str = ""
    lang: str = "nl"

    @property
    def when(self) -> str:
        """Return the date as people say it, as the site does: 21 januari 2025, najaar 2025,
        second half of 2025, since January 2023 (kg.i18n.format_when)."""
        if self.date is None:
            return ""
        return i18n.format_when(self.date, self.latest or self.date, self.precision, self.lang)

    @property
    def slug(self) -> str:
        """Return the last segment of the IRI (`igj`, `2025-01-21-gis-withdraw-…`)."""
        return slug(self.iri)

    @property
    def curie(self) -> str:
        """Return the IRI with the project's prefix (`ac:igj`)."""
        return compact(self.iri)

    @property
    def abbreviation(self) -> str:
        """Return the abbreviation people use (GI's, LNVT) or the notation (22d), or ''."""
        return abbreviation(self.alternatives, self.label) or self.notation

    @property
    def short(self) -> str:
        """Return the short name the site shows too: abbreviation, notation, else the label."""
        label = self.label or self.slug
        return short_name(label, abbreviation(self.alternatives, label), self.notation)

    @property
    def name(self) -> str:
        """Return the name shown in chains and tables: short, but never ambiguous."""
        label = self.label or self.label_nl or self.slug
        if self.type == "event":
            return f"{self.kind_label or self.kind} {self.when}: {label}".strip()
        if self.type == "recommendation":
            return f"{self.notation} {label}".strip()
        short = self.short
        if short.casefold() not in label.casefold():
            return f"{label} ({short})"
        return label

    def attributes(self) -> dict:
        """Return the node's attributes for networkx: strings only, no None."""
        return {
            "iri": self.iri,
            "type": self.type,
            "kind": self.kind,
            "kindLabel": self.kind_label,
            "label": self.label or self.slug,
            "abbreviation": self.abbreviation,
            "name": self.name,
            "date": self.date.isoformat() if self.date else "",
            "latest": self.latest.isoformat() if self.latest else "",
            "edtf": self.edtf,
            "status": self.status,
        }


@dataclass
class Network:
    """The nodes and links of the graph (optionally as of a day), ready to project."""

    nodes: dict[str, Node]
    links: list[Link]
    lang: str = "nl"
    as_of: dt.date | None = None
    graph: KnowledgeGraph | None = field(default=None, repr=False)  # where it came from

    def events(self) -> list[Node]:
        """Return the events, oldest first."""
        return sorted(
            (n for n in self.nodes.values() if n.type == "event"),
            key=lambda n: (n.date or dt.date.max, n.latest or dt.date.max, n.iri),
        )

    def of_type(self, *types: str) -> list[Node]:
        """Return the nodes of the given types, by IRI."""
        return sorted((n for n in self.nodes.values() if n.type in types), key=lambda n: n.iri)

    def until(self, day) -> Network:
        """Return the network as of `day`: only events whose earliest date is on or before it."""
        day = _day(day)
        if self.as_of is not None and self.as_of < day:  # a slice cannot grow back
            day = self.as_of
        keep = {
            iri: node
            for iri, node in self.nodes.items()
            if node.type != "event" or (node.date is not None and node.date <= day)
        }
        links = [link for link in self.links if link.source in keep and link.target in keep]
        return replace(self, nodes=keep, links=links, as_of=day)


def load_network(source, *, lang: str | None = None, as_of=None) -> Network:
    """Return the Network of a KnowledgeGraph (or `source` itself if it is one), as of a day.

    `lang` (nl or en) is the language of labels; None keeps a Network's own, or Dutch.
    """
    if isinstance(source, Network):
        network = source
        if lang and lang != source.lang:
            if source.graph is None:
                raise KgError(f"this network has labels in {source.lang!r} only")
            network = load_network(source.graph, lang=lang, as_of=source.as_of)
    else:
        lang = lang or "nl"
        rows = source.named_many(
            {
                "nodes": ("network-nodes", {"lang": lang}),
                "links": ("network-links", {}),
                "terms": ("view-terms", {"lang": lang}),
            }
        )
        terms = {row["term"]: row for row in rows["terms"]}
        # the analysis has no places (network-nodes gives none)
        links = [link for link in read_links(rows["links"], terms) if link.type != "place"]
        network = Network(_nodes(rows["nodes"], lang), links, lang=lang, graph=source)
    return network.until(as_of) if as_of is not None else network


def time_slice(source, day, *, lang: str | None = None) -> Network:
    """Return the graph as of `day`: only events whose earliest date is on or before it."""
    return load_network(source, lang=lang, as_of=_day(day))


def full_graph(source, *, lang: str | None = None, as_of=None, types=NODE_TYPES):
    """Return one undirected graph of events, actors, instruments and recommendations.

    Each edge keeps the links it stands for (`links`: (source, role, target) triples) and a
    `cost` used by shortest paths: 1, but 2 for `listedUnder`, the monitor's arrangement of
    events under a recommendation rather than a statement about them.
    """
    import networkx as nx

    network = load_network(source, lang=lang, as_of=as_of)
    graph = nx.Graph(lang=network.lang, asOf=network.as_of.isoformat() if network.as_of else "")
    for node in network.of_type(*types):
        graph.add_node(node.iri, **node.attributes())
    for link in sorted(network.links, key=lambda k: (k.source, k.role, k.target)):
        if link.source not in graph or link.target not in graph:
            continue
        cost = 2.0 if link.role == "listedUnder" else 1.0
        if graph.has_edge(link.source, link.target):
            data = graph.edges[link.source, link.target]
            data["links"].append((link.source, link.role, link.target))
            data["cost"] = min(data["cost"], cost)
        else:
            graph.add_edge(
                link.source, link.target, links=[(link.source, link.role, link.target)], cost=cost
            )
    return graph


def actor_event_graph(source, *, lang: str | None = None, as_of=None):
    """Return the bipartite actor–event network: the events and the actors taking part in them.

    Nodes carry `bipartite` (0 actor, 1 event); edges carry `role` (the roles, `;`-joined) and
    `weight` 1.
    """
    import networkx as nx

    network = load_network(source, lang=lang, as_of=as_of)
    graph = nx.Graph(lang=network.lang, asOf=network.as_of.isoformat() if network.as_of else "")
    roles: dict[tuple[str, str], set[str]] = {}
    for link in network.links:
        target = network.nodes.get(link.target)
        origin = network.nodes.get(link.source)
        if target and origin and target.type == "actor" and origin.type == "event":
            roles.setdefault((link.target, link.source), set()).add(link.role)
    for node in network.events():
        graph.add_node(node.iri, bipartite=1, **node.attributes())
    for actor in sorted({a for a, _ in roles}):
        graph.add_node(actor, bipartite=0, **network.nodes[actor].attributes())
    for (actor, event), names in sorted(roles.items()):
        graph.add_edge(actor, event, role="; ".join(sorted(names)), weight=1)
    return graph


def actor_graph(source, *, lang: str | None = None, as_of=None):
    """Return the actor–actor network: an edge per pair of actors sharing events.

    Edge `weight` is the number of events they share, `events` the events (IRIs); every actor
    taking part in at least one event is a node.
    """
    import networkx as nx

    bipartite = actor_event_graph(source, lang=lang, as_of=as_of)
    graph = nx.Graph(**bipartite.graph)
    actors = sorted(n for n, d in bipartite.nodes(data=True) if d["bipartite"] == 0)
    for actor in actors:
        attributes = dict(bipartite.nodes[actor])
        attributes.pop("bipartite")
        graph.add_node(actor, events=bipartite.degree(actor), **attributes)
    for event in sorted(n for n, d in bipartite.nodes(data=True) if d["bipartite"] == 1):
        members = sorted(bipartite.neighbors(event))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if graph.has_edge(a, b):
                    graph.edges[a, b]["weight"] += 1
                    graph.edges[a, b]["events"].append(event)
                else:
                    graph.add_edge(a, b, weight=1, events=[event])
    return graph


def programme_graph(source, *, lang: str | None = None, as_of=None):
    """Return the event–programme–recommendation network.

    Events, the policy instruments (programmes, laws, bills, …) they concern and the
    recommendations they are listed under, plus instruments that are part of or based on another;
    edges carry `role` (concerns, listedUnder, isPartOf, based_on).
    """
    graph = full_graph(
        source, lang=lang, as_of=as_of, types=("event", "instrument", "recommendation")
    )
    for _, _, data in graph.edges(data=True):
        data["role"] = "; ".join(sorted({role for _, role, _ in data["links"]}))
    return graph


def _nodes(rows: list[dict], lang: str) -> dict[str, Node]:
    shorts: dict[str, list[str]] = {}
    first: dict[str, dict] = {}
    for row in rows:
        first.setdefault(row["thing"], row)
        if row["short"] and row["short"] not in shorts.setdefault(row["thing"], []):
            shorts[row["thing"]].append(row["short"])
    return {
        iri: Node(
            iri=iri,
            type=row["nodeType"],
            kind=row["kind"] or "",
            kind_label=row["kindLabel"] or "",
            label=row["label"] or "",
            label_nl=row["labelNl"] or "",
            label_en=row["labelEn"] or "",
            alternatives=tuple(sorted(shorts.get(iri, ()))),
            notation=row["notation"] or "",
            date=row["date"],
            latest=row["latest"],
            edtf=row["edtf"] or "",
            precision=row["precision"] or "day",
            status=row["status"] or "",
            lang=lang,
        )
        for iri, row in first.items()
    }


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
