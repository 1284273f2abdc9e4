"""Helpers shared by the formatter tests: the shared conformance corpus (read in place, never
copied), a formatting helper and the three round-trip properties every input must have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vais.syntax import ast, parse_source
from vais.syntax.format import format_source

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONFORMANCE = SHARED / "conformance"
PROGRAMS = sorted((CONFORMANCE / "programs").glob("*.vais"))
SEEDS = sorted((CONFORMANCE / "seed_snippets").glob("*.vais"))
TYPE_ERRORS = sorted((CONFORMANCE / "errors" / "types").glob("*.vais"))
CORPUS = PROGRAMS + SEEDS + TYPE_ERRORS
# Seed snippets that are statement sequences (seed_snippets/README.md): formatted inside a function.
FRAGMENTS = {"11_deflate.vais", "15_orm_queries.vais"}


def corpus_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return f"F main() {{\n{text}\n}}\n" if path.name in FRAGMENTS else text


def fmt(text: str) -> str:
    return format_source(text, "test.vais")


def tree(text: str) -> object:
    module, diagnostics = parse_source(text, "test.vais")
    assert not diagnostics, [f"{d.span.line}:{d.span.col} {d.message}" for d in diagnostics]
    return ast.dump(module)


def comments(text: str) -> list[str]:
    return [c.text.rstrip() for c in parse_source(text, "test.vais")[0].comments]


def assert_round_trip(text: str) -> str:
    """Formatting is idempotent, keeps the syntax tree and keeps every comment in order."""
    once = fmt(text)
    assert fmt(once) == once, "not idempotent"
    assert tree(once) == tree(text), "the syntax tree changed"
    assert comments(once) == comments(text), "comments were lost or reordered"
    return once


def run_fmt(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`vais fmt ARGS` in a subprocess, with only the fmt command in the table (the other commands'
    modules are not needed to format)."""
    main = ("import sys\nfrom vais.cli import main as m\n"
            "m.COMMANDS = {'fmt': m.COMMANDS['fmt']}\nsys.exit(m.main(sys.argv[1:]))\n")
    return subprocess.run([sys.executable, "-c", main, "fmt", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=120)
