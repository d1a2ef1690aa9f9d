"""The data behind the index, participation and recommendations pages, built from the shared
rows (kg.views.data.ViewData) and named queries. Every function returns JSON-ready dicts and
lists; the page embeds exactly that object and the site writes it beside the page as its JSON
twin."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kg import i18n
from kg.names import slug
from kg.namespaces import compact
from kg.views import findings
from kg.views.data import ViewData, merge_rows, plain, role_label

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
