"""The `kg` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import main


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_help_lists_every_command():
    result = run("--help")
    for command in ("validate", "stats", "queries", "query"):
        assert command in result.output


def test_validate_clean_data_exits_0():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_reports_violations_with_exit_1(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kinderrechten-kg/ontology#> .\n"
        "@prefix ev: <https://w3id.org/kinderrechten-kg/id/event/> .\n"
        "ev:x a kg:Motion .\n",
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "ev:x" in result.output and "property:" in result.output and "rule:" in result.output


def test_malformed_turtle_names_file_line_and_column(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open\n', encoding="utf-8"
    )
    for command in (["validate", str(bad)], ["stats", "--data", str(bad)]):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert f"{bad}:3:" in result.output


def test_missing_file_is_exit_2(tmp_path):
    result = run("validate", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_stats_counts(graph):
    result = run("stats", "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["triples"] == len(graph)
    kinds = {row["group"]: row["count"] for row in stats["kinds"]}
    assert kinds["motion"] == 7
    recs = {row["group"] for row in stats["recommendations"]}
    assert {"22a", "22b", "22d", "22g", "22h"} <= recs


@pytest.mark.parametrize("args", [["--help"], ["queries"]])
def test_console_script_runs(args):
    done = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
