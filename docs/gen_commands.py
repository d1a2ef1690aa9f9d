"""Write the command reference in docs/commands.md from the click commands themselves.

`python docs/gen_commands.py` rewrites the part between the two marker comments;
`--check` only says whether it is up to date (exit 1 when not). The text is click's own help
(usage, help, options) at a fixed width, so it reads as `kg NAME --help` does on any terminal.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from kg.cli import main

COMMANDS_MD = Path(__file__).resolve().parent / "commands.md"
BEGIN = "<!-- BEGIN GENERATED COMMANDS -->"
END = "<!-- END GENERATED COMMANDS -->"
WIDTH = 100  # fixed, so the file does not change with the terminal it was written on


def render() -> str:
    """Every command's `--help`, in name order, as Markdown sections."""
    parts = []
    for name in sorted(main.commands):
        command = main.commands[name]
        # the group's own settings (-h as well as --help), as `kg NAME --help` has them
        parent = click.Context(main, info_name="kg", **main.context_settings)
        ctx = click.Context(
            command, parent=parent, info_name=name, max_content_width=WIDTH, terminal_width=WIDTH
        )
        parts.append(f"### kg {name}\n\n```text\n{command.get_help(ctx).rstrip()}\n```\n")
    return "\n".join(parts)


def updated(text: str) -> str:
    """`text` with the part between the markers replaced by a fresh reference."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{render()}{END}{tail}"


def write(path: Path, text: str) -> None:
    """Atomically: a half-written reference never replaces the old one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run(argv: list[str]) -> int:
    text = COMMANDS_MD.read_text(encoding="utf-8")
    fresh = updated(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{COMMANDS_MD} is out of date: run python docs/gen_commands.py", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        write(COMMANDS_MD, fresh)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
