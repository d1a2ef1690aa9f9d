"""Where the browser tests find Chromium, and what they do when it is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# As root, with no network but the package registries: no sandbox, no background connections.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(what: str) -> None:
    """Fail (in CI) or skip (elsewhere) unless Chromium and Playwright are there."""
    reason = None
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (pip install playwright)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} need Chromium in CI: {reason}")
        pytest.skip(reason)
