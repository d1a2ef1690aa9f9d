"""The rows every page shares, fetched once per build from the named queries (never from
Turtle): events, entities and links as JSON-ready dicts, and the thing `--focus` names.

The pages' own data is built from these in kg.views.page_data and kg.views.timeline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from kg import i18n
from kg.links import Link, read_links
from kg.names import abbreviation, short_name
from kg.namespaces import compact

NODE_KINDS = ("actor", "instrument", "recommendation", "event", "place")  # the network's nodes


def plain(value):
    """Return `value` as JSON can hold it: dates as ISO text, decimals as int or float."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    return value


class ViewData:
    """The rows every page shares, fetched once per build from the named queries."""

    def __init__(self, graph, lang: str, like: ViewData | None = None):
        """`like`: this graph's ViewData in another language, whose language-neutral part
        (the events but for their texts, names, links in their order) is reused rather than
        fetched and read again (on a large graph, most of a ViewData's work)."""
        self.graph = graph
        self.lang = lang
        requests = {
            "texts": ("view-event-texts", {"lang": lang}),
            "entities": ("view-entities", {"lang": lang}),
            "terms": ("view-terms", {"lang": lang}),
        }
        if like is None:
            requests.update(
                events=("view-events", {}), names=("view-names", {}), links=("network-links", {})
            )
        rows = graph.named_many(requests)
        broader = kind_hierarchy(rows["terms"])  # before merging rows changes them
        terms = {row["term"]: row for row in merge_rows(rows["terms"], "term")}
        if like is None:
            self._event_rows = one_row_per_event(rows["events"], broader)
            self._names: dict[str, set] = defaultdict(set)
            for row in rows["names"]:
                self._names[compact(row["thing"])].add((row["nameType"], row["name"]))
            # (property, link): the order and all but the role's label hold in every language
            self._links = sorted(  # the pages show no links between events (respondsTo, …)
                (
                    (link.property, _link(link))
                    for link in read_links(rows["links"], terms)
                    if link.type != "event"
                ),
                key=lambda pair: (
                    pair[1]["source"],
                    pair[1]["type"],
                    pair[1]["role"],
                    pair[1]["target"],
                ),
            )
        else:
            self._event_rows, self._names, self._links = like._event_rows, like._names, like._links
        texts = {row["event"]: row for row in merge_rows(rows["texts"], "event")}
        self.events = [
            _event(row, texts.get(row["event"], {}), lang, terms) for row in self._event_rows
        ]
        self.entities: dict[str, dict] = {}
        for row in rows["entities"]:
            entity = _entity(row)
            self.entities.setdefault(entity["id"], entity)
        for entity in self.entities.values():
            found = self._names.get(entity["id"], set())
            entity["names"] = sorted({name for _, name in found} - {entity["label"]})
            entity["abbreviation"] = abbreviation(
                [name for kind, name in found if kind == "abbreviation"], entity["label"]
            )
        labels = {prop: (terms.get(prop) or {}).get("label") or "" for prop, _ in self._links}
        self.links = [{**link, "roleLabel": labels[prop]} for prop, link in self._links]
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

    def labels(self) -> dict[str, str]:
        """Return every thing's label by id, an entity's before an event's as `label` takes
        them (for pages that look up many)."""
        return {
            **{event["id"]: event["label"] for event in self.events},
            **{node_id: entity["label"] for node_id, entity in self.entities.items()},
        }

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


def one_row_per_event(rows, broader: dict[str, set[str]]) -> list[dict]:
    """Merge view-events rows into one per event (its most specific kind, the smallest value of
    each other column, the largest latest date), sorted by date, latest date and IRI;
    `broader`: kind_hierarchy's."""
    kinds: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:  # before merging rows changes them
        kinds[row["event"]].add(row["kindClass"])
    merged = merge_rows(rows, "event", largest="latest")
    for row in merged:
        row["kindClass"] = most_specific(kinds[row["event"]], broader)
    # ISO dates sort as text as they do as dates (and malformed ones do not stop the sort)
    return sorted(merged, key=lambda row: (str(row["date"]), str(row["latest"]), row["event"]))


def kind_hierarchy(term_rows) -> dict[str, set[str]]:
    """Return each kind of event's broader kinds (those it is transitively a subclass of),
    from view-terms rows."""
    broader: defaultdict[str, set[str]] = defaultdict(set)
    for row in term_rows:
        if row.get("broader") is not None:
            broader[row["term"]].add(row["broader"])
    return broader


def most_specific(kinds: set[str], broader: dict[str, set[str]]) -> str:
    """Return the kind of an event: of its `kinds`, the one none of the others is narrower
    than (by IRI the first of several such; of all, where the hierarchy has a cycle and every
    one is narrower than another, rather than leave the event without a kind)."""
    if len(kinds) == 1:  # nearly every event: one kind asserted
        return next(iter(kinds))
    wider = set().union(*(broader.get(kind, set()) - {kind} for kind in kinds))
    return min(kinds - wider or kinds)


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


def _event(row: dict, texts: dict, lang: str, terms: dict) -> dict:
    """Return an event as the views show it from its view-events and view-event-texts rows;
    `terms`: view-terms rows by IRI."""

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
        "label": texts.get("label") or compact(row["event"]),
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
        "dateNote": texts.get("dateNote") or "",
        "description": texts.get("description") or "",
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


def _link(link: Link) -> dict:
    return {
        "source": compact(link.source),
        "target": compact(link.target),
        "type": link.type,
        "role": link.role,
        "roleLabel": link.role_label,
    }


def role_label(link: dict, strings: dict) -> str:
    """Return the label of a link's role, from the ontology or else from the UI strings."""
    return link["roleLabel"] or strings.get("role_" + link["role"], link["role"])


# ---------------------------------------------------------------------------- focus


def resolve_focus(shared: ViewData, name: str) -> str:
    """Return the node id of the actor (or other thing) called `name` (kg.names: abbreviation,
    label, slug, …; actors first)."""
    from kg.names import AmbiguousName, UnknownName, find

    try:
        iri = find(shared.graph, name, NODE_KINDS)
    except (UnknownName, AmbiguousName) as error:
        raise type(error)(f"--focus {name!r}: {error}") from None
    return compact(iri)
