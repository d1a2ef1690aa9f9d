"""How deeply a SPARQL query may nest, checked by a cheap scan before any parser sees it.

Both engines parse recursively: pyoxigraph overflows its stack and takes the process down with a
segfault (measured with 0.5.13 on an 8 MiB stack: about 2,400 nested `{`, 4,800 `(`, 780 chained
OPTIONALs or 980 steps of a `/` path), rdflib raises RecursionError from about 24 nested `(`.
So `kg query` and `kg serve` refuse a query that nests deeper than

- MAX_DEPTH brackets — `{`, `(` and `[` inside one another — or
- MAX_CHAIN along one path of nesting, counting each bracket and each chained operator or
  keyword that makes the parsed tree one level deeper (OPTIONAL, UNION, MINUS, `/`, `|`, `||`,
  `&&`, comparisons, arithmetic, `!`, `^`),

with a syntax error naming line and column (HTTP 400, `kg query` exit 2). Both limits stay far
below what the engines survive on a thread's default stack, and far above any query of the
project (the named queries nest at most 9 brackets and chain at most 18).

The scan skips strings, IRIs, comments and escaped characters, so a `{` or `/` inside them does
not count; it reads each character once.
"""

from __future__ import annotations

import contextlib
import re

from kg.errors import QuerySyntaxError

__all__ = ["MAX_CHAIN", "MAX_DEPTH", "check_nesting", "nesting", "rdflib_recursion_guard"]

MAX_DEPTH = 200
MAX_CHAIN = 400

_OPEN, _CLOSE = "{([", "})]"
# Tokens that hide brackets or operators (strings, IRIs, comments, escapes), words, numbers,
# variables and blank-node labels (whose '-' and '.' are no operators), then the operators.
_TOKEN = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|\\.'
    r"|[?$]\w*|_:[\w.-]*|[A-Za-z][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*"
    r"|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"
    r"|\|\||&&|!=|<=|>=|[{}()\[\]/|^!<>=+*-]"
)
_CHAIN_WORDS = {"OPTIONAL", "UNION", "MINUS"}


def nesting(text: str) -> tuple[int, int, int]:
    """Return (deepest bracket depth, deepest chain, offset where the first limit is passed).

    The offset is -1 when neither limit is passed; the scan stops at the first place that
    passes one, so the figures are then the ones reached there.
    """
    chains = [0]  # per open bracket: its chained operators so far (plus one for the bracket)
    total = depth = deepest = longest = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in _OPEN:
            depth += 1
            chains.append(1)
            total += 1
        elif token in _CLOSE:
            if depth:
                depth -= 1
                total -= chains.pop()
            continue
        elif (len(token) <= 2 and token[0] in "/|^!<>=+*-&") or token.upper() in _CHAIN_WORDS:
            chains[-1] += 1
            total += 1
        else:
            continue
        deepest, longest = max(deepest, depth), max(longest, total)
        if depth > MAX_DEPTH or total > MAX_CHAIN:
            return deepest, longest, match.start()
    return deepest, longest, -1


def check_nesting(text: str) -> None:
    """Raise QuerySyntaxError, naming line and column, when `text` nests too deeply."""
    depth, _, offset = nesting(text)
    if offset < 0:
        return
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if depth > MAX_DEPTH:
        what = f"brackets nest more than {MAX_DEPTH} deep"
    else:
        what = (
            f"more than {MAX_CHAIN} brackets and chained operators (OPTIONAL, UNION, /, ||, "
            "+, ...) nest here"
        )
    start = text.rfind("\n", 0, offset) + 1
    excerpt = text[max(start, offset - 30) : offset + 1].replace("\t", " ")
    raise QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: {what}; "
        f"this limit keeps the query engines from overflowing their stack. "
        f"Write the query flatter.\n  …{excerpt}\n  {' ' * len(excerpt)}^"
    )


@contextlib.contextmanager
def rdflib_recursion_guard(backend: str):
    """Turn rdflib's RecursionError on a deeply nested query into a QuerySyntaxError.

    rdflib's parser recurses a few dozen Python frames per level of nesting, so its own limit
    lies far below MAX_DEPTH; this keeps the traceback away from the user.
    """
    try:
        yield
    except RecursionError:
        if backend != "rdflib":
            raise
        raise QuerySyntaxError(
            "SPARQL syntax error: the query nests too deeply for the rdflib engine (it manages "
            "about 24 nested brackets); write it flatter or use --backend oxigraph"
        ) from None
