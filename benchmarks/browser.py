"""How fast the offline views draw in Chromium: the seed site and a 5,000-node synthetic site.

    python benchmarks/browser.py [--nodes 5000] [--runs 3] [--site DIR ...]

For every view, the time from the start of navigation (file://, a fresh page each run) to the
first frame after its chart is drawn and visible: ink on the network's canvas, the timeline's
and the participation trace's items in their shown (no longer hidden) chart; for the index and
recommendations, which have no chart, their first contentful paint. The script prints what it
took as drawn for each view. Then, on the full 5,000-node network ("show all nodes"), one zoom step
(a wheel turn over the canvas) until the last frame it caused. Medians of --runs runs; the
targets are the issue's: first chart ≤ 300 ms on the seed site and ≤ 1 s on the large one,
a zoom step ≤ 100 ms. --site measures sites built elsewhere (e.g. by an older version) in
place of building the two.

With --floor it also times, per site, a page holding nothing but the vendored library and the
view's items from its JSON twin (the timeline's events in their recommendation lanes, opening on
the same window; the network's nodes at their places and its links): what any page drawing that
chart with that library pays on this machine, before the site adds anything.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (the project's synthetic-graph generator)
from synthetic_views import TRIPLES_PER_NODE  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
PAGES = ("index", "network", "timeline", "toekomstscenario", "recommendations")
# what "drawn" means per view: the chart a reader sees, not a placeholder. vis-timeline builds
# its items behind a hidden root (its loading screen) and shows them only later, so a
# timeline counts once its root is visible and one of its items is what the page shows at
# that item's centre (drawn, in the chart's visible area, not clipped or covered); the
# network once ink has gone onto its canvas (INK below). Checked at the start of every
# frame; once true, the time is taken by a task posted then, which runs after that frame is
# painted.
VISIBLE_ITEM = (
    "(function (root) {{ if (!root || getComputedStyle(root).visibility !== 'visible') "
    "return false; var items = root.querySelectorAll('.vis-item'); "
    "for (var i = 0; i < items.length && i < 50; i++) {{ var r = items[i].getBoundingClientRect(); "
    "var hit = r.width > 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); "
    "if (hit && items[i].contains(hit)) return true; }} return false; "
    "}})(document.querySelector('{} .vis-timeline'))"
)
DRAWN = {
    "network": "window.__kgInk === true",
    "timeline": VISIBLE_ITEM.format("#timeline"),
    # a graph without the programme has no trace: its page says so, drawn at once
    "toekomstscenario": VISIBLE_ITEM.format("#trace")
    + " || (document.readyState === 'complete' && !document.querySelector('#trace'))",
}
SAYS = {
    "index": "first contentful paint (no chart)",
    "network": "first frame after vis-network drew on its canvas",
    "timeline": "first frame with the timeline visible and an item drawn in it",
    "toekomstscenario": "first frame with the trace visible and a stance drawn in it",
    "recommendations": "first contentful paint (no chart)",
}
# the network is drawn once a fill, stroke, text or image has gone onto a canvas inside
# #network; the canvas' own methods are put back after that first stroke
INK = """
(function () {
  var proto = CanvasRenderingContext2D.prototype, saved = {};
  var names = ["fill", "stroke", "fillText", "drawImage"];
  names.forEach(function (name) {
    saved[name] = proto[name];
    proto[name] = function () {
      if (this.canvas.closest && this.canvas.closest("#network")) {
        window.__kgInk = true;
        names.forEach(function (n) { proto[n] = saved[n]; });
      }
      return saved[name].apply(this, arguments);
    };
  });
})();
"""
PROBE = """
window.__kgDrawn = null;
(function poll() {
  requestAnimationFrame(function () {
    if (%s) setTimeout(function () { window.__kgDrawn = performance.now(); }, 0);
    else poll();
  });
})();
"""
PAINT = """new Promise(done => new PerformanceObserver((list, obs) => {
  const fcp = list.getEntries().find(e => e.name === 'first-contentful-paint');
  if (fcp) { obs.disconnect(); done(fcp.startTime); }
}).observe({type: 'paint', buffered: true}))"""
# one wheel step over the canvas; the step ends with the last frame that drew anything
ZOOM = """() => new Promise(done => {
  const network = KG.view.network, canvas = document.querySelector('#network canvas');
  const box = canvas.getBoundingClientRect();
  let last = null, quiet = 0;
  network.on('afterDrawing', () => { last = performance.now(); quiet = 0; });
  const start = performance.now();
  canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: -120, clientX: box.x + box.width / 2,
    clientY: box.y + box.height / 2, bubbles: true, cancelable: true}));
  (function wait() {
    requestAnimationFrame(() => {
      if (last !== null && ++quiet >= 3) done(last - start); else wait();
    });
  })();
})"""


# the library alone: the same probe, the same vendored files, only the chart's items
FLOOR_PAGE = """<!doctype html><html><head><meta charset="utf-8">{css}</head><body>
<div id="{div}" style="height: 760px"></div>
<script src="static/vendor/{js}"></script>
<script type="application/json" id="items">{items}</script>
<script>var data = JSON.parse(document.getElementById("items").textContent);
{code}</script></body></html>"""
FLOOR_TIMELINE = """var tl = new vis.Timeline(document.getElementById("timeline"),
  new vis.DataSet(data.items), new vis.DataSet(data.groups),
  {stack: true, start: data.start, end: data.end, maxHeight: 760});
