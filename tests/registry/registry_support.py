"""Helpers for the registry tests: real servers on free loopback ports, PostgreSQL schemas, packages."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

POSTGRES_URL = os.environ.get("VAIS_TEST_POSTGRES_URL", "postgresql://vais:vais@127.0.0.1:5432/vais_test")
JWT_SECRET = "test-k7Q2mX9vL4pR8sT1wZ6yB3nC5dF0gH2jA9eU4iO7-Nq3Wd8Lz1Xc6Vb0Mn5Aa2Ss7Dd4Ff9Gg"
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_available() -> bool:
    import psycopg

    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema in the test database; the URL pins search_path to it. Dropped afterwards."""
    import psycopg

    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL} (CI must run .ci/prepare-machine)")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@dataclass
class Server:
    url: str
    root: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def server_env(root: Path, database_url: str, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "STORAGE_", "JWT_", "TLS_"))}
    env.update({
        "DATABASE_URL": database_url,
        "STORAGE_URL": str(root / "archives"),
        "JWT_SECRET": JWT_SECRET,
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
        "ALLOW_REGISTRATION": "true",
        "LOG_LEVEL": "info",
        "VAIS_HOME": str(root / "server-home"),
    })
    env.update(overrides)
    return env


def launch(root: Path, env: dict[str, str], argv: list[str] | None = None, scheme: str = "http",
           verify: str | bool = True) -> Server:
    """Start `vais-registry serve` (or `argv`) and wait until its health check answers."""
    root.mkdir(parents=True, exist_ok=True)
    log_path = root / f"server-{uuid.uuid4().hex[:8]}.log"
    log = log_path.open("wb")
    argv = argv or [sys.executable, "-m", "vais.registry.cli", "serve"]
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"{scheme}://127.0.0.1:{env['PORT']}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"registry exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2, verify=verify).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"registry did not start:\n{log_path.read_text()}")
        time.sleep(0.1)
    server = Server(url, root, env, process, log_path)
    if scheme == "https":
        server.client = httpx.Client(base_url=url, timeout=30, verify=verify)
    return server


@contextlib.contextmanager
def running_server(root: Path, database_url: str, **overrides: str) -> Iterator[Server]:
    server = launch(root, server_env(root, database_url, **overrides))
    try:
        yield server
    finally:
        server.stop()


# --- API helpers -------------------------------------------------------------------------------------


def register(server: Server, username: str | None = None) -> tuple[str, dict[str, str]]:
    """Create a user through the API and return (name, Authorization header of a fresh session)."""
    username = username or f"u{secrets.token_hex(4)}"
    r = server.client.post("/api/v1/auth/register", json={"username": username, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return username, login(server, username)


def login(server: Server, username: str) -> dict[str, str]:
    r = server.client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def make_project(root: Path, name: str, version: str = "1.0.0", *, deps: str = "", description: str = "",
                 keywords: tuple[str, ...] = (), readme: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    kw = ", ".join(f'"{k}"' for k in keywords)
    (root / "Vais.toml").write_text(
        f'[package]\nname = "{name}"\nversion = "{version}"\ndescription = "{description}"\n'
        f"keywords = [{kw}]\n" + (f"\n[dependencies]\n{deps}\n" if deps else ""), encoding="utf-8")
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "lib.vais").write_text("F answer() -> i64 = 42\n", encoding="utf-8")
    if readme is not None:
        (root / "README.md").write_text(readme, encoding="utf-8")
    return root


def pack(root: Path, name: str, version: str = "1.0.0", **kwargs: object) -> bytes:
    from vais.pkg.archive import pack_package

    project = make_project(root / f"{name}-{version}-src", name, version, **kwargs)  # type: ignore[arg-type]
    return pack_package(project, root / "out").path.read_bytes()


def publish(server: Server, auth: dict[str, str], name: str, version: str, data: bytes,
            **headers: str) -> httpx.Response:
    from vais.pkg.signing import sha256_hex

    send = {**auth, "Content-Type": "application/gzip", "X-Vais-Checksum": sha256_hex(data)}
    send.update({k.replace("_", "-"): v for k, v in headers.items()})
    return server.client.put(f"/api/v1/packages/{name}/{version}", content=data, headers=send)


def stored_archives(server_root: Path) -> list[Path]:
    base = server_root / "archives" / "archives"
    return sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []
