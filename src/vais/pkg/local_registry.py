"""The local directory registry (`file:///dir`): read it as a source, and write entries into it.

Layout (docs/package-format.md): `config.json`, `index/{name}.json`,
`packages/{name}/{name}-{version}.tar.gz`, optional `keys.json`. Writing is used by tests and
benchmarks (and works as a tiny offline registry): every file is replaced atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from vais.pkg.archive import ArchiveLimits, inspect_archive, sha256_hex
from vais.pkg.fsutil import atomic_write
from vais.pkg.index import IndexVersion, PackageIndex, index_version_for
from vais.pkg.semver import Version
from vais.pkg.sources import Progress, SourceConfig, SourceError, verify_checksum


def registry_dir(url: str) -> Path:
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        raise SourceError(f"registry URL {url!r}: a file:// registry must be local (file:///absolute/dir)")
    return Path(unquote(parsed.path))


class LocalRegistry:
    """A `PackageSource` over a registry directory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.root = registry_dir(url)
        if not (self.root / "config.json").is_file():
            raise SourceError(
                f"{self.root} is not a Vais registry directory (no config.json): "
                "check the --registry URL, or create one with vais.pkg.local_registry.init_registry"
            )

    def index(self, name: str) -> PackageIndex | None:
        path = self.root / "index" / f"{name}.json"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, json.JSONDecodeError) as exc:
            raise SourceError(f"cannot read index {path}: {exc}") from exc
        return PackageIndex.from_json(doc, str(path))

    def fetch_archive(self, name: str, version: Version, progress: Progress | None = None) -> bytes:
        entry = self._entry(name, version)
        path = archive_path(self.root, name, str(version))
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise SourceError(f"registry {self.url} lists {name} {version} but has no archive {path}") from exc
        if progress is not None:
            progress(len(data), len(data))
        return verify_checksum(data, entry.cksum, f"{name} {version} from {self.url}")

    def keys(self) -> list[dict[str, Any]]:
        path = self.root / "keys.json"
        if not path.is_file():
            return []
        return list(json.loads(path.read_text(encoding="utf-8")).get("keys", []))

    def _entry(self, name: str, version: Version) -> IndexVersion:
        index = self.index(name)
        entry = index.get(version) if index else None
        if entry is None:
            raise SourceError(f"registry {self.url} has no {name} {version}")
        return entry


def open_source(url: str, config: SourceConfig) -> LocalRegistry:
    """Factory registered for `file://` in vais.pkg.sources.SCHEMES."""
    return LocalRegistry(url)


def archive_path(root: Path, name: str, version: str) -> Path:
    return root / "packages" / name / f"{name}-{version}.tar.gz"


def init_registry(root: Path, display_name: str = "local") -> str:
    """Create an empty registry directory (if needed); return its file:// URL."""
    (root / "index").mkdir(parents=True, exist_ok=True)
    (root / "packages").mkdir(exist_ok=True)
    config = root / "config.json"
    if not config.exists():
        atomic_write(config, json.dumps({"format": 1, "name": display_name}) + "\n")
    return root.resolve().as_uri()


def add_package(root: Path, archive: bytes, *, yanked: bool = False, signature: str | None = None,
                signer_key_id: str | None = None, published_at: str | None = None) -> IndexVersion:
    """Publish an archive into the registry directory: validate it, store it, add its index entry."""
    info = inspect_archive(archive, ArchiveLimits())
    index_path = root / "index" / f"{info.name}.json"
    index = LocalRegistry(root.resolve().as_uri()).index(info.name) or PackageIndex(info.name, ())
    if index.get(info.manifest.version) is not None:
        raise SourceError(f"{info.name} {info.version} is already in the registry: versions are immutable")
    entry = index_version_for(info.manifest, sha256_hex(archive), signature=signature,
                              signer_key_id=signer_key_id, published_at=published_at).with_yanked(yanked)
    atomic_write(archive_path(root, info.name, info.version), archive)
    _write_index(index_path, index.with_version(entry))
    return entry


def set_yanked(root: Path, name: str, version: str, yanked: bool = True) -> None:
    """Yank (or unyank) one version in a registry directory."""
    index = LocalRegistry(root.resolve().as_uri()).index(name)
    entry = index.get(Version.parse(version)) if index else None
    if index is None or entry is None:
        raise SourceError(f"{name} {version} is not in the registry at {root}")
    _write_index(root / "index" / f"{name}.json", index.with_version(entry.with_yanked(yanked)))


def _write_index(path: Path, index: PackageIndex) -> None:
    atomic_write(path, json.dumps(index.to_json(), indent=2) + "\n")
