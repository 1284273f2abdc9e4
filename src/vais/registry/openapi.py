"""The OpenAPI 3.1 document for `/api/v1`, written by hand next to the routes it describes.

A test compares it with the app's route table, so an undocumented route fails the build.
"""

from __future__ import annotations

from typing import Any

from vais import __version__

_ERROR = {"$ref": "#/components/responses/Error"}
_JSON = "application/json"


def _obj(required: list[str] | None = None, **props: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


_S = {"type": "string"}
_I = {"type": "integer"}
_B = {"type": "boolean"}
_NS = {"type": ["string", "null"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _op(summary: str, *, ok: int = 200, schema: dict[str, Any] | None = None, body: dict[str, Any] | None = None,
        auth: str | None = None, params: tuple[str, ...] = (), query: dict[str, dict[str, Any]] | None = None,
        errors: tuple[int, ...] = (400,), media: str = _JSON, body_media: str = _JSON) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "parameters": [
        {"name": p, "in": "path", "required": True, "schema": _S} for p in params
    ] + [{"name": k, "in": "query", "required": False, "schema": v} for k, v in (query or {}).items()]}
    responses: dict[str, Any] = {str(ok): {"description": "success"}}
    if schema is not None:
        responses[str(ok)]["content"] = {media: {"schema": schema}}
    for status in (*errors, *((401, 403) if auth else ()), 500):
        responses[str(status)] = _ERROR
    op["responses"] = responses
    if body is not None:
        op["requestBody"] = {"required": True, "content": {body_media: {"schema": body}}}
    if auth:
        op["security"] = [{"bearer": []}, {"basic": []}] if auth == "token" else [{"bearer": []}]
        op["description"] = ("Needs a session access token or an API token with the right scope." if auth == "token"
                             else "Needs a session access token (from /auth/login).")
    return op


_PAGE = {"page": _I, "per_page": {"type": "integer", "minimum": 1, "maximum": 100}}
_NAME_VERSION = ("name", "version")

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/openapi.json": {"get": _op("This document", schema={"type": "object"}, errors=())},
    "/api/v1/health": {"get": _op("Health check: database and storage reachable", schema=_obj(status=_S),
                                  errors=(503,))},
    "/api/v1/auth/register": {"post": _op(
        "Create an account (when the server allows self-service registration)", ok=201,
        body=_obj(["username", "password"], username=_S, password=_S, email=_S),
        schema=_obj(username=_S, created_at=_S), errors=(400, 403, 409, 429))},
    "/api/v1/auth/login": {"post": _op(
        "Log in with a password; returns an access token and a refresh token",
        body=_obj(["username", "password"], username=_S, password=_S), schema=_ref("TokenPair"),
        errors=(400, 401, 429))},
    "/api/v1/auth/refresh": {"post": _op(
        "Exchange a refresh token for a new pair (the old refresh token is spent; reusing it revokes the session)",
        body=_obj(["refresh_token"], refresh_token=_S), schema=_ref("TokenPair"), errors=(400, 401, 429))},
    "/api/v1/auth/logout": {"post": _op(
        "Revoke the session the refresh token belongs to (its access tokens stop working)", ok=204,
        body=_obj(["refresh_token"], refresh_token=_S))},
    "/api/v1/me": {"get": _op("Who the credentials belong to", auth="token",
                              schema=_obj(username=_S, is_admin=_B, auth=_S, scopes={"type": "array", "items": _S}))},
    "/api/v1/tokens": {
        "get": _op("List your API tokens", auth="session", schema=_obj(tokens={"type": "array", "items": _ref("ApiToken")})),
        "post": _op("Create a scoped API token (the secret is shown once)", ok=201, auth="session",
                    body=_obj(["name", "scopes"], name=_S, expires_in_days=_I, scopes={
                        "type": "array", "items": {"enum": ["publish", "yank", "owners"]}}),
                    schema={"allOf": [_ref("ApiToken"), _obj(token=_S)]}),
    },
    "/api/v1/tokens/{token_id}": {"delete": _op("Revoke an API token", ok=204, auth="session",
                                                params=("token_id",), errors=(400, 404))},
    "/api/v1/keys": {
        "get": _op("All registered signing keys, revoked ones included", query={"owner": _S},
                   schema=_obj(keys={"type": "array", "items": _ref("Key")}), errors=()),
        "post": _op("Register an Ed25519 public key (PEM)", ok=201, auth="session",
                    body=_obj(["public_key_pem"], public_key_pem=_S), schema=_ref("Key"), errors=(400, 409)),
    },
    "/api/v1/keys/{key_id}": {"delete": _op("Revoke a signing key", auth="session", params=("key_id",),
                                            schema=_ref("Key"), errors=(404,))},
    "/api/v1/packages": {"get": _op("List packages", query={**_PAGE, "sort": {"enum": ["downloads", "name", "recent"]}},
                                    schema=_ref("PackagePage"))},
    "/api/v1/search": {"get": _op("Search by name, description and keywords (ranked)",
                                  query={"q": _S, **_PAGE}, schema=_ref("PackagePage"))},
    "/api/v1/index/{name}": {"get": _op(
        "Sparse index document of a package (docs/package-format.md); ETag and Cache-Control set, "
        "If-None-Match answered with 304", params=("name",), schema=_ref("IndexDocument"), errors=(400, 404))},
    "/api/v1/packages/{name}": {"get": _op("Package metadata, owners and versions", params=("name",),
                                           schema=_ref("Package"), errors=(400, 404))},
    "/api/v1/packages/{name}/owners": {
        "get": _op("Owners of a package", params=("name",), schema=_ref("Owners"), errors=(400, 404)),
        "put": _op("Add owners (scope: owners)", params=("name",), auth="token", body=_ref("UserList"),
                   schema=_ref("Owners"), errors=(400, 404)),
        "delete": _op("Remove owners (a package keeps at least one)", params=("name",), auth="token",
                      body=_ref("UserList"), schema=_ref("Owners"), errors=(400, 404, 409)),
    },
    "/api/v1/packages/{name}/{version}": {
        "get": _op("One version's metadata", params=_NAME_VERSION, schema=_ref("VersionInfo"), errors=(400, 404)),
        "put": _op(
            "Publish a version (scope: publish). Body: the .tar.gz archive. Headers: X-Vais-Checksum (sha256 hex), "
            "X-Vais-Signature (base64 Ed25519 over the digest) and X-Vais-Key-Id, both optional unless the "
            "registry requires signatures", ok=201, params=_NAME_VERSION, auth="token",
            body={"type": "string", "format": "binary"}, body_media="application/gzip",
            schema=_ref("VersionInfo"), errors=(400, 409, 413, 422)),
    },
    "/api/v1/packages/{name}/{version}/download": {"get": _op(
        "Download the archive (counts a download)", params=_NAME_VERSION, media="application/gzip",
        schema={"type": "string", "format": "binary"}, errors=(400, 404))},
    "/api/v1/packages/{name}/{version}/yank": {"post": _op(
        "Yank a version (scope: yank): new resolutions skip it, lock files keep working", params=_NAME_VERSION,
        auth="token", schema=_ref("VersionInfo"), errors=(400, 404))},
    "/api/v1/packages/{name}/{version}/unyank": {"post": _op(
        "Undo a yank (scope: yank)", params=_NAME_VERSION, auth="token", schema=_ref("VersionInfo"),
        errors=(400, 404))},
}

_DEP = _obj(name=_S, req=_S, kind={"enum": ["normal", "dev"]}, optional=_B, features={"type": "array", "items": _S},
            default_features=_B, registry=_NS)
_VERSION = _obj(version=_S, cksum=_S, size=_I, yanked=_B, signature=_NS, signer_key_id=_NS, downloads=_I,
                published_at=_S, deps={"type": "array", "items": _DEP}, features={"type": "object"})
_SUMMARY = _obj(name=_S, description=_S, keywords={"type": "array", "items": _S}, downloads=_I, max_version=_NS,
                updated_at=_S)

SCHEMAS: dict[str, Any] = {
    "Error": _obj(["error"], error=_obj(["code", "message"], code=_S, message=_S)),
    "TokenPair": _obj(access_token=_S, token_type=_S, expires_in=_I, refresh_token=_S, refresh_expires_in=_I),
    "ApiToken": _obj(id=_I, name=_S, prefix=_S, scopes={"type": "array", "items": _S}, created_at=_S,
                     expires_at=_NS, last_used_at=_NS, revoked=_B),
    "Key": _obj(key_id=_S, public_key_pem=_S, owner=_S, revoked=_B, created_at=_S, revoked_at=_NS),
    "PackageSummary": _SUMMARY,
    "PackagePage": _obj(items={"type": "array", "items": _ref("PackageSummary")}, total=_I, page=_I, per_page=_I,
                        pages=_I),
    "Package": {"allOf": [_ref("PackageSummary"), _obj(
        license=_S, repository=_S, homepage=_S, readme=_S, created_at=_S, owners={"type": "array", "items": _S},
        versions={"type": "array", "items": _ref("VersionInfo")})]},
    "VersionInfo": _VERSION,
    "IndexDocument": _obj(name=_S, versions={"type": "array", "items": _obj(
        version=_S, cksum=_S, deps={"type": "array", "items": _DEP}, features={"type": "object"}, yanked=_B,
        signature=_NS, signer_key_id=_NS, published_at=_S)}),
    "Owners": _obj(owners={"type": "array", "items": _S}),
    "UserList": _obj(["users"], users={"type": "array", "items": _S}),
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Vais package registry", "version": __version__,
                 "description": "Errors are always `{\"error\": {\"code\", \"message\"}}`. See docs/registry.md."},
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "responses": {"Error": {"description": "error", "content": {_JSON: {"schema": _ref("Error")}}}},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "A session access token (JWT) or an API token (vais_...)"},
                "basic": {"type": "http", "scheme": "basic", "description": "username and API token"},
            },
        },
    }
