"""Shared by the start-up and run-speed benchmarks: make sure the toolchain's own Python bytecode
is compiled before processes are timed.

`pip install` compiles the bytecode of a regular install; an editable install run with
PYTHONDONTWRITEBYTECODE=1 (as on CI machines) never writes it, so every `vais` process would
recompile the whole runtime from source and the benchmark would time CPython's compiler instead.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import vais


def compile_toolchain() -> None:
    compileall.compile_dir(str(Path(vais.__file__).parent), quiet=1)
