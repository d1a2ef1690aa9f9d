"""The network page's data: typed nodes and edges laid out once by networkx, built with pyvis.

The layout is computed here, so the browser only draws: node x/y are fixed and physics is off,
which keeps thousands of nodes responsive. pyvis serves as the node/edge builder only; its
stock template (CDN links, unescaped strings) is never used.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from kg.views import i18n
from kg.views.data import ViewData, role_label

TYPES = ("event", "actor", "instrument", "recommendation", "place")
STYLE = {  # restrained palette, distinct shapes so colour is never the only cue
    "event": {"color": "#5477a8", "shape": "dot"},
    "actor": {"color": "#c0713a", "shape": "diamond"},
    "instrument": {"color": "#3c8c74", "shape": "square"},
    "recommendation": {"color": "#a3405f", "shape": "star"},
    "place": {"color": "#76689f", "shape": "triangle"},
}
FULL_LAYOUT_LIMIT = 1200  # a larger component: lay out its non-event nodes, then place events
SEED = 7


def network_page(shared: ViewData, focus: str | None = None) -> dict:
    """Return the network page's data: pyvis node and edge dicts plus what the filters need."""
    strings = i18n.strings(shared.lang)
    nodes, edges = _nodes_and_edges(shared, strings)
    positions = layout(list(nodes), [(e["from"], e["to"]) for e in edges],
                       events={n for n, d in nodes.items() if d["type"] == "event"})
    vis_nodes, vis_edges = _pyvis(nodes, edges, positions)
    years = [int(n["start"][:4]) for n in vis_nodes if n.get("start")]
    years += [int(n["end"][:4]) for n in vis_nodes if n.get("end")]
    return {
        "lang": shared.lang,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "types": [{"id": t, "label": strings["type_" + t], **STYLE[t],
                   "count": sum(1 for n in vis_nodes if n["type"] == t)} for t in TYPES],
        "recommendations": [{"id": r["id"], "notation": r["notation"], "label": r["label"]}
                            for r in shared.recommendations()],
        "years": [min(years), max(years)] if years else [],
        "focus": focus,
    }


def _nodes_and_edges(shared: ViewData, strings: dict) -> tuple[dict, list]:
    nodes: dict[str, dict] = {}
    for event in shared.events:
        links = shared.by_event.get(event["id"], {})
        nodes[event["id"]] = {
            "type": "event", "name": event["label"], "kind": event["kind"],
            "kindLabel": event["kindLabel"], "status": event["status"],
            "statusLabel": event["statusLabel"], "start": event["start"], "end": event["end"],
            "when": event["when"], "description": event["description"],
            "section": event["section"],
            "recommendations": sorted({link["target"] for link in links.get("recommendation", [])}),
        }
    for entity in shared.entities.values():
        nodes[entity["id"]] = {
            "type": entity["type"], "name": entity["label"], "kind": entity["kind"],
            "kindLabel": entity["kindLabel"], "abbreviation": entity["abbreviation"],
            "notation": entity["notation"], "description": entity["description"],
            "names": entity["names"],
        }
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in shared.links:
        for end in (link["source"], link["target"]):
            if end not in nodes:  # linked but not typed as one of ours: still show it
                nodes[end] = {"type": link["type"], "name": end, "kind": "", "kindLabel": ""}
        label = role_label(link, strings)
        if label not in roles[(link["source"], link["target"])]:
            roles[(link["source"], link["target"])].append(label)
    edges = [{"from": s, "to": t, "roles": r} for (s, t), r in roles.items()]
    return nodes, edges


