"""Build time of the pages per thing, phase by phase: the seed graph and a synthetic one.

    python benchmarks/entity_pages.py [NODES]        # default: 5000

Prints wall and CPU seconds of each phase of writing the pages per thing of one language tree
(the two named queries, the page data, rendering and writing, the Turtle), so that a busy
machine (CPU time holds still when wall time does not) still shows where the time goes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `benchmarks`

from benchmarks.generate import TRIPLES_PER_NODE, generate


def timed(label: str, fn, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<28} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    return result


def run(name: str, data: list[Path] | None, out: Path) -> None:
    import kg
    from kg import rendering
    from kg.views import entities, entity_site, site

    graph = kg.load(data)
    print(f"{name}: {len(graph):,} triples")
    found = timed("query view-pages", entities.statements, graph)
    vocab = timed("query view-vocabulary", entities.vocabulary, graph, "nl")
    pages = timed("index the statements", entities.Pages, found, vocab, "nl")
    things = pages.things()
    timed(
        f"page data ({len(things):,} things)",
        lambda: [entities.json_ld(pages.page(iri)) for iri in things],
    )
    env, common = rendering.environment(), site._common("nl", "programme")
    common.update(client={}, data_json="null")

    def render(template, **variables):
        return env.get_template(template).render({**common, **variables})

    context = site._context("nl", ("nl", "en"))
    timed(
        "data, render and write", entity_site.write_entity_pages, out / "nl", pages, render, context
    )
    timed("Turtle", entity_site.write_turtle, out, found, things)
    files = [p for p in out.rglob("*") if p.is_file()]
    print(f"  {len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    nodes = int(argv[0]) if argv else 5000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run("seed (data/)", None, tmp / "seed")
        path = tmp / "synthetic.nt"
        with path.open("w", encoding="utf-8") as out:
            generate(nodes * TRIPLES_PER_NODE, out)
        run(f"synthetic, {nodes:,} network nodes", [path], tmp / "synthetic")


if __name__ == "__main__":
    main()
