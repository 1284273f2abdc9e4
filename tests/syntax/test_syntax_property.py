"""Property tests: the lexer and parser turn any input into diagnostics, never an exception, and
never take more than a second on one input (a robustness bound, not a benchmark)."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syntax_support import PROGRAMS, SEEDS

from vais.syntax import ast, expand_macros, lex, parse_source
from vais.syntax.diagnostics import Diagnostic
from vais.syntax.tokens import KEYWORDS, OPERATORS

TIME_LIMIT = 1.0
CORPUS = [p.read_text(encoding="utf-8") for p in PROGRAMS + SEEDS]
SOUP = [*OPERATORS, *KEYWORDS, "x", "Foo", "42", "1.5", "24h", '"s{a}"', "'c'", '"{', "}\"", "#c\n", "0x", "'",
        '"', "\\", "`", "\n", "\n", " ", "$x:expr", "#[test]"]
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    start = time.perf_counter()
    module, diags = parse_source(text, "fuzz.vais")
    expand_macros(module)
    elapsed = time.perf_counter() - start
    assert isinstance(module, ast.Module)
    assert all(isinstance(d, Diagnostic) and d.span.start <= d.span.end <= len(text) for d in diags)
    for diag in diags:
        _ = (diag.span.line, diag.span.col, diag.span.end_line, diag.span.end_col)
    assert elapsed < TIME_LIMIT, f"{elapsed:.2f}s on {len(text)} characters"


@PROPERTY
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    check(data.decode("utf-8", errors="replace"))


@PROPERTY
@given(st.lists(st.sampled_from(SOUP), max_size=400), st.lists(st.sampled_from([" ", "", "\n"]), max_size=400))
def test_token_soup(words: list[str], gaps: list[str]) -> None:
    check("".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words)))


@st.composite
def mutated_program(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CORPUS))
    tokens, _comments, _diags = lex(text, "m.vais")
    spans = [(t[2], t[3]) for t in tokens[:-1]]
    pieces = [text[a:b] for a, b in spans]
    gaps = [text[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1)] + ["\n"]
    for _ in range(draw(st.integers(1, 6))):
        if not pieces:
            break
        i = draw(st.integers(0, len(pieces) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap"]))
        if op == "delete":
            del pieces[i], gaps[i]
        elif op == "duplicate":
            pieces.insert(i, pieces[i])
            gaps.insert(i, " ")
        else:
            j = draw(st.integers(0, len(pieces) - 1))
            pieces[i], pieces[j] = pieces[j], pieces[i]
    return "".join(p + g for p, g in zip(pieces, gaps, strict=True))


@PROPERTY
@given(mutated_program())
def test_mutated_conformance_programs(text: str) -> None:
    check(text)


def test_corpus_files_are_within_the_time_bound() -> None:
    for text in CORPUS:
        check(text)


def test_unreadable_bytes_file(tmp_path: Path) -> None:
    from vais.syntax import parse_file

    path = tmp_path / "junk.vais"
    path.write_bytes(b"F main() { x := \xff\xfe }\n")
    _module, diags = parse_file(str(path))
    assert [d.code for d in diags] == ["E0001"]
