"""Views on data with two labels in one language (issue 16): each page picks one label per
thing and language, and the participation page still draws (real Chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from chromium import ARGS, CHROMIUM, require

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


# run in a process of its own: the other browser tests keep a Playwright session open in
# this one, and Playwright's sync API allows one per process
DRAW = """
import json, sys
from playwright.sync_api import sync_playwright
errors = []
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=sys.argv[2], args=sys.argv[3:])
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(sys.argv[1], wait_until="load")
    page.wait_for_function("window.KG && window.KG.data !== undefined")
    page.wait_for_timeout(500)
    drawn = page.locator(".vis-item").count()
    browser.close()
print(json.dumps({"errors": errors, "drawn": drawn}))
"""


def test_the_participation_page_draws_with_two_labels(twice, tmp_path):
    require("the browser tests")
    build_site(kg.load([twice]), tmp_path / "site")
    page = (tmp_path / "site" / "toekomstscenario.html").as_uri()
    done = subprocess.run(
        [sys.executable, "-c", DRAW, page, CHROMIUM, *ARGS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["errors"] == []
    assert seen["drawn"] > 0
