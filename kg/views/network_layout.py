"""Where the network's nodes go: fixed x/y in screen pixels, the same for the same graph.

A pure module: it takes node ids and links (pairs, or triples with a weight) and returns
positions, computed with networkx and numpy; what the nodes are and how they are drawn is
kg.views.network's and kg.views.network_vis's business. The browser only draws (physics off),
which keeps thousands of nodes responsive.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

FULL_LAYOUT_LIMIT = 500  # a larger component: lay out its non-event nodes, then place events
# (networkx switches to a slower method at 500 nodes: a 1,075-node component took 9 s)
SEED = 7
DENSE_LAYOUT_LIMIT = 2000
"""The most nodes force_layout handles (its arrays grow with the square: 64 MB at 2,000)."""


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


def summary_layout(
    nodes: list[str], edges: list[tuple[str, str, int]], cells: dict[str, tuple[int, int]]
) -> dict:
    """Return fixed x/y (screen pixels) for a summary, the same for the same graph.

    `edges` are (from, to, weight) with the number of events behind each link; `cells` pins
    nodes (the folds) on a grid, by (column, row) counted from 0. A force layout
    (force_layout), weighted by the events behind each link, lets every other node settle among
    the pinned ones it links. Whatever has no link to a pinned node is laid out as `layout`
    does and placed below.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, math.log2(1 + w)) for a, b, w in edges)
    linked = set(cells)
    for component in nx.connected_components(graph):
        if component & linked:
            linked |= component
    columns = len({column for column, _ in cells.values()})
    rows = len({row for _, row in cells.values()})
    width, height = 1.6, 1.0  # the grid: landscape, as screens are

    def spread(i: int, n: int) -> float:  # -1 … 1, or 0 for a single row or column
        return 2 * i / (n - 1) - 1 if n > 1 else 0.0

    pinned = {
        node: (width * spread(column, columns), height * spread(row, rows))
        for node, (column, row) in cells.items()
    }
    rng = random.Random(SEED)
    start = dict(pinned)
    for node in sorted(linked - set(pinned)):
        # start among the pinned nodes it links, weighted by their events: the layout then only
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
    # out between and around the pinned ones instead of heaping them in the middle;
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
        apart = set(rest)
        others = layout(rest, [(a, b) for a, b, _ in edges if a in apart], set())
        left = min((x for x, _ in placed.values()), default=0.0)
        below = max((y for _, y in placed.values()), default=0.0) + 120.0
        x0 = min(x for x, _ in others.values())
        y0 = min(y for _, y in others.values())
        placed |= {
            n: (round(x - x0 + left, 1), round(y - y0 + below, 1)) for n, (x, y) in others.items()
        }
    return placed


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


def place_events(
    fixed: dict, edges: list[tuple[str, str]], events: set[str], spacing: float = 60.0
) -> dict:
    """Return pixel positions for `fixed` (kept as they are) and every event: each event in a
    disc around the middle of the nodes it links, the disc growing with the number of events
    around the same spot; an event linked to none of them goes on a grid below the drawing."""
    linked = defaultdict(list)
    for one, other in edges:
        for a, b in ((one, other), (other, one)):
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
