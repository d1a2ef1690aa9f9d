"""Network analysis for researchers: who did what with whom, when, and how things connect.

Every function takes the KnowledgeGraph (`kg.load()`) or a `Network` loaded once from it
(`load_network(graph, lang="en")`), and reads the graph only through named queries
(`network-nodes`, `network-links` with `view-terms`, `participation`); its links are
kg.links's, the model the views use too.

    >>> import kg
    >>> from kg import analysis
    >>> graph = kg.load()
    >>> print(analysis.shortest_path(graph, "GI's", "Hervormingsagenda Jeugd").text())
    >>> analysis.centrality(graph, top=5)                 # actors in the actor–event network
    >>> analysis.stance_history(graph, "LNVT")            # {programme: [stances, oldest first]}
    >>> analysis.time_slice(graph, "2024-12-31")          # the network as of a day
"""

from __future__ import annotations

from kg.analysis.export import FORMATS, export, gephi_graph, serialize
from kg.analysis.measures import NETWORKS, centrality, communities, ego_network
from kg.analysis.network import (
    Network,
    Node,
    actor_event_graph,
    actor_graph,
    full_graph,
    load_network,
    programme_graph,
    time_slice,
)
from kg.analysis.paths import Chain, NoPath, Step, resolve, shortest_path
from kg.analysis.profile import ActorProfile, actor_profile, stance_history

__all__ = [
    "FORMATS",
    "NETWORKS",
    "ActorProfile",
    "Chain",
    "Network",
    "NoPath",
    "Node",
    "Step",
    "actor_event_graph",
    "actor_graph",
    "actor_profile",
    "centrality",
    "communities",
    "ego_network",
    "export",
    "full_graph",
    "gephi_graph",
    "load_network",
    "programme_graph",
    "resolve",
    "serialize",
    "shortest_path",
    "stance_history",
    "time_slice",
]
