"""Acceptance: every conformance program checks clean; every type-error file reports exactly its
annotated errors (`# expect-error: KIND line N`), with codes mapped through `KIND_OF_CODE`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sema_helpers import CONFORMANCE, kinds

from vais.sema import analyse
from vais.sema.codes import KIND_OF_CODE

PROGRAMS = sorted((CONFORMANCE / "programs").glob("*.vais"))
SEEDS = [CONFORMANCE / "seed_snippets" / name for name in ("04_platform_main.vais", "13_factorial_tail.vais", "16_validate_input.vais")]
TYPE_ERRORS = sorted((CONFORMANCE / "errors" / "types").glob("*.vais"))
EXPECT = re.compile(r"^# expect-error: (\w+) line (\d+)", re.MULTILINE)
KINDS_README = CONFORMANCE / "errors" / "README.md"


def test_the_shared_suite_is_present() -> None:
    assert len(PROGRAMS) >= 70 and len(TYPE_ERRORS) >= 40


@pytest.mark.parametrize("path", PROGRAMS + SEEDS, ids=lambda p: p.name)
def test_program_checks_clean(path: Path) -> None:
    result = analyse(path)
    errs = [(d.code, d.span.line, d.message) for d in result.diagnostics if d.is_error]
    assert errs == []
    assert result.program is not None


@pytest.mark.parametrize("path", TYPE_ERRORS, ids=lambda p: p.name)
def test_type_error_file_reports_exactly_its_annotations(path: Path) -> None:
    expected = sorted((kind, int(line)) for kind, line in EXPECT.findall(path.read_text(encoding="utf-8")))
    assert expected, "the file has no annotations"
    result = analyse(path)
    assert kinds(result.diagnostics) == expected
    assert result.program is not None  # type errors never stop the typed program from being built


def test_every_readme_kind_has_a_code() -> None:
    text = KINDS_README.read_text(encoding="utf-8")
    named = set(re.findall(r"\b([A-Z]+(?:_[A-Z]+)+|MISMATCH)\b", text)) - {"SYNTAX"}
    assert named <= set(KIND_OF_CODE.values())
    assert "IMPORT_CYCLE" in named
