"""Synthetic graphs in the ontology's own shape, at any size (10k, 100k, 1M triples).

    python benchmarks/generate.py 100000 /tmp/syn-100k.nt

or, from the tests and the other benchmarks, `from benchmarks.generate import write_nodes`.

Events of every kind with exact and vague dates, statuses and outcomes, actors with
abbreviations, programmes with parts, recommendations (the five of the seed page, and more as
the graph grows, as a monitor of ten themes has), sections, participations with
intervals, and observations — the same predicates the curated data uses, so every named query
has work to do. Deterministic for a given size (seeded).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

BASE = "https://w3id.org/kinderrechten-kg/"
KG = BASE + "ontology#"
ID = BASE + "id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
P = {
    "label": "<http://www.w3.org/2000/01/rdf-schema#label>",
    "alt": "<http://www.w3.org/2004/02/skos/core#altLabel>",
    "pref": "<http://www.w3.org/2004/02/skos/core#prefLabel>",
    "notation": "<http://www.w3.org/2004/02/skos/core#notation>",
    "inScheme": "<http://www.w3.org/2004/02/skos/core#inScheme>",
    "desc": "<http://purl.org/dc/terms/description>",
    "title": "<http://purl.org/dc/terms/title>",
    "partOf": "<http://purl.org/dc/terms/isPartOf>",
    "derived": "<http://www.w3.org/ns/prov#wasDerivedFrom>",
    "generated": "<https://w3id.org/kinderrechten-kg/ontology#setBy>",
    "earliest": "<http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp>",
    "latest": "<http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestEndTimeStamp>",
    "member": "<http://www.w3.org/ns/org#member>",
    "organization": "<http://www.w3.org/ns/org#organization>",
    "during": "<http://www.w3.org/ns/org#memberDuring>",
    "begin": "<http://www.w3.org/2006/time#hasBeginning>",
    "end": "<http://www.w3.org/2006/time#hasEnd>",
    "inXSD": "<http://www.w3.org/2006/time#inXSDDate>",
    "dataSet": "<http://purl.org/linked-data/cube#dataSet>",
}
KINDS = [
    "Report",
    "ProgressReport",
    "Advice",
    "Study",
    "Statement",
    "Manifesto",
    "Letter",
    "Motion",
    "WrittenQuestions",
    "ParliamentaryLetter",
    "Debate",
    "RoundTable",
    "BillStage",
    "EntryIntoForce",
    "PolicyDecision",
    "BudgetDecision",
    "ProgrammeStart",
    "PolicyPreparation",
    "Consultation",
    "Implementation",
    "Pilot",
    "Campaign",
    "Training",
    "Agreement",
    "Opening",
    "Incident",
    "Withdrawal",
    "StepBack",
]
ACTOR_KINDS = [
    "Ministry",
    "Inspectorate",
    "Parliament",
    "AdvisoryBody",
    "ResearchInstitute",
    "CareOrganisation",
    "Helpline",
    "SectorBody",
    "NGO",
    "PublicBody",
    "ActorGroup",
]
ROLES = ["agent", "addressee", "commissioner", "partner", "subjectActor"]
STATUSES = ["occurred"] * 6 + ["planned", "ongoing", "postponed"]
RECS = ["22a", "22b", "22d", "22g", "22h"]  # the seed page's; more follow from 30a on
STANCES = ["concern", "selective", "steppedBack", "withdrawn", "callToStop"]


def iri(local: str) -> str:
    return f"<{ID}{local}>"


def kg(term: str) -> str:
    return f"<{KG}{term}>"


def lit(text: str, lang: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def typed(value, datatype: str) -> str:
    return f'"{value}"^^<{datatype}>'


def date(day: dt.date) -> str:
    return typed(day.isoformat(), XSD + "date")


# what generate() writes per network node, roughly: a graph of N nodes is N * TRIPLES_PER_NODE
TRIPLES_PER_NODE = 16


def write_nodes(path: Path, nodes: int) -> Path:
    """Write the synthetic graph of about `nodes` network nodes to `path` (N-Triples)."""
    with path.open("w", encoding="utf-8") as out:
        generate(nodes * TRIPLES_PER_NODE, out)
    return path


def generate(target: int, out) -> int:
    """Write about `target` triples of synthetic data as N-Triples to `out`; return the count."""
    rnd = random.Random(target)
    written = 0

    def t(s, p, o):
        nonlocal written
        out.write(f"{s} {p} {o} .\n")
        written += 1

    scale = max(target // 1000, 1)
    # recommendations grow like actors and programmes: the seed page has five for one theme;
    # the monitor's ten themes draw on many more of the Committee's (at 1M triples: 158)
    recs = RECS + [
        f"{30 + i // 8}{'abcdefgh'[i % 8]}" for i in range(max(int(5 * scale**0.5) - len(RECS), 0))
    ]
    for rec in recs:
        node = iri(f"recommendation/{rec}")
        t(node, RDF_TYPE, "<http://www.w3.org/2004/02/skos/core#Concept>")
        t(node, P["inScheme"], kg("RecommendationScheme"))
        t(node, P["notation"], lit(rec))
        t(node, P["pref"], lit(f"Aanbeveling {rec}", "nl"))
        t(node, P["pref"], lit(f"Recommendation {rec}", "en"))
    n_actors, n_programmes, n_sections = 20 * scale**0.5, 5 * scale**0.5, 10 * scale**0.5
    n_actors, n_programmes, n_sections = int(n_actors), int(n_programmes), int(n_sections)
    for i in range(n_sections):
        node = iri(f"section/syn-{i}")
        t(node, RDF_TYPE, kg("MonitorSection"))
        t(node, P["title"], lit(f"Sectie {i}", "nl"))
        t(node, P["partOf"], iri("source/monitor"))
    for i in range(n_actors):
        node = iri(f"actor/syn-{i}")
        t(node, RDF_TYPE, kg(ACTOR_KINDS[i % len(ACTOR_KINDS)]))
        t(node, P["label"], lit(f"Organisatie {i}", "nl"))
        t(node, P["label"], lit(f"Organisation {i}", "en"))
        t(node, P["alt"], lit(f"ORG{i}"))
    for i in range(n_programmes):
        node = iri(f"instrument/syn-{i}")
        t(node, RDF_TYPE, kg("Programme" if i % 3 else "Bill"))
        t(node, P["label"], lit(f"Programma {i}", "nl"))
        t(node, P["label"], lit(f"Programme {i}", "en"))
        if i and i % 4 == 0:
            t(node, P["partOf"], iri(f"instrument/syn-{i - 1}"))
    start = dt.date(2015, 1, 1)
    i = 0
    while written < target:
        node = iri(f"event/syn-{i}")
        kind = KINDS[i % len(KINDS)]
        t(node, RDF_TYPE, kg(kind))
        t(node, P["label"], lit(f"Gebeurtenis {i} ({kind})", "nl"))
        t(node, P["label"], lit(f"Event {i} ({kind})", "en"))
        t(node, P["desc"], lit(f"Synthetische beschrijving {i}", "nl"))
        t(node, P["desc"], lit(f"Synthetic description {i}", "en"))
        status = STATUSES[rnd.randrange(len(STATUSES))]
        t(node, kg("status"), kg(status))
        day = start + dt.timedelta(days=rnd.randrange(4000))
        if i % 5:  # exact day
            t(node, kg("edtf"), typed(day.isoformat(), EDTF))
            t(node, kg("datePrecision"), kg("day"))
            first, last = day, day
        else:  # a vague month
            first = day.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            t(node, kg("edtf"), typed(first.isoformat()[:7], EDTF))
            t(node, kg("datePrecision"), kg("month"))
        t(node, P["earliest"], date(first))
        t(node, P["latest"], date(last))
        if kind == "Motion":
            t(node, kg("outcome"), kg(rnd.choice(["adopted", "rejected", "submitted"])))
        if kind == "WrittenQuestions":
            t(node, kg("outcome"), kg(rnd.choice(["asked", "answered"])))
        for _ in range(1 + rnd.randrange(3)):
            t(node, kg(rnd.choice(ROLES)), iri(f"actor/syn-{rnd.randrange(n_actors)}"))
        t(node, kg("concerns"), iri(f"instrument/syn-{rnd.randrange(n_programmes)}"))
        if i % 3:
            t(node, kg("listedUnder"), iri(f"recommendation/{rnd.choice(recs)}"))
        t(node, P["derived"], iri(f"section/syn-{rnd.randrange(n_sections)}"))
        if i % 40 == 0:  # a participation record generated by this event
            part = iri(f"participation/syn-{i}")
            interval, begin = f"_:iv{i}", f"_:b{i}"
            t(part, RDF_TYPE, kg("Participation"))
            t(part, P["member"], iri(f"actor/syn-{rnd.randrange(n_actors)}"))
            t(part, P["organization"], iri(f"instrument/syn-{rnd.randrange(n_programmes)}"))
            t(part, kg("stance"), kg(rnd.choice(STANCES)))
            t(part, P["during"], interval)
            t(interval, P["begin"], begin)
            t(begin, P["inXSD"], date(first))
            t(part, P["generated"], node)
            t(part, P["derived"], iri(f"section/syn-{rnd.randrange(n_sections)}"))
        if i % 10 == 0:  # an observation
            obs, ind = iri(f"observation/syn-{i}"), iri(f"indicator/syn-{i % 50}")
            t(obs, RDF_TYPE, "<http://purl.org/linked-data/cube#Observation>")
            t(obs, P["dataSet"], iri("dataset/syn"))
            t(obs, kg("indicator"), ind)
            t(ind, RDF_TYPE, kg("Indicator"))
            t(ind, P["pref"], lit(f"Indicator {i % 50}", "nl"))
            year = 2015 + (i // 10) % 10
            t(obs, kg("period"), typed(str(year), EDTF))
            t(obs, kg("periodStart"), date(dt.date(year, 1, 1)))
            t(obs, kg("periodEnd"), date(dt.date(year, 12, 31)))
            t(obs, kg("value"), typed(rnd.randrange(100000), XSD + "integer"))
            t(obs, kg("unit"), kg("count"))
            t(obs, kg("area"), iri("place/nederland"))
            t(obs, P["derived"], iri(f"section/syn-{rnd.randrange(n_sections)}"))
        i += 1
    return written


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    target, path = int(argv[0]), Path(argv[1])
    with path.open("w", encoding="utf-8") as out:
        count = generate(target, out)
    print(f"{path}: {count} triples")


if __name__ == "__main__":
    main()
