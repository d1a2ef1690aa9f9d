"""A page per thing, both language trees, the language switch, print and CSV (issue 17).

The site is site once from the project's data; facts are checked against the graph itself
(queried here with SPARQL of the test's own, not the view query) and the browser tests run
in a real Chromium (see tests/chromium.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from click.testing import CliRunner
from sites import HOSTILE, hostile_copy

import kg
from kg import i18n
from kg.cli import main
from kg.namespaces import BASE
from kg.views import entity_site
from kg.views.site import PAGES_PER_THING_LIMIT, build_site, describe

ID = BASE + "id/"
SCHEMA = rdflib.Namespace("https://schema.org/")
WITHDRAWAL = "event/2025-01-21-gis-withdraw-toekomstscenario"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


# `site`: the site site once from the project's data, in conftest.py


def things_with_labels(graph) -> dict[str, str]:
    """IRI → type folder of every thing under id/ with a label (the test's own query)."""
    rows = graph.query("""
        SELECT DISTINCT ?s WHERE {
          ?s rdfs:label|skos:prefLabel|dct:title ?l .
          FILTER(isIRI(?s) && STRSTARTS(STR(?s), "https://w3id.org/kinderrechten-kg/id/"))
        }""")
    return {r["s"]: r["s"][len(ID) :].split("/")[0] for r in rows}


class Links(HTMLParser):
    """Every href and src of a page, and the JSON-LD scripts' text."""

    def __init__(self):
        super().__init__()
        self.urls, self.jsonld, self._in_jsonld = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


# ---------------------------------------------------------------------------- the trees


def test_both_trees_have_the_views_and_a_page_per_thing(site, graph):
    expected = Counter(things_with_labels(graph).values())
    for tree, lang in ((site, "nl"), (site / "en", "en")):
        for view in ("index", "network", "timeline", "toekomstscenario", "recommendations"):
            html = (tree / f"{view}.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in html
        made = Counter(p.parent.name for p in (tree / "id").glob("*/*.html"))
        assert made == expected
        assert (tree / "id" / "index.html").is_file()
    # the Turtle once, language-neutral, at the top
    assert Counter(p.parent.name for p in (site / "id").glob("*/*.ttl")) == expected
    assert not list((site / "en" / "id").glob("*/*.ttl"))


def test_the_entity_index_lists_every_page(site, graph):
    for tree in (site, site / "en"):
        listed = {
            u
            for u in parse(tree / "id" / "index.html").urls
            if u.endswith(".html") and "/" in u and not u.startswith("../")
        }
        assert listed == {f"{path[len(ID) :]}.html" for path in things_with_labels(graph)}


def test_cli_lang_builds_only_that_tree(tmp_path, graph):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "s"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"5 pages, {len(things_with_labels(graph))} pages per thing" in result.output
    assert (tmp_path / "s" / "en" / "index.html").is_file()
    assert not (tmp_path / "s" / "index.html").exists()
    html = (tmp_path / "s" / "en" / "index.html").read_text(encoding="utf-8")
    assert "data-lang-switch" not in html  # no link to a tree that is not there
    assert (tmp_path / "s" / "id" / f"{WITHDRAWAL}.ttl").is_file()


def crawl(site: Path) -> tuple[list[str], set[Path]]:
    """Follow every relative href and src of every page of `site` (both trees); return the
    links whose target is missing and the files the links reach."""
    missing, reached = [], set()
    for page in site.rglob("*.html"):
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_file():
                reached.add(target)
            else:
                missing.append(f"{page.relative_to(site)} → {url}")
    return missing, reached


def client_strings(page: Path) -> dict:
    """The strings a view hands its scripts (the kg-i18n JSON)."""
    html = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-i18n">(.*?)</script>', html, re.S)
    assert found, page
    return json.loads(found.group(1))


VIEWS = ("index", "network", "timeline", "toekomstscenario", "recommendations")


def test_no_relative_link_dangles(site):
    """Every href and src in every site page points at a file that exists, and every page per
    thing is linked from the site."""
    assert len(list(site.rglob("*.html"))) > 700
    missing, reached = crawl(site)
    assert missing == []
    pages = {p.resolve() for p in site.rglob("id/*/*.html")}
    assert pages and pages <= reached
    for tree in (site, site / "en"):
        for view in VIEWS:
            assert client_strings(tree / f"{view}.html")["thingPages"] is True


def test_over_the_limit_no_page_per_thing_and_nothing_links_to_one(tmp_path, graph):
    """Above the limit the build writes no page per thing and no page links to one: every
    href and src of both trees still finds its file, and the views' scripts are told (the
    details panels link to a thing's page only when thingPages)."""
    out = tmp_path / "site"
    summary = build_site(graph, out, pages_limit=10)
    assert summary["pages_per_thing"] is False and summary["entities"] == 0
    assert summary["things"] > 10
    for lang in ("nl", "en"):  # the summary line says why and how to get them
        note = describe(summary, lang).splitlines()[-1]
        count = i18n.format_number(summary["things"], lang)
        assert f" {count} " in note and " 10;" in note and "--pages-per-thing" in note, note
    assert not (out / "id").exists() and not (out / "en" / "id").exists()
    missing, reached = crawl(out)
    assert missing == []
    assert {out / "en" / "index.html", out / "timeline.html"} <= reached  # the crawl follows
    for tree in (out, out / "en"):
        for view in VIEWS:
            assert client_strings(tree / f"{view}.html")["thingPages"] is False
    # the limit decides by default only: the flag writes them on any graph
    summary = build_site(graph, tmp_path / "forced", lang="en", pages_per_thing=True, pages_limit=0)
    assert summary["pages_per_thing"] is True
    assert summary["entities"] == len(things_with_labels(graph))


@pytest.mark.parametrize(
    "lang, note",
    [
        ("en", "no pages per thing (--no-pages-per-thing); --pages-per-thing writes them"),
        ("nl", "geen pagina's per ding (--no-pages-per-thing); --pages-per-thing schrijft ze"),
    ],
)
def test_cli_no_pages_per_thing_says_so_and_how_to_get_them(tmp_path, lang, note):
    out = tmp_path / "s"
    args = ["build", "--out", str(out), "--lang", lang, "--no-pages-per-thing"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == note
    tree = out / entity_site.tree_prefix(lang)
    assert (tree / "index.html").is_file() and not (tree / "id").exists()
    assert crawl(out)[0] == []


def test_the_limit_is_the_one_the_help_names():
    option = next(p for p in main.commands["build"].params if p.name == "pages_per_thing")
    assert f"{PAGES_PER_THING_LIMIT:,} things" in option.help
    assert option.default is None  # by size unless the flag is given


# ---------------------------------------------------------------------------- facts


def test_event_page_shows_when_who_what_and_source(site, graph):
    iri = ID + WITHDRAWAL
    facts = graph.query(
        """
        SELECT ?label ?day ?agent ?concerns ?line WHERE {
          ?e rdfs:label ?label ; sem:hasEarliestBeginTimeStamp ?day ; kg:agent ?agent ;
             kg:concerns ?concerns ; prov:wasDerivedFrom ?section .
          ?section skos:notation ?line .
          FILTER(lang(?label) = "nl")
        }""",
        e=kg.terms.IRI(iri),
    )[0]
    page = site / "id" / f"{WITHDRAWAL}.html"
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert facts["label"].replace("'", "&#39;") in html
    assert i18n.format_date(facts["day"], "nl") in text
    assert f"regel {facts['line']}" in text
    urls = parse(page).urls
    for linked in (facts["agent"], facts["concerns"]):
        assert f"../../id/{linked[len(ID) :]}.html" in urls
    assert f"../../timeline.html?item={WITHDRAWAL}" in urls
    assert f"../../network.html?item={WITHDRAWAL}" in urls
    assert "../../id/source/monitor.html" in urls  # the named source
    en = (site / "en" / "id" / f"{WITHDRAWAL}.html").read_text(encoding="utf-8")
    assert i18n.format_date(facts["day"], "en") in en
    assert f"../../../id/{WITHDRAWAL}.ttl" in parse(site / "en" / "id" / f"{WITHDRAWAL}.html").urls


def test_actor_page_lists_the_events_that_link_to_it(site, graph):
    rows = graph.query(
        "SELECT DISTINCT ?e WHERE { ?e ?role ac:igj . ?e a/rdfs:subClassOf* kg:Event }"
    )
    assert rows
    urls = set(parse(site / "id" / "actor" / "igj.html").urls)
    assert {f"../../id/{r['e'][len(ID) :]}.html" for r in rows} <= urls


def test_vague_dates_keep_their_bounds_and_no_day(site, graph):
    rows = graph.query("""
        SELECT ?e ?earliest ?latest WHERE {
          ?e kg:datePrecision kg:year ; sem:hasEarliestBeginTimeStamp ?earliest ;
             sem:hasLatestEndTimeStamp ?latest .
        } ORDER BY ?e LIMIT 1""")
    iri, earliest, latest = rows[0]["e"], rows[0]["earliest"], rows[0]["latest"]
    data = json.loads((site / "id" / f"{iri[len(ID) :]}.json").read_text(encoding="utf-8"))
    assert data["when"]["text"] == str(earliest.year)
    assert (data["when"]["earliest"], data["when"]["latest"]) == (
        earliest.isoformat(),
        latest.isoformat(),
    )
    ld = data["jsonld"]
    assert "startDate" not in ld and ld["temporalCoverage"] == f"{earliest}/{latest}"


@pytest.mark.parametrize(
    "path, schema_type",
    [
        (WITHDRAWAL, "Event"),
        ("actor/igj", "GovernmentOrganization"),
        ("instrument/toekomstscenario", "CreativeWork"),
        ("recommendation/22d", "DefinedTerm"),
        ("place/bonaire", "Place"),
        ("section/22d-toekomstscenario", "CreativeWork"),
    ],
)
def test_json_ld_parses_with_its_schema_type(site, graph, path, schema_type):
    for tree, lang in ((site, "nl"), (site / "en", "en")):
        scripts = parse(tree / "id" / f"{path}.html").jsonld
        assert len(scripts) == 1
        parsed = rdflib.Graph().parse(data=scripts[0], format="json-ld")
        node = rdflib.URIRef(ID + path)
        assert (node, rdflib.RDF.type, SCHEMA[schema_type]) in parsed
        label = graph.query(
            "SELECT ?l WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(lang(?l) = ?lang) }",
            s=kg.terms.IRI(ID + path),
            lang=lang,
        )[0]["l"]
        assert (node, SCHEMA.name, rdflib.Literal(label, lang=lang)) in parsed


def test_only_the_agent_of_an_event_is_its_contributor(site, graph):
    rows = graph.query("""
        SELECT ?e ?agent ?other WHERE { ?e kg:agent ?agent ; kg:addressee ?other }
        ORDER BY ?e LIMIT 1""")
    assert rows
    iri = rows[0]["e"]
    parsed = rdflib.Graph().parse(
        data=parse(site / "id" / f"{iri[len(ID) :]}.html").jsonld[0], format="json-ld"
    )
    contributors = set(parsed.objects(rdflib.URIRef(iri), SCHEMA.contributor))
    assert rdflib.URIRef(rows[0]["agent"]) in contributors
    assert rdflib.URIRef(rows[0]["other"]) not in contributors


def test_a_law_is_legislation(site, graph):
    law = graph.query("SELECT ?s WHERE { ?s a kg:Law } ORDER BY ?s LIMIT 1")[0]["s"]
    parsed = rdflib.Graph().parse(
        data=parse(site / "id" / f"{law[len(ID) :]}.html").jsonld[0], format="json-ld"
    )
    assert (rdflib.URIRef(law), rdflib.RDF.type, SCHEMA.Legislation) in parsed


def test_turtle_holds_each_things_own_statements(site):
    data = rdflib.Graph()
    for path in sorted(Path(kg.resources.DATA_DIR).glob("*.ttl")):
        data.parse(path)
    ttl = sorted((site / "id").glob("*/*.ttl"))
    assert ttl
    for path in ttl:
        subject = rdflib.URIRef(ID + str(path.relative_to(site / "id"))[:-4])
        own = rdflib.Graph().parse(path, format="turtle")
        expected = {
            (p, value(o))
            for p, o in data.predicate_objects(subject)
            if not isinstance(o, rdflib.BNode)
        }
        assert {(p, value(o)) for _, p, o in own} == expected, path.name


def value(term):
    """A term compared by value: the engine writes 2.0 (xsd:decimal) as 2."""
    if isinstance(term, rdflib.Literal) and term.datatype:
        return term.datatype, term.toPython()
    return term


@pytest.mark.browser
def test_csv_of_each_table_matches_it(site, browser):
    """The CSV link of each table of a page per thing gives that table (made in the browser:
    no file per thing): its columns, its rows in order, and each linked thing's IRI."""
    page, errors = open_page(browser, site / "id" / "actor" / "igj.html")
    try:
        for name in ("links", "incoming"):
            table = page.locator(f"#{name}-table")
            if not table.count():
                assert name == "links"
                continue
            shown = table.evaluate(
                """t => Array.from(t.rows).map(r => Array.from(r.cells).map(c => c.textContent.trim())
                     .concat([r.querySelector('a[href]') ? r.querySelector('a[href]').href : '']))"""
            )
            with page.expect_download() as download:
                page.locator(f'a[data-csv="{name}"]').click()
            assert download.value.suggested_filename == f"igj-{name}.csv"
            text = Path(download.value.path()).read_text(encoding="utf-8")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == [*shown[0][:-1], "IRI"]
            assert [row[:-1] for row in rows[1:]] == [row[:-1] for row in shown[1:]]
            assert len(rows) > 1
            for row, (*_, href) in zip(rows[1:], shown[1:], strict=True):
                path = href.split("/id/", 1)[1].removesuffix(".html")
                assert row[-1] == ID + unquote(path)
        assert errors == []
    finally:
        page.close()


def test_csv_of_each_view_table(site, graph):
    events = graph.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?k . "
        "?k a kg:EventKind . ?e sem:hasEarliestBeginTimeStamp ?d }"
    )[0]["n"]
    for tree in (site, site / "en"):
        rows = list(csv.DictReader(io.StringIO((tree / "events.csv").read_text("utf-8"))))
        assert len(rows) == events and len({r["id"] for r in rows}) == events
        trace = list(csv.DictReader(io.StringIO((tree / "participation.csv").read_text("utf-8"))))
        assert len(trace) == len(
            json.loads((tree / "toekomstscenario.json").read_text())["stances"]
        )
        assert 'href="participation.csv"' in (tree / "toekomstscenario.html").read_text("utf-8")


def test_the_programme_keeps_its_dutch_name_in_english(site):
    data = json.loads((site / "en" / "id" / "instrument" / "toekomstscenario.json").read_text())
    assert data["label"].startswith("Toekomstscenario kind- en gezinsbescherming (")


def test_hostile_labels_are_escaped_on_entity_pages(tmp_path):
    out = tmp_path / "site"
    build_site(kg.load([hostile_copy(tmp_path / "data")]), out, lang="nl")
    pages = list((out / "id").glob("*/*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert HOSTILE not in html, page.name
        for script in parse(page).jsonld:
            json.loads(script)  # JSON, not broken out of


# ---------------------------------------------------------------------------- the browser


SAMPLE = [
    WITHDRAWAL,
    "actor/igj",
    "instrument/toekomstscenario",
    "recommendation/22d",
    "place/bonaire",
    "section/22d-toekomstscenario",
    "source/monitor",
]


def open_page(browser, path: Path, width: int = 1440, media: str | None = None):
    errors = []
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "about:"))
            else route.abort()
        ),
    )
    if media:
        page.emulate_media(media=media)
    page.goto(path.as_uri(), wait_until="load")
    return page, errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_entity_pages_render_without_errors_or_sideways_scroll(site, browser, lang, width):
    tree = site if lang == "nl" else site / "en"
    for path in [*SAMPLE, "index"]:
        page, errors = open_page(browser, tree / "id" / f"{path}.html", width)
        try:
            assert errors == [], (path, errors)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert page.locator("h1").first.is_visible()
        finally:
            page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_entity_pages(site, browser, lang):
    assert AXE.is_file(), "tests/vendor/axe.min.js: npm pack axe-core, take axe.min.js"
    tree = site if lang == "nl" else site / "en"
    for width in (1440, 390):
        for path in [*SAMPLE, "index"]:
            page, _ = open_page(browser, tree / "id" / f"{path}.html", width)
            try:
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("""async () => {
                    const r = await axe.run(document, {resultTypes: ['violations']});
                    return r.violations.map(v => v.id + ': ' + v.nodes.length); }""")
                assert result == [], (path, width, result)
            finally:
                page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "start, expected",
    [
        (f"id/{WITHDRAWAL}.html", f"en/id/{WITHDRAWAL}.html"),
        (f"en/id/{WITHDRAWAL}.html", f"id/{WITHDRAWAL}.html"),
        ("timeline.html", "en/timeline.html"),
        ("en/recommendations.html", "recommendations.html"),
    ],
)
def test_language_switch_keeps_query_and_hash(site, browser, start, expected):
    page, errors = open_page(browser, site / start)
    try:
        # the state a view keeps in its address, set after load as the views do
        page.evaluate(
            "history.replaceState(null, '', location.pathname + '?item=event%2Fx&kind=a,b#details')"
        )
        page.locator("a[data-lang-switch]").click()
        page.wait_for_load_state("load")
        target = urlsplit(page.url)
        assert Path(unquote(target.path)) == (site / expected).resolve()
        assert (target.query, target.fragment) == ("item=event%2Fx&kind=a,b", "details")
        assert errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_print_hides_controls_and_shows_tables(site, browser):
    page, _ = open_page(browser, site / "id" / "actor" / "igj.html", media="print")
    try:
        for hidden in (".lang-switch", ".site-nav", ".entity-views", ".csv-link"):
            assert page.locator(hidden).first.is_hidden(), hidden
        table = page.locator("table.links").first
        assert table.is_visible()
        rows = page.locator("table.links").first.locator("tbody tr")
        assert all(rows.nth(i).is_visible() for i in range(rows.count()))
        assert len(page.pdf()) > 1000
    finally:
        page.close()
    page, _ = open_page(browser, site / "network.html", media="print")
    try:
        assert page.locator(".controls").first.is_hidden()
        assert page.evaluate(
            "[...document.querySelectorAll('canvas')].every("
            "c => getComputedStyle(c).display === 'none')"
        )
    finally:
        page.close()
    page, _ = open_page(browser, site / "toekomstscenario.html", media="print")
    try:
        assert page.locator("table").first.is_visible()
        assert page.locator(".controls, button").evaluate_all(
            "nodes => nodes.every(n => getComputedStyle(n).display === 'none')"
        )
    finally:
        page.close()


