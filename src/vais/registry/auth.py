"""Users, sessions (JWT access + rotating refresh tokens), scoped API tokens and request authentication."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vais.registry.authlog import auth_event
from vais.registry.clock import Clock, utc
from vais.registry.db.engine import Database
from vais.registry.db.models import ApiToken, RefreshFamily, RefreshToken, User
from vais.registry.errors import ApiError, bad_request, forbidden, not_found, unauthorized
from vais.registry.jwt_tokens import AccessTokens, TokenError
from vais.registry.passwords import hash_password, password_problem, verify_password
from vais.registry.ratelimit import RateLimiter

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,38}$")
API_TOKEN_SCOPES = ("publish", "yank", "owners")
SESSION_SCOPES = frozenset({*API_TOKEN_SCOPES, "keys", "tokens"})
API_TOKEN_PREFIX = "vais_"


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    is_admin: bool
    scopes: frozenset[str]
    via: str  # "session" or "api-token"

    def require(self, scope: str) -> None:
        if scope not in self.scopes:
            raise forbidden(f"this {self.via} lacks the '{scope}' scope")


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    access_expires_at: int
    refresh_token: str
    refresh_expires_at: int

    def to_json(self, now: float) -> dict[str, object]:
        return {"access_token": self.access_token, "token_type": "Bearer",
                "expires_in": self.access_expires_at - int(now), "refresh_token": self.refresh_token,
                "refresh_expires_in": self.refresh_expires_at - int(now)}


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AuthService:
    def __init__(self, db: Database, clock: Clock, access: AccessTokens, limiter: RateLimiter,
                 refresh_ttl_seconds: int, allow_registration: bool) -> None:
        self.db = db
        self.clock = clock
        self.access = access
        self.limiter = limiter
        self.refresh_ttl = refresh_ttl_seconds
        self.allow_registration = allow_registration

    # --- users -------------------------------------------------------------------------------------

    def create_user(self, username: str, password: str, *, email: str | None = None, admin: bool = False) -> User:
        if not USERNAME_RE.match(username):
            raise bad_request("username must be 2-39 characters of a-z, 0-9, '-' or '_', starting with a "
                              "letter or digit", "invalid_username")
        problem = password_problem(password)
        if problem:
            raise bad_request(problem, "weak_password")
        user = User(username=username, email=email, password_hash=hash_password(password), is_admin=admin,
                    created_at=utc(self.clock.now()))
        try:
            with self.db.write() as session:
                session.add(user)
        except IntegrityError:
            raise ApiError(409, "user_exists", f"user '{username}' already exists") from None
        return user

    def register(self, username: str, password: str, email: str | None, ip: str) -> User:
        if not self.allow_registration:
            auth_event("register", "failure", user=username, ip=ip, reason="registration_disabled")
            raise forbidden("self-service registration is disabled on this registry; ask an administrator")
        with self.db.write() as session:
            retry = self.limiter.retry_after(session, [f"register:ip:{ip}"])
            if retry is None:
                self.limiter.record(session, [f"register:ip:{ip}"])
        if retry is not None:
            auth_event("register", "rate_limited", user=username, ip=ip, reason="too_many_attempts")
            raise _too_many(retry)
        try:
            user = self.create_user(username, password, email=email)
        except ApiError as exc:
            auth_event("register", "failure", user=username, ip=ip, reason=exc.code)
            raise
        auth_event("register", "success", user=username, ip=ip)
        return user

    # --- sessions ----------------------------------------------------------------------------------

    def login(self, username: str, password: str, ip: str) -> TokenPair:
        buckets = [f"login:ip:{ip}", f"login:user:{username.lower()[:64]}"]
        with self.db.read() as session:
            retry = self.limiter.retry_after(session, buckets)
            user = session.scalar(select(User).where(User.username == username))
        if retry is not None:
            auth_event("login", "rate_limited", user=username, ip=ip, reason="too_many_failures")
            raise _too_many(retry)
        if not verify_password(user.password_hash if user else None, password) or user is None:
            with self.db.write() as session:
                self.limiter.record(session, buckets)
            auth_event("login", "failure", user=username, ip=ip,
                       reason="unknown_user" if user is None else "bad_password")
            raise unauthorized("invalid username or password", "invalid_credentials")
        pair = self._new_session(user)
        auth_event("login", "success", user=username, ip=ip)
        return pair

    def _new_session(self, user: User) -> TokenPair:
        family = RefreshFamily(id=uuid.uuid4().hex, user_id=user.id, created_at=utc(self.clock.now()))
        with self.db.write() as session:
            session.add(family)
            session.flush()
            refresh, refresh_exp = self._add_refresh(session, family.id)
        access, access_exp = self.access.issue(user.username, user.id, family.id)
        return TokenPair(access, access_exp, refresh, refresh_exp)

    def _add_refresh(self, session: Session, family_id: str) -> tuple[str, int]:
        now = self.clock.now()
        token = "vaisr_" + secrets.token_urlsafe(32)
        expires = int(now + self.refresh_ttl)
        session.add(RefreshToken(family_id=family_id, token_hash=token_digest(token), created_at=utc(now),
                                 expires_at=utc(expires)))
        return token, expires

    def refresh(self, refresh_token: str, ip: str) -> TokenPair:
        """Rotate: the presented token is spent; presenting a spent token again revokes the whole family."""
        now = self.clock.now()
        outcome: tuple[str, str] | None = None
        with self.db.write() as session:
            retry = self.limiter.retry_after(session, [f"refresh:ip:{ip}"])
            row = None if retry else session.scalar(
                select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token)))
            user = row.family.user if row else None
            if retry:
                outcome = ("rate_limited", "too_many_failures")
            elif row is None:
                outcome = ("failure", "unknown_token")
            elif row.family.revoked_at is not None:
                outcome = ("failure", "family_revoked")
            elif row.used_at is not None:
                row.family.revoked_at = utc(now)
                row.family.revoke_reason = "refresh_token_reuse"
                outcome = ("failure", "reuse_detected")
            elif row.expires_at.timestamp() <= now:
                outcome = ("failure", "expired")
            else:
                spent = session.execute(
                    update(RefreshToken).where(RefreshToken.id == row.id, RefreshToken.used_at.is_(None))
                    .values(used_at=utc(now))
                ).rowcount
                if spent != 1:  # a concurrent refresh spent it first
                    outcome = ("failure", "reuse_detected")
                else:
                    token, expires = self._add_refresh(session, row.family_id)
            if outcome and outcome[0] == "failure":
                self.limiter.record(session, [f"refresh:ip:{ip}"])
        username = user.username if user else None
        if outcome is not None:
            auth_event("refresh", outcome[0], user=username, ip=ip, reason=outcome[1])
            if outcome[0] == "rate_limited":
                raise _too_many(retry or 1)
            raise unauthorized(_REFRESH_MESSAGES[outcome[1]], "invalid_refresh_token")
        assert user is not None and row is not None
        access, access_exp = self.access.issue(user.username, user.id, row.family_id)
        auth_event("refresh", "success", user=username, ip=ip)
        return TokenPair(access, access_exp, token, expires)

    def logout(self, refresh_token: str, ip: str) -> None:
        with self.db.write() as session:
            row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token)))
            if row is not None and row.family.revoked_at is None:
                row.family.revoked_at = utc(self.clock.now())
                row.family.revoke_reason = "logout"
            user = row.family.user.username if row else None
        auth_event("logout", "success" if row else "failure", user=user, ip=ip,
                   reason=None if row else "unknown_token")

    # --- API tokens --------------------------------------------------------------------------------

    def create_api_token(self, principal: Principal, name: str, scopes: list[str],
                         expires_in_days: int | None) -> tuple[str, ApiToken]:
        principal.require("tokens")
        bad = [s for s in scopes if s not in API_TOKEN_SCOPES]
        if not scopes or bad:
            raise bad_request(f"scopes must be a non-empty subset of {', '.join(API_TOKEN_SCOPES)}"
                              + (f" (unknown: {', '.join(bad)})" if bad else ""), "invalid_scopes")
        if not name or len(name) > 128:
            raise bad_request("token name must be 1-128 characters")
        if expires_in_days is not None and not 0 < expires_in_days <= 3650:
            raise bad_request("expires_in_days must be between 1 and 3650")
        now = self.clock.now()
        token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = ApiToken(user_id=principal.user_id, name=name, prefix=token[:12], token_hash=token_digest(token),
                       scopes=",".join(sorted(set(scopes))), created_at=utc(now),
                       expires_at=utc(now + expires_in_days * 86400) if expires_in_days else None)
        with self.db.write() as session:
            session.add(row)
        return token, row

    def list_api_tokens(self, principal: Principal) -> list[ApiToken]:
        principal.require("tokens")
        with self.db.read() as session:
            return list(session.scalars(select(ApiToken).where(ApiToken.user_id == principal.user_id)
                                        .order_by(ApiToken.id)))

    def revoke_api_token(self, principal: Principal, token_id: int) -> None:
        principal.require("tokens")
        with self.db.write() as session:
            row = session.get(ApiToken, token_id)
            if row is None or row.user_id != principal.user_id:
                raise not_found(f"API token {token_id}")
            if row.revoked_at is None:
                row.revoked_at = utc(self.clock.now())

    # --- request authentication --------------------------------------------------------------------

    def authenticate(self, authorization: str | None, ip: str) -> Principal | None:
        """The caller behind an Authorization header; None when there is none; 401 when it is bad."""
        if not authorization:
            return None
        scheme, _, credentials = authorization.partition(" ")
        credentials = credentials.strip()
        try:
            if scheme.lower() == "bearer" and credentials.startswith(API_TOKEN_PREFIX):
                return self._api_token_principal(credentials, None)
            if scheme.lower() == "bearer":
                return self._session_principal(credentials)
            if scheme.lower() == "basic":
                username, token = _basic_credentials(credentials)
                return self._api_token_principal(token, username)
            raise TokenError("invalid_token", f"unsupported authorization scheme '{scheme}'")
        except TokenError as exc:
            auth_event("token", "failure", user=None, ip=ip, reason=exc.code)
            raise unauthorized(str(exc), exc.code) from None

    def _session_principal(self, token: str) -> Principal:
        claims = self.access.verify(token)
        with self.db.read() as session:
            family = session.get(RefreshFamily, claims.family_id)
            if family is None or family.user_id != claims.user_id or family.user.username != claims.username:
                raise TokenError("invalid_token", "access token rejected: unknown session")
            if family.revoked_at is not None:
                raise TokenError("token_revoked", "access token revoked (logged out or session revoked)")
            user = family.user
        return Principal(user.id, user.username, user.is_admin, SESSION_SCOPES, "session")

    def _api_token_principal(self, token: str, username: str | None) -> Principal:
        digest = token_digest(token)
        now = self.clock.now()
        with self.db.read() as session:
            row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
            if row is None or not hmac.compare_digest(row.token_hash, digest):
                raise TokenError("invalid_token", "API token not recognised")
            if row.revoked_at is not None:
                raise TokenError("token_revoked", f"API token '{row.name}' has been revoked")
            if row.expires_at is not None and row.expires_at.timestamp() <= now:
                raise TokenError("token_expired", f"API token '{row.name}' has expired")
            user = row.user
            if username is not None and not hmac.compare_digest(user.username.encode(), username.encode()):
                raise TokenError("invalid_token", "API token does not belong to that user")
            stale = row.last_used_at is None or now - row.last_used_at.timestamp() > 60
        if stale:  # coarse last-used tracking keeps authenticated reads from all taking the write lock
            with self.db.write() as session:
                session.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=utc(now)))
        return Principal(user.id, user.username, user.is_admin, frozenset(row.scopes.split(",")), "api-token")


_REFRESH_MESSAGES = {
    "unknown_token": "refresh token not recognised; log in again",
    "family_revoked": "this session has been revoked; log in again",
    "reuse_detected": "refresh token was already used; the session has been revoked for safety, log in again",
    "expired": "refresh token expired; log in again",
}


def _basic_credentials(encoded: str) -> tuple[str, str]:
    try:
        username, sep, token = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise TokenError("invalid_token", "malformed Basic credentials") from None
    if not sep:
        raise TokenError("invalid_token", "malformed Basic credentials")
    return username, token


def _too_many(retry_after: int) -> ApiError:
    return ApiError(429, "rate_limited", f"too many attempts; retry in {retry_after} s",
                    {"Retry-After": str(retry_after)})

