"""Docs that cannot drift: every command and named query is documented, links resolve, the
generated command reference matches the commands, and the README stays a newcomer's page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docs import gen_commands as GEN
from kg.cli import main
from kg.registry import all_queries

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


def written_docs() -> str:
    """docs/*.md without the generated reference: what a person wrote about each command."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
    return re.sub(re.escape(GEN.BEGIN) + ".*?" + re.escape(GEN.END), "", text, flags=re.DOTALL)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_documented(name):
    command = main.commands[name]
    assert (command.help or "").strip(), f"kg {name} has no help text"
    assert f"kg {name}" in written_docs(), f"kg {name} is not described in docs/"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_generated_reference(name):
    reference = (DOCS / "commands.md").read_text(encoding="utf-8").split(GEN.BEGIN, 1)[1]
    assert f"### kg {name}\n" in reference
    assert f"Usage: kg {name} " in reference


def test_command_reference_is_up_to_date():
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert text == GEN.updated(text), "docs/commands.md is stale: run python docs/gen_commands.py"


def test_command_reference_shows_every_option():
    # The reference is click's own help, so each option a command takes is in it.
    reference = GEN.render()
    for name, command in main.commands.items():
        section = reference.split(f"### kg {name}\n", 1)[1].split("\n### ", 1)[0]
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in section, f"{opt} of kg {name} missing from the reference"


@pytest.mark.parametrize("name", [q.name for q in all_queries()])
def test_every_named_query_is_documented(name):
    queries_page = (DOCS / "queries.md").read_text(encoding="utf-8")
    assert f"`{name}`" in queries_page, f"named query {name} is not in docs/queries.md"


def test_readme_is_short():
    lines = README.count("\n")
    assert lines <= 250, f"README.md has {lines} lines; move detail to docs/"


def test_readme_links_every_docs_page():
    for page in PAGES:
        assert f"](docs/{page.name})" in README, f"README.md does not link docs/{page.name}"


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", *PAGES], ids=lambda p: str(p.relative_to(ROOT))
)
def test_relative_links_resolve(path):
    text = path.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.exists(), f"{path.name} links {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{path.name} links {target}: no such heading"


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    found, in_code = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        in_code ^= line.startswith("```")  # a `#` comment in a code block is no heading
        if line.startswith("#") and not in_code:
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return found


def test_quick_start_opens_with_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line for line in block.strip().splitlines()] == [
        "pip install -e . && kg build",
        'pip install -e ".[test]" && python -m pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in ci.splitlines()
