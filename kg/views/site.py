"""Render the pages with Jinja2 and write the site atomically, with a JSON twin per page."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from kg import i18n
from kg.errors import KgError
from kg.files import die_with_parent, discard, staging_dir, swap_dir
from kg.i18n import things
from kg.namespaces import BASE, PREFIXES
from kg.rendering import dumps, environment
from kg.resources import STATIC_DIR
from kg.views import data, entities, entity_site, page_data, timeline
from kg.views.network import network_page

PAGES = ("index", "network", "timeline", "toekomstscenario", "recommendations")
# what the pages load from kg/static (the folder also serves other parts of the package)
ASSETS = (
    "site.css",
    "common.js",
    "network.js",
    "timeline.js",
    "snapshot.js",
    "toekomstscenario.js",
    "recommendations.js",
    "vendor/vis-timeline",
    "vendor/vis-network",
    "entity.css",
)

# prefix → type of the things that have a page of their own (id/<type>/<slug>.html): the
# views turn "ev:slug" into the address part "event/slug" with it
ID_PATHS = {
    prefix: iri[len(BASE) + 3 :].rstrip("/")
    for prefix, iri in PREFIXES.items()
    if iri.startswith(BASE + "id/")
}
# things above which `kg build` skips the pages per thing: five files each, which on a large
# graph cost several times the rest of the build (docs/performance.md has the figures)
PAGES_PER_THING_LIMIT = 10_000


def build_site(
    graph,
    out="site",
    *,
    lang: str | None = None,
    focus: str | None = None,
    programme: str = "Toekomstscenario",
    since: dt.date | str = dt.date(2025, 1, 1),
    pages_per_thing: bool | None = None,
    pages_limit: int = PAGES_PER_THING_LIMIT,
) -> dict:
    """Write the offline site for `graph` into `out`; return pages, files, bytes and seconds.

    Both language trees unless `lang` picks one: Dutch at the top of `out`, English in
    `out/en/`, each with the five views, a page per thing under id/ and its own copy of the
    static files; each thing's Turtle once, in `out/id/`.

    The pages per thing are written when `pages_per_thing` says so, or by default (None) while
    the views show at most `pages_limit` things (events and entities); without them nothing in
    the site links to id/ (the summary's "pages_per_thing" says which it was).

    The site is built in a temporary folder beside `out` and renamed into place, so a failed
    build leaves the previous site as it was. The network page, the slowest, is built in a
    child process (where the platform forks) while this one builds the other pages.
    """
    with _without_cycle_collection():
        return _build(
            graph,
            out,
            lang=lang,
            focus=focus,
            programme=programme,
            since=since,
            pages_per_thing=pages_per_thing,
            pages_limit=pages_limit,
        )


def build_from_data(data=None, out="site", **options) -> dict:
    """Load the ontology and `data` (files or folders; default data/) and write the site, as
    `kg build` does: the libraries the build needs are imported while the data loads. Options
    as for build_site."""
    from kg.store import load

    import_libraries(wait=False)
    return build_site(load(list(data) if data else None), out, **options)


@contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector: a build makes millions of small dicts and lists (no
    cycles among them) that it would walk again and again, and in the forked child it would
    also copy every shared memory page it touched (seconds of a large build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(graph, out, *, lang, focus, programme, since, pages_per_thing, pages_limit) -> dict:
    started = time.perf_counter()
    since = since if isinstance(since, dt.date) else dt.date.fromisoformat(str(since))
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise KgError(f"{target}: exists and is not a folder")
    languages = i18n.LANGUAGES if lang is None else (lang,)
    for code in languages:
        i18n.strings(code)  # fail early on an unknown language
    importing = import_libraries(wait=False)  # while the queries run (or the data loaded)
    first = data.ViewData(graph, languages[0])
    focus_id = data.resolve_focus(first, focus) if focus else None
    size = len(first.events) + len(first.entities)
    # the one place that decides: every page of the build is told (context["thing_pages"])
    with_pages = size <= pages_limit if pages_per_thing is None else pages_per_thing
    importing.join()  # a child forked amid an import would wait for it forever
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)  # after cleaning up what killed builds left
    networks, things = [], 0
    try:
        os.chmod(staging, 0o755)
        trees = {code: staging / entity_site.tree_prefix(code) for code in languages}
        contexts = {code: _context(code, languages, with_pages) for code in languages}
        shared, participation = {}, {}
        for code in languages:
            # the second language reuses the first's language-neutral rows, and its queries
            # run while the first's network page is built in a child
            shared[code] = first if code == languages[0] else data.ViewData(graph, code, first)
            participation[code] = page_data.participation_page(shared[code], programme)
            trees[code].mkdir(parents=True, exist_ok=True)
            label = participation[code]["programme"]["label"]
            networks.append(
                _start(
                    _network_files, trees[code], shared[code], focus_id, code, label, contexts[code]
                )
            )
        if with_pages:
            found = entities.statements(graph)  # language-neutral: once for both trees
            vocabulary = {code: entities.vocabulary(graph, code) for code in languages}
        # the trees side by side: the first here, the others in child processes (each tree
        # is thousands of files on a large graph; a second core takes half the work)
        pages: entities.Pages | None = None
        for code in reversed(languages):
            if with_pages:
                pages = entities.Pages(found, vocabulary[code], code)
            args = (
                trees[code],
                shared[code],
                participation[code],
                since,
                pages,
                contexts[code],
            )
            if code == languages[0]:
                things = _write_tree(*args)
            else:
                networks.append(_start(_write_tree, *args))
        if pages is not None:
            entity_site.write_turtle(staging, found, pages.things())
        nodes = [network.result() for network in networks]  # every child waited for
        swap_dir(staging, target)  # the old site or the new one, never none
    except BaseException:
        for network in networks:
            network.cancel()
        discard(staging)
        raise
    files = [p for p in target.rglob("*") if p.is_file()]
    return {
        "out": str(target),
        "pages": [
            f"{entity_site.tree_prefix(code)}{name}.html" for code in languages for name in PAGES
        ],
        "entities": things,
        "pages_per_thing": with_pages,
        "things": size,
        "pages_limit": pages_limit,
        "languages": list(languages),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "nodes": nodes[0],
        "events": len(first.events),
        "seconds": round(time.perf_counter() - started, 2),
    }


def describe(summary: dict, lang: str) -> str:
    """Return `kg build`'s summary of a build in `lang`: what it wrote and, when it wrote no
    pages per thing, why and how to get them."""
    words = i18n.build_strings(lang)
    text = words["wrote"].format(
        out=summary["out"],
        pages=len(summary["pages"]),
        entities=summary["entities"],
        files=summary["files"],
        mb=summary["bytes"] / 1e6,
        nodes=summary["nodes"],
        seconds=summary["seconds"],
    )
    if summary["pages_per_thing"]:
        return text
    over = summary["things"] > summary["pages_limit"]
    note = words["over_limit" if over else "by_flag"]
    things, limit = (i18n.format_number(summary[k], lang) for k in ("things", "pages_limit"))
    return text + "\n" + note.format(things=things, limit=limit)


def _context(lang: str, languages, thing_pages: bool = True) -> dict:
    """The variables every page of a language tree shares beyond the UI strings; thing_pages:
    whether the pages per thing are written (links to id/ only then)."""
    return {
        "languages": list(languages),
        "csv_files": entity_site.CSV_OF_VIEW,
        "thing_pages": thing_pages,
    }


def _write_tree(folder: Path, shared, participation: dict, since: dt.date, pages, context) -> int:
    """Write a language tree's views (but the network), their CSV files, static files and a
    page per thing (none when `pages` is None); return the number of those."""
    lang = shared.lang
    label = participation["programme"]["label"]
    views = {
        "index": page_data.index_page(shared, programme_label=label),
        "timeline": timeline.timeline_page(shared),
        "toekomstscenario": participation,
        "recommendations": page_data.recommendations_page(shared, since),
    }
    write_site(folder, views, lang, label, **context)
    for name, text in entity_site.view_csvs(
        lang, views["timeline"], participation, views["recommendations"]
    ).items():
        (folder / name).write_text(text, encoding="utf-8")
    copy_static(folder / "static")
    if pages is None:
        return 0
    env, common = environment(), _common(lang, label)

    # a page per thing needs neither the views' strings nor its data again in the page (its
    # JSON twin and JSON-LD have them), which keeps every page small
    common.update(client={}, data_json="null")

    def render(template: str, **variables) -> str:
        return env.get_template(template).render({**common, **variables})

    return entity_site.write_entity_pages(folder, pages, render, context)


def import_libraries(wait: bool = True) -> threading.Thread:
    """Import what a build needs (pyvis, networkx, jinja2: about a second) in a thread, so
    that it overlaps loading data or running queries; return the thread (joined when `wait`).
    Only the first call starts one: a build waits for that thread before it forks."""
    global _importer
    with _importer_lock:
        if _importer is None:
            _importer = threading.Thread(target=_import_libraries, daemon=True)
            _importer.start()
    if wait:
        _importer.join()
    return _importer


_importer: threading.Thread | None = None
_importer_lock = threading.Lock()


def _import_libraries() -> None:
    import jinja2  # noqa: F401
    import networkx  # noqa: F401
    import pyvis.network  # noqa: F401


def _network_files(folder: Path, shared, focus_id, lang: str, programme: str, context: dict) -> int:
    """Write network.html and network.json; return the number of network nodes."""
    page = network_page(shared, focus_id)
    write_site(folder, {"network": page}, lang, programme, **context)
    return len(page["nodes"])


class _Child:
    """A function running in a forked child process, its result (or error) sent back."""

    def __init__(self, fn, *args):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        parent = os.getpid()

        def run():
            die_with_parent(parent)  # a killed build leaves no child running
            try:
                send.send((True, fn(*args)))
            except BaseException as error:  # handed to the parent as it is
                send.send((False, error))

        self._process = context.Process(target=run, daemon=True)
        self._process.start()
        send.close()

    def result(self):
        """Wait for the child; return its result or raise its error."""
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise KgError(
                "building the network page failed: its process ended with code "
                f"{self._process.exitcode}"
            ) from None
        self._process.join()
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


class _Inline:
    """The same as _Child, for platforms that cannot fork: the function runs at once."""

    def __init__(self, fn, *args):
        self._value = fn(*args)

    def result(self):
        return self._value

    def cancel(self) -> None:
        pass


def _start(fn, *args):
    import multiprocessing

    forks = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    return (_Child if forks else _Inline)(fn, *args)


def _common(lang: str, programme: str, thing_pages: bool = True) -> dict:
    strings = i18n.strings(lang)
    # thingPages: the details panels link to a thing's page only when the pages were written
    client: dict[str, object] = {
        **strings,
        "months": i18n.MONTHS[lang],
        "idPaths": ID_PATHS,
        "thingPages": thing_pages,
    }
    return {
        "lang": lang,
        "t": strings,
        "client": client,
        "x": things.text(lang),
        "programme": programme,
        "built": i18n.format_date(dt.date.today(), lang),
    }


def write_site(folder: Path, pages: dict, lang: str, programme: str, **context) -> None:
    """Write each page of `pages` and its JSON twin into `folder`; `context`: more variables
    for the templates (the languages built, …)."""
    env = environment()
    common = {**_common(lang, programme, context.get("thing_pages", True)), **context}
    for name, page in pages.items():
        twin = dumps(page)  # once: the page embeds the same text
        html = env.get_template(f"{name}.html").render(
            page=name, data=page, data_json=twin, **common
        )
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        (folder / f"{name}.json").write_text(twin, encoding="utf-8")


def copy_static(folder: Path) -> None:
    """Copy our CSS/JS and the vendored vis-timeline and vis-network next to the pages."""
    for name in ASSETS:
        source, target = STATIC_DIR / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
