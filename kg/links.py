"""The links of the network, one model for the views and kg.analysis.

Both read the `network-links` query (every link between events, actors, instruments,
recommendations and places) and name each link's property by `view-terms` (its local name and
its label in the chosen language); each then keeps the links it shows: the views drop the
links between events, kg.analysis the places.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.names import slug

LINK_TYPES = ("actor", "instrument", "recommendation", "place", "event")  # what a target is


@dataclass(frozen=True)
class Link:
    """A link as the graph states it: `source` (an event or instrument) `role` `target`."""

    source: str  # IRI
    role: str  # the property's local name: agent, addressee, concerns, listedUnder, …
    target: str  # IRI
    type: str  # what the target is: one of LINK_TYPES
    role_label: str = ""  # the property's label in the chosen language, or ''
    property: str = ""  # the property's IRI (to label the link again in another language)


def read_links(rows: list[dict], terms: dict[str, dict]) -> list[Link]:
    """Return the links of `network-links` rows, each property named and labelled by `terms`
    ({property IRI: its view-terms row}), ordered by source, role, target and type."""
    links = []
    for row in rows:
        found = terms.get(row["property"]) or {}
        links.append(
            Link(
                source=row["source"],
                role=found.get("name") or slug(row["property"]),
                target=row["target"],
                type=row["targetType"],
                role_label=found.get("label") or "",
                property=row["property"],
            )
        )
    return sorted(links, key=lambda k: (k.source, k.role, k.target, k.type))
