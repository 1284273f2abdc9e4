"""run_program in real subprocesses: exit codes, panics, `exit`, `main` results, deep recursion."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PRELUDE = """\
import sys
from vais.runtime.rt import *
def vais(src, name="prog.vais", **names):
    ns = dict(globals(), **names)
    exec(compile(src, name, "exec"), ns)
    return ns
"""


def run(body: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    script = PRELUDE + textwrap.dedent(body)
    full_env = {**os.environ, **(env or {})}
    full_env.pop("VAIS_BACKTRACE", None) if env is None else None
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env=full_env, input=stdin)


@pytest.mark.parametrize(("kind", "value", "code"), [
    ("unit", None, 0), ("int", 3, 3), ("int", 256 + 7, 7), ("int", -1, 255), ("result", None, 0),
])
def test_exit_code_from_main(kind: str, value: object, code: int):
    result_expr = "Ok(None)" if kind == "result" else repr(value)
    proc = run(f"""
        def main():
            fn_println("hi")
            return {result_expr}
        sys.exit(run_program(main, {kind!r}))
    """)
    assert (proc.returncode, proc.stdout, proc.stderr) == (code, "hi\n", "")


def test_main_returning_err_prints_error_and_exits_1():
    proc = run("""
        def main():
            fn_println("port 8080")
            return Err(error_from("port out of range: 99999"))
        sys.exit(run_program(main, "result"))
    """)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "port 8080\n", "error: port out of range: 99999\n")
    proc = run("""
        sys.exit(run_program(lambda: Err("plain"), "result", STR))
    """)
    assert (proc.returncode, proc.stderr) == (1, "error: plain\n")


GET_SOURCE = """\
def main():
    fn_println("start")
    get(3)

def get(i):
    try:
        return index_get([10, 20, 30], i)
    finally:
        fn_println("cleanup")
"""


def test_panic_prints_message_and_vais_stack_and_exits_101():
    proc = run(f"""
        ns = vais({GET_SOURCE!r})
        sys.exit(run_program(ns["main"]))
    """)
    assert proc.returncode == 101
    assert proc.stdout == "start\ncleanup\n"
    assert proc.stderr == (
        "panic: index out of bounds: the len is 3 but the index is 3\n"
        "  at get (prog.vais:7:16)\n"
        "  at main (prog.vais:3:5)\n")


def test_python_errors_become_panics_and_internal_errors_are_explained():
    proc = run("""
        ns = vais('def main():\\n    return 1 // 0\\n')
        sys.exit(run_program(ns["main"]))
    """)
    assert (proc.returncode, proc.stderr.splitlines()[0]) == (101, "panic: attempt to divide by zero")
    proc = run("""
        ns = vais('def main():\\n    return len(5)\\n')
        sys.exit(run_program(ns["main"]))
    """)
    assert proc.returncode == 101
    assert proc.stderr.startswith("internal error in the Vais runtime: TypeError")
    assert "Traceback" not in proc.stderr and "VAIS_BACKTRACE=full" in proc.stderr
    proc = run("""
        ns = vais('def main():\\n    return len(5)\\n')
        sys.exit(run_program(ns["main"]))
    """, env={"VAIS_BACKTRACE": "full"})
    assert "Traceback" in proc.stderr


def test_exit_ends_the_process_at_once():
    proc = run("""
        def check():
            try:
                fn_println("value 250 is too large")
                fn_exit(4)
            finally:
                fn_println("defer must not run")
        sys.exit(run_program(check))
    """)
    assert (proc.returncode, proc.stdout) == (4, "value 250 is too large\n")


def test_deep_non_tail_recursion_and_stack_overflow():
    proc = run("""
        ns = vais('def depth(n):\\n    return 0 if n == 0 else 1 + depth(n - 1)\\n')
        def main():
            fn_println(str(ns["depth"](100_000)))
        sys.exit(run_program(main))
    """)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "100000\n", "")
    proc = run("""
        ns = vais('def forever(n):\\n    return 1 + forever(n + 1)\\n')
        sys.exit(run_program(lambda: ns["forever"](0)))
    """)
    assert proc.returncode == 101
    lines = proc.stderr.splitlines()
    assert lines[0] == "panic: stack overflow: recursion too deep"
    assert "more frames" in proc.stderr and len(lines) < 30


def test_stdout_and_stderr_interleave_in_order_and_input_is_read():
    proc = run("""
        def main():
            fn_print("name? ")
            line = fn_read_line()
            fn_println("hello " + line.value)
            fn_eprintln("to stderr")
            fn_println(repr(fn_read_line()))
        sys.exit(run_program(main))
    """, stdin="kim\r\n")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "name? hello kim\nNone\n", "to stderr\n")


def test_program_args():
    proc = run("""
        set_program_args(["a", "b c"])
        def main():
            fn_println(VecFmt(STR).display(fn_args()))
        sys.exit(run_program(main))
    """)
    assert proc.stdout == '["a", "b c"]\n'


def test_printing_builtins_conformance_001():
    proc = run("""
        def main():
            fn_println("Hello, world!")
            fn_print("no newline yet, ")
            fn_print("now a newline\\n")
            fn_puts("puts is println")
            fn_print_i64(42)
            fn_print_i64(-7)
            fn_print_f64(2.5)
            fn_print_f64(10.0)
            fn_putchar(72)
            fn_putchar(10)
            fn_println("unicode: HI \\u00e9")
        sys.exit(run_program(main))
    """)
    assert proc.stdout == ("Hello, world!\nno newline yet, now a newline\nputs is println\n42\n-7\n2.5\n10.0\nH\n"
                           "unicode: HI é\n")
