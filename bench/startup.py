"""Start-up of `vais run` on hello world: cold (empty bytecode cache: parse, check, compile) and
warm (cached bytecode), against `python -c pass` measured in the same invocation.

Wall time of whole processes, best of N runs; the target is a warm start under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolchain import compile_toolchain

HELLO = Path(__file__).resolve().parents[1] / "examples" / "hello.vais"


def wall(cmd: list[str], env: dict[str, str], before=None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_toolchain()
    cache = Path(tempfile.mkdtemp(prefix="vais-startup-"))
    env = dict(os.environ, VAIS_CACHE_DIR=str(cache))
    vais = [sys.executable, "-m", "vais.cli.main", "run", str(HELLO)]
    clear = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    cold = min(wall(vais, env, clear) for _ in range(args.runs))
    wall(vais, env)
    warm = min(wall(vais, env) for _ in range(args.runs))
    python = min(wall([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
    shutil.rmtree(cache, ignore_errors=True)
    print(f"python -c pass      {python:.3f} s")
    print(f"vais run cold       {cold:.3f} s")
    print(f"vais run warm       {warm:.3f} s  (target < 0.3 s; {warm - python:.3f} s over bare python)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
