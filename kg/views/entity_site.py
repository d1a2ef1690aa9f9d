"""Write the page per thing into a language tree: HTML with JSON-LD (its tables' CSV made in
the browser from the table), its JSON twin, the index of every page by type; and each thing's
Turtle once, for both trees.

    site/id/event/<slug>.html  .json  .ttl (language-neutral)
    site/en/id/event/<slug>.html  .json
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from pathlib import Path

from kg.i18n import things
from kg.namespaces import PREFIXES
from kg.views.entities import ID, LANG_STRING, Pages, Statements, json_ld, path_of

PAGE_ROOT = "../../"  # from id/<type>/<slug>.html back to its language tree


def tree_prefix(lang: str) -> str:
    """Return where a language tree sits in the site: '' (Dutch) or 'en/'."""
    return "" if lang == "nl" else f"{lang}/"


def write_entity_pages(folder: Path, pages: Pages, render, context: dict) -> int:
    """Write every thing's page into the language tree `folder`; return how many.

    `render(template, **variables)` renders a site template with the tree's common variables;
    `context` holds them (lang, languages, …)."""
    from kg.rendering import dumps

    lang = pages.lang
    turtle_root = PAGE_ROOT + ("../" * tree_prefix(lang).count("/"))
    frame = Frame(render, context)
    made = set()
    listed = defaultdict(list)
    for iri in pages.things():
        page = pages.page(iri)
        path = page["path"]
        kind, slug = path.split("/", 1)
        target = folder / "id" / kind
        if kind not in made:
            target.mkdir(parents=True, exist_ok=True)
            made.add(kind)
        page["jsonld"] = json_ld(page)
        twin = dumps(page)
        html = frame.page(page, turtle=f"{turtle_root}id/{path}.ttl", twin=f"{slug}.json")
        write_text(target / f"{slug}.html", html)
        write_text(target / f"{slug}.json", twin)
        listed[kind].append(
            {"path": path, "label": page["label"], "when": (page["when"] or {}).get("text", "")}
        )
    groups = [
        {
            "type": kind,
            "label": things.TYPES[lang].get(kind, (kind, kind))[1],
            "things": members,
        }
        for kind, members in listed.items()
    ]
    index = {"lang": lang, "groups": groups}
    (folder / "id").mkdir(parents=True, exist_ok=True)
    twin = dumps(index)
    (folder / "id" / "index.html").write_text(
        render(
            "entity-index.html",
            page="entity-index",
            data=index,
            root="../",
            here="id/index.html",
            twin="index.json",
            **context,
        ),
        encoding="utf-8",
    )
    (folder / "id" / "index.json").write_text(twin, encoding="utf-8")
    return sum(len(things) for things in listed.values())


MARK = "\ue000"  # a private-use character: no escaping changes it, no page text holds it
SLOTS = ("title", "jsonld", "main", "here", "twin")


class Frame:
    """The pages per thing of a language tree: the frame around them (head, header, footer:
    the same on every page but for its slots) rendered by Jinja once, the article of each page
    rendered on its own and the slots filled by joining text. Rendering base.html for each of
    5,000 pages was as much work as rendering their articles."""

    def __init__(self, render, context: dict):
        self.render = render
        marks = {name: f"{MARK}{name}{MARK}" for name in SLOTS}
        text = render(
            "entity.html",
            page="entity",
            slot={name: marks[name] for name in ("title", "jsonld", "main")},
            root=PAGE_ROOT,
            here=marks["here"],
            twin=marks["twin"],
            **context,
        )
        # literal text at even places, slot names at odd ones
        self.parts = text.split(MARK)
        if any(self.parts[i] not in SLOTS for i in range(1, len(self.parts), 2)):
            raise ValueError("entity.html: a slot's marker was changed on its way into the page")

    def slots(self, page: dict, turtle: str, twin: str) -> dict:
        """Return the text of each slot of `page` (escaped as Jinja escapes it)."""
        from markupsafe import escape

        from kg.rendering import script_json

        article = self.render(
            "entity-main.html",
            data=page,
            root=PAGE_ROOT,
            csv_name=page["path"].split("/", 1)[1],
            id_base=ID,
            turtle=turtle,
            twin=twin,
        )
        return {
            "title": str(escape(page["label"])),
            "jsonld": str(script_json(page["jsonld"])),
            "main": article,
            "here": str(escape(f"id/{page['path']}.html")),
            "twin": str(escape(twin)),
        }

    def page(self, page: dict, **links) -> str:
        """Return the whole HTML of `page`."""
        values = self.slots(page, **links)
        return "".join(values[part] if i % 2 else part for i, part in enumerate(self.parts))


def write_text(path: Path, text: str) -> None:
    """Write a file of the staging tree as UTF-8 (see write_bytes)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, content: bytes) -> None:
    """Write a file of the staging tree in one system call (tens of thousands of small files:
    no buffered file object around each)."""
    data = memoryview(content)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:  # a write may take less than all
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


