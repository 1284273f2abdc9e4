"""Where packages come from: the `PackageSource` protocol, path sources, and the URL → source factory.

A source answers three questions: what versions of a package exist (the index document of
docs/package-format.md), give me the archive of one version (verified against the index checksum),
and which signing keys does the registry know. New kinds of registry plug in by adding a module
and a line to `SCHEMES` (`"https": "vais.pkg.http_source:open_source"`), nothing else changes.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlparse

from vais.pkg.archive import ArchiveError, pack_package, sha256_hex
from vais.pkg.errors import PkgError
from vais.pkg.index import PackageIndex, index_version_for
from vais.pkg.manifest import load_manifest
from vais.pkg.semver import Version

if TYPE_CHECKING:
    from vais.pkg.signing import TrustPolicy

Progress = Callable[[int, int | None], None]  # (bytes done, total bytes if known)


class SourceError(PkgError):
    """A source cannot be reached or does not have what was asked for."""


class PackageSource(Protocol):
    """A place packages come from. `url` is how Vais.lock names it (after `registry+` or `path+`)."""

    url: str

    def index(self, name: str) -> PackageIndex | None:
        """The package's index document, or None when the source does not know the package."""
        ...

    def fetch_archive(self, name: str, version: Version, progress: Progress | None = None) -> bytes:
        """The archive bytes of one version, already checked against the index checksum."""
        ...

    def keys(self) -> list[dict[str, Any]]:
        """The registry's signing keys: [{"key_id", "public_key_pem", "owner", "revoked", ...}]."""
        ...


@dataclass(frozen=True)
class SourceConfig:
    """What a source factory may need: the cache home, whether the network is forbidden, credentials."""

    vais_home: Path
    offline: bool = False
    username: str | None = None
    token: str | None = None
    trust: TrustPolicy | None = None  # when set, every archive must satisfy it (vais.pkg.signing)


# scheme -> "module:factory"; each factory is `(url: str, config: SourceConfig) -> PackageSource`.
SCHEMES: dict[str, str] = {
    "file": "vais.pkg.local_registry:open_source",
    "http": "vais.pkg.http_source:open_source",
    "https": "vais.pkg.http_source:open_source",
}
NETWORK_SCHEMES = frozenset({"http", "https"})


def source_for_url(url: str, config: SourceConfig) -> PackageSource:
    """Open the registry at `url` with the factory registered for its scheme."""
    scheme = urlparse(url).scheme
    target = SCHEMES.get(scheme)
    if target is None:
        raise SourceError(
            f"registry URL {url!r} has an unsupported scheme: use file:///absolute/dir "
            f"or one of {', '.join(s + '://' for s in sorted(SCHEMES))}"
        )
    if config.offline and scheme in NETWORK_SCHEMES:
        raise SourceError(f"registry {url} needs the network, which --frozen forbids: run without --frozen")
    module_name, _, factory = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise SourceError(f"registry URL {url!r}: {scheme}:// registries are not supported by this build") from exc
    source = getattr(module, factory)(url, config)
    if config.trust is None:
        return source
    from vais.pkg.signing import TrustedSource

    return TrustedSource(source, config.trust)


def verify_checksum(data: bytes, expected: str, what: str) -> bytes:
    """Return `data` if its SHA-256 is `expected`; otherwise a clear error naming `what`."""
    actual = sha256_hex(data)
    if actual != expected.lower():
        raise ArchiveError(
            f"checksum mismatch for {what}: the index says sha256 {expected} but the archive has {actual}; "
            "the archive was altered or corrupted, refusing to use it"
        )
    return data


class PathSource:
    """A package in a local directory (a `path` dependency): one version, whatever its manifest says."""

    def __init__(self, root: Path, workspace_root: Path) -> None:
        self.root = root.resolve()
        self.manifest = load_manifest(self.root)
        self.url = Path(os.path.relpath(self.root, workspace_root.resolve())).as_posix()

    def index(self, name: str) -> PackageIndex | None:
        if name != self.manifest.name:
            return None
        return PackageIndex(name, (index_version_for(self.manifest, "", published_at=""),))

    def fetch_archive(self, name: str, version: Version, progress: Progress | None = None) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            return pack_package(self.root, Path(tmp)).path.read_bytes()

    def keys(self) -> list[dict[str, Any]]:
        return []
