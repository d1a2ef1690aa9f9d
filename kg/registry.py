"""The named-query library: `kg/queries/*.rq`, each with a header of `# key: value` lines.

    # title@nl: Tijdlijn            # title@en: Timeline
    # description: Events in date order.
    # param from: date — earliest day (inclusive)
    # param lang: lang = nl — language of labels

Parameter types: string, date, integer, boolean, iri, lang; and actor and instrument, a name
(label, abbreviation, slug or IRI) that is first resolved to the IRIs it denotes, so the query
itself joins on IRIs and stays fast at any size. A `!` after the type (`date!`) marks a required
parameter. A parameter is a SPARQL variable
of the same name, bound as an RDF term; an optional one without a value stays unbound.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache

from kg import resources
from kg.errors import ParameterError, UnknownQuery
from kg.i18n import LANGUAGES
from kg.terms import IRI

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)(?P<required>!?)"
    r"(?:\s*=\s*(?P<default>[^—]*?))?\s*(?:—\s*(?P<help>.*))?$"
)
TYPES = ("string", "date", "integer", "boolean", "iri", "lang", "actor", "instrument")
# Types whose value is a name that the graph resolves to IRIs (kg.names).
RESOLVED_TYPES = ("actor", "instrument")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    help: str = ""
    required: bool = False

    def coerce(self, raw):
        """Return `raw` (text or a Python value) as the typed value bound to the query."""
        if raw is None:
            return None
        try:
            if self.type == "date":
                return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
            if self.type == "integer":
                return int(raw)
            if self.type == "boolean":
                if isinstance(raw, bool):
                    return raw
                if str(raw).lower() in ("true", "yes", "1", "ja"):
                    return True
                if str(raw).lower() in ("false", "no", "0", "nee"):
                    return False
                raise ValueError("expected true or false")
            if self.type == "iri":
                return IRI(str(raw))
            if self.type == "lang":
                if str(raw) not in LANGUAGES:
                    raise ValueError("expected " + " or ".join(LANGUAGES))
                return str(raw)
            return str(raw)
        except ValueError as error:
            raise ParameterError(
                f"parameter {self.name!r} expects {self.type} ({self.help or 'no help'}); "
                f"got {raw!r}: {error}"
            ) from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title: dict = field(default_factory=dict)
    description: str = ""
    params: tuple[Param, ...] = ()

    def bind(self, given: dict) -> dict:
        """Return typed parameter values with defaults filled in; reject unknown names."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                f"valid: {self.signature() or 'none'}"
            )
        values = {}
        for param in self.params:
            raw = given.get(param.name)
            if raw is None or raw == "":
                raw = param.default
            if raw is None and param.required:
                raise ParameterError(
                    f"query {self.name!r} needs parameter {param.name!r} ({param.type}: "
                    f"{param.help}); valid: {self.signature()}"
                )
            values[param.name] = param.coerce(raw)
        return values

    def signature(self) -> str:
        """Return the parameters as 'name:type[=default]', comma-separated."""
        return ", ".join(
            f"{p.name}:{p.type}"
            + ("!" if p.required else "")
            + (f"={p.default}" if p.default else "")
            for p in self.params
        )


def parse(name: str, text: str) -> NamedQuery:
    """Return the NamedQuery described by the header of `text`."""
    title, description, params = {}, [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key.startswith("title@"):
            title[key[6:]] = value
        elif key == "description":
            description.append(value)
        elif key.startswith("param "):
            match = _PARAM.match(key[6:] + ":" + value)
            if not match or match["type"] not in TYPES:
                raise ValueError(f"{name}.rq: bad parameter line {line!r}")
            params.append(
                Param(
                    match["name"],
                    match["type"],
                    (match["default"] or "").strip() or None,
                    (match["help"] or "").strip(),
                    bool(match["required"]),
                )
            )
    return NamedQuery(name, text, title, " ".join(description), tuple(params))


@cache
def all_queries() -> tuple[NamedQuery, ...]:
    """Return every named query, sorted by name."""
    return tuple(
        parse(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(resources.QUERIES_DIR.glob("*.rq"))
    )


def get(name: str) -> NamedQuery:
    """Return the named query `name`, or raise UnknownQuery suggesting close names."""
    for query in all_queries():
        if query.name == name:
            return query
    names = [q.name for q in all_queries()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"known: {', '.join(names)}"
    raise UnknownQuery(f"no named query {name!r}; {hint}")
