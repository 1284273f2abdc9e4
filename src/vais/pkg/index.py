"""The per-package index document of docs/package-format.md, parsed into typed records and back.

Both the client (resolving) and the registry (serving, publishing) use these records, so the
JSON shape is defined in exactly one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from vais.pkg.errors import PkgError
from vais.pkg.manifest import Manifest
from vais.pkg.semver import SemverError, Version, VersionReq


class IndexFormatError(PkgError):
    """An index document that does not follow the format."""


@dataclass(frozen=True)
class IndexDep:
    name: str
    req: VersionReq
    kind: str = "normal"  # "normal" or "dev"
    optional: bool = False
    features: tuple[str, ...] = ()
    default_features: bool = True
    registry: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "req": str(self.req), "kind": self.kind, "optional": self.optional,
                "features": list(self.features), "default_features": self.default_features,
                "registry": self.registry}


@dataclass(frozen=True)
class IndexVersion:
    version: Version
    cksum: str
    deps: tuple[IndexDep, ...] = ()
    features: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    yanked: bool = False
    signature: str | None = None
    signer_key_id: str | None = None
    published_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"version": str(self.version), "cksum": self.cksum, "deps": [d.to_json() for d in self.deps],
                "features": {k: list(v) for k, v in self.features.items()}, "yanked": self.yanked,
                "signature": self.signature, "signer_key_id": self.signer_key_id,
                "published_at": self.published_at}

    def with_yanked(self, yanked: bool) -> IndexVersion:
        return replace(self, yanked=yanked)


@dataclass(frozen=True)
class PackageIndex:
    name: str
    versions: tuple[IndexVersion, ...]  # ascending semver order

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "versions": [v.to_json() for v in self.versions]}

    def get(self, version: Version) -> IndexVersion | None:
        return next((v for v in self.versions if v.version == version), None)

    def with_version(self, entry: IndexVersion) -> PackageIndex:
        """A copy with `entry` added or replaced, kept in ascending order."""
        others = [v for v in self.versions if v.version != entry.version]
        return PackageIndex(self.name, tuple(sorted([*others, entry], key=lambda v: v.version)))

    @classmethod
    def from_json(cls, doc: Any, where: str) -> PackageIndex:
        """Parse an index document; `where` names its origin in error messages."""
        try:
            name = doc["name"]
            versions = tuple(_version_from_json(v) for v in doc["versions"])
        except (KeyError, TypeError, ValueError, SemverError) as exc:
            raise IndexFormatError(f"malformed index document for {where}: {exc}") from exc
        return cls(name, tuple(sorted(versions, key=lambda v: v.version)))


def _version_from_json(raw: Mapping[str, Any]) -> IndexVersion:
    deps = tuple(
        IndexDep(d["name"], VersionReq.parse(d["req"]), d.get("kind", "normal"), bool(d.get("optional", False)),
                 tuple(d.get("features", ())), bool(d.get("default_features", True)), d.get("registry"))
        for d in raw.get("deps", ())
    )
    features = {k: tuple(v) for k, v in (raw.get("features") or {}).items()}
    return IndexVersion(Version.parse(raw["version"]), str(raw["cksum"]), deps, features, bool(raw.get("yanked", False)),
                        raw.get("signature"), raw.get("signer_key_id"), raw.get("published_at"))


def index_version_for(manifest: Manifest, cksum: str, *, signature: str | None = None,
                      signer_key_id: str | None = None, published_at: str | None = None) -> IndexVersion:
    """The index entry describing a package archive whose manifest is `manifest`."""
    deps = tuple(
        IndexDep(d.name, d.req, "dev" if d.dev else "normal", d.optional, d.features, d.default_features, d.registry)
        for d in manifest.all_dependencies
    )
    features = {"default": (), **dict(manifest.features)}
    stamp = published_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return IndexVersion(manifest.version, cksum, deps, features, False, signature, signer_key_id, stamp)
