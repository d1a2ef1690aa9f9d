"""Two editions of the graph → what the new one adds, removes and changes, by subject.

    >>> from kg.curate.diff import diff
    >>> result = diff("old/data", "data")
    >>> print(result.text()); result.equal

The graphs are compared with rdflib.compare: `to_isomorphic` for equality (blank nodes, such as
the intervals of participations, are matched by content) and `graph_diff` for the triples only
in one of them. Those triples are then told per named subject (a blank node's triples belong to
the IRI that points to it, shown as a path such as org:memberDuring/time:hasEnd/time:inXSDDate),
grouped by what the subject is (events, participation, actors, instruments, statistics, ...):

    changed ev:2025-06-19-debate-family-protection : kg:status kg:postponed → kg:occurred
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import resources
from kg.namespaces import KG, PREFIXES, compact

# group title → the classes whose instances belong to it, in the order of the report
GROUPS = [
    ("events", [KG + "Event"]),
    ("participation", [KG + "Participation", KG + "Position"]),
    ("actors", [PREFIXES["sem"] + "Actor"]),
    ("instruments", [KG + "PolicyInstrument"]),
    ("statistics", [PREFIXES["qb"] + "Observation", PREFIXES["qb"] + "DataSet", KG + "DataGap",
                    KG + "Indicator"]),
    ("places", [PREFIXES["sem"] + "Place"]),
    ("sections and sources", [KG + "MonitorSection", KG + "Source"]),
    ("recommendations and other concepts", [PREFIXES["skos"] + "Concept"]),
]
OTHER = "other"
_LABELS = ["rdfs:label", "dct:title", "skos:prefLabel"]


@dataclass
class Change:
    """What happened to one subject."""

    subject: str  # compact IRI
    group: str
    kind: str  # added, removed, changed
    label: str = ""
    types: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # "kg:status kg:occurred → kg:planned"

    def lines(self) -> list[str]:
        if self.kind != "changed":
            types = f" ({', '.join(self.types)})" if self.types else ""
            label = f" “{self.label}”" if self.label else ""
            return [f"{self.kind:<7} {self.subject}{types}{label}"]
        return [f"changed {self.subject} : {detail}" for detail in self.details]


@dataclass
class DiffResult:
    """The difference between two editions."""

    old: Path
    new: Path
    old_triples: int
    new_triples: int
    only_old: int
    only_new: int
    changes: list[Change]

    @property
    def equal(self) -> bool:
        return not self.only_old and not self.only_new

    def groups(self) -> dict[str, list[Change]]:
        order = [name for name, _ in GROUPS] + [OTHER]
        grouped = {name: [c for c in self.changes if c.group == name] for name in order}
        return {name: changes for name, changes in grouped.items() if changes}

    def text(self) -> str:
        """Return the report: a summary line, then one block per group of subjects."""
        head = (f"{self.old} ({self.old_triples} triples) → {self.new} "
                f"({self.new_triples} triples): ")
        if self.equal:
            return head + "equal (isomorphic)"
        head += f"{self.only_new} triples added, {self.only_old} removed"
        blocks = [head]
        for name, changes in self.groups().items():
            counts = ", ".join(f"{sum(c.kind == k for c in changes)} {k}"
                               for k in ("added", "removed", "changed")
                               if any(c.kind == k for c in changes))
            lines = [line for change in changes for line in change.lines()]
            blocks.append(f"{name}: {counts}\n" + "\n".join(f"  {line}" for line in lines))
        return "\n\n".join(blocks)


def diff(old, new) -> DiffResult:
    """Return what NEW adds, removes and changes against OLD (each a file or a folder)."""
    from rdflib.compare import graph_diff, to_canonical_graph, to_isomorphic

    old_graph, new_graph = load(old), load(new)
    if to_isomorphic(old_graph) == to_isomorphic(new_graph):
        return DiffResult(Path(old), Path(new), len(old_graph), len(new_graph), 0, 0, [])
    # canonical blank node labels, so that the triples graph_diff returns can be looked up
    old_iso, new_iso = to_canonical_graph(old_graph), to_canonical_graph(new_graph)
    _, only_old, only_new = graph_diff(old_iso, new_iso)
    classes = _class_index()
    subjects = set()
    for graph, triples in ((old_iso, only_old), (new_iso, only_new)):
        for s, _, _ in triples:
            subjects.add(_owner(graph, s))
    changes = [_change(s, old_iso, new_iso, classes) for s in subjects if s is not None]
    changes = [c for c in changes if c.kind != "changed" or c.details]
    changes.sort(key=lambda c: ({"added": 0, "removed": 1, "changed": 2}[c.kind], c.subject))
    return DiffResult(Path(old), Path(new), len(old_graph), len(new_graph), len(only_old),
                      len(only_new), changes)


def load(path):
    """Return an rdflib Graph of the RDF files at `path` (a file or a folder)."""
    from kg.curate.turtle import bound_graph
    from kg.store import read_quads
    from kg.terms import oxigraph_to_rdflib

    graph = bound_graph()
    for quad in read_quads(resources.data_files([path])):
        graph.add(tuple(oxigraph_to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))
    return graph


# ------------------------------------------------------------------------------ helpers
def _owner(graph, node, depth: int = 6):
    """Return the IRI a (blank) node hangs from, or the node itself when it is an IRI."""
    from rdflib import BNode

    seen = set()
    while isinstance(node, BNode) and depth and node not in seen:
        seen.add(node)
        parents = list(graph.subjects(None, node))
        if not parents:
            return None
        node, depth = parents[0], depth - 1
    return None if isinstance(node, BNode) else node


def _flatten(graph, subject, path=(), depth: int = 4):
    """Return {(path, value)} for `subject`, following blank nodes into paths."""
    from rdflib import BNode

    pairs = set()
    for predicate, value in graph.predicate_objects(subject):
        step = (*path, compact(str(predicate)))
        if isinstance(value, BNode) and depth:
            inner = _flatten(graph, value, step, depth - 1)
            pairs |= inner or {(step, "[]")}
        else:
            pairs.add((step, _show(value)))
    return pairs


def _show(term) -> str:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        if term.language:
            text = str(term) if len(str(term)) <= 60 else str(term)[:57] + "…"
            return f"“{text}”@{term.language}"
        if term.datatype is not None and compact(str(term.datatype)).startswith("xsd:") \
                and compact(str(term.datatype)) != "xsd:string":
            return str(term)
        return f"“{term}”"
    return str(term)


def _change(subject, old, new, classes) -> Change:
    before, after = _flatten(old, subject), _flatten(new, subject)
    name = compact(str(subject))
    facts = after or before
    types = sorted(v for p, v in facts if p == ("rdf:type",))
    label = next((v for key in _LABELS for p, v in sorted(facts)
                  if p == (key,) and v.endswith("@nl")), "") or next(
        (v for key in _LABELS for p, v in sorted(facts) if p == (key,)), "")
    label = label.rsplit("@", 1)[0].strip("“”") if label else ""
    group = _group(types, classes)
    if not before:
        return Change(name, group, "added", label, types)
    if not after:
        return Change(name, group, "removed", label, types)
    details = []
    for path in sorted({p for p, _ in before | after}):
        was = sorted(v for p, v in before if p == path)
        now = sorted(v for p, v in after if p == path)
        if was == now:
            continue
        shown = "/".join(path)
        gone = [v for v in was if v not in now]
        came = [v for v in now if v not in was]
        if gone and came:
            details.append(f"{shown} {', '.join(gone)} → {', '.join(came)}")
        elif came:
            details.append(f"+ {shown} {', '.join(came)}")
        else:
            details.append(f"- {shown} {', '.join(gone)}")
    return Change(name, group, "changed", label, types, details)


def _class_index() -> dict[str, set[str]]:
    """Return class → its superclasses (itself included), read from the ontology."""
    from rdflib import RDFS, URIRef

    ontology = load(resources.ONTOLOGY_DIR / "kg.ttl")
    index = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)) | {URIRef(c) for _, cs in GROUPS
                                                              for c in cs}:
        index[compact(str(cls))] = {compact(str(c)) for c in
                                    ontology.transitive_objects(cls, RDFS.subClassOf)}
    return index


def _group(types, classes) -> str:
    for name, members in GROUPS:
        wanted = {compact(m) for m in members}
        if any(wanted & classes.get(t, {t}) for t in types):
            return name
    return OTHER
