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
