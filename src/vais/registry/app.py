"""The ASGI application: wires settings, database, storage and services, and maps every error to JSON."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from vais.pkg.archive import ArchiveLimits
from vais.registry import api_auth, api_packages, openapi, web
from vais.registry.auth import AuthService
from vais.registry.clock import Clock, SystemClock
from vais.registry.config import Settings
from vais.registry.db import migrate
from vais.registry.db.engine import Database, make_engine
from vais.registry.endpoint import error_response
from vais.registry.errors import ApiError
from vais.registry.jwt_tokens import AccessTokens
from vais.registry.keys import KeyService
from vais.registry.packages import PackageService
from vais.registry.publish import PublishService
from vais.registry.ratelimit import RateLimiter
from vais.registry.storage import Storage, open_storage

_LOG = logging.getLogger("vais.registry.app")


@dataclass
class Registry:
    """Everything a request handler needs, built once per process."""

    settings: Settings
    clock: Clock
    db: Database
    storage: Storage
    auth: AuthService
    keys: KeyService
    packages: PackageService
    publisher: PublishService

    @classmethod
    def build(cls, settings: Settings, clock: Clock | None = None, storage: Storage | None = None) -> Registry:
        clock = clock or SystemClock()
        db = Database(make_engine(settings.database_url))
        storage = storage or open_storage(settings.storage_url, s3_endpoint_url=settings.s3_endpoint_url,
                                          s3_region=settings.s3_region)
        access = AccessTokens(settings.jwt_secret, settings.jwt_issuer, settings.jwt_audience,
                              settings.access_token_ttl_seconds, clock)
        limiter = RateLimiter(clock, settings.auth_rate_limit, settings.auth_rate_window_seconds)
        auth = AuthService(db, clock, access, limiter, settings.refresh_token_ttl_seconds,
                           settings.allow_registration)
        keys = KeyService(db, clock)
        limits = ArchiveLimits(max_archive_bytes=settings.max_upload_bytes,
                               max_unpacked_bytes=settings.max_unpacked_bytes,
                               max_entries=settings.max_archive_entries)
        publisher = PublishService(db, storage, clock, keys, limits, settings.require_signatures)
        return cls(settings, clock, db, storage, auth, keys, PackageService(db, clock), publisher)

    def migrate(self) -> None:
        migrate.upgrade(self.db.engine)

    def check_health(self) -> None:
        try:
            with self.db.read() as session:
                session.execute(text("SELECT 1"))
            self.storage.check()
        except Exception as exc:
            raise ApiError(503, "unavailable", f"backend unavailable: {type(exc).__name__}") from None


async def _openapi(request: Request) -> Response:
    return JSONResponse(openapi.document())


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    if _wants_html(request):
        return web.error_page(exc.status, exc.message, request.app.state.registry.settings.registry_name)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = {404: f"no such endpoint: {request.url.path}",
               405: f"method {request.method} not allowed on {request.url.path}"}.get(exc.status_code, exc.detail)
    if _wants_html(request):
        return web.error_page(exc.status_code, message, request.app.state.registry.settings.registry_name)
    return error_response(exc.status_code, code, message, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    _LOG.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal server error; the registry logged the details")


def create_app(settings: Settings, clock: Clock | None = None, storage: Storage | None = None) -> Starlette:
    registry = Registry.build(settings, clock, storage)
    if settings.auto_migrate:
        registry.migrate()
    routes = [Route("/api/v1/openapi.json", _openapi, methods=["GET"]), *api_auth.ROUTES,
              *api_packages.ROUTES, *web.ROUTES]
    app = Starlette(routes=routes, exception_handlers={
        ApiError: _api_error, HTTPException: _http_error, Exception: _server_error})
    app.state.registry = registry
    return app


def create_app_from_env() -> Starlette:
    """Factory for `uvicorn --factory` worker processes; settings come from the environment."""
    import os

    from vais.registry.config import load_settings

    return create_app(load_settings(config_file=os.environ.get("VAIS_REGISTRY_CONFIG") or None,
                                    dev=os.environ.get("VAIS_REGISTRY_DEV") == "1"))
