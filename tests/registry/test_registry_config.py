"""Server settings: secrets, bounds, config file and environment precedence, refusal to start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from registry_support import JWT_SECRET, free_port

from vais.registry.config import ConfigError, load_settings, secret_weakness


@pytest.mark.parametrize("secret", ["", "secret", "short-but-random-8f2k", "a" * 64, "ab" * 40])
def test_weak_or_missing_secrets_are_refused(secret: str) -> None:
    assert secret_weakness(secret) is not None
    with pytest.raises(ConfigError, match="JWT_SECRET"):
        load_settings({"JWT_SECRET": secret})


def test_dev_mode_makes_a_throwaway_secret() -> None:
    first, second = load_settings({}, dev=True), load_settings({}, dev=True)
    assert secret_weakness(first.jwt_secret) is None and first.jwt_secret != second.jwt_secret


def test_defaults_bounds_and_precedence(tmp_path: Path) -> None:
    settings = load_settings({"JWT_SECRET": JWT_SECRET})
    assert (settings.port, settings.database_url, settings.access_token_ttl_hours) == (
        8080, "sqlite:///data/registry.db", 24.0)
    assert settings.storage_url == "data/archives" and not settings.tls_enabled
    for bad in ({"ACCESS_TOKEN_TTL_HOURS": "0.5"}, {"ACCESS_TOKEN_TTL_HOURS": "49"}, {"PORT": "0"},
                {"TLS_ENABLED": "yes"}, {"TLS_ENABLED": "maybe"}, {"MAX_UPLOAD_BYTES": "lots"}):
        with pytest.raises(ConfigError):
            load_settings({"JWT_SECRET": JWT_SECRET, **bad})
    config = tmp_path / "registry.toml"
    config.write_text('port = 9000\naccess-token-ttl-hours = 2\nallow_registration = true\n')
    settings = load_settings({"JWT_SECRET": JWT_SECRET, "PORT": "9100"}, config_file=config)
    assert (settings.port, settings.access_token_ttl_hours, settings.allow_registration) == (9100, 2.0, True)
    config.write_text("prot = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'prot'"):
        load_settings({"JWT_SECRET": JWT_SECRET}, config_file=config)


def test_serve_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PORT": str(free_port()),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    for secret in (None, "changeme"):
        run_env = env if secret is None else {**env, "JWT_SECRET": secret}
        proc = subprocess.run([sys.executable, "-m", "vais.registry.cli", "serve"], env=run_env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1
        assert "JWT_SECRET" in proc.stderr and "--dev" in proc.stderr
    assert not (tmp_path / "r.db").exists()


@pytest.mark.slow
def test_admin_commands(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
           "STORAGE_URL": str(tmp_path / "archives")}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "vais.registry.cli", *args], env=env, cwd=tmp_path, input=stdin,
                              capture_output=True, text=True, timeout=60)

    assert "empty -> 0001" in run("migrate").stdout and "0001 -> 0001" in run("migrate").stdout
    made = run("user", "add", "root", "--admin", "--password-stdin", stdin="a sturdy password\n")
    assert made.returncode == 0 and "administrator" in made.stdout
    again = run("user", "add", "root", "--password-stdin", stdin="a sturdy password\n")
    assert again.returncode == 1 and "already exists" in again.stderr
    weak = run("user", "add", "weakling", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "at least" in weak.stderr
    keys = run("generate-keys", "--out", str(tmp_path / "keys"), "--no-passphrase")
    assert keys.returncode == 0 and "NOT encrypted" not in keys.stdout and "not encrypted" in keys.stdout
    assert (tmp_path / "keys" / "vais-signing.pem").stat().st_mode & 0o777 == 0o600
    assert run("generate-keys", "--out", str(tmp_path / "keys"), "--no-passphrase").returncode == 1


def test_the_registry_does_not_import_the_compiler() -> None:
    code = ("import sys, vais.registry.cli, vais.registry.app, vais.registry.server; "
            "print([m for m in sys.modules if m.startswith(('vais.syntax', 'vais.sema', 'vais.backend'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
