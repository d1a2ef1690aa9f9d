"""A monitor text's structure: paragraphs (blocks) with their lines, headings and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z0-9“\"‘'(À-Ý])")


@dataclass
class Block:
    line: int
    text: str
    starts: tuple[int, ...] = (0,)  # where each of its lines starts in `text`

    @property
    def heading(self) -> bool:
        text = self.text.strip()
        return (
            0 < len(text) <= 160
            and not re.fullmatch(r"[\d.,\s%:]+", text)
            and text.rstrip("”\"’' ")[-1:] not in ".!?:"
        )


def blocks(text: str) -> list[Block]:
    """Return the paragraphs of `text` with the line each starts on (lines joined by spaces)."""
    found: list[Block] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            starts = [0]
            for previous in lines[:-1]:
                starts.append(starts[-1] + len(previous) + 1)
            found.append(Block(start, " ".join(lines), tuple(starts)))
            lines = []
    return found


def sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph (a split after . ! ? before a capital or digit)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def with_lines(block: Block):
    """Yield (line offset within the block, sentence) for the sentences of a block."""
    cursor = 0
    for sentence in sentences(block.text):
        at = block.text.find(sentence, cursor)
        cursor = max(at, cursor)
        yield sum(1 for start in block.starts[1:] if start <= cursor), sentence


def plain(text: str) -> str:
    return text.translate(str.maketrans("’‘`", "'''"))
