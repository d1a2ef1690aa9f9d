"""Names a curator writes (IGJ, Tweede Kamer, motie, 22a-moties) → the graph's IRIs.

Every lookup table is read from the loaded graph with a parameterised SPARQL query (the class
or scheme is bound as a term, never pasted), so new actors or sections in data/ are known the
moment they are there. Unknown names come back with close matches (difflib).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from kg.namespaces import KG, PREFIXES, compact
from kg.terms import IRI

_BY_CLASS = """
SELECT ?thing ?label (LANG(?label) AS ?lang) WHERE {
    ?thing a ?type . ?type rdfs:subClassOf* ?cls .
    FILTER(isIRI(?thing))
    OPTIONAL { ?thing rdfs:label|skos:prefLabel|skos:altLabel|skos:notation|dct:title|foaf:name
                      ?label }
}"""

_BY_SCHEME = """
SELECT ?thing ?label (LANG(?label) AS ?lang) WHERE {
    ?thing skos:inScheme ?scheme .
    OPTIONAL { ?thing rdfs:label|skos:prefLabel|skos:altLabel|skos:notation ?label }
}"""

# what a column names → (how it is looked up, the class or scheme)
VOCABULARIES = {
    "actor": ("class", "http://semanticweb.cs.vu.nl/2009/11/sem/Actor"),
    "instrument": ("class", KG + "PolicyInstrument"),
    "kind": ("class", KG + "EventKind"),
    "section": ("class", KG + "MonitorSection"),
    "place": ("class", "http://semanticweb.cs.vu.nl/2009/11/sem/Place"),
    "source": ("class", KG + "Source"),
    "event": ("class", KG + "Event"),
    "recommendation": ("scheme", KG + "RecommendationScheme"),
    "status": ("scheme", KG + "StatusScheme"),
    "outcome": ("scheme", KG + "OutcomeScheme"),
    "precision": ("scheme", KG + "PrecisionScheme"),
}

_ARTICLES = re.compile(r"^(?:de|het|een|the|a|an)\s+")


def normalise(name: str) -> str:
    """Return the key a name is compared by: case, quotes, accents' forms and spaces folded."""
    text = unicodedata.normalize("NFKC", str(name)).casefold().strip()
    text = text.translate(str.maketrans("’‘`“”–—", "'''\"\"--"))
    text = re.sub(r"\s+", " ", text).strip(" \"'.;,")
    return _ARTICLES.sub("", text)


@dataclass
class Vocabulary:
    """The names of one kind of thing: key → IRIs, and a display name per IRI."""

    what: str
    keys: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    names: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label as written)

    def add(self, iri: str, name: str | None, lang: str = "") -> None:
        if name:
            self.names.append((iri, str(name)))
        for key in {
            normalise(compact(iri)),
            normalise(iri),
            normalise(_local(iri)),
            normalise(_local(iri).replace("-", " ")),
            normalise(name or ""),
        }:
            if key:
                self.keys.setdefault(key, set()).add(iri)
        # shown as the shortest Dutch or untagged name (abbreviations are untagged), not a number
        if (
            name
            and lang in ("", "nl")
            and not str(name).isdigit()
            and (iri not in self.shown or len(str(name)) < len(self.shown[iri]))
        ):
            self.shown[iri] = str(name)

    def lookup(self, name: str) -> str:
        """Return the IRI `name` stands for; raise LookupError saying what is close."""
        key = normalise(name)
        found = self.keys.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            options = ", ".join(sorted(self.describe(i) for i in found))
            raise LookupError(f"{self.what} {name!r} is ambiguous: {options}")
        raise LookupError(f"unknown {self.what} {name!r}" + self.suggest(key))

    def suggest(self, key: str) -> str:
        close = difflib.get_close_matches(key, list(self.keys), n=6, cutoff=0.6)
        iris = list(dict.fromkeys(i for k in close for i in sorted(self.keys[k])))[:3]
        if not iris:
            return ""
        return " — did you mean " + " or ".join(self.describe(i) for i in iris) + "?"

    def describe(self, iri: str) -> str:
        shown = self.shown.get(iri)
        return f"{shown} ({compact(iri)})" if shown else compact(iri)

    def __len__(self) -> int:
        return len(self.shown) or len({i for v in self.keys.values() for i in v})


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


class Resolver:
    """Lookups against one loaded graph, read once per vocabulary."""

    def __init__(self, graph):
        self.graph = graph
        self._cache: dict[str, Vocabulary] = {}

    def vocabulary(self, what: str) -> Vocabulary:
        if what not in self._cache:
            how, term = VOCABULARIES[what]
            text = _BY_CLASS if how == "class" else _BY_SCHEME
            param = {"cls": IRI(term)} if how == "class" else {"scheme": IRI(term)}
            vocabulary = Vocabulary(what)
            for row in self.graph.query(text, **param):
                vocabulary.add(row["thing"], row.get("label"), row.get("lang") or "")
            self._cache[what] = vocabulary
        return self._cache[what]

    def lookup(self, what: str, name: str) -> str:
        """Return the IRI of the `what` called `name` (a label, abbreviation, slug or IRI)."""
        name = str(name).strip()
        if name.startswith("<") and name.endswith(">"):
            name = name[1:-1]
        if ":" in name and not name.startswith("http"):
            prefix, _, local = name.partition(":")
            if prefix in PREFIXES:
                name = PREFIXES[prefix] + local
        return self.vocabulary(what).lookup(name)
