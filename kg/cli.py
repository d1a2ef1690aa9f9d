"""The `kg` command: a thin layer that parses options and calls one library function each."""

from __future__ import annotations

import atexit
import gc
import sys
from pathlib import Path

import click

from kg import formats
from kg.errors import KgError
from kg.i18n import LANGUAGES

# Options several commands share, declared once (as sqlite-utils declares its output options)
DATA_OPTION = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Data file or folder to use in place of data/ (repeatable).",
)
AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Look at the graph as of this day (events up to it only).",
)


def lang_option(help: str = "Language of labels.", default: str | None = "nl"):
    """--lang: one of the languages of kg.i18n."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default=default,
        show_default=default is not None,
        help=help,
    )


def format_option(choices, default: str | None = None, help: str | None = None):
    """--format: one of `choices` (names from kg.formats, or the command's own)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        required=default is None,
        show_default=default is not None,
        help=help,
    )


def slice_options(fn):
    """--lang, --as-of and --data: what every analysis command takes."""
    for option in reversed((lang_option(), AS_OF_OPTION, DATA_OPTION)):
        fn = option(fn)
    return fn


class Group(click.Group):
    """A click group that turns library errors into one line on stderr and an exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kinderrechten-kg")
def main():
    """Knowledge graph of Dutch policy on violence against children."""


def _graph(data, backend="oxigraph", endpoint=None):
    from kg.store import load

    return load(list(data) or None, backend=endpoint or backend)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths):
    """Parse and SHACL-validate PATHS (default: data/) against the ontology's shapes.

    Exit 0 when clean, 1 on violations, 2 when a file cannot be read.
    """
    from kg.validate import validate as run

    report = run(list(paths) or None)
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@main.command()
@DATA_OPTION
@lang_option()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(data, lang, as_json):
    """Show what is in the graph: counts per class, event kind, year, recommendation."""
    from kg.output import table
    from kg.stats import stats as run

    result = run(_graph(data), lang=lang)
    if as_json:
        import json

        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
        return
    click.echo(f"triples: {result['triples']}")
    for key in ("classes", "kinds", "statuses", "outcomes", "years", "recommendations"):
        click.echo(f"\n{key}\n" + table(result[key]))


@main.command("queries")
@lang_option("Language of the titles.")
def list_queries(lang):
    """List the named queries with their titles and parameters."""
    from kg.registry import all_queries

    for query in all_queries():
        title = query.title.get(lang) or query.title.get("en", "")
        click.echo(f"{query.name}  —  {title}")
        for param in query.params:
            default = f" = {param.default}" if param.default else ""
            click.echo(f"    {param.name}: {param.type}{default}  {param.help}")


@main.command()
@click.argument("query", required=False)
@click.option(
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the SPARQL query from a file.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of a named query (repeatable).",
)
@format_option(
    ["table", "md", *formats.names(formats.RESULTS), *formats.names(formats.WRITTEN)],
    "table",
    "table, md: to read; json, xml, csv, tsv: W3C results; ttl, nt, jsonld: a CONSTRUCT's.",
)
@lang_option()
@click.option(
    "--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query this SPARQL endpoint instead (its "
    "?default-graph-uri=… goes along with every query).",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Allow SPARQL Update on the local graph (changes only memory; refused with --endpoint).",
)
@DATA_OPTION
def query(query, file, params, fmt, lang, backend, endpoint, allow_update, data):
    """Run a named query (see `kg queries`) or SPARQL given as text or --file."""
    from kg import output
    from kg.limits import check_nesting, rdflib_recursion_guard
    from kg.querying import parse_params, run_query

    if not query and not file:
        raise click.UsageError("give a query name, SPARQL text or --file")
    text = file.read_text(encoding="utf-8") if file else query
    check_nesting(text)  # before any parser: a deep query overflows the engines' stack
    graph = _graph(data, backend, endpoint)
    with rdflib_recursion_guard(backend):
        result = run_query(
            graph, text, parse_params(params), fmt=fmt, lang=lang, allow_update=allow_update
        )
    if result is None:
        click.echo("update applied (in memory only)")
    elif isinstance(result, bytes):
        click.echo(result.decode("utf-8").rstrip("\n"))
    else:
        click.echo(output.markdown(result) if fmt == "md" else output.table(result))


@main.command()
@click.argument("url")
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph to replace (default: the store's default graph).",
)
@DATA_OPTION
def push(url, graph_iri, data):
    """Load ontology + data into a shared store at URL (SPARQL 1.1 Graph Store Protocol).

    One PUT replaces the named graph (--graph) or the default graph with the triples; other
    graphs stay. URL is the store's Graph Store endpoint, e.g. http://localhost:7878/store
    (Oxigraph) or http://localhost:8890/sparql-graph-crud (Virtuoso, with --graph).
    """
    from kg.push import push as run

    result = run(url, graph_iri, list(data) or None)
    click.echo(
        f"put {result['triples']} triples ({result['bytes'] / 1e6:.1f} MB) into "
        f"{result['graph'] or 'the default graph'} at {url}: HTTP {result['status']}"
    )


@main.command()
@DATA_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the site into (replaced atomically).",
)
@lang_option("Write only this language's tree (nl: at the top, en: in en/); default: both.", None)
@click.option(
    "--focus",
    metavar="ACTOR",
    help="Open the network focused on this actor (abbreviation, label or slug, e.g. IGJ).",
)
@click.option(
    "--programme",
    default="Toekomstscenario",
    show_default=True,
    help="Programme whose participation trace toekomstscenario.html shows.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default="2025-01-01",
    show_default=True,
    help="Flag recommendations with no occurred event since this day.",
)
@click.option(
    "--pages-per-thing/--no-pages-per-thing",
    default=None,
    help="Write a page per thing under id/ (default: only while the graph has at most "
    "10,000 things, i.e. events and entities in the views).",
)
def build(data, out, lang, focus, programme, since, pages_per_thing):
    """Write the offline HTML views (index, network, timeline, participation, recommendations)."""
    from kg.views.site import build_from_data, describe

    options = dict(lang=lang, focus=focus, programme=programme, since=since.date())
    summary = build_from_data(data, out, pages_per_thing=pages_per_thing, **options)
    click.echo(describe(summary, lang or "en"))
    # what a build leaves (imported libraries, caches) is freed when the process ends; the
    # interpreter's teardown would also walk it all for cycles, several times, for nothing
    atexit.unregister(gc.freeze)  # once, however many builds ran in this process
    atexit.register(gc.freeze)


@main.command("import")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Turtle file to merge into (default: data/<sheet name>.ttl).",
)
@click.option("--dry-run", is_flag=True, help="Print the Turtle and check it; write nothing.")
@DATA_OPTION
def import_(sheet, into, dry_run, data):
    """Import a curator's sheet (.csv or .yaml) of events into the graph.

    Names are resolved against the data; nothing is written when one is unknown or when the
    result would not conform to the shapes. Exit 0 done, 1 refused, 2 unreadable input.
    """
    from kg.curate.importer import import_sheet

    result = import_sheet(sheet, into=into, data=list(data) or None, dry_run=dry_run)
    if dry_run and result.turtle:
        click.echo(result.turtle)
    click.echo(result.text(), err=dry_run)
    sys.exit(0 if result.conforms else 1)


@main.command()
@click.argument("text_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option(["csv", "yaml"], "csv", "The sheet's format.")
@DATA_OPTION
def extract(text_file, fmt, data):
    """Propose candidate events from monitor text: a sheet for `kg import` after review."""
    from kg.curate.extract import extract as run

    click.echo(run(text_file, data=list(data) or None).sheet(fmt), nl=False)


@main.command()
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
def diff(old, new):
    """Show what NEW adds, removes and changes against OLD (files or folders).

    Exit 0 when the graphs are equal, 1 when they differ, 2 when a file cannot be read.
    """
    from kg.curate.diff import diff as run

    result = run(old, new)
    click.echo(result.text())
    sys.exit(0 if result.equal else 1)


def _day(value):
    return value.date() if value is not None else None


@main.command("path")
@click.argument("a")
@click.argument("b")
@slice_options
def path_(a, b, lang, as_of, data):
    """Show the shortest chain of links from A to B, one step per line.

    A and B are events, actors, programmes or recommendations by label, abbreviation or slug:
    kg path "GI's" "Hervormingsagenda Jeugd".
    """
    from kg.analysis import shortest_path

    click.echo(shortest_path(_graph(data), a, b, lang=lang, as_of=_day(as_of)).text())


@main.command("actor")
@click.argument("name")
@slice_options
def actor_(name, lang, as_of, data):
    """Profile an actor: events by year and kind, programmes, recommendations, co-actors, stances.

    NAME is a label, abbreviation or slug: kg actor IGJ.
    """
    from kg.analysis import actor_profile

    click.echo(actor_profile(_graph(data), name, lang=lang, as_of=_day(as_of)).text())


@main.command()
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many to show."
)
@click.option(
    "--network",
    type=click.Choice(["actor-event", "actor", "full"]),
    default="actor-event",
    show_default=True,
    help="Actors in the actor–event or actor–actor network, or every node of the whole.",
)
@slice_options
def central(top, network, lang, as_of, data):
    """Rank by degree, then betweenness centrality: who is most central."""
    from kg.analysis import centrality
    from kg.output import table

    rows = centrality(_graph(data), top=top, network=network, lang=lang, as_of=_day(as_of))
    columns = ("name", "type", "events", "degree", "betweenness", "neighbours", "node")
    click.echo(table(rows, columns=columns, digits=3))


@main.command("export")
@format_option(
    [*formats.NETWORK, *formats.names(formats.WRITTEN)],
    help="graphml/gexf: the actor–event network (Gephi); ttl/nt/jsonld: the RDF graph.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (atomically); default: standard output.",
)
@slice_options
def export_(fmt, out, lang, as_of, data):
    """Export the actor–event network for Gephi, or the whole RDF graph."""
    from kg.analysis import export, serialize

    if out is None:
        # bytes: click.echo writes them to the binary stream as they are
        click.echo(serialize(_graph(data), fmt, lang=lang, as_of=_day(as_of)), nl=False)
        return
    summary = export(_graph(data), fmt, out, lang=lang, as_of=_day(as_of))
    click.echo(f"wrote {summary['out']} ({summary['format']}, {summary['bytes']} bytes)")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the endpoint to the network).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@DATA_OPTION
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Result rows (or triples) returned at most; more is flagged as truncated.",
)
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Built site to serve at / (built when missing).",
)
@click.option(
    "--cors",
    metavar="ORIGIN",
    help="Allow cross-origin requests from ORIGIN (comma-separated, or *); off by default.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Query worker processes (default: the number of CPUs, at least 2).",
)
def serve(host, port, data, timeout, max_rows, site, cors, workers):
    """Serve a read-only SPARQL endpoint (/sparql), the site and a query page (/query.html)."""
    from kg.server import serve as run

    run(
        list(data) or None,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        site=site,
        cors=cors or (),
        workers=workers,
    )


if __name__ == "__main__":
    main()
