"""API routes for accounts: register, login, refresh, logout, whoami, API tokens, signing keys."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from vais.registry.clock import iso
from vais.registry.db.models import ApiToken
from vais.registry.endpoint import Call, endpoint
from vais.registry.errors import bad_request
from vais.registry.keys import key_json


def register(call: Call) -> dict[str, Any]:
    data = call.json()
    user = call.registry.auth.register(call.field(data, "username"), call.field(data, "password"),
                                       call.field(data, "email", required=False), call.ip)
    return {"username": user.username, "created_at": iso(user.created_at)}


def login(call: Call) -> dict[str, Any]:
    data = call.json()
    pair = call.registry.auth.login(call.field(data, "username"), call.field(data, "password"), call.ip)
    return pair.to_json(call.registry.clock.now())


def refresh(call: Call) -> dict[str, Any]:
    pair = call.registry.auth.refresh(call.field(call.json(), "refresh_token"), call.ip)
    return pair.to_json(call.registry.clock.now())


def logout(call: Call) -> Response:
    call.registry.auth.logout(call.field(call.json(), "refresh_token"), call.ip)
    return Response(status_code=204)


def me(call: Call) -> dict[str, Any]:
    p = call.principal()
    return {"username": p.username, "is_admin": p.is_admin, "auth": p.via, "scopes": sorted(p.scopes)}


def _token_json(row: ApiToken) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "prefix": row.prefix, "scopes": row.scopes.split(","),
            "created_at": iso(row.created_at), "expires_at": iso(row.expires_at) if row.expires_at else None,
            "last_used_at": iso(row.last_used_at) if row.last_used_at else None,
            "revoked": row.revoked_at is not None}


def list_tokens(call: Call) -> dict[str, Any]:
    return {"tokens": [_token_json(t) for t in call.registry.auth.list_api_tokens(call.principal())]}


def create_token(call: Call) -> dict[str, Any]:
    data = call.json()
    scopes = data.get("scopes")
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise bad_request("field 'scopes' must be a list of strings", "invalid_field")
    token, row = call.registry.auth.create_api_token(call.principal(), call.field(data, "name"), scopes,
                                                     call.field(data, "expires_in_days", int, required=False))
    return _token_json(row) | {"token": token}


def revoke_token(call: Call) -> Response:
    try:
        token_id = int(call.path("token_id"))
    except ValueError:
        raise bad_request("token id must be an integer") from None
    call.registry.auth.revoke_api_token(call.principal(), token_id)
    return Response(status_code=204)


def list_keys(call: Call) -> dict[str, Any]:
    owner = call.request.query_params.get("owner")
    return {"keys": [key_json(k) for k in call.registry.keys.list(owner)]}


def add_key(call: Call) -> dict[str, Any]:
    row = call.registry.keys.add(call.principal(), call.field(call.json(), "public_key_pem"))
    return key_json(row)


def revoke_key(call: Call) -> dict[str, Any]:
    return key_json(call.registry.keys.revoke(call.principal(), call.path("key_id")))


ROUTES = [
    Route("/api/v1/auth/register", endpoint(register, status=201), methods=["POST"]),
    Route("/api/v1/auth/login", endpoint(login), methods=["POST"]),
    Route("/api/v1/auth/refresh", endpoint(refresh), methods=["POST"]),
    Route("/api/v1/auth/logout", endpoint(logout), methods=["POST"]),
    Route("/api/v1/me", endpoint(me), methods=["GET"]),
    Route("/api/v1/tokens", endpoint(list_tokens), methods=["GET"]),
    Route("/api/v1/tokens", endpoint(create_token, status=201), methods=["POST"]),
    Route("/api/v1/tokens/{token_id}", endpoint(revoke_token), methods=["DELETE"]),
    Route("/api/v1/keys", endpoint(list_keys), methods=["GET"]),
    Route("/api/v1/keys", endpoint(add_key, status=201), methods=["POST"]),
    Route("/api/v1/keys/{key_id}", endpoint(revoke_key), methods=["DELETE"]),
]
