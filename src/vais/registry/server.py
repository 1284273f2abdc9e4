"""Running the app under uvicorn (h11), with HTTPS served directly when TLS is enabled (TLS 1.2+)."""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from vais.registry.config import Settings
from vais.registry.logsetup import uvicorn_log_config


def tls_context(config: uvicorn.Config, default: Callable[[], ssl.SSLContext]) -> ssl.SSLContext:
    """uvicorn's context from our cert and key, with TLS 1.0 and 1.1 refused."""
    context = default()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def serve(settings: Settings, config_file: Path | None) -> None:
    """Run until SIGINT/SIGTERM. With several workers each process builds its app from the environment."""
    from vais.registry.app import Registry, create_app

    registry = Registry.build(settings)
    if settings.auto_migrate:
        registry.migrate()  # once, before any worker starts
    registry.db.dispose()
    common: dict[str, Any] = dict(
        host=settings.host, port=settings.port, http="h11", lifespan="off", proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips, log_config=uvicorn_log_config(settings.log_level),
        server_header=False, timeout_graceful_shutdown=20,
        ssl_certfile=settings.tls_cert if settings.tls_enabled else None,
        ssl_keyfile=settings.tls_key if settings.tls_enabled else None,
        ssl_context_factory=tls_context if settings.tls_enabled else None,
    )
    if settings.workers == 1:
        app = create_app(_without_migrations(settings))
        uvicorn.Server(uvicorn.Config(app, **common)).run()
        return
    os.environ["AUTO_MIGRATE"] = "false"
    os.environ["JWT_SECRET"] = settings.jwt_secret  # a --dev secret must be shared by all workers
    if config_file is not None:
        os.environ["VAIS_REGISTRY_CONFIG"] = str(config_file)
    if settings.dev:
        os.environ["VAIS_REGISTRY_DEV"] = "1"
    config = uvicorn.Config("vais.registry.app:create_app_from_env", factory=True, workers=settings.workers,
                            **common)
    uvicorn.supervisors.Multiprocess(config, sockets=[config.bind_socket()]).run()


def _without_migrations(settings: Settings) -> Settings:
    from dataclasses import replace

    return replace(settings, auto_migrate=False)
