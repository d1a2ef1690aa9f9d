"""`kg serve`: a read-only SPARQL 1.1 endpoint, the built site and a query page, on one port.

    >>> from kg.server import serve
    >>> serve(port=8000, timeout=10, max_rows=10_000)     # blocks; Ctrl-C stops it

Design: a standard-library ThreadingHTTPServer in front of a small pool of worker processes,
each holding the same on-disk Oxigraph store opened read-only (design (a) of the issue).

Why not the real Oxigraph server (`oxigraph serve-read-only --timeout-s N`) behind a proxy?
Because its timeout does not stop a running query: with 0.5.13, `--timeout-s 2` and the
four-way cross join `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }`
over the seed graph, the server kept a core busy for more than ten minutes and never answered.
On a 2-core machine two such requests take the whole machine. A query in a worker process can
always be stopped: at the deadline the front kills the process (SIGKILL) and answers 503, and a
fresh worker takes its place. Other clients keep being served by the other workers meanwhile.

Why an on-disk store rather than a copy in each worker's memory? The data is parsed once (with
the same file:line:column errors as `kg query`) into a RocksDB store in a temporary folder;
each worker opens it read-only, which takes milliseconds whatever the size, and the workers share
the operating system's page cache. At the 1M triples the project aims for, a killed worker is
replaced at once instead of re-parsing the data, and memory does not grow with the number of
workers. It also keeps the dependency list as it is: pyoxigraph, no server binary.

Safety: binds 127.0.0.1 unless told otherwise; SPARQL Update and SERVICE are refused before a
worker sees the query and the store is read-only anyway; PUT, DELETE and PATCH answer 405; bodies
over 1 MiB answer 413; results are capped at `max_rows` (flagged by `X-Result-Truncated: true`,
the body stays a valid W3C document); each worker dies with the server, runs without a network
namespace where Linux allows it, and has a data-size limit so a runaway query cannot take the
machine's memory; CORS is off unless an origin is given. Request framing and per-connection
deadlines: kg.server.framing; nesting depth: kg.limits; dead workers and fair service:
kg.server.pool.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from kg.errors import KgError

__all__ = ["open_endpoint", "serve"]

log = logging.getLogger("kg.server")


def open_endpoint(
    data=None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    site="site",
    cors=(),
    workers: int | None = None,
    max_body: int = 1 << 20,
    memory_limit: int | None = None,
    idle_timeout: float = 15.0,
    request_timeout: float = 30.0,
    slow_after: float = 0.25,
):
    """Return a bound, not yet serving EndpointServer; call serve_forever() then close().

    `data` is as for kg.load (files or folders; default data/), the ontology always comes along.
    `site` is the folder served at / : built with kg.views.build_site when it does not exist.
    A connection waiting for a request is closed after `idle_timeout` s, and a request must
    arrive whole within `request_timeout` s; a query running past `slow_after` s is a long
    one (see kg.server.pool: fair service).
    """
    from kg import resources
    from kg.server.app import EndpointServer, Settings
    from kg.server.pages import named_queries, no_site_page, query_pages
    from kg.server.pool import WorkerPool
    from kg.server.workers import build_store

    if timeout <= 0 or max_rows <= 0:
        raise KgError("--timeout and --max-rows must be positive")
    files = resources.ontology_files() + resources.data_files(data)
    scratch, lock = _scratch()
    pool = None
    try:
        triples = build_store(files, scratch / "store")
        site_dir, reason = _site(Path(site), scratch / "store", files)
        queries = named_queries()
        settings = Settings(
            timeout=timeout,
            max_rows=max_rows,
            max_body=max_body,
            idle_timeout=idle_timeout,
            request_timeout=request_timeout,
            cors=tuple(_origins(cors)),
            site=site_dir,
            query_pages=query_pages(queries, timeout=timeout, max_rows=max_rows),
            index_page=no_site_page(Path(site), reason, len(queries)),
        )
        size = workers or max(2, os.cpu_count() or 2)
        # up to `size` workers, a spare and `size` long queries' workers at once
        pool = WorkerPool(
            scratch / "store",
            size,
            memory_limit if memory_limit is not None else _memory_limit(2 * size + 1),
            slow_after=slow_after,
        )
        try:
            server = EndpointServer((host, port), pool, settings)
        except OSError as error:
            raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(scratch, ignore_errors=True)
        lock.close()
        raise
    server.scratch, server.scratch_lock = scratch, lock
    server.triples = triples
    return server


def serve(data=None, **options) -> None:
    """Serve the endpoint until interrupted (Ctrl-C or SIGTERM); `options` as for open_endpoint."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    server = open_endpoint(data, **options)
    with contextlib.suppress(ValueError):  # not the main thread: the caller handles signals
        signal.signal(signal.SIGTERM, _stop)
    address, bound_port = server.server_address[:2]
    base = f"http://{address}:{bound_port}/"
    settings = server.settings
    log.info("kg serve: %s  (SPARQL %ssparql, query page %squery.html)", base, base, base)
    log.info(
        "%d triples, %d workers (%s), timeout %g s, at most %d rows, site: %s, CORS: %s",
        server.triples,
        server.pool.size,
        "no network" if server.pool.offline else "with network: SERVICE refused by parsing",
        settings.timeout,
        settings.max_rows,
        settings.site or "none (run kg build)",
        ", ".join(settings.cors) or "off",
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        close(server)


def close(server) -> None:
    """Stop listening, stop the workers and remove the temporary store."""
    server.server_close()
    server.pool.close()
    shutil.rmtree(server.scratch, ignore_errors=True)
    server.scratch_lock.close()


def _stop(signum, frame):
    raise SystemExit(0)


SCRATCH_PREFIX = "kg-serve-"


def _scratch():
    """Return (a new temporary folder for the store, the open file that locks it).

    A `kg serve` killed with SIGKILL cannot remove its folder, so each start first removes the
    folders of servers that are gone: a folder whose lock file nobody holds (the kernel drops
    a process's locks when it dies, whatever killed it). Running servers keep their lock, so
    their folders stay. The pid in the name is for people reading /tmp.
    """
    import fcntl

    for old in Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*"):
        try:
            with open(old / "lock", "rb") as held:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(old, ignore_errors=True)
                log.info("removed %s, left behind by a kg serve that was killed", old)
        except OSError:  # held by a running server, not ours to read, or no lock file yet
            continue
    scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    lock = open(scratch / "lock", "wb")  # noqa: SIM115 — held open for the server's lifetime
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return scratch, lock


def _site(site: Path, store: Path, files):
    """Return (folder to serve or None, why not): build the site when the folder is missing,
    from the store the workers will query (opened read-only: the data is not parsed twice)."""
    if site.is_dir():
        return site, ""
    try:
        from kg.views import build_site
    except ImportError as error:
        return None, f"kg build is not available: {error}"
    import pyoxigraph as ox

    from kg.store import KnowledgeGraph, OxigraphBackend

    log.info("no site in %s: building it (kg build) ...", site)
    try:
        backend = OxigraphBackend(store=ox.Store.read_only(str(store)))
        build_site(KnowledgeGraph(backend, files), site)
        del backend  # closes the store (the workers open their own)
    except Exception as error:  # the endpoint is still useful without the site
        log.warning("could not build the site: %s", error)
        return None, f"kg build failed: {error}"
    return (site, "") if site.is_dir() else (None, "kg build wrote nothing")


def _origins(cors) -> list[str]:
    if isinstance(cors, str):
        cors = [cors]
    return [o.strip().rstrip("/") for value in cors or () for o in value.split(",") if o.strip()]


def _memory_limit(workers: int) -> int | None:
    """Return a data-size limit per worker: the machine's memory shared by workers + 1."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None
    return max(total // (workers + 1), 1 << 30)
