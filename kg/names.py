"""What people call things: names → the graph's IRIs (one normaliser, one index, one set of
rules), and the short name a thing is shown by.

A thing is found by any name it goes by: a label (Dutch or English), a short name or
abbreviation (GI's, LNVT), a notation (22d), a title, its slug (igj, with or without dashes),
its prefixed name (ac:igj), its IRI or <IRI>. Names are compared ignoring case, the forms of
quotes and dashes, spaces and a leading article (de, het, een, the, a, an), so `de IGJ`,
`gi’s` and `GI's` are what people mean. The index is read from the graph with one query
(kg/queries/resolve/names.rq), so whatever the data names is known the moment it is there.

Every caller resolves through `Names`; the rules differ only in how much a name may match:
`lookup` (curation: one exact match of one kind), `one` (paths, --focus: an exact match beats
a part of a name; actors before instruments, recommendations, events), `denoted` (a named
query's parameter: every thing the name denotes).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from kg import resources
from kg.errors import KgError
from kg.namespaces import PREFIXES, compact
from kg.terms import IRI

# what people name, by kind: the class its things are instances of, or the SKOS scheme they are
# in; in the order in which kinds win when a name fits things of several kinds
KINDS = {
    "actor": PREFIXES["sem"] + "Actor",
    "instrument": PREFIXES["kg"] + "PolicyInstrument",
    "recommendation": PREFIXES["kg"] + "RecommendationScheme",
    "event": PREFIXES["kg"] + "Event",
    "place": PREFIXES["sem"] + "Place",
    "kind": PREFIXES["kg"] + "EventKind",
    "section": PREFIXES["kg"] + "MonitorSection",
    "source": PREFIXES["kg"] + "Source",
    "status": PREFIXES["kg"] + "StatusScheme",
    "outcome": PREFIXES["kg"] + "OutcomeScheme",
    "precision": PREFIXES["kg"] + "PrecisionScheme",
}
# kinds a query parameter matches by a part of a name too (Toekomstscenario → its parts)
PARTIAL_KINDS = ("instrument",)
_ARTICLE = re.compile(r"^(?:de|het|een|the|a|an)\s+")
_FOLD = str.maketrans("’‘`´“”„–—", "''''\"\"\"--")


class UnknownName(KgError, LookupError):
    """Nothing in the graph goes by that name."""


class AmbiguousName(KgError, LookupError):
    """Several things go by that name."""


def normalise(name: str) -> str:
    """Return the key a name is compared by: case, quotes, dashes and spaces folded, no
    leading article."""
    text = unicodedata.normalize("NFKC", str(name)).casefold().translate(_FOLD)
    text = re.sub(r"\s+", " ", text).strip(" \"'.;,")
    return _ARTICLE.sub("", text)


def slug(iri: str) -> str:
    """Return the last segment of an IRI (`igj`, `2025-01-21-gis-withdraw-…`)."""
    return re.split(r"[/#]", str(iri).rstrip("/"))[-1]


@cache
def _query() -> str:
    return (resources.QUERIES_DIR / "resolve" / "names.rq").read_text(encoding="utf-8")


class Names:
    """The names of the things of a graph (or of some kinds), ready to resolve names against."""

    def __init__(self, rows: Iterable[dict]):
        self.kinds: dict[str, set[str]] = defaultdict(set)  # IRI → its kinds
        self.keys: dict[str, set[str]] = defaultdict(set)  # exact key → IRIs
        self.parts: dict[str, set[str]] = defaultdict(set)  # key of a label or slug → IRIs
        self.written: dict[tuple[str, str], None] = {}  # (IRI, name as written), in order
        self.shown: dict[str, str] = {}  # IRI → the name error messages show
        self.rows = list(rows)
        for row in self.rows:
            self._add(str(row["thing"]), row["kind"], row.get("name"), row.get("lang") or "")

    @classmethod
    def read(cls, graph, kinds: Iterable[str] | None = None) -> Names:
        """Return the names of the things of `kinds` (default: every kind) in `graph`."""
        chosen = list(KINDS) if kinds is None else list(kinds)
        unknown = sorted(set(chosen) - set(KINDS))
        if unknown:
            raise ValueError(f"unknown kind {', '.join(unknown)}: use {', '.join(KINDS)}")
        kind_of = {KINDS[kind]: kind for kind in chosen}
        rows = graph.query(_query(), top=[IRI(KINDS[kind]) for kind in chosen])
        return cls({**row, "kind": kind_of[str(row["top"])]} for row in rows)

    def _add(self, iri: str, kind: str, name: str | None, lang: str) -> None:
        if kind not in self.kinds[iri]:
            self.kinds[iri].add(kind)
            local = slug(iri)
            for key in {normalise(local), normalise(local.replace("-", " "))}:
                self.parts[key].add(iri)
            for key in {normalise(local), normalise(local.replace("-", " ")), normalise(iri)}:
                self.keys[key].add(iri)
        if not name:
            return
        name = str(name)
        self.written[(iri, name)] = None
        self.keys[normalise(name)].add(iri)
        self.parts[normalise(name)].add(iri)
        # shown as the shortest Dutch or untagged name (abbreviations are untagged), not a number
        shown = self.shown.get(iri)
        if lang in ("", "nl") and not name.isdigit() and (shown is None or len(name) < len(shown)):
            self.shown[iri] = name

    # ------------------------------------------------------------------ matching

    def exact(self, name: str, kinds: Iterable[str] | None = None) -> list[str]:
        """Return the IRIs (sorted) of the things `name` is a name of."""
        return self._fitting(self.keys.get(_key(name), set()), kinds)

    def containing(self, name: str, kinds: Iterable[str] | None = None) -> list[str]:
        """Return the IRIs (sorted) of the things with a label, short name or slug that holds
        `name`."""
        key = _key(name)
        if not key:
            return []
        found = {iri for part, iris in self.parts.items() if key in part for iri in iris}
        return self._fitting(found, kinds)

    def _fitting(self, iris: set[str], kinds: Iterable[str] | None) -> list[str]:
        wanted = set(kinds) if kinds is not None else None
        return sorted(i for i in iris if wanted is None or self.kinds[i] & wanted)

    def denoted(self, name: str, kind: str) -> list[str]:
        """Return every thing of `kind` that `name` denotes, as a query parameter: exact names,
        and for instruments a part of a name as well (a programme and its parts)."""
        found = set(self.exact(name, [kind]))
        if kind in PARTIAL_KINDS:
            found.update(self.containing(name, [kind]))
        return sorted(found)

    def lookup(self, name: str, kind: str) -> str:
        """Return the one thing of `kind` called exactly `name` (as a curator writes it)."""
        found = self.exact(name, [kind])
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousName(f"{kind} {name!r} is ambiguous: {self._list(found)}")
        raise UnknownName(f"unknown {kind} {name!r}" + self.suggest(name, [kind]))

    def one(
        self,
        name: str,
        kinds: Iterable[str] = tuple(KINDS),
        among: Iterable[str] | None = None,
    ) -> str:
        """Return the one thing called `name`: an exact name beats a part of one; among several,
        the first of `kinds` wins (actors before instruments, recommendations, events).
        `among`, when given, are the only IRIs that count (e.g. the events up to a day)."""
        kinds = tuple(kinds)
        if not _key(name):
            raise UnknownName("give a name: a label, abbreviation or slug")
        allowed = set(among) if among is not None else None
        for found in (self.exact(name, kinds), self.containing(name, kinds)):
            found = [i for i in found if allowed is None or i in allowed]
            if found:
                rank = {
                    iri: min(kinds.index(k) for k in self.kinds[iri] if k in kinds) for iri in found
                }
                first = [i for i in found if rank[i] == min(rank.values())]
                if len(first) == 1:
                    return first[0]
                more = f" and {len(first) - 6} more" if len(first) > 6 else ""
                raise AmbiguousName(
                    f"{name!r} could be {self._list(first[:6])}{more}: "
                    "give more of the name or a slug"
                )
        raise UnknownName(f"nothing in the graph is called {name!r}" + self.suggest(name, kinds))

    def suggest(self, name: str, kinds: Iterable[str] | None = None) -> str:
        """Return ' — did you mean A (ac:a) or B (ac:b)?' for the names closest to `name`."""
        wanted = set(kinds) if kinds is not None else None
        keys = [
            k
            for k, iris in self.keys.items()
            if wanted is None or any(self.kinds[i] & wanted for i in iris)
        ]
        close = difflib.get_close_matches(_key(name), keys, n=8, cutoff=0.6)
        iris = [i for k in close for i in self._fitting(self.keys[k], kinds)]
        iris = list(dict.fromkeys(iris))[:3]
        return f" — did you mean {' or '.join(map(self.describe, iris))}?" if iris else ""

    def describe(self, iri: str) -> str:
        """Return how a message names a thing: `IGJ (ac:igj)`."""
        shown = self.shown.get(iri)
        return f"{shown} ({compact(iri)})" if shown else compact(iri)

    def _list(self, iris: list[str]) -> str:
        return ", ".join(sorted(map(self.describe, iris)))

    def __len__(self) -> int:
        return len(self.kinds)


def find(graph, name: str, kinds: Iterable[str] = tuple(KINDS), among=None) -> str:
    """Return the one thing of `kinds` in `graph` called `name`, by the rules of `Names.one`,
    reading the names of one kind at a time (remembered by the graph): a name of an actor is
    found without reading the names of every event of a large graph."""
    kinds = tuple(kinds)
    allowed = None if among is None else set(among)
    for kind in kinds:
        names = graph.names([kind])
        if any(allowed is None or iri in allowed for iri in names.exact(name, [kind])):
            return names.one(name, [kind], allowed)  # an exact name; earlier kinds have none
    every = Names(row for kind in kinds for row in graph.names([kind]).rows)
    return every.one(name, kinds, allowed)


def abbreviation(alternatives: Iterable[str], label: str) -> str:
    """Return the short form to show for a thing: an alternative name that looks like an
    abbreviation (two or more capitals or digits: IGJ, GI's, minister van VWS) and is shorter
    than the label; the most capitals first, then the fuller form (GI's before GI)."""

    def capitals(name: str) -> int:
        return sum(ch.isupper() or ch.isdigit() for ch in name)

    fitting = [a for a in alternatives if capitals(a) >= 2 and len(a) < len(label)]
    return max(fitting, key=lambda a: (capitals(a), len(a), a), default="")


def short_name(label: str, abbreviation: str = "", notation: str = "") -> str:
    """Return the name shown where room is short, on the site and by the CLI alike: the
    abbreviation (see `abbreviation`), else the notation (22d), else the label."""
    return abbreviation or notation or label


def _key(name: str) -> str:
    """Return the key of a name as a user gives it: `<IRI>` unwrapped, a prefixed name expanded."""
    text = str(name).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    return normalise(text)
