"""RDF terms → plain Python values, the same for every backend."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


class IRI(str):
    """A string that is bound as an IRI, not a literal, when passed as a query parameter."""


RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Text(str):
    """A literal's text as the engine gave it, with its language tag and datatype.

    Every value in a row that is not a number, boolean or date is a Text (or an IRI): a
    language-tagged label (``.lang == "nl"``, datatype rdf:langString), a plain string
    (``.lang is None``, datatype xsd:string), a literal of a datatype kg does not convert, or
    an ill-typed literal such as ``"yes"^^xsd:boolean``, kept as its lexical form.
    """

    __slots__ = ("datatype", "lang")
    lang: str | None
    datatype: str

    def __new__(cls, value: str, lang: str | None = None, datatype: str | None = None):
        text = super().__new__(cls, value)
        text.lang = lang
        text.datatype = datatype or (RDF_LANG_STRING if lang else XSD + "string")
        return text

    def __reduce__(self):  # pickling across processes keeps the tag and the datatype
        return (Text, (str(self), self.lang, self.datatype))


# The lexical spaces of XSD (Python's int() and float() also take "1_000", " 7 " and "inf").
_LEXICAL = {
    "integer": re.compile(r"[+-]?[0-9]+"),
    "decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    "double": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee][+-]?[0-9]+)?|[+-]?INF|NaN"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "dateTime": re.compile(
        r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
}


def literal_value(lexical: str, datatype: str | None, lang: str | None = None):
    """Return the Python value of a literal: int, Decimal (exact), float, bool, date, datetime,
    or a Text keeping the lexical form, language tag and datatype (also when ill-typed)."""
    parse = _PARSERS.get(datatype)
    if parse is not None:
        kind, convert = parse
        if _LEXICAL[kind].fullmatch(lexical):
            try:
                return convert(lexical)
            except (ValueError, InvalidOperation, OverflowError):
                pass  # e.g. 2023-02-30: ill-typed, kept as written
    return Text(lexical, lang, datatype)


def canonical_decimal(value: Decimal) -> Decimal:
    """Return the decimal in canonical form (38.0 → 38, 8.80 → 8.8), exactly: no digit lost.

    Oxigraph canonicalises decimal literals and rdflib keeps them as written; this makes both
    give the same value, printed the same way. Only the digits are moved (Decimal arithmetic
    such as normalize() would round to 28 digits).
    """
    sign, written, exponent = value.as_tuple()
    if isinstance(exponent, str):  # NaN and the infinities have no digits to move
        return value
    digits = list(written)
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if exponent > 0:
        digits, exponent = digits + [0] * exponent, 0
    if exponent < 0 and digits == [0]:
        exponent = 0
    return Decimal((sign, tuple(digits), exponent))


def _datetime(lexical: str) -> dt.datetime:
    return dt.datetime.fromisoformat(lexical.replace("Z", "+00:00"))


# datatype IRI → (the lexical space checked first, the converter)
_PARSERS: dict[str | None, tuple[str, Callable[[str], object]]] = {
    **dict.fromkeys(_INTEGER_TYPES, ("integer", int)),
    XSD + "decimal": ("decimal", lambda lexical: canonical_decimal(Decimal(lexical))),
    XSD + "double": ("double", float),
    XSD + "float": ("double", float),
    XSD + "boolean": ("boolean", lambda lexical: lexical in ("true", "1")),
    XSD + "date": ("date", dt.date.fromisoformat),
    XSD + "dateTime": ("dateTime", _datetime),
}


def from_oxigraph(term):
    """Return the Python value of a pyoxigraph term (None stays None)."""
    # a converter per exact type: this runs once per cell of every result
    convert = _FROM_OXIGRAPH.get(type(term)) or _converter(term)
    return convert(term)


@lru_cache(maxsize=1 << 16)
def _text(value: str, lang: str | None) -> Text:
    # labels come back row after row: one shared Text each is cheaper than a new one a cell;
    # rows are read, not changed, so sharing is safe
    return Text(value, lang)


def _literal(term):
    if term.language:
        return _text(term.value, term.language)
    datatype = term.datatype.value
    return _text(term.value, None) if datatype == _STRING else literal_value(term.value, datatype)


def _converter(term):
    """Return (and remember) the converter for the type of `term`."""
    import pyoxigraph as ox  # imported on first use: the rdflib backend does without it

    _FROM_OXIGRAPH.update(
        {
            ox.NamedNode: lambda node: IRI(node.value),
            ox.Literal: _literal,
            ox.BlankNode: lambda node: "_:" + node.value,
            type(None): lambda _: None,
        }
    )
    return _FROM_OXIGRAPH.get(type(term), str)


_STRING = XSD + "string"
_FROM_OXIGRAPH: dict = {}


def to_oxigraph(value):
    """Return the pyoxigraph term a Python parameter value is bound as."""
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, Text) and (value.lang or value.datatype != XSD + "string"):
        if value.lang:  # a value from a row binds as the very term the engine gave
            return ox.Literal(str(value), language=value.lang)
        return ox.Literal(str(value), datatype=ox.NamedNode(value.datatype))
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
    # normalize=False: an ill-typed literal ("yes"^^xsd:boolean) keeps its lexical form
    return Literal(term.value, datatype=URIRef(datatype) if datatype else None, normalize=False)


def from_rdflib(term):
    """Return the Python value of an rdflib term (None stays None)."""
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language:
            return Text(str(term), term.language)
        return literal_value(str(term), str(term.datatype) if term.datatype else XSD + "string")
    if isinstance(term, BNode):
        return "_:" + str(term)
    return IRI(str(term))
