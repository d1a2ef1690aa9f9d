"""Two editions of the graph → what the new one adds, removes and changes, by subject.

    >>> from kg.curate.diff import diff
    >>> result = diff("old/data", "data")
    >>> print(result.text()); result.equal

Blank nodes (the intervals of participations, RDF lists) are first given canonical labels
by structure (`canonical`): where they form trees hanging from IRIs, as they do in this data,
in one pass, so that equal graphs get equal triples and the triples only in one of them are
plain set differences (rdflib.compare, used for other shapes, is quadratic or worse: 1,000
blank nodes took a minute). Those triples are then told per named subject (a blank node's
triples belong to the IRI that points to it, shown as a path such as
org:memberDuring/time:hasEnd/time:inXSDDate, and list items are numbered: ex:items/[12]),
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
    (
        "statistics",
        [
            PREFIXES["qb"] + "Observation",
            PREFIXES["qb"] + "DataSet",
            KG + "DataGap",
            KG + "Indicator",
        ],
    ),
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
        head = (
            f"{self.old} ({self.old_triples} triples) → {self.new} ({self.new_triples} triples): "
        )
        if self.equal:
            return head + "equal (isomorphic)"
        head += f"{self.only_new} triples added, {self.only_old} removed"
        blocks = [head]
        for name, changes in self.groups().items():
            counts = ", ".join(
                f"{sum(c.kind == k for c in changes)} {k}"
                for k in ("added", "removed", "changed")
                if any(c.kind == k for c in changes)
            )
            lines = [line for change in changes for line in change.lines()]
            blocks.append(f"{name}: {counts}\n" + "\n".join(f"  {line}" for line in lines))
        return "\n\n".join(blocks)


def diff(old, new) -> DiffResult:
    """Return what NEW adds, removes and changes against OLD (each a file or a folder)."""
    import gc

    # hundreds of thousands of small tuples and terms, none in a cycle: the cycle collector
    # would walk them again and again (on a long list most of the time went to it)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _diff(old, new)
    finally:
        if enabled:
            gc.enable()


def _diff(old, new) -> DiffResult:
    # canonical blank node labels: equal graphs have equal triples, and the triples only in
    # one of them can be looked up in it
    old_iso, new_iso = canonical(triples(old)), canonical(triples(new))
    only_old, only_new = old_iso.triples - new_iso.triples, new_iso.triples - old_iso.triples
    if not only_old and not only_new:
        return DiffResult(Path(old), Path(new), len(old_iso), len(new_iso), 0, 0, [])
    classes = _class_index()
    subjects = set()
    for graph, changed in ((old_iso, only_old), (new_iso, only_new)):
        for s, _, _ in changed:
            subjects.add(_owner(graph, s))
    changes = [_change(s, old_iso, new_iso, classes) for s in subjects if s is not None]
    changes = [c for c in changes if c.kind != "changed" or c.details]
    changes.sort(key=lambda c: ({"added": 0, "removed": 1, "changed": 2}[c.kind], c.subject))
    return DiffResult(
        Path(old), Path(new), len(old_iso), len(new_iso), len(only_old), len(only_new), changes
    )


class Triples:
    """The triples of one edition (rdflib terms) with the two look-ups the report makes; a
    plain set and two dicts, several times quicker to fill than an rdflib Graph."""

    def __init__(self, triples):
        from rdflib import BNode

        self.triples = set(triples)
        self._out: dict = {}
        self._in: dict = {}
        for s, p, o in self.triples:
            self._out.setdefault(s, []).append((p, o))
            if isinstance(o, BNode):
                self._in.setdefault(o, []).append(s)

    def __iter__(self):
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def subjects(self, _predicate, obj):
        """The subjects pointing to the blank node `obj` (only blank nodes are asked for)."""
        return iter(self._in.get(obj, ()))

    def predicate_objects(self, subject):
        return iter(self._out.get(subject, ()))


def canonical(graph) -> Triples:
    """Return the triples of `graph` with its blank nodes relabelled canonically: two
    isomorphic graphs give the same triples.

    Where every blank node has at most one parent and none lies on a cycle (trees hanging from
    IRIs: intervals, RDF lists), a node's label is the hash of its parent's label or IRI and
    the predicate, and, when the parent has other blank nodes under that predicate, the hash
    of its own subtree and its rank among identical siblings: one pass up and one down,
    near-linear. Other shapes go to rdflib's to_canonical_graph.
    """
    from rdflib import BNode

    graph = graph if isinstance(graph, Triples) else Triples(graph)
    parent: dict = {}  # blank node → (subject, predicate) pointing to it
    for s, p, o in graph:
        if isinstance(o, BNode):
            if o in parent:  # shared: not a tree
                return _general(graph)
            parent[o] = (s, p)
    blank = {n for t in graph for n in (t[0], t[2]) if isinstance(n, BNode)}
    if not blank:
        return graph
    tops = [n for n in blank if not isinstance(parent.get(n, (None,))[0], BNode)]
    order = []  # parents before children
    stack = list(tops)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(o for _, o in graph.predicate_objects(node) if isinstance(o, BNode))
    if len(order) != len(blank):  # a ring of blank nodes that no IRI reaches
        return _general(graph)
    down: dict = {}  # blank node → hash of its subtree
    for node in reversed(order):  # children before parents
        down[node] = _hash(
            sorted(
                f"{p.n3()} {down[o] if isinstance(o, BNode) else o.n3()}"
                for p, o in graph.predicate_objects(node)
            )
        )
    label: dict = {}
    for node in order:
        if node in label:
            continue
        above = parent.get(node)
        if above is None:  # a blank node nothing points to
            siblings, above_label = [n for n in tops if n not in parent], ""
        else:
            siblings = [o for _, o in graph.predicate_objects(above[0]) if isinstance(o, BNode)]
            above_label = label[above[0]] if isinstance(above[0], BNode) else above[0].n3()
        groups: dict = {}
        for sibling in siblings:
            key = (parent.get(sibling, (None, ""))[1], down[sibling])
            groups.setdefault(key, []).append(sibling)
        per_predicate: dict = {}
        for predicate, _ in groups:
            per_predicate[predicate] = per_predicate.get(predicate, 0) + 1
        for (predicate, content), same in groups.items():
            if per_predicate[predicate] == 1 and len(same) == 1:
                # the only blank node there: its place names it, so a change inside it
                # changes its own triples only, not the labels of all below and above
                label[same[0]] = _hash([above_label, str(predicate)])
                continue
            for rank, sibling in enumerate(same):  # identical subtrees: any order is the same
                label[sibling] = _hash([above_label, str(predicate), content, str(rank)])
    relabel = {node: BNode(label[node][:32]) for node in blank}
    return Triples((relabel.get(s, s), p, relabel.get(o, o)) for s, p, o in graph)


def _hash(parts) -> str:
    import hashlib

    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _general(graph: Triples) -> Triples:
    from rdflib.compare import to_canonical_graph

    from kg.curate.turtle import bound_graph

    return Triples(to_canonical_graph(bound_graph(graph)))


def triples(path) -> Triples:
    """Return the triples of the RDF files at `path` (a file or a folder), as rdflib terms."""
    from kg.files import rdflib_quads

    return Triples((s, p, o) for s, p, o, _ in rdflib_quads(resources.data_files([path])))


def load(path):
    """Return an rdflib Graph of the RDF files at `path` (a file or a folder)."""
    from kg.curate.turtle import bound_graph

    return bound_graph(triples(path))


# ------------------------------------------------------------------------------ helpers
def _owner(graph, node):
    """Return the IRI a (blank) node hangs from, or the node itself when it is an IRI; None
    for blank nodes no IRI reaches. Answers are kept on the graph, so that the nodes of a long
    list are walked up once in all, not once each."""
    from rdflib import BNode

    known = graph.__dict__.setdefault("_owners", {}) if isinstance(graph, Triples) else {}
    walked: dict = {}  # in order, and quick to look up
    while isinstance(node, BNode) and node not in known and node not in walked:
        walked[node] = None
        node = next(graph.subjects(None, node), None)
    found = known.get(node, node) if isinstance(node, BNode) else node
    for step in walked:
        known[step] = found
    return found


_RDF = PREFIXES["rdf"]


def _flatten(graph, subject, path=(), depth: int = 4):
    """Return {(path, value)} for `subject`, following blank nodes into paths and RDF lists
    into numbered items (ex:items/[12])."""
    from rdflib import BNode

    pairs: set[tuple[tuple[str, ...], str]] = set()
    for predicate, value in graph.predicate_objects(subject):
        step = (*path, compact(str(predicate)))
        items = _items(graph, value) if isinstance(value, BNode) else None
        if items is not None:
            steps = [((*step, f"[{n}]"), item) for n, item in enumerate(items, start=1)]
        else:
            steps = [(step, value)]
        for where, item in steps:
            if isinstance(item, BNode) and depth:
                inner = _flatten(graph, item, where, depth - 1)
                pairs |= inner or {(where, "[]")}
            else:
                pairs.add((where, _show(item)))
    return pairs


def _items(graph, node):
    """Return the items of the well-formed RDF list starting at `node`, else None."""
    from rdflib import BNode, URIRef

    first, rest = URIRef(_RDF + "first"), URIRef(_RDF + "rest")
    items, seen = [], set()
    while str(node) != _RDF + "nil":
        if not isinstance(node, BNode) or node in seen:
            return None
        seen.add(node)
        found = dict(graph.predicate_objects(node))
        if set(found) != {first, rest}:
            return None
        items.append(found[first])
        node = found[rest]
    return items


def _show(term) -> str:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        if term.language:
            text = str(term) if len(str(term)) <= 60 else str(term)[:57] + "…"
            return f"“{text}”@{term.language}"
        if (
            term.datatype is not None
            and compact(str(term.datatype)).startswith("xsd:")
            and compact(str(term.datatype)) != "xsd:string"
        ):
            return str(term)
        return f"“{term}”"
    return str(term)


def _change(subject, old, new, classes) -> Change:
    before, after = _flatten(old, subject), _flatten(new, subject)
    name = compact(str(subject))
    facts = after or before
    types = sorted(v for p, v in facts if p == ("rdf:type",))
    label = next(
        (v for key in _LABELS for p, v in sorted(facts) if p == (key,) and v.endswith("@nl")), ""
    ) or next((v for key in _LABELS for p, v in sorted(facts) if p == (key,)), "")
    label = label.rsplit("@", 1)[0].strip("“”") if label else ""
    group = _group(types, classes)
    if not before:
        return Change(name, group, "added", label, types)
    if not after:
        return Change(name, group, "removed", label, types)
    details = []
    was_at, now_at = _by_path(before), _by_path(after)  # one pass each: a long list is linear
    for path in sorted(was_at.keys() | now_at.keys()):
        was, now = sorted(was_at.get(path, ())), sorted(now_at.get(path, ()))
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


def _by_path(pairs) -> dict:
    grouped: dict = {}
    for path, value in pairs:
        grouped.setdefault(path, []).append(value)
    return grouped


def _class_index() -> dict[str, set[str]]:
    """Return class → its superclasses (itself included), read from the ontology."""
    from rdflib import RDFS, URIRef

    ontology = load(resources.ONTOLOGY_DIR / "kg.ttl")
    index = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)) | {
        URIRef(c) for _, cs in GROUPS for c in cs
    }:
        index[compact(str(cls))] = {
            compact(str(c)) for c in ontology.transitive_objects(cls, RDFS.subClassOf)
        }
    return index


def _group(types, classes) -> str:
    for name, members in GROUPS:
        wanted = {compact(m) for m in members}
        if any(wanted & classes.get(t, {t}) for t in types):
            return name
    return OTHER
