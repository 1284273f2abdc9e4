"""Where things live under `$VAIS_HOME` (default `~/.vais`); import-light so `vais run` starts fast."""

from __future__ import annotations

import os
from pathlib import Path


def vais_home() -> Path:
    """`$VAIS_HOME`, or `~/.vais`."""
    configured = os.environ.get("VAIS_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".vais"


def cache_dir(home: Path) -> Path:
    return home / "cache"


def archive_file(home: Path, checksum: str) -> Path:
    """Archives are stored by checksum, so two registries serving the same bytes share one file."""
    return cache_dir(home) / "archives" / f"{checksum}.tar.gz"


def unpacked_dir(home: Path, name: str, version: str, checksum: str) -> Path:
    return cache_dir(home) / "src" / f"{name}-{version}-{checksum[:16]}"
