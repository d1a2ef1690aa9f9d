"""The data of a page per thing: every IRI under …/id/ that has a label gets one.

Two named queries feed every page of a build: view-pages (each thing's own statements, read
forwards for its facts and links and backwards for what links to it) and view-vocabulary (the
names of classes, properties and concepts). A page's address follows its IRI:
…/id/event/<slug> → id/event/<slug>.html inside each language tree, so a server can later
answer the IRI itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from kg import i18n
from kg.i18n import things
from kg.namespaces import BASE, PREFIXES, compact
from kg.terms import IRI, canonical_decimal, literal_value

ID = BASE + "id/"
RDF_TYPE = PREFIXES["rdf"] + "type"
LABELS = (PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "prefLabel", PREFIXES["dct"] + "title")
ALT_LABELS = (PREFIXES["skos"] + "altLabel",)
DESCRIPTIONS = (PREFIXES["dct"] + "description", PREFIXES["skos"] + "definition")
EARLIEST = PREFIXES["sem"] + "hasEarliestBeginTimeStamp"
LATEST = PREFIXES["sem"] + "hasLatestEndTimeStamp"
PRECISION = PREFIXES["kg"] + "datePrecision"
EDTF = PREFIXES["kg"] + "edtf"
AS_WRITTEN = PREFIXES["kg"] + "dateAsWritten"
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
PART_OF = PREFIXES["dct"] + "isPartOf"
NOTATION = PREFIXES["skos"] + "notation"
AGENT = PREFIXES["kg"] + "agent"
# shown in the page's head (name, what, when, source) rather than among its facts
SHOWN_APART = {
    RDF_TYPE,
    *LABELS,
    *ALT_LABELS,
    *DESCRIPTIONS,
    EARLIEST,
    LATEST,
    PRECISION,
    EDTF,
    AS_WRITTEN,
}
TYPE_ORDER = (
    "event",
    "actor",
    "instrument",
    "recommendation",
    "participation",
    "place",
    "observation",
    "indicator",
    "dataset",
    "gap",
    "section",
    "source",
)
IN_NETWORK = {"event", "actor", "instrument", "recommendation", "place"}
LANG_STRING = PREFIXES["rdf"] + "langString"
XSD = PREFIXES["xsd"]
# schema.org types by the thing's most specific class, else by the folder of its IRI
SCHEMA_BY_CLASS = {
    "Ministry": "GovernmentOrganization",
    "Inspectorate": "GovernmentOrganization",
    "Parliament": "GovernmentOrganization",
    "PublicBody": "GovernmentOrganization",
    "Office": "GovernmentOrganization",
    "Person": "Person",
    "Law": "Legislation",
    "Bill": "Legislation",
    "Convention": "Legislation",
    "PolicyDocument": "CreativeWork",
    "Programme": "CreativeWork",
}
SCHEMA_BY_TYPE = {
    "event": "Event",
    "actor": "Organization",
    "instrument": "CreativeWork",
    "recommendation": "DefinedTerm",
    "indicator": "DefinedTerm",
    "place": "Place",
    "dataset": "Dataset",
    "observation": "Observation",
    "section": "CreativeWork",
    "source": "CreativeWork",
    "gap": "CreativeWork",
    "participation": "Role",
}


@dataclass
class Statement:
    property: str
    text: str
    is_iri: bool
    language: str = ""
    datatype: str = ""


@dataclass
class Statements:
    """Every thing's statements (language-neutral: fetched once for both trees)."""

    by_thing: dict[str, list[Statement]] = field(default_factory=dict)
    incoming: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (source, prop)


def statements(graph) -> Statements:
    """Run view-pages once; return each thing's statements and what links to it."""
    found = Statements(defaultdict(list), defaultdict(list))
    for row in graph.named("view-pages"):
        thing, prop, text = row["thing"], row["property"], lexical(row["value"])
        is_iri = isinstance(row["value"], IRI)  # the query layer types IRIs
        found.by_thing[thing].append(
            Statement(
                prop,
                text,
                is_iri,
                row.get("language") or "",
                "" if is_iri else row.get("datatype") or "",
            )
        )
        if is_iri and text.startswith(ID) and prop != RDF_TYPE:
            found.incoming[text].append((thing, prop))
    return found


def lexical(value) -> str:
    """Return a literal's value (as the query layer gives it) in its canonical RDF text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    return str(value)


def vocabulary(graph, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return the label of each class, property and concept in `lang` (else Dutch), and the
    notation of each concept that has one (a date precision: 'year', 'half-year', …)."""
    labels: dict[str, tuple[bool, str]] = {}
    notations: dict[str, str] = {}
    for row in graph.named("view-vocabulary", lang=lang):
        term = row["term"]
        candidate = (row["language"] != lang, row["label"])  # the page language first
        labels[term] = min(labels.get(term, candidate), candidate)
        if row.get("notation"):
            notations[term] = min(notations.get(term, row["notation"]), row["notation"])
    return {term: label for term, (_, label) in labels.items()}, notations


