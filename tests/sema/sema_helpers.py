"""Helpers for the checker tests: analyse source text in-process and summarise the diagnostics."""

from __future__ import annotations

import textwrap
from pathlib import Path

from vais.sema import Analysis, analyse
from vais.sema.codes import KIND_OF_CODE
from vais.syntax.diagnostics import Diagnostic

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONFORMANCE = SHARED / "conformance"


def src(text: str) -> str:
    """Dedent a triple-quoted program; a leading newline is dropped so line 1 is the first code line."""
    return textwrap.dedent(text).lstrip("\n")


def run(text: str, path: str = "t.vais") -> Analysis:
    return analyse(Path(path), text=src(text))


def errors(text: str) -> list[Diagnostic]:
    return [d for d in run(text).diagnostics if d.is_error]


def warnings(text: str) -> list[Diagnostic]:
    return [d for d in run(text).diagnostics if not d.is_error]


def codes(text: str) -> list[tuple[str, int]]:
    """(code, line) of every error, in source order."""
    return [(d.code, d.span.line) for d in errors(text)]


def kinds(diags: list[Diagnostic]) -> list[tuple[str, int]]:
    """(conformance KIND, line) of every error; codes without a KIND stay as they are."""
    return sorted((KIND_OF_CODE.get(d.code, d.code), d.span.line) for d in diags if d.is_error)


def only_error(text: str) -> Diagnostic:
    """The single error `text` produces (fails when there are none or several)."""
    errs = errors(text)
    assert len(errs) == 1, [(d.code, d.span.line, d.message) for d in errs]
    return errs[0]


def clean(text: str) -> Analysis:
    """Analyse `text` and fail with the diagnostics unless it has no errors."""
    result = run(text)
    errs = [(d.code, d.span.line, d.message) for d in result.diagnostics if d.is_error]
    assert not errs, errs
    assert result.program is not None
    return result


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> source) under `root`; returns `root`."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(src(text), encoding="utf-8")
    return root
