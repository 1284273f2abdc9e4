"""Package-manager tests: every test gets its own $VAIS_HOME (xdist-safe, no shared cache)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def vais_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "vais-home"
    monkeypatch.setenv("VAIS_HOME", str(home))
    return home
