"""RDF terms → plain Python values, the same for every backend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


class IRI(str):
    """A string that is bound as an IRI, not a literal, when passed as a query parameter."""


def literal_value(lexical: str, datatype: str | None):
    """Return the Python value of a literal: int, Decimal, float, bool, date or str."""
    parse = _PARSERS.get(datatype)
    if parse is None:
        return lexical
    try:
        return parse(lexical)
    except (ValueError, InvalidOperation):
        return lexical  # an ill-typed literal keeps its lexical form


def canonical_decimal(value: Decimal) -> Decimal:
    """Return the decimal in canonical form (38.0 → 38, 8.80 → 8.8).

    Oxigraph canonicalises decimal literals and rdflib keeps them as written; this makes both
    give the same value, printed the same way.
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


_PARSERS = {
    **dict.fromkeys(_INTEGER_TYPES, int),
    XSD + "decimal": lambda lexical: canonical_decimal(Decimal(lexical)),
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": lambda lexical: lexical.strip() in ("true", "1"),
    XSD + "date": dt.date.fromisoformat,
    XSD + "dateTime": dt.datetime.fromisoformat,
}


def from_oxigraph(term):
    """Return the Python value of a pyoxigraph term (None stays None)."""
    # a converter per exact type: this runs once per cell of every result
    convert = _FROM_OXIGRAPH.get(type(term)) or _converter(term)
    return convert(term)


def _literal(term):
    if term.language:
        return term.value
    datatype = term.datatype.value
    return term.value if datatype == _STRING else literal_value(term.value, datatype)


def _converter(term):
    """Return (and remember) the converter for the type of `term`."""
    import operator

    import pyoxigraph as ox  # imported on first use: the rdflib backend does without it

    _FROM_OXIGRAPH.update({ox.NamedNode: operator.attrgetter("value"), ox.Literal: _literal,
                           ox.BlankNode: lambda node: "_:" + node.value,
                           type(None): lambda _: None})
    return _FROM_OXIGRAPH.get(type(term), str)


_STRING = XSD + "string"
_FROM_OXIGRAPH: dict = {}


def to_oxigraph(value):
    """Return the pyoxigraph term a Python parameter value is bound as."""
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, IRI):
        return ox.NamedNode(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def oxigraph_to_rdflib(term):
    """Return the rdflib term for a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value if term.datatype else None
    if datatype == XSD + "string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype) if datatype else None)


def from_rdflib(term):
    """Return the Python value of an rdflib term (None stays None)."""
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)
