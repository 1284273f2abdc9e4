"""API routes for packages: listing, search, metadata, sparse index, download, publish, yank, owners."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from vais.registry.endpoint import Call, endpoint
from vais.registry.errors import bad_request
from vais.registry.packages import version_json
from vais.registry.publish import Upload

NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")


def _name(call: Call) -> str:
    name = call.path("name")
    if not NAME_RE.match(name):
        raise bad_request(f"invalid package name '{name}'", "invalid_name")
    return name


def health(call: Call) -> dict[str, Any]:
    call.registry.check_health()
    return {"status": "ok"}


def list_packages(call: Call) -> dict[str, Any]:
    page = call.registry.packages.listing(call.query_int("page", 1), call.query_int("per_page", 20),
                                          call.request.query_params.get("sort", "downloads"))
    return page.to_json()


def search(call: Call) -> dict[str, Any]:
    page = call.registry.packages.search(call.request.query_params.get("q", ""), call.query_int("page", 1),
                                         call.query_int("per_page", 20))
    return page.to_json()


def package(call: Call) -> dict[str, Any]:
    return call.registry.packages.package_detail(_name(call))


def version(call: Call) -> dict[str, Any]:
    return call.registry.packages.version_detail(_name(call), call.path("version"))


def index(call: Call) -> Response:
    doc = call.registry.packages.index(_name(call))
    headers = {"ETag": doc.etag, "Cache-Control": f"public, max-age={call.registry.settings.index_max_age_seconds}"}
    if doc.etag in [tag.strip() for tag in call.request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(doc.body, media_type="application/json", headers=headers)


def download(call: Call) -> Response:
    found = call.registry.packages.download(_name(call), call.path("version"))
    return StreamingResponse(
        call.registry.storage.stream(found.storage_key), media_type="application/gzip",
        headers={"Content-Length": str(found.size), "Content-Disposition": f'attachment; filename="{found.filename}"',
                 "X-Vais-Checksum": found.cksum, "Cache-Control": "public, max-age=31536000, immutable"},
    )


def publish(call: Call) -> dict[str, Any]:
    principal = call.principal()
    headers = call.request.headers
    upload = Upload(_name(call), call.path("version"), call.body, headers.get("x-vais-checksum"),
                    headers.get("x-vais-signature") or None, headers.get("x-vais-key-id") or None)
    row = call.registry.publisher.publish(principal, upload)
    return {"name": upload.name, **version_json(row)}


def yank(call: Call) -> dict[str, Any]:
    return call.registry.packages.set_yanked(call.principal(), _name(call), call.path("version"), True)


def unyank(call: Call) -> dict[str, Any]:
    return call.registry.packages.set_yanked(call.principal(), _name(call), call.path("version"), False)


def owners(call: Call) -> dict[str, Any]:
    return {"owners": call.registry.packages.list_owners(_name(call))}


def _users(call: Call) -> list[str]:
    users = call.json().get("users")
    if not isinstance(users, list) or not users or not all(isinstance(u, str) for u in users):
        raise bad_request("field 'users' must be a non-empty list of user names", "invalid_field")
    return users


def add_owners(call: Call) -> dict[str, Any]:
    return {"owners": call.registry.packages.add_owners(call.principal(), _name(call), _users(call))}


def remove_owners(call: Call) -> dict[str, Any]:
    return {"owners": call.registry.packages.remove_owners(call.principal(), _name(call), _users(call))}


ROUTES = [
    Route("/api/v1/health", endpoint(health), methods=["GET"]),
    Route("/api/v1/packages", endpoint(list_packages), methods=["GET"]),
    Route("/api/v1/search", endpoint(search), methods=["GET"]),
    Route("/api/v1/index/{name}", endpoint(index), methods=["GET"]),
    Route("/api/v1/packages/{name}", endpoint(package), methods=["GET"]),
    Route("/api/v1/packages/{name}/owners", endpoint(owners), methods=["GET"]),
    Route("/api/v1/packages/{name}/owners", endpoint(add_owners), methods=["PUT"]),
    Route("/api/v1/packages/{name}/owners", endpoint(remove_owners), methods=["DELETE"]),
    Route("/api/v1/packages/{name}/{version}", endpoint(version), methods=["GET"]),
    Route("/api/v1/packages/{name}/{version}", endpoint(
        publish, status=201, body_limit=lambda registry: registry.settings.max_upload_bytes), methods=["PUT"]),
    Route("/api/v1/packages/{name}/{version}/download", endpoint(download), methods=["GET"]),
    Route("/api/v1/packages/{name}/{version}/yank", endpoint(yank), methods=["POST"]),
    Route("/api/v1/packages/{name}/{version}/unyank", endpoint(unyank), methods=["POST"]),
]
