"""The network page's data: typed nodes and edges laid out once by networkx, built with pyvis.

The layout is computed here, so the browser only draws: node x/y are fixed and physics is off,
which keeps thousands of nodes responsive. pyvis serves as the node builder only (edges are
plain from/to pairs); its stock template (CDN links, unescaped strings) is never used.

Large graphs. A graph of more than NETWORK_NODE_LIMIT nodes (1,500) also gets a summary, and
network.html opens on it: actors, programmes and laws, recommendations and places stay as they
are, and the events are folded into one node per year and event kind ("motie · 2023", sized by
its number of events), linked to the things its events link, each link weighted by the number
of events behind it. When that summary would still have more than NETWORK_NODE_LIMIT nodes or
more than SUMMARY_EDGE_LIMIT links (6,000), the events are folded per year only. A note above
the drawing says how many events are folded and how; its button "Alle knopen tonen" / "Show
all nodes" draws the full graph, and "Terug naar het overzicht" / "Back to the summary" the
summary again. Search and details always use the full graph: picking an event selects the
node it is folded into and shows the event. network.json holds both: `summary` (null under
the limit, where the page is unchanged) next to the full `nodes` and `edges`. The summary is
laid out by networkx too, its folds pinned on a grid (years left to right, kinds top to
bottom) and the rest placed by the spring layout among them; the full graph keeps those places
and puts each event among the things it links. (The timeline has a threshold of its own:
kg.views.data.TIMELINE_EVENT_LIMIT.)
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

from kg import i18n
from kg.views.data import ViewData, role_label

TYPES = ("event", "actor", "instrument", "recommendation", "place")
STYLE = {  # restrained palette, distinct shapes so colour is never the only cue
    "event": {"color": "#5477a8", "shape": "dot"},
    "actor": {"color": "#c0713a", "shape": "diamond"},
    "instrument": {"color": "#3c8c74", "shape": "square"},
    "recommendation": {"color": "#a3405f", "shape": "star"},
    "place": {"color": "#76689f", "shape": "triangle"},
}
FULL_LAYOUT_LIMIT = 500  # a larger component: lay out its non-event nodes, then place events
# (networkx switches to a slower method at 500 nodes: a 1,075-node component took 9 s)
SEED = 7
NETWORK_NODE_LIMIT = 1500
"""Above this many nodes network.html opens on the summary (events folded per year × kind);
the button on its note shows every node. Change it here (there is no command-line option)."""
SUMMARY_EDGE_LIMIT = 6000
"""A summary folded per year × kind with more links than this (each fold links to the union
of what its events link) is folded per year instead: thousands of links draw slowly and read
as a hairball."""


def network_page(shared: ViewData, focus: str | None = None) -> dict:
    """Return the network page's data: pyvis node and edge dicts plus what the filters need."""
    strings = i18n.strings(shared.lang)
    nodes, edges = _nodes_and_edges(shared, strings)
    events = {n for n, d in nodes.items() if d["type"] == "event"}
    summary = None
    if len(nodes) > NETWORK_NODE_LIMIT:
        summary = summary_page(nodes, edges, strings, shared.lang)
        # the full graph keeps every actor, programme and recommendation where the summary
        # has it (switching views keeps the picture), and places the events among them
        kept = {n["id"]: (n["x"], n["y"]) for n in summary["nodes"] if not n.get("fold")}
        positions = place_events(kept, edges, events)
    else:
        positions = layout(list(nodes), [(e["from"], e["to"]) for e in edges], events)
    vis_nodes, vis_edges = _pyvis(nodes, edges, positions)
    years = [int(n["start"][:4]) for n in vis_nodes if n.get("start")]
    years += [int(n["end"][:4]) for n in vis_nodes if n.get("end")]
    return {
        "lang": shared.lang,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "types": [
            {
                "id": t,
                "label": strings["type_" + t],
                **STYLE[t],
                "count": sum(1 for n in vis_nodes if n["type"] == t),
            }
            for t in TYPES
        ],
        "recommendations": [
            {"id": r["id"], "notation": r["notation"], "label": r["label"]}
            for r in shared.recommendations()
        ],
        "years": [min(years), max(years)] if years else [],
        "focus": focus,
        "summary": summary,
    }


# ---------------------------------------------------------------------------- the summary


