"""The adapter from our network to vis-network's node and edge dicts, built with pyvis.

pyvis serves as the node builder only, through its public API (Network.add_nodes and
get_network_data); edges are plain from/to pairs and its stock template (CDN links, unescaped
strings) is never used. Each node dict is pyvis' (label, title, x, y, colour, shape, value)
with our data fields added, which network.js reads.
"""

from __future__ import annotations

import math
from collections import defaultdict

TYPES = ("event", "actor", "instrument", "recommendation", "place")
STYLE = {  # restrained palette, distinct shapes so colour is never the only cue
    "event": {"color": "#5477a8", "shape": "dot"},
    "actor": {"color": "#c0713a", "shape": "diamond"},
    "instrument": {"color": "#3c8c74", "shape": "square"},
    "recommendation": {"color": "#a3405f", "shape": "star"},
    "place": {"color": "#76689f", "shape": "triangle"},
}
PYVIS_NODE_LIMIT = 2000
"""Above this many nodes the node dicts are built here rather than by pyvis, which checks each
new id against a list of all before it (quadratic: 0.1 s at 1,500 nodes, 6.6 s at 20,000)."""


def vis_graph(
    nodes: dict, edges: list, positions: dict, degree: dict | None = None
) -> tuple[list, list]:
    """Return vis-network's node dicts, with our data fields added, and the edges.

    `nodes` maps ids to our node data, `edges` are {"from", "to", "roles"} dicts, `positions`
    maps ids to (x, y) pixels; `degree` (default: the number of edges of each node) sizes them.
    """
    ids = list(nodes)
    if degree is None:
        degree = defaultdict(int)
        for edge in edges:
            degree[edge["from"]] += 1
            degree[edge["to"]] += 1
    columns = {
        "label": [_canvas_label(nodes[n]) for n in ids],
        "title": [_tooltip(nodes[n]) for n in ids],
        "x": [round(positions.get(n, (0, 0))[0], 1) for n in ids],
        "y": [round(positions.get(n, (0, 0))[1], 1) for n in ids],
        "color": [STYLE[_type(nodes[n])]["color"] for n in ids],
        "shape": [STYLE[_type(nodes[n])]["shape"] for n in ids],
        "value": [_value(nodes[n], degree[n]) for n in ids],
    }
    if len(ids) <= PYVIS_NODE_LIMIT:
        vis_nodes = pyvis_nodes(ids, columns)
    else:
        vis_nodes = fast_nodes(ids, columns)
    for node in vis_nodes:
        data = nodes[node["id"]]
        node.update({k: v for k, v in data.items() if v not in (None, "", [])})
        node["type"] = _type(data)
        node["degree"] = degree[node["id"]]
    # edges stay plain from/to pairs: pyvis would only add arrows, and take a second per
    # hundred thousand edges to do so
    vis_edges = [{"from": e["from"], "to": e["to"], "roles": e["roles"]} for e in edges]
    return vis_nodes, vis_edges


def pyvis_nodes(ids: list[str], columns: dict[str, list]) -> list[dict]:
    """Return the node dicts pyvis builds from `columns` (one list per node option)."""
    from pyvis.network import Network

    net = Network()
    net.add_nodes(ids, **columns)
    vis_nodes, *_ = net.get_network_data()
    return vis_nodes


def fast_nodes(ids: list[str], columns: dict[str, list]) -> list[dict]:
    """Return the node dicts pyvis_nodes returns, key for key, in linear time."""
    return [
        {
            "color": color,
            "title": title,
            "x": x,
            "y": y,
            "value": value,
            "id": node_id,
            "label": label or node_id,  # pyvis labels a node by its id when it has no label
            "shape": shape,
        }
        for node_id, label, title, x, y, color, shape, value in zip(
            ids,
            columns["label"],
            columns["title"],
            columns["x"],
            columns["y"],
            columns["color"],
            columns["shape"],
            columns["value"],
            strict=True,
        )
    ]


def _type(node: dict) -> str:
    return node["type"] if node["type"] in STYLE else "instrument"


def _canvas_label(node: dict) -> str:
    if node.get("fold"):
        return f"{node['name']} ({node['count']})"
    if node["type"] == "event":
        name = node["name"]
        return name if len(name) <= 36 else name[:34].rstrip() + "…"
    short = node.get("abbreviation") or node.get("notation") or node["name"]
    return short if len(short) <= 40 else short[:38].rstrip() + "…"


def _tooltip(node: dict) -> str:
    """Return the hover text: plain text (vis-network shows strings as text, never as HTML)."""
    if node.get("fold"):
        return node["name"] + "\n" + node["description"]
    second = " · ".join(p for p in (node.get("kindLabel"), node.get("when")) if p)
    return node["name"] + ("\n" + second if second else "")


def _value(node: dict, degree: int) -> float:
    """Return the node's weight for vis-network's scaling of size and label: events stay small,
    other nodes grow with the square root of how many links they have, a fold with the square
    root of its number of events."""
    if node.get("fold"):
        return round(1.6 + math.sqrt(node["count"]), 2)
    if node["type"] == "event":
        return 1.0
    return round(1.6 + math.sqrt(degree) * (1.6 if node["type"] == "recommendation" else 1.0), 2)
