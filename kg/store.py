"""Load the ontology and data into a backend and answer SPARQL over it.

Backends: "oxigraph" (pyoxigraph in memory, the default), "rdflib", or the URL of any
SPARQL 1.1 endpoint. Parameters are always bound as RDF terms, never pasted into text: as a
VALUES block placed first in the WHERE group by parsing the query (kg.sparql.with_values), the
same text on every engine. (The engines' own mechanisms bind differently: pyoxigraph's
`substitutions` refuse a variable the SELECT does not project, and rdflib's `initBindings` seed
a context that a BIND may overwrite instead of joining with it.) Both local backends hold a dataset:
the named graphs of TriG or N-Quads files stay apart and `GRAPH` queries see them.

Row values: int, Decimal (exact), float, bool, date and datetime for literals of those XSD
types; kg.terms.IRI for IRIs; kg.terms.Text (a str) for every other literal, with `.lang` and
`.datatype` as the engine gave them; an ill-typed literal ("yes"^^xsd:boolean) is a Text of its
lexical form. Relative IRIs in queries resolve against kg.namespaces.BASE.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg import formats, resources, sparql, terms
from kg.errors import EndpointError, InputError, KgError, UpdateRefused
from kg.files import rdflib_quads, reading
from kg.names import Names
from kg.namespaces import BASE, PREFIXES

NO_MATCH = "urn:kinderrechten-kg:no-match"


def _is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def load(paths=None, backend: str = "oxigraph") -> KnowledgeGraph:
    """Return a KnowledgeGraph of the ontology plus `paths` (default: the project's data/).

    `backend` is "oxigraph", "rdflib" or the URL of a SPARQL endpoint (its query string, such
    as `?default-graph-uri=…`, travels with every request). A URL given as `paths` is taken
    as that endpoint: `kg.load("http://host/sparql")`.
    """
    if _is_url(paths):
        backend, paths = paths, None
    elif isinstance(paths, str | Path):
        paths = [paths]
    urls = [p for p in paths or () if _is_url(p)]
    if urls:
        raise InputError(
            f"{urls[0]}: a URL is not a data file; query an endpoint with "
            "kg.load(URL) or --endpoint URL"
        )
    if _is_url(backend):
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
        self._names: dict[tuple[str, ...] | None, Names] = {}  # kinds → their names

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"])

    def query(self, text: str, /, *, allow_update: bool = False, **params) -> list[dict]:
        """Return the rows of a SELECT (or [{'ask': bool}]) with parameters bound as terms.

        Each row maps a variable to a Python value (see the module docstring: strings are
        kg.terms.Text with `.lang` and `.datatype`, decimals exact, ill-typed literals kept as
        written) or None when unbound. `allow_update` lets a SPARQL Update change a local
        graph in memory; it is refused for an endpoint (the store is someone else's).
        """
        if allow_update and sparql.form(text) == "UPDATE":
            if not getattr(self.backend, "local", False):
                raise UpdateRefused(
                    f"SPARQL Update refused: --allow-update changes only a local graph in "
                    f"memory and never writes to the endpoint {self.backend.url}."
                )
            sparql.refuse_load(text)
            self.backend.update(text)
            self.clear_cache()  # names may now denote other things
            return []
        sparql.refuse_update(text)
        return self.backend.select(text, _terms(params))

    def serialize(self, text: str, fmt: str, /, **params) -> bytes:
        """Return the results of a SELECT/ASK in a W3C format (json, xml, csv, tsv)."""
        sparql.refuse_update(text)
        return self.backend.serialize(text, _terms(params), fmt)

    def construct(self, text: str, /, **params):
        """Return the triples of a CONSTRUCT or DESCRIBE as an rdflib Graph."""
        import rdflib

        sparql.refuse_update(text)
        graph = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        for s, p, o in self.backend.triples(text, _terms(params)):
            graph.add(
                (
                    terms.oxigraph_to_rdflib(s),
                    terms.oxigraph_to_rdflib(p),
                    terms.oxigraph_to_rdflib(o),
                )
            )
        return graph

    def named(self, name: str, /, **params) -> list[dict]:
        """Return the rows of the named query `name`, its parameters checked and typed."""
        text, values = self.prepare(name, params)
        return self.query(text, **values)

    def named_many(self, requests: dict[str, tuple[str, dict]]) -> dict[str, list[dict]]:
        """Return {key: rows} for {key: (query name, parameters)}, answered side by side
        where the backend gains by it (an endpoint answers several requests at once)."""
        if not getattr(self.backend, "concurrent", False) or len(requests) < 2:
            return {key: self.named(name, **params) for key, (name, params) in requests.items()}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(requests)) as pool:
            futures = {
                key: pool.submit(self.named, name, **params)
                for key, (name, params) in requests.items()
            }
            return {key: future.result() for key, future in futures.items()}

    def prepare(self, name: str, params: dict) -> tuple[str, dict]:
        """Return the named query's text and its typed parameter values, names resolved."""
        from kg.registry import RESOLVED_TYPES, get

        query = get(name)
        values = query.bind(params)
        for param in query.params:
            if param.type in RESOLVED_TYPES and values[param.name] is not None:
                # a name that denotes nothing binds an IRI that matches nothing
                values[param.name] = self.resolve(param.type, values[param.name]) or [
                    terms.IRI(NO_MATCH)
                ]
        return query.text, values

    def bound_sparql(self, name: str, /, **params) -> str:
        """Return the named query's SPARQL with its parameters resolved and bound: it runs as
        it stands on any endpoint (with the project's prefixes)."""
        text, values = self.prepare(name, params)
        return sparql.with_values(text, _terms(values))

    def resolve(self, kind: str, name: str) -> list:
        """Return the IRIs of the things of `kind` (actor, instrument) that `name` denotes: a
        label, abbreviation, slug or IRI, as kg.names resolves them."""
        return [terms.IRI(iri) for iri in self.names([kind]).denoted(name, kind)]

    def names(self, kinds: Iterable[str] | None = None) -> Names:
        """Return the names of the things of `kinds` (default: all), as kg.names reads them.

        Remembered per graph (forgotten after an update) when the data is local: analysts ask
        about the same few names again and again; an endpoint's are read afresh every time."""
        key = tuple(kinds) if kinds is not None else None
        if key in self._names:
            return self._names[key]
        names = Names.read(self, key)
        if getattr(self.backend, "local", False):
            self._names[key] = names
        return names

    def clear_cache(self) -> None:
        """Forget the remembered names (when the data changed underneath)."""
        self._names.clear()

    def queries(self):
        """Return the named queries, sorted by name."""
        from kg.registry import all_queries

        return all_queries()


class OxigraphBackend:
    """pyoxigraph's in-memory store: the fast default."""

    local = True  # the data changes only through this process (see KnowledgeGraph.names)
    # queries one after another: a query's rows reach Python one by one under the GIL, so
    # threads turning rows into Python values beside threads fetching them mostly wait on each
    # other (docs/performance.md)
    concurrent = False

    def __init__(self, files=(), store=None):
        import pyoxigraph as ox

        # `store`: one already open (e.g. read-only on disk, as the endpoint's workers have)
        self.store = ox.Store() if store is None else store
        for path in map(Path, files):
            with reading(path):
                self.store.bulk_load(
                    path=str(path),
                    format=formats.for_path(path).ox(),
                    base_iri=path.resolve().as_uri(),
                )

    def _run(self, text, params=None):
        # pyoxigraph's `substitutions` (SEP-0007) refuse a variable the SELECT does not project
        # ("does not contains variable ?lang in its SELECT projection"), and most parameters
        # are not projected: they bind as a VALUES block placed by parsing the query, the
        # very text an endpoint gets.
        try:
            return self.store.query(
                sparql.with_values(text, params or {}), prefixes=PREFIXES, base_iri=BASE
            )
        except SyntaxError as error:
            raise sparql.from_oxigraph_error(text, error) from None

    def select(self, text, params=None):
        result = self._run(text, params)
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
            return [{"ask": bool(result)}]
        if type(result).__name__ == "QueryTriples":
            raise KgError("this is a CONSTRUCT/DESCRIBE query: use construct() or --format ttl")
        names = [v.value for v in result.variables]
        convert = terms.from_oxigraph
        return [dict(zip(names, map(convert, row), strict=True)) for row in result]

    def serialize(self, text, params, fmt):
        return self._run(text, params).serialize(format=formats.result(fmt).ox())

    def triples(self, text, params=None):
        for triple in self._run(text, params):
            yield triple.subject, triple.predicate, triple.object

    def update(self, text):
        try:
            self.store.update(text, prefixes=PREFIXES, base_iri=BASE)
        except SyntaxError as error:
            raise sparql.from_oxigraph_error(text, error) from None


class RdflibBackend:
    """rdflib's in-memory dataset and SPARQL engine: slower, pure Python, the reference."""

    local = True
    concurrent = False  # pure Python: threads would only take turns

    def __init__(self, files):
        import rdflib

        self.graph = rdflib.Dataset()  # the default graph alone unless a query says GRAPH
        for prefix, iri in PREFIXES.items():
            self.graph.bind(prefix, iri)
        contexts: dict = {None: self.graph.default_graph}
        for s, p, o, name in rdflib_quads(files):
            if name not in contexts:
                contexts[name] = self.graph.graph(name)
            contexts[name].add((s, p, o))

    def _run(self, text, params=None):
        import pyparsing

        # not initBindings: rdflib seeds them as a starting context, not as a join, so a
        # BIND(lang(?label) AS ?lang) inside an OPTIONAL replaces the bound ?lang instead of
        # having to agree with it. The parsed-in VALUES block is a join on every engine.
        try:
            return self.graph.query(
                sparql.with_values(text, params or {}), initNs=PREFIXES, base=BASE
            )
        except pyparsing.ParseBaseException as error:
            raise sparql.syntax_error(text, error.lineno, error.col, error.msg) from None

    def select(self, text, params=None):
        result = self._run(text, params)
        if result.type == "ASK":
            return [{"ask": bool(result.askAnswer)}]
        if result.type != "SELECT":
            raise KgError("this is a CONSTRUCT/DESCRIBE query: use construct() or --format ttl")
        names = [str(v) for v in result.vars]
        return [{n: terms.from_rdflib(row[n]) for n in names} for row in result]

    def serialize(self, text, params, fmt):
        result, written = self._run(text, params), formats.result(fmt)
        if written.rdflib is None:  # rdflib has no writer (TSV): Oxigraph's, from rdflib's JSON
            import pyoxigraph as ox

            parsed = ox.parse_query_results(
                result.serialize(format="json"), format=ox.QueryResultsFormat.JSON
            )
            return parsed.serialize(format=written.ox())
        return result.serialize(format=written.rdflib)

    def triples(self, text, params=None):
        import pyoxigraph as ox

        data = self._run(text, params).serialize(format="nt")
        for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            yield triple.subject, triple.predicate, triple.object

    def update(self, text):
        self.graph.update(text, initNs=PREFIXES, base=BASE)


class EndpointBackend:
    """Any SPARQL 1.1 Protocol endpoint; parameters travel as a VALUES block of RDF terms.

    The URL's own query string (e.g. `?default-graph-uri=…`, which Virtuoso needs to see the
    loaded graph) is sent with every request, as protocol parameters beside the query.
    """

    local = False  # others may change the data: names are resolved afresh every time
    concurrent = True

    def __init__(self, url: str, timeout: float = 60.0):
        import urllib.parse

        self.url = url
        self.timeout = timeout
        self.target, _, query_string = url.partition("?")
        self.protocol_params = urllib.parse.parse_qsl(query_string)

    def _post(self, body: list, accept: str) -> bytes:
        import urllib.error
        import urllib.parse
        import urllib.request

        data = urllib.parse.urlencode(self.protocol_params + body).encode()
        request = urllib.request.Request(
            self.target,
            data=data,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            raise EndpointError(f"{self.url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise EndpointError(f"cannot reach {self.url}: {error}") from None

    def _query(self, text, params, accept):
        # endpoints have no default prefixes: declare the ones used, and renumber error lines
        text = sparql.with_values(text, params or {})
        prologue = sparql.prologue_for(text, PREFIXES, base=BASE)
        try:
            return self._post([("query", prologue + text)], accept)
        except EndpointError as error:
            raise _shift_lines(error, prologue.count("\n")) from None

    def select(self, text, params=None):
        import pyoxigraph as ox

        body = self._query(text, params, formats.result("json").media_type)
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
            return [{"ask": bool(result)}]
        names = [v.value for v in result.variables]
        convert = terms.from_oxigraph
        rows = [dict(zip(names, map(convert, row), strict=True)) for row in result]
        if names == ["__ASK_RETVAL"] and sparql.form(text) == "ASK":
            # Virtuoso 7 answers ASK as a SELECT: no row for false, one row of 1 for true
            return [{"ask": any(row["__ASK_RETVAL"] for row in rows)}]
        return rows

    def serialize(self, text, params, fmt):
        return self._query(text, params, formats.result(fmt).media_type)

    def triples(self, text, params=None):
        import pyoxigraph as ox

        body = self._query(text, params, "application/n-triples")
        for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            yield triple.subject, triple.predicate, triple.object


def _terms(params: dict) -> dict:
    """Return the parameters as pyoxigraph terms (None: left unbound; a list: one row each)."""
    return {
        name: [terms.to_oxigraph(v) for v in value]
        if isinstance(value, list)
        else terms.to_oxigraph(value)
        for name, value in params.items()
        if value is not None
    }


def _shift_lines(error: EndpointError, offset: int) -> EndpointError:
    """Renumber 'line N' in an endpoint's message so it points into the user's text."""
    import re

    message = re.sub(
        r"(line |at )(\d+)([:, ])",
        lambda m: f"{m.group(1)}{max(int(m.group(2)) - offset, 1)}{m.group(3)}",
        str(error),
    )
    return EndpointError(message)
