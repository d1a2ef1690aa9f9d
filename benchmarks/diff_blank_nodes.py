"""`kg diff` with many blank nodes: the canonical labels of kg.curate.diff against
rdflib.compare (what the diff used before), on two editions that differ in one date.

    python benchmarks/diff_blank_nodes.py            # 1,000 and 10,000 blank nodes, a 200 KB list
    python benchmarks/diff_blank_nodes.py --old 300  # also time rdflib.compare up to 300

Prints one line per case: blank nodes, file size, seconds (wall, and CPU in brackets) for
kg.curate.diff.diff (the whole command: load, label, compare, report) and, where asked, for
the former rdflib.compare route.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAD = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""


def intervals(blank_nodes: int, changed: bool) -> str:
    """Memberships with an interval of two instants each: three blank nodes apiece."""
    rows = []
    for i in range(blank_nodes // 3):
        end = "2026-01-01" if changed and i == 7 else "2025-12-31"
        rows.append(
            f"ex:m{i} org:memberDuring [ time:hasBeginning [ time:inXSDDate "
            f'"2025-01-{1 + i % 28:02d}"^^xsd:date ] ; time:hasEnd [ time:inXSDDate '
            f'"{end}"^^xsd:date ] ] .'
        )
    return HEAD + "\n".join(rows) + "\n"


def a_list(kilobytes: int, changed: bool) -> str:
    """One RDF list of short strings, `kilobytes` of Turtle: one blank node per item."""
    items, size = [], 0
    while size < kilobytes * 1024:
        item = f'"item {len(items):05d}"' if not (changed and len(items) == 5) else '"changed"'
        items.append(item)
        size += len(item) + 1
    return HEAD + "ex:x ex:items ( " + " ".join(items) + " ) .\n"


def old_route(old: Path, new: Path) -> None:
    """What kg.curate.diff did before: rdflib.compare on the two graphs."""
    from rdflib.compare import graph_diff, to_canonical_graph, to_isomorphic

    from kg.curate.diff import load

    a, b = load(old), load(new)
    if to_isomorphic(a) != to_isomorphic(b):
        graph_diff(to_canonical_graph(a), to_canonical_graph(b))


def timed(fn, *args) -> tuple[float, float]:
    """Return (wall seconds, CPU seconds of this process): on a shared machine the CPU time
    is the steadier figure."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--old",
        type=int,
        default=0,
        help="also time rdflib.compare for blank node counts up to this",
    )
    args = parser.parse_args()
    from kg.curate.diff import diff

    cases = [(f"intervals {n}", intervals, n) for n in (300, 1_000, 10_000)]
    cases.append(("list 200 KB", a_list, 200))
    print(
        f"{'case':<16} {'blank nodes':>11} {'KB':>6} {'kg diff s (CPU)':>16} "
        f"{'rdflib.compare s (CPU)':>23}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, make, size in cases:
            old, new = Path(folder) / "old.ttl", Path(folder) / "new.ttl"
            old.write_text(make(size, False), encoding="utf-8")
            new.write_text(make(size, True), encoding="utf-8")
            result = diff(old, new)
            assert not result.equal and len(result.changes) == 1, result.text()
            wall, cpu = timed(diff, old, new)
            blanks = len({n for t in _graph(old) for n in t if type(n).__name__ == "BNode"})
            if blanks <= args.old:
                before = "{:>15.2f} ({:.2f})".format(*timed(old_route, old, new))
            else:
                before = f"{'not run':>23}"
            print(
                f"{name:<16} {blanks:>11} {old.stat().st_size / 1024:>6.0f} "
                f"{wall:>9.2f} ({cpu:.2f}) {before}",
                flush=True,
            )


def _graph(path: Path):
    from kg.curate.diff import load

    return load(path)


if __name__ == "__main__":
    main()
