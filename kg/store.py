"""Load the ontology and data into a backend and answer SPARQL over it.

Backends: "oxigraph" (pyoxigraph in memory, the default), "rdflib", or the URL of any
SPARQL 1.1 endpoint. Parameters are always bound as RDF terms, never pasted into text.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from kg import resources, sparql, terms
from kg.errors import EndpointError, InputError, KgError
from kg.namespaces import PREFIXES, sparql_prologue

NO_MATCH = "urn:kinderrechten-kg:no-match"
RESULT_MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_OX_RDF_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG",
                   ".rdf": "RDF_XML", ".owl": "RDF_XML", ".jsonld": "JSON_LD"}


def read_quads(files):
    """Yield pyoxigraph quads from RDF files; a syntax error names file, line and column."""
    import pyoxigraph as ox

    for path in map(Path, files):
        with _reading(path):
            yield from ox.parse(path=str(path), format=_rdf_format(path),
                                base_iri=path.resolve().as_uri())


def _rdf_format(path: Path):
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _OX_RDF_FORMATS.get(path.suffix, "TURTLE"))


@contextmanager
def _reading(path: Path):
    """Turn parser and file errors while reading `path` into an InputError naming it."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        yield
    except SyntaxError as error:
        where = f"{path}:{error.lineno}:{error.offset}" if error.lineno else str(path)
        raise InputError(f"{where}: malformed RDF: {error.msg}") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    except MemoryError as error:
        if "buffer maximal size" not in str(error):  # a real shortage of memory
            raise
        # Oxigraph's parser holds one token (an IRI or literal) in a buffer of at most 16 MiB
        raise InputError(f"{path}: cannot read: a term (an IRI or literal) is longer than the "
                         "parser's limit of 16 MiB") from None


def load(paths=None, backend: str = "oxigraph") -> KnowledgeGraph:
    """Return a KnowledgeGraph of the ontology plus `paths` (default: the project's data/)."""
    if backend.startswith(("http://", "https://")):
        return KnowledgeGraph(EndpointBackend(backend), [])
    files = resources.ontology_files() + resources.data_files(paths)
    if backend == "oxigraph":
        return KnowledgeGraph(OxigraphBackend(files), files)
    if backend == "rdflib":
        return KnowledgeGraph(RdflibBackend(files), files)
    raise KgError(f"unknown backend {backend!r}: use oxigraph, rdflib or an http(s):// URL")


