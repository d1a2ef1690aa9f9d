"""The HTTP side of `kg serve`: routes, request limits, CORS, and the pages around the endpoint.

/sparql               SPARQL 1.1 Protocol query operation (GET, POST form, POST direct)
/queries.json         the named queries: titles, parameters, links
/queries/NAME         run a named query; ?param=value as `kg query NAME --param`
/queries/NAME.rq      its SPARQL with the parameters bound and the PREFIXes it uses
/query.html           the query page (YASGUI, offline) with the named queries as examples
/static/...           the site's static files, else the package's (kg.server.static)
/...                  the built site
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import logging
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

from kg import formats
from kg.errors import KgError, ParameterError, UnknownQuery
from kg.server import framing, protocol, static
from kg.server.pages import HTML, named_queries
from kg.server.protocol import Refused
from kg.server.workers import Answer, Job

log = logging.getLogger("kg.server")

# The pages this module writes load nothing from elsewhere; the browser is told to enforce it.
PAGE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'self'"
)
SAFE_METHODS = "GET, HEAD, POST, OPTIONS"


@dataclass
class Settings:
    """What a running endpoint needs besides its workers."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1 << 20
    idle_timeout: float = 15.0  # a kept-alive connection may wait this long for a request
    request_timeout: float = 30.0  # a request's line, headers and body must arrive within this
    cors: tuple[str, ...] = ()
    site: Path | None = None  # None: no built site, serve index_page at /
    query_pages: dict = field(default_factory=dict)  # lang → the query page, rendered at start
    index_page: bytes = b""


