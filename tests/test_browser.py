"""The offline views in a real Chromium (Playwright): they load from file:// with no console
error and no request to another host, and the controls do what they say.

Chromium is /usr/bin/chromium (or $KG_CHROMIUM). Without it these tests skip, except in CI
(CI=true), where they fail: CI installs Chromium on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import HOSTILE, WITHDRAWAL

from kg.cli import main
from kg.views.site import PAGES

pytestmark = pytest.mark.browser

LOCAL = ("file:", "data:", "blob:", "about:")


# `browser`: one headless Chromium for the session, in conftest.py (Playwright's sync API
# cannot run twice at once, so every browser test module shares it)


# `hostile_site` (data with a hostile label): conftest.py


class Visit:
    """A page opened from file:// with its console errors, foreign requests and dialogs."""

    def __init__(self, browser, path: Path, viewport: dict | None = None, query: str = ""):
        self.errors, self.foreign, self.dialogs = [], [], []
        self.page = browser.new_page(viewport=viewport or {"width": 1440, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request", lambda r: None if r.url.startswith(LOCAL) else self.foreign.append(r.url)
        )
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(LOCAL) else route.abort()
            ),
        )
        self.page.goto(path.as_uri() + (f"?{query}" if query else ""), wait_until="load")
        self.page.wait_for_function("window.KG && window.KG.data !== undefined")
        self.page.wait_for_timeout(300)

    def clean(self):
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign
        assert self.dialogs == [], self.dialogs

    def js(self, expression: str):
        return self.page.evaluate(expression)


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(path: Path) -> Visit:
        opened.append(Visit(browser, path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.page.close()


def data(site: Path, name: str):
    return json.loads((site / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors(visit, site, name):
    v = visit(site / f"{name}.html")
    v.page.wait_for_timeout(500)
    v.clean()
    assert v.page.locator("nav.site-nav a").count() == len(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_throwing_even_a_caught_exception(browser, site, name):
    """A caught exception is not free: its stack trace can make V8 re-parse a whole vendored
    bundle for source positions before the chart draws (moment's CommonJS build did, asking
    require() for locales inside vis-timeline). Chromium stops at every exception thrown."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    cdp = page.context.new_cdp_session(page)
    thrown = []

    def paused(event):
        frame = event["callFrames"][0]
        where = f"{frame['url'].rsplit('/', 1)[-1]}:{frame['location']['lineNumber'] + 1}"
        thrown.append(f"{where}: {event.get('data', {}).get('description', '')[:200]}")
        cdp.send("Debugger.resume")

    cdp.on("Debugger.paused", paused)
    cdp.send("Debugger.enable")
    cdp.send("Debugger.setPauseOnExceptions", {"state": "all"})
    try:
        page.goto((site / f"{name}.html").as_uri(), wait_until="load")
        page.wait_for_function("window.KG && window.KG.data !== undefined")
        page.wait_for_timeout(500)
        assert thrown == []
    finally:
        page.close()


def test_network_shows_every_node(visit, site):
    v = visit(site / "network.html")
    total = len(data(site, "network")["nodes"])
    assert v.js("KG.view.network.body.data.nodes.length") == total
    assert v.js("Object.keys(KG.view.network.body.nodes).length") == total
    assert v.js("KG.view.visibleIds().length") == total
    assert v.page.locator("#visible-count").inner_text().startswith(f"{total} ")
    v.clean()


def test_network_type_filter_hides_events(visit, site):
    v = visit(site / "network.html")
    nodes = data(site, "network")["nodes"]
    events = {n["id"] for n in nodes if n["type"] == "event"}
    v.page.locator('input[name="type"][value="event"]').uncheck()
    visible = set(v.js("KG.view.visibleIds()"))
    assert visible and not visible & events
    hidden = set(v.js("KG.view.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert events <= hidden
    assert v.page.locator("#visible-count").inner_text().startswith(f"{len(nodes) - len(events)} ")
    v.clean()


def test_network_recommendation_filter_keeps_only_its_events(visit, site):
    v = visit(site / "network.html")
    nodes = {n["id"]: n for n in data(site, "network")["nodes"]}
    v.page.select_option("#rec-filter", "rec:22h")
    visible = set(v.js("KG.view.visibleIds()"))
    shown_events = {i for i in visible if nodes[i]["type"] == "event"}
    assert shown_events and all("rec:22h" in nodes[i]["recommendations"] for i in shown_events)
    assert "rec:22h" in visible and "rec:22d" not in visible
    v.clean()


def test_clicking_an_event_shows_its_source_section(visit, site):
    v = visit(site / "network.html")
    node = next(n for n in data(site, "network")["nodes"] if n["id"] == WITHDRAWAL)
    v.js(f"KG.view.network.moveTo({{position: {{x: {node['x']}, y: {node['y']}}}, scale: 2.5}})")
    v.page.wait_for_timeout(200)
    point = v.js(
        f"KG.view.network.canvasToDOM(KG.view.network.getPositions(['{WITHDRAWAL}'])"
        f"['{WITHDRAWAL}'])"
    )
    box = v.page.locator("#network canvas").bounding_box()
    v.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = v.page.locator("#details")
    details.get_by_text(node["section"]["title"], exact=True).wait_for()
    assert node["name"] in details.inner_text()
    assert v.js("KG.view.state.selected") == WITHDRAWAL
    v.page.locator("#focus-btn").click()  # the neighbourhood of the selected event
    visible = set(v.js("KG.view.visibleIds()"))
    assert WITHDRAWAL in visible and "ac:gis" in visible and len(visible) < 20
    v.clean()


def test_search_finds_by_abbreviation(visit, site):
    v = visit(site / "network.html")
    v.page.fill("#search", "LNVT")
    v.page.locator('#search-results button[data-node="ac:lnvt"]').click()
    assert v.js("KG.view.state.selected") == "ac:lnvt"
    assert "Landelijk Netwerk Veilig Thuis" in v.page.locator("#details h2").inner_text()
    v.clean()


# Every text the network's canvas gets, as the browser draws it: its size on screen and its box
# in CSS pixels from the canvas' top left corner (the canvas transform, divided by the device
# pixel ratio), whoever draws it.
CANVAS_TEXT = """
window.__kgText = [];
(function () {
  var fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
    if (this.canvas.closest && this.canvas.closest("#network")) {
      var m = this.getTransform(), ratio = window.devicePixelRatio || 1;
      var size = parseFloat(/([0-9.]+)px/.exec(this.font)[1]) * m.a / ratio;
      var width = this.measureText(text).width * m.a / ratio;
      var sx = (m.a * x + m.e) / ratio, sy = (m.d * y + m.f) / ratio;
      var x0 = this.textAlign === "center" ? sx - width / 2 : sx;
      var y0 = this.textBaseline === "top" ? sy : sy - size;
      window.__kgText.push({text: String(text), size: size, box: [x0, y0, x0 + width, y0 + size]});
    }
    return fill.apply(this, arguments);
  };
})();
"""


def drawn_text(page) -> list[dict]:
    """The texts the network's next drawing puts on its canvas."""
    page.evaluate("window.__kgText = []; KG.view.network.redraw()")
    return page.evaluate("window.__kgText")


def network_page(browser, site: Path):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script(CANVAS_TEXT)
    page.goto((site / "network.html").as_uri(), wait_until="load")
    page.wait_for_function("window.KG && KG.view && KG.view.network")
    page.wait_for_timeout(300)
    return page


def test_network_labels_are_readable_and_apart_at_the_opening_zoom(browser, site):
    """At the opening zoom every label drawn is at least 12 px high on screen, on the canvas
    and clear of the others; the most linked things have theirs; events have none."""
    network = data(site, "network")
    label_of = {n["id"]: n["label"] for n in network["nodes"]}
    page = network_page(browser, site)
    try:
        canvas = page.locator("#network canvas").bounding_box()
        labels = [t for t in drawn_text(page) if t["text"] in set(label_of.values())]
        assert len(labels) >= 30
        assert min(t["size"] for t in labels) >= 12
        for t in labels:
            x0, y0, x1, y1 = t["box"]
            assert x0 >= -0.5 and x1 <= canvas["width"] + 0.5, t
            assert y0 >= -0.5 and y1 <= canvas["height"] + 0.5, t
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                overlap_x = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
                overlap_y = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)
        shown = {t["text"] for t in labels}
        entities = sorted(
            (n for n in network["nodes"] if n["type"] != "event"), key=lambda n: -n["degree"]
        )
        assert entities[0]["label"] in shown
        assert not shown & {n["label"] for n in network["nodes"] if n["type"] == "event"}
    finally:
        page.close()


def test_network_hidden_labels_show_when_selected_and_when_zoomed_in(browser, site):
    """A label left out where it would cover another is drawn when its node is selected; an
    event's label is drawn once the view, zoomed in on it, settles."""
    network = data(site, "network")
    nodes = {n["id"]: n for n in network["nodes"]}
    page = network_page(browser, site)
    try:
        shown = {t["text"] for t in drawn_text(page)}
        left_out = sorted(
            n["id"] for n in nodes.values() if n["type"] != "event" and n["label"] not in shown
        )
        assert left_out
        page.evaluate(f"KG.view.select({json.dumps(left_out[0])}, false)")
        drawn = {t["text"]: t["size"] for t in drawn_text(page)}
        assert drawn.get(nodes[left_out[0]]["label"], 0) >= 12
        event = nodes[WITHDRAWAL]
        assert event["label"] not in drawn
        at = json.dumps({"position": {"x": event["x"], "y": event["y"]}, "scale": 3})
        page.evaluate(f"KG.view.network.moveTo({at})")
        box = page.locator("#network canvas").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -100)  # a zoom step: the labels are planned once the view settles
        page.wait_for_timeout(600)
        drawn = {t["text"]: t["size"] for t in drawn_text(page)}
        assert drawn.get(event["label"], 0) >= 12
    finally:
        page.close()


def test_clicking_a_label_selects_its_node(browser, site):
    """A click on the far end of a long label, away from its node, opens that node's details."""
    network = data(site, "network")
    by_label = {n["label"]: n for n in network["nodes"] if n["type"] != "event"}
    page = network_page(browser, site)
    try:
        canvas = page.locator("#network canvas").bounding_box()
        drawn = [t for t in drawn_text(page) if t["text"] in by_label]
        longest = max(drawn, key=lambda t: t["box"][2] - t["box"][0])
        x0, y0, x1, y1 = longest["box"]
        assert x1 - x0 > 100
        page.mouse.click(canvas["x"] + x0 + 4, canvas["y"] + (y0 + y1) / 2)
        node = by_label[longest["text"]]
        assert node["name"] in page.locator("#details h2").inner_text()
    finally:
        page.close()


def test_build_focus_opens_the_network_on_that_actor(visit, tmp_path):
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "s"), "--focus", "IGJ"])
    assert result.exit_code == 0, result.output
    v = visit(tmp_path / "s" / "network.html")
    assert v.js("KG.view.state.focus") == "ac:igj"
    visible = set(v.js("KG.view.visibleIds()"))
    network = data(tmp_path / "s", "network")
    igj_events = {e["from"] for e in network["edges"] if e["to"] == "ac:igj"}
    assert "ac:igj" in visible and igj_events <= visible
    assert len(visible) < len(network["nodes"])
    assert "Inspectie Gezondheidszorg en Jeugd" in v.page.locator("#focus-note").inner_text()
    v.clean()