class KnowledgeGraph:
    """The graph behind every command: SPARQL in, plain Python rows out."""

    def __init__(self, backend, files):
        self.backend = backend
        self.files = list(files)
        self._resolved: dict[tuple[str, str], list] = {}  # (kind, name) → IRIs

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"])

    def query(self, text: str, /, *, allow_update: bool = False, **params) -> list[dict]:
        """Return the rows of a SELECT (or [{'ask': bool}]) with parameters bound as terms."""
        if allow_update and sparql.form(text) == "UPDATE":
            sparql.refuse_load(text)
            self.backend.update(text)
            self.clear_cache()  # names may now denote other things
            return []
        sparql.refuse_update(text)
        return self.backend.select(_bound(text, params))

    def serialize(self, text: str, fmt: str, /, **params) -> bytes:
        """Return the results of a SELECT/ASK in a W3C format (json, xml, csv, tsv)."""
        sparql.refuse_update(text)
        return self.backend.serialize(_bound(text, params), fmt)

    def construct(self, text: str, /, **params):
        """Return the triples of a CONSTRUCT or DESCRIBE as an rdflib Graph."""
        import rdflib

        sparql.refuse_update(text)
        text = _bound(text, params)
        graph = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        for s, p, o in self.backend.triples(text):
            graph.add((terms.oxigraph_to_rdflib(s), terms.oxigraph_to_rdflib(p),
                       terms.oxigraph_to_rdflib(o)))
        return graph

    def named(self, name: str, /, **params) -> list[dict]:
        """Return the rows of the named query `name`, its parameters checked and typed."""
        text, values = self.prepare(name, params)
        return self.query(text, **values)

    def named_many(self, requests: dict[str, tuple[str, dict]]) -> dict[str, list[dict]]:
        """Return {key: rows} for {key: (query name, parameters)}, answered side by side
        where the backend allows it (Oxigraph evaluates without holding the GIL; an
        endpoint answers several requests at once)."""
        if not getattr(self.backend, "concurrent", False) or len(requests) < 2:
            return {key: self.named(name, **params) for key, (name, params) in requests.items()}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(requests)) as pool:
            futures = {key: pool.submit(self.named, name, **params)
                       for key, (name, params) in requests.items()}
            return {key: future.result() for key, future in futures.items()}

    def prepare(self, name: str, params: dict) -> tuple[str, dict]:
        """Return the named query's text and its typed parameter values, names resolved."""
        from kg.registry import RESOLVED_TYPES, get

        query = get(name)
        values = query.bind(params)
        for param in query.params:
            if param.type in RESOLVED_TYPES and values[param.name] is not None:
                # a name that denotes nothing binds an IRI that matches nothing
                values[param.name] = (self.resolve(param.type, values[param.name])
                                      or [terms.IRI(NO_MATCH)])
        return query.text, values

    def bound_sparql(self, name: str, /, **params) -> str:
        """Return the named query's SPARQL with its parameters resolved and bound: it runs as
        it stands on any endpoint (with the project's prefixes)."""
        text, values = self.prepare(name, params)
        return _bound(text, values)

    def resolve(self, kind: str, name: str) -> list:
        """Return the IRIs an actor or instrument name denotes (label, abbreviation, slug, IRI).

        Remembered per graph (forgotten after an update) when the data is local: the
        resolving query scans every actor or instrument, and analysts ask about the same
        few names again and again."""
        from kg.registry import resolver

        key = (kind, name)
        if key in self._resolved:
            return list(self._resolved[key])
        rows = self.query(resolver(kind), key=name)
        found = [terms.IRI(row["match"]) for row in rows]
        if getattr(self.backend, "local", False):
            self._resolved[key] = found
        return list(found)

    def clear_cache(self) -> None:
        """Forget the remembered name → IRI resolutions (when the data changed underneath)."""
        self._resolved.clear()

    def queries(self):
        """Return the named queries, sorted by name."""
        from kg.registry import all_queries

        return all_queries()


class OxigraphBackend:
    """pyoxigraph's in-memory store: the fast default."""

    local = True  # the data changes only through this process (see KnowledgeGraph.resolve)
    concurrent = True  # queries may run in parallel threads

    def __init__(self, files=(), store=None):
        import pyoxigraph as ox

        # `store`: one already open (e.g. read-only on disk, as the endpoint's workers have)
        self.store = ox.Store() if store is None else store
        for path in map(Path, files):
            with _reading(path):
                self.store.bulk_load(path=str(path), format=_rdf_format(path),
                                     base_iri=path.resolve().as_uri())

    def _run(self, text):
        try:
            return self.store.query(text, prefixes=PREFIXES)
        except SyntaxError as error:
            raise sparql.from_oxigraph_error(text, error) from None

    def select(self, text):
        result = self._run(text)
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
            return [{"ask": bool(result)}]
        if type(result).__name__ == "QueryTriples":
            raise KgError("this is a CONSTRUCT/DESCRIBE query: use construct() or --format ttl")
        names = [v.value for v in result.variables]
        convert = terms.from_oxigraph
        return [dict(zip(names, map(convert, row), strict=True)) for row in result]

    def serialize(self, text, fmt):
        import pyoxigraph as ox

        result = self._run(text)
        formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
        return result.serialize(format=formats[fmt])

    def triples(self, text):
        for triple in self._run(text):
            yield triple.subject, triple.predicate, triple.object

    def update(self, text):
        try:
            self.store.update(text, prefixes=PREFIXES)
        except SyntaxError as error:
            raise sparql.from_oxigraph_error(text, error) from None


