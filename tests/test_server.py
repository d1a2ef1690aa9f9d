"""`kg serve` as clients see it: a real server process on 127.0.0.1, queried over HTTP with
SPARQLWrapper, urllib and Chromium. Every response is parsed (JSON, CSV, XML, RDF), never
compared as a string; results are compared as sets with what kg.load() answers in process."""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import rdflib
from rdflib.compare import isomorphic
from servers import kg_serve

from kg.registry import all_queries

pytestmark = pytest.mark.server

TIMEOUT = 2  # --timeout of the main test server, in seconds
MAX_ROWS = 1000
JSON = "application/sparql-results+json"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MOTIONS = (
    'SELECT ?m ?label WHERE { ?m a kg:Motion ; rdfs:label ?label FILTER(lang(?label) = "nl") }'
)
WITHDRAWALS = "CONSTRUCT WHERE { ?e a kg:Withdrawal ; ?p ?o }"
SRX = {"s": "http://www.w3.org/2005/sparql-results#"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with kg_serve(
        tmp_path_factory.mktemp("serve"), "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS)
    ) as started:
        yield started
    assert started.process.returncode == 0, started.log.read_text(errors="replace")


@pytest.fixture(scope="module")
def cors_server(tmp_path_factory):
    with kg_serve(tmp_path_factory.mktemp("serve-cors"), "--cors", "http://example.org") as started:
        yield started


def request(method, url, body=None, headers=None, timeout=30):
    """Return (status, headers, body) of one HTTP request; error statuses are answers too."""
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    elif isinstance(body, str):
        body = body.encode()
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get(url, accept=None, **params):
    query = "?" + urllib.parse.urlencode(params) if params else ""
    return request("GET", url + query, headers={"Accept": accept} if accept else {})


# ---------------------------------------------------------------------------- SPARQLWrapper
def test_sparqlwrapper_select_json(server, graph):
    from SPARQLWrapper import JSON as SW_JSON
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(MOTIONS)
    client.setReturnFormat(SW_JSON)
    results = client.query().convert()
    got = {(b["m"]["value"], b["label"]["value"]) for b in results["results"]["bindings"]}
    expected = {(str(r["m"]), str(r["label"])) for r in graph.query(MOTIONS)}
    assert got == expected and len(got) >= 5


def test_sparqlwrapper_construct_turtle(server, graph):
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(WITHDRAWALS)
    client.setReturnFormat(TURTLE)
    got = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(got) > 0
    assert isomorphic(got, graph.construct(WITHDRAWALS))


def test_sparqlwrapper_ask(server):
    from SPARQLWrapper import JSON as SW_JSON
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(SW_JSON)
    client.setQuery("ASK { ?m a kg:Motion }")
    assert client.query().convert()["boolean"] is True
    client.setMethod(POST)
    client.setQuery("ASK { <urn:nothing> ?p ?o }")
    assert client.query().convert()["boolean"] is False


# ---------------------------------------------------------------------------- raw HTTP
def _rows(media_type: str, body: bytes) -> set:
    """Return the (m, label) pairs of a SELECT answer in any of the four W3C formats."""
    text = body.decode("utf-8")
    if media_type == JSON:
        return {
            (b["m"]["value"], b["label"]["value"]) for b in json.loads(text)["results"]["bindings"]
        }
    if media_type == "application/sparql-results+xml":
        root = ET.fromstring(body)
        return {
            (
                r.find("s:binding[@name='m']/s:uri", SRX).text,
                r.find("s:binding[@name='label']/s:literal", SRX).text,
            )
            for r in root.findall("s:results/s:result", SRX)
        }
    if media_type == "text/csv":
        return {(row["m"], row["label"]) for row in csv.DictReader(io.StringIO(text))}
    lines = text.splitlines()
    assert lines[0].split("\t") == ["?m", "?label"]
    rows = set()
    for line in lines[1:]:
        iri, label = line.split("\t")
        rows.add((iri.strip("<>"), label.rsplit("@", 1)[0].strip('"')))
    return rows


@pytest.mark.parametrize(
    "media_type", [JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
)
@pytest.mark.parametrize("method", ["GET", "POST form", "POST direct"])
def test_select_in_every_results_format(server, graph, media_type, method):
    url = server.url + "/sparql"
    accept = {"Accept": media_type}
    if method == "GET":
        status, headers, body = get(url, media_type, query=MOTIONS)
    elif method == "POST form":
        status, headers, body = request("POST", url, {"query": MOTIONS}, accept)
    else:
        status, headers, body = request(
            "POST", url, MOTIONS, {**accept, "Content-Type": "application/sparql-query"}
        )
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media_type
    assert "X-Result-Truncated" not in headers
    expected = {(str(r["m"]), str(r["label"])) for r in graph.query(MOTIONS)}
    assert _rows(media_type, body) == expected


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_graph_format(server, graph, media_type, rdflib_format):
    status, headers, body = request(
        "POST", server.url + "/sparql", {"query": WITHDRAWALS}, {"Accept": media_type}
    )
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media_type
    got = rdflib.Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
    assert isomorphic(got, graph.construct(WITHDRAWALS))


def test_ask_in_json_and_xml(server):
    status, _, body = get(server.url + "/sparql", JSON, query="ASK { ?e a kg:Withdrawal }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = get(
        server.url + "/sparql",
        "application/sparql-results+xml",
        query="ASK { <urn:nothing> ?p ?o }",
    )
    assert status == 200 and ET.fromstring(body).find("s:boolean", SRX).text == "false"


def test_unacceptable_media_type_is_406(server):
    status, _, body = get(server.url + "/sparql", "image/png", query=MOTIONS)
    assert status == 406 and b"application/sparql-results+json" in body


# ---------------------------------------------------------------------------- named queries
def test_queries_json_lists_every_named_query(server):
    status, _, body = get(server.url + "/queries.json")
    assert status == 200
    listed = {q["name"]: q for q in json.loads(body)}
    for query in all_queries():
        assert [p["name"] for p in listed[query.name]["params"]] == [p.name for p in query.params]


def test_named_query_matches_the_library(server, graph):
    status, _, body = get(server.url + "/queries/participation-as-of", JSON, date="2025-02-28")
    assert status == 200, body
    got = {
        (b["who"]["value"], b["stance"]["value"]) for b in json.loads(body)["results"]["bindings"]
    }
    expected = {
        (str(r["who"]), str(r["stance"]))
        for r in graph.named("participation-as-of", date="2025-02-28")
    }
    assert got == expected and got
    status, headers, body = get(
        server.url + "/queries/events-by-actor", None, actor="IGJ", format="csv"
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == len(graph.named("events-by-actor", actor="IGJ")) > 0


def test_named_query_sparql_runs_on_the_endpoint(server):
    status, _, text = get(server.url + "/queries/withdrawals.rq")
    # the named query's own header comments, then the PREFIX lines it declares
    assert status == 200 and b"\nPREFIX kg: <https://w3id.org/kinderrechten-kg/ontology#>" in text
    _, _, direct = get(server.url + "/queries/withdrawals", JSON)
    _, _, via_text = request(
        "POST", server.url + "/sparql", {"query": text.decode()}, {"Accept": JSON}
    )
    assert json.loads(direct)["results"] == json.loads(via_text)["results"]


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/queries/participation-as-of", {}, 400, "date"),
        ("/queries/participation-as-of", {"date": "yesterday"}, 400, "date"),
        ("/queries/withdrawals", {"nonsense": "1"}, 400, "nonsense"),
        ("/queries/withdrawls", {}, 404, "withdrawals"),
    ],
)
def test_named_query_errors_say_what_is_wrong(server, path, params, status, words):
    got, _, body = get(server.url + path, None, **params)
    assert got == status and words in body.decode()


# ---------------------------------------------------------------------------- safety
WRITES = [
    ("GET", "/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"}), None, {}),
    ("POST", "/sparql", {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, {}),
    ("POST", "/sparql", {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, {}),
    ("POST", "/sparql", {"query": "DROP ALL"}, {}),
    (
        "POST",
        "/sparql",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        {"Content-Type": "application/sparql-update"},
    ),
    ("POST", "/sparql", "DELETE WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-query"}),
    ("PUT", "/sparql", "<urn:a> <urn:b> <urn:c> .", {"Content-Type": "application/n-triples"}),
    ("DELETE", "/sparql", None, {}),
    ("PATCH", "/sparql", "x", {}),
    ("PUT", "/index.html", "<h1>defaced</h1>", {"Content-Type": "text/html"}),
    ("DELETE", "/", None, {}),
    ("POST", "/queries/withdrawals", {"update": "CLEAR ALL"}, {}),
    ("PUT", "/queries/withdrawals", "x", {}),
]


