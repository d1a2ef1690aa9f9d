"""The plain data behind each page, built from named queries (never from Turtle).

Every function returns JSON-ready dicts and lists; the page embeds exactly that object and the
site writes it beside the page as its JSON twin.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from kg import i18n
from kg.names import abbreviation, short_name
from kg.namespaces import compact
from kg.views import findings

# Figures shown on the index page, in this order, when the graph has them.
FEATURED_INDICATORS = (
    "vt-child-abuse-reports-and-advice",
    "vt-sexual-abuse-reports",
    "child-abuse-prevalence-estimate",
    "vt-first-report-share",
    "vt-reports-from-police-share",
    "prevalence-16-18-domestic-violence",
)
COUNTED_CLASSES = {
    "https://w3id.org/kinderrechten-kg/ontology#Event": "events",
    "http://semanticweb.cs.vu.nl/2009/11/sem/Actor": "actors",
    "https://w3id.org/kinderrechten-kg/ontology#PolicyInstrument": "instruments",
    "http://purl.org/linked-data/cube#Observation": "observations",
}
STANCE_ORDER = ("concern", "selective", "stepped-back", "withdrawn", "call-to-stop")
STATUS_ORDER = ("occurred", "ongoing", "planned", "postponed")
NONE_LANE = "none"
NODE_KINDS = ("actor", "instrument", "recommendation", "event", "place")  # the network's nodes
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


def plain(value):
    """Return `value` as JSON can hold it: dates as ISO text, decimals as int or float."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    return value