def test_timeline_shows_the_withdrawal_on_21_january_2025(visit, site):
    v = visit(site / "timeline.html")
    v.page.locator('[data-preset="2025"]').click()
    item = v.page.locator(f'#timeline [data-event="{WITHDRAWAL}"]').first
    item.wait_for(state="visible")
    start = v.js(
        f"(() => {{ const d = KG.view.items.get({{filter: i => i.eventId === "
        f"'{WITHDRAWAL}'}})[0].start; return [d.getFullYear(), d.getMonth() + 1, "
        f"d.getDate()]; }})()"
    )
    assert start == [2025, 1, 21]
    item.click()
    details = v.page.locator("#details")
    details.get_by_text("21 januari 2025").wait_for()
    event = next(e for e in data(site, "timeline")["events"] if e["id"] == WITHDRAWAL)
    assert event["section"]["title"] in details.inner_text()
    v.clean()


def test_timeline_lanes_and_kind_filter(visit, site):
    """Several kinds at once: the kind filter lets through each kind that is ticked."""
    v = visit(site / "timeline.html")
    timeline = data(site, "timeline")
    v.page.locator('input[name="lanes"][value="actor"]').check(force=True)
    groups = set(v.js("KG.view.groups.getIds()"))
    assert "ac:gis" in groups
    v.page.locator(".kind-filter summary").click()
    v.page.locator('input[name="kind"][value="Motion"]').check()
    motions = [e for e in timeline["events"] if e["kind"] == "Motion"]
    shown = set(v.js("KG.view.items.get().map(i => i.eventId)"))
    assert shown == {e["id"] for e in motions}
    approx = v.js("KG.view.items.get({filter: i => i.className.includes('approx')}).length")
    assert approx == 0 or all(e["approximate"] for e in motions)
    other = next(k["id"] for k in timeline["kinds"] if k["id"] != "Motion")
    v.page.locator(f'input[name="kind"][value="{other}"]').check()
    shown = set(v.js("KG.view.items.get().map(i => i.eventId)"))
    assert shown == {e["id"] for e in timeline["events"] if e["kind"] in ("Motion", other)}
    assert v.page.locator("#kind-summary").inner_text().count(",") == 1
    v.page.locator("#kind-clear").click()
    assert len(set(v.js("KG.view.items.get().map(i => i.eventId)"))) == len(timeline["events"])
    v.clean()


