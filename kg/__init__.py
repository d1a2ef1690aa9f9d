"""kinderrechten-kg: a knowledge graph of Dutch policy on violence against children.

>>> import kg
>>> graph = kg.load()                       # data/ + ontology, Oxigraph in memory
>>> graph.named("withdrawals")              # a named query, rows as dicts
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["KgError", "KnowledgeGraph", "__version__", "load"]

if TYPE_CHECKING:
    from kg.errors import KgError
    from kg.store import KnowledgeGraph, load


def __getattr__(name: str):
    # Lazy: `kg --help` and `kg query` must not pay for imports they do not use.
    if name in ("KnowledgeGraph", "load"):
        from kg import store

        return getattr(store, name)
    if name == "__version__":  # single-sourced from pyproject.toml through the installed metadata
        from importlib.metadata import version

        return version("kinderrechten-kg")
    if name == "KgError":
        from kg.errors import KgError

        return KgError
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
