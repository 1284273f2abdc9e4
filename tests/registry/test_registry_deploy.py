"""The container files match the deployment checklist (Docker cannot run here, so they are checked as data)."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import yaml
from registry_support import running_server

from vais.registry.config import Settings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {f.name.upper() for f in dataclasses.fields(Settings)}
BOTO_ENV = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def test_compose_file() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    registry = compose["services"]["registry"]
    assert registry["restart"] == "always" and compose["services"]["postgres"]["restart"] == "always"
    env = registry["environment"]
    assert {"DATABASE_URL", "STORAGE_URL", "JWT_SECRET", "TLS_ENABLED", "TLS_CERT", "TLS_KEY", "PORT"} <= set(env)
    assert set(env) - BOTO_ENV <= SETTINGS, "every variable must be a real setting"
    assert "${JWT_SECRET:?" in env["JWT_SECRET"]  # compose refuses to start without a secret
    assert "/data/" in env["DATABASE_URL"] and env["STORAGE_URL"].endswith("/data/archives}")
    assert "registry-data:/data" in registry["volumes"] and "registry-data" in compose["volumes"]


def test_dockerfile() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    assert re.search(r"^USER vais$", text, re.M) and "useradd --system" in text
    assert 'HEALTHCHECK' in text and '"vais-registry", "healthcheck"' in text
    assert text.rstrip().endswith('CMD ["vais-registry", "serve"]')
    assert "DATABASE_URL=sqlite:////data/registry.db" in text and 'VOLUME ["/data"]' in text
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", "data", "tests"} <= set(ignored) and "README.md" not in ignored


def test_healthcheck_command(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}") as srv:
        ok = subprocess.run([sys.executable, "-m", "vais.registry.cli", "healthcheck"], env=srv.env,
                            capture_output=True, text=True, timeout=60)
        assert ok.returncode == 0 and '"ok"' in ok.stdout
    down = subprocess.run([sys.executable, "-m", "vais.registry.cli", "healthcheck"], env=srv.env,
                          capture_output=True, text=True, timeout=60)
    assert down.returncode == 1 and "unhealthy" in down.stderr