def test_every_write_is_refused_and_nothing_changes(server, graph):
    for method, path, body, headers in WRITES:
        status, _, answer = request(method, server.url + path, body, headers)
        assert 400 <= status < 500, (method, path, status)
        assert b"read-only" in answer, (method, path, answer)
    _, _, body = get(server.url + "/sparql", JSON, query="SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(graph)
    _, _, page = get(server.url + "/")
    assert b"test site" in page


def test_service_is_refused_but_a_variable_named_service_is_not(server):
    status, _, body = get(
        server.url + "/sparql",
        JSON,
        query=f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}",
    )
    assert status == 403 and b"SERVICE" in body
    status, _, body = get(
        server.url + "/sparql", JSON, query='SELECT ?service WHERE { BIND("SERVICE" AS ?service) }'
    )
    assert (
        status == 200
        and json.loads(body)["results"]["bindings"][0]["service"]["value"] == "SERVICE"
    )


def test_malformed_query_is_400_with_line_and_column(server):
    status, headers, body = request(
        "POST", server.url + "/sparql", {"query": "SELECT ?s\nWHERE { ?s ?p }"}
    )
    message = body.decode()
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert "line 2, column " in message and "WHERE { ?s ?p }" in message


@pytest.mark.parametrize(
    "content_type", ["application/sparql-query", "application/x-www-form-urlencoded"]
)
def test_request_body_over_1_mib_is_413(server, content_type):
    body = b"query=" + b"#" * (2 << 20)
    status, _, answer = request(
        "POST", server.url + "/sparql", body, {"Content-Type": content_type}
    )
    assert status == 413 and b"limit" in answer


