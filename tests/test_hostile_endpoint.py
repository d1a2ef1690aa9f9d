"""`kg serve` and `kg query` against hostile and careless input (issue 16, the endpoint half).

Every case talks to a real server over a real socket: raw bytes where http.client would refuse
to send them. Statuses and messages are asserted, and after each attack that the server still
answers a normal query.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from servers import free_port, serve_command, wait_until_answering

from kg.errors import QuerySyntaxError
from kg.limits import MAX_CHAIN, MAX_DEPTH, check_nesting, nesting

pytestmark = pytest.mark.server

ASK = "ASK { ?m a kg:Motion }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DEEP_BRACES = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
DEEP_PARENS = "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"


@contextlib.contextmanager
def endpoint(tmp_path: Path, **options):
    """An in-process endpoint on a free port with short connection deadlines."""
    from kg.server import close, open_endpoint

    (tmp_path / "site").mkdir(exist_ok=True)
    options = {"workers": 2, "timeout": 5, "idle_timeout": 1.0, "request_timeout": 2.0, **options}
    server = open_endpoint(port=0, site=tmp_path / "site", **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        close(server)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with endpoint(tmp_path_factory.mktemp("hostile")) as server:
        yield server


def exchange(server, data: bytes, *, shut: bool = True, timeout: float = 20) -> tuple[int, bytes]:
    """Send raw bytes on a new connection; return the status and body of the first answer.

    Status 0: the server closed the connection without an answer.
    """
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout) as sock:
        with contextlib.suppress(OSError):  # the server may answer and close before all is sent
            sock.sendall(data)
            if shut:
                sock.shutdown(socket.SHUT_WR)
        received = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(1 << 16):
                received += chunk
    if not received:
        return 0, b""
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def post(body: bytes, *headers: str) -> bytes:
    lines = [
        "POST /sparql HTTP/1.1",
        "Host: test",
        "Content-Type: application/sparql-query",
        "Accept: application/sparql-results+json",
        "Connection: close",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def answers(server) -> bool:
    """Whether the server still answers an ordinary query correctly."""
    status, body = exchange(server, post(ASK.encode(), f"Content-Length: {len(ASK)}"))
    return status == 200 and json.loads(body)["boolean"] is True


# ---------------------------------------------------------------------------- framing
@pytest.mark.parametrize(
    ("headers", "status", "words"),
    [
        (["Content-Length: -1"], 400, "non-negative"),
        (["Content-Length: 22", "Content-Length: 22"], 400, "2 Content-Length"),
        (["Content-Length: 5", "Content-Length: 22"], 400, "2 Content-Length"),
        (["Content-Length: +22"], 400, "non-negative"),
        (["Content-Length: 0x16"], 400, "non-negative"),
        (["Content-Length: 22", "Transfer-Encoding: chunked"], 400, "both"),
        (["Transfer-Encoding: gzip, chunked"], 501, "gzip"),
        (["Content-Length: 99999999999999"], 413, "limit"),
    ],
)
def test_doubtful_framing_is_refused_before_the_body_is_read(live, headers, status, words):
    # 4 MiB follow the headers and the client does not stop sending: an answer proves that
    # the server did not wait for (or read) them
    got, body = exchange(live, post(ASK.encode() + b"#" * (4 << 20), *headers), shut=False)
    assert got == status and words in body.decode(), (got, body)
    assert answers(live)


def test_a_negative_length_with_a_large_body_costs_no_memory(live):
    before = _rss(os.getpid())
    for _ in range(3):
        got, _ = exchange(live, post(b"#" * (32 << 20), "Content-Length: -1"), shut=False)
        assert got == 400
    assert _rss(os.getpid()) - before < 32 << 20
    assert answers(live)


def test_a_chunked_body_is_read_up_to_the_limit(live):
    chunks = (
        b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (b"ASK { ?m ", b"a kg:Motion }"))
        + b"0\r\n\r\n"
    )
    got, body = exchange(live, post(chunks, "Transfer-Encoding: chunked"))
    assert got == 200 and json.loads(body)["boolean"] is True
    big = b"100000\r\n" + b"#" * 0x100000 + b"\r\n" + b"10\r\n" + b"#" * 16 + b"\r\n0\r\n\r\n"
    got, body = exchange(live, post(big, "Transfer-Encoding: chunked"))
    assert got == 413 and b"limit" in body
    got, body = exchange(live, post(b"zz\r\nASK {}\r\n0\r\n\r\n", "Transfer-Encoding: chunked"))
    assert got == 400 and b"chunk size" in body
    assert answers(live)


def test_a_post_without_length_is_411(live):
    got, body = exchange(live, post(ASK.encode()))
    assert got == 411 and b"Content-Length" in body


def test_a_body_shorter_than_its_length_is_400(live):
    got, body = exchange(live, post(ASK.encode(), f"Content-Length: {len(ASK) + 10}"))
    assert got == 400 and b"Content-Length" in body


def test_a_get_with_a_body_does_not_poison_the_connection(live):
    request = (
        "GET /sparql?query=" + urllib.parse.quote(ASK) + " HTTP/1.1\r\nHost: t\r\n"
        "Accept: application/sparql-results+json\r\nContent-Length: 20\r\n\r\n"
    ).encode()
    smuggled = b"DELETE / HTTP/1.1\r\n\r\n"[:20]
    with socket.create_connection(("127.0.0.1", live.server_address[1]), 10) as sock:
        sock.sendall(request + smuggled + request)
        sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(1 << 16):
            received += chunk
    assert received.count(b"HTTP/1.1 200 OK") == 2 and b"405" not in received


@pytest.mark.parametrize(
    "path", ["/" + "a" * 6000, "/" + "b" * 300, "/static/" + "c" * 1500, "/%00x", "/a%00/b"]
)
def test_long_or_odd_static_paths_are_404_or_414_never_500(live, path):
    got, _ = exchange(live, f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
    assert got in (404, 414)
    assert answers(live)


# ---------------------------------------------------------------------------- deadlines
def test_a_client_trickling_its_headers_is_cut_at_the_request_timeout(live):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", live.server_address[1]), 10) as sock:
        sock.sendall(b"GET /queries.json HTTP/1.1\r\n")
        cut = False
        while time.monotonic() - started < 10:
            time.sleep(0.3)
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                cut = True
                break
        assert cut, "the trickling client was still connected after 10 s"
    # request_timeout is 2 s; the cut is noticed at the next send
    assert time.monotonic() - started < 4
    assert answers(live)


def test_an_idle_kept_alive_connection_is_closed(live):
    with socket.create_connection(("127.0.0.1", live.server_address[1]), 10) as sock:
        sock.sendall(b"GET /queries.json HTTP/1.1\r\nHost: t\r\n\r\n")
        started = time.monotonic()
        received = b""
        while chunk := sock.recv(1 << 16):  # the answer, then the end after idle_timeout
            received += chunk
        assert received.startswith(b"HTTP/1.1 200") and time.monotonic() - started < 5


def test_connections_beyond_the_limit_get_503_and_the_others_go_on(tmp_path):
    with endpoint(tmp_path, workers=1, idle_timeout=5.0) as server:
        server.max_connections = 4
        port = server.server_address[1]
        held = [socket.create_connection(("127.0.0.1", port), 10) for _ in range(4)]
        try:
            time.sleep(0.3)
            got, body = exchange(server, b"GET /queries.json HTTP/1.1\r\nHost: t\r\n\r\n")
            assert got == 503 and b"too many connections" in body
        finally:
            for sock in held:
                sock.close()
        time.sleep(0.3)
        assert answers(server)


# ---------------------------------------------------------------------------- graph IRIs
@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("default-graph-uri", "bad iri"),
        ("named-graph-uri", "><"),
        ("default-graph-uri", "relative/path"),
    ],
)
def test_malformed_graph_iris_are_400_and_no_worker_dies(live, param, value):
    pids = _worker_pids(live)
    query = urllib.parse.urlencode({"query": ASK, param: value})
    got, body = exchange(
        live, f"GET /sparql?{query} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode()
    )
    assert got == 400 and param in body.decode()
    assert answers(live) and _worker_pids(live) == pids
    probe = "ASK { ?s ?p ?o }" if param == "default-graph-uri" else "ASK { GRAPH ?g { ?s ?p ?o } }"
    query = urllib.parse.urlencode({"query": probe, param: "urn:x:nothing"})
    got, body = exchange(
        live,
        f"GET /sparql?{query} HTTP/1.1\r\nHost: t\r\nAccept: "
        "application/sparql-results+json\r\nConnection: close\r\n\r\n".encode(),
    )
    assert got == 200 and json.loads(body)["boolean"] is False  # a well-formed IRI is run


# ---------------------------------------------------------------------------- nesting
@pytest.mark.parametrize(
    "text",
    [
        DEEP_BRACES,
        DEEP_PARENS,
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 2000 + "}",
        "SELECT * WHERE { ?s " + "/".join(["kg:p"] * 3000) + " ?o }",
    ],
)
def test_deep_queries_are_a_400_naming_the_place_and_no_worker_dies(live, text):
    pids = _worker_pids(live)
    got, body = exchange(live, post(text.encode(), f"Content-Length: {len(text)}"))
    assert got == 400 and b"line 1, column " in body and b"nest" in body
    assert answers(live) and _worker_pids(live) == pids


def test_nesting_scan_ignores_strings_iris_and_comments():
    hidden = (
        'SELECT * WHERE { ?s ?p "' + "{" * 500 + '" . ?s ?p <urn:' + "(" * 300 + "> "
        "# " + "[" * 900 + "\n FILTER(?o != '''" + "/" * 900 + "''') }"
    )
    check_nesting(hidden)
    assert nesting(hidden)[0] == 2
    check_nesting("SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH)
    with pytest.raises(QuerySyntaxError, match=r"line 2, column 207: brackets nest more than 200"):
        check_nesting("SELECT *\nWHERE " + "{" * 300)
    chained = "SELECT * WHERE { FILTER(" + " || ".join(["true"] * (MAX_CHAIN + 1)) + ") }"
    with pytest.raises(QuerySyntaxError, match="chained operators"):
        check_nesting(chained)


def test_every_named_query_is_far_below_the_limits():
    from kg.registry import all_queries

    for query in all_queries():
        depth, chain, offset = nesting(query.text)
        assert offset == -1 and depth < MAX_DEPTH / 10 and chain < MAX_CHAIN / 10, query.name


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("text", [DEEP_BRACES, DEEP_PARENS])
def test_kg_query_refuses_deep_nesting_with_exit_2(tmp_path, backend, text):
    path = tmp_path / "deep.rq"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "--file", str(path), "--backend", backend],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "line 1, column " in done.stderr and "Traceback" not in done.stderr


def test_rdflib_recursion_is_a_clear_error_not_a_traceback(tmp_path):
    path = tmp_path / "forty.rq"  # within kg's limit, beyond what rdflib's parser manages
    path.write_text("SELECT * WHERE " + "{" * 100 + "}" * 100, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "--file", str(path), "--backend", "rdflib"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "rdflib" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------------------- workers
def test_a_worker_killed_while_idle_is_replaced_before_it_gets_work(tmp_path):
    with endpoint(tmp_path) as server:
        victims = _worker_pids(server)
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        statuses = [
            exchange(server, post(ASK.encode(), f"Content-Length: {len(ASK)}"))[0]
            for _ in range(10)
        ]
        assert statuses == [200] * 10
        assert not victims & _worker_pids(server)


def test_a_worker_that_dies_mid_query_is_named_with_its_cause(live):
    results = {}

    def slow():
        text = CROSS_JOIN.encode()
        results["slow"] = exchange(live, post(text, f"Content-Length: {len(text)}"))

    before = _worker_pids(live)
    thread = threading.Thread(target=slow)
    thread.start()
    deadline = time.monotonic() + 10
    busy = set()
    while not busy and time.monotonic() < deadline:  # the worker that took the query
        time.sleep(0.05)
        busy = {pid for pid in _worker_pids(live) if _cpu_busy(pid)} & before
    assert busy, "no worker started on the query"
    os.kill(busy.pop(), signal.SIGSEGV)
    thread.join(30)
    status, body = results["slow"]
    assert status == 500 and b"SIGSEGV" in body
    assert answers(live)


def test_cheap_queries_are_answered_while_runaway_queries_loop(tmp_path):
    """Functional only: the fairness figure is benchmarks/fairness.py's."""
    with endpoint(tmp_path, timeout=2, slow_after=0.3) as server:
        stop = threading.Event()
        runaway = []

        def loop():
            while not stop.is_set():
                text = CROSS_JOIN.encode()
                runaway.append(exchange(server, post(text, f"Content-Length: {len(text)}"))[0])

        threads = [threading.Thread(target=loop) for _ in range(2)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(1)
            cheap = [answers(server) for _ in range(40)]
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
        assert all(cheap)
        assert runaway and set(runaway) == {503}


def test_with_every_long_slot_taken_a_query_gets_the_shorter_limit(tmp_path):
    from kg import resources
    from kg.server.pool import WorkerPool
    from kg.server.workers import Job, build_store

    build_store(resources.ontology_files() + resources.data_files(None), tmp_path / "store")
    pool = WorkerPool(tmp_path / "store", size=2, slow_after=0.2, max_long=1, busy_timeout=1)
    answers = {}

    def run(name):
        answers[name] = pool.run(Job(text=CROSS_JOIN), timeout=4)

    try:
        threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        texts = sorted(a.body.decode() for a in answers.values())
        assert [a.status for a in answers.values()] == [503, 503]
        assert "exceeded 1 s (the limit while 1 long queries run)" in texts[0]
        assert "exceeded 4 s and was stopped" in texts[1]
        assert pool.run(Job(text=ASK), timeout=4).status == 200
    finally:
        pool.close()


def test_a_long_query_that_finishes_is_answered_and_its_worker_returns(tmp_path):
    from kg import resources
    from kg.server.pool import WorkerPool
    from kg.server.workers import Job, build_store

    build_store(resources.ontology_files() + resources.data_files(None), tmp_path / "store")
    pool = WorkerPool(tmp_path / "store", size=1, slow_after=0.01)
    try:
        # a query that takes longer than 0.01 s: promoted, answered, its worker kept or retired
        answer = pool.run(
            Job(text="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a kg:Motion }"), timeout=30
        )
        assert answer.status == 200 and json.loads(answer.body)["results"]["bindings"]
        assert pool.long_running == 0
        for _ in range(5):
            assert pool.run(Job(text=ASK), timeout=30).status == 200
        time.sleep(1)
        with pool._lock:
            alive = [p for p in pool._processes if p.poll() is None]
        assert len(alive) <= pool.size + pool.spare_count  # no worker is leaked
    finally:
        pool.close()


# ---------------------------------------------------------------------------- killed serve
def test_a_killed_serve_leaves_nothing_at_the_next_start(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    (tmp_path / "site").mkdir()

    def start():
        port = free_port()
        process = subprocess.Popen(
            serve_command(port, tmp_path / "site", "--workers", "1"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until_answering(f"http://127.0.0.1:{port}/queries.json", process, 60)
        return process

    first = start()
    left = list(tmp_path.glob("kg-serve-*"))
    assert [p.name.split("-")[2] for p in left] == [str(first.pid)]
    first.kill()
    first.wait()
    time.sleep(0.5)  # its workers die with it (PR_SET_PDEATHSIG)
    assert left[0].exists()  # what the issue saw: the store stays behind
    second = start()
    try:
        assert not left[0].exists()
        assert [p.name.split("-")[2] for p in tmp_path.glob("kg-serve-*")] == [str(second.pid)]
    finally:
        second.terminate()
        second.wait(30)
    assert list(tmp_path.glob("kg-serve-*")) == []


# ---------------------------------------------------------------------------- fuzzing
_TOKENS = st.sampled_from(
    [
        "GET",
        "POST",
        "HEAD",
        "PUT",
        "OPTIONS",
        "BREW",
        "/sparql",
        "/queries/withdrawals",
        "/queries.json",
        "/../etc/passwd",
        "/%ff",
        "?query=",
        "ASK%20%7B%7D",
        "&default-graph-uri=",
        "%3E",
        "HTTP/1.1",
        "HTTP/1.0",
        "HTTP/9",
        " ",
        "\r\n",
        "\n",
        ":",
        "Content-Length",
        "Transfer-Encoding",
        "chunked",
        "-1",
        "0",
        "10",
        "Expect",
        "100-continue",
        "Content-Type",
        "application/sparql-query",
        "application/x-www-form-urlencoded",
        "query=",
        "{",
        "(",
        "\x00",
        "é",
        "\t",
    ]
)
_REQUESTS = st.one_of(
    st.lists(_TOKENS, max_size=40).map(lambda parts: "".join(parts).encode("utf-8")),
    st.binary(max_size=300),
    st.builds(
        lambda method, path, headers, body: (
            (
                f"{method} {path} HTTP/1.1\r\n"
                + "".join(f"{k}: {v}\r\n" for k, v in headers)
                + "\r\n"
            ).encode("utf-8", "surrogatepass")
            + body
        ),
        st.sampled_from(["GET", "POST", "HEAD", "OPTIONS"]),
        st.sampled_from(["/sparql", "/sparql?query=ASK%7B%7D", "/", "/queries/motions"]),
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["Content-Length", "Transfer-Encoding", "Content-Type", "Accept", "Connection"]
                ),
                st.text(st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=30),
            ),
            max_size=5,
        ),
        st.binary(max_size=200),
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=_REQUESTS)
def test_fuzzed_requests_never_get_a_5xx(live, data):
    status, body = exchange(live, data, timeout=10)
    assert status < 500 or status in (501, 505), (status, body[:300])


def test_the_server_is_whole_after_the_fuzzing(live):
    assert answers(live)
    assert len(_worker_pids(live)) >= 2


# ---------------------------------------------------------------------------- helpers
def _worker_pids(server) -> set[int]:
    with server.pool._lock:
        return {p.pid for p in server.pool._processes if p.poll() is None}


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _cpu_busy(pid: int) -> bool:
    """Whether a thread of process `pid` is running on a CPU now (state R)."""
    try:
        return any(
            stat.read_text().rsplit(")", 1)[1].split()[0] == "R"
            for stat in Path(f"/proc/{pid}/task").glob("*/stat")
        )
    except OSError:
        return False