def path_of(iri: str) -> str:
    """Return '<type>/<slug>' of a thing's IRI (…/id/event/x → 'event/x')."""
    return iri[len(ID) :]


def safe_path(path: str) -> bool:
    """Whether '<type>/<slug>' makes a file inside its folder: two plain segments, no '..', no
    separator or character a file name or a relative link cannot hold as it is."""
    parts = path.split("/")
    return len(parts) == 2 and all(
        part not in ("", ".", "..")
        and not any(c in part for c in '\\?#%<>"|*:')
        and part.isprintable()
        for part in parts
    )


def pick(values: list[Statement], lang: str) -> str:
    """Return the value in `lang`, else Dutch, else without language, else any (smallest)."""
    for wanted in (lang, "nl", ""):
        found = sorted(v.text for v in values if v.language == wanted)
        if found:
            return found[0]
    return min((v.text for v in values), default="")


class Pages:
    """The page data of every thing in one language."""

    def __init__(self, found: Statements, vocab: tuple[dict, dict], lang: str):
        self.found, self.lang = found, lang
        self.vocab, self.notations = vocab
        self.t = things.text(lang)
        self.types = things.TYPES[lang]
        self.labels = {}
        for thing, values in found.by_thing.items():
            named = [v for v in values if v.property in LABELS and not v.is_iri]
            if named and safe_path(path_of(thing)):
                self.labels[thing] = pick(named, lang)
        self.when = {thing: self._when(found.by_thing[thing]) for thing in self.labels}
        self._refs: dict[str, dict] = {}

    def things(self) -> list[str]:
        """Return every thing that gets a page: by type, events by date, then label and IRI."""
        order = {t: i for i, t in enumerate(TYPE_ORDER)}

        def key(iri: str):
            kind = self.kind(iri)
            day = (self.when.get(iri) or {}).get("earliest", "") if kind == "event" else ""
            return order.get(kind, 99), day, self.labels[iri].lower(), iri  # events by date

        return sorted(self.labels, key=key)

    def kind(self, iri: str) -> str:
        return path_of(iri).split("/", 1)[0]

    def property_label(self, prop: str) -> str:
        return self.vocab.get(prop) or things.PROPERTIES[self.lang].get(prop) or compact(prop)

    def type_label(self, kind: str) -> str:
        return self.types.get(kind, (kind, kind))[0]

    def ref(self, iri: str) -> dict:
        """A linked thing as a table cell shows it: label, page path, type and date (made once
        per thing: a thing is linked from many pages; callers copy it, never change it)."""
        found = self._refs.get(iri)
        if found is None:
            found = self._refs[iri] = self._ref(iri)
        return found

    def _ref(self, iri: str) -> dict:
        kind = self.kind(iri)
        when = self.when.get(iri)
        return {
            "iri": iri,
            "path": path_of(iri) if iri in self.labels else "",
            "label": self.labels.get(iri) or compact(iri),
            "type": kind,
            "typeLabel": self.type_label(kind),
            "when": when["text"] if when else "",
            "sort": when["earliest"] if when else "",
        }

    def _when(self, values: list[Statement]) -> dict | None:
        by = defaultdict(list)
        for v in values:
            by[v.property].append(v)
        if EARLIEST not in by:
            return None
        earliest = min(dt.date.fromisoformat(v.text) for v in by[EARLIEST])
        latest = max((dt.date.fromisoformat(v.text) for v in by.get(LATEST, [])), default=earliest)
        precision = self.notations.get(by[PRECISION][0].text) if PRECISION in by else "day"
        return {
            "text": i18n.format_when(earliest, latest, precision, self.lang),
            "earliest": earliest.isoformat(),
            "latest": latest.isoformat(),
            "earliestText": i18n.format_date(earliest, self.lang),
            "latestText": i18n.format_date(latest, self.lang),
            "precision": precision or "",
            "edtf": pick(by[EDTF], self.lang) if EDTF in by else "",
            "asWritten": [
                {"text": v.text, "lang": v.language}
                for v in sorted(by.get(AS_WRITTEN, []), key=lambda v: v.text)
            ],
        }

    def value(self, v: Statement) -> dict:
        """A literal or a concept as text, in the page language's way of writing it."""
        if v.is_iri:
            return {"text": self.vocab.get(v.text) or compact(v.text), "lang": ""}
        if v.datatype == XSD + "date":
            day = literal_value(v.text, v.datatype)
            if isinstance(day, dt.date):
                return {"text": i18n.format_date(day, self.lang), "lang": ""}
        if v.datatype in (XSD + "decimal", XSD + "integer", XSD + "double"):
            number = literal_value(v.text, v.datatype)
            if not isinstance(number, str):
                number = canonical_decimal(number) if v.datatype == XSD + "decimal" else number
                return {"text": i18n.format_number(number, self.lang), "lang": ""}
        return {"text": v.text, "lang": v.language if v.language != self.lang else ""}

    def page(self, iri: str) -> dict:
        """Return the data of one thing's page."""
        values = self.found.by_thing[iri]
        kind, path = self.kind(iri), path_of(iri)
        by = defaultdict(list)
        for v in values:
            by[v.property].append(v)
        facts, links = defaultdict(list), []
        for v in values:
            if v.property in SHOWN_APART or (
                v.property == DERIVED_FROM and self.kind(v.text) == "section"
            ):
                continue  # a section it comes from: shown as its source
            if v.is_iri and v.text in self.labels:
                links.append(
                    {
                        "relation": self.property_label(v.property),
                        "property": v.property,
                        **self.ref(v.text),
                    }
                )
            elif not (
                v.language
                and v.language != self.lang
                and any(o.language == self.lang for o in by[v.property])
            ):
                facts[v.property].append(self.value(v))
        incoming = [
            {"relation": self.property_label(prop), "property": prop, **self.ref(source)}
            for source, prop in self.found.incoming.get(iri, ())
            if source in self.labels
        ]
        for rows in (links, incoming):
            rows.sort(key=lambda r: (r["relation"], r["sort"], r["label"].lower(), r["iri"]))
        classes = sorted(
            {self.vocab[v.text] for v in by.get(RDF_TYPE, []) if v.text in self.vocab}
        )  # the ontology's own names
        return {
            "lang": self.lang,
            "iri": iri,
            "id": compact(iri),
            "path": path,
            "type": kind,
            "typeLabel": self.type_label(kind),
            "label": self.labels[iri],
            "classes": classes,
            "classIds": sorted({compact(v.text) for v in by.get(RDF_TYPE, [])}),
            "alternatives": sorted({v.text for v in by.get(PREFIXES["skos"] + "altLabel", [])}),
            "description": pick(by[DESCRIPTIONS[0]] + by[DESCRIPTIONS[1]], self.lang),
            "when": self.when.get(iri),
            "facts": [
                {
                    "relation": self.property_label(p),
                    "property": p,
                    "values": sorted(vs, key=lambda x: x["text"]),
                }
                for p, vs in sorted(facts.items(), key=lambda item: self.property_label(item[0]))
            ],
            "links": links,
            "incoming": incoming,
            "sources": self.sources(values),
            "views": {"timeline": kind == "event", "network": kind in IN_NETWORK},
        }

    def sources(self, values: list[Statement]) -> list[dict]:
        """The monitor sections a thing comes from, each with its line and named source."""
        found = []
        for v in values:
            if v.property != DERIVED_FROM or self.kind(v.text) != "section":
                continue
            section, line, source, seen = v.text, "", None, set()
            for s in self.found.by_thing.get(section, []):
                if s.property == NOTATION:
                    line = s.text
            walk = section
            while walk not in seen and source is None:  # up the sections to the source
                seen.add(walk)
                parents = sorted(
                    s.text
                    for s in self.found.by_thing.get(walk, [])
                    if s.property == PART_OF and s.is_iri
                )
                if not parents:
                    break
                walk = parents[0]
                if self.kind(walk) == "source":
                    source = walk
            found.append(
                {
                    "section": dict(self.ref(section)),
                    "line": line,
                    "lineText": self.t["line"].format(line=line) if line else "",
                    "source": dict(self.ref(source)) if source else None,
                }
            )
        return sorted(found, key=lambda s: (s["section"]["label"], s["section"]["iri"]))


