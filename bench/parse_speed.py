"""Front-end throughput: lexing and lexing+parsing a ~100 000-line Vais program, against CPython's
own `ast.parse` on a generated Python file of the same line count, all in one run.

The Vais program concatenates the conformance programs until it is long enough (duplicate item
names are a type-checking concern, not a parsing one). Each measurement is the best of
`--repeat` runs, so other load on the machine disturbs the figures as little as possible; the
ratios are the comparable numbers.

    python bench/parse_speed.py [--lines 100000] [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import gc
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

from vais.syntax.lexer import tokenize
from vais.syntax.parser import gc_paused, parse_module
from vais.syntax.source import SourceFile

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "programs"
TARGET_LINES_PER_SECOND = 60_000


def vais_program(lines: int) -> str:
    """Conformance programs, repeated in order until the text has `lines` lines."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.vais"))]
    if not texts:
        raise SystemExit(f"no conformance programs under {CORPUS}")
    out: list[str] = []
    count = 0
    while count < lines:
        for text in texts:
            out.append(text)
            count += text.count("\n") + 1
            if count >= lines:
                break
    return "\n".join(out)


def python_program(lines: int) -> str:
    """A Python file of about `lines` lines with the same kind of content: functions, conditions,
    loops, calls, string formatting, classes and comments."""
    chunk = [
        "# helper {n}",
        "class Point{n}:",
        "    def __init__(self, x, y):",
        "        self.x = x",
        "        self.y = y",
        "",
        "def compute_{n}(values, limit):",
        "    total = 0",
        "    for i, v in enumerate(values):",
        "        if v % 3 == 0 and i < limit:",
        "            continue",
        "        total += v * {n} - (i << 2)",
        "    result = [x * 2 for x in values if x > 1]",
        "    print(f\"total = {{total}} ({{len(result)}} items)\")",
        "    return total if total > 0 else -total",
        "",
    ]
    out: list[str] = []
    n = 0
    while len(out) + len(chunk) <= lines:
        out.extend(line.format(n=n) for line in chunk)
        n += 1
    out.extend(f"x_{i} = {i}" for i in range(lines - len(out)))
    return "\n".join(out)


def best_times(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """The best wall time of each function over `repeat` rounds. The functions take turns within
    a round, so a burst of load on the machine hits all of them alike; each result is released
    after the clock stops (freeing a tree is not parsing it)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            gc.collect()
            start = time.perf_counter()
            result = fn()
            best[index] = min(best[index], time.perf_counter() - start)
            del result
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000, help="size of the generated programs")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (the best is kept)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one lex+parse run")
    args = parser.parse_args(argv)

    vais_text = vais_program(args.lines)
    python_text = python_program(vais_text.count("\n") + 1)
    lines = vais_text.count("\n") + 1

    def lex_only() -> object:
        with gc_paused():
            return tokenize(SourceFile("bench.vais", vais_text))

    def lex_and_parse() -> object:
        module, diags = parse_module(SourceFile("bench.vais", vais_text))
        if diags:
            raise SystemExit(f"the benchmark program has syntax errors: {diags[0].message}")
        return module

    def cpython() -> object:
        return ast.parse(python_text, "bench.py")

    tokens = len(tokenize(SourceFile("bench.vais", vais_text)).tokens)
    lex_s, parse_s, py_s = best_times([lex_only, lex_and_parse, cpython], args.repeat)
    print(f"Vais program: {lines} lines, {tokens} tokens; Python program: {python_text.count(chr(10)) + 1} lines")
    print(f"best of {args.repeat} runs, Python {sys.version.split()[0]}")
    print(f"  lex          {lex_s:7.3f} s  {lines / lex_s:10,.0f} lines/s")
    print(f"  lex+parse    {parse_s:7.3f} s  {lines / parse_s:10,.0f} lines/s")
    print(f"  ast.parse    {py_s:7.3f} s  {lines / py_s:10,.0f} lines/s  (CPython, C parser)")
    print(f"ratios: lex+parse / ast.parse = {py_s / parse_s:.2f}x the speed; lex share = {lex_s / parse_s:.0%}")
    verdict = "meets" if lines / parse_s >= TARGET_LINES_PER_SECOND else "misses"
    print(f"target {TARGET_LINES_PER_SECOND:,} lines/s lex+parse: {verdict}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lex_and_parse)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
