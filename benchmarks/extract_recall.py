"""Recall and precision of `kg extract` against the events already curated in data/.

    python benchmarks/extract_recall.py [TEXT_FILE] [--data PATH ...] [--verbose]

A curated event counts as found when some candidate has the same earliest date
(sem:hasEarliestBeginTimeStamp) and either
  (a) the same kind (rdf:type), or
  (b) at least two shared content words between the candidate's sentence and the event's Dutch
      label, Dutch description and dateAsWritten. Content words have 5+ letters and are neither
      common Dutch words nor frequent in the text itself (in 5% or more of its sentences, such
      as "kinderen", "geweld", "Veilig Thuis"), so a shared topic alone does not match.
Both also require the same monitor section (prov:wasDerivedFrom), unless --any-section is given.
Recall = events found / events; precision = candidates that find some event / candidates (also
given for the candidates that propose a kind). Several events may be found by one candidate
(one sentence, two motions) and several candidates may find one event.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

SOURCE = Path("/work/shared/sources/geweld-tegen-kinderen.txt")
COMMON = {
    "aantal",
    "andere",
    "anders",
    "bijna",
    "blijkt",
    "daarbij",
    "daarin",
    "daarnaast",
    "eerder",
    "eerste",
    "geeft",
    "gedaan",
    "geweest",
    "hebben",
    "heeft",
    "hierover",
    "kunnen",
    "moeten",
    "nieuwe",
    "onder",
    "ongeveer",
    "tegen",
    "tweede",
    "waarin",
    "waarbij",
    "wordt",
    "worden",
    "zowel",
    "tussen",
    "omdat",
    "welke",
    "tijdens",
    "sinds",
    "vanuit",
    "verder",
}

EVENTS = """
SELECT ?event ?kind ?earliest ?section ?label ?description ?written WHERE {
    ?event a ?kind ; sem:hasEarliestBeginTimeStamp ?earliest .
    OPTIONAL { ?event prov:wasDerivedFrom ?section }
    ?kind a kg:EventKind .
    OPTIONAL { ?event rdfs:label ?label FILTER(lang(?label) = "nl") }
    OPTIONAL { ?event dct:description ?description FILTER(lang(?description) = "nl") }
    OPTIONAL { ?event kg:dateAsWritten ?written }
}"""


def words(text: str, frequent=frozenset()) -> set[str]:
    text = (text or "").lower().replace("’", "'")
    return {
        w for w in re.findall(r"[a-zà-ÿ0-9]{5,}", text) if w not in COMMON and w not in frequent
    }


def frequent_words(text: str, share: float = 0.05) -> frozenset:
    """Return the words found in at least `share` of the text's sentences."""
    from collections import Counter

    from kg.curate.paragraphs import blocks, sentences

    all_sentences = [s for b in blocks(text) for s in sentences(b.text)]
    counts = Counter(w for s in all_sentences for w in words(s))
    return frozenset(w for w, n in counts.items() if n >= share * len(all_sentences))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", type=Path, default=SOURCE)
    parser.add_argument("--data", action="append", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--any-section",
        action="store_true",
        help="match events whatever section the candidate stands in",
    )
    args = parser.parse_args(argv)

    import kg
    from kg.curate.extract import extract
    from kg.namespaces import compact

    graph = kg.load(args.data)
    frequent = frequent_words(args.text.read_text(encoding="utf-8"))
    events = {}
    for row in graph.query(EVENTS):
        event = events.setdefault(
            row["event"],
            {
                "kind": compact(row["kind"]).split(":")[1],
                "earliest": row["earliest"],
                "words": set(),
                "sections": set(),
            },
        )
        if row.get("section"):
            event["sections"].add(compact(row["section"]).split(":", 1)[1])
        for key in ("label", "description", "written"):
            event["words"] |= words(row.get(key), frequent)
    if not events:
        print("no curated events in the data yet: nothing to measure against")
        return 1
    started = time.perf_counter()
    candidates = extract(args.text, graph=graph).candidates
    seconds = time.perf_counter() - started

    found: dict[str, str] = {}  # event → how
    via: dict[str, int] = {}  # event → the line of a candidate that found it
    useful: set[int] = set()
    for number, candidate in enumerate(candidates):
        sentence_words = words(candidate.sentence, frequent)
        for iri, event in events.items():
            if candidate.date.earliest != event["earliest"]:
                continue
            if not args.any_section and candidate.section not in event["sections"]:
                continue
            if candidate.kind == event["kind"]:
                how = "date + kind"
            elif len(sentence_words & event["words"]) >= 2:
                how = "date + words"
            else:
                continue
            useful.add(number)
            if found.get(iri) != "date + kind":
                found[iri], via[iri] = how, candidate.line
    with_kind = [i for i, c in enumerate(candidates) if c.kind]
    recall = len(found) / len(events)
    precision = len(useful) / len(candidates) if candidates else 0.0
    precision_kind = (len(useful & set(with_kind)) / len(with_kind)) if with_kind else 0.0
    by_how = {h: sum(1 for v in found.values() if v == h) for h in ("date + kind", "date + words")}

    print(
        f"text: {args.text}   (frequent words left out of (b): {len(frequent)}; "
        f"{'any section' if args.any_section else 'same section required'})"
    )
    print(
        f"curated events: {len(events)}   candidates: {len(candidates)} "
        f"({len(with_kind)} with a kind)   extract took {seconds:.2f} s"
    )
    print(
        f"recall:    {recall:6.1%}  ({len(found)}/{len(events)}; "
        f"{by_how['date + kind']} by date + kind, {by_how['date + words']} by date + words)"
    )
    print(
        f"precision: {precision:6.1%}  ({len(useful)}/{len(candidates)} candidates find an event)"
    )
    print(f"precision of candidates with a kind: {precision_kind:6.1%}")
    missed = sorted(
        (e["earliest"], compact(i), e["kind"]) for i, e in events.items() if i not in found
    )
    if missed:
        print("\nmissed events:")
        for earliest, iri, kind in missed:
            print(f"  {earliest}  {kind:<18} {iri}")
    if args.verbose:
        print("\nevents found by date + words only:")
        for iri, how in sorted(found.items()):
            if how == "date + words":
                print(f"  {compact(iri)}  ← line {via[iri]}")
        print("\ncandidates that find no event:")
        for number, c in enumerate(candidates):
            if number not in useful:
                print(
                    f"  line {c.line:>3}  {c.date.edtf:<14} {c.kind or '-':<18} {c.sentence[:70]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
