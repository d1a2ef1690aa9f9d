"""One stance at a time: every place that tells the participation story tells it one way.

For every day from 2024-11-01 to 2025-07-31 the named query `participation-as-of`, the history
query `participation` (asOf), the participation page's data (toekomstscenario.json),
`analysis.stance_history` and the `kg actor` profile (`analysis.actor_profile`) must name the same
stance per actor, and never more than one per actor and programme."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg import analysis
from kg.errors import KgError
from kg.namespaces import compact

FIRST, LAST = dt.date(2024, 11, 1), dt.date(2025, 7, 31)
DAYS = [FIRST + dt.timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
PROGRAMME = "Toekomstscenario"


def holds(since, until, day) -> bool:
    """A stance holds from its first day until (not including) the day a later one began."""
    return since <= day and (until is None or until > day)


@pytest.fixture(scope="module")
def page(site):
    return json.loads((site / "toekomstscenario.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def network(graph):
    return analysis.load_network(graph, lang="en")


@pytest.fixture(scope="module")
def actors(graph):
    return sorted({row["who"] for row in graph.named("participation", programme=PROGRAMME)})


def test_the_story_has_all_three_actors(actors):
    assert {compact(a) for a in actors} == {"ac:gis", "ac:lnvt", "ac:jeugdzorg-nederland"}


def test_every_day_one_stance_per_actor_and_every_view_agrees(graph, page, actors):
    changes = 0
    previous: set = set()
    for day in DAYS:
        as_of = graph.named("participation-as-of", date=day, programme=PROGRAMME)
        current = {(compact(r["who"]), r["stance"], r["since"]) for r in as_of}
        assert len({who for who, _, _ in current}) == len(as_of), (day, as_of)

        history = graph.named("participation", programme=PROGRAMME, asOf=day)
        assert all(r["since"] <= day for r in history)
        assert {
            (compact(r["who"]), r["stance"], r["since"])
            for r in history
            if holds(r["since"], r["until"], day)
        } == current, day

        shown = {
            (s["actor"], s["stance"], dt.date.fromisoformat(s["since"]))
            for s in page["stances"]
            if holds(
                dt.date.fromisoformat(s["since"]),
                s["until"] and dt.date.fromisoformat(s["until"]),
                day,
            )
        }
        assert shown == current, day

        from_analysis = set()
        for actor in actors:
            for rows in analysis.stance_history(
                graph, actor, programme=PROGRAMME, as_of=day
            ).values():
                open_ = [r for r in rows if r["until"] is None]
                assert len(open_) <= 1, (day, actor, rows)
                from_analysis |= {(compact(actor), r["stance"], r["since"]) for r in open_}
        assert from_analysis == current, day
        changes += current != previous
        previous = current
    # the story changes on 8 Nov 2024, 21 and 27 Jan, 16 Apr and 17 Jun 2025
    assert changes == 5


@pytest.mark.parametrize(
    "day",
    [
        "2024-11-07",
        "2024-11-08",
        "2025-01-20",
        "2025-01-21",
        "2025-01-27",
        "2025-04-15",
        "2025-04-16",
        "2025-06-17",
        "2025-07-31",
    ],
)
def test_kg_actor_profile_agrees_on_the_days_the_story_changes(graph, network, actors, day):
    day = dt.date.fromisoformat(day)
    current = {
        (compact(r["who"]), r["stance"])
        for r in graph.named("participation-as-of", date=day, programme=PROGRAMME)
    }
    from_profile = set()
    for actor in actors:
        try:
            profile = analysis.actor_profile(network, actor, as_of=day)
        except KgError:  # not yet in the network on that day: it cannot hold a stance either
            assert compact(actor) not in {who for who, _ in current}
            continue
        for rows in profile.stances.values():
            from_profile |= {(compact(actor), r["stance"]) for r in rows if r["until"] is None}
    assert from_profile == current


def test_selective_is_not_having_left(graph):
    left = {
        (compact(r["who"]), r["stance"])
        for r in graph.named("withdrawals")
        if r["kind"] == "participation"
    }
    assert left == {("ac:gis", "withdrawn"), ("ac:lnvt", "stepped-back")}


def test_jeugdzorg_nederland_is_an_outside_position_not_a_membership(graph, page):
    assert graph.query("ASK { ?p org:member ac:jeugdzorg-nederland }") == [{"ask": False}]
    assert graph.query(
        "ASK { ?p a kg:Position ; kg:heldBy ac:jeugdzorg-nederland ; "
        "kg:onProgramme in:toekomstscenario ; kg:stance kg:callToStop ; "
        "kg:setBy ?e . ?e a kg:Manifesto }"
    ) == [{"ask": True}]
    shown = [s for s in page["stances"] if s["actor"] == "ac:jeugdzorg-nederland"]
    assert [(s["stance"], s["kind"]) for s in shown] == [("call-to-stop", "position")]
    assert {s["kind"] for s in page["stances"] if s["actor"] != "ac:jeugdzorg-nederland"} == {
        "participation"
    }


def test_a_stance_ends_the_day_the_next_one_begins(graph):
    # over every actor and programme in the graph, not only the Toekomstscenario
    chains: dict = {}
    for row in graph.named("participation"):
        chains.setdefault((row["who"], row["prog"]), []).append(row)
    assert chains
    for key, rows in chains.items():
        rows.sort(key=lambda r: r["since"])
        assert [r["until"] for r in rows[:-1]] == [r["since"] for r in rows[1:]], key
        assert rows[-1]["until"] is None, key  # nothing in the text ends the latest stance
