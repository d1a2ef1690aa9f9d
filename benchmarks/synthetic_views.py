"""Build time and size of the offline views (`kg build`): the seed graph and synthetic graphs.

    python benchmarks/synthetic_views.py [NODES ...]      # default: 5000

For each size, a synthetic graph in the project's model is written to a temporary folder
(benchmarks/generate.py's generator: events of every kind with exact and vague dates, actors,
programmes with parts, recommendations, participations, observations) and
`kg build --data` is timed on it as a user runs it, in a fresh process. The seed graph (data/)
is timed the same way. Prints build seconds, site size and network nodes side by side.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `benchmarks`

from benchmarks.generate import TRIPLES_PER_NODE, generate


def build(data: list[Path] | None, out: Path) -> dict:
    """Run `kg build` in a fresh process; return wall seconds, bytes and network nodes."""
    command = [sys.executable, "-m", "kg.cli", "build", "--out", str(out)]
    for path in data or []:
        command += ["--data", str(path)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"kg build failed:\n{done.stderr or done.stdout}")
    files = [p for p in out.rglob("*") if p.is_file()]
    network = json.loads((out / "network.json").read_text(encoding="utf-8"))
    return {
        "seconds": seconds,
        "files": len(files),
        "pages_per_thing": (out / "id").is_dir(),  # over kg.views.site's limit: none
        "bytes": sum(p.stat().st_size for p in files),
        "html_json": sum(p.stat().st_size for p in out.glob("*.*")),
        "nodes": len(network["nodes"]),
        "edges": len(network["edges"]),
    }


def main(argv=None) -> None:
    sizes = [int(a) for a in (sys.argv[1:] if argv is None else argv)] or [5000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-views-bench-") as tmp:
        tmp = Path(tmp)
        rows.append(("seed (data/)", build(None, tmp / "seed")))
        for nodes in sizes:
            path = tmp / f"synthetic-{nodes}.ttl"  # N-Triples, which is Turtle too
            with path.open("w", encoding="utf-8") as out:
                triples = generate(nodes * TRIPLES_PER_NODE, out)
            rows.append((f"synthetic {triples:,} triples", build([path], tmp / f"s{nodes}")))
    base = rows[0][1]
    print(
        f"{'graph':<28} {'nodes':>7} {'edges':>7} {'build s':>8} {'site MB':>8} "
        f"{'pages+json MB':>14} {'× seed time':>11}"
    )
    for name, r in rows:
        print(
            f"{name:<28} {r['nodes']:>7} {r['edges']:>7} {r['seconds']:>8.1f} "
            f"{r['bytes'] / 1e6:>8.2f} {r['html_json'] / 1e6:>14.2f} "
            f"{r['seconds'] / base['seconds']:>11.1f}"
        )


if __name__ == "__main__":
    main()
