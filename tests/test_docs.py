"""Docs that cannot drift: every command and every named query is in the README with help text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.registry import all_queries

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = main.commands[name]
    assert (command.help or "").strip(), f"kg {name} has no help text"
    assert f"kg {name}" in README, f"kg {name} is not in README.md"


@pytest.mark.parametrize("name", [q.name for q in all_queries()])
def test_every_named_query_is_in_the_readme(name):
    assert f"`{name}`" in README, f"named query {name} is not in README.md"


def test_quick_start_opens_with_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line for line in block.strip().splitlines()] == [
        "pip install -e . && kg build", 'pip install -e ".[test]" && python -m pytest']
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in ci.splitlines()