def to_csv(header: list[str], rows) -> str:
    """Return CSV text (RFC 4180, CRLF line ends, every field as text)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_turtle(folder: Path, found: Statements, things) -> int:
    """Write each thing's own statements as Turtle to folder/id/<type>/<slug>.ttl; return how
    many. pyoxigraph serialises, much quicker than rdflib."""
    import pyoxigraph as ox

    prefixes = {p: iri for p, iri in PREFIXES.items()}
    written, made = 0, set()
    for iri in things:
        subject = ox.NamedNode(iri)
        triples = []
        # sorted on the statements' own text (cheaper than on the terms pyoxigraph makes)
        for v in sorted(
            found.by_thing[iri],
            key=lambda v: (v.property, v.is_iri, v.text, v.language, v.datatype),
        ):
            value: ox.NamedNode | ox.Literal
            if v.is_iri:
                value = ox.NamedNode(v.text)
            elif v.language:
                value = ox.Literal(v.text, language=v.language)
            elif v.datatype and v.datatype != LANG_STRING:
                value = ox.Literal(v.text, datatype=ox.NamedNode(v.datatype))
            else:
                value = ox.Literal(v.text)
            triples.append(ox.Triple(subject, ox.NamedNode(v.property), value))
        target = folder / "id" / f"{path_of(iri)}.ttl"
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        # pyoxigraph's stub lacks the overload: without an output, serialize returns bytes
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        write_bytes(target, turtle)  # type: ignore[arg-type]
        written += 1
    return written


# ---------------------------------------------------------------------------- the views' CSV


def view_csvs(
    lang: str, timeline: dict, participation: dict, recommendations: dict
) -> dict[str, str]:
    """Return {file name: CSV text} of the views' tables: every event, the participation
    trace and the recommendations, with the columns the pages show."""
    nl = lang == "nl"
    events = to_csv(
        [
            "id",
            "label",
            "kind",
            "status",
            "when",
            "earliest",
            "latest",
            "precision",
            "recommendation",
            "actors",
            "programmes and laws",
            "places",
            "section",
            "line",
        ],
        (
            [
                e["id"],
                e["label"],
                e["kindLabel"],
                e["statusLabel"],
                e["when"],
                e["start"],
                e["end"],
                e["precision"],
                e["recommendation"],
                "; ".join(f"{a['label']} ({', '.join(a['roles'])})" for a in e["actors"]),
                "; ".join(i["label"] for i in e["instruments"]),
                "; ".join(p["label"] for p in e["places"]),
                (e["section"] or {}).get("title", ""),
                (e["section"] or {}).get("line", ""),
            ]
            for e in timeline["events"]
        ),
    )
    actors = {a["id"]: a["label"] for a in participation["actors"]}
    trace = to_csv(
        ["actor", "stance", "since", "until", "event", "event id", "section", "line"],
        (
            [
                actors.get(s["actor"], s["actor"]),
                s["stanceLabel"],
                s["since"],
                s["until"] or "",
                (s["event"] or {}).get("label", ""),
                (s["event"] or {}).get("id", ""),
                ((s["event"] or {}).get("section") or {}).get("title", ""),
                ((s["event"] or {}).get("section") or {}).get("line", ""),
            ]
            for s in participation["stances"]
        ),
    )
    recs = to_csv(
        [
            "notation",
            "label",
            "events",
            "actors",
            "last activity",
            f"no activity since {recommendations['since']}",
        ],
        (
            [
                r["notation"],
                r["label"],
                len(r["events"]),
                len(r["actors"]),
                r["lastActivity"] or "",
                ("ja" if nl else "yes") if r["flagged"] else ("nee" if nl else "no"),
            ]
            for r in recommendations["recommendations"]
        ),
    )
    return {"events.csv": events, "participation.csv": trace, "recommendations.csv": recs}


CSV_OF_VIEW = {
    "timeline": ["events.csv"],
    "toekomstscenario": ["participation.csv"],
    "recommendations": ["recommendations.csv"],
    "index": ["events.csv"],
}
"""The CSV files each view's footer links to."""
