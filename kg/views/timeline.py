"""The data behind the timeline page: events with their lanes (recommendation, programme,
actor), the lanes, kinds, statuses, zoom presets, and how dense periods are clustered."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kg import i18n
from kg.views.data import ViewData, role_label

STATUS_ORDER = ("occurred", "ongoing", "planned", "postponed")
NONE_LANE = "none"
TIMELINE_EVENT_LIMIT = 1000
"""Above this many events timeline.html clusters dense periods: where more than
TIMELINE_DETAIL_LIMIT events of the chosen lanes and filters fall in the visible window, each
lane shows one block per month, quarter or year with the number of events in it (the smallest
unit that keeps about three dozen blocks across the window and at most TIMELINE_BLOCK_LIMIT
blocks loaded). Zooming in until the window holds fewer events, picking a year, or a block's
"zoom in" button shows the events themselves; only those around the window are handed to
vis-timeline, which measures and stacks every item it holds. timeline.json then has `clusters`
(the limits and the note the page shows); under the limit it is null and the page is
unchanged."""
TIMELINE_DETAIL_LIMIT = 250
"""The most events (counted once per lane they are in) a clustered timeline shows one by one."""
TIMELINE_BLOCK_LIMIT = 1000
"""The most blocks a clustered timeline loads (the window and half its width either side)."""


def timeline_page(shared: ViewData) -> dict:
    """Return the data of the timeline: events with their lanes, the lanes, kinds, presets."""
    strings = i18n.strings(shared.lang)
    lanes: dict[str, defaultdict[str, int]] = {
        "recommendation": defaultdict(int),
        "programme": defaultdict(int),
        "actor": defaultdict(int),
    }
    events = []
    # this runs once per event of the graph: every label, role label and programme is looked
    # up once for the page, and each event's links are read in one pass
    label = shared.labels()
    role = {}  # (role, ontology's label) → what the details show
    root = {}  # instrument → its programme or law
    for event in shared.events:
        links: dict[str, list[dict]] = shared.by_event.get(event["id"], {})
        actors: defaultdict[str, set[str]] = defaultdict(set)
        for link in links.get("actor", ()):
            key = (link["role"], link["roleLabel"])
            if key not in role:
                role[key] = role_label(link, strings)
            actors[link["target"]].add(role[key])
        instruments = {link["target"] for link in links.get("instrument", ())}
        for target in instruments:
            if target not in root:
                root[target] = shared.root(target)
        member = {
            "recommendation": sorted({link["target"] for link in links.get("recommendation", ())}),
            "programme": sorted({root[target] for target in instruments}),
            "actor": sorted(actors),
        }
        for mode, ids in member.items():
            if not ids:
                member[mode] = [NONE_LANE]
            for lane in member[mode]:
                lanes[mode][lane] += 1
        shown = dict(event)
        del shown["iri"], shown["edtf"], shown["outcome"]
        shown["lanes"] = member
        shown["actors"] = [
            {"id": a, "label": label.get(a) or a, "roles": sorted(r)}
            for a, r in sorted(actors.items(), key=lambda item: label.get(item[0]) or item[0])
        ]
        shown["instruments"] = [{"id": i, "label": label.get(i) or i} for i in sorted(instruments)]
        shown["places"] = [
            {"id": p, "label": label.get(p) or p}
            for p in sorted({link["target"] for link in links.get("place", ())})
        ]
        events.append(shown)
    return {
        "lang": shared.lang,
        "events": events,
        "lanes": {mode: _lanes(shared, mode, counted, strings) for mode, counted in lanes.items()},
        "kinds": _kinds(shared.events),
        "statuses": _statuses(shared.events),
        "presets": _presets(shared.events, strings),
        "clusters": _clusters(len(events), strings, shared.lang),
    }


def _clusters(events: int, strings: dict, lang: str) -> dict | None:
    """Return how the timeline clusters dense periods, or None for a graph under the limit."""
    if events <= TIMELINE_EVENT_LIMIT:
        return None
    return {
        "limit": TIMELINE_EVENT_LIMIT,
        "detailLimit": TIMELINE_DETAIL_LIMIT,
        "blockLimit": TIMELINE_BLOCK_LIMIT,
        "events": events,
        "units": ["month", "quarter", "year"],
        "note": strings["clusters_note"].format(events=i18n.format_number(events, lang)),
    }


def _lanes(shared: ViewData, mode: str, counted: dict, strings: dict) -> list[dict]:
    lanes = [
        {
            "id": lane,
            "label": shared.short_label(lane) if mode == "recommendation" else shared.label(lane),
            "title": shared.label(lane),
            "events": n,
        }
        for lane, n in counted.items()
        if lane != NONE_LANE
    ]
    if mode == "recommendation":
        lanes.sort(key=lambda lane: lane["label"])
    else:
        lanes.sort(key=lambda lane: (-lane["events"], lane["label"].lower()))
    if NONE_LANE in counted:
        lanes.append(
            {
                "id": NONE_LANE,
                "label": strings["lane_none"],
                "title": strings["lane_none"],
                "events": counted[NONE_LANE],
            }
        )
    return lanes


def _kinds(events: list[dict]) -> list[dict]:
    counted: dict[str, dict] = {}
    for event in events:
        kind = counted.setdefault(
            event["kind"], {"id": event["kind"], "label": event["kindLabel"], "events": 0}
        )
        kind["events"] += 1
    return sorted(counted.values(), key=lambda k: k["label"].lower())


def _statuses(events: list[dict]) -> list[dict]:
    labels = {e["status"]: e["statusLabel"] for e in events}
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    return [{"id": s, "label": labels[s]} for s in sorted(labels, key=lambda s: order.get(s, 99))]


def _presets(events: list[dict], strings: dict) -> list[dict]:
    """Return zoom presets: every year from the first event's to the last's (a year without
    events is a shortcut too: its emptiness is worth seeing), and the whole range."""
    if not events:
        return []
    years = sorted({int(e["start"][:4]) for e in events} | {int(e["end"][:4]) for e in events})
    first = min(e["start"] for e in events)
    last = max(e["end"] for e in events)
    margin = dt.timedelta(days=20)
    end = (dt.date.fromisoformat(last) + margin).isoformat()
    presets = [
        {"id": str(y), "label": str(y), "start": f"{y}-01-01", "end": f"{y + 1}-01-01"}
        for y in range(years[0], years[-1] + 1)
    ]
    if len(years) > 1:  # the opening view: the last two years, where most events are
        presets.append(
            {
                "id": "recent",
                "label": f"{years[-2]}–{years[-1]}",
                "start": f"{years[-2]}-01-01",
                "end": max(end, f"{years[-1] + 1}-01-01"),
            }
        )
    presets.append(
        {
            "id": "all",
            "label": strings["preset_all"],
            "start": (dt.date.fromisoformat(first) - margin).isoformat(),
            "end": end,
        }
    )
    return presets