def slug(iri: str) -> str:
    """Return the last path segment of an IRI: the readable slug of a thing."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class ViewData:
    """The rows every page shares, fetched once per build from the named queries."""

    def __init__(self, graph, lang: str):
        self.graph = graph
        self.lang = lang
        rows = graph.named_many(
            {
                "events": ("view-events", {"lang": lang}),
                "entities": ("view-entities", {"lang": lang}),
                "names": ("view-names", {}),
                "links": ("view-links", {}),
                "terms": ("view-terms", {"lang": lang}),
            }
        )
        terms = {row["term"]: row for row in merge_rows(rows["terms"], "term")}
        self.events = [_event(row, lang, terms) for row in one_row_per_event(rows["events"])]
        self.entities: dict[str, dict] = {}
        for row in rows["entities"]:
            entity = _entity(row)
            self.entities.setdefault(entity["id"], entity)
        names = defaultdict(set)
        for row in rows["names"]:
            names[compact(row["thing"])].add((row["nameType"], row["name"]))
        for entity in self.entities.values():
            found = names.get(entity["id"], set())
            entity["names"] = sorted({name for _, name in found} - {entity["label"]})
            entity["abbreviation"] = abbreviation(
                [name for kind, name in found if kind == "abbreviation"], entity["label"]
            )
        self.links = sorted(
            (_link(row, terms) for row in rows["links"]),
            key=lambda k: (k["source"], k["type"], k["role"], k["target"]),
        )
        self.event_index = {event["id"]: event for event in self.events}
        self.parent: dict[str, str] = {}  # instrument → the instrument it is part of (or based on)
        self.by_event: defaultdict[str, defaultdict[str, list[dict]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for link in self.links:
            if link["source"] in self.event_index:
                self.by_event[link["source"]][link["type"]].append(link)
            elif link["type"] == "instrument":
                self.parent.setdefault(link["source"], link["target"])

    def label(self, node_id: str) -> str:
        """Return the label of an event or entity, or its compact IRI when it has none."""
        thing = self.entities.get(node_id) or self.event_index.get(node_id)
        return (thing or {}).get("label") or node_id

    def short_label(self, node_id: str) -> str:
        """Return an entity's short name (kg.names.short_name): its abbreviation or notation
        when it has one, else its label."""
        entity = self.entities.get(node_id)
        if entity is None:
            return self.label(node_id)
        return short_name(entity["label"], entity["abbreviation"], entity["notation"])

    def root(self, instrument: str) -> str:
        """Return the programme or law an instrument is (transitively) part of or based on."""
        seen = {instrument}
        while instrument in self.parent and self.parent[instrument] not in seen:
            instrument = self.parent[instrument]
            seen.add(instrument)
        return instrument

    def recommendations(self) -> list[dict]:
        """Return the recommendations (22a …) in notation order."""
        recs = [e for e in self.entities.values() if e["type"] == "recommendation"]
        return sorted(recs, key=lambda e: (e.get("notation") or "", e["id"]))


def one_row_per_event(rows) -> list[dict]:
    """Merge view-events rows into one per event (the smallest value of each column, the largest
    latest date), sorted by date, latest date and IRI."""
    # ISO dates sort as text as they do as dates (and malformed ones do not stop the sort)
    return sorted(
        merge_rows(rows, "event", largest="latest"),
        key=lambda row: (str(row["date"]), str(row["latest"]), row["event"]),
    )


def merge_rows(rows, key: str, largest: str | None = None) -> list[dict]:
    """Merge the rows with the same `key` into one: the smallest value of each column (the
    largest of `largest`), as MIN and MAX would in a GROUP BY."""
    merged: dict[str, dict] = {}
    for row in rows:
        seen = merged.setdefault(row[key], row)
        if seen is row:
            continue
        for column, value in row.items():
            old = seen.get(column)
            if value is None or old == value:
                continue
            if old is None or (_before(old, value) if column == largest else _before(value, old)):
                seen[column] = value
    return list(merged.values())


def _before(a, b) -> bool:
    """a < b, also for values of different types (malformed data): then as text."""
    try:
        return a < b
    except TypeError:
        return str(a) < str(b)


def _event(row: dict, lang: str, terms: dict) -> dict:
    """Return an event as the views show it; `terms`: view-terms rows by IRI."""

    def term(column: str) -> tuple[str, str]:  # name and label of the term in `column`
        found = terms.get(row.get(column)) or {}
        return found.get("name") or "", found.get("label") or ""

    start, end = row["date"], row["latest"] or row["date"]
    kind, kind_label = term("kindClass")
    status, status_label = term("statusConcept")
    outcome, outcome_label = term("outcomeConcept")
    precision = term("precisionConcept")[0] or "day"
    section = None
    if row.get("section"):
        found = terms.get(row["section"]) or {}
        section = {
            "id": compact(row["section"]),
            "title": found.get("label") or "",
            "parent": found.get("parent") or "",
            "line": str(found["name"]) if found.get("name") else "",
        }
    return {
        "id": compact(row["event"]),
        "iri": row["event"],
        "label": row.get("label") or compact(row["event"]),
        "kind": kind,
        "kindLabel": kind_label or kind,
        "status": status,
        "statusLabel": status_label or status,
        "start": plain(start),
        "end": plain(end),
        "precision": precision,
        "approximate": precision != "day",
        "edtf": row.get("edtf") or "",
        "when": i18n.format_when(start, end, precision, lang),
        "dateNote": row.get("dateNote") or "",
        "description": row.get("description") or "",
        "outcome": outcome,
        "outcomeLabel": outcome_label,
        "recommendation": row.get("recommendation") or "",
        "section": section,
    }


def _entity(row: dict) -> dict:
    return {
        "id": compact(row["thing"]),
        "iri": row["thing"],
        "type": row["entityType"],
        "kind": row.get("kind") or "",
        "kindLabel": row.get("kindLabel") or "",
        "label": row.get("label") or compact(row["thing"]),
        "notation": plain(row.get("notation")) or "",
        "description": row.get("description") or "",
    }


def _link(row: dict, terms: dict) -> dict:
    found = terms.get(row["property"]) or {}
    return {
        "source": compact(row["source"]),
        "target": compact(row["target"]),
        "type": row["targetType"],
        "role": found.get("name") or slug(row["property"]),
        "roleLabel": found.get("label") or "",
    }


def role_label(link: dict, strings: dict) -> str:
    """Return the label of a link's role, from the ontology or else from the UI strings."""
    return link["roleLabel"] or strings.get("role_" + link["role"], link["role"])


# ---------------------------------------------------------------------------- index


def index_page(shared: ViewData, *, programme_label: str) -> dict:
    """Return the data of the index page: counts, key figures, the latest event, the views."""
    graph, lang = shared.graph, shared.lang
    strings = i18n.strings(lang)
    counts = dict.fromkeys(COUNTED_CLASSES.values(), 0)
    for row in graph.named("class-counts", lang=lang):
        if row["class"] in COUNTED_CLASSES:
            counts[COUNTED_CLASSES[row["class"]]] = int(row["count"])
    occurred = [e for e in shared.events if e["status"] == "occurred"]
    latest = max(occurred, key=lambda e: (e["start"], e["id"]), default=None)
    return {
        "lang": lang,
        "counts": counts,
        "latestEvent": None
        if latest is None
        else {
            "id": latest["id"],
            "label": latest["label"],
            "date": latest["start"],
            "when": latest["when"],
        },
        "keyFigures": key_figures(graph, lang),
        "findings": findings.findings(graph, lang),
        "views": [
            {
                "href": "network.html",
                "title": strings["nav_network"],
                "text": strings["view_network"],
            },
            {
                "href": "timeline.html",
                "title": strings["nav_timeline"],
                "text": strings["view_timeline"],
            },
            {
                "href": "toekomstscenario.html",
                "title": strings["nav_participation"],
                "text": strings["view_participation"].format(programme=programme_label),
            },
            {
                "href": "recommendations.html",
                "title": strings["nav_recommendations"],
                "text": strings["view_recommendations"],
            },
        ],
    }


