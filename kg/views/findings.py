"""The monitor's own findings for the site: the index lists them, each recommendation card
shows the ones that judge it. One query (`findings`), one row per finding and judged thing,
folded here into one entry per finding."""

from __future__ import annotations


def findings(graph, lang: str) -> list[dict]:
    """Return each finding once, in the query's order, with the notations it judges."""
    folded: dict[str, dict] = {}
    for row in graph.named("findings", lang=lang):
        entry = folded.setdefault(
            row["finding"],
            {
                "id": row["finding"],
                "label": row.get("label") or row["finding"],
                "description": row.get("description") or "",
                "section": row.get("section") or "",
                "attributedTo": row.get("attributedTo") or "",
                "notations": [],
                "judged": [],
            },
        )
        if row.get("notation") and row["notation"] not in entry["notations"]:
            entry["notations"].append(row["notation"])
        if row.get("judgedLabel") and row["judgedLabel"] not in entry["judged"]:
            entry["judged"].append(row["judgedLabel"])
    return list(folded.values())


def judging(all_findings: list[dict], notation: str) -> list[dict]:
    """Return the findings that judge the recommendation with this notation (22a …)."""
    return [f for f in all_findings if notation in f["notations"]]
