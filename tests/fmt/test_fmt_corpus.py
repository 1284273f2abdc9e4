"""Acceptance: every conformance program, seed snippet (the fragments wrapped in `F main()`) and
type-error file round-trips through the formatter: idempotent, same syntax tree, comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from fmt_support import CORPUS, PROGRAMS, SEEDS, TYPE_ERRORS, assert_round_trip, corpus_text


def test_the_corpus_is_there() -> None:
    assert len(PROGRAMS) >= 70 and len(SEEDS) >= 15 and len(TYPE_ERRORS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_round_trip(path: Path) -> None:
    assert_round_trip(corpus_text(path))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.name)
def test_formatted_programs_are_stable_under_their_own_layout(path: Path) -> None:
    """Reformatting the output with every line's indentation stripped gives the output again:
    indentation carries no information the formatter keeps."""
    once = assert_round_trip(corpus_text(path))
    if '"' in once and any(line.count('"') % 2 for line in once.splitlines()):
        pytest.skip("a string literal spans lines")
    stripped = "\n".join(line.lstrip() for line in once.splitlines()) + "\n"
    assert assert_round_trip(stripped) == once
