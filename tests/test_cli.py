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


def test_every_lang_option_offers_the_same_languages_with_dutch_first():
    from kg.i18n import LANGUAGES

    for name, command in main.commands.items():
        for param in command.params:
            if param.name == "lang":
                assert list(param.type.choices) == list(LANGUAGES), name
                # kg build writes both trees unless told: no default there
                assert param.default == ("nl" if name != "build" else None), name


def test_queries_titles_follow_lang():
    from kg.registry import all_queries

    query = next(q for q in all_queries() if q.title.get("nl") != q.title.get("en"))
    assert f"{query.name}  —  {query.title['nl']}" in run("queries").output
    assert f"{query.name}  —  {query.title['en']}" in run("queries", "--lang", "en").output


def test_run_query_gives_rows_to_render_or_bytes_as_written(graph):
    from kg.querying import run_query

    text = "SELECT ?e WHERE { ?e a kg:Withdrawal }"
    rows = run_query(graph, text, {}, fmt="table")
    assert isinstance(rows, list) and rows and set(rows[0]) == {"e"}
    body = run_query(graph, text, {}, fmt="json")
    assert isinstance(body, bytes)
    assert len(json.loads(body)["results"]["bindings"]) == len(rows)
    turtle = run_query(graph, "CONSTRUCT WHERE { ?e a kg:Withdrawal }", {}, fmt="table")
    assert isinstance(turtle, bytes) and b"kg:Withdrawal" in turtle
