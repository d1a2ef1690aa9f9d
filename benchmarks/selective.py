"""The benchmark's selective named queries alone, at one size (default 1M triples).

    python benchmarks/selective.py [--size 1000000] [--repeats 5]

The same synthetic graph, parameters and timing as `run.py` (median of the runs after one
warm-up, through `graph.named` on Oxigraph and as bound SPARQL on the bare store), without the
other queries, rdflib, the CLI or the builds: a before/after check of query rewrites in a minute.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `benchmarks`

import kg
from benchmarks.generate import generate
from benchmarks.run import QUERY_PARAMS, SELECTIVE, raw_runner, time_runs, timed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-selective-") as tmp:
        path = Path(tmp) / "synthetic.nt"
        with path.open("w", encoding="utf-8") as out:
            generate(args.size, out)
        load_s, graph = timed(lambda: kg.load([path]))
    print(f"{len(graph):,} triples loaded in {load_s:.1f} s")
    print("query | rows | kg ms | raw ms")
    for name in SELECTIVE:
        params = QUERY_PARAMS.get(name, {})
        runs = time_runs(
            {
                "kg": lambda n=name, p=params: graph.named(n, **p),
                "raw": raw_runner(graph, name, params),
            },
            args.repeats,
        )
        (kg_s, _, rows), (raw_s, _, _) = runs["kg"], runs["raw"]
        print(f"{name} | {len(rows)} | {kg_s * 1000:.1f} | {raw_s * 1000:.1f}")


if __name__ == "__main__":
    main()
