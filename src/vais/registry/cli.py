"""`vais-registry`: serve the registry and administer it (migrations, users, keys, garbage collection)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from vais.cli import cmd_keygen
from vais.pkg.credentials import read_secret
from vais.registry.config import ConfigError, Settings, load_settings

USAGE_ERROR = 2


def _settings(args: argparse.Namespace, *, needs_secret: bool = False) -> Settings:
    return load_settings(config_file=args.config, dev=getattr(args, "dev", False), needs_secret=needs_secret)


def cmd_serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from vais.registry.server import serve

    settings = _settings(args, needs_secret=True)
    if settings.dev and "JWT_SECRET" not in os.environ:
        print("warning: --dev: using a throwaway JWT secret; every token dies with this process", file=sys.stderr)
    overrides = {k: v for k, v in (("host", args.host), ("port", args.port), ("workers", args.workers)) if v}
    serve(replace(settings, **overrides), args.config)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from vais.registry.db import migrate
    from vais.registry.db.engine import make_engine

    engine = make_engine(_settings(args).database_url)
    before = migrate.current_revision(engine)
    migrate.upgrade(engine)
    print(f"database schema: {before or 'empty'} -> {migrate.current_revision(engine)}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from vais.registry.app import Registry

    registry = Registry.build(_settings(args))
    registry.migrate()
    password = read_secret("password", from_stdin=args.password_stdin, confirm=True)
    user = registry.auth.create_user(args.name, password, email=args.email, admin=args.admin)
    print(f"created user {user.username}" + (" (administrator)" if user.is_admin else ""))
    return 0


def cmd_gc(args: argparse.Namespace) -> int:
    from vais.registry.app import Registry

    settings = _settings(args)
    registry = Registry.build(settings)
    grace = settings.orphan_grace_seconds if args.grace_seconds is None else args.grace_seconds
    removed = registry.publisher.collect_garbage(grace)
    print(json.dumps({"removed": removed}))
    return 0


def cmd_healthcheck(args: argparse.Namespace) -> int:
    """For container health checks: ask the local server's /api/v1/health (HTTPS when TLS is on)."""
    import httpx

    settings = _settings(args)
    scheme = "https" if settings.tls_enabled else "http"
    verify = not settings.tls_enabled  # we dial 127.0.0.1, which the public certificate does not name
    try:
        response = httpx.get(f"{scheme}://127.0.0.1:{settings.port}/api/v1/health", timeout=5, verify=verify)
    except httpx.HTTPError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    print(response.text)
    return 0 if response.status_code == 200 else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vais-registry", description="The Vais package registry server.")
    parser.add_argument("--config", type=Path, help="TOML settings file (environment variables override it)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP(S) server")
    serve.add_argument("--dev", action="store_true", help="allow a missing JWT_SECRET (throwaway secret)")
    serve.add_argument("--host", help="interface to bind (env HOST, default 0.0.0.0)")
    serve.add_argument("--port", type=int, help="port to listen on (env PORT, default 8080)")
    serve.add_argument("--workers", type=int, help="worker processes (env WORKERS, default 1)")
    serve.set_defaults(run=cmd_serve)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(run=cmd_migrate)
    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="create a user")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="make the user an administrator")
    add.add_argument("--email")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(run=cmd_user_add)
    keys = sub.add_parser("generate-keys", help="create an Ed25519 signing key pair (same as `vais keygen`)")
    cmd_keygen.add_arguments(keys)
    keys.set_defaults(run=cmd_keygen.run)
    gc = sub.add_parser("gc", help="delete stored archives that no published version references")
    gc.add_argument("--grace-seconds", type=int, help="only older objects (default ORPHAN_GRACE_SECONDS)")
    gc.set_defaults(run=cmd_gc)
    sub.add_parser("healthcheck", help="exit 0 when the local server answers its health check").set_defaults(
        run=cmd_healthcheck)
    return parser


def main(argv: list[str] | None = None) -> int:
    from vais.pkg.errors import PkgError
    from vais.registry.errors import ApiError

    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (ConfigError, PkgError, ApiError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