def test_an_iri_that_climbs_out_gets_no_page(tmp_path):
    """A thing whose IRI path would leave id/<type>/ (…/id/../x, …/id/a/b/c) gets no file."""
    extra = tmp_path / "data" / "odd.ttl"
    extra.parent.mkdir()
    extra.write_text(
        "<https://w3id.org/kinderrechten-kg/id/event/../../../escaped> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "climbs"@nl .\n'
        "<https://w3id.org/kinderrechten-kg/id/a/b/c> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "nested"@nl .\n'
        "<https://w3id.org/kinderrechten-kg/id/event/plain> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "plain"@nl .\n',
        encoding="utf-8",
    )
    out = tmp_path / "deep" / "er" / "site"
    build_site(kg.load([extra]), out, lang="nl")
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert {p for p in written if "escaped" in p or "nested" in p or "/c." in p} == set()
    assert "deep/er/site/id/event/plain.html" in written


def test_every_entity_word_is_in_both_languages():
    from kg.i18n import things

    assert set(things.TEXT["nl"]) == set(things.TEXT["en"])
    assert set(things.TYPES["nl"]) == set(things.TYPES["en"])
    assert set(things.PROPERTIES["nl"]) == set(things.PROPERTIES["en"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_page_from_its_frame_is_the_page_jinja_renders(graph, lang):
    """The pages per thing are written by filling a frame rendered once (entity_site.Frame):
    each is the same text as entity.html rendered whole for it, hostile text included."""
    from markupsafe import Markup, escape

    from kg.views import entities, entity_site, site

    found = entities.statements(graph)
    pages = entities.Pages(found, entities.vocabulary(graph, lang), lang)
    env, common = site.environment(), site._common(lang, "Toekomstscenario")
    common.update(client={}, data_json="null")

    def render(template, **variables):
        return env.get_template(template).render({**common, **variables})

    context = site._context(lang, ("nl", "en"))
    frame = entity_site.Frame(render, context)
    things = pages.things()
    for iri in things[:: max(1, len(things) // 25)]:
        page = pages.page(iri)
        page["label"] = page["label"] + ' <b>"&\ue000'  # what escaping must handle
        page["jsonld"] = entities.json_ld(page)
        links = {
            "turtle": "t.ttl",
            "twin": "x&y.json",
        }
        slots = frame.slots(page, **links)
        whole = render(
            "entity.html",
            page="entity",
            slot={name: Markup(slots[name]) for name in ("title", "jsonld", "main")},
            root=entity_site.PAGE_ROOT,
            here=f"id/{page['path']}.html",
            twin=links["twin"],
            **context,
        )
        assert frame.page(page, **links) == whole
        assert str(escape(page["label"])) in whole and "<b>" not in whole.split("<main", 1)[0]


@pytest.fixture(scope="module")
def site_without_pages(tmp_path_factory, graph) -> Path:
    """The project's site built with the limit below its size: no page per thing."""
    out = tmp_path_factory.mktemp("no-pages") / "site"
    build_site(graph, out, pages_limit=10)
    return out


@pytest.mark.browser
@pytest.mark.parametrize("with_pages", [True, False])
def test_details_link_to_a_things_page_only_when_written(
    site, site_without_pages, browser, with_pages
):
    """The timeline's details panel (as the network's, the same code) offers "more about"
    with a link to the thing's page on a site that has them, and no link on one without."""
    root = site if with_pages else site_without_pages
    page, errors = open_page(browser, root / "timeline.html")
    try:
        page.goto(f"{(root / 'timeline.html').as_uri()}?item={WITHDRAWAL}", wait_until="load")
        page.locator("#details h2").wait_for()
        links = page.locator("#details .more a")
        if with_pages:
            href = links.get_attribute("href")
            assert href == f"id/{WITHDRAWAL}.html" and (root / href).is_file()
        else:
            assert links.count() == 0
        assert errors == []
    finally:
        page.close()
