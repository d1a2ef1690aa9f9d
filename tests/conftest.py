"""Shared fixtures: the real graph on each backend, and a real Oxigraph SPARQL server."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from servers import free_port, wait_until_answering

import kg
from kg import resources

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def graph():
    """The project's graph on the default backend (Oxigraph in memory)."""
    return kg.load()


@pytest.fixture(scope="session")
def rdflib_graph():
    """The project's graph on rdflib's engine."""
    return kg.load(backend="rdflib")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """URL of a real `oxigraph serve-read-only` on 127.0.0.1 holding ontology + data."""
    binary = shutil.which("oxigraph")
    if binary is None:
        message = "the oxigraph server (PyPI package 'oxigraph') is not installed"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    location = tmp_path_factory.mktemp("oxigraph")
    files = resources.ontology_files() + resources.data_files()
    subprocess.run([binary, "load", "--location", str(location),
                    *[arg for f in files for arg in ("--file", str(f))]],
                   check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/query"
    if not wait_until_answering(url + "?query=ASK%7B%7D", process, seconds=30):
        process.kill()
        raise RuntimeError("oxigraph server did not start: "
                           + process.stderr.read().decode(errors="replace"))
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (test_browser.py and test_access.py share it)."""
    from chromium import ARGS, CHROMIUM, require

    require("the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site of views built once from the project's data."""
    from kg.views import build_site

    out = tmp_path_factory.mktemp("views") / "site"
    build_site(kg.load(), out)
    return out


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(resources.DATA_DIR, target)
    return target
