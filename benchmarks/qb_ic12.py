"""IC-12 (no duplicate observations) on synthetic cubes: the spec's pairwise form against the
per-structure key form that tests/test_datacube.py runs. Prints milliseconds per size.

    python benchmarks/qb_ic12.py [sizes…]      # default 500 2000 20000; spec form up to 2000
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import qb_integrity as qb

SPEC_LIMIT = 2000  # the pairwise form takes minutes beyond this


def cube(n: int, duplicate: bool) -> ox.Store:
    lines = [
        "@prefix ex: <http://example.org/> .",
        "@prefix qb: <http://purl.org/linked-data/cube#> .",
        "ex:dsd a qb:DataStructureDefinition ; qb:component [ qb:dimension ex:a ], "
        "[ qb:dimension ex:b ], [ qb:dimension ex:c ], [ qb:measure ex:v ] .",
        "ex:ds a qb:DataSet ; qb:structure ex:dsd .",
    ]
    lines += [
        f"ex:o{i} qb:dataSet ex:ds ; ex:a ex:a{i % 10} ; ex:b ex:b{i // 10 % 10} ; "
        f"ex:c {i // 100} ; ex:v {i} ."
        for i in range(n)
    ]
    if duplicate:  # the same dimension values as ex:o3
        lines.append("ex:dup qb:dataSet ex:ds ; ex:a ex:a3 ; ex:b ex:b0 ; ex:c 0 ; ex:v 1 .")
    store = ox.Store()
    store.load("\n".join(lines).encode(), ox.RdfFormat.TURTLE)
    qb.normalize(store)
    return store


def timed(run) -> tuple[float, bool]:
    start = time.perf_counter()
    found = run()
    return (time.perf_counter() - start) * 1000, found


def main(sizes: list[int]) -> None:
    print(f"{'observations':>12}  {'duplicate':>9}  {'key form ms':>11}  {'spec form ms':>12}")
    for n in sizes:
        for duplicate in (False, True):
            store = cube(n, duplicate)
            key_ms, key_found = timed(lambda s=store: qb.violated(s, "IC-12"))
            spec = "—"
            if n <= SPEC_LIMIT:
                spec_ms, spec_found = timed(
                    lambda s=store: bool(s.query(qb.PREFIXES + qb.IC_12_SPEC))
                )
                assert spec_found == key_found
                spec = f"{spec_ms:.1f}"
            assert key_found == duplicate
            print(f"{n:>12}  {duplicate!s:>9}  {key_ms:>11.1f}  {spec:>12}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000, 20000])
