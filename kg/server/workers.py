"""Query worker processes over one on-disk Oxigraph store: run, cap, serialize, or be killed.

Each worker opens the store read-only (RocksDB files shared through the page cache, so a new
worker is ready in a fraction of a second whatever the size of the graph) and answers one job at
a time over a pipe. A job that overruns its time is not asked to stop: its worker is killed and
replaced, which is the only way to stop a pyoxigraph query that is already running.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import logging
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from kg import sparql
from kg.errors import KgError, ParameterError, QuerySyntaxError, UnknownQuery
from kg.namespaces import PREFIXES

log = logging.getLogger("kg.server")


@dataclass(frozen=True)
class Job:
    """A query to run: SPARQL text, or a named query with its parameters as given."""

    text: str = ""
    result_format: str | None = "json"   # json, xml, csv, tsv — None: the client accepts none
    graph_format: str | None = "turtle"  # turtle, jsonld, ntriples, rdfxml
    max_rows: int = 10_000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    named: str | None = None             # run this named query (text is then ignored)
    params: tuple[tuple[str, str], ...] = ()
    sparql_only: bool = False            # give back the bound SPARQL text, do not run it


@dataclass
class Answer:
    status: int
    body: bytes
    kind: str = "error"          # "results", "graph" or "error"
    truncated: bool = False
    headers: dict = field(default_factory=dict)


def build_store(files, location: Path) -> int:
    """Load `files` into a new on-disk store at `location`; return the number of triples.

    Parsing goes through kg.store.read_quads, so a bad file is named as `kg query` names it.
    """
    import pyoxigraph as ox

    from kg.store import read_quads

    store = ox.Store(str(location))
    for path in files:
        store.bulk_extend(read_quads([path]))
    store.optimize()
    count = len(store)
    store.flush()
    del store
    gc.collect()  # close RocksDB before the read-only workers open it
    return count


class WorkerPool:
    """`size` worker processes over the store at `location`; run() hands a job to a free one."""

    def __init__(self, location: Path, size: int = 2, memory_limit: int | None = None):
        self.location = str(location)
        self.size = size
        self.memory_limit = memory_limit
        self._idle: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._processes: set = set()
        self._closed = False
        self.offline = True  # every worker runs without a network (see _isolate)
        # Every worker is started by one long-lived thread: a worker asks the kernel to kill it
        # when the thread that started it ends (PR_SET_PDEATHSIG), so that thread must stay.
        self._launcher = ThreadPoolExecutor(1, thread_name_prefix="kg-worker-launcher")
        started = [self._launcher.submit(self._start).result() for _ in range(size)]
        try:
            for worker in started:
                self._idle.put(self._ready(worker))
        except KgError:
            self.close()
            raise

    def _start(self):
        """Start one worker: a fresh interpreter (never a fork of this threaded server) that
        talks over a socket pair with multiprocessing's message framing."""
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg.server.workers", str(theirs.fileno()), self.location,
                 str(self.memory_limit or 0)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        with self._lock:
            self._processes.add(process)
        return process, Connection(ours.detach())

    def _ready(self, worker, wait: float = 60.0):
        """Return `worker` once it has opened the store; raise KgError if it could not."""
        _process, conn = worker
        if conn.poll(wait):
            try:
                message = conn.recv()
            except EOFError:
                message = ("failed", "the worker process exited")
            if message[0] == "ready":
                self.offline = self.offline and message[1]
                return worker
        else:
            message = ("failed", f"no answer within {wait:g} s")
        self._kill(worker)
        raise KgError(f"a query worker could not open the store: {message[1]}")

    def _kill(self, worker) -> None:
        process, conn = worker
        conn.close()
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)
        with self._lock:
            self._processes.discard(process)

    def _replace(self, worker) -> None:
        """Kill `worker` now and have the launcher start its successor."""
        self._kill(worker)
        if not self._closed:
            self._launcher.submit(self._successor)

    def _successor(self) -> None:
        for attempt in range(3):
            try:
                fresh = self._ready(self._start())
                break
            except (KgError, OSError) as error:
                log.error("could not replace a query worker (attempt %d): %s", attempt + 1, error)
                time.sleep(1 + attempt)
        else:
            return
        if self._closed:
            self._kill(fresh)
        else:
            self._idle.put(fresh)

    def run(self, job: Job, timeout: float, wait: float | None = None) -> Answer:
        """Return the Answer to `job`; a worker that needs more than `timeout` s is killed."""
        try:
            worker = self._idle.get(timeout=timeout if wait is None else wait)
        except queue.Empty:
            return Answer(503, _text(f"all {self.size} query workers are busy; try again"),
                          headers={"Retry-After": "2"})
        process, conn = worker
        try:
            conn.send(job)
            if not conn.poll(timeout):
                log.warning("query exceeded %g s: worker %s killed", timeout, process.pid)
                self._replace(worker)
                return Answer(503, _text(f"query exceeded {timeout:g} s and was stopped"),
                              headers={"Retry-After": "5"})
            answer = conn.recv()
        except (EOFError, OSError):
            log.error("query worker %s stopped (exit code %s)", process.pid, process.poll())
            self._replace(worker)
            return Answer(500, _text("the query stopped its worker process (out of memory?); "
                                     "the worker was replaced"))
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        self._launcher.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            if process.poll() is None:
                process.kill()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)


