"""Credentials and the trust policy of the client (docs/package-format.md, "User files").

Registry URLs come from `vais.pkg.config`; tokens live only in `$VAIS_HOME/credentials.toml`,
written atomically with mode 0600; `[trust]` of the project's `.vais/config.toml` wins over the user's.
"""

from __future__ import annotations

import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit

from vais.pkg.config import load_registry_config
from vais.pkg.errors import PkgError
from vais.pkg.layout import vais_home
from vais.pkg.securefile import write_private_file
from vais.pkg.signing import SigningError, TrustPolicy


class ConfigError(PkgError):
    """A config or credentials file is unreadable or says something invalid."""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def normalise_url(url: str) -> str:
    return url.strip().rstrip("/")


def resolve_registry(explicit: str | None, project_dir: Path) -> str:
    """The registry to talk to: `--registry` (URL, directory or configured name), else `[registry] default`."""
    config = load_registry_config(project_dir, vais_home())
    url = config.url_for(explicit) if explicit else config.default
    if not url:
        raise ConfigError("no registry given: pass --registry URL or set [registry] default = \"https://...\" "
                          "in .vais/config.toml or $VAIS_HOME/config.toml")
    return normalise_url(url)


def trust_policy(project_dir: Path) -> TrustPolicy:
    """`[trust]` of the project's `.vais/config.toml`, else of `$VAIS_HOME/config.toml`."""
    for path in (project_dir / ".vais" / "config.toml", vais_home() / "config.toml"):
        table = _read_toml(path).get("trust")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: [trust] must be a table")
            try:
                return TrustPolicy.from_table(table)
            except SigningError as exc:
                raise ConfigError(f"{path}: {exc.message}") from None
    return TrustPolicy()


@dataclass(frozen=True)
class Credential:
    token: str
    username: str | None = None
    refresh_token: str | None = None
    expires_at: int | None = None


class CredentialStore:
    """`$VAIS_HOME/credentials.toml`: `[registries."<url>"] token = "..."` (plus refresh data for sessions)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or vais_home() / "credentials.toml"

    def _load(self) -> dict[str, Any]:
        if self.path.exists() and stat.S_IMODE(self.path.stat().st_mode) & 0o077:
            raise ConfigError(f"{self.path} is readable by other users; run `chmod 600 {self.path}`")
        return _read_toml(self.path)

    def get(self, url: str) -> Credential | None:
        entry = self._load().get("registries", {}).get(normalise_url(url))
        if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
            return None
        return Credential(entry["token"], entry.get("username"), entry.get("refresh-token"), entry.get("expires-at"))

    def put(self, url: str, credential: Credential) -> None:
        data = self._load()
        entry: dict[str, Any] = {"token": credential.token}
        for key, value in (("username", credential.username), ("refresh-token", credential.refresh_token),
                           ("expires-at", credential.expires_at)):
            if value is not None:
                entry[key] = value
        data.setdefault("registries", {})[normalise_url(url)] = entry
        write_private_file(self.path, tomlkit.dumps(data).encode())

    def remove(self, url: str) -> bool:
        data = self._load()
        found = data.get("registries", {}).pop(normalise_url(url), None) is not None
        if found:
            write_private_file(self.path, tomlkit.dumps(data).encode())
        return found


def read_secret(what: str, *, from_stdin: bool, confirm: bool = False) -> str:
    """A secret from one line of stdin (scripts) or an echo-free prompt, asked twice when `confirm`."""
    import getpass
    import sys

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"{what}: ")
    if confirm and getpass.getpass(f"repeat {what}: ") != first:
        raise ConfigError(f"the two {what}s differ")
    return first
