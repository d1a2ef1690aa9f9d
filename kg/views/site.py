"""Render the pages with Jinja2 and write the site atomically, with a JSON twin per page."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from kg.errors import KgError
from kg.views import data, i18n

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = _PACKAGE / "templates"
STATIC_DIR = _PACKAGE / "static"
PAGES = ("index", "network", "timeline", "toekomstscenario", "recommendations")
# what the pages load from kg/static (the folder also serves other parts of the package)
ASSETS = ("site.css", "common.js", "network.js", "timeline.js", "toekomstscenario.js",
          "recommendations.js", "vendor/vis-timeline")


def build_site(graph, out="site", *, lang: str = "nl", focus: str | None = None,
               programme: str = "Toekomstscenario", since: dt.date | str = dt.date(2025, 1, 1)
               ) -> dict:
    """Write the offline site for `graph` into `out`; return pages, files, bytes and seconds.

    The site is built in a temporary folder beside `out` and renamed into place, so a failed
    build leaves the previous site as it was.
    """
    started = time.perf_counter()
    since = since if isinstance(since, dt.date) else dt.date.fromisoformat(str(since))
    pages = collect(graph, lang=lang, focus=focus, programme=programme, since=since)
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise KgError(f"{target}: exists and is not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        os.chmod(staging, 0o755)
        write_site(staging, pages, lang)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = [p for p in target.rglob("*") if p.is_file()]
    return {"out": str(target), "pages": [f"{name}.html" for name in PAGES],
            "files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "nodes": len(pages["network"]["nodes"]), "events": len(pages["timeline"]["events"]),
            "seconds": round(time.perf_counter() - started, 2)}


def collect(graph, *, lang: str, focus: str | None, programme: str, since: dt.date) -> dict:
    """Return the data object of every page, keyed by page name."""
    from kg.views.network import network_page

    i18n.strings(lang)  # fail early on an unknown language
    shared = data.ViewData(graph, lang)
    focus_id = data.resolve_focus(shared, focus) if focus else None
    participation = data.participation_page(shared, programme)
    return {
        "index": data.index_page(shared, programme_label=participation["programme"]["label"]),
        "network": network_page(shared, focus_id),
        "timeline": data.timeline_page(shared),
        "toekomstscenario": participation,
        "recommendations": data.recommendations_page(shared, since),
    }


def dumps(obj) -> str:
    """Return the JSON text of a page's data: the twin file holds exactly this."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def script_json(obj):
    """Return JSON safe inside <script type="application/json">: no '<', '>' or '&' left.

    `obj` may be JSON text already (a page's twin), which is then escaped as it stands."""
    from markupsafe import Markup

    text = obj if isinstance(obj, str) else dumps(obj)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def environment():
    """Return the Jinja2 environment of the site: package templates, autoescape always on."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = script_json
    return env


def write_site(folder: Path, pages: dict, lang: str) -> None:
    """Write every page, its JSON twin and the static files into `folder`."""
    env = environment()
    strings = i18n.strings(lang)
    programme = pages["toekomstscenario"]["programme"]["label"]
    common = {"lang": lang, "t": strings, "client": {**strings, "months": i18n.MONTHS[lang]},
              "programme": programme,
              "built": i18n.format_date(dt.date.today(), lang)}
    for name in PAGES:
        twin = dumps(pages[name])  # once: the page embeds the same text
        html = env.get_template(f"{name}.html").render(
            page=name, data=pages[name], data_json=twin, **common)
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        (folder / f"{name}.json").write_text(twin, encoding="utf-8")
    copy_static(folder / "static")


def copy_static(folder: Path) -> None:
    """Copy our CSS/JS, the vendored vis-timeline and pyvis' own vis-network next to the pages."""
    import pyvis

    for name in ASSETS:
        source, target = STATIC_DIR / name, folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    vis_network = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    target = folder / "vendor" / "vis-network"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("vis-network.min.js", "vis-network.css"):
        shutil.copy2(vis_network / name, target / name)
    (target / "SOURCE.txt").write_text(
        "vis-network 9.1.2 as shipped in the pyvis package (pyvis/lib/vis-9.1.2), "
        "dual licensed Apache-2.0 OR MIT.\n", encoding="utf-8")


def _swap(staging: Path, target: Path) -> None:
    """Move `staging` to `target`: the old site is renamed away first, then removed."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