def test_participation_trace_shows_an_outside_position_as_a_position(visit, site):
    from kg.i18n import strings

    v = visit(site / "toekomstscenario.html")
    stance = next(
        s
        for s in data(site, "toekomstscenario")["stances"]
        if s["actor"] == "ac:jeugdzorg-nederland"
    )
    assert stance["kind"] == "position"
    note = strings(data(site, "toekomstscenario")["lang"])["stance_position"]
    row = v.page.locator(f'tr[data-stance="{stance["id"]}"]')
    assert note in row.inner_text()
    other = v.page.locator('tr[data-stance*="ac:gis"]').first
    assert note not in other.inner_text()
    bar = v.page.locator(f'#trace [data-stance="{stance["id"]}"]')
    bar.wait_for(state="visible")
    bar.click()
    v.page.locator("#details").get_by_text(note, exact=True).wait_for()
    v.clean()


def test_participation_trace_shows_the_withdrawal_with_its_section(visit, site):
    v = visit(site / "toekomstscenario.html")
    stance = next(
        s
        for s in data(site, "toekomstscenario")["stances"]
        if s["actor"] == "ac:gis" and s["stance"] == "withdrawn"
    )
    bar = v.page.locator(f'#trace [data-stance="{stance["id"]}"]')
    bar.wait_for(state="visible")
    bar.click()
    details = v.page.locator("#details")
    details.get_by_text(stance["event"]["section"]["title"], exact=True).wait_for()
    assert stance["sinceText"] in details.inner_text()
    v.clean()