def summary_page(
    nodes: dict,
    edges: list,
    strings: dict,
    lang: str,
    limit: int = NETWORK_NODE_LIMIT,
    edge_limit: int = SUMMARY_EDGE_LIMIT,
) -> dict:
    """Return the summary of a large graph: its events folded, the other nodes kept.

    `nodes` and `edges` are the full graph as _nodes_and_edges returns it. Events are folded
    per (year of their start, kind) — or per year when that gives more than `limit` nodes or
    `edge_limit` edges — into nodes with `fold: true`, `count`, `events` (their ids, in date
    order) and the recommendations of those events; every edge of an event becomes an edge of
    its fold, the duplicates merged into one edge with a `weight` (the number of events behind
    it) and the union of their roles. The result has vis-network nodes and edges laid out by
    summary_layout, the folding (`by`: "year-kind" or "year"), the counts and the note the page
    shows.
    """
    events = {n for n, d in nodes.items() if d["type"] == "event"}
    kept = len(nodes) - len(events)
    by = "year-kind"
    folds, summary_edges = _fold(nodes, edges, events, by, strings, lang)
    if kept + len(folds) > limit or len(summary_edges) > edge_limit:
        by = "year"
        folds, summary_edges = _fold(nodes, edges, events, by, strings, lang)
    summary_nodes = {n: d for n, d in nodes.items() if n not in events} | folds
    positions = summary_layout(summary_nodes, summary_edges, folds)
    weighted: defaultdict[str, int] = defaultdict(int)
    for edge in summary_edges:
        weighted[edge["from"]] += edge["weight"]
        weighted[edge["to"]] += edge["weight"]
    vis_nodes, vis_edges = _pyvis(summary_nodes, summary_edges, positions, weighted)
    for edge, ours in zip(vis_edges, summary_edges, strict=True):
        edge["weight"] = ours["weight"]
    note = strings["summary_note_" + by.replace("-", "_")].format(
        events=i18n.format_number(len(events), lang),
        folds=i18n.format_number(len(folds), lang),
        total=i18n.format_number(len(nodes), lang),
        kept=i18n.format_number(kept, lang),
    )
    return {
        "limit": limit,
        "by": by,
        "events": len(events),
        "folds": len(folds),
        "total": len(nodes),
        "note": note,
        "nodes": vis_nodes,
        "edges": vis_edges,
    }


def _fold(
    nodes: dict, edges: list, events: set, by: str, strings: dict, lang: str
) -> tuple[dict, list]:
    """Return the fold nodes (by "year-kind" or "year") and the edges with events replaced by
    their folds, merged and weighted."""
    folds: dict[str, dict] = {}
    fold_of: dict[str, str] = {}
    for event in sorted(events, key=lambda e: (nodes[e].get("start") or "", e)):
        data = nodes[event]
        year, kind = _fold_key(data, "year-kind")
        fold_id = "fold:" + ":".join(str(part) for part in _fold_key(data, by))
        fold = folds.get(fold_id)
        if fold is None:
            kind_label = (data.get("kindLabel") or kind) if by == "year-kind" else ""
            when = str(year) if year is not None else "?"
            fold = folds[fold_id] = {
                "type": "event",
                "fold": True,
                "year": year,
                "kind": kind if by == "year-kind" else "",
                "kindLabel": kind_label,
                "name": " · ".join(p for p in (kind_label, when) if p),
                "start": data.get("start"),
                "end": data.get("end"),
                "events": [],
                "recommendations": set(),
            }
        fold["events"].append(event)
        fold["recommendations"].update(data.get("recommendations") or ())
        if data.get("start") and (not fold["start"] or data["start"] < fold["start"]):
            fold["start"] = data["start"]
        if data.get("end") and (not fold["end"] or data["end"] > fold["end"]):
            fold["end"] = data["end"]
        fold_of[event] = fold_id
    for fold in folds.values():
        fold["count"] = len(fold["events"])
        fold["recommendations"] = sorted(fold["recommendations"])
        fold["when"] = _fold_when(fold, lang)
        fold["description"] = strings["fold_description"].format(
            n=i18n.format_number(fold["count"], lang)
        )
    merged: dict[tuple[str, str], dict] = {}
    for edge in edges:
        a, b = fold_of.get(edge["from"], edge["from"]), fold_of.get(edge["to"], edge["to"])
        if a == b:
            continue
        into = merged.get((a, b))
        if into is None:
            into = merged[(a, b)] = {"from": a, "to": b, "roles": [], "weight": 0}
        into["weight"] += 1
        into["roles"] += [r for r in edge["roles"] if r not in into["roles"]]
    return folds, list(merged.values())


