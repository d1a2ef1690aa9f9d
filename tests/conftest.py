"""Shared fixtures, built once per session: the real graph on each backend, real SPARQL servers
(Oxigraph, Jena, Virtuoso, `kg serve`), one Chromium, and the sites of views the tests read (the
project's data, a copy with a hostile label, a large synthetic graph)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from servers import (
    JenaRunner,
    Virtuoso,
    free_port,
    jena_classpath,
    kg_serve,
    oxigraph_binary,
    wait_until_answering,
)
from sites import LARGE_NODES, hostile_copy

import kg
from benchmarks.generate import write_nodes
from kg import resources

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, shared by every browser test module: Playwright's
    sync API cannot run twice at once in one process."""
    from chromium import ARGS, CHROMIUM, require

    require("the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def graph():
    """The project's graph on the default backend (Oxigraph in memory)."""
    return kg.load()


@pytest.fixture(scope="session")
def rdflib_graph():
    """The project's graph on rdflib's engine."""
    return kg.load(backend="rdflib")


def require_oxigraph() -> str:
    """Return the `oxigraph` server binary; fail the test when it is missing. It comes with the
    test extra (PyPI package 'oxigraph'), so a missing one is a broken install, never a skip."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.fail(
            f"the oxigraph server is neither on PATH nor beside {sys.executable}: "
            "pip install -e '.[test]' installs it (PyPI package 'oxigraph')",
            pytrace=False,
        )
    return binary


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """URL of a real `oxigraph serve-read-only` on 127.0.0.1 holding ontology + data."""
    binary = require_oxigraph()
    location = tmp_path_factory.mktemp("oxigraph")
    files = resources.ontology_files() + resources.data_files()
    subprocess.run(
        [
            binary,
            "load",
            "--location",
            str(location),
            *[arg for f in files for arg in ("--file", str(f))],
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    if not wait_until_answering(url + "?query=ASK%7B%7D", process, seconds=30):
        process.kill()
        raise RuntimeError(
            "oxigraph server did not start: " + process.stderr.read().decode(errors="replace")
        )
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def writable_oxigraph(tmp_path_factory):
    """An empty, writable `oxigraph serve` on 127.0.0.1; yields its base URL."""
    binary = require_oxigraph()
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph-rw")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until_answering(url + "/query?query=ASK%7B%7D", process, seconds=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def missing(message: str):
    """Skip a test whose Debian-packaged engine (Jena, Virtuoso) is not installed here; in CI
    fail it (.ci/run installs them)."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


KG_GRAPH = "https://w3id.org/kinderrechten-kg/graph"  # where the engine tests load the data


@pytest.fixture(scope="session")
def jena(tmp_path_factory):
    """Apache Jena ARQ (Debian libapache-jena-java) holding ontology + data, in one JVM."""
    scratch = tmp_path_factory.mktemp("jena")
    classpath = jena_classpath(scratch)
    if classpath is None:
        missing("Apache Jena (Debian package libapache-jena-java) or java is not installed")
    runner = JenaRunner(classpath, resources.ontology_files() + resources.data_files(), scratch)
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso 7 server on 127.0.0.1 with ontology + data in the graph KG_GRAPH."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        missing("Virtuoso 7 (Debian package virtuoso-opensource) is not installed")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.load(resources.ontology_files() + resources.data_files(), KG_GRAPH)
        server.allow_graph_store_writes()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def kg_server(tmp_path_factory):
    """Base URL of `kg serve` (the project's endpoint, serving /queries/NAME.rq)."""
    with kg_serve(tmp_path_factory.mktemp("kg-serve")) as served:
        yield served.url


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site of views built once from the project's data."""
    from kg.views import build_site

    out = tmp_path_factory.mktemp("views") / "site"
    build_site(kg.load(), out)
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site built (through the CLI, as a user would) from a copy of the data with a
    hostile label (sites.HOSTILE)."""
    from click.testing import CliRunner

    from kg.cli import main

    base = tmp_path_factory.mktemp("hostile")
    data = hostile_copy(base / "data")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(base / "site")])
    assert result.exit_code == 0, result.output
    return base / "site"


@pytest.fixture(scope="session")
def synthetic_data(tmp_path_factory) -> Path:
    """A synthetic graph of about LARGE_NODES network nodes (benchmarks/generate.py), as one
    N-Triples file: large enough that `kg build` takes a second or so."""
    return write_nodes(tmp_path_factory.mktemp("synthetic") / "large.nt", LARGE_NODES)


@pytest.fixture(scope="session")
def large_site(tmp_path_factory, synthetic_data) -> Path:
    """The site of the synthetic graph: the network opens on its summary, the timeline
    clusters."""
    from kg.views import build_site

    out = tmp_path_factory.mktemp("large") / "site"
    build_site(kg.load([synthetic_data]), out)
    return out


@pytest.fixture(scope="session")
def shapes_graph():
    """ontology/shapes.ttl parsed once, for validate(shapes=...): the SHACL tests validate
    dozens of broken copies of the data."""
    from kg.validate import read_shapes

    return read_shapes()


@pytest.fixture(scope="session")
def clean_data():
    """data/ as one rdflib Graph with the project's prefixes, parsed once; a test that breaks
    it works on a copy (`broken_file`)."""
    import rdflib

    from kg.namespaces import PREFIXES

    graph = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for path in resources.data_files():
        graph.parse(path)
    return graph


def broken_file(clean, update: str, path: Path) -> tuple[Path, bool]:
    """Write a copy of the graph `clean` changed by the SPARQL Update `update` to `path`
    (N-Triples: the quickest to write and read back); return it and whether it changed."""
    from kg.namespaces import sparql_prologue

    broken = clean.__class__()
    broken += clean
    broken.update(sparql_prologue() + update)
    broken.serialize(path, format="nt", encoding="utf-8")
    return path, len(broken) != len(clean)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(resources.DATA_DIR, target)
    return target
