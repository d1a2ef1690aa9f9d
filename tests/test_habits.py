"""Habits that hold because a test checks them: the package type-checks with mypy and the
code is formatted by ruff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors_in_kg(tmp_path):
    # the project's own settings ([tool.mypy] in pyproject.toml), a fresh cache so that nothing
    # from an earlier run (or another checkout) can hide an error
    out, err, status = mypy_api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            str(ROOT / "kg"),
        ]
    )
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 0 and not errors, "\n".join(errors) or out + err
    assert "Success: no issues found" in out


def test_code_is_formatted_by_ruff():
    # as sqlite-utils checks black: the habit the README claims holds for every file
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "kg", "tests", "benchmarks", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