def _text(message: str) -> bytes:
    return (message.rstrip("\n") + "\n").encode("utf-8")


def _worker_main(conn, location: str, memory_limit: int | None) -> None:
    """Open the store read-only and answer jobs until the connection closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which kills us
    offline = _isolate(memory_limit)
    try:
        import pyoxigraph as ox

        store = ox.Store.read_only(location)
    except Exception as error:  # the parent reports it; a traceback here helps nobody
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", offline))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, job))


def prepare(store, name: str, params: dict) -> str:
    """Return the SPARQL of named query `name` with its parameters checked, resolved and bound.

    The same steps as `kg query NAME --param`: KnowledgeGraph.prepare types the values and
    resolves actor and programme names to IRIs (by querying this store), and kg.store binds
    them as RDF terms in a VALUES block.
    """
    from kg.store import KnowledgeGraph, OxigraphBackend

    return KnowledgeGraph(OxigraphBackend(store=store), []).bound_sparql(name, **params)


def _isolate(memory_limit: int | None) -> bool:
    """Die with the parent, lose the network, and cap memory — where the OS allows each.

    Return whether the network is gone.
    """
    offline = False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: no orphan keeps burning a core
        clone_newuser, clone_newnet = 0x10000000, 0x40000000
        # a network namespace of our own has no interfaces: SERVICE cannot reach anything
        offline = (libc.unshare(clone_newnet) == 0
                   or libc.unshare(clone_newuser | clone_newnet) == 0)
    except (OSError, AttributeError):
        pass
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):
            pass
    return offline


def execute(store, job: Job) -> Answer:
    """Run `job` on `store`; return its serialized results capped at job.max_rows."""
    import pyoxigraph as ox

    text = job.text
    if job.named:
        try:
            text = prepare(store, job.named, dict(job.params))
        except UnknownQuery as error:
            return Answer(404, _text(str(error)))
        except (ParameterError, QuerySyntaxError) as error:
            return Answer(400, _text(str(error)))
        if job.sparql_only:
            return Answer(200, text.encode("utf-8"), "sparql")
    options = {"prefixes": PREFIXES}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    try:
        result = store.query(text, **options)
        if isinstance(result, ox.QueryBoolean):
            if job.result_format is None:
                return _not_acceptable("results")
            body = result.serialize(format=_format("results", job.result_format))
            return Answer(200, body, "results")
        if isinstance(result, ox.QueryTriples):
            if job.graph_format is None:
                return _not_acceptable("graph")
            triples = list(itertools.islice(result, job.max_rows + 1))
            body = ox.serialize(triples[: job.max_rows], format=_format("graph", job.graph_format),
                                **({"prefixes": PREFIXES} if job.graph_format == "turtle" else {}))
            return Answer(200, body, "graph", truncated=len(triples) > job.max_rows)
        if job.result_format is None:
            return _not_acceptable("results")
        names = [v.value for v in result.variables]
        rows = list(itertools.islice(result, job.max_rows + 1))
        body = _serialize_solutions(names, rows[: job.max_rows], job.result_format)
        return Answer(200, body, "results", truncated=len(rows) > job.max_rows)
    except SyntaxError as error:
        return Answer(400, _text(str(sparql.from_oxigraph_error(text, error))))
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        return Answer(500, _text(f"query failed: {error}"))


def _serialize_solutions(names: list[str], rows: list, fmt: str) -> bytes:
    """Return `rows` in a W3C results format, written by Oxigraph's own serializers.

    The rows are kept as TSV (one line each: terms in N-Triples syntax, which escapes tabs and
    newlines) and parsed back, because pyoxigraph only serializes whole result iterators.
    """
    import pyoxigraph as ox

    lines = ["\t".join("?" + name for name in names)]
    for row in rows:
        lines.append("\t".join("" if row[i] is None else str(row[i]) for i in range(len(names))))
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=_format("results", fmt))


def _not_acceptable(kind: str) -> Answer:
    from kg.server.protocol import GRAPH_FORMATS, RESULT_FORMATS

    offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    return Answer(406, _text("none of the requested media types is available for this query; "
                             "use one of " + ", ".join(f.media_type for f in offered)))


def _format(kind: str, key: str):
    """Return pyoxigraph's constant for our format key (pyoxigraph is imported late: see
    _isolate, which must run before any library starts a thread)."""
    import pyoxigraph as ox

    if kind == "results":
        return getattr(ox.QueryResultsFormat, key.upper())
    return getattr(ox.RdfFormat, {"turtle": "TURTLE", "jsonld": "JSON_LD",
                                  "ntriples": "N_TRIPLES", "rdfxml": "RDF_XML"}[key])


if __name__ == "__main__":  # python -m kg.server.workers FD STORE MEMORY_LIMIT (see WorkerPool)
    # run the module's importable copy, so that what is pickled names kg.server.workers
    from kg.server.workers import _worker_main as main

    main(Connection(int(sys.argv[1])), sys.argv[2], int(sys.argv[3]) or None)
