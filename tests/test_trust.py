"""Nothing the monitor text does not state: one test per trust rule (issue 13, point 2).

Each rule is checked against the source text itself (`SOURCE`), so a fact, date or short name
that creeps back in without being in the text fails here, naming the resource that breaks it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

SOURCE = Path("/work/shared/sources/geweld-tegen-kinderen.txt")
REPO_SOURCE = Path(__file__).resolve().parent / "fixtures" / "geweld-tegen-kinderen.txt"
MAX_RUN = 12  # longest run of words a label or description may share with the text

# Words that make a date expression: months, seasons, halves, quarters, 'eind', a year.
DATE_WORD = re.compile(
    r"\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|voorjaar|zomer|najaar|winter|helft|kwartaal|eind|begin|jaarlijks|"
    r"(19|20)\d\d)\b",
    re.IGNORECASE,
)
APPROXIMATION = re.compile(r"\b(ongeveer|naar schatting|bijna|ruim|circa)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def text() -> str:
    path = REPO_SOURCE if REPO_SOURCE.exists() else SOURCE
    return path.read_text(encoding="utf-8")


def words(value: str) -> list[str]:
    """Lower-case words without punctuation, quotes or dashes, so runs compare fairly."""
    return re.findall(r"[0-9a-zà-ÿ]+(?:['’][a-z]+)?", value.lower().replace("’", "'"))


def shared_run(value: str, source_words: set[tuple[str, ...]], n: int) -> str | None:
    """Return the first run of `n` consecutive words of `value` that the text also has."""
    tokens = words(value)
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i : i + n]) in source_words:
            return " ".join(tokens[i : i + n])
    return None


def test_no_label_or_description_copies_a_long_run_of_the_text(graph, text):
    """Labels and descriptions are in our own words: no run of 13+ words taken from the text.

    Titles the text gives (dct:title, quoted document names) are exempt: a title is a name.
    """
    tokens = words(text)
    n = MAX_RUN + 1
    grams = {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    rows = graph.query("""
        SELECT ?s ?p ?o WHERE {
          VALUES ?p { rdfs:label dct:description skos:prefLabel skos:definition rdfs:comment
                      skos:note kg:dateNote }
          ?s ?p ?o . FILTER(isLiteral(?o) && lang(?o) = "nl")
          FILTER NOT EXISTS { ?s a kg:MonitorSection } }""")  # a section's label is its heading
    offenders = []
    for row in rows:
        # a quoted title may be copied whole; judge the rest of the sentence
        unquoted = re.sub(r"[‘'\"“][^’'\"”]{10,}[’'\"”]", " ", row["o"])
        run = shared_run(unquoted, grams, n)
        if run:
            offenders.append(f"{row['s']} {row['p'].rsplit('/', 1)[-1]}: “{run}”")
    assert not offenders, "copied from the text:\n" + "\n".join(offenders)


def test_the_checker_catches_a_copied_run(text):
    tokens = words(text)
    n = MAX_RUN + 1
    grams = {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    copied = (
        "Intro. De commissie stelt dat de Hervormingsagenda een noodzakelijke maar niet "
        "voldoende voorwaarde is voor een beter jeugdstelsel."
    )
    assert shared_run(copied, grams, n) is not None
    own = "De commissie vindt de Hervormingsagenda nodig, maar niet genoeg voor een beter stelsel."
    assert shared_run(own, grams, n) is None


def test_every_date_as_written_is_in_the_text_and_is_a_date(graph, text):
    rows = graph.query("SELECT ?s ?d WHERE { ?s kg:dateAsWritten ?d }")
    assert rows
    flat = " ".join(text.split())
    bad = [
        f"{r['s']}: {r['d']!r}" for r in rows if r["d"] not in flat or not DATE_WORD.search(r["d"])
    ]
    assert not bad, (
        "kg:dateAsWritten not verbatim in the text or without a date word:\n" + "\n".join(bad)
    )


def test_no_invented_short_names(graph, text):
    """A short name (skos:altLabel, no language or Dutch) occurs in the text, or says who gives it."""
    rows = graph.query("""
        SELECT ?s ?a WHERE { ?s skos:altLabel ?a .
          FILTER(lang(?a) = "" || lang(?a) = "nl")
          FILTER NOT EXISTS { ?s kg:shortNameSource ?source } }""")
    assert rows
    flat = " ".join(text.split()).lower().replace("’", "'")
    bad = [f"{r['s']}: {r['a']!r}" for r in rows if r["a"].lower().replace("’", "'") not in flat]
    assert not bad, "short names the text does not use:\n" + "\n".join(bad)


def test_labels_and_descriptions_use_only_the_texts_abbreviations(graph, text):
    """An abbreviation (two or more capitals: IGJ, GI's) in a Dutch label or description of the
    data is one the text uses, so no 'OCW' or 'JenV' where the text writes the name in full."""
    rows = graph.query("""
        SELECT ?s ?o WHERE {
          VALUES ?p { rdfs:label dct:description skos:prefLabel skos:definition rdfs:comment }
          ?s ?p ?o . FILTER(isLiteral(?o) && lang(?o) = "nl")
          FILTER(STRSTARTS(str(?s), "https://w3id.org/kinderrechten-kg/id/"))
          # an outside document's own symbol (CRC/C/NLD/CO/5-6), which its note declares outside
          FILTER NOT EXISTS { ?s dct:identifier ?symbol ; skos:note ?note } }""")
    flat = text.replace("’", "'")
    bad = set()
    for row in rows:
        for token in re.findall(r"\b[A-Z][A-Za-z&]*[A-Z][A-Za-z&+']*", row["o"].replace("’", "'")):
            if not re.search(r"(?<![A-Za-z])" + re.escape(token) + r"(?![A-Za-z])", flat):
                bad.add(f"{row['s']}: {token}")
    assert not bad, "abbreviations the text does not use:\n" + "\n".join(sorted(bad))


@pytest.mark.parametrize(
    "name", ["WSM", "Wet VBJ", "NAP", "ontwerpbesluit VBJ", "OCW", "J&V", "JenV"]
)
def test_dropped_short_names_stay_dropped(graph, name):
    assert not graph.query(
        "SELECT ?s WHERE { ?s skos:altLabel ?a FILTER(str(?a) = ?name) }", name=name
    )


# Sentences in the passive voice, or that name no actor, with the event that models them (l. N).
PASSIVE = {
    "2025-01-30-inspectorates-report-vlaardingen-foster-child": 228,  # "werd ... aangeboden"
    "2024-06-27-via225-opens-rotterdam": 176,  # "is geopend"
    "2024-04-15-nap-sgg-extended-to-2026": 236,  # "werd bekendgemaakt"
    "2024-10-29-rvt-development-direction-decided": 190,  # "werd ... bepaald"
    "2024-06-20-report-inrichting-regionale-veiligheidsteams": 188,  # "werd ... opgeleverd"
    "2025-03-zjcn-advice-line-set-up": 162,  # "is een advieslijn ingesteld"
    "2025-03-05-written-questions-waiting-youth-protector": 232,  # "zijn ... vragen gesteld"
    "2025-04-15-bill-vbj-adopted-tweede-kamer": 269,  # "is ... aangenomen"
    "2024-09-27-reports-attitudes-violence-bes": 246,  # "zijn ... aangeboden"
}


@pytest.mark.parametrize("slug", sorted(PASSIVE))
def test_passive_sentences_have_no_agent(graph, slug, text):
    line = text.splitlines()[PASSIVE[slug] - 1]
    assert re.search(r"\b(werd|is|wordt|werden|zijn)\b", line)
    rows = graph.query("SELECT ?a WHERE { ?e kg:agent ?a }", e=_iri("event", slug))
    assert not rows, f"{slug} (l. {PASSIVE[slug]}) is passive in the text but has an agent"


def test_approximations_carry_bounds_not_an_exact_value(graph):
    rows = graph.query("""
        SELECT ?o ?w (BOUND(?v) AS ?exact) (BOUND(?lo) || BOUND(?hi) AS ?bounded)
        WHERE { ?o kg:valueAsWritten ?w .
          OPTIONAL { ?o kg:value ?v } OPTIONAL { ?o kg:lowerBound ?lo }
          OPTIONAL { ?o kg:upperBound ?hi } }""")
    approximations = [r for r in rows if APPROXIMATION.search(r["w"])]
    assert len(approximations) >= 4
    bad = [f"{r['o']}: {r['w']!r}" for r in approximations if r["exact"] or not r["bounded"]]
    assert not bad, "approximations stated as exact values:\n" + "\n".join(bad)


def test_about_186_children_is_an_approximation(graph):
    """'ongeveer 186' (l. 105): no exact value; the one bound the text implies is 93 (one child
    per care report at least), and the source's own estimate stays as an approximate value."""
    row = graph.query("""SELECT ?v ?about ?lo WHERE {
        obs:bes-children-in-youth-care-reports-2024 kg:approximateValue ?about ; kg:lowerBound ?lo
        OPTIONAL { obs:bes-children-in-youth-care-reports-2024 kg:value ?v } }""")
    assert row == [{"v": None, "about": 186, "lo": 93}]


def test_undated_ongoing_work_follows_one_rule(graph):
    """Work the text reports in the present tense without a date ('werkt aan', 'momenteel')
    has no kg:dateAsWritten and is dated by the monitor's reporting year (ontology/README.md)."""
    rows = graph.query("""
        SELECT ?e ?edtf ?from ?to ?written WHERE {
          ?e kg:status kg:ongoing ; kg:undatedInText true ; kg:edtf ?edtf ;
             sem:hasEarliestBeginTimeStamp ?from ; sem:hasLatestEndTimeStamp ?to .
          OPTIONAL { ?e kg:dateAsWritten ?written } }""")
    assert len(rows) >= 6
    for row in rows:
        assert row["written"] is None, row["e"]
        assert (row["edtf"], row["from"], row["to"]) == (
            "2025",
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
        ), row["e"]


def test_timeline_of_28_march_2025_has_one_event(graph):
    day = dt.date(2025, 3, 28)
    rows = graph.named("timeline", **{"from": day, "to": day})
    assert [r["event"].rsplit("/", 1)[-1] for r in rows] == [
        "2025-03-28-kamerbrief-response-inspection-caribbean-justice"
    ]


@pytest.mark.parametrize(
    ("resource", "words_required", "line"),
    [
        ("event/2024-07-01-wet-seksuele-misdrijven-in-force", ("volwassene",), 240),
        ("instrument/wet-seksuele-misdrijven", ("volwassene",), 240),
    ],
)
def test_sexchatting_is_an_offence_for_adults(graph, text, resource, words_required, line):
    assert "als volwassene" in text.splitlines()[line - 1]
    rows = graph.query(
        "SELECT ?d WHERE { ?s dct:description ?d FILTER(lang(?d) = 'nl') }",
        s=_iri(*resource.split("/")),
    )
    assert all(w in rows[0]["d"] for w in words_required)


def test_vlaardingen_girl_was_spoken_with_and_listened_to(graph):
    rows = graph.query(
        "SELECT ?d WHERE { ?s dct:description ?d FILTER(lang(?d) = 'en') }",
        s=_iri("event", "2025-01-30-inspectorates-report-vlaardingen-foster-child"),
    )
    assert "spoken with" in rows[0]["d"] and "listened to" in rows[0]["d"]
    assert "heard from" not in rows[0]["d"]


def test_the_advice_line_belongs_to_no_one(graph, text):
    assert "Ook is een advieslijn ingesteld." in text
    rows = graph.query(
        "SELECT ?l WHERE { ?a a kg:Helpline ; rdfs:label ?l . "
        "FILTER(CONTAINS(lcase(str(?l)), 'advieslijn') || "
        "CONTAINS(lcase(str(?l)), 'advice line')) }"
    )
    assert rows and not [r for r in rows if "ZJCN" in r["l"]]


def test_igj_framework_is_for_supervising_veilig_thuis(graph, text):
    """l. 130: the framework is for supervising Veilig Thuis, not its waiting lists."""
    assert "een toetsingskader voor toezicht op Veilig Thuis." in text
    rows = graph.query("""SELECT ?s ?d WHERE { ?s dct:description ?d
        FILTER(CONTAINS(lcase(str(?d)), "toetsingskader") || CONTAINS(lcase(str(?d)), "assessment framework")) }""")
    assert len(rows) >= 4  # the IGJ, the framework, the event, in two languages
    for row in rows:
        clauses = [
            c
            for c in row["d"].replace(";", ",").split(",")
            if "toetsingskader" in c or "assessment framework" in c
        ]
        assert clauses and not [
            c
            for c in clauses
            if "wachtlijst" in c or "waiting" in c or "dat toezicht" in c or "that supervision" in c
        ], row["s"]


def _iri(kind: str, slug: str):
    from kg.terms import IRI

    return IRI(f"https://w3id.org/kinderrechten-kg/id/{kind}/{slug}")
