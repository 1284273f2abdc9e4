"""The HTTP API against a real server: errors, OpenAPI coverage, index caching, search, counts, owners, yank."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from registry_support import Server, pack, publish, register, stored_archives
from starlette.routing import Mount, Route

from vais.registry import api_auth, api_packages
from vais.registry.openapi import document


def test_errors_are_json_everywhere(server: Server) -> None:
    for method, path, status, code in [("GET", "/api/v1/nope", 404, "not_found"),
                                       ("DELETE", "/api/v1/health", 405, "method_not_allowed"),
                                       ("GET", "/api/v1/index/missing", 404, "not_found"),
                                       ("GET", "/api/v1/packages/BAD!", 400, "invalid_name"),
                                       ("POST", "/api/v1/auth/login", 400, "invalid_json"),
                                       ("GET", "/api/v1/me", 401, "authentication_required")]:
        r = server.client.request(method, path, content=b"{not json" if method == "POST" else None)
        assert r.status_code == status, (path, r.text)
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["error"]["code"] == code
        assert r.json()["error"]["message"]


def test_openapi_documents_every_route(server: Server) -> None:
    doc = server.client.get("/api/v1/openapi.json").json()
    assert doc == json.loads(json.dumps(document()))
    routes = {(r.path, m.lower()) for r in [*api_auth.ROUTES, *api_packages.ROUTES] if isinstance(r, Route)
              for m in r.methods or () if m != "HEAD"}
    routes.add(("/api/v1/openapi.json", "get"))
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    assert routes == documented
    assert not any(isinstance(r, Mount) for r in api_packages.ROUTES)


def test_publish_index_etag_download_counts(server: Server, tmp_path: Path) -> None:
    user, auth = register(server)
    data = pack(tmp_path, "counted", "1.0.0", description="counts downloads")
    r = publish(server, auth, "counted", "1.0.0", data)
    assert r.status_code == 201, r.text
    assert publish(server, auth, "counted", "1.0.0", data).json()["error"]["code"] == "version_exists"
    assert publish(server, auth, "counted", "1.0.0+build", data).status_code in (400, 409)

    r = server.client.get("/api/v1/index/counted")
    assert r.status_code == 200 and r.headers["cache-control"].startswith("public, max-age=")
    index = r.json()
    assert index["name"] == "counted" and index["versions"][0]["version"] == "1.0.0"
    assert index["versions"][0]["cksum"] == r.json()["versions"][0]["cksum"]
    assert server.client.get("/api/v1/index/counted", headers={"If-None-Match": r.headers["etag"]}).status_code == 304

    for _ in range(3):
        d = server.client.get("/api/v1/packages/counted/1.0.0/download")
        assert d.status_code == 200 and d.content == data
    detail = server.client.get("/api/v1/packages/counted").json()
    assert detail["downloads"] == 3 and detail["versions"][0]["downloads"] == 3
    assert detail["owners"] == [user]
    assert server.client.get("/api/v1/packages/counted/9.9.9/download").status_code == 404


def test_search_ranking_and_pagination(server: Server, tmp_path: Path) -> None:
    _, auth = register(server)
    specs = [("json", "a JSON parser", ("parser",)), ("json-extra", "helpers", ()),
             ("yaml", "reads yaml, not json", ()), ("toml", "config files", ("json-free",))]
    for name, description, keywords in specs:
        assert publish(server, auth, name, "0.1.0", pack(tmp_path, name, "0.1.0", description=description,
                                                         keywords=keywords)).status_code == 201
    result = server.client.get("/api/v1/search", params={"q": "json"}).json()
    names = [i["name"] for i in result["items"]]
    assert names[:2] == ["json", "json-extra"] and set(names) == {"json", "json-extra", "yaml", "toml"}
    page = server.client.get("/api/v1/search", params={"q": "json", "per_page": 1, "page": 2}).json()
    assert page["total"] == 4 and page["pages"] == 4 and [i["name"] for i in page["items"]] == ["json-extra"]
    listing = server.client.get("/api/v1/packages", params={"sort": "name", "per_page": 2}).json()
    assert [i["name"] for i in listing["items"]] == ["json", "json-extra"] and listing["total"] == 4
    assert server.client.get("/api/v1/search", params={"per_page": 1000}).status_code == 400


def test_owners_and_yank_need_ownership_and_scope(server: Server, tmp_path: Path) -> None:
    alice, alice_auth = register(server)
    bob, bob_auth = register(server)
    assert publish(server, alice_auth, "shared", "1.0.0", pack(tmp_path, "shared")).status_code == 201
    assert server.client.post("/api/v1/packages/shared/1.0.0/yank", headers=bob_auth).status_code == 403
    assert publish(server, bob_auth, "shared", "1.1.0", pack(tmp_path, "shared", "1.1.0")).status_code == 403

    r = server.client.put("/api/v1/packages/shared/owners", json={"users": [bob]}, headers=alice_auth)
    assert r.json()["owners"] == sorted([alice, bob])
    assert publish(server, bob_auth, "shared", "1.1.0", pack(tmp_path, "shared", "1.1.0")).status_code == 201

    # An API token limited to "yank" may yank but not manage owners.
    token = server.client.post("/api/v1/tokens", json={"name": "ci", "scopes": ["yank"]}, headers=alice_auth).json()
    ci = {"Authorization": f"Bearer {token['token']}"}
    assert server.client.post("/api/v1/packages/shared/1.0.0/yank", headers=ci).json()["yanked"] is True
    index = server.client.get("/api/v1/index/shared").json()
    assert [v["yanked"] for v in index["versions"]] == [True, False]
    r = server.client.request("DELETE", "/api/v1/packages/shared/owners", json={"users": [bob]}, headers=ci)
    assert r.status_code == 403 and "owners" in r.json()["error"]["message"]
    assert server.client.post("/api/v1/packages/shared/1.0.0/unyank", headers=ci).json()["yanked"] is False

    r = server.client.request("DELETE", "/api/v1/packages/shared/owners", json={"users": [alice, bob]},
                              headers=alice_auth)
    assert r.status_code == 409 and r.json()["error"]["code"] == "last_owner"


def test_upload_limit_refused_before_reading(tmp_path: Path) -> None:
    from registry_support import running_server

    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", MAX_UPLOAD_BYTES="2048") as srv:
        _, auth = register(srv)
        r = publish(srv, auth, "big", "1.0.0", b"\0" * 4096)
        assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


def test_internal_errors_are_json_and_logged(server: Server, tmp_path: Path) -> None:
    _, auth = register(server)
    assert publish(server, auth, "fragile", "1.0.0", pack(tmp_path, "fragile")).status_code == 201
    for blob in stored_archives(server.root):
        blob.unlink()  # storage lost the archive behind the server's back
    r = server.client.get("/api/v1/packages/fragile/1.0.0/download")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert any('"level":"error"' in line and "fragile" in line for line in server.log_lines())


@pytest.mark.slow
def test_several_worker_processes_share_one_database(tmp_path: Path) -> None:
    from registry_support import running_server

    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", WORKERS="2") as srv:
        _, auth = register(srv)
        data = pack(tmp_path, "multi")
        assert publish(srv, auth, "multi", "1.0.0", data).status_code == 201
        for _ in range(6):  # fresh connections land on either worker; tokens and data are shared
            assert httpx.get(f"{srv.url}/api/v1/me", headers=auth).status_code == 200
            assert httpx.get(f"{srv.url}/api/v1/packages/multi/1.0.0/download").content == data
