"""Query worker processes over one on-disk Oxigraph store: run, cap, serialize, or be killed.

Each worker opens the store read-only (RocksDB files shared through the page cache, so a new
worker is ready in a fraction of a second whatever the size of the graph) and answers one job at
a time over a pipe. A job that overruns its time is not asked to stop: its worker is killed and
replaced (kg.server.pool), which is the only way to stop a pyoxigraph query that is already running.

A job never ends a worker by itself: every error becomes an answer, and queries run on a thread
with a 64 MiB stack, eight times the default, as a margin behind kg.limits' nesting check.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import logging
import signal
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg import formats, sparql
from kg.errors import ParameterError, QuerySyntaxError, UnknownQuery
from kg.namespaces import PREFIXES

log = logging.getLogger("kg.server")


@dataclass(frozen=True)
class Job:
    """A query to run: SPARQL text, or a named query with its parameters as given."""

    text: str = ""
    # names in kg.formats: json, xml, csv, tsv; ttl, jsonld, nt, rdfxml — None: the client
    # accepts none of them
    result_format: str | None = "json"
    graph_format: str | None = "ttl"
    max_rows: int = 10_000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    named: str | None = None  # run this named query (text is then ignored)
    params: tuple[tuple[str, str], ...] = ()
    sparql_only: bool = False  # give back the bound SPARQL text, do not run it


@dataclass
class Answer:
    status: int
    body: bytes
    kind: str = "error"  # "results", "graph" or "error"
    truncated: bool = False
    headers: dict = field(default_factory=dict)


def build_store(files, location: Path) -> int:
    """Load `files` into a new on-disk store at `location`; return the number of triples.

    Parsing goes through kg.files.read_quads, so a bad file is named as `kg query` names it.
    """
    import pyoxigraph as ox

    from kg.files import read_quads

    store = ox.Store(str(location))
    for path in files:
        store.bulk_extend(read_quads([path]))
    store.optimize()
    count = len(store)
    store.flush()
    del store
    gc.collect()  # close RocksDB before the read-only workers open it
    return count


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
    try:
        conn.send(("ready", offline))
    except OSError:  # the server is gone already
        return
    threading.stack_size(QUERY_STACK)
    thread = threading.Thread(target=_answer_jobs, args=(conn, store), name="kg-query")
    thread.start()
    thread.join()


QUERY_STACK = 64 << 20


def _answer_jobs(conn, store) -> None:
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = execute(store, job)
        except Exception as error:  # whatever the job does, the worker lives on to say so
            answer = Answer(500, _text(f"query failed: {type(error).__name__}: {error}"))
        conn.send(answer)


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
        offline = libc.unshare(clone_newnet) == 0 or libc.unshare(clone_newuser | clone_newnet) == 0
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
    options: dict[str, Any] = {"prefixes": PREFIXES}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
        if job.named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    except ValueError as error:  # the front checks them too (protocol.check_graph_iris)
        return Answer(400, _text(f"not an absolute IRI: {error}"))
    try:
        result = store.query(text, **options)
        if isinstance(result, ox.QueryBoolean):
            if job.result_format is None:
                return _not_acceptable("results")
            # pyoxigraph's stub lacks the overload: without an output, serialize returns bytes
            body = result.serialize(format=formats.result(job.result_format).ox())
            return Answer(200, body, "results")  # type: ignore[arg-type]
        if isinstance(result, ox.QueryTriples):
            if job.graph_format is None:
                return _not_acceptable("graph")
            triples = list(itertools.islice(result, job.max_rows + 1))
            # (the same stub: bytes here, not None)
            body = ox.serialize(
                triples[: job.max_rows],
                format=formats.rdf(job.graph_format).ox(),
                prefixes=PREFIXES if job.graph_format == "ttl" else None,
            )
            return Answer(
                200,
                body,  # type: ignore[arg-type]
                "graph",
                truncated=len(triples) > job.max_rows,
            )
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
    # pyoxigraph's stub lacks the overload: without an output, serialize returns bytes
    return parsed.serialize(format=formats.result(fmt).ox())  # type: ignore[return-value]


def _not_acceptable(kind: str) -> Answer:
    offered = formats.RESULTS if kind == "results" else formats.GRAPH
    return Answer(
        406,
        _text(
            "none of the requested media types is available for this query; "
            "use one of " + ", ".join(f.media_type for f in offered)
        ),
    )


if __name__ == "__main__":  # python -m kg.server.workers FD STORE MEMORY_LIMIT (see WorkerPool)
    # run the module's importable copy, so that what is pickled names kg.server.workers
    from kg.server.workers import _worker_main as main

    main(Connection(int(sys.argv[1])), sys.argv[2], int(sys.argv[3]) or None)
