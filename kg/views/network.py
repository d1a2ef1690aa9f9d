"""The network page's data: typed nodes and edges, and the summary of a large graph.

This module says what the network shows; kg.views.network_layout places it (fixed x/y, so the
browser only draws) and kg.views.network_vis turns it into vis-network's node dicts with pyvis.

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
the limit, where the page is unchanged) next to the full `nodes` and `edges`. The summary's
folds are pinned on a grid (years left to right, kinds top to bottom) and the rest placed by a
force layout among them; the full graph keeps those places and puts each event among the
things it links. (The timeline has a threshold of its own: kg.views.data.TIMELINE_EVENT_LIMIT.)
"""

from __future__ import annotations

from collections import defaultdict

from kg import i18n
from kg.views.data import ViewData, role_label
from kg.views.network_layout import layout, place_events, summary_layout
from kg.views.network_vis import STYLE, TYPES, vis_graph

NETWORK_NODE_LIMIT = 1500
"""Above this many nodes network.html opens on the summary (events folded per year × kind);
the button on its note shows every node. Change it here (there is no command-line option)."""
SUMMARY_EDGE_LIMIT = 6000
"""A summary folded per year × kind with more links than this (each fold links to the union
of what its events link) is folded per year instead: thousands of links draw slowly and read
as a hairball."""


def network_page(shared: ViewData, focus: str | None = None) -> dict:
    """Return the network page's data: vis-network nodes and edges and what the filters need."""
    strings = i18n.strings(shared.lang)
    nodes, edges = _nodes_and_edges(shared, strings)
    events = {n for n, d in nodes.items() if d["type"] == "event"}
    pairs = [(e["from"], e["to"]) for e in edges]
    summary = None
    if len(nodes) > NETWORK_NODE_LIMIT:
        summary = summary_page(nodes, edges, strings, shared.lang)
        # the full graph keeps every actor, programme and recommendation where the summary
        # has it (switching views keeps the picture), and places the events among them
        kept = {n["id"]: (n["x"], n["y"]) for n in summary["nodes"] if not n.get("fold")}
        positions = place_events(kept, pairs, events)
    else:
        positions = layout(list(nodes), pairs, events)
    vis_nodes, vis_edges = vis_graph(nodes, edges, positions)
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
    network_layout.summary_layout, the folding (`by`: "year-kind" or "year"), the counts and
    the note the page shows.
    """
    events = {n for n, d in nodes.items() if d["type"] == "event"}
    kept = len(nodes) - len(events)
    by = "year-kind"
    folds, summary_edges = _fold(nodes, edges, events, by, strings, lang)
    if kept + len(folds) > limit or len(summary_edges) > edge_limit:
        by = "year"
        folds, summary_edges = _fold(nodes, edges, events, by, strings, lang)
    summary_nodes = {n: d for n, d in nodes.items() if n not in events} | folds
    positions = summary_layout(
        list(summary_nodes),
        [(e["from"], e["to"], e["weight"]) for e in summary_edges],
        _grid(folds),
    )
    weighted: defaultdict[str, int] = defaultdict(int)
    for edge in summary_edges:
        weighted[edge["from"]] += edge["weight"]
        weighted[edge["to"]] += edge["weight"]
    vis_nodes, vis_edges = vis_graph(summary_nodes, summary_edges, positions, weighted)
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


def _grid(folds: dict) -> dict[str, tuple[int, int]]:
    """Return each fold's cell in the summary's grid: years left to right (undated last) and,
    folded per year and kind, kinds top to bottom in the order of their names."""
    years = sorted({f["year"] for f in folds.values()}, key=lambda y: (y is None, y or 0))
    kinds = sorted({f["kindLabel"].lower() for f in folds.values()})
    return {
        fold_id: (years.index(fold["year"]), kinds.index(fold["kindLabel"].lower()))
        for fold_id, fold in folds.items()
    }


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
