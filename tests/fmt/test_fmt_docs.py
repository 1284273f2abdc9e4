"""docs/formatting.md shows before/after pairs (a code block, a line `becomes`, a code block):
each pair must be what the formatter really does."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fmt_support import assert_round_trip

DOC = Path(__file__).resolve().parents[2] / "docs" / "formatting.md"
def blocks(text: str) -> list[tuple[str, str]]:
    """(the prose before it, the code) of each fenced block."""
    out: list[tuple[str, str]] = []
    prose: list[str] = []
    code: list[str] | None = None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if code is None:
                code = []
            else:
                out.append(("".join(prose), "".join(code)))
                prose, code = [], None
        elif code is None:
            prose.append(line)
        else:
            code.append(line)
    return out


def pairs() -> list[tuple[str, str]]:
    """Consecutive code blocks separated by nothing but the word `becomes`; statement examples
    (indented lines) are wrapped in a function."""
    found = []
    for (_, before), (between, after) in itertools.pairwise(blocks(DOC.read_text(encoding="utf-8"))):
        if between.strip() == "becomes":
            if before.startswith("    "):
                before, after = f"F main() {{\n{before}}}\n", f"F main() {{\n{after}}}\n"
            found.append((before, after))
    return found

PAIRS = pairs()

def test_the_document_has_examples() -> None:
    assert len(PAIRS) >= 4


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_example(before: str, after: str) -> None:
    assert assert_round_trip(before) == after