def test_results_are_capped_at_max_rows_and_flagged(server, graph):
    assert len(graph) > MAX_ROWS
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    status, headers, body = get(server.url + "/sparql", JSON, query=everything)
    assert status == 200
    assert headers["X-Result-Truncated"] == "true" and headers["X-Result-Limit"] == str(MAX_ROWS)
    results = json.loads(body)  # still one valid W3C JSON document
    assert results["head"]["vars"] == ["s", "p", "o"]
    assert len(results["results"]["bindings"]) == MAX_ROWS
    status, headers, body = get(server.url + "/sparql", "text/csv", query=everything)
    assert headers["X-Result-Truncated"] == "true"
    assert len(list(csv.DictReader(io.StringIO(body.decode("utf-8"))))) == MAX_ROWS
    status, headers, body = get(
        server.url + "/sparql", "application/n-triples", query="CONSTRUCT WHERE { ?s ?p ?o }"
    )
    assert headers["X-Result-Truncated"] == "true"
    assert len(rdflib.Graph().parse(data=body.decode(), format="nt")) == MAX_ROWS
    status, headers, _ = get(server.url + "/sparql", JSON, query=MOTIONS)
    assert status == 200 and "X-Result-Truncated" not in headers


def test_cors_is_off_by_default(server):
    origin = {"Origin": "http://example.org"}
    status, headers, _ = request("GET", server.url + "/sparql?query=ASK%7B%7D", headers=origin)
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = request(
        "OPTIONS",
        server.url + "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in headers


def test_cors_with_an_origin(cors_server):
    origin = {"Origin": "http://example.org"}
    status, headers, _ = request("GET", cors_server.url + "/sparql?query=ASK%7B%7D", headers=origin)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://example.org"
    assert "X-Result-Truncated" in headers["Access-Control-Expose-Headers"]
    status, headers, _ = request(
        "OPTIONS",
        cors_server.url + "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "http://example.org"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _ = request(
        "GET",
        cors_server.url + "/sparql?query=ASK%7B%7D",
        headers={"Origin": "http://elsewhere.example"},
    )
    assert "Access-Control-Allow-Origin" not in headers


def test_site_query_page_and_static_files(server):
    status, headers, body = get(server.url + "/")
    assert status == 200 and b"test site" in body
    status, headers, body = get(server.url + "/query.html")
    assert status == 200 and "default-src 'self'" in headers["Content-Security-Policy"]
    assert b"static/vendor/yasgui/yasgui.min.js" in body
    status, headers, _ = get(server.url + "/static/vendor/yasgui/yasgui.min.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    connection = http.client.HTTPConnection(server.url.removeprefix("http://"), timeout=10)
    for path in (
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ):
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404, path
        assert b"root:" not in response.read()
    connection.close()


def test_binds_loopback_by_default_and_help_lists_the_options(server):
    assert "kg serve: http://127.0.0.1:" in server.log.read_text(errors="replace")
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--data", "--timeout", "--max-rows", "--site", "--cors"):
        assert option in result.output


# ---------------------------------------------------------------------------- time and load
def test_pathological_query_is_stopped_while_others_are_served(server):
    slow = {}

    def cross_join():
        started = time.monotonic()
        status, _, body = request(
            "POST",
            server.url + "/sparql",
            {"query": CROSS_JOIN},
            {"Accept": JSON},
            timeout=TIMEOUT + 30,
        )
        slow.update(status=status, body=body.decode(), seconds=time.monotonic() - started)

    thread = threading.Thread(target=cross_join)
    thread.start()
    time.sleep(0.3)
    quick = []
    while thread.is_alive():
        started = time.monotonic()
        status, _, body = get(server.url + "/sparql", JSON, query="ASK { ?m a kg:Motion }")
        quick.append((status, time.monotonic() - started, json.loads(body)["boolean"]))
        time.sleep(0.2)
    thread.join()
    print(
        f"\ncross join stopped after {slow['seconds']:.2f} s with {slow['status']}; "
        f"{len(quick)} simple queries meanwhile, slowest {max(q[1] for q in quick):.3f} s"
    )
    assert slow["status"] in (500, 503)
    assert f"exceeded {TIMEOUT} s" in slow["body"]
    assert slow["seconds"] <= TIMEOUT + 3
    assert len(quick) >= 3
    assert all(
        status == 200 and seconds < 1 and answer is True for status, seconds, answer in quick
    ), quick
    for _ in range(4):  # the killed worker has been replaced: the server keeps answering
        assert get(server.url + "/queries/motions", JSON)[0] == 200


def test_a_query_that_eats_memory_loses_its_worker_not_the_server(tmp_path):
    from kg.server import close, open_endpoint

    (tmp_path / "site").mkdir()
    server = open_endpoint(
        port=0, site=tmp_path / "site", timeout=30, workers=2, memory_limit=400 << 20
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        status, _, body = get(
            url, JSON, query="SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d LIMIT 1"
        )
        assert status == 500 and b"worker" in body
        for _ in range(3):
            assert get(url, JSON, query="ASK { ?s ?p ?o }")[0] == 200
    finally:
        server.shutdown()
        close(server)


def test_workers_have_no_network_even_if_a_service_query_got_through(tmp_path):
    """Defence in depth behind the SERVICE check: a worker given SERVICE cannot reach anything."""
    from kg import resources
    from kg.server.pool import WorkerPool
    from kg.server.workers import Job, build_store

    build_store(resources.ontology_files(), tmp_path / "store")
    pool = WorkerPool(tmp_path / "store", size=1)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    try:
        if not pool.offline:
            pytest.skip("this kernel lets no process leave the network namespace (unshare)")
        port = listener.getsockname()[1]
        answer = pool.run(
            Job(text=f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"),
            timeout=10,
        )
        assert answer.status == 500
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
        pool.close()


NAMED = [
    ("withdrawals", {}),
    ("timeline", {"from": "2025-01-01", "to": "2025-12-31"}),
    ("participation-as-of", {"date": "2025-02-28"}),
    ("events-by-actor", {"actor": "IGJ"}),
    ("statistics", {"lang": "en"}),
    ("motions", {}),
    ("recommendation-gaps", {"since": "2025-01-01", "includePlanned": "true"}),
]
RAW = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    MOTIONS,
    "ASK { ?e a kg:Withdrawal }",
    WITHDRAWALS,
]


def test_load_16_clients_25_queries_each(server, capsys):
    latencies, errors = [], []
    lock = threading.Lock()

    def client(number: int):
        for i in range(25):
            k = number * 25 + i
            started = time.monotonic()
            try:
                if k % 2:
                    name, params = NAMED[k // 2 % len(NAMED)]
                    status, _, body = get(f"{server.url}/queries/{name}", JSON, **params)
                    json.loads(body)["results"]
                else:
                    text = RAW[k // 2 % len(RAW)]
                    status, _, body = request(
                        "POST",
                        server.url + "/sparql",
                        {"query": text},
                        {"Accept": f"text/turtle, {JSON}"},
                    )
                    if text.startswith("CONSTRUCT"):
                        assert len(rdflib.Graph().parse(data=body.decode(), format="turtle"))
                    else:
                        json.loads(body)
                ok = status == 200
            except Exception as error:  # every failure counts, whatever it is
                ok, status = False, repr(error)
            with lock:
                latencies.append(time.monotonic() - started)
                if not ok:
                    errors.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    with capsys.disabled():
        print(
            f"\nload test: {len(latencies)} requests from 16 clients in {elapsed:.1f} s, "
            f"p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms, errors {len(errors)}"
        )
    assert len(latencies) == 16 * 25
    assert errors == []


# ---------------------------------------------------------------------------- browser
@pytest.mark.browser
def test_query_page_works_offline_in_chromium(server, browser):
    """In the session's one headless Chromium (`browser`, conftest.py)."""
    _use_query_page(browser, server)


def _use_query_page(browser, server):
    from playwright.sync_api import Error as PlaywrightError

    local = (server.url + "/", "data:", "blob:", "about:")
    foreign, errors = [], []

    def only_local(route):  # a request still pending when the page closes may not be routed
        with contextlib.suppress(PlaywrightError):
            if route.request.url.startswith(local):
                route.continue_()
            else:
                route.abort()

    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(local) else foreign.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", only_local)
    page.goto(server.url + "/query.html?lang=en", wait_until="load")
    page.locator(".CodeMirror").wait_for()
    assert page.locator("#kgq-pick option").count() == len(all_queries())

    page.select_option("#kgq-pick", "withdrawals")
    page.click("#kgq-run")
    cells = page.locator(".yasr table tbody tr td")
    cells.first.wait_for(timeout=15_000)
    text = page.locator(".yasr table tbody").inner_text()
    assert "Landelijk Netwerk Veilig Thuis" in text or "LNVT" in text
    assert "rows" in page.locator("#kgq-status").inner_text()

    # the editor itself: own SPARQL with a project prefix, run with the editor's own button
    page.evaluate(
        "document.querySelector('.CodeMirror').CodeMirror.setValue("
        "'SELECT ?m WHERE { ?m a kg:Motion }')"
    )
    page.click(".yasqe_queryButton")
    # (a locator, not wait_for_function: polling a string predicate is an eval, which the
    # page's Content-Security-Policy rightly forbids)
    page.locator(".yasr table tbody tr").nth(4).wait_for(timeout=15_000)
    assert "motion" in page.locator(".yasr table tbody").inner_text().lower()
    context.close()
    assert foreign == []
    assert errors == []


def test_a_missing_site_is_built_from_the_endpoint_store_without_parsing_again(
    tmp_path, monkeypatch
):
    from pathlib import Path

    from kg import files, store
    from kg.server import close, open_endpoint

    fixture = Path(__file__).parent / "fixtures" / "views-mini.ttl"
    opened: list[str] = []
    reading = files.reading

    def counted(path):
        opened.append(Path(path).name)
        return reading(path)

    monkeypatch.setattr(files, "reading", counted)  # every RDF file read goes through it
    monkeypatch.setattr(store, "reading", counted)
    server = open_endpoint([fixture], port=0, site=tmp_path / "site", workers=1)
    try:
        assert server.settings.site == tmp_path / "site"
        page = (tmp_path / "site" / "recommendations.html").read_text(encoding="utf-8")
        assert "MDA++" in page  # a label of the data, not only of the ontology
        assert opened.count(fixture.name) == 1  # read once, into the workers' store
    finally:
        close(server)
