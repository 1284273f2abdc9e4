"""Registry settings: defaults < `--config FILE` (TOML) < environment variables.

One frozen `Settings` object is built at start-up and handed to every component, so nothing reads
the environment later and tests can build settings directly.
"""

from __future__ import annotations

import dataclasses
import math
import os
import secrets
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MIN_SECRET_BYTES = 32
_WEAK_SECRETS = {"secret", "changeme", "change-me", "password", "jwt_secret", "development", "default"}


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the variable and what is expected."""


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///data/registry.db"
    storage_url: str = "data/archives"
    jwt_secret: str = ""
    jwt_issuer: str = "vais-registry"
    jwt_audience: str = "vais-registry-api"
    host: str = "0.0.0.0"
    port: int = 8080
    workers: int = 1
    tls_enabled: bool = False
    tls_cert: str = ""
    tls_key: str = ""
    forwarded_allow_ips: str = "127.0.0.1"
    access_token_ttl_hours: float = 24.0
    refresh_token_ttl_days: float = 30.0
    max_upload_bytes: int = 10 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_archive_entries: int = 10_000
    auth_rate_limit: int = 10
    auth_rate_window_seconds: int = 60
    allow_registration: bool = False
    require_signatures: bool = False
    index_max_age_seconds: int = 60
    auto_migrate: bool = True
    orphan_grace_seconds: int = 3600
    registry_name: str = "Vais registry"
    s3_endpoint_url: str = ""
    s3_region: str = ""
    log_level: str = "info"
    dev: bool = False

    @property
    def access_token_ttl_seconds(self) -> int:
        return int(self.access_token_ttl_hours * 3600)

    @property
    def refresh_token_ttl_seconds(self) -> int:
        return int(self.refresh_token_ttl_days * 86400)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def load_settings(
    environ: Mapping[str, str] | None = None, config_file: str | Path | None = None, dev: bool = False,
    *, needs_secret: bool = True,
) -> Settings:
    """Merge defaults, the optional TOML file and the environment, then validate.

    Admin commands that never sign tokens (migrate, user add, gc) pass `needs_secret=False`.
    """
    environ = os.environ if environ is None else environ
    raw: dict[str, object] = {}
    if config_file is not None:
        raw.update(_read_config_file(Path(config_file)))
    for name in _FIELDS:
        if name == "dev":
            continue
        value = environ.get(name.upper())
        if value is not None:
            raw[name] = value
    values = {name: _coerce(name, value) for name, value in raw.items()}
    values["dev"] = dev
    if dev and not values.get("jwt_secret"):
        values["jwt_secret"] = secrets.token_urlsafe(48)
    settings = Settings(**values)  # type: ignore[arg-type]
    validate(settings, needs_secret=needs_secret)
    return settings


def _read_config_file(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: {exc}") from None
    out: dict[str, object] = {}
    for key, value in data.items():
        name = key.lower().replace("-", "_")
        if name not in _FIELDS or name == "dev":
            raise ConfigError(f"config file {path}: unknown setting '{key}'")
        out[name] = value
    return out


def _coerce(name: str, value: object) -> object:
    kind = _FIELDS[name].type
    env_name = name.upper()
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{env_name} must be true or false, got '{value}'")
    if kind in ("int", "float"):
        try:
            number = float(value) if kind == "float" else int(str(value))  # type: ignore[arg-type]
        except ValueError:
            raise ConfigError(f"{env_name} must be a number, got '{value}'") from None
        return number
    return str(value)


def validate(settings: Settings, *, needs_secret: bool = True) -> None:
    """Reject settings that would run an insecure or broken server."""
    if needs_secret and not settings.dev:
        problem = secret_weakness(settings.jwt_secret)
        if problem:
            raise ConfigError(
                f"JWT_SECRET {problem}; set it to at least {MIN_SECRET_BYTES} random bytes "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`), "
                "or pass --dev for a throwaway development secret"
            )
    if not 1 <= settings.access_token_ttl_hours <= 48:
        raise ConfigError("ACCESS_TOKEN_TTL_HOURS must be between 1 and 48")
    if settings.refresh_token_ttl_days <= 0:
        raise ConfigError("REFRESH_TOKEN_TTL_DAYS must be positive")
    if not 0 < settings.port < 65536:
        raise ConfigError(f"PORT must be between 1 and 65535, got {settings.port}")
    for name in ("max_upload_bytes", "max_unpacked_bytes", "max_archive_entries", "auth_rate_limit",
                 "auth_rate_window_seconds", "workers"):
        if getattr(settings, name) <= 0:
            raise ConfigError(f"{name.upper()} must be positive")
    if settings.tls_enabled and not (settings.tls_cert and settings.tls_key):
        raise ConfigError("TLS_ENABLED needs TLS_CERT and TLS_KEY (PEM file paths)")
    for name in ("tls_cert", "tls_key"):
        path = getattr(settings, name)
        if settings.tls_enabled and not Path(path).is_file():
            raise ConfigError(f"{name.upper()}: file {path} does not exist")


def secret_weakness(secret: str) -> str | None:
    """Why `secret` is unfit for signing tokens, or None when it is acceptable."""
    if not secret:
        return "is not set"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        return f"is too short ({len(secret.encode())} bytes, need {MIN_SECRET_BYTES})"
    if secret.lower() in _WEAK_SECRETS or len(set(secret)) < 8:
        return "is too predictable"
    counts = Counter(secret)
    entropy = -sum(c / len(secret) * math.log2(c / len(secret)) for c in counts.values())
    if entropy * len(secret) < 128:
        return "has too little entropy"
    return None
