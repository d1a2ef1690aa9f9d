"""The files `kg serve` serves: the built site at /, and under /static/ the package's own
static files where the site has none (the query page's YASGUI, and a site built elsewhere)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from kg.resources import STATIC_DIR
from kg.server.protocol import Refused

_TEXT_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".ttl": "text/turtle",
    ".csv": "text/csv",
}


def locate(site: Path | None, path: str) -> tuple[Path, bytes, str | None]:
    """Return (the file to serve for the URL path `path`, its bytes, None), or (a folder, b"",
    the relative Location to redirect to) for a folder asked for without its slash; raise
    FileNotFoundError when there is no such file, Refused (414) for an overlong path."""
    if len(path) > 2048:
        raise Refused(414, "the path is longer than 2048 characters")
    relative = path.lstrip("/")
    roots = [(site, relative)]
    if relative.startswith("static/"):
        roots.append((STATIC_DIR, relative[len("static/") :]))
    for root, rel in roots:
        try:
            file = _inside(root, rel) if root is not None else None
            if file is not None and file.is_dir():
                if not path.endswith("/"):  # relative: it works behind a proxy prefix too
                    return file, b"", path.rsplit("/", 1)[-1] + "/"
                file = file / "index.html"
            if file is not None and file.is_file():
                return file, file.read_bytes(), None
        except (OSError, ValueError):  # a name no file system holds (too long, NUL byte)
            continue
    raise FileNotFoundError(f"not found: {path}")


def content_type(file: Path) -> str:
    """Return the Content-Type for `file` by its suffix, text with its charset."""
    found = _TEXT_TYPES.get(file.suffix.lower()) or (
        mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    )
    if found.startswith("text/") or found in ("application/json", "image/svg+xml"):
        found += "; charset=utf-8"
    return found


def _inside(root: Path, relative: str) -> Path | None:
    """Return root/relative if it stays inside root (no '..' escapes, no hidden files)."""
    root = root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        return None
    if any(part.startswith(".") for part in target.relative_to(root).parts):
        return None
    return target
