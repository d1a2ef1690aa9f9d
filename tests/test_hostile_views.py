"""Views on data with two labels in one language (issue 16): each page picks one label per
thing and language, and the participation page still draws (real Chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg
from kg import resources
from kg.views import build_site
from kg.views.data import ViewData
from kg.views.page_data import participation_page

# a second Dutch and English label for an actor with stances, a stance and the programme
TWICE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kg:   <https://w3id.org/kinderrechten-kg/ontology#> .
@prefix ac:   <https://w3id.org/kinderrechten-kg/id/actor/> .
@prefix in:   <https://w3id.org/kinderrechten-kg/id/instrument/> .
ac:gis rdfs:label "Aaa tweede naam"@nl , "Aaa second name"@en .
kg:concern skos:prefLabel "Aaa zorg"@nl , "Aaa concern"@en .
in:toekomstscenario rdfs:label "Aaa toekomst"@nl , "Aaa future"@en .
"""


@pytest.fixture(scope="module")
def twice(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("twice") / "data"
    shutil.copytree(resources.DATA_DIR, data)
    (data / "labels-twice.ttl").write_text(TWICE, encoding="utf-8")
    return data


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_participation_page_has_one_row_per_stance(twice, lang):
    shared = ViewData(kg.load([twice]), lang)
    page = participation_page(shared, "Toekomstscenario")
    ids = [s["id"] for s in page["stances"]]
    assert ids and len(ids) == len(set(ids))
    assert len({a["id"] for a in page["actors"]}) == len(page["actors"])
    plain = participation_page(ViewData(kg.load(), lang), "Toekomstscenario")
    assert sorted(ids) == sorted(s["id"] for s in plain["stances"])  # nothing lost either
    # one label of the two, the same every build: the first in code-point order
    gis = next(a for a in page["actors"] if a["id"] == "ac:gis")
    assert (
        gis["label"]
        == min(
            shared.graph.query(
                "SELECT ?l WHERE { ac:gis rdfs:label ?l FILTER(lang(?l) = $lang) }", lang=lang
            ),
            key=lambda row: str(row["l"]),
        )["l"]
    )


def test_the_participation_page_draws_with_two_labels(twice, tmp_path, browser):
    build_site(kg.load([twice]), tmp_path / "site")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((tmp_path / "site" / "toekomstscenario.html").as_uri(), wait_until="load")
    page.wait_for_function("window.KG && window.KG.data !== undefined")
    page.wait_for_timeout(500)
    drawn = page.locator(".vis-item").count()
    page.close()
    assert errors == []
    assert drawn > 0
