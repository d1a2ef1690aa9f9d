"""SHACL validation of the data against ontology/shapes.ttl, as a readable report."""

from __future__ import annotations

from dataclasses import dataclass

from kg import resources
from kg.namespaces import PREFIXES, compact

SH = PREFIXES["sh"]


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    shape: str
    value: str = ""

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return (
            f"{self.focus}\n  property: {self.path}\n  rule: {self.shape}\n  {self.message}{value}"
        )


@dataclass(frozen=True)
class Report:
    files: tuple[str, ...]
    triples: int
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        """Return the report as text: a summary line, then one block per violation."""
        head = f"{len(self.files)} files, {self.triples} triples: " + (
            "conforms to the shapes" if self.conforms else f"{len(self.violations)} violations"
        )
        return "\n\n".join([head, *map(str, self.violations)])


def validate(paths=None, shapes=None) -> Report:
    """Return the SHACL report for `paths` (default data/) together with the ontology.

    `shapes` is a shapes file (default ontology/shapes.ttl) or a graph read_shapes() returned:
    a caller validating many times parses the shapes once."""
    import pyshacl
    import rdflib

    from kg.files import read_graph

    files = resources.ontology_files() + resources.data_files(paths)
    data = read_graph(files)
    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else read_shapes(shapes)
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True
    )
    violations = tuple(sorted(_violations(results, shapes_graph, data)))
    return Report(tuple(map(str, files)), len(data), violations)


def read_shapes(path=None):
    """Return the shapes of `path` (default ontology/shapes.ttl) as an rdflib Graph, for
    validate(shapes=...)."""
    from kg.files import read_graph

    return read_graph([path or resources.SHAPES_FILE])


def _violations(results, shapes_graph, data):
    from rdflib import URIRef

    def show(term, graph=data):
        if term is None:
            return ""
        if isinstance(term, URIRef):
            return compact(str(term))
        if hasattr(term, "n3") and type(term).__name__ == "BNode":
            return _describe_blank(term, graph)
        return term.n3() if hasattr(term, "n3") else str(term)

    for result in results.subjects(URIRef(SH + "resultSeverity"), URIRef(SH + "Violation")):

        def get(p, result=result):
            return results.value(result, URIRef(SH + p))

        shape = get("sourceShape")
        component = compact(str(get("sourceConstraintComponent") or ""))
        rule = _shape_name(shape, shapes_graph, results) + f" [{component}]"
        yield Violation(
            show(get("focusNode")),
            show(get("resultPath"), shapes_graph) or "-",
            str(get("resultMessage") or ""),
            rule,
            show(get("value")),
        )


def _shape_name(shape, shapes_graph, results) -> str:
    """Return the node shape a (possibly blank) property shape belongs to, compacted."""
    from rdflib import BNode, URIRef

    if not isinstance(shape, BNode):
        return compact(str(shape))
    owner = shapes_graph.value(predicate=URIRef(SH + "property"), object=shape)
    if owner is None:
        owner = results.value(predicate=URIRef(SH + "property"), object=shape)
    return (compact(str(owner)) + " property") if isinstance(owner, URIRef) else "a shape"


def _describe_blank(node, graph) -> str:
    """Describe a blank node by its path, e.g. a property path or an interval."""
    from rdflib import URIRef

    seq = list(graph.items(node)) if graph.value(node, URIRef(PREFIXES["rdf"] + "first")) else []
    if seq:
        return " / ".join(compact(str(s)) for s in seq)
    alternatives = graph.value(node, URIRef(SH + "alternativePath"))
    if alternatives is not None:
        return " | ".join(compact(str(s)) for s in graph.items(alternatives))
    return "_:" + str(node)[:8]