class RdflibBackend:
    """rdflib's in-memory graph and SPARQL engine: slower, pure Python, the reference."""

    local = True
    concurrent = False  # pure Python: threads would only take turns

    def __init__(self, files):
        import rdflib

        self.graph = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            self.graph.bind(prefix, iri)
        convert = terms.oxigraph_to_rdflib
        for quad in read_quads(files):
            self.graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))

    def _run(self, text):
        import pyparsing

        try:
            return self.graph.query(text, initNs=PREFIXES)
        except pyparsing.ParseBaseException as error:
            raise sparql.syntax_error(text, error.lineno, error.col, error.msg) from None

    def select(self, text):
        result = self._run(text)
        if result.type == "ASK":
            return [{"ask": bool(result.askAnswer)}]
        if result.type != "SELECT":
            raise KgError("this is a CONSTRUCT/DESCRIBE query: use construct() or --format ttl")
        names = [str(v) for v in result.vars]
        return [{n: terms.from_rdflib(row[n]) for n in names} for row in result]

    def serialize(self, text, fmt):
        result = self._run(text)
        if fmt == "tsv":  # rdflib has no TSV writer: let Oxigraph's write it from rdflib's JSON
            import pyoxigraph as ox

            parsed = ox.parse_query_results(result.serialize(format="json"),
                                            format=ox.QueryResultsFormat.JSON)
            return parsed.serialize(format=ox.QueryResultsFormat.TSV)
        return result.serialize(format=fmt)

    def triples(self, text):
        import pyoxigraph as ox

        data = self._run(text).serialize(format="nt")
        for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            yield triple.subject, triple.predicate, triple.object

    def update(self, text):
        self.graph.update(text, initNs=PREFIXES)


class EndpointBackend:
    """Any SPARQL 1.1 Protocol endpoint; parameters travel as a VALUES block of RDF terms."""

    local = False  # others may change the data: names are resolved afresh every time
    concurrent = True

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def _post(self, body: dict, accept: str) -> bytes:
        import urllib.error
        import urllib.parse
        import urllib.request

        data = urllib.parse.urlencode(body).encode()
        request = urllib.request.Request(self.url, data=data, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            raise EndpointError(f"{self.url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise EndpointError(f"cannot reach {self.url}: {error}") from None

    def _query(self, text, accept):
        # endpoints have no default prefixes: declare ours, and renumber lines in errors
        prologue = sparql_prologue()
        try:
            return self._post({"query": prologue + text}, accept)
        except EndpointError as error:
            raise _shift_lines(error, prologue.count("\n")) from None

    def select(self, text):
        import pyoxigraph as ox

        body = self._query(text, RESULT_MEDIA_TYPES["json"])
        if b'"boolean"' in body[:200]:
            import json

            return [{"ask": bool(json.loads(body)["boolean"])}]
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        names = [v.value for v in result.variables]
        convert = terms.from_oxigraph
        return [dict(zip(names, map(convert, row), strict=True)) for row in result]

    def serialize(self, text, fmt):
        return self._query(text, RESULT_MEDIA_TYPES[fmt])

    def triples(self, text):
        import pyoxigraph as ox

        body = self._query(text, "application/n-triples")
        for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            yield triple.subject, triple.predicate, triple.object

    def update(self, text):
        self._post({"update": sparql_prologue() + text}, "*/*")


def _bound(text: str, params: dict) -> str:
    """Return `text` with the given parameters bound (None: unbound; a list: one row each)."""
    return sparql.with_values(text, {
        name: [terms.to_oxigraph(v) for v in value] if isinstance(value, list)
        else terms.to_oxigraph(value)
        for name, value in params.items() if value is not None})


def _shift_lines(error: EndpointError, offset: int) -> EndpointError:
    """Renumber 'line N' in an endpoint's message so it points into the user's text."""
    import re

    message = re.sub(r"(line |at )(\d+)([:, ])",
                     lambda m: f"{m.group(1)}{max(int(m.group(2)) - offset, 1)}{m.group(3)}",
                     str(error))
    return EndpointError(message)