def test_recommendation_flags_follow_the_date_input(visit, site, graph):
    v = visit(site / "recommendations.html")
    for since in ("2024-01-01", "2025-01-01", "2025-06-01"):
        v.page.fill("#since", since)
        flagged = set(
            v.js(
                "[...document.querySelectorAll('.rec-card.flagged')]"
                ".map(c => c.id.replace('rec-', ''))"
            )
        )
        gaps = {r["recommendation"] for r in graph.named("recommendation-gaps", since=since)}
        assert flagged == gaps, since
    v.clean()


def test_show_all_adds_the_rest_of_a_recommendations_events(visit, site):
    """The page lists a recommendation's first events; "show all" adds the others from the
    page data, in the same order and with the same parts."""
    recs = json.loads((site / "recommendations.json").read_text(encoding="utf-8"))
    rec = max(recs["recommendations"], key=lambda r: len(r["events"]))
    assert len(rec["events"]) > 6
    v = visit(site / "recommendations.html")
    card = v.page.locator(f'[data-rec="{rec["id"]}"]')
    items = card.locator(".rec-events li")
    assert items.count() == 6
    card.locator(".show-more").click()
    assert card.locator(".show-more").count() == 0
    assert items.evaluate_all("li => li.map(i => i.dataset.event)") == [
        e["id"] for e in rec["events"]
    ]
    for event in (rec["events"][0], rec["events"][-1]):  # one from the page, one added
        item = card.locator(f'li[data-event="{event["id"]}"]')
        assert item.locator(".rec-when").inner_text() == event["when"]
        assert item.locator(".rec-label").inner_text() == event["label"]
        assert item.locator(".rec-meta").inner_text().startswith(event["kindLabel"])
        assert item.get_attribute("class") == f"status-{event['status']}"
    v.clean()