def key_figures(graph, lang: str) -> list[dict]:
    """Return the featured figures, one card per indicator with its values in period order."""
    cards: dict[str, dict] = {}
    for row in graph.named("statistics", lang=lang):
        indicator = slug(row["ind"])
        if indicator not in FEATURED_INDICATORS:
            continue
        card = cards.setdefault(
            indicator,
            {"indicator": indicator, "label": row.get("indicatorLabel") or indicator, "values": []},
        )
        written = row.get("valueAsWritten") if lang == "nl" else None
        one_bound = row.get("value") is None and (
            row.get("lowerBound") is None or row.get("upperBound") is None
        )
        display = (
            written
            if one_bound and written
            else i18n.format_value(
                row.get("value"),
                row.get("lowerBound"),
                row.get("upperBound"),
                row.get("unit"),
                lang,
            )
        )
        card["values"].append(
            {
                "period": row["period"].replace("/", "–"),
                "value": plain(row.get("value")),
                "lowerBound": plain(row.get("lowerBound")),
                "upperBound": plain(row.get("upperBound")),
                "unit": row.get("unit") or "",
                "display": display,
                "area": row.get("areaLabel") or "",
                "source": row.get("source") or "",
            }
        )
    for card in cards.values():
        card["values"].sort(key=lambda v: v["period"])
    return [cards[i] for i in FEATURED_INDICATORS if i in cards]


# ---------------------------------------------------------------------------- timeline


def timeline_page(shared: ViewData) -> dict:
    """Return the data of the timeline: events with their lanes, the lanes, kinds, presets."""
    strings = i18n.strings(shared.lang)
    lanes: dict[str, defaultdict[str, int]] = {
        "recommendation": defaultdict(int),
        "programme": defaultdict(int),
        "actor": defaultdict(int),
    }
    events = []
    for event in shared.events:
        links: dict[str, list[dict]] = shared.by_event.get(event["id"], {})
        member = {
            "recommendation": sorted({link["target"] for link in links.get("recommendation", [])}),
            "programme": sorted(
                {shared.root(link["target"]) for link in links.get("instrument", [])}
            ),
            "actor": sorted({link["target"] for link in links.get("actor", [])}),
        }
        for mode, ids in member.items():
            if not ids:
                member[mode] = [NONE_LANE]
            for lane in member[mode]:
                lanes[mode][lane] += 1
        shown = {k: v for k, v in event.items() if k not in ("iri", "edtf", "outcome")}
        events.append({**shown, "lanes": member, **_event_links(shared, links, strings)})
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


