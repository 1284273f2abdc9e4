"""Authentication: JWT validation with an injected clock, refresh rotation, API tokens, rate limits, auth log."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from registry_support import JWT_SECRET, PASSWORD, Server, register
from sqlalchemy import text

from vais.registry.app import Registry
from vais.registry.auth import Principal
from vais.registry.clock import ManualClock
from vais.registry.config import load_settings
from vais.registry.errors import ApiError
from vais.registry.jwt_tokens import AccessTokens


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[tuple[Registry, ManualClock]]:
    clock = ManualClock(1_800_000_000)
    settings = load_settings({"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}", "STORAGE_URL": str(tmp_path / "s"),
                              "JWT_SECRET": JWT_SECRET, "ALLOW_REGISTRATION": "true"})
    registry = Registry.build(settings, clock=clock)
    registry.migrate()
    registry.auth.create_user("alice", PASSWORD)
    yield registry, clock
    registry.db.dispose()


def _who(registry: Registry, token: str) -> Principal:
    principal = registry.auth.authenticate(f"Bearer {token}", "127.0.0.1")
    assert principal is not None
    return principal


def _rejected(registry: Registry, header: str) -> str:
    with pytest.raises(ApiError) as info:
        registry.auth.authenticate(header, "127.0.0.1")
    assert info.value.status == 401
    return info.value.code


def test_access_token_expires_on_the_injected_clock(reg: tuple[Registry, ManualClock]) -> None:
    registry, clock = reg
    pair = registry.auth.login("alice", PASSWORD, "127.0.0.1")
    assert _who(registry, pair.access_token).username == "alice"
    assert pair.access_expires_at - clock.now() == 24 * 3600
    clock.advance(24 * 3600 - 60)
    assert _who(registry, pair.access_token).username == "alice"
    clock.advance(120)
    assert _rejected(registry, f"Bearer {pair.access_token}") == "token_expired"


def test_forged_and_altered_tokens_are_refused(reg: tuple[Registry, ManualClock]) -> None:
    registry, clock = reg
    good = registry.auth.login("alice", PASSWORD, "127.0.0.1").access_token
    claims = jwt.decode(good, options={"verify_signature": False})
    head, _body, sig = good.split(".")
    altered_claims = base64.urlsafe_b64encode(json.dumps({**claims, "sub": "mallory"}).encode()).rstrip(b"=")
    forgeries = {
        "other secret": jwt.encode(claims, "x" * 64, algorithm="HS256"),
        "alg none": jwt.encode(claims, None, algorithm="none"),
        "HS512": jwt.encode(claims, JWT_SECRET, algorithm="HS512"),
        "altered payload": f"{head}.{altered_claims.decode()}.{sig}",
        "wrong audience": jwt.encode({**claims, "aud": "elsewhere"}, JWT_SECRET, algorithm="HS256"),
        "wrong issuer": jwt.encode({**claims, "iss": "elsewhere"}, JWT_SECRET, algorithm="HS256"),
        "no exp": jwt.encode({k: v for k, v in claims.items() if k != "exp"}, JWT_SECRET, algorithm="HS256"),
        "not yet valid": jwt.encode({**claims, "nbf": int(clock.now()) + 3600}, JWT_SECRET, algorithm="HS256"),
        "unknown session": jwt.encode({**claims, "fam": "0" * 32}, JWT_SECRET, algorithm="HS256"),
        "garbage": "not.a.jwt",
    }
    for what, token in forgeries.items():
        assert _rejected(registry, f"Bearer {token}") in ("invalid_token",), what


def test_refresh_rotates_and_reuse_revokes_the_family(reg: tuple[Registry, ManualClock]) -> None:
    registry, _ = reg
    first = registry.auth.login("alice", PASSWORD, "127.0.0.1")
    second = registry.auth.refresh(first.refresh_token, "127.0.0.1")
    assert second.refresh_token != first.refresh_token
    assert _who(registry, second.access_token).username == "alice"
    with pytest.raises(ApiError) as info:  # replaying the spent token: theft assumed
        registry.auth.refresh(first.refresh_token, "127.0.0.1")
    assert "revoked" in info.value.message
    with pytest.raises(ApiError):
        registry.auth.refresh(second.refresh_token, "127.0.0.1")
    assert _rejected(registry, f"Bearer {second.access_token}") == "token_revoked"
    assert _rejected(registry, f"Bearer {first.access_token}") == "token_revoked"
    # A separate login is a separate family and still works.
    assert _who(registry, registry.auth.login("alice", PASSWORD, "127.0.0.1").access_token)


def test_refresh_token_expiry_and_logout(reg: tuple[Registry, ManualClock]) -> None:
    registry, clock = reg
    pair = registry.auth.login("alice", PASSWORD, "127.0.0.1")
    registry.auth.logout(pair.refresh_token, "127.0.0.1")
    assert _rejected(registry, f"Bearer {pair.access_token}") == "token_revoked"
    other = registry.auth.login("alice", PASSWORD, "127.0.0.1")
    clock.advance(31 * 86400)
    with pytest.raises(ApiError) as info:
        registry.auth.refresh(other.refresh_token, "127.0.0.1")
    assert "expired" in info.value.message


def test_api_tokens_are_scoped_revocable_and_expire(reg: tuple[Registry, ManualClock]) -> None:
    registry, clock = reg
    session = _who(registry, registry.auth.login("alice", PASSWORD, "127.0.0.1").access_token)
    token, _row = registry.auth.create_api_token(session, "ci", ["publish"], expires_in_days=30)
    ci = _who(registry, token)
    assert ci.via == "api-token" and ci.scopes == {"publish"}
    with pytest.raises(ApiError) as info:
        ci.require("yank")
    assert info.value.status == 403
    with pytest.raises(ApiError):  # API tokens cannot mint more tokens
        registry.auth.create_api_token(ci, "more", ["publish"], None)
    basic = base64.b64encode(f"alice:{token}".encode()).decode()
    assert registry.auth.authenticate(f"Basic {basic}", "127.0.0.1") is not None
    wrong_user = base64.b64encode(f"bob:{token}".encode()).decode()
    assert _rejected(registry, f"Basic {wrong_user}") == "invalid_token"
    clock.advance(31 * 86400)
    assert _rejected(registry, f"Bearer {token}") == "token_expired"
    token2, row2 = registry.auth.create_api_token(session, "ci2", ["yank", "owners"], None)
    registry.auth.revoke_api_token(session, row2.id)
    assert _rejected(registry, f"Bearer {token2}") == "token_revoked"
    with pytest.raises(ApiError) as info:
        registry.auth.create_api_token(session, "bad", ["admin"], None)
    assert info.value.code == "invalid_scopes"


def test_secrets_are_stored_hashed(reg: tuple[Registry, ManualClock]) -> None:
    registry, _ = reg
    pair = registry.auth.login("alice", PASSWORD, "127.0.0.1")
    session = _who(registry, pair.access_token)
    token, _ = registry.auth.create_api_token(session, "ci", ["publish"], None)
    with registry.db.read() as s:
        dump = " ".join(str(row) for table in ("users", "refresh_tokens", "api_tokens")
                        for row in s.execute(text(f"SELECT * FROM {table}")))
        password_hash = s.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert password_hash.startswith("$argon2id$")
    for secret in (PASSWORD, pair.refresh_token, token):
        assert secret not in dump


@pytest.mark.slow
def test_rate_limit_11th_bad_login_gets_429_per_ip_and_account(server: Server) -> None:
    alice, _ = register(server)
    bob, _ = register(server)
    for attempt in range(10):
        r = server.client.post("/api/v1/auth/login", json={"username": alice, "password": f"wrong{attempt}"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"
    r = server.client.post("/api/v1/auth/login", json={"username": alice, "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["retry-after"]) <= 60
    # Same account from another address: still limited (per account). Another account there: fine.
    with httpx.Client(base_url=server.url, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
        assert other.post("/api/v1/auth/login", json={"username": alice, "password": PASSWORD}).status_code == 429
        assert other.post("/api/v1/auth/login", json={"username": bob, "password": PASSWORD}).status_code == 200
    # The first address is limited for every account (per IP).
    assert server.client.post("/api/v1/auth/login", json={"username": bob, "password": PASSWORD}).status_code == 429


def test_every_attempt_is_logged_as_json_without_secrets(server: Server) -> None:
    alice, _ = register(server)
    server.client.post("/api/v1/auth/login", json={"username": alice, "password": "wrong-password-123"})
    server.client.post("/api/v1/auth/login", json={"username": "nobody", "password": "wrong-password-456"})
    server.client.get("/api/v1/me", headers={"Authorization": "Bearer forged.token.here"})
    deadline = time.monotonic() + 10
    while True:
        events = [json.loads(line) for line in server.log_lines() if '"event":"auth"' in line]
        if len(events) >= 5 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    outcomes = [(e["action"], e["outcome"], e["user"], e["reason"]) for e in events]
    assert ("register", "success", alice, None) in outcomes
    assert ("login", "success", alice, None) in outcomes
    assert ("login", "failure", alice, "bad_password") in outcomes
    assert ("login", "failure", "nobody", "unknown_user") in outcomes
    assert ("token", "failure", None, "invalid_token") in outcomes
    assert all(e["ip"] == "127.0.0.1" for e in events)
    log = "\n".join(server.log_lines())
    for secret in (PASSWORD, "wrong-password-123", "wrong-password-456"):
        assert secret not in log


def test_expired_token_refused_by_the_real_server(server: Server) -> None:
    """The clock is injected into the token issuer: a token minted 25 hours ago is expired now."""
    user, auth = register(server)
    family = jwt.decode(auth["Authorization"].split()[1], options={"verify_signature": False})
    past = AccessTokens(JWT_SECRET, "vais-registry", "vais-registry-api", 24 * 3600,
                        ManualClock(time.time() - 25 * 3600))
    token, _ = past.issue(user, family["uid"], family["fam"])
    r = server.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"
    assert server.client.get("/api/v1/me", headers=auth).json()["username"] == user


def test_client_refreshes_an_expired_session_and_stores_it(server: Server, tmp_path: Path) -> None:
    from vais.pkg.credentials import Credential, CredentialStore
    from vais.pkg.registry_api import RegistryClient

    user, _ = register(server)
    pair = server.client.post("/api/v1/auth/login", json={"username": user, "password": PASSWORD}).json()
    claims = jwt.decode(pair["access_token"], options={"verify_signature": False})
    expired, _ = AccessTokens(JWT_SECRET, "vais-registry", "vais-registry-api", 3600,
                              ManualClock(time.time() - 7200)).issue(user, claims["uid"], claims["fam"])
    store = CredentialStore(tmp_path / "credentials.toml")
    store.put(server.url, Credential(expired, user, pair["refresh_token"]))
    with RegistryClient(server.url, credential=store.get(server.url), store=store) as client:
        assert client.me()["username"] == user
    saved = store.get(server.url)
    assert saved is not None and saved.token != expired and saved.refresh_token != pair["refresh_token"]
    # The spent refresh token is now poison: replaying it revokes the session the client holds.
    assert server.client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401
    assert server.client.get("/api/v1/me", headers={"Authorization": f"Bearer {saved.token}"}).status_code == 401


def test_revoked_and_forged_tokens_refused_by_the_real_server(server: Server) -> None:
    user, auth = register(server)
    created = server.client.post("/api/v1/tokens", json={"name": "ci", "scopes": ["publish"]}, headers=auth).json()
    ci = {"Authorization": f"Bearer {created['token']}"}
    assert server.client.get("/api/v1/me", headers=ci).json()["scopes"] == ["publish"]
    assert server.client.delete(f"/api/v1/tokens/{created['id']}", headers=auth).status_code == 204
    r = server.client.get("/api/v1/me", headers=ci)
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
    assert "Bearer" in r.headers["www-authenticate"]
    assert server.client.get("/api/v1/tokens", headers=auth).json()["tokens"][0]["revoked"] is True

    access = auth["Authorization"].split()[1]
    claims = jwt.decode(access, options={"verify_signature": False})
    for forged in (jwt.encode({**claims, "sub": "admin"}, "not-the-server-secret-" * 3, algorithm="HS256"),
                   jwt.encode(claims, None, algorithm="none"), access[:-4] + "AAAA"):
        r = server.client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    refresh = server.client.post("/api/v1/auth/login", json={"username": user, "password": PASSWORD}).json()
    assert server.client.post("/api/v1/auth/logout", json={"refresh_token": refresh["refresh_token"]}).status_code == 204
    r = server.client.get("/api/v1/me", headers={"Authorization": f"Bearer {refresh['access_token']}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