def summary_layout(nodes: dict, edges: list, folds: dict) -> dict:
    """Return fixed x/y (screen pixels) for the summary, the same for the same graph.

    The folds are pinned on a grid, years from left to right and (folded per year and kind)
    kinds from top to bottom, and a force layout (force_layout), weighted by the number of
    events behind each link, lets every actor, programme and recommendation settle among the
    years and kinds it has events in. Whatever has no link to a fold is laid out as `layout` does
    and placed below.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((e["from"], e["to"], math.log2(1 + e["weight"])) for e in edges)
    linked = set(folds)
    for component in nx.connected_components(graph):
        if component & linked:
            linked |= component
    years = sorted({f["year"] for f in folds.values()}, key=lambda y: (y is None, y or 0))
    kinds = sorted({f["kindLabel"].lower() for f in folds.values()})
    width, height = 1.6, 1.0  # the grid of folds: landscape, as screens are

    def spread(i: int, n: int) -> float:  # -1 … 1, or 0 for a single row or column
        return 2 * i / (n - 1) - 1 if n > 1 else 0.0

    pinned = {}
    for fold_id, fold in folds.items():
        pinned[fold_id] = (
            width * spread(years.index(fold["year"]), len(years)),
            height * spread(kinds.index(fold["kindLabel"].lower()), len(kinds)),
        )
    rng = random.Random(SEED)
    start = dict(pinned)
    for node in sorted(linked - set(pinned)):
        # start among the folds it links, weighted by their events: the layout then only
        # has to spread the nodes out, which takes far fewer steps than from chance places
        around = [
            (pinned[other], graph[node][other]["weight"])
            for other in graph[node]
            if other in pinned
        ]
        total = sum(w for _, w in around)
        x = sum(p[0] * w for p, w in around) / total if total else rng.uniform(-width, width)
        y = sum(p[1] * w for p, w in around) / total if total else rng.uniform(-height, height)
        start[node] = (x + rng.uniform(-0.05, 0.05), y + rng.uniform(-0.05, 0.05))
    main = graph.subgraph(linked)
    # k, the distance nodes settle at: four times networkx's default spreads the other nodes
    # out between and around the folds instead of heaping them in the middle;
    # from that start a few steps settle a large summary (15 steps for 546 nodes)
    k = 8.0 / math.sqrt(max(len(main), 1))
    iterations = 60 if len(main) < 500 else 15
    if not main:
        pos = {}
    elif len(main) <= DENSE_LAYOUT_LIMIT:
        pos = force_layout(main, start, set(pinned), k, iterations)
    else:  # networkx's sparse solver: slower, but its memory grows with the links only
        pos = nx.spring_layout(
            main,
            pos=start,
            fixed=sorted(pinned) or None,
            seed=SEED,
            iterations=iterations,
            method="force",
            k=k,
        )
    placed = _to_pixels({n: (float(x), float(y)) for n, (x, y) in pos.items()})
    rest = [n for n in nodes if n not in linked]
    if rest:
        others = layout(rest, [(e["from"], e["to"]) for e in edges if e["from"] in rest], set())
        left = min((x for x, _ in placed.values()), default=0.0)
        below = max((y for _, y in placed.values()), default=0.0) + 120.0
        x0 = min(x for x, _ in others.values())
        y0 = min(y for _, y in others.values())
        placed |= {
            n: (round(x - x0 + left, 1), round(y - y0 + below, 1)) for n, (x, y) in others.items()
        }
    return placed


DENSE_LAYOUT_LIMIT = 2000
"""The most nodes force_layout handles (its arrays grow with the square: 64 MB at 2,000)."""


def force_layout(graph, start: dict, fixed: set, k: float, iterations: int) -> dict:
    """Return `graph`'s nodes placed by Fruchterman–Reingold from `start`, `fixed` kept still.

    The dense form networkx's spring layout uses below 500 nodes, the same steps on the same
    weights; networkx switches to a row-by-row sparse loop from 500 nodes on, 1.3 s against
    0.1 s for a 546-node summary."""
    import networkx as nx
    import numpy as np

    order = list(graph)
    adjacency = nx.to_numpy_array(graph, nodelist=order, weight="weight")
    pos = np.array([start[n] for n in order], dtype=float)
    still = np.array([n in fixed for n in order])
    # the temperature: how far a node may move, cooling linearly over the steps
    t = max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        # x and y apart: 2-D arrays are 4× faster here than networkx's 3-D ones
        dx = pos[:, 0, np.newaxis] - pos[np.newaxis, :, 0]
        dy = pos[:, 1, np.newaxis] - pos[np.newaxis, :, 1]
        distance = np.clip(np.sqrt(dx * dx + dy * dy), 0.01, None)
        force = k * k / (distance * distance) - adjacency * distance / k
        displacement = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.hypot(displacement[:, 0], displacement[:, 1])
        length = np.where(length < 0.01, 0.1, length)
        step = displacement * (t / length)[:, np.newaxis]
        step[still] = 0.0
        pos += step
        t -= dt
        if np.linalg.norm(step) / len(order) < 1e-4:
            break
    return dict(zip(order, pos, strict=True))


def place_events(fixed: dict, edges: list, events: set[str], spacing: float = 60.0) -> dict:
    """Return pixel positions for `fixed` (kept as they are) and every event: each event in a
    disc around the middle of the nodes it links, the disc growing with the number of events
    around the same spot; an event linked to none of them goes on a grid below the drawing."""
    linked = defaultdict(list)
    for edge in edges:
        for a, b in ((edge["from"], edge["to"]), (edge["to"], edge["from"])):
            if a in events and b in fixed:
                linked[a].append(fixed[b])
    placed = dict(fixed)
    ordered = sorted(events)
    centres = {
        e: (
            sum(x for x, _ in linked[e]) / len(linked[e]),
            sum(y for _, y in linked[e]) / len(linked[e]),
        )
        for e in ordered
        if linked[e]
    }
    crowd = Counter(centres.values())  # events that share a centre share one disc
    rng = random.Random(SEED)
    for event, (cx, cy) in centres.items():
        radius = spacing * (0.5 + 0.35 * math.sqrt(crowd[(cx, cy)])) * math.sqrt(rng.random())
        angle = rng.uniform(0, 2 * math.pi)
        placed[event] = (
            round(cx + radius * math.cos(angle), 1),
            round(cy + radius * math.sin(angle), 1),
        )
    loose = [e for e in ordered if e not in centres]
    if loose:
        left = min((x for x, _ in placed.values()), default=0.0)
        below = max((y for _, y in placed.values()), default=0.0) + 2 * spacing
        per_row = max(int(math.sqrt(len(loose))), 1)
        for i, event in enumerate(loose):
            placed[event] = (
                round(left + (i % per_row) * spacing, 1),
                round(below + (i // per_row) * spacing, 1),
            )
    return placed


def _fold_key(node: dict, by: str) -> tuple:
    """Return the (year, kind) or (year,) an event is folded under; year None when undated."""
    start = node.get("start")
    year = int(start[:4]) if start else None
    return (year, node.get("kind") or "") if by == "year-kind" else (year,)


def _fold_when(fold: dict, lang: str) -> str:
    """Return the dates a fold spans as text: '2023', or '2023 – 2024' when events run on."""
    first, last = (fold.get("start") or "")[:4], (fold.get("end") or "")[:4]
    if not first:
        return ""
    return first if last in ("", first) else f"{first} – {last}"


def _nodes_and_edges(shared: ViewData, strings: dict) -> tuple[dict, list]:
    nodes: dict[str, dict] = {}
    for event in shared.events:
        links: dict[str, list[dict]] = shared.by_event.get(event["id"], {})
        nodes[event["id"]] = {
            "type": "event",
            "name": event["label"],
            "kind": event["kind"],
            "kindLabel": event["kindLabel"],
            "status": event["status"],
            "statusLabel": event["statusLabel"],
            "start": event["start"],
            "end": event["end"],
            "when": event["when"],
            "description": event["description"],
            "section": event["section"],
            "recommendations": sorted({link["target"] for link in links.get("recommendation", [])}),
        }
    for entity in shared.entities.values():
        nodes[entity["id"]] = {
            "type": entity["type"],
            "name": entity["label"],
            "kind": entity["kind"],
            "kindLabel": entity["kindLabel"],
            "abbreviation": entity["abbreviation"],
            "notation": entity["notation"],
            "description": entity["description"],
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
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    order = {node: i for i, node in enumerate(neighbours)}
    components = sorted(_components(neighbours), key=lambda c: (-len(c), min(c)))
    boxes = [
        _landscape(_component_layout(sorted(c, key=order.__getitem__), neighbours, events))
        for c in components
    ]
    return _to_pixels(_pack(boxes))


def _components(neighbours: dict[str, set[str]]) -> list[set[str]]:
    """Return the connected components of an undirected graph given as neighbour sets."""
    seen: set[str] = set()
    components = []
    for start in neighbours:
        if start in seen:
            continue
        seen.add(start)
        component, frontier = {start}, [start]
        while frontier:
            for other in neighbours[frontier.pop()]:
                if other not in seen:
                    seen.add(other)
                    component.add(other)
                    frontier.append(other)
        components.append(component)
    return components


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


def _component_layout(
    members: list[str], neighbours: dict[str, set[str]], events: set[str]
) -> dict:
    """Return positions of one connected component, with nodes about one unit apart."""
    import networkx as nx

    n = len(members)
    if n <= 2:
        return {node: (float(i), 0.0) for i, node in enumerate(sorted(members))}
    unit = math.sqrt(n) / 2  # spring layouts fill [-1, 1]²: about 2/sqrt(n) between nodes
    if n <= FULL_LAYOUT_LIMIT:
        graph = nx.Graph()
        graph.add_nodes_from(members)
        graph.add_edges_from((a, b) for a in members for b in neighbours[a] if a < b)
        pos = nx.spring_layout(graph, seed=SEED, iterations=80)
        return {node: (float(x) * unit, float(y) * unit) for node, (x, y) in pos.items()}
    # pairs of non-event nodes → the events (and direct links) they share
    shared: Counter[tuple[str, str]] = Counter()
    for node in members:
        around = sorted(neighbours[node])
        if node in events:
            shared.update(
                (a, b)
                for i, a in enumerate(around)
                for b in around[i + 1 :]
                if a not in events and b not in events
            )
        else:  # part of, based on
            shared.update((node, b) for b in around if b not in events and node < b)
    hubs = nx.Graph()
    hubs.add_nodes_from(node for node in members if node not in events)
    hubs.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(shared.items()))
    hub_pos = nx.spring_layout(hubs, seed=SEED, iterations=50 if len(hubs) <= 1500 else 25)
    pos = {node: (float(x), float(y)) for node, (x, y) in hub_pos.items()}
    rng = random.Random(SEED)
    spread = 1.5 / math.sqrt(max(len(hubs), 1))
    for event in sorted(node for node in members if node in events):
        placed = [pos[m] for m in neighbours[event] if m in pos]
        if not placed:  # an event linked only to events: next to the first one placed
            placed = [pos.get(min(neighbours[event]), (0.0, 0.0))]
        cx = sum(p[0] for p in placed) / len(placed)
        cy = sum(p[1] for p in placed) / len(placed)
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
    return {
        n: (round(float(x) * factor, 1), round(float(y) * factor, 1))
        for n, (x, y) in zip(ids, points, strict=True)
    }


def _pyvis(
    nodes: dict, edges: list, positions: dict, degree: dict | None = None
) -> tuple[list, list]:
    """Return pyvis' node dicts, built in bulk, and the edges, with our data fields added.

    `degree` (default: the number of edges of each node) sizes the nodes."""
    from pyvis.network import Network

    # directed: pyvis then skips its quadratic duplicate-edge scan (edges are unique already)
    net = Network(directed=True)
    net.node_ids = _NodeIds()  # pyvis asks `id in node_ids` for every node and edge it adds
    ids = list(nodes)
    if degree is None:
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
    vis_nodes, *_ = net.get_network_data()
    for node in vis_nodes:
        data = nodes[node["id"]]
        node.update({k: v for k, v in data.items() if v not in (None, "", [])})
        node["type"] = _type(data)
        node["degree"] = degree[node["id"]]
    # edges are plain from/to pairs: pyvis would only add arrows, and take a second per
    # hundred thousand edges to do so
    vis_edges = [{"from": e["from"], "to": e["to"], "roles": e["roles"]} for e in edges]
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
