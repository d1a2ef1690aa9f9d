"""Put the graph (ontology + data) into a shared store through the SPARQL 1.1 Graph Store HTTP
Protocol: one PUT that replaces a named graph, or the default graph, with the triples.

Tested with Oxigraph's server (`oxigraph serve`, URL http://HOST:7878/store) and Virtuoso 7
(URL http://HOST:8890/sparql-graph-crud, after granting SPARQL_UPDATE, see the README).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from kg import resources
from kg.errors import EndpointError, KgError


def graph_store_url(url: str, graph: str | None) -> str:
    """Return the request URL for `graph` (None: the default graph) at the store `url`."""
    if not url.startswith(("http://", "https://")):
        raise KgError(f"{url!r} is not an http(s):// URL of a Graph Store endpoint")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return url + ("&" if "?" in url else "?") + query


def ntriples(paths=None) -> tuple[bytes, int]:
    """Return the ontology + data as N-Triples, and how many triples (named graphs merged)."""
    import pyoxigraph as ox

    from kg.files import read_quads

    files = resources.ontology_files() + resources.data_files(paths)
    triples = list(
        dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in read_quads(files))
    )
    # pyoxigraph's stub lacks the overload: without an output, serialize returns bytes
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples)  # type: ignore[return-value]


def push(url: str, graph: str | None = None, paths=None, timeout: float = 600.0) -> dict:
    """PUT the ontology + data (or `paths`) into `graph` of the Graph Store at `url`.

    The graph's previous triples are replaced, as the protocol's PUT says; other graphs stay.
    Returns {"url", "graph", "triples", "bytes", "status"}.
    """
    target = graph_store_url(url, graph)
    body, count = ntriples(paths)
    request = urllib.request.Request(
        target, data=body, method="PUT", headers={"Content-Type": "application/n-triples"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(f"{target} answered {error.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        raise EndpointError(f"cannot reach {target}: {error}") from None
    return {"url": target, "graph": graph, "triples": count, "bytes": len(body), "status": status}
