"""Python engine speed: each Vais program in bench/programs/ against its hand-written Python twin
in bench/python/, both run as whole processes in this one invocation (best of N runs each).

`vais run` is measured warm (its bytecode cache filled by a first run), so the figures compare
the engine's execution with plain CPython, start-up of each process included. Times are the CPU
time (user + system) of the child process, which other load on the machine disturbs far less
than wall time. Prints the per-program ratio vais/python, the median and the maximum; the targets
are median <= 1.3 and no program above 2.0.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from toolchain import compile_toolchain

HERE = Path(__file__).resolve().parent


def best_time(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, str]:
    best = float("inf")
    out = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
        best = min(best, elapsed)
        out = proc.stdout
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per program and engine (best is kept)")
    parser.add_argument("names", nargs="*", help="only these programs")
    args = parser.parse_args()
    compile_toolchain()
    env = dict(os.environ)
    env.setdefault("VAIS_CACHE_DIR", tempfile.mkdtemp(prefix="vais-bench-cache-"))
    vais = [sys.executable, "-m", "vais.cli.main", "run"]
    rows = []
    for program in sorted((HERE / "programs").glob("*.vais")):
        name = program.stem
        if args.names and name not in args.names:
            continue
        twin = HERE / "python" / f"{name}.py"
        subprocess.run([*vais, str(program)], capture_output=True, env=env, check=False)  # fill the cache
        t_vais, out_vais = best_time([*vais, str(program)], args.runs, env)
        t_py, out_py = best_time([sys.executable, str(twin)], args.runs, env)
        if out_vais != out_py:
            raise SystemExit(f"{name}: outputs differ\n--- vais\n{out_vais}--- python\n{out_py}")
        rows.append((name, t_vais, t_py, t_vais / t_py))
    print(f"{'program':<16}{'vais cpu s':>11}{'python cpu s':>13}{'ratio':>8}")
    for name, tv, tp, ratio in rows:
        print(f"{name:<16}{tv:>11.3f}{tp:>13.3f}{ratio:>8.2f}")
    ratios = [r[3] for r in rows]
    median, worst = statistics.median(ratios), max(ratios)
    print(f"median ratio {median:.2f} (target <= 1.3), max {worst:.2f} (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
