"""Rows → text tables for the terminal (table) and for documents (md)."""

from __future__ import annotations

import datetime as dt

from kg.namespaces import compact


def cell(value) -> str:
    """Return a value as short text: IRIs compacted, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(("http://", "https://")):
        return compact(text)
    return text.replace("\n", " ")


def table(rows: list[dict], width: int = 60, *, columns=None, digits: int | None = None) -> str:
    """Return rows as an aligned plain-text table, long cells cut to `width`: the `columns`
    given (default: all of the first row's), floats with `digits` decimals when given."""
    if not rows:
        return "(no results)"
    columns = list(columns or rows[0])

    def show(value) -> str:
        if digits is not None and isinstance(value, float):
            return f"{value:.{digits}f}"
        return _cut(cell(value), width)

    cells = [[show(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*columns), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*line).rstrip() for line in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)"


def markdown(rows: list[dict]) -> str:
    """Return rows as a GitHub-flavoured Markdown table."""
    if not rows:
        return "_(no results)_"
    columns = list(rows[0])
    esc = lambda s: s.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(esc(cell(r.get(c))) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
