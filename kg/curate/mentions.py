"""Names of a vocabulary (actors, instruments) found in a text, and the role the words around
an actor's name give it."""

from __future__ import annotations

import re

from kg.curate.paragraphs import plain
from kg.namespaces import compact


class Matcher:
    """Finds the labels and abbreviations of one vocabulary in a text."""

    def __init__(self, names, kind: str):
        self.names, self.kind = names, kind
        patterns = []
        for iri, name in names.written:
            name = plain(re.sub(r"^(?:de|het|the)\s+", "", name.strip(), flags=re.IGNORECASE))
            if len(name) < 2 or name.isdigit():
                continue
            sensitive = len(name) <= 6 or name.isupper()
            patterns.append(
                (
                    len(name),
                    iri,
                    name,
                    re.compile(
                        r"(?<![\w-])" + re.escape(name) + r"(?![\w-])",
                        0 if sensitive else re.IGNORECASE,
                    ),
                )
            )
        self.patterns = sorted(patterns, key=lambda p: -p[0])

    def find(self, text: str, roles: bool = False) -> list[tuple[str, str]]:
        text = plain(text)
        taken: list[tuple[int, int]] = []
        found: dict[str, tuple[int, str, str]] = {}
        for _, iri, _name, pattern in self.patterns:
            for match in pattern.finditer(text):
                span = match.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                if iri not in found:
                    found[iri] = (
                        span[0],
                        self._shown(iri, match.group(0)),
                        role(text, span) if roles else "",
                    )
        ordered = sorted(found.values())
        return [(role, name) for _, name, role in ordered]

    def _shown(self, iri: str, written: str) -> str:
        try:
            if self.names.lookup(written, self.kind) == iri:
                return written
        except LookupError:
            pass
        return compact(iri).split(":", 1)[1]


def role(text: str, span) -> str:
    before = text[max(0, span[0] - 40) : span[0]].lower()
    after = text[span[1] : span[1] + 80].lower()
    name = text[span[0] : span[1]].lower()
    if re.search(r"(?:in opdracht|op verzoek) van (?:de |het )?$", before):
        return "commissioner"
    if re.search(r"samen met (?:de |het )?$", before):
        return "partner"
    if "kamer" in name and (
        re.search(r"\b(?:aan|bij) de $", before)
        or re.search(r"geïnformeerd|bericht", after)
        or re.search(r"geïnformeerd|bericht", before)
    ):
        return "addressee"
    return "agent"
