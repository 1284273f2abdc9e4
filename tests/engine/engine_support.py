"""Helpers for the engine tests: run the real `vais` CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PROGRAMS = SHARED / "conformance" / "programs"
SEEDS = SHARED / "conformance" / "seed_snippets"


def vais(*args: str, cache_dir: Path, input_text: str | None = None, timeout: int = 120,
         cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, VAIS_CACHE_DIR=str(cache_dir), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "vais.cli.main", *args], capture_output=True, text=True,
                          env=env, input=input_text, timeout=timeout, cwd=cwd, check=False)


def run(tmp_path: Path, cache_dir: Path, source: str) -> str:
    """Run `source` as a one-file program with `vais run`; it must succeed. Returns its stdout."""
    prog = tmp_path / "prog.vais"
    prog.write_text(source)
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout
