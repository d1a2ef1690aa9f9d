"""What is in the graph at a glance: counts per class, kind, year, recommendation, status."""

from __future__ import annotations


def stats(graph, lang: str = "nl") -> dict:
    """Return the triple count and rows of counts per class, kind, year, recommendation,
    status and outcome."""
    counts = lambda by: graph.named("event-counts", by=by, lang=lang)  # noqa: E731
    return {
        "triples": len(graph),
        "classes": graph.named("class-counts", lang=lang),
        "kinds": counts("kind"),
        "years": sorted(counts("year"), key=lambda r: r["group"]),
        "recommendations": sorted(counts("recommendation"), key=lambda r: r["group"]),
        "statuses": counts("status"),
        "outcomes": counts("outcome"),
    }
