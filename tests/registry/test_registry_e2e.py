"""End to end through the real `vais` CLI against a real server (SQLite and PostgreSQL):
register, login, keygen, key registration, signed publish, install into a fresh project, run, yank,
verify, and the refusals (tampered archive, unsigned package under require-signatures, revoked key).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from registry_support import PASSWORD, Server, make_project, running_server

from vais.cli import main as cli_main

PASSPHRASE = "a long passphrase for the key"


# While other engineers' command modules are still missing, `vais` cannot build its full parser; then the
# command's own module is run exactly as `vais.cli.main` would run it (same add_arguments/run, own process).
ONE_COMMAND = """
import argparse, importlib, sys
from vais.cli.main import COMMANDS
name, *rest = sys.argv[1:]
module = importlib.import_module(COMMANDS[name][0])
parser = argparse.ArgumentParser(prog="vais " + name)
module.add_arguments(parser)
args = parser.parse_args(rest)
args.command = name
sys.exit(int(module.run(args) or 0))
"""


def _cli_argv() -> list[str]:
    try:
        cli_main.build_parser()
    except ModuleNotFoundError:
        return [sys.executable, "-c", ONE_COMMAND]
    return [sys.executable, "-m", "vais.cli.main"]


class Vais:
    """Runs the real CLI in a subprocess with its own VAIS_HOME and no terminal."""

    def __init__(self, home: Path) -> None:
        self.env = {**os.environ, "VAIS_HOME": str(home)}
        self.env.pop("VAIS_REGISTRY_TOKEN", None)
        self.argv = _cli_argv()

    def __call__(self, *args: str, cwd: Path, stdin: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([*self.argv, *args], cwd=cwd, env=self.env, input=stdin,
                              capture_output=True, text=True, timeout=120)
        if ok:
            assert proc.returncode == 0, f"vais {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc


def _app(root: Path, registry: str, dep: str, *, trust: str) -> Path:
    app = root
    app.mkdir(parents=True)
    (app / "Vais.toml").write_text(f'[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n{dep} = "^1.0"\n')
    (app / "src").mkdir()
    (app / "src" / "main.vais").write_text(
        f"U {dep.replace('-', '_')}/greet\n\nF main() -> i64 {{\n    println(greet::hello())\n    0\n}}\n")
    (app / ".vais").mkdir()
    (app / ".vais" / "config.toml").write_text(f'[registry]\ndefault = "{registry}"\n\n[trust]\n{trust}\n')
    return app


def _library(root: Path, name: str) -> Path:
    lib = make_project(root, name, "1.0.0", description="says hello", keywords=("greeting",),
                       readme=f"# {name}\n\nSays **hello**.\n")
    (lib / "src" / "greet.vais").write_text('P F hello() -> Str = "hello from the registry"\n')
    return lib


@pytest.mark.slow
def test_publish_install_run_yank_verify(tmp_path: Path, database_url: str) -> None:
    with running_server(tmp_path / "srv", database_url) as srv:
        _flow(srv, tmp_path)


def _flow(srv: Server, tmp: Path) -> None:
    url = srv.url
    vais = Vais(tmp / "home")
    work = tmp / "work"
    work.mkdir()

    # Accounts: self-service registration, logout, password login from stdin.
    vais("register", "--registry", url, "--username", "alice", "--password-stdin", cwd=work, stdin=PASSWORD + "\n")
    credentials = tmp / "home" / "credentials.toml"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    vais("logout", "--registry", url, cwd=work)
    assert url not in credentials.read_text()
    bad = vais("login", "--registry", url, "--username", "alice", "--password-stdin", cwd=work, stdin="nope\n",
               ok=False)
    assert bad.returncode == 1 and "invalid username or password" in bad.stderr
    vais("login", "--registry", url, "--username", "alice", "--password-stdin", cwd=work, stdin=PASSWORD + "\n")
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600 and PASSWORD not in credentials.read_text()

    # Keys: encrypted private key with mode 0600, registered public key.
    out = vais("keygen", "--out", str(tmp / "keys"), "--passphrase-stdin", cwd=work, stdin=PASSPHRASE + "\n").stdout
    key_id = out.split()[2]
    private = tmp / "keys" / "vais-signing.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and b"ENCRYPTED PRIVATE KEY" in private.read_bytes()
    vais("keys", "add", str(tmp / "keys" / "vais-signing.pub.pem"), "--registry", url, cwd=work)
    assert key_id in vais("keys", "list", "--registry", url, cwd=work).stdout

    # Publish: dry run uploads nothing; a signed publish lands; the same version again is refused.
    lib = _library(tmp / "greet", "greet")
    sign = ["--registry", url, "--sign-key", str(private), "--passphrase-stdin", "--no-verify"]
    assert "dry run" in vais("publish", "--dry-run", *sign, cwd=lib, stdin=PASSPHRASE + "\n").stdout
    assert srv.client.get("/api/v1/index/greet").status_code == 404
    archive = lib / "target" / "package" / "greet-1.0.0.tar.gz"
    mismatch = tmp / "wrong.sha256"
    mismatch.write_text(f"{'ab' * 32}  greet-1.0.0.tar.gz\n")
    refused = vais("publish", *sign, "--signature-file", str(mismatch), cwd=lib, stdin=PASSPHRASE + "\n", ok=False)
    assert refused.returncode == 1 and "checksum mismatch" in refused.stderr and "ab" * 32 in refused.stderr
    import hashlib

    good = tmp / "good.sha256"
    good.write_text(f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  greet-1.0.0.tar.gz\n")
    published = vais("publish", *sign, "--signature-file", str(good), cwd=lib, stdin=PASSPHRASE + "\n")
    assert f"signed with key {key_id}" in published.stdout
    again = vais("publish", *sign, cwd=lib, stdin=PASSPHRASE + "\n", ok=False)
    assert again.returncode == 1 and "already published" in again.stderr
    assert "greet" in vais("search", "hello", "--registry", url, cwd=work).stdout

    # Install into a fresh project that requires signatures from alice.
    app = _app(tmp / "app", url, "greet", trust='require-signatures = true\ntrusted-authors = ["alice"]')
    vais("install", cwd=app)
    lock = tomllib.loads((app / "Vais.lock").read_text())
    entry = next(p for p in lock["package"] if p["name"] == "greet")
    assert entry["source"] == f"registry+{url}" and entry["checksum"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    _yank_verify_and_refusals(srv, tmp, vais, app, archive, key_id)
    if "run" not in cli_main.COMMANDS and "run" not in cli_main.FAST_COMMANDS:
        pytest.skip("vais run not available yet (every other step passed)")
    assert "hello from the registry" in vais("run", cwd=app).stdout


def _yank_verify_and_refusals(srv: Server, tmp: Path, vais: Vais, app: Path, archive: Path, key_id: str) -> None:
    url = srv.url
    work = tmp / "work"
    vais("yank", "greet@1.0.0", "--registry", url, cwd=work)
    assert srv.client.get("/api/v1/index/greet").json()["versions"][0]["yanked"] is True
    vais("install", "--locked", cwd=app)  # the lock file keeps a yanked version usable
    vais("unyank", "greet@1.0.0", "--registry", url, cwd=work)

    verified = vais("package", "verify", str(archive), "--registry", url, cwd=work).stdout
    assert "matches" in verified and f"key {key_id} of alice" in verified
    tampered = tmp / "greet-1.0.0.tar.gz"
    tampered.write_bytes(archive.read_bytes()[:-8] + b"\0" * 8)
    assert vais("package", "verify", str(tampered), "--registry", url, cwd=work, ok=False).returncode == 1

    # An unsigned package is refused by a project that requires signatures.
    plain = make_project(tmp / "plain", "plain", "1.0.0")
    vais("publish", "--registry", url, "--no-verify", cwd=plain)
    strict = _app(tmp / "strict", url, "plain", trust="require-signatures = true")
    refused = vais("install", cwd=strict, ok=False)
    assert refused.returncode == 1 and "plain 1.0.0 is not signed" in refused.stderr

    # After the key is revoked, a fresh install of what it signed is refused.
    vais("keys", "revoke", key_id, "--registry", url, cwd=work)
    fresh = Vais(tmp / "home2")
    again = _app(tmp / "again", url, "greet", trust="require-signatures = true")
    refused = fresh("install", cwd=again, ok=False)
    assert refused.returncode == 1 and "revoked" in refused.stderr


@pytest.mark.slow
def test_api_token_login_and_owner_commands(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}") as srv:
        vais = Vais(tmp_path / "home")
        work = tmp_path / "work"
        work.mkdir()
        for user in ("bob", "carol"):
            r = srv.client.post("/api/v1/auth/register", json={"username": user, "password": PASSWORD})
            assert r.status_code == 201
        session = srv.client.post("/api/v1/auth/login", json={"username": "bob", "password": PASSWORD}).json()
        token = srv.client.post("/api/v1/tokens", json={"name": "ci", "scopes": ["publish", "owners"]},
                                headers={"Authorization": f"Bearer {session['access_token']}"}).json()["token"]
        vais("login", "--registry", srv.url, "--token-stdin", cwd=work, stdin=token + "\n")
        lib = make_project(tmp_path / "tool", "tool", "1.0.0")
        if "test" in cli_main.COMMANDS or "test" in cli_main.FAST_COMMANDS:
            vais("publish", "--registry", srv.url, "--no-verify", cwd=lib)
        else:  # without a test runner, publishing says loudly that it did not test
            assert "tests were skipped" in vais("publish", "--registry", srv.url, cwd=lib).stderr
        assert "bob, carol" in vais("owner", "add", "tool", "carol", "--registry", srv.url, cwd=work).stdout
        assert "bob, carol" in vais("owner", "list", "tool", "--registry", srv.url, cwd=work).stdout
        no_scope = vais("yank", "tool@1.0.0", "--registry", srv.url, cwd=work, ok=False)
        assert no_scope.returncode == 1 and "'yank' scope" in no_scope.stderr
        # Installing with explicit credentials (no stored ones, no config file).
        consumer = Vais(tmp_path / "home-ci")
        app = tmp_path / "consumer"
        (app / "src").mkdir(parents=True)
        (app / "Vais.toml").write_text('[package]\nname = "consumer"\nversion = "0.1.0"\n\n[dependencies]\ntool = "1"\n')
        consumer("install", "--registry", srv.url, "--username", "bob", "--token", token, cwd=app)
        assert f"registry+{srv.url}" in (app / "Vais.lock").read_text()