def json_ld(page: dict) -> dict:
    """Return the page's facts as schema.org JSON-LD (with its own context: parses offline)."""
    local = {compact_class.rsplit(":", 1)[-1] for compact_class in page.get("classIds", [])}
    kind = SCHEMA_BY_TYPE.get(page["type"], "Thing")
    if page["type"] in ("actor", "instrument"):  # an event of kind Report is still an Event
        kind = next((SCHEMA_BY_CLASS[c] for c in sorted(local) if c in SCHEMA_BY_CLASS), kind)
    doc = {
        "@context": {"@vocab": "https://schema.org/", "@language": page["lang"]},
        "@id": page["iri"],
        "@type": kind,
        "name": page["label"],
        "identifier": page["id"],
    }
    if page["description"]:
        doc["description"] = page["description"]
    if page["alternatives"]:
        doc["alternateName"] = page["alternatives"]
    when = page["when"]
    if when:
        if when["precision"] == "day":  # a day only where the text gives one
            doc["startDate" if kind == "Event" else "dateCreated"] = when["earliest"]
        else:
            doc["temporalCoverage"] = f"{when['earliest']}/{when['latest']}"
    related = defaultdict(list)
    for link in page["links"]:
        name = (
            "isPartOf"
            if link["property"] == PART_OF
            else {
                "place": "location" if kind == "Event" else "spatialCoverage",
                "instrument": "about",
                "recommendation": "about",
                "source": "isBasedOn",
            }.get(link["type"])
        )
        if name:
            related[name].append({"@id": link["iri"], "name": link["label"]})
        elif link["property"] == AGENT and kind == "Event":  # who acted, not whom it addressed
            related["contributor"].append({"@id": link["iri"], "name": link["label"]})
    for source in page["sources"]:
        related["citation"].append(
            {"@id": source["section"]["iri"], "name": source["section"]["label"]}
        )
    doc.update({name: items for name, items in related.items()})
    return doc
