"""The download cache: archives by checksum, unpacked read-only trees, one lock per cache.

Every archive is checked against its expected SHA-256 before it is stored and again (by
`verify_and_extract`) before it is unpacked, so a corrupted cache entry is never used.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vais.pkg.archive import ArchiveError, verify_and_extract
from vais.pkg.fsutil import atomic_write
from vais.pkg.layout import archive_file, cache_dir, unpacked_dir
from vais.pkg.semver import Version
from vais.pkg.sources import PackageSource, Progress, verify_checksum


class Cache:
    """The cache under one `$VAIS_HOME`."""

    def __init__(self, home: Path) -> None:
        self.home = home

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cache's exclusive file lock (blocks until concurrent installs are done)."""
        root = cache_dir(self.home)
        root.mkdir(parents=True, exist_ok=True)
        with open(root / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def unpacked(self, name: str, version: Version, checksum: str) -> Path:
        return unpacked_dir(self.home, name, str(version), checksum)

    def is_installed(self, name: str, version: Version, checksum: str) -> bool:
        return self.unpacked(name, version, checksum).is_dir()

    def ensure(self, source: PackageSource, name: str, version: Version, checksum: str,
               progress: Progress | None = None) -> Path:
        """The unpacked tree of `name version`, downloading and verifying it if needed (caller holds the lock)."""
        dest = self.unpacked(name, version, checksum)
        if dest.is_dir():
            return dest
        archive = archive_file(self.home, checksum)
        if archive.is_file():
            try:
                verify_checksum(archive.read_bytes(), checksum, f"cached {name} {version}")
            except ArchiveError:
                archive.unlink()  # corrupted cache entry: fetch it again
        if not archive.is_file():
            data = source.fetch_archive(name, version, progress)
            atomic_write(archive, verify_checksum(data, checksum, f"{name} {version} from {source.url}"))
        verify_and_extract(archive, dest, checksum)
        return dest
