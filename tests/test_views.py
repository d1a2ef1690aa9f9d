"""The offline HTML views (kg build), checked without a browser: JSON twins, escaping, atomic
writes, nothing fetched from another host, and the data each page shows."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import HOSTILE, WITHDRAWAL

import kg
from kg import i18n, rendering, resources
from kg.cli import main
from kg.namespaces import compact
from kg.views import data as data_module
from kg.views import network, network_layout, network_vis
from kg.views import site as site_module
from kg.views import timeline as timeline_module
from kg.views.site import PAGES, build_site

FIXTURE = Path(__file__).parent / "fixtures" / "views-mini.ttl"
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class Page(HTMLParser):
    """The parts of a page the tests look at: src/href values, scripts, visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.refs, self.scripts, self.text, self._script = [], [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.refs += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        if tag == "script":
            self._script = {"attrs": attrs, "text": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        else:
            self.text.append(data)

    def data_block(self, block_id: str = "kg-data"):
        return json.loads(next(s["text"] for s in self.scripts if s["attrs"].get("id") == block_id))


def read(site: Path, name: str) -> Page:
    return Page((site / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> Path:
    """The site built from the small fixture graph, whose contents the tests know exactly."""
    out = tmp_path_factory.mktemp("views-mini") / "site"
    build_site(kg.load([FIXTURE]), out, since=dt.date(2025, 1, 1))
    return out


# `hostile_site` (data with a hostile label) and `large_site` (a synthetic graph): conftest.py


# ---------------------------------------------------------------------------- structure


def test_every_page_has_its_json_twin_with_exactly_the_embedded_data(site):
    for name in PAGES:
        embedded = read(site, f"{name}.html").data_block()
        twin = json.loads((site / f"{name}.json").read_text(encoding="utf-8"))
        assert embedded == twin, name


def test_pages_link_each_other_and_their_static_files(site):
    for name in PAGES:
        page = read(site, f"{name}.html")
        for other in PAGES:
            assert f"{other}.html" in page.refs, (name, other)
        for ref in page.refs:
            if ref.startswith("#"):
                continue
            assert (site / ref.split("#")[0]).is_file(), (name, ref)


def test_no_file_names_another_host(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    for path in (p for p in files if p.suffix == ".html"):
        page = read(site, path.relative_to(site).as_posix())
        remote = [ref for ref in page.refs if REMOTE.match(ref)]
        assert not remote, (path.name, remote)
        sources = [s["attrs"]["src"] for s in page.scripts if "src" in s["attrs"]]
        assert all(not REMOTE.match(src) for src in sources)
    for path in (p for p in files if p.suffix == ".css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8"))
        assert all(u.startswith("data:") or not REMOTE.match(u) for u in urls), path.name
    for path in (p for p in files if p.suffix == ".js"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", text), path.name


def test_vendored_libraries_are_copied_next_to_the_pages(site):
    assert (site / "static/vendor/vis-network/vis-network.min.js").is_file()
    assert (site / "static/vendor/vis-timeline/vis-timeline-graph2d.min.js").is_file()


@pytest.mark.parametrize(
    "bundle", ["vis-timeline/vis-timeline-graph2d.min.js", "vis-network/vis-network.min.js"]
)
def test_vendored_bundles_hold_the_versions_vendor_pins(bundle):
    """A bundle is rebuilt (vendor/build.mjs) whenever vendor/package.json changes a version."""
    root = Path(__file__).resolve().parents[1]
    pinned = json.loads((root / "vendor/package.json").read_text(encoding="utf-8"))
    banner = (root / "kg/static/vendor" / bundle).read_text(encoding="utf-8").split("\n", 1)[0]
    named = dict(re.findall(r"(@?[\w./-]+) (\d+\.\d+\.\d+)", banner.split(":", 1)[1]))
    assert named, banner
    for package, version in named.items():
        assert pinned["devDependencies"][package] == version, (bundle, package)


# ---------------------------------------------------------------------------- escaping


def test_hostile_label_is_escaped_in_pages_and_json_blocks(hostile_site):
    for name in PAGES:
        html = (hostile_site / f"{name}.html").read_text(encoding="utf-8")
        assert HOSTILE not in html and "<b>bold</b>" not in html, name
        page = Page(html)
        kinds = [s["attrs"].get("type", "text/javascript") for s in page.scripts]
        assert kinds.count("application/json") == 2, (name, kinds)
        assert all(
            s["attrs"].get("src") for s in page.scripts if "json" not in s["attrs"].get("type", "")
        ), f"{name}: an inline script appeared"
        if name != "index":  # the index shows no event labels but the latest one
            assert HOSTILE in json.dumps(page.data_block(), ensure_ascii=False), name
            assert "\\u003cimg src=x" in html, name
    shown = "".join(read(hostile_site, "toekomstscenario.html").text)
    assert HOSTILE in shown  # as text, after the parser decoded &lt; … &gt;


def test_script_json_cannot_close_its_block():
    text = rendering.script_json({"label": "</script><script>alert(1)</script>", "a": "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(str(text)) == {"label": "</script><script>alert(1)</script>", "a": "&"}


# ---------------------------------------------------------------------------- atomic writes


def test_build_replaces_the_site_atomically(tmp_path):
    graph = kg.load([FIXTURE])
    out = tmp_path / "site"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "old.html").write_text("old", encoding="utf-8")
    summary = build_site(graph, out)
    assert not (out / "stale").exists()
    assert summary["pages"] == [f"{tree}{name}.html" for tree in ("", "en/") for name in PAGES]
    assert summary["bytes"] > 0 and summary["files"] >= 10 and summary["seconds"] >= 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folder


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    graph = kg.load([FIXTURE])
    out = tmp_path / "site"
    build_site(graph, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(folder, pages, lang, programme, **context):
        (folder / "index.html").write_text("half a page", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(site_module, "write_site", broken)
    with pytest.raises(OSError, match="disk full"):
        build_site(graph, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_in_the_network_process_reaches_the_caller(tmp_path, monkeypatch):
    graph = kg.load([FIXTURE])
    out = tmp_path / "site"
    build_site(graph, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(shared, focus=None):
        raise ValueError("no layout today")

    monkeypatch.setattr(site_module, "network_page", broken)  # the forked child inherits it
    with pytest.raises(ValueError, match="no layout today"):
        build_site(graph, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# ---------------------------------------------------------------------------- the CLI


def test_cli_build_prints_a_summary(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--data",
            str(FIXTURE),
            "--out",
            str(tmp_path / "out"),
            "--focus",
            "IGJ",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "5 pages" in result.output and "network nodes" in result.output
    english = tmp_path / "out" / "en"  # --lang en: only the English tree, at its place
    index = read(english, "index.html")
    assert "Key figures" in " ".join(index.text) and '<html lang="en">' in (
        english / "index.html"
    ).read_text(encoding="utf-8")
    assert json.loads((english / "network.json").read_text())["focus"] == "ac:igj"


def test_cli_build_unknown_focus_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        main, ["build", "--data", str(FIXTURE), "--out", str(tmp_path / "out"), "--focus", "Nobody"]
    )
    assert result.exit_code == 2
    assert "Nobody" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- what the pages show


def load_json(site: Path, name: str):
    return json.loads((site / f"{name}.json").read_text(encoding="utf-8"))


def test_index_shows_key_figures_counts_and_latest_event(site, graph):
    index = load_json(site, "index")
    figures = {
        card["indicator"]: {v["period"]: v["value"] for v in card["values"]}
        for card in index["keyFigures"]
    }
    assert figures["vt-child-abuse-reports-and-advice"] == {"2020": 62795, "2024": 66400}
    assert figures["vt-sexual-abuse-reports"] == {"2023": 1930, "2024": 1730}
    assert len(figures) >= 4
    events = graph.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* kg:Event }"
    )
    assert index["counts"]["events"] == events[0]["n"] >= 60
    assert index["counts"]["actors"] >= 50 and index["counts"]["observations"] >= 40
    timeline = load_json(site, "timeline")["events"]
    assert index["latestEvent"]["date"] == max(
        e["start"] for e in timeline if e["status"] == "occurred"
    )
    shown = " ".join(read(site, "index.html").text)
    assert "66.400" in shown and "62.795" in shown


def test_network_has_typed_nodes_and_positions(site, graph):
    network = load_json(site, "network")
    nodes = {n["id"]: n for n in network["nodes"]}
    assert len(nodes) == len(network["nodes"])
    assert {t["id"] for t in network["types"]} == {
        "event",
        "actor",
        "instrument",
        "recommendation",
        "place",
    }
    events = [n for n in nodes.values() if n["type"] == "event"]
    assert len(events) == len({row["event"] for row in graph.named("view-events")})
    assert all(
        isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in nodes.values()
    )
    assert all(e["from"] in nodes and e["to"] in nodes for e in network["edges"])
    withdrawal = nodes[WITHDRAWAL]
    assert withdrawal["section"]["title"] and withdrawal["when"]
    assert nodes["ac:gis"]["abbreviation"] == "GI's"
    assert {"22a", "22b", "22d", "22g", "22h"} <= {n.get("notation") for n in nodes.values()}


def test_layout_is_stable(site, tmp_path):
    again = tmp_path / "again"
    build_site(kg.load(), again)
    first = {n["id"]: (n["x"], n["y"]) for n in load_json(site, "network")["nodes"]}
    second = {n["id"]: (n["x"], n["y"]) for n in load_json(again, "network")["nodes"]}
    assert first == second


def test_timeline_events_have_bounds_lanes_and_sections(site):
    timeline = load_json(site, "timeline")
    by_id = {e["id"]: e for e in timeline["events"]}
    withdrawal = by_id[WITHDRAWAL]
    assert (withdrawal["start"], withdrawal["end"], withdrawal["approximate"]) == (
        "2025-01-21",
        "2025-01-21",
        False,
    )
    assert withdrawal["lanes"]["actor"] == ["ac:gis"]
    assert withdrawal["lanes"]["programme"] == ["in:toekomstscenario"]
    assert withdrawal["section"]["title"]
    vague = [e for e in timeline["events"] if e["precision"] not in ("day",)]
    assert vague and all(e["approximate"] and e["start"] <= e["end"] for e in vague)
    assert {s["id"] for s in timeline["statuses"]} >= {"occurred", "planned", "postponed"}
    for mode in ("recommendation", "programme", "actor"):
        lanes = {lane["id"] for lane in timeline["lanes"][mode]}
        assert all(set(e["lanes"][mode]) <= lanes for e in timeline["events"]), mode


def test_participation_trace_follows_the_participation_query(site, graph):
    trace = load_json(site, "toekomstscenario")
    rows = graph.named("participation", programme="Toekomstscenario")
    assert len(trace["stances"]) == len(rows)
    gis = [(s["since"], s["stance"]) for s in trace["stances"] if s["actor"] == "ac:gis"]
    assert ("2025-01-21", "withdrawn") in gis
    lnvt = [
        (s["since"], s["stance"], s["until"]) for s in trace["stances"] if s["actor"] == "ac:lnvt"
    ]
    assert ("2025-01-27", "selective", "2025-04-16") in lnvt
    withdrawn = next(
        s for s in trace["stances"] if s["actor"] == "ac:gis" and s["stance"] == "withdrawn"
    )
    assert withdrawn["event"]["id"] == WITHDRAWAL and withdrawn["event"]["section"]["title"]


def test_participation_is_generic_over_programmes(tmp_path):
    build_site(kg.load([FIXTURE]), tmp_path / "s", programme="Hervormingsagenda")
    trace = load_json(tmp_path / "s", "toekomstscenario")
    assert trace["stances"] == [] and trace["programme"]["query"] == "Hervormingsagenda"
    assert "Hervormingsagenda" in " ".join(read(tmp_path / "s", "toekomstscenario.html").text)


@pytest.mark.parametrize("since", ["2024-01-01", "2025-01-01", "2025-04-01", "2026-01-01"])
def test_recommendation_flags_agree_with_the_gaps_query(graph, tmp_path, since):
    build_site(graph, tmp_path / "s", since=since)
    cards = load_json(tmp_path / "s", "recommendations")["recommendations"]
    gaps = {r["recommendation"] for r in graph.named("recommendation-gaps", since=since)}
    assert {c["notation"] for c in cards if c["flagged"]} == gaps
    assert [c["notation"] for c in cards] == ["22a", "22b", "22d", "22g", "22h"]


def test_mini_graph_pages(mini):
    network = load_json(mini, "network")
    assert len(network["nodes"]) == 12 + 18  # events + actors, instruments, recs, places
    cards = {c["notation"]: c for c in load_json(mini, "recommendations")["recommendations"]}
    assert cards["22a"]["flagged"] and not cards["22d"]["flagged"]  # 22a: only ongoing work
    assert cards["22d"]["lastActivity"] == "2025-01-27"
    trace = load_json(mini, "toekomstscenario")
    assert [a["id"] for a in trace["actors"]] == ["ac:gis", "ac:lnvt", "ac:jeugdzorg-nederland"]
    assert len(trace["stances"]) == 6


def test_an_event_with_two_values_of_a_column_is_one_event(tmp_path):
    """view-events gives a row per combination of values; the views keep one event with the
    smallest value of each column and the largest latest date."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        """
        @prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .
        @prefix ev: <https://w3id.org/kinderrechten-kg/id/event/> .
        @prefix rec: <https://w3id.org/kinderrechten-kg/id/recommendation/> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ev:2024-07-01-wet-seksuele-misdrijven-in-force kg:listedUnder rec:22a ;
            sem:hasLatestEndTimeStamp "2024-07-31"^^xsd:date .
        """,
        encoding="utf-8",
    )
    graph = kg.load([FIXTURE, extra])
    event = "https://w3id.org/kinderrechten-kg/id/event/2024-07-01-wet-seksuele-misdrijven-in-force"
    rows = [r for r in graph.named("view-events") if r["event"] == event]
    assert {r["recommendation"] for r in rows} == {"22a", "22d"}
    assert {r["latest"] for r in rows} == {dt.date(2024, 7, 1), dt.date(2024, 7, 31)}
    events = data_module.ViewData(graph, "nl").events
    assert len(events) == len({r["event"] for r in graph.named("view-events")})
    merged = [e for e in events if e["iri"] == event]
    assert len(merged) == 1
    assert (merged[0]["recommendation"], merged[0]["start"], merged[0]["end"]) == (
        "22a",
        "2024-07-01",
        "2024-07-31",
    )
    assert [e["start"] for e in events] == sorted(e["start"] for e in events)


def test_a_second_language_reusing_the_first_is_as_if_fetched_alone():
    """ViewData(like=…) reuses the other language's language-neutral rows: what it gives is
    what a ViewData of that language alone gives, texts and labels in its own language."""
    graph = kg.load()
    alone = data_module.ViewData(graph, "en")
    reused = data_module.ViewData(graph, "en", like=data_module.ViewData(graph, "nl"))
    assert reused.events == alone.events
    assert reused.entities == alone.entities
    assert reused.links == alone.links
    english = {e["id"]: e["label"] for e in alone.events}
    dutch = {e["id"]: e["label"] for e in data_module.ViewData(graph, "nl").events}
    assert sum(english[e] != dutch[e] for e in english) > len(english) / 2


# the rule as SPARQL says it: of an event's kinds, those no other of its kinds is narrower than
MOST_SPECIFIC_KINDS = """
PREFIX kg: <https://w3id.org/kinderrechten-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event (MIN(str(?kind)) AS ?most) WHERE {
  ?event a ?kind . ?kind a kg:EventKind .
  MINUS { ?event a ?narrower . ?narrower a kg:EventKind ; rdfs:subClassOf+ ?kind .
          FILTER(?narrower != ?kind) }
} GROUP BY ?event
"""


def test_an_event_of_several_kinds_shows_its_most_specific(tmp_path):
    """An event typed with a kind and broader ones shows the narrowest (also where a broader
    one comes first by IRI); of two unrelated most specific kinds, the first by IRI; for every
    event, as the rule in SPARQL gives it."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        """
        @prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .
        @prefix ev: <https://w3id.org/kinderrechten-kg/id/event/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        kg:Statement rdfs:subClassOf kg:Advice .
        ev:2025-06-17-jeugdzorg-nederland-manifesto a kg:Statement, kg:Advice .
        ev:2025-06-13-sixth-progress-report-toekomstscenario a kg:Report, kg:Motion .
        """,
        encoding="utf-8",
    )
    graph = kg.load([resources.DATA_DIR, extra])
    kinds = {e["id"]: e["kind"] for e in data_module.ViewData(graph, "en").events}
    assert kinds["ev:2025-06-17-jeugdzorg-nederland-manifesto"] == "Manifesto"
    assert kinds["ev:2025-06-13-sixth-progress-report-toekomstscenario"] == "Motion"
    expected = {
        compact(row["event"]): row["most"].rsplit("#", 1)[1]
        for row in graph.query(MOST_SPECIFIC_KINDS)
    }
    assert kinds == expected


def test_force_layout_is_networkx_spring_layout_with_fixed_nodes():
    """force_layout computes what networkx's force method does (dense, as networkx does below
    500 nodes), only faster at any size; fixed nodes do not move."""
    import networkx as nx

    graph = nx.les_miserables_graph()
    rng = random.Random(7)
    start = {n: (rng.uniform(-1, 1), rng.uniform(-1, 1)) for n in graph}
    fixed = set(sorted(graph)[:10])
    ours = network_layout.force_layout(graph, start, fixed, k=0.3, iterations=30)
    theirs = nx.spring_layout(
        graph, pos=start, fixed=sorted(fixed), k=0.3, iterations=30, method="force", seed=1
    )
    assert max(math.dist(ours[n], theirs[n]) for n in graph) < 1e-6
    assert all(tuple(ours[n]) == pytest.approx(start[n]) for n in fixed)
    assert max(math.dist(ours[n], start[n]) for n in graph) > 0.01


def test_fast_node_dicts_are_pyvis_node_dicts(graph):
    """Above PYVIS_NODE_LIMIT the adapter builds the node dicts itself: they are pyvis' own,
    key for key and in the same order (the network.json of a large site does not change with
    the path taken), on the seed graph's nodes, with an empty label as pyvis has it."""
    shared = data_module.ViewData(graph, "nl")
    nodes, _ = network._nodes_and_edges(shared, i18n.strings("nl"))
    ids = [*nodes, "ex:unlabelled"]
    rng = random.Random(3)
    columns = {
        "label": [network_vis._canvas_label(nodes[n]) for n in ids[:-1]] + [""],
        "title": [network_vis._tooltip(nodes[n]) for n in ids[:-1]] + ["no label"],
        "x": [round(rng.uniform(-500, 500), 1) for _ in ids],
        "y": [round(rng.uniform(-500, 500), 1) for _ in ids],
        "color": [rng.choice(["#5477a8", "#c0713a"]) for _ in ids],
        "shape": [rng.choice(["dot", "star"]) for _ in ids],
        "value": [rng.choice([1.0, 2.6, 5.4]) for _ in ids],
    }
    theirs = network_vis.pyvis_nodes(ids, columns)
    ours = network_vis.fast_nodes(ids, columns)
    assert [list(n.items()) for n in ours] == [list(n.items()) for n in theirs]
    assert len(ours) == len(ids) > 100 and ours[-1]["label"] == "ex:unlabelled"


# ---------------------------------------------------------------------------- large graphs


def test_large_network_opens_on_a_summary_smaller_than_the_limit(large_site):
    page = load_json(large_site, "network")
    summary = page["summary"]
    assert len(page["nodes"]) > network.NETWORK_NODE_LIMIT
    assert len(summary["nodes"]) < network.NETWORK_NODE_LIMIT
    assert summary["total"] == len(page["nodes"]) and summary["limit"] == network.NETWORK_NODE_LIMIT
    kept = {n["id"] for n in page["nodes"] if n["type"] != "event"}
    folds = [n for n in summary["nodes"] if n.get("fold")]
    assert {n["id"] for n in summary["nodes"]} == kept | {f["id"] for f in folds}
    assert summary["folds"] == len(folds) and summary["by"] in ("year", "year-kind")
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert all(e["from"] in nodes and e["to"] in nodes for e in summary["edges"])
    assert all(
        isinstance(n["x"], float | int) and isinstance(n["y"], float | int)
        for n in summary["nodes"]
    )


def test_every_folded_event_is_counted_exactly_once(large_site):
    page = load_json(large_site, "network")
    summary = page["summary"]
    events = {n["id"]: n for n in page["nodes"] if n["type"] == "event"}
    folded = Counter(e for fold in summary["nodes"] if fold.get("fold") for e in fold["events"])
    assert folded and set(folded) == set(events) and set(folded.values()) == {1}
    assert (
        summary["events"]
        == len(events)
        == sum(f["count"] for f in summary["nodes"] if f.get("fold"))
    )
    for fold in (n for n in summary["nodes"] if n.get("fold")):
        assert {int(events[e]["start"][:4]) for e in fold["events"]} == {fold["year"]}
        if summary["by"] == "year-kind":
            assert {events[e]["kind"] for e in fold["events"]} == {fold["kind"]}
    # each link of a fold stands for exactly the events of that fold linked to its other end
    fold_of = {e: f["id"] for f in summary["nodes"] if f.get("fold") for e in f["events"]}
    expected = Counter(
        (fold_of.get(e["from"], e["from"]), fold_of.get(e["to"], e["to"])) for e in page["edges"]
    )
    assert {(e["from"], e["to"]): e["weight"] for e in summary["edges"]} == dict(expected)


def test_large_network_note_says_what_is_folded_and_how_to_expand(large_site):
    summary = load_json(large_site, "network")["summary"]
    events = i18n.format_number(summary["events"], "nl")
    assert events in summary["note"] and "samengevoegd" in summary["note"]
    shown = " ".join(read(large_site, "network.html").text)
    assert summary["note"] in shown and "Alle knopen tonen" in shown


def test_large_timeline_clusters_with_a_note(large_site):
    timeline = load_json(large_site, "timeline")
    clusters = timeline["clusters"]
    assert len(timeline["events"]) > timeline_module.TIMELINE_EVENT_LIMIT
    assert clusters["events"] == len(timeline["events"])
    assert clusters["detailLimit"] == timeline_module.TIMELINE_DETAIL_LIMIT
    assert i18n.format_number(len(timeline["events"]), "nl") in clusters["note"]
    assert clusters["note"] in " ".join(read(large_site, "timeline.html").text)


def test_large_pages_embed_exactly_their_twins(large_site):
    for name in ("network", "timeline"):
        assert read(large_site, f"{name}.html").data_block() == load_json(large_site, name), name


def test_small_graphs_have_no_summary_and_no_clusters(site):
    assert load_json(site, "network")["summary"] is None
    assert load_json(site, "timeline")["clusters"] is None
    assert "summary-note" not in (site / "network.html").read_text(encoding="utf-8")
    assert "clusters-note" not in (site / "timeline.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_summary_folds_the_seed_graph_by_year_and_kind(graph, lang):
    """summary_page on the seed graph (under the limit, so its pages never show it)."""
    shared = data_module.ViewData(graph, lang)
    strings = i18n.strings(lang)
    nodes, edges = network._nodes_and_edges(shared, strings)
    summary = network.summary_page(nodes, edges, strings, lang)
    events = {n for n, d in nodes.items() if d["type"] == "event"}
    pairs = {(int(nodes[e]["start"][:4]), nodes[e]["kind"]) for e in events}
    folds = {n["id"]: n for n in summary["nodes"] if n.get("fold")}
    assert summary["by"] == "year-kind" and len(folds) == len(pairs)
    assert sorted(e for f in folds.values() for e in f["events"]) == sorted(events)
    linked = defaultdict(set)  # fold → what its events link to, with how many events
    for edge in edges:
        if edge["from"] in events:
            linked[edge["from"]].add(edge["to"])
    weights = {(e["from"], e["to"]): e["weight"] for e in summary["edges"]}
    for fold_id, fold in folds.items():
        counted = Counter(target for e in fold["events"] for target in linked[e])
        assert {t: weights[(fold_id, t)] for t in counted} == dict(counted)
    note = summary["note"]
    assert str(len(events)) in note and str(len(folds)) in note
    assert ("samengevoegd" if lang == "nl" else "folded") in note
    assert network.summary_page(nodes, edges, strings, lang, edge_limit=10)["by"] == "year"
