"""Value ranges let the code generator drop sign tests and wraps it does not need; results must stay
exact when a value could wrap."""

from __future__ import annotations

import ast

from engine_support import run

from vais.backend.python.module import ModuleGen
from vais.sema import analyse

LCG = """
F main() {
    seed := mut 42
    hits := mut 0
    L _: 0..1000 {
        seed = (seed * 1103515245 + 12345) % 2147483648
        I seed / 65536 % 10 == 3 { hits += 1 }
    }
    println("{seed} {hits}")
}
"""


def reference_lcg() -> str:
    seed, hits = 42, 0
    for _ in range(1000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        hits += seed // 65536 % 10 == 3
    return f"{seed} {hits}\n"


def generated(tmp_path, source: str) -> str:
    path = tmp_path / "gen.vais"
    path.write_text(source)
    analysis = analyse(path)
    return ast.unparse(ModuleGen(analysis.program, analysis.sema).generate().module)


def test_a_local_kept_in_range_by_a_remainder_needs_no_sign_tests(tmp_path, cache_dir):
    assert run(tmp_path, cache_dir, LCG) == reference_lcg()
    code = generated(tmp_path, LCG)
    assert "seed = (seed * 1103515245 + 12345) % 2147483648" in code
    assert "-(-" not in code  # no truncating-division branch for a negative dividend


def wrap64(x: int) -> int:
    return (x + 2**63) % 2**64 - 2**63


def test_a_remainder_of_a_value_that_can_wrap_keeps_the_sign_of_the_wrapped_value(tmp_path, cache_dir):
    source = """
F main() {
    x := mut 7
    L _: 0..50 { x = (x * 9000000000000 + 977) % 1000000007 }
    println("{x}")
}
"""
    x = 7
    for _ in range(50):
        product = wrap64(x * 9000000000000 + 977)
        x = abs(product) % 1000000007 * (1 if product >= 0 else -1)
    assert run(tmp_path, cache_dir, source) == f"{x}\n"
    assert "-(-" in generated(tmp_path, source)  # the dividend may be negative after wrapping


def test_division_bounds_are_exact_past_float_precision(tmp_path):
    from vais.backend.python.ranges import interval_of

    path = tmp_path / "div.vais"
    path.write_text("F f(a: i64) -> i64 = (a % 4611686018427387907) / 3\nF main() {}\n")
    analysis = analyse(path)
    fn = next(item for item in analysis.program.entry.ast.items if getattr(item, "name", "") == "f")
    bound = interval_of(fn.body, lambda local: None, lambda node: getattr(node, "ty", None))
    m = 4611686018427387906
    assert (bound.lo, bound.hi) == (-(m // 3), m // 3)  # int(m / 3) is off by one here
