"""An actor at a glance: its events by year and kind, programmes, recommendations, co-actors and
how its stance in programmes changed over time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg import i18n
from kg.analysis.network import Node, actor_graph, load_network
from kg.analysis.paths import resolve


@dataclass
class ActorProfile:
    """What the graph says about one actor; `text()` prints it."""

    actor: Node
    lang: str
    events: list[dict] = field(default_factory=list)
    programmes: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)
    co_actors: list[dict] = field(default_factory=list)
    stances: dict[str, list[dict]] = field(default_factory=dict)

    def by_year(self) -> dict[int, dict[str, list[dict]]]:
        """Return the events grouped by year (of the earliest date), then by kind label."""
        grouped: dict[int, dict[str, list[dict]]] = {}
        for event in self.events:
            year = event["date"].year if event["date"] else 0
            grouped.setdefault(year, {}).setdefault(event["kind"], []).append(event)
        return grouped

    def text(self) -> str:
        """Return the profile as plain text, one section per heading."""
        words = i18n.cli_strings(self.lang)
        actor = self.actor
        lines = [
            f"{actor.name} — {actor.kind_label or actor.kind} ({actor.curie})",
            f"{len(self.events)} {words['events']}",
            "",
            words["by_year"],
        ]
        for year, kinds in self.by_year().items():
            lines.append(f"  {year or '?'}")
            for kind, events in kinds.items():
                lines.append(f"    {kind} ({len(events)})")
                lines += [
                    f"      {e['when']:<10}  {e['label']}  [{', '.join(e['roles'])}]"
                    for e in events
                ]
        sections = [
            ("programmes", [f"  {p['name']} ({p['events']})" for p in self.programmes]),
            ("recommendations", [f"  {r['name']} ({r['events']})" for r in self.recommendations]),
            ("co_actors", [f"  {c['name']} ({c['shared']})" for c in self.co_actors]),
            (
                "stances",
                [
                    f"  {programme}: " + " → ".join(_stance(s, words, self.lang) for s in history)
                    for programme, history in self.stances.items()
                ],
            ),
        ]
        for key, body in sections:
            lines += ["", words[key], *(body or [f"  {words['none']}"])]
        return "\n".join(lines)


def actor_profile(source, name: str, *, lang: str | None = None, as_of=None) -> ActorProfile:
    """Return the profile of the actor called `name` (label, abbreviation or slug).

    Events (with the actor's roles) oldest first; programmes and recommendations of those events
    with how many events each; co-actors by shared events; stance history per programme.
    """
    network = load_network(source, lang=lang, as_of=as_of)
    actor = resolve(network, name, types=("actor",))
    roles: dict[str, list[str]] = {}
    for link in network.links:
        if link.target == actor.iri and network.nodes[link.source].type == "event":
            roles.setdefault(link.source, []).append(link.role_label or link.role)
    events = [n for n in network.events() if n.iri in roles]
    programmes: Counter = Counter()
    recommendations: Counter = Counter()
    for link in network.links:
        if link.source in roles:
            target = network.nodes[link.target]
            if target.type == "instrument":
                programmes[target.iri] += 1
            elif target.type == "recommendation":
                recommendations[target.iri] += 1
    profile = ActorProfile(actor, network.lang)
    profile.events = [
        {
            "event": e.iri,
            "date": e.date,
            "when": e.when,
            "kind": e.kind_label or e.kind,
            "label": e.label,
            "status": e.status,
            "roles": sorted(set(roles[e.iri])),
        }
        for e in events
    ]
    profile.programmes = _counted(network, programmes)
    profile.recommendations = _counted(network, recommendations)
    co = actor_graph(network)
    if actor.iri in co:
        profile.co_actors = sorted(
            (
                {"node": other, "name": co.nodes[other]["name"], "shared": data["weight"]}
                for other, data in co[actor.iri].items()
            ),
            key=lambda c: (-c["shared"], c["name"].casefold()),
        )
    if network.graph is not None:
        profile.stances = stance_history(
            network.graph, actor.iri, lang=network.lang, as_of=network.as_of
        )
    return profile


def stance_history(
    graph, actor: str, *, programme: str | None = None, lang: str | None = None, as_of=None
) -> dict[str, list[dict]]:
    """Return an actor's stances per programme over time, oldest first (named query
    `participation`): programme label → [{since, until, stance, stanceLabel, kind, event,
    eventLabel, programme}]; `kind` is "participation" or "position" (an outside actor's stance).

    `actor` and `programme` are names as the query takes them (abbreviation, label, slug, IRI);
    with `as_of` only stances that began by that day (the query's `asOf`), an end after it left
    open: the one stance with no end is the stance that held on that day.
    """
    history: dict[str, list[dict]] = {}
    for row in graph.named(
        "participation", actor=actor, programme=programme, asOf=as_of, lang=lang or "nl"
    ):
        until = row["until"] if as_of is None or (row["until"] and row["until"] <= as_of) else None
        history.setdefault(row["programmeLabel"] or row["prog"], []).append(
            {
                "since": row["since"],
                "until": until,
                "stance": row["stance"],
                "stanceLabel": row["stanceLabel"],
                "kind": row["kind"],
                "event": row["event"],
                "eventLabel": row["eventLabel"],
                "programme": row["prog"],
            }
        )
    for rows in history.values():
        rows.sort(key=lambda r: (r["since"], r["stance"]))
    return history


def _counted(network, counts: Counter) -> list[dict]:
    return sorted(
        ({"node": iri, "name": network.nodes[iri].name, "events": n} for iri, n in counts.items()),
        key=lambda r: (-r["events"], r["name"].casefold()),
    )


def _stance(row: dict, words: dict, lang: str) -> str:
    """Return one stance as the participation page dates it: since, label, until."""
    since, until = i18n.format_date(row["since"], lang), i18n.format_date(row["until"], lang)
    until = f" ({words['until']} {until})" if until else ""
    position = f" [{words['position']}]" if row.get("kind") == "position" else ""
    return f"{since} {row['stanceLabel'] or row['stance']}{until}{position}"