var w = tl.getWindow();  /* shown at once, as the site does (else the library waits 1.2 s) */
tl.emit("rangechanged", {start: w.start, end: w.end, byUser: false}); tl.redraw();"""
FLOOR_NETWORK = """new vis.Network(document.getElementById("network"),
  {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)},
  {physics: false, layout: {improvedLayout: false}});"""


def floor_pages(site: Path, out: Path) -> Path:
    """Write the library-alone timeline.html and network.html for `site` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "static").symlink_to(site / "static")
    timeline = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    opening = next(p for p in timeline["presets"] if p["id"] in ("recent", "all"))
    items = []
    for event in timeline["events"]:
        ranged = event["approximate"] or event["start"] != event["end"]
        for lane in event["lanes"]["recommendation"]:
            item = {"id": f"{event['id']}@{lane}", "group": lane, "start": event["start"]}
            item |= {"content": event["label"], "type": "range" if ranged else "point"}
            items.append(item | ({"end": event["end"]} if ranged else {}))
    groups = [
        {"id": lane["id"], "content": lane["label"]} for lane in timeline["lanes"]["recommendation"]
    ]
    network = json.loads((site / "network.json").read_text(encoding="utf-8"))
    shown = network["summary"] or network
    nodes = [{k: n[k] for k in ("id", "x", "y", "value", "color", "shape")} for n in shown["nodes"]]
    edges = [{"from": e["from"], "to": e["to"]} for e in shown["edges"]]
    pages = {
        "timeline": (
            "vis-timeline/vis-timeline-graph2d.min",
            FLOOR_TIMELINE,
            {"items": items, "groups": groups, "start": opening["start"], "end": opening["end"]},
        ),
        "network": ("vis-network/vis-network.min", FLOOR_NETWORK, {"nodes": nodes, "edges": edges}),
    }
    for name, (library, code, payload) in pages.items():
        css = (
            f'<link rel="stylesheet" href="static/vendor/{library}.css">'
            if "timeline" in library
            else ""
        )
        text = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
        (out / f"{name}.html").write_text(
            FLOOR_PAGE.format(css=css, div=name, js=f"{library}.js", items=text, code=code),
            encoding="utf-8",
        )
    return out


def build(data: Path | None, out: Path) -> Path:
    command = [sys.executable, "-m", "kg.cli", "build", "--out", str(out)]
    if data:
        command += ["--data", str(data)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def first_chart(browser, site: Path, name: str) -> float:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        if name == "network":
            page.add_init_script(INK)
        if name in DRAWN:
            page.add_init_script(PROBE % DRAWN[name])
        page.goto((site / f"{name}.html").as_uri(), wait_until="load")
        if name in DRAWN:
            page.wait_for_function("window.__kgDrawn !== null", timeout=60_000)
            return page.evaluate("window.__kgDrawn")
        return page.evaluate(PAINT)
    finally:
        page.close()


def zoom_step(browser, site: Path) -> float | None:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto((site / "network.html").as_uri(), wait_until="load")
        page.wait_for_function("window.KG && KG.view && KG.view.network")
        if not page.evaluate("Boolean(KG.view.summary && KG.view.summary())"):
            return None  # a small graph: no summary, the full network is what is drawn
        page.evaluate("KG.view.expand()")
        page.wait_for_timeout(1500)
        return page.evaluate(ZOOM)
    finally:
        page.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        help="measure this built site (repeatable) instead of building two",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time pages with nothing but the library and the view's items",
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-browser-bench-") as tmp:
        tmp = Path(tmp)
        if args.site:
            sites = [(str(site), site, None) for site in args.site]
        else:
            path = tmp / f"synthetic-{args.nodes}.ttl"
            with path.open("w", encoding="utf-8") as out:
                generate(args.nodes * TRIPLES_PER_NODE, out)
            sites = [
                ("seed (data/)", build(None, tmp / "seed"), 300.0),
                (f"synthetic {args.nodes:,} nodes", build(path, tmp / "large"), 1000.0),
            ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            print(f"first chart drawn, ms (median of {args.runs}; fresh page each run), that is:")
            for name in PAGES:
                print(f"  {name:<18} {SAYS[name]}")
            print(f"{'site':<26}" + "".join(f"{name:>18}" for name in PAGES) + f"{'target':>9}")
            large, runs = None, range(args.runs)
            for label, site, target in sites:
                cells = []
                for name in PAGES:
                    times = [first_chart(browser, site, name) for _ in range(args.runs)]
                    median = statistics.median(times)
                    ok = "" if target is None else (" ✓" if median <= target else " ✗")
                    cells.append(f"{median:>16.0f}{ok or '  '}")
                print(f"{label:<26}" + "".join(cells) + (f"{target:>9.0f}" if target else ""))
                large = site
                if args.floor:
                    bare = floor_pages(site, Path(tempfile.mkdtemp(dir=tmp)))
                    floor = {
                        name: statistics.median(first_chart(browser, bare, name) for _ in runs)
                        for name in ("network", "timeline")
                    }
                    cells = [f"{floor[n]:>16.0f}  " if n in floor else " " * 18 for n in PAGES]
                    print(f"{'  the library alone':<26}" + "".join(cells))
            steps = [zoom_step(browser, large) for _ in range(args.runs)]
            if None in steps:
                print("zoom step: the last site has no summary (too small to measure)")
            else:
                median = statistics.median(steps)
                print(
                    f"zoom step on the full network of {sites[-1][0]}: {median:.0f} ms "
                    f"(runs {', '.join(f'{s:.0f}' for s in steps)}; target ≤ 100 ms"
                    f"{' ✓' if median <= 100 else ' ✗'})"
                )
            browser.close()


if __name__ == "__main__":
    main()
