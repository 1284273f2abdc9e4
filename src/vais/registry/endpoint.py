"""Request plumbing shared by the API routes: bounded bodies, JSON parsing, auth, JSON error bodies.

Handlers are plain synchronous functions taking a `Call`; `endpoint` reads the body on the event
loop, then runs the handler (which does blocking DB and storage work) in the thread pool.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from vais.registry.auth import Principal
from vais.registry.errors import ApiError, bad_request, unauthorized

if TYPE_CHECKING:
    from vais.registry.app import Registry

DEFAULT_BODY_LIMIT = 64 * 1024


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) anything over `limit` before or while it streams in."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise bad_request("invalid Content-Length")
        if int(declared) > limit:
            raise ApiError(413, "payload_too_large", f"request body of {declared} bytes exceeds the {limit}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "payload_too_large", f"request body exceeds the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass
class Call:
    request: Request
    registry: Registry
    body: bytes

    @property
    def ip(self) -> str:
        return client_ip(self.request)

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise bad_request("request body is not valid JSON", "invalid_json") from None
        if not isinstance(data, dict):
            raise bad_request("request body must be a JSON object", "invalid_json")
        return data

    def field(self, data: dict[str, Any], name: str, kind: type = str, required: bool = True) -> Any:
        value = data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise bad_request(f"field '{name}' must be a {kind.__name__}", "invalid_field")
        return value

    def query_int(self, name: str, default: int) -> int:
        raw = self.request.query_params.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise bad_request(f"query parameter '{name}' must be an integer") from None

    def principal(self) -> Principal:
        found = self.registry.auth.authenticate(self.request.headers.get("authorization"), self.ip)
        if found is None:
            raise unauthorized("authentication required: log in with `vais login`", "authentication_required")
        return found


Handler = Callable[[Call], Response | dict[str, Any]]


def endpoint(handler: Handler, *, status: int = 200,
             body_limit: int | Callable[[Registry], int] = DEFAULT_BODY_LIMIT) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: dicts become JSON responses with `status`; errors propagate to the app's handler."""

    async def run(request: Request) -> Response:
        registry: Registry = request.app.state.registry
        limit = body_limit(registry) if callable(body_limit) else body_limit
        body = await read_body(request, limit) if request.method in ("POST", "PUT", "PATCH", "DELETE") else b""
        result = await run_in_threadpool(handler, Call(request, registry, body))
        return result if isinstance(result, Response) else JSONResponse(result, status_code=status)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run
