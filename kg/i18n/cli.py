"""The strings of the CLI's analysis output (nl, en): `kg actor`'s headings, `kg path`'s links."""

from __future__ import annotations

PROFILE_HEADINGS = {
    "nl": {
        "events": "gebeurtenissen",
        "by_year": "Gebeurtenissen per jaar en soort",
        "programmes": "Programma's, wetten en andere instrumenten",
        "recommendations": "Aanbevelingen",
        "co_actors": "Mede-actoren (gedeelde gebeurtenissen)",
        "stances": "Standpunt in programma's",
        "none": "(geen)",
        "until": "tot",
        "position": "standpunt van buitenstaander, geen deelname",
    },
    "en": {
        "events": "events",
        "by_year": "Events by year and kind",
        "programmes": "Programmes, laws and other instruments",
        "recommendations": "Recommendations",
        "co_actors": "Co-actors (shared events)",
        "stances": "Stance in programmes",
        "none": "(none)",
        "until": "until",
        "position": "position of an outside actor, not a participant",
    },
}

# a link's role → (phrase read from its source to its target, phrase read backwards)
PATH_PHRASES = {
    "en": {
        "agent": ("has agent", "agent of"),
        "addressee": ("addressed to", "addressee of"),
        "commissioner": ("commissioned by", "commissioner of"),
        "partner": ("with partner", "partner in"),
        "subjectActor": ("about", "subject of"),
        "hasActor": ("with actor", "actor in"),
        "concerns": ("concerns", "concerned by"),
        "listedUnder": ("listed under", "lists"),
        "respondsTo": ("responds to", "responded to by"),
        "postponedTo": ("postponed to", "postponed from"),
        "isPartOf": ("part of", "has part"),
        "based_on": ("based on", "basis of"),
    },
    "nl": {
        "agent": ("uitgevoerd door", "uitvoerder van"),
        "addressee": ("gericht aan", "geadresseerde van"),
        "commissioner": ("in opdracht van", "opdrachtgever van"),
        "partner": ("met partner", "partner bij"),
        "subjectActor": ("gaat over", "onderwerp van"),
        "hasActor": ("met actor", "actor bij"),
        "concerns": ("betreft", "onderwerp van"),
        "listedUnder": ("vermeld onder", "vermeldt"),
        "respondsTo": ("reageert op", "aanleiding voor"),
        "postponedTo": ("verplaatst naar", "verplaatst van"),
        "isPartOf": ("onderdeel van", "omvat"),
        "based_on": ("gebaseerd op", "grondslag van"),
    },
}

# `kg build`'s summary line (in the language of --lang; English when it builds both trees)
BUILD_SUMMARY = {
    "en": {
        "wrote": (
            "wrote {out}/: {pages} pages, {entities} pages per thing, {files} files, "
            "{mb:.1f} MB, {nodes} network nodes, {seconds:.1f} s"
        ),
        "over_limit": (
            "no pages per thing: the views show {things} things, more than {limit}; "
            "--pages-per-thing writes them anyway"
        ),
        "by_flag": "no pages per thing (--no-pages-per-thing); --pages-per-thing writes them",
    },
    "nl": {
        "wrote": (
            "{out}/ geschreven: {pages} pagina's, {entities} pagina's per ding, "
            "{files} bestanden, {mb:.1f} MB, {nodes} netwerkknopen, {seconds:.1f} s"
        ),
        "over_limit": (
            "geen pagina's per ding: de weergaven tonen {things} dingen, meer dan "
            "{limit}; --pages-per-thing schrijft ze toch"
        ),
        "by_flag": "geen pagina's per ding (--no-pages-per-thing); --pages-per-thing schrijft ze",
    },
}
