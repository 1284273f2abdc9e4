"""The `http://` / `https://` PackageSource: a `vais-registry` server's sparse index, downloads and keys.

Registered in `vais.pkg.sources.SCHEMES`. Index documents are cached per source instance (one
install asks for each package once); archives are checked against the index checksum here and
against signatures by `vais.pkg.signing.TrustedSource`.
"""

from __future__ import annotations

from typing import Any

from vais.pkg.credentials import Credential, CredentialStore
from vais.pkg.index import PackageIndex
from vais.pkg.registry_api import RegistryClient
from vais.pkg.semver import Version
from vais.pkg.sources import Progress, SourceConfig, SourceError, verify_checksum


class HttpRegistry:
    def __init__(self, url: str, config: SourceConfig) -> None:
        credential = (Credential(config.token, config.username) if config.token
                      else CredentialStore(config.vais_home / "credentials.toml").get(url))
        self.client = RegistryClient(url, credential=credential)
        self.url = self.client.url
        self._indexes: dict[str, PackageIndex | None] = {}
        self._keys: list[dict[str, Any]] | None = None

    def index(self, name: str) -> PackageIndex | None:
        if name not in self._indexes:
            doc = self.client.index(name)
            self._indexes[name] = PackageIndex.from_json(doc, f"{name} at {self.url}") if doc else None
        return self._indexes[name]

    def fetch_archive(self, name: str, version: Version, progress: Progress | None = None) -> bytes:
        index = self.index(name)
        entry = index.get(version) if index else None
        if entry is None:
            raise SourceError(f"registry {self.url} has no {name} {version}")
        data = self.client.download(name, str(version), progress)
        return verify_checksum(data, entry.cksum, f"{name} {version} from {self.url}")

    def keys(self) -> list[dict[str, Any]]:
        if self._keys is None:
            self._keys = self.client.keys()
        return self._keys


def open_source(url: str, config: SourceConfig) -> HttpRegistry:
    """Factory registered for `http`/`https` in vais.pkg.sources.SCHEMES."""
    return HttpRegistry(url, config)
