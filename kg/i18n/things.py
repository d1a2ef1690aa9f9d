"""The words of the pages per thing and the language switch, in Dutch and English (dates and
numbers are worded by kg.i18n itself)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "switch": "English",
        "when": "Wanneer",
        "bounds": "Op zijn vroegst {earliest}, op zijn laatst {latest}",
        "edtf": "EDTF",
        "as_written": "Zoals de monitor het schrijft",
        "links_out": "Verbonden met",
        "links_in": "Verwijzen hierheen",
        "relation": "Verband",
        "table": "Tabel",
        "thing": "Wat",
        "type": "Soort",
        "date": "Datum",
        "section": "Sectie in de monitor",
        "line": "regel {line}",
        "named_source": "Genoemde bron",
        "on_timeline": "Op de tijdlijn",
        "in_network": "In het netwerk",
        "turtle": "Deze gegevens als Turtle (RDF)",
        "json": "Gegevens van deze pagina (JSON)",
        "csv": "CSV",
        "csv_label": "Download deze tabel als CSV",
        "index_title": "Alle pagina's per ding",
        "index_lead": "Elke gebeurtenis, actor, elk programma, elke aanbeveling, elk cijfer en "
        "elke bron in de kennisgraaf heeft een eigen pagina met een vast adres.",
        "index_link": "Alle pagina's per ding",
        "also_called": "Ook genoemd",
        "identifier": "Adres (IRI)",
    },
    "en": {
        "switch": "Nederlands",
        "when": "When",
        "bounds": "At the earliest {earliest}, at the latest {latest}",
        "edtf": "EDTF",
        "as_written": "As the monitor writes it",
        "links_out": "Linked to",
        "links_in": "Linked from",
        "relation": "Link",
        "table": "Table",
        "thing": "What",
        "type": "Type",
        "date": "Date",
        "section": "Section of the monitor",
        "line": "line {line}",
        "named_source": "Named source",
        "on_timeline": "On the timeline",
        "in_network": "In the network",
        "turtle": "This data as Turtle (RDF)",
        "json": "Data of this page (JSON)",
        "csv": "CSV",
        "csv_label": "Download this table as CSV",
        "index_title": "Every page per thing",
        "index_lead": "Every event, actor, programme, recommendation, figure and source in the "
        "knowledge graph has a page of its own at a fixed address.",
        "index_link": "Every page per thing",
        "also_called": "Also called",
        "identifier": "Address (IRI)",
    },
}

# What a thing is by the folder of its IRI (…/id/<type>/<slug>): singular, plural
TYPES: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {
        "event": ("Gebeurtenis", "Gebeurtenissen"),
        "actor": ("Actor", "Actoren"),
        "instrument": ("Programma, wet of document", "Programma's, wetten en documenten"),
        "recommendation": ("Aanbeveling", "Aanbevelingen"),
        "participation": ("Deelname", "Deelname"),
        "place": ("Plaats", "Plaatsen"),
        "observation": ("Cijfer", "Cijfers"),
        "indicator": ("Indicator", "Indicatoren"),
        "dataset": ("Cijferreeks", "Cijferreeksen"),
        "gap": ("Ontbrekende gegevens", "Ontbrekende gegevens"),
        "section": ("Sectie van de monitor", "Secties van de monitor"),
    },
    "en": {
        "event": ("Event", "Events"),
        "actor": ("Actor", "Actors"),
        "instrument": ("Programme, law or document", "Programmes, laws and documents"),
        "recommendation": ("Recommendation", "Recommendations"),
        "participation": ("Participation", "Participation"),
        "place": ("Place", "Places"),
        "observation": ("Figure", "Figures"),
        "indicator": ("Indicator", "Indicators"),
        "dataset": ("Data set", "Data sets"),
        "gap": ("Data gap", "Data gaps"),
        "section": ("Section of the monitor", "Sections of the monitor"),
    },
}

# Names of properties the ontology borrows from other vocabularies and does not label itself
PROPERTIES: dict[str, dict[str, str]] = {
    "nl": {
        "http://purl.org/dc/terms/isPartOf": "onderdeel van",
        "http://purl.org/dc/terms/hasPart": "omvat",
        "http://purl.org/dc/terms/source": "bron",
        "http://purl.org/dc/terms/publisher": "uitgever",
        "http://purl.org/dc/terms/subject": "onderwerp",
        "http://purl.org/dc/terms/language": "taal",
        "http://purl.org/dc/terms/issued": "verschenen",
        "http://www.w3.org/ns/prov#wasDerivedFrom": "afgeleid uit",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace": "plaats",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor": "actor",
        "http://data.europa.eu/eli/ontology#based_on": "gebaseerd op",
        "http://www.w3.org/ns/org#hasMember": "lid",
        "http://www.w3.org/ns/org#memberOf": "lid van",
        "http://www.w3.org/ns/org#subOrganizationOf": "valt onder",
        "http://www.w3.org/2004/02/skos/core#notation": "code",
        "http://www.w3.org/2004/02/skos/core#broader": "valt onder",
        "http://www.w3.org/2004/02/skos/core#inScheme": "in het schema",
        "http://purl.org/linked-data/cube#dataSet": "cijferreeks",
        "http://www.w3.org/2000/01/rdf-schema#seeAlso": "zie ook",
        "http://www.w3.org/2000/01/rdf-schema#comment": "toelichting",
        "http://xmlns.com/foaf/0.1/homepage": "website",
    },
    "en": {
        "http://purl.org/dc/terms/isPartOf": "part of",
        "http://purl.org/dc/terms/hasPart": "includes",
        "http://purl.org/dc/terms/source": "source",
        "http://purl.org/dc/terms/publisher": "publisher",
        "http://purl.org/dc/terms/subject": "subject",
        "http://purl.org/dc/terms/language": "language",
        "http://purl.org/dc/terms/issued": "issued",
        "http://www.w3.org/ns/prov#wasDerivedFrom": "derived from",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace": "place",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor": "actor",
        "http://data.europa.eu/eli/ontology#based_on": "based on",
        "http://www.w3.org/ns/org#hasMember": "member",
        "http://www.w3.org/ns/org#memberOf": "member of",
        "http://www.w3.org/ns/org#subOrganizationOf": "part of",
        "http://www.w3.org/2004/02/skos/core#notation": "code",
        "http://www.w3.org/2004/02/skos/core#broader": "broader",
        "http://www.w3.org/2004/02/skos/core#inScheme": "in scheme",
        "http://purl.org/linked-data/cube#dataSet": "data set",
        "http://www.w3.org/2000/01/rdf-schema#seeAlso": "see also",
        "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
        "http://xmlns.com/foaf/0.1/homepage": "website",
    },
}


def text(lang: str) -> dict[str, str]:
    """Return the words of the entity pages in `lang` (nl or en)."""
    if lang not in TEXT:
        raise ValueError(f"unknown language {lang!r}: use nl or en")
    return TEXT[lang]