@pytest.mark.parametrize("name", PAGES)
def test_hostile_label_shows_as_text_and_runs_nothing(visit, hostile_site, name):
    v = visit(hostile_site / f"{name}.html")
    if name == "network":
        v.js(f"KG.view.select('{WITHDRAWAL}', true)")
        assert HOSTILE in v.page.locator("#details h2").inner_text()
    elif name == "timeline":
        v.page.locator('[data-preset="2025"]').click()
        item = v.page.locator(f'#timeline [data-event="{WITHDRAWAL}"]').first
        item.wait_for(state="visible")
        assert item.inner_text() == HOSTILE
        item.click()
        assert HOSTILE in v.page.locator("#details h2").inner_text()
    elif name in ("toekomstscenario", "recommendations"):
        while v.page.locator(".show-more").count():  # long event lists are folded
            v.page.locator(".show-more").first.click()
        assert v.page.get_by_text(HOSTILE, exact=True).first.is_visible()
    v.page.wait_for_timeout(300)
    assert v.js("document.querySelectorAll('img').length") == 0
    assert v.js("document.querySelectorAll('b').length") == 0
    v.clean()


# ---------------------------------------------------------------------------- large graphs


# `large_site`: the site of a synthetic graph, in conftest.py


def full_name(network: dict, node_id: str) -> str:
    return next(n["name"] for n in network["nodes"] if n["id"] == node_id)


def test_large_network_opens_on_the_summary_and_expands(visit, large_site):
    network = data(large_site, "network")
    summary = network["summary"]
    v = visit(large_site / "network.html")
    assert v.js("KG.view.summary()") is True
    assert v.js("KG.view.network.body.data.nodes.length") == len(summary["nodes"])
    note = v.page.locator("#summary-note")
    assert note.is_visible() and summary["note"] in note.inner_text()
    fold = next(n for n in summary["nodes"] if n.get("fold"))
    v.js(f"KG.view.select('{fold['events'][0]}', true)")  # an event: its fold is selected
    assert v.js("KG.view.state.selected") == fold["id"]
    assert full_name(network, fold["events"][0]) in v.page.locator("#details h2").inner_text()
    button = v.page.locator("#expand-btn")
    assert button.inner_text() == "Alle knopen tonen"
    button.click()
    v.page.wait_for_function(f"KG.view.network.body.data.nodes.length === {len(network['nodes'])}")
    assert v.js("KG.view.summary()") is False and v.js("KG.view.visibleIds().length") == len(
        network["nodes"]
    )
    assert v.js("KG.view.state.selected") == fold["events"][0]  # the event itself now
    assert button.inner_text() == "Terug naar het overzicht"
    button.click()
    assert v.js("KG.view.summary()") is True
    v.clean()


def test_large_timeline_clusters_dense_periods_and_expands_them(visit, large_site):
    timeline = data(large_site, "timeline")
    v = visit(large_site / "timeline.html")
    note = v.page.locator("#clusters-note")
    assert note.is_visible() and timeline["clusters"]["note"] in note.inner_text()
    assert v.js("KG.view.clustered()") is True
    assert v.js("KG.view.items.length") < len(timeline["events"])
    block = v.page.locator("#timeline .vis-item.cluster").first
    block.click()
    details = v.page.locator("#details")
    count = details.locator("li").count()
    assert count >= 1 and details.locator("h2").inner_text().startswith(f"{count} ")
    details.get_by_role("button", name="Inzoomen op deze periode").click()
    v.page.wait_for_function("!KG.view.clustered()")
    v.page.locator("#timeline .item-label[data-event]").first.wait_for(state="visible")
    v.page.locator('input[name="lanes"][value="actor"]').check(force=True)
    assert v.js("KG.view.groups.length") > 5
    v.page.locator('[data-preset="all"]').click()
    v.page.wait_for_function("KG.view.clustered()")
    assert "samengevoegd per" in v.page.locator("#shown-count").inner_text()
    v.clean()


@pytest.mark.parametrize(
    ("name", "chart"), [("timeline", "#timeline"), ("toekomstscenario", "#trace")]
)
def test_timelines_show_in_the_first_frames_after_load(browser, site, name, chart):
    """vis-timeline hides a new chart behind its loading screen until it has seen the window
    settle; left to itself that took its one-second resize check (the issue's "blank for
    about 1.2 s"). The views announce their window, so the chart is shown, items and all, by
    the second frame after the page has loaded."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto((site / f"{name}.html").as_uri(), wait_until="load")
        shown = page.evaluate(
            """chart => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
              const root = document.querySelector(chart + ' .vis-timeline');
              const item = root.querySelector('.vis-item');
              done({visibility: getComputedStyle(root).visibility,
                    loading: Boolean(document.querySelector(chart + ' .vis-loading-screen')),
                    item: item ? item.getBoundingClientRect().width : 0});
            })))""",
            chart,
        )
        assert shown["visibility"] == "visible" and not shown["loading"], shown
        assert shown["item"] > 0, shown
    finally:
        page.close()