def layout(nodes: list[str], edges: list[tuple[str, str]], events: set[str]) -> dict:
    """Return fixed x/y (screen pixels) for every node, the same for the same graph.

    Each connected component is laid out on its own and the components are packed in rows,
    largest first, so that a few unlinked nodes do not push the drawing apart. A component of
    up to FULL_LAYOUT_LIMIT nodes gets networkx's spring layout; a larger one (the spring
    layout is quadratic) gets the spring layout of its non-event nodes, weighted by the events
    they share, with each event placed among the nodes it links.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = [_landscape(_component_layout(graph.subgraph(c), events)) for c in components]
    return _to_pixels(_pack(boxes))


def _landscape(pos: dict) -> dict:
    """Return `pos` rotated so that its longest axis runs left to right (screens are wide)."""
    import numpy as np

    if len(pos) < 3:
        return pos
    ids = list(pos)
    points = np.array([pos[n] for n in ids], dtype=float)
    points -= points.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(points.T))
    major = vectors[:, -1] * (1 if vectors[0, -1] >= 0 else -1)
    rotation = np.array([[major[0], major[1]], [-major[1], major[0]]])
    rotated = points @ rotation.T
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, rotated, strict=True)}


def _component_layout(graph, events: set[str]) -> dict:
    """Return positions of one connected component, with nodes about one unit apart."""
    import networkx as nx

    n = len(graph)
    if n <= 2:
        return {node: (float(i), 0.0) for i, node in enumerate(sorted(graph))}
    unit = math.sqrt(n) / 2  # spring layouts fill [-1, 1]²: about 2/sqrt(n) between nodes
    if n <= FULL_LAYOUT_LIMIT:
        pos = nx.spring_layout(graph, seed=SEED, iterations=80)
        return {node: (float(x) * unit, float(y) * unit) for node, (x, y) in pos.items()}
    hubs = nx.Graph()
    hubs.add_nodes_from(node for node in graph if node not in events)
    for event in (node for node in graph if node in events):
        around = sorted(graph[event])
        for i, a in enumerate(around):
            for b in around[i + 1:]:
                weight = hubs.get_edge_data(a, b, {"weight": 0})["weight"]
                hubs.add_edge(a, b, weight=weight + 1)
    hub_pos = nx.spring_layout(hubs, seed=SEED, iterations=50 if len(hubs) <= 1500 else 25)
    pos = {node: (float(x), float(y)) for node, (x, y) in hub_pos.items()}
    rng = random.Random(SEED)
    spread = 1.5 / math.sqrt(max(len(hubs), 1))
    for event in sorted(node for node in graph if node in events):
        around = [pos[m] for m in graph[event] if m in pos]
        if not around:  # an event linked only to events: next to the first one placed
            around = [pos.get(next(iter(graph[event])), (0.0, 0.0))]
        cx = sum(p[0] for p in around) / len(around)
        cy = sum(p[1] for p in around) / len(around)
        angle, radius = rng.uniform(0, 2 * math.pi), spread * math.sqrt(rng.random())
        pos[event] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return {node: (x * unit, y * unit) for node, (x, y) in pos.items()}


def _pack(boxes: list[dict], gap: float = 1.5) -> dict:
    """Return the components' positions packed in rows under the largest one.

    Components of three or more nodes go in rows as wide as the largest component; single
    nodes and pairs follow in a compact grid, so that they stay in view without pushing the
    drawing apart.
    """
    placed: dict = {}
    if not boxes:
        return placed
    spans = []
    for pos in boxes:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        spans.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    row_width = max(spans[0][2], 8.0)
    x = y = row_height = 0.0
    small = []
    for pos, (x0, y0, w, h) in zip(boxes, spans, strict=True):
        if len(pos) <= 2:
            small.extend(sorted(pos))
            continue
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (px - x0 + x, py - y0 + y)
        x += w + gap
        row_height = max(row_height, h)
    y += row_height + gap if placed else 0.0
    per_row = max(int(row_width / 1.2) + 1, 1)
    for i, node in enumerate(small):
        placed[node] = ((i % per_row) * 1.2, y + (i // per_row) * 1.2)
    return placed


def _to_pixels(pos: dict, spacing: float = 60.0) -> dict:
    """Return positions scaled so that a typical node is `spacing` pixels from its nearest one."""
    import numpy as np

    ids = list(pos)
    points = np.array([pos[n] for n in ids], dtype=float)
    if len(points) < 2:
        return {n: (0.0, 0.0) for n in ids}
    sample = points[:: max(len(points) // 400, 1)]  # nearest neighbours of a sample suffice
    distances = np.sqrt(((sample[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    distances[distances == 0] = np.inf
    typical = float(np.median(distances.min(axis=1)))
    factor = spacing / typical if np.isfinite(typical) and typical > 0 else 100.0
    return {n: (round(float(x) * factor, 1), round(float(y) * factor, 1))
            for n, (x, y) in zip(ids, points, strict=True)}


def _pyvis(nodes: dict, edges: list, positions: dict) -> tuple[list, list]:
    """Return pyvis' node and edge dicts, built in bulk, with our data fields added."""
    from pyvis.network import Network

    # directed: pyvis then skips its quadratic duplicate-edge scan (edges are unique already)
    net = Network(directed=True)
    net.node_ids = _NodeIds()  # pyvis asks `id in node_ids` for every node and edge it adds
    ids = list(nodes)
    degree = defaultdict(int)
    for edge in edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    net.add_nodes(
        ids,
        label=[_canvas_label(nodes[n]) for n in ids],
        title=[_tooltip(nodes[n]) for n in ids],
        x=[round(positions.get(n, (0, 0))[0], 1) for n in ids],
        y=[round(positions.get(n, (0, 0))[1], 1) for n in ids],
        color=[STYLE[_type(nodes[n])]["color"] for n in ids],
        shape=[STYLE[_type(nodes[n])]["shape"] for n in ids],
        value=[_value(nodes[n], degree[n]) for n in ids],
    )
    net.add_edges([(e["from"], e["to"]) for e in edges])
    vis_nodes, vis_edges, *_ = net.get_network_data()
    for node in vis_nodes:
        data = nodes[node["id"]]
        node.update({k: v for k, v in data.items() if v not in (None, "", [])})
        node["type"] = _type(data)
        node["degree"] = degree[node["id"]]
    for edge, ours in zip(vis_edges, edges, strict=True):
        edge.pop("arrows", None)
        edge["roles"] = ours["roles"]
    return vis_nodes, vis_edges


class _NodeIds(list):
    """pyvis' list of node ids, with constant-time membership instead of a scan per call."""

    def __init__(self):
        super().__init__()
        self._members = set()

    def append(self, node_id):
        super().append(node_id)
        self._members.add(node_id)

    def __contains__(self, node_id):
        return node_id in self._members


def _type(node: dict) -> str:
    return node["type"] if node["type"] in STYLE else "instrument"


def _canvas_label(node: dict) -> str:
    if node["type"] == "event":
        name = node["name"]
        return name if len(name) <= 36 else name[:34].rstrip() + "…"
    short = node.get("abbreviation") or node.get("notation") or node["name"]
    return short if len(short) <= 40 else short[:38].rstrip() + "…"


def _tooltip(node: dict) -> str:
    """Return the hover text: plain text (vis-network shows strings as text, never as HTML)."""
    second = " · ".join(p for p in (node.get("kindLabel"), node.get("when")) if p)
    return node["name"] + ("\n" + second if second else "")


def _value(node: dict, degree: int) -> float:
    """Return the node's weight for vis-network's scaling of size and label: events stay small,
    other nodes grow with the square root of how many links they have."""
    if node["type"] == "event":
        return 1.0
    return round(1.6 + math.sqrt(degree) * (1.6 if node["type"] == "recommendation" else 1.0), 2)