def _event_links(shared: ViewData, links: dict, strings: dict) -> dict:
    """Return an event's actors (with roles), instruments and places as labels for details."""
    actors = defaultdict(list)
    for link in links.get("actor", []):
        actors[link["target"]].append(role_label(link, strings))
    return {
        "actors": [
            {"id": a, "label": shared.label(a), "roles": sorted(set(r))}
            for a, r in sorted(actors.items(), key=lambda item: shared.label(item[0]))
        ],
        "instruments": [
            {"id": i, "label": shared.label(i)}
            for i in sorted({link["target"] for link in links.get("instrument", [])})
        ],
        "places": [
            {"id": p, "label": shared.label(p)}
            for p in sorted({link["target"] for link in links.get("place", [])})
        ],
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


# ---------------------------------------------------------------------------- participation


def participation_page(shared: ViewData, programme: str) -> dict:
    """Return the participation trace of a programme: a lane per actor, each stance an interval."""
    rows = shared.graph.named("participation", programme=programme, lang=shared.lang)
    lang = shared.lang
    by_programme = defaultdict(list)
    for row in rows:
        by_programme[row["prog"]].append(row)
    prog = max(by_programme, key=lambda p: (len(by_programme[p]), p), default=None)
    # a thing with two labels in a language gives a row per label: one row per stance, with the
    # first label in code-point order (as MIN would), keeps the page's item ids unique
    rows = merge_rows(
        (
            {**row, "key": (row["who"], str(row["since"]), row["stance"])}
            for row in by_programme.get(prog, [])
        ),
        "key",
    )
    stances: list[dict] = []
    actors: dict[str, dict] = {}
    for row in rows:
        who = compact(row["who"])
        actors.setdefault(
            who,
            {
                "id": who,
                "label": row.get("actorLabel") or shared.label(who),
                "short": shared.short_label(who),
                "first": plain(row["since"]),
            },
        )
        event = shared.event_index.get(compact(row["event"])) if row.get("event") else None
        stances.append(
            {
                "id": f"{who}|{plain(row['since'])}|{row['stance']}",
                "actor": who,
                "stance": row["stance"],
                "stanceLabel": row.get("stanceLabel") or row["stance"],
                # "participation", or "position": an outside actor's stance, not a membership
                "kind": row.get("kind") or "participation",
                "since": plain(row["since"]),
                "until": plain(row.get("until")),
                "sinceText": i18n.format_date(row["since"], lang),
                "untilText": i18n.format_date(row.get("until"), lang),
                "event": None
                if event is None
                else {
                    "id": event["id"],
                    "label": event["label"],
                    "when": event["when"],
                    "start": event["start"],
                    "kindLabel": event["kindLabel"],
                    "description": event["description"],
                    "section": event["section"],
                },
            }
        )
    order = {s: i for i, s in enumerate(STANCE_ORDER)}
    stances.sort(key=lambda s: (s["since"], order.get(s["stance"], 99), s["actor"]))
    legend = {s["stance"]: s["stanceLabel"] for s in stances}
    dates = [e["end"] for e in shared.events] + [s["until"] or s["since"] for s in stances]
    horizon = max(dates) if dates else dt.date.today().isoformat()
    label = rows[0].get("programmeLabel") if rows else None
    return {
        "lang": lang,
        "programme": {
            "query": programme,
            "id": compact(prog) if prog else None,
            "label": label or programme,
        },
        "actors": sorted(actors.values(), key=lambda a: (a["first"], a["label"].lower())),
        "stances": stances,
        "legend": [
            {"id": s, "label": legend[s]} for s in sorted(legend, key=lambda s: order.get(s, 99))
        ],
        "horizon": (dt.date.fromisoformat(horizon) + dt.timedelta(days=45)).isoformat(),
    }


# ---------------------------------------------------------------------------- recommendations


def recommendations_page(shared: ViewData, since: dt.date) -> dict:
    """Return a card per recommendation: events, actors, last activity, and the gap flag."""
    lang = shared.lang
    strings = i18n.strings(lang)
    listed = defaultdict(set)
    for link in shared.links:
        if link["type"] == "recommendation" and link["source"] in shared.event_index:
            listed[link["target"]].add(link["source"])
    cards = []
    all_findings = findings.findings(shared.graph, lang)
    for rec in shared.recommendations():
        events = sorted(
            (shared.event_index[e] for e in listed.get(rec["id"], ())),
            key=lambda e: (e["start"], e["end"], e["id"]),
            reverse=True,
        )
        occurred = [e["start"] for e in events if e["status"] == "occurred"]
        last = max(occurred, default=None)
        cards.append(
            {
                "id": rec["id"],
                "notation": rec["notation"],
                "label": rec["label"],
                "definition": rec["description"],
                "events": [
                    {
                        key: e[key]
                        for key in (
                            "id",
                            "label",
                            "kindLabel",
                            "status",
                            "statusLabel",
                            "start",
                            "end",
                            "when",
                        )
                    }
                    for e in events
                ],
                "actors": _actors_of(shared, events, strings),
                "findings": findings.judging(all_findings, rec["notation"]),
                "lastActivity": last,
                "lastActivityText": i18n.format_date(dt.date.fromisoformat(last), lang)
                if last
                else "",
                # the rule of the recommendation-gaps query (and of the page's date input)
                "flagged": not any(day >= since.isoformat() for day in occurred),
            }
        )
    return {
        "lang": lang,
        "since": since.isoformat(),
        "sinceText": i18n.format_date(since, lang),
        "recommendations": cards,
    }


def _actors_of(shared: ViewData, events: list[dict], strings: dict) -> list[dict]:
    """Return the actors of these events with their roles and event counts, most events first
    (what the recommendation-actors query answers for one recommendation)."""
    roles, counted = defaultdict(set), defaultdict(set)
    for event in events:
        links: dict[str, list[dict]] = shared.by_event.get(event["id"], {})
        for link in links.get("actor", []):
            roles[link["target"]].add(role_label(link, strings))
            counted[link["target"]].add(event["id"])
    return sorted(
        (
            {
                "id": a,
                "label": shared.label(a),
                "short": shared.short_label(a),
                "roles": "; ".join(sorted(roles[a])),
                "events": len(counted[a]),
            }
            for a in counted
        ),
        key=lambda a: (-a["events"], a["label"].lower()),
    )


# ---------------------------------------------------------------------------- focus


def resolve_focus(shared: ViewData, name: str) -> str:
    """Return the node id of the actor (or other thing) called `name` (kg.names: abbreviation,
    label, slug, …; actors first)."""
    from kg.names import AmbiguousName, UnknownName

    try:
        iri = shared.graph.names(NODE_KINDS).one(name, NODE_KINDS)
    except (UnknownName, AmbiguousName) as error:
        raise type(error)(f"--focus {name!r}: {error}") from None
    return compact(iri)
