"""The offline HTML views: index, network, timeline, participation trace, recommendations.

>>> import kg
>>> from kg.views import build_site
>>> build_site(kg.load(), "site")          # {'pages': [...], 'bytes': ..., 'seconds': ...}
"""

from __future__ import annotations

__all__ = ["build_site"]


def build_site(graph, out="site", **options) -> dict:
    """Write the site for `graph` into `out` (see kg.views.site.build_site for the options)."""
    from kg.views.site import build_site as build

    return build(graph, out, **options)
