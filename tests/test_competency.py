"""Every competency question in shared/competency-questions.md, answered by a named query and
compared exactly (as sets) with the answer the source text supports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

ID = "https://w3id.org/kinderrechten-kg/id/"
D = dt.date.fromisoformat


def slugs(rows, key):
    return {row[key].rsplit("/", 1)[-1] for row in rows}


def test_cq01_wet_seksuele_misdrijven_in_force(graph):
    rows = graph.named(
        "events-by-programme", programme="Wet seksuele misdrijven", kind="EntryIntoForce"
    )
    assert {r["date"] for r in rows} == {D("2024-07-01")}


def test_cq02_veilig_thuis_reports_and_advice(graph):
    rows = graph.named("statistics", indicator="vt-child-abuse-reports-and-advice")
    assert {(r["period"], r["value"]) for r in rows} == {("2020", 62795), ("2024", 66400)}
    assert all("CBS, Dashboard Veilig Thuis" in r["source"] for r in rows)


def test_cq03_sexual_abuse_reports(graph):
    rows = graph.named("statistics", indicator="vt-sexual-abuse-reports")
    assert {(r["period"], r["value"]) for r in rows} == {("2023", 1930), ("2024", 1730)}


def test_cq04_motions_by_outcome(graph):
    rows = graph.named("motions")
    assert len(rows) == 7
    assert Counter(r["outcome"] for r in rows) == {"adopted": 4, "rejected": 1, "submitted": 2}
    by_outcome = {(r["outcome"], r["date"]) for r in rows}
    assert by_outcome == {
        ("rejected", D("2024-11-21")),
        ("adopted", D("2024-10-23")),
        ("adopted", D("2025-03-05")),
        ("submitted", D("2025-05-28")),
    }
    assert Counter(r["date"] for r in rows if r["outcome"] == "adopted")[D("2025-03-05")] == 3
    counted = graph.named("event-counts", by="outcome", kind="Motion", lang="en")
    assert {(r["group"], r["count"]) for r in counted} == {
        ("adopted", 4),
        ("rejected", 1),
        ("submitted", 2),
    }


def test_cq05_what_happened_on_2024_11_05(graph):
    rows = graph.named("timeline", **{"from": D("2024-11-05"), "to": D("2024-11-05")})
    assert len(rows) == 2
    assert {r["type"] for r in rows} == {"Kamerbrief"}
    programmes = set()
    for row in rows:
        about = graph.query("SELECT ?p WHERE { ?e kg:concerns ?p }", e=_iri(row["event"]))
        programmes |= slugs(about, "p")
    assert programmes == {"toekomstscenario", "hervormingsagenda-jeugd"}


def test_cq06_toekomstscenario_in_january_2025(graph):
    rows = graph.named(
        "events-by-programme",
        programme="Toekomstscenario",
        **{"from": D("2025-01-01"), "to": D("2025-01-31")},
    )
    assert slugs(rows, "event") == {
        "2025-01-21-gis-withdraw-toekomstscenario",
        "2025-01-27-lnvt-selective-participation",
    }
    inferred = graph.query(
        "ASK { ?e kg:yearInferred true }",
        e=_iri(ID + "event/2025-01-27-lnvt-selective-participation"),
    )
    assert inferred == [{"ask": True}]


def test_cq07_participation_as_of_2025_02_28(graph):
    # the stance that held on the day: one per actor
    rows = graph.named("participation-as-of", date=D("2025-02-28"))
    assert {(r["who"].rsplit("/", 1)[-1], r["stance"], r["since"]) for r in rows} == {
        ("gis", "withdrawn", D("2025-01-21")),
        ("lnvt", "selective", D("2025-01-27")),
    }
    # "who had voiced concerns by letter" is history: stances begun by that day
    history = graph.named("participation", programme="Toekomstscenario", asOf=D("2025-02-28"))
    concerns = [r for r in history if r["stance"] == "concern"]
    assert {(r["who"].rsplit("/", 1)[-1], r["since"]) for r in concerns} == {
        ("lnvt", D("2024-11-08")),
        ("gis", D("2024-11-08")),
    }
    for row in concerns:
        assert graph.query("ASK { ?e a kg:Letter }", e=_iri(row["event"])) == [{"ask": True}]
    # not yet: LNVT's step back and Jeugdzorg Nederland's call to stop
    assert {r["stance"] for r in history} == {"concern", "withdrawn", "selective"}
    later = graph.named("participation-as-of", date=D("2025-06-30"))
    assert {(r["who"].rsplit("/", 1)[-1], r["stance"], r["kind"]) for r in later} == {
        ("gis", "withdrawn", "participation"),
        ("lnvt", "stepped-back", "participation"),
        ("jeugdzorg-nederland", "call-to-stop", "position"),
    }


def test_cq08_steps_of_verbetering_beschikbaarheid_jeugdzorg(graph):
    rows = graph.named("events-by-programme", programme="Verbetering beschikbaarheid jeugdzorg")
    assert sorted({r["date"] for r in rows}) == [D("2024-02-21"), D("2024-04-25"), D("2025-04-15")]
    assert len({r["event"] for r in rows}) == 3


def test_cq09_actors_linked_to_22a(graph):
    rows = graph.named("recommendation-actors", recommendation="22a")
    assert slugs(rows, "who") == {
        "rsj",
        "ministerie-jenv",
        "kindertelefoon",
        "igj",
        "minister-vws",
        "staatssecretaris-ocw",
        "veilig-thuis",
    }


def test_cq10_lnvt_and_the_toekomstscenario(graph):
    rows = graph.named("events-by-actor", actor="LNVT", programme="Toekomstscenario")
    assert {r["date"] for r in rows} == {D("2024-11-08"), D("2025-01-27"), D("2025-04-16")}


def test_cq11_recommendations_without_activity(graph):
    occurred = graph.named("recommendation-gaps", since=D("2025-01-01"))
    assert {r["recommendation"] for r in occurred} == {"22g", "22h"}
    planned = graph.named("recommendation-gaps", since=D("2025-01-01"), includePlanned=True)
    assert {r["recommendation"] for r in planned} == {"22h"}


def test_cq12_report_types_2024(graph):
    shares = {}
    for indicator in (
        "vt-first-report-share",
        "vt-repeat-report-share",
        "vt-follow-up-report-share",
    ):
        rows = graph.named("statistics", indicator=indicator, year=2024)
        assert len(rows) == 1, indicator
        shares[indicator] = rows[0]["value"]
    assert shares == {
        "vt-first-report-share": Decimal(31),
        "vt-repeat-report-share": Decimal(38),
        "vt-follow-up-report-share": Decimal(29),
    }


def _iri(text):
    from kg.terms import IRI

    return IRI(text)


@pytest.mark.parametrize("name", ["withdrawals"])
def test_withdrawals_default_programme(graph, name):
    # only withdrawn and stepped back count as having left; selective participation does not;
    # Jeugdzorg Nederland's call to stop shows as what it is: an outside actor's position
    rows = graph.named(name)
    assert [(r["who"].rsplit("/", 1)[-1], r["stance"], r["kind"], r["since"]) for r in rows] == [
        ("gis", "withdrawn", "participation", D("2025-01-21")),
        ("lnvt", "stepped-back", "participation", D("2025-04-16")),
        ("jeugdzorg-nederland", "call-to-stop", "position", D("2025-06-17")),
    ]