class EndpointServer(framing.ConnectionLimit, ThreadingHTTPServer):
    """A threading HTTP server that holds the worker pool and the settings."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    # set by kg.server.open_endpoint once bound: the store's scratch folder, the open file that
    # locks it, and how many triples the store holds
    scratch: Path
    scratch_lock: IO[bytes]
    triples: int

    def __init__(self, address, pool, settings: Settings):
        self.pool = pool
        self.settings = settings
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    default_request_version = "HTTP/1.0"  # so that even an answer to junk has a status line
    timeout = 60  # for sending: a client that stops reading our answer loses its connection
    body_length: int | None = 0  # of the current request; None: chunked

    def setup(self):
        """Read through a DeadlineReader: a client trickling bytes is cut at a deadline."""
        super().setup()
        settings = self.server.settings
        self.rfile.close()  # http.server's own file on the socket, replaced here
        self.reader = framing.DeadlineReader(
            self.connection,
            idle=settings.idle_timeout,
            request=settings.request_timeout,
            write_timeout=self.timeout,
        )
        self.rfile = io.BufferedReader(self.reader, 1 << 16)

    def handle_one_request(self):
        self.reader.idle()
        super().handle_one_request()

    def parse_request(self):
        """Parse the request line and headers, then refuse a body framed in any doubtful way."""
        if not super().parse_request():
            return False
        try:
            self.body_length = framing.body_framing(self.headers)
        except Refused as error:
            self.body_length = 0
            self.close_connection = True  # the body's end is unknown: nothing more is read
            self._error(error.status, str(error))
            return False
        return True

    # ---------------------------------------------------------------- methods
    def do_GET(self):
        self._route("GET")

    def do_HEAD(self):
        self._route("HEAD")

    def do_POST(self):
        self._route("POST")

    def do_OPTIONS(self):
        self._discard_body()
        headers = {"Allow": SAFE_METHODS}
        if self._cors_origin():
            request_headers = self.headers.get("Access-Control-Request-Headers", "")
            allowed = [
                h.strip()
                for h in request_headers.split(",")
                if h.strip().lower() in ("content-type", "accept")
            ]
            headers.update(
                {
                    "Access-Control-Allow-Methods": "GET, HEAD, POST",
                    "Access-Control-Allow-Headers": ", ".join(allowed) or "Content-Type",
                    "Access-Control-Max-Age": "600",
                }
            )
        self._send(204, b"", None, headers)

    def _refuse_write(self):
        self._discard_body()
        self._error(
            405,
            f"{self.command} refused: this endpoint is read-only "
            "(SPARQL Update and the Graph Store Protocol are switched off).",
            {"Allow": SAFE_METHODS},
        )

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    # ---------------------------------------------------------------- routing
    def _route(self, method: str):
        try:
            url = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(url.path)
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True, max_num_fields=200)
            if method != "POST":
                self._discard_body()  # a GET with a body: its bytes are not the next request
            if path == "/sparql":
                self._sparql(method, params)
            elif method == "POST":
                self._discard_body()
                self._error(
                    405,
                    "POST is only for /sparql; this endpoint is read-only.",
                    {"Allow": "GET, HEAD, OPTIONS"},
                )
            elif path == "/query.html":
                lang = (params.get("lang") or ["nl"])[-1]
                page = self.server.settings.query_pages.get(lang)
                if page is None:
                    raise Refused(404, "no query page in that language: use lang=nl or lang=en")
                self._send(
                    200,
                    page,
                    HTML,
                    {"Content-Security-Policy": PAGE_CSP, "Referrer-Policy": "no-referrer"},
                )
            elif path in ("/", "/index.html") and self.server.settings.site is None:
                self._send(
                    200,
                    self.server.settings.index_page,
                    HTML,
                    {"Content-Security-Policy": PAGE_CSP},
                )
            elif path == "/queries.json":
                self._queries_index()
            elif path.startswith("/queries/"):
                self._named(path[len("/queries/") :], params)
            else:
                self._static(path)
        except Refused as error:
            self._error(error.status, str(error))
        except (UnknownQuery, FileNotFoundError) as error:
            self._error(404, str(error) or "not found")
        except (ParameterError, UnicodeDecodeError, ValueError) as error:
            self._error(400, str(error))
        except KgError as error:
            self._error(500, str(error))
        except TimeoutError:  # the body did not arrive within the request timeout
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._error(408, "the request did not arrive in time")
        except (BrokenPipeError, ConnectionResetError):  # the client went away
            self.close_connection = True
        except Exception:
            log.exception("error answering %s %s", method, self.path)
            self._error(500, "internal error: see the server's log")

    # ---------------------------------------------------------------- SPARQL
    def _sparql(self, method: str, params: dict):
        if method == "POST":
            text, params = self._post_query(params)
        else:
            if "update" in params:
                raise Refused(403, "SPARQL Update refused: this endpoint is read-only.")
            if "query" not in params:
                if "text/html" in self.headers.get("Accept", ""):
                    self._send(303, b"", None, {"Location": "query.html"})
                    return
                raise Refused(
                    400,
                    "missing 'query' parameter: /sparql?query=SELECT ... "
                    "(the query page is at /query.html)",
                )
            text = _single(params, "query")
        self._run(text, params)

    def _post_query(self, params: dict):
        """Return the query text and parameters of a POST, after the body-size check."""
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            self._discard_body()
            raise Refused(403, "SPARQL Update refused: this endpoint is read-only.")
        if content_type not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            self._discard_body()
            raise Refused(
                415,
                "send the query as application/x-www-form-urlencoded (query=...) "
                "or as application/sparql-query",
            )
        body = self._read_body().decode("utf-8")
        if content_type == "application/sparql-query":
            if "update" in params:
                raise Refused(403, "SPARQL Update refused: this endpoint is read-only.")
            return body, params
        form = urllib.parse.parse_qs(body, keep_blank_values=True, max_num_fields=200)
        if "update" in form or "update" in params:
            raise Refused(403, "SPARQL Update refused: this endpoint is read-only.")
        if "query" not in form:
            raise Refused(400, "missing 'query' field in the form body")
        merged = {**params}
        for name, values in form.items():
            merged[name] = merged.get(name, []) + values
        return _single(merged, "query"), merged

    def _run(self, query, params: dict):
        """Negotiate, hand the query (SPARQL text or a named-query Job) to a worker, answer."""
        if isinstance(query, str):
            protocol.check_query(query)
            protocol.check_graph_iris(params)
            query = Job(
                text=query,
                default_graphs=tuple(params.get("default-graph-uri", ())),
                named_graphs=tuple(params.get("named-graph-uri", ())),
            )
        accept = self.headers.get("Accept")
        wanted = [v for name in protocol.FORMAT_PARAMS for v in params.get(name, [])]
        settings = self.server.settings
        job = dataclasses.replace(
            query,
            max_rows=settings.max_rows,
            result_format=_key(protocol.negotiate(formats.RESULTS, accept, wanted)),
            graph_format=_key(protocol.negotiate(formats.GRAPH, accept, wanted)),
        )
        if job.result_format is None and job.graph_format is None:
            raise Refused(
                406,
                "none of the requested media types is available; use one of "
                + ", ".join(f.media_type for f in (*formats.RESULTS, *formats.GRAPH)),
            )
        self._answer(self._pool_run(job), job)

    def _pool_run(self, job: Job) -> Answer:
        # Waiting for a free worker may take longer than one query may run: under load requests
        # queue up rather than fail.
        timeout = self.server.settings.timeout
        return self.server.pool.run(job, timeout, wait=max(30.0, 3 * timeout))

    def _answer(self, answer: Answer, job: Job):
        if answer.status != 200:
            self._send(answer.status, answer.body, "text/plain; charset=utf-8", answer.headers)
            return
        # a worker answers 200 only in a format the job names
        fmt = (
            formats.result(job.result_format or "")
            if answer.kind == "results"
            else formats.rdf(job.graph_format or "")
        )
        headers = {"Vary": "Accept", "Cache-Control": "no-store", **answer.headers}
        if answer.truncated:
            headers["X-Result-Truncated"] = "true"
            headers["X-Result-Limit"] = str(self.server.settings.max_rows)
        self._send(200, answer.body, fmt.content_type, headers)

    # ---------------------------------------------------------------- named queries
    def _queries_index(self):
        body = json.dumps(named_queries(), ensure_ascii=False, indent=1).encode("utf-8")
        self._send(200, body, "application/json; charset=utf-8")

    def _named(self, name: str, params: dict):
        """Run a named query, or with NAME.rq give its bound SPARQL, as `kg query` binds it."""
        from kg.registry import get

        sparql_only = name.endswith(".rq")
        query = get(name[:-3] if sparql_only else name)  # UnknownQuery: 404 before any worker
        declared = {p.name for p in query.params}
        given, format_params = {}, {}
        for key, values in params.items():
            if key in protocol.FORMAT_PARAMS and key not in declared:
                format_params[key] = values
            elif len(values) > 1:
                raise ParameterError(f"parameter {key!r} given {len(values)} times")
            else:
                given[key] = values[0]
        query.bind(given)  # unknown, missing or malformed parameters: 400 before any worker
        job = Job(named=query.name, params=tuple(given.items()), sparql_only=sparql_only)
        if sparql_only:
            answer = self._pool_run(job)
            if answer.status == 200:
                text = answer.body.decode("utf-8")
                answer.body = (protocol.prologue_for(text) + text).encode("utf-8")
                self._send(200, answer.body, "text/plain; charset=utf-8")
            else:
                self._answer(answer, job)
            return
        self._run(job, format_params)

    # ---------------------------------------------------------------- files
    def _static(self, path: str):
        """Serve a file of the site; /static/ falls back to the package's own static files."""
        file, body, redirect = static.locate(self.server.settings.site, path)
        if redirect is not None:
            self._send(301, b"", None, {"Location": redirect})
            return
        headers = {"Referrer-Policy": "no-referrer"} if file.suffix == ".html" else {}
        self._send(200, body, static.content_type(file), headers)

    # ---------------------------------------------------------------- plumbing
    def _read_body(self) -> bytes:
        """Return the body (framing checked in parse_request), at most max_body bytes."""
        limit, length = self.server.settings.max_body, self.body_length
        try:
            if length == 0 and "Content-Length" not in self.headers:
                raise Refused(411, "a POST needs Content-Length or Transfer-Encoding: chunked")
            if length is None:
                return framing.read_chunked(self.rfile, limit)
            if length > limit:
                self._discard_body()
                raise Refused(
                    413, f"request body of {length} bytes is larger than the limit of {limit} bytes"
                )
            return framing.read_exact(self.rfile, length)
        except Refused:
            self.close_connection = True  # what is left of the body is not a request
            raise
        finally:
            self.body_length = 0

    def _discard_body(self):
        """Read and drop a body we will not use (up to 64 MiB), so the client sees our answer.

        Larger or chunked bodies are not read: the connection is closed after the answer.
        """
        length, self.body_length = self.body_length, 0
        if length is None or length > 64 << 20:
            self.close_connection = True
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)

    def _cors_origin(self) -> str | None:
        allowed = self.server.settings.cors
        headers = getattr(self, "headers", None)  # absent when the request line was refused
        if not allowed or headers is None:
            return None
        if "*" in allowed:
            return "*"
        origin = headers.get("Origin")
        return origin if origin in allowed else None

    def _send(self, status: int, body: bytes, content_type: str | None, headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header(
                "Access-Control-Expose-Headers", "X-Result-Truncated, X-Result-Limit, Retry-After"
            )
            if origin != "*":
                self.send_header("Vary", "Origin")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers=None):
        body = (message.rstrip("\n") + "\n").encode("utf-8")
        self._send(status, body, "text/plain; charset=utf-8", headers)

    def send_error(self, code, message=None, explain=None):
        """Plain-text errors for what http.server rejects itself (bad request line, 414, 501)."""
        self.close_connection = True
        phrase = message or HTTPStatus(code).phrase
        if code == 501:
            phrase = f"{self.command} is not supported: this endpoint is read-only"
        with contextlib.suppress(OSError):  # the client may be gone already
            self._error(code, phrase, {"Allow": SAFE_METHODS} if code == 501 else None)

    def log_message(self, format, *args):
        log.info("%s %s", self.address_string(), format % args)


def _single(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise Refused(400, f"give exactly one '{name}' parameter (got {len(values)})")
    return values[0]


def _key(fmt) -> str | None:
    return fmt.name if fmt else None
