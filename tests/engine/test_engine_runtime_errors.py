"""Panics, `Err` from main and exit codes: Vais messages and Vais stack traces, never Python's."""

from __future__ import annotations

from engine_support import PROGRAMS, vais


def test_index_panic_has_a_vais_stack_trace(cache_dir):
    result = vais("run", str(PROGRAMS / "059_panic_index.vais"), cache_dir=cache_dir)
    assert result.returncode == 101
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("panic: index out of bounds")
    frames = [line.strip() for line in lines[1:]]
    assert frames[0].startswith("at get_item (") and "059_panic_index.vais:4:" in frames[0]
    assert frames[1].startswith("at main (") and "059_panic_index.vais:17:28" in frames[1]
    assert "Traceback" not in result.stderr


def test_unwrap_none_and_divide_by_zero_messages(cache_dir):
    none = vais("run", str(PROGRAMS / "060_panic_unwrap_none.vais"), cache_dir=cache_dir)
    assert none.returncode == 101
    assert "called `Option::unwrap()` on a `None` value" in none.stderr
    assert "at lookup (" in none.stderr
    div = vais("run", str(PROGRAMS / "061_panic_div_zero.vais"), cache_dir=cache_dir)
    assert div.returncode == 101
    assert "panic: attempt to divide by zero" in div.stderr
    assert div.stderr.index("at average (") < div.stderr.index("at main (")


def test_defers_run_while_a_panic_unwinds(cache_dir):
    result = vais("run", str(PROGRAMS / "065_defer_panic.vais"), cache_dir=cache_dir)
    assert result.returncode == 101
    assert result.stdout.endswith("risky(3) cleanup\nwrapper(3) cleanup\nmain cleanup\n")


def test_main_err_prints_error_and_exits_1(cache_dir):
    result = vais("run", str(PROGRAMS / "064_main_result_err.vais"), cache_dir=cache_dir)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: missing port in 'host=example'"


def test_exit_code_from_main(tmp_path, cache_dir):
    prog = tmp_path / "code.vais"
    prog.write_text("F main() -> i64 {\n    println(\"bye\")\n    7\n}\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (7, "bye\n")


def test_panic_inside_a_method_and_a_closure(tmp_path, cache_dir):
    prog = tmp_path / "deep.vais"
    prog.write_text(
        "S Acc { items: Vec<i64> }\n"
        "X Acc {\n"
        "    F pick(&self, i: i64) -> i64 = self.items[i]\n"
        "}\n"
        "F main() {\n"
        "    a := Acc { items: [1, 2] }\n"
        "    f := |i: i64| a.pick(i)\n"
        "    println(\"{f(1)}\")\n"
        "    println(\"{f(5)}\")\n"
        "}\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 101
    assert result.stdout == "2\n"
    frames = [line.strip() for line in result.stderr.splitlines()[1:]]
    assert frames[0].startswith("at Acc::pick (") and "deep.vais:3:" in frames[0]
    assert frames[1].startswith("at main::{closure} (")
    assert frames[2].startswith("at main (") and "deep.vais:9:" in frames[2]


def test_deep_non_tail_recursion_of_100_000(tmp_path, cache_dir):
    prog = tmp_path / "rec.vais"
    prog.write_text("F depth(n: i64) -> i64 = I n == 0 { 0 } E { 1 + depth(n - 1) }\n"
                    "F main() { println(\"{depth(100_000)}\") }\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (0, "100000\n"), result.stderr


def test_exit_builtin_skips_defers(tmp_path, cache_dir):
    prog = tmp_path / "exit.vais"
    prog.write_text("F main() {\n    D println(\"deferred\")\n    println(\"before\")\n    exit(3)\n}\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert (result.returncode, result.stdout) == (3, "before\n")
