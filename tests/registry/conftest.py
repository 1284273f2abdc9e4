"""Fixtures for the registry tests: real servers on loopback, SQLite and PostgreSQL databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from registry_support import Server, postgres_schema, running_server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A SQLite-backed server for API tests that do not need PostgreSQL."""
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'srv' / 'registry.db'}") as srv:
        yield srv
