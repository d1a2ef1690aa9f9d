"""The five views for keyboard, screen reader and phone users, and as addresses one can share:
axe-core (vendored in tests/vendor) finds nothing on any view, nl and en, desktop and 390 px;
no view scrolls sideways on a phone; every keyboard path reaches and operates what a mouse
does; the address holds what is chosen and brings it back on load, Back and Forward.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from sites import WITHDRAWAL
from test_browser import Visit, data

from kg.views.site import PAGES

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="session")
def sites(site) -> dict[str, Path]:
    """The Dutch tree of the site and the English one beside it (en/)."""
    return {"nl": site, "en": site / "en"}


@pytest.fixture
def open_view(browser):
    """Open a view at a viewport size and with a query string; close it after the test."""
    opened = []

    def open_page(path: Path, viewport=None, query: str = "") -> Visit:
        v = Visit(browser, path, viewport=viewport or DESKTOP, query=query)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.page.close()


def active(v: Visit) -> dict:
    """The element with the keyboard focus: its tag and text."""
    return v.js("({tag: document.activeElement.tagName, text: document.activeElement.textContent})")


# ---------------------------------------------------------------------------- axe and phones


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390px"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_and_nothing_scrolls_sideways(open_view, sites, name, lang, viewport):
    v = open_view(sites[lang] / f"{name}.html", viewport)
    v.page.add_script_tag(path=str(AXE))
    # preload: false: axe would fetch the stylesheets again by XHR, which file:// refuses
    violations = v.page.evaluate(
        "tags => axe.run(document, {runOnly: tags, preload: false}).then(r => r.violations.map(x => "
        "[x.id, x.impact, x.nodes.map(n => n.target.join(' ')).slice(0, 3)]))",
        AXE_TAGS,
    )
    assert violations == []
    width = v.js("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    v.clean()


def test_on_a_phone_the_network_comes_before_its_filters(open_view, sites):
    v = open_view(sites["nl"] / "network.html", PHONE)
    canvas = v.page.locator("#network").bounding_box()
    controls = v.page.locator("aside.controls").bounding_box()
    assert canvas["y"] + canvas["height"] <= controls["y"]
    assert canvas["height"] > 300


def test_on_a_phone_tables_are_cards(open_view, sites):
    v = open_view(sites["nl"] / "toekomstscenario.html", PHONE)
    row = v.page.locator(".trace-table tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    stance = row.locator("td").nth(2)  # the stance column, cut off before: whole, labelled
    box = stance.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    label = stance.evaluate("td => getComputedStyle(td, '::before').content")
    assert json.loads(label) == "Houding"
    desktop = open_view(sites["nl"] / "toekomstscenario.html")
    assert (
        desktop.page.locator(".trace-table tbody tr").first.evaluate(
            "r => getComputedStyle(r).display"
        )
        == "table-row"
    )


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_focus_ring_has_at_least_3_to_1_contrast(open_view, sites):
    v = open_view(sites["nl"] / "index.html")
    v.page.keyboard.press("Tab")  # the skip link
    v.page.keyboard.press("Tab")
    ring = v.js(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()"
    )
    assert ring[0] != "none" and ring[1] >= 2
    background = v.js("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    lighter, darker = sorted([luminance(ring[2]), luminance(background)], reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 3


# ---------------------------------------------------------------------------- keyboard paths


def test_keyboard_timeline_arrows_walk_the_events_in_time(open_view, sites):
    v = open_view(sites["nl"] / "timeline.html")
    events = sorted(data(sites["nl"], "timeline")["events"], key=lambda e: (e["start"], e["id"]))
    v.page.locator("#timeline").focus()
    v.page.keyboard.press("Home")
    assert v.page.locator("#details h2").inner_text() == events[0]["label"]
    v.page.keyboard.press("ArrowRight")
    assert v.page.locator("#details h2").inner_text() == events[1]["label"]
    assert v.js("KG.view.timeline.getSelection()") == v.js(
        f"KG.view.items.getIds({{filter: i => i.eventId === '{events[1]['id']}'}})"
    )
    v.page.keyboard.press("End")
    v.page.keyboard.press("ArrowLeft")
    assert v.page.locator("#details h2").inner_text() == events[-2]["label"]
    assert active(v)["tag"] == "DIV"  # the arrows leave the focus on the chart
    v.page.keyboard.press("Enter")
    assert active(v) == {"tag": "H2", "text": events[-2]["label"]}
    v.clean()


def test_keyboard_timeline_twin_table_sorts_and_selects(open_view, sites):
    v = open_view(sites["nl"] / "timeline.html")
    events = data(sites["nl"], "timeline")["events"]
    rows = v.page.locator("#events-table tbody tr")
    assert rows.count() == len(events)
    dates = rows.evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert dates == [
        e["id"] for e in sorted(events, key=lambda e: (e["start"] + e["end"], e["id"]))
    ]
    head = v.page.locator("#events-table th").nth(1)
    head.locator("button").focus()
    v.page.keyboard.press("Enter")
    assert head.get_attribute("aria-sort") == "ascending"
    v.page.keyboard.press("Enter")
    assert head.get_attribute("aria-sort") == "descending"
    labels = rows.evaluate_all("rs => rs.map(r => r.children[1].textContent)")
    keys = [kg_normal(label) for label in labels]
    assert len(keys) == len(events) and all(a >= b for a, b in itertools.pairwise(keys))
    button = v.page.locator(f'#events-table button[data-event="{WITHDRAWAL}"]')
    button.focus()
    v.page.keyboard.press("Enter")
    event = next(e for e in events if e["id"] == WITHDRAWAL)
    assert active(v) == {"tag": "H2", "text": event["label"]}
    assert v.js("KG.view.state.item") == WITHDRAWAL
    v.page.wait_for_function(IN_CHART_VIEW, arg=WITHDRAWAL)
    v.clean()


# an event's item lies inside the chart's scrolled view (its lane may lie below the fold)
IN_CHART_VIEW = """id => {
  const panel = document.querySelector('#timeline .vis-panel.vis-center').getBoundingClientRect();
  return Array.from(document.querySelectorAll(`#timeline [data-event="${id}"]`)).some(item => {
    const box = item.getBoundingClientRect();
    return box.height > 0 && box.top >= panel.top - 1 && box.bottom <= panel.bottom + 1 &&
      box.right > panel.left && box.left < panel.right;
  });
}"""


def kg_normal(text: str) -> str:
    import unicodedata

    text = text.lower().replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def test_keyboard_network_arrows_move_the_selection_that_way(open_view, sites):
    v = open_view(sites["nl"] / "network.html")
    v.page.locator("#network").focus()
    v.page.keyboard.press("ArrowRight")  # nothing chosen: the node nearest the middle
    first = v.js("KG.view.state.selected")
    assert first
    for key, axis, sign in (
        ("ArrowRight", "x", 1),
        ("ArrowDown", "y", 1),
        ("ArrowLeft", "x", -1),
        ("ArrowUp", "y", -1),
    ):
        before = v.js("KG.view.state.selected")
        v.page.keyboard.press(key)
        after = v.js("KG.view.state.selected")
        if after == before:  # nothing further that way
            continue
        moved = v.js(
            f"(() => {{ const p = KG.view.network.getPositions(['{before}', '{after}']); "
            f"return p['{after}'].{axis} - p['{before}'].{axis}; }})()"
        )
        assert moved * sign > 0, key
    node = v.js("KG.view.state.selected")
    v.page.keyboard.press("Enter")
    name = next(n["name"] for n in data(sites["nl"], "network")["nodes"] if n["id"] == node)
    assert active(v) == {"tag": "H2", "text": name}
    v.page.locator("#network").focus()
    v.page.keyboard.press("Escape")
    assert v.js("KG.view.state.selected") is None
    v.clean()


def test_keyboard_network_twin_and_details_links_move_focus(open_view, sites):
    v = open_view(sites["nl"] / "network.html")
    network = data(sites["nl"], "network")
    listed = v.page.locator("#node-list button[data-node]")
    assert listed.count() == len(network["nodes"])
    v.page.locator('#node-list button[data-node="ac:lnvt"]').focus()
    v.page.keyboard.press("Enter")
    assert active(v) == {"tag": "H2", "text": "Landelijk Netwerk Veilig Thuis"}
    link = v.page.locator("#details button[data-node]").first  # a connection
    target = link.get_attribute("data-node")
    link.focus()
    v.page.keyboard.press("Enter")
    name = next(n["name"] for n in network["nodes"] if n["id"] == target)
    assert active(v) == {"tag": "H2", "text": name}
    assert v.js("KG.view.state.selected") == target
    v.clean()


def test_keyboard_participation_table_opens_the_details(open_view, sites):
    v = open_view(sites["nl"] / "toekomstscenario.html")
    stance = next(
        s for s in data(sites["nl"], "toekomstscenario")["stances"] if s["stance"] == "withdrawn"
    )
    v.page.locator(f'.trace-table button[data-stance="{stance["id"]}"]').focus()
    v.page.keyboard.press("Enter")
    assert active(v)["tag"] == "H2"
    assert stance["sinceText"] in v.page.locator("#details").inner_text()
    assert v.js("KG.view.timeline.getSelection()") == [stance["id"]]
    v.clean()


# ---------------------------------------------------------------------------- the address


def test_timeline_state_lives_in_the_address(open_view, sites):
    v = open_view(sites["nl"] / "timeline.html")
    v.page.locator('input[name="lanes"][value="actor"]').check(force=True)
    v.page.locator(".kind-filter summary").click()
    v.page.locator('input[name="kind"][value="Motion"]').check()
    v.page.keyboard.press("Escape")  # the kinds' menu closes
    assert v.page.locator(".kind-filter").get_attribute("open") is None
    v.page.locator('[data-preset="2025"]').click()
    v.js(f"KG.view.select('{WITHDRAWAL}', false)")  # not a motion: the filter keeps it listed
    url = v.page.url
    assert "lanes=actor" in url and "kind=Motion" in url and "period=2025" in url
    assert "item=event%2F2025-01-21-gis-withdraw-toekomstscenario" in url
    again = open_view(sites["nl"] / "timeline.html", query=url.split("?", 1)[1])
    assert again.js("KG.view.state.mode") == "actor"
    assert again.js("Object.keys(KG.view.state.kinds).filter(k => KG.view.state.kinds[k])") == [
        "Motion"
    ]
    assert again.page.locator('[data-preset="2025"]').get_attribute("aria-pressed") == "true"
    assert again.js("KG.view.state.item") == WITHDRAWAL
    assert WITHDRAWAL.split(":")[1] in again.page.locator("#details a").get_attribute("href")
    v.page.go_back()  # the item chosen last is undone, the rest stays
    assert v.js("KG.view.state.item") is None
    assert v.js("KG.view.state.mode") == "actor"
    v.page.go_back()
    v.page.go_back()
    v.page.go_back()
    assert v.js("KG.view.state.mode") == "recommendation"
    v.page.go_forward()
    assert v.js("KG.view.state.mode") == "actor"
    v.clean()


def test_an_entity_page_link_opens_the_timeline_on_its_event(open_view, sites):
    v = open_view(
        sites["nl"] / "timeline.html", query="item=event/2025-01-21-gis-withdraw-toekomstscenario"
    )
    assert v.js("KG.view.state.item") == WITHDRAWAL
    v.page.wait_for_function(IN_CHART_VIEW, arg=WITHDRAWAL)
    assert "21 januari 2025" in v.page.locator("#details").inner_text()
    v.clean()


def test_network_state_lives_in_the_address(open_view, sites):
    v = open_view(sites["nl"] / "network.html", query="item=actor/lnvt")
    assert v.js("KG.view.state.selected") == "ac:lnvt"
    assert v.page.locator("#details h2").inner_text() == "Landelijk Netwerk Veilig Thuis"
    v.page.locator("#focus-btn").click()
    v.page.select_option("#rec-filter", "rec:22d")
    v.page.locator('input[name="type"][value="place"]').uncheck()
    url = v.page.url
    assert "item=actor%2Flnvt" in url and "focus=1" in url and "hide=place" in url
    assert "rec=recommendation%2F22d" in url
    again = open_view(sites["nl"] / "network.html", query=url.split("?", 1)[1])
    assert again.js("[KG.view.state.focus, KG.view.state.rec, KG.view.state.types.place]") == [
        "ac:lnvt",
        "rec:22d",
        False,
    ]
    assert set(again.js("KG.view.visibleIds()")) == set(v.js("KG.view.visibleIds()"))
    v.page.go_back()
    v.page.go_back()
    assert v.js("[KG.view.state.rec, KG.view.state.types.place]") == ["", True]
    v.page.go_back()
    assert v.js("KG.view.state.focus") is None and v.js("KG.view.state.selected") == "ac:lnvt"
    v.clean()


def test_clear_filters_clears_the_search_too(open_view, sites):
    v = open_view(sites["nl"] / "network.html")
    v.page.fill("#search", "LNVT")
    v.page.select_option("#rec-filter", "rec:22d")
    v.page.locator("#reset-btn").click()
    assert v.page.input_value("#search") == "" and v.js("KG.view.state.rec") == ""
    assert "?" not in v.page.url
    v.clean()


def test_participation_and_recommendations_keep_their_state(open_view, sites, graph):
    v = open_view(sites["nl"] / "toekomstscenario.html", query="item=actor/gis")
    stances = data(sites["nl"], "toekomstscenario")["stances"]
    last = [s for s in stances if s["actor"] == "ac:gis"][-1]
    assert v.js("KG.view.timeline.getSelection()") == [last["id"]]
    r = open_view(sites["nl"] / "recommendations.html", query="since=2025-06-01")
    assert r.page.input_value("#since") == "2025-06-01"
    flagged = set(
        r.js("[...document.querySelectorAll('.rec-card.flagged')].map(c => c.id.slice(4))")
    )
    assert flagged == {
        g["recommendation"] for g in graph.named("recommendation-gaps", since="2025-06-01")
    }
    r.page.fill("#since", "2024-01-01")
    r.page.locator("#since").dispatch_event("change")
    assert "since=2024-01-01" in r.page.url
    r.page.go_back()
    assert r.page.input_value("#since") == "2025-06-01"
    v.clean()
    r.clean()


# ---------------------------------------------------------------------------- the answer first


def test_participation_opens_with_one_sentence_per_actor(open_view, sites):
    page = data(sites["nl"], "toekomstscenario")
    v = open_view(sites["nl"] / "toekomstscenario.html")
    answer = v.page.locator(".answer")
    assert answer.bounding_box()["y"] < v.page.locator("#trace").bounding_box()["y"]
    sentences = answer.locator("li")
    assert sentences.count() == len(page["actors"])
    for actor in page["actors"]:
        last = [s for s in page["stances"] if s["actor"] == actor["id"]][-1]
        text = answer.locator(f'li[data-answer="{actor["id"]}"]').inner_text()
        for part in (actor["label"], last["stanceLabel"], last["sinceText"]):
            assert part in text
        if last["event"] and last["event"]["section"]:
            assert last["event"]["section"]["title"] in text
            assert last["event"]["section"]["line"] in text
    # the same names in chart and table
    lanes = v.page.locator("#trace .vis-label").evaluate_all("ls => ls.map(l => l.textContent)")
    assert [lane.strip() for lane in lanes] == [a["label"] for a in page["actors"]]
    index = open_view(sites["nl"] / "index.html")
    first = index.page.locator("main a").first
    assert first.get_attribute("href") == "toekomstscenario.html"
    v.clean()


# ---------------------------------------------------------------------------- reading


def test_timeline_reads_plainly(open_view, sites):
    timeline = data(sites["nl"], "timeline")
    v = open_view(sites["nl"] / "timeline.html")
    lane = timeline["lanes"]["recommendation"][0]
    label = v.page.locator("#timeline .vis-label").first.text_content()
    assert lane["label"] in label and lane["title"] in label
    assert v.page.locator(".legend .legend-dot").count() == 1  # the exact-date dot
    years = sorted(
        {int(e["start"][:4]) for e in timeline["events"]}
        | {int(e["end"][:4]) for e in timeline["events"]}
    )
    for year in range(years[0], years[-1] + 1):
        assert v.page.locator(f'[data-preset="{year}"]').count() == 1, year
    assert v.page.locator("#lanes-label").inner_text() == "Indelen per"
    v.clean()


def test_large_timeline_blocks_read_per_lane(open_view, large_site):
    """On a clustered timeline a block of one event is that event, drawn as itself, and each
    lane's shading runs from light to its own fullest block (not the whole chart's)."""
    v = open_view(large_site / "timeline.html")
    assert v.js("KG.view.clustered()") is True
    blocks = v.js(
        "KG.view.items.get().filter(i => i.cluster).map(i => "
        "[i.group, i.cluster.events.length, i.className])"
    )
    assert blocks and all(n > 1 for _, n, _ in blocks)
    fullest: dict[str, int] = {}
    for lane, _, name in blocks:
        level = int(name.split("density-")[1].split()[0])
        fullest[lane] = max(fullest.get(lane, 0), level)
    assert set(fullest.values()) == {4}, fullest
    v.clean()


def test_large_network_opens_a_found_node_on_its_neighbourhood(open_view, large_site):
    network = data(large_site, "network")
    linked = {e["from"] for e in network["summary"]["edges"]} | {
        e["to"] for e in network["summary"]["edges"]
    }
    actor = min(
        (n for n in network["summary"]["nodes"] if n["type"] == "actor" and n["id"] in linked),
        key=lambda n: (n["value"], n["id"]),
    )
    v = open_view(large_site / "network.html")
    v.page.fill("#search", actor["name"])
    v.page.locator("#search").press("Enter")
    assert v.js("[KG.view.state.selected, KG.view.state.focus]") == [actor["id"], actor["id"]]
    visible = v.js("KG.view.visibleIds().length")
    assert 1 < visible < len(network["summary"]["nodes"])
    assert "focus=1" in v.page.url
    v.clean()


@pytest.mark.parametrize("name", ["network", "timeline"])
def test_the_chart_saves_as_a_png_of_what_is_seen(open_view, sites, name, tmp_path):
    v = open_view(sites["nl"] / f"{name}.html")
    with v.page.expect_download() as done:
        v.page.locator("#png-btn").click()
    path = tmp_path / "chart.png"
    done.value.save_as(path)
    assert done.value.suggested_filename == f"{name}.png"
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    box = v.page.locator("#network" if name == "network" else "#timeline").bounding_box()
    assert (width, height) == (round(box["width"]), round(box["height"]))
    # not a blank picture: the chart's colours are in it
    v.page.goto("about:blank")
    colours = v.page.evaluate(
        """async (data) => {
      const img = new Image(); img.src = data; await img.decode();
      const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data, seen = new Set();
      for (let i = 0; i < px.length; i += 4 * 97) seen.add(px[i] + ',' + px[i + 1] + ',' + px[i + 2]);
      return seen.size;
    }""",
        "data:image/png;base64," + __import__("base64").b64encode(png).decode(),
    )
    assert colours > 10
    v.clean()
