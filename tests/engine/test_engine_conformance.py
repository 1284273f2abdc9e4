"""Every conformance program prints exactly its expected stdout and exits with its expected code."""

from __future__ import annotations

import pytest
from engine_support import PROGRAMS, vais

CASES = sorted(PROGRAMS.glob("*.vais"))


@pytest.mark.parametrize("program", CASES, ids=[p.stem for p in CASES])
def test_conformance_program(program, cache_dir):
    expected = program.with_suffix(".expected").read_text(encoding="utf-8")
    exit_file = program.with_suffix(".exit")
    code = int(exit_file.read_text()) if exit_file.exists() else 0
    result = vais("run", str(program), cache_dir=cache_dir)
    assert result.stdout == expected
    assert result.returncode == code, result.stderr
    assert "Traceback (most recent call last)" not in result.stderr


def test_the_corpus_is_there():
    assert len(CASES) >= 76
