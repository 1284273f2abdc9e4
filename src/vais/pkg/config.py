"""Registry settings from `.vais/config.toml` (project) and `$VAIS_HOME/config.toml` (user).

Only the registry URLs are read here; credentials and trust policy belong to the publishing side.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vais.pkg.errors import PkgError


@dataclass(frozen=True)
class RegistryConfig:
    default: str | None
    named: dict[str, str]

    def url_for(self, value: str) -> str:
        """Turn a `--registry` / `registry =` value (URL, directory, or configured name) into a URL."""
        if "://" in value:
            return value.rstrip("/") if not value.startswith("file:") else value
        if value in self.named:
            return self.named[value]
        if Path(value).is_dir():
            return Path(value).resolve().as_uri()
        known = ", ".join(sorted(self.named)) or "none configured"
        raise PkgError(
            f"unknown registry {value!r}: give a URL (https://host or file:///dir), a registry "
            f"directory, or a name from [registries] in .vais/config.toml (known: {known})"
        )


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise PkgError(f"{path}: invalid TOML ({exc})") from exc


def load_registry_config(project_dir: Path, home: Path) -> RegistryConfig:
    """Merge user-wide then project settings (the project wins)."""
    default: str | None = None
    named: dict[str, str] = {}
    for path in (home / "config.toml", project_dir / ".vais" / "config.toml"):
        data = _read(path)
        for name, table in (data.get("registries") or {}).items():
            if isinstance(table, dict) and isinstance(table.get("url"), str):
                named[name] = table["url"]
        configured = (data.get("registry") or {}).get("default")
        if isinstance(configured, str):
            default = configured
    config = RegistryConfig(None, named)
    return RegistryConfig(config.url_for(default) if default else None, named)
