"""Short-lived JWT access tokens: HS256 only, with exp/iat/nbf/iss/aud all required and checked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import jwt

from vais.registry.clock import Clock

ALGORITHM = "HS256"
LEEWAY_SECONDS = 30


class TokenError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AccessClaims:
    username: str
    user_id: int
    family_id: str
    expires_at: int


class AccessTokens:
    def __init__(self, secret: str, issuer: str, audience: str, ttl_seconds: int, clock: Clock) -> None:
        self._secret = secret
        self.issuer = issuer
        self.audience = audience
        self.ttl_seconds = ttl_seconds
        self._clock = clock

    def issue(self, username: str, user_id: int, family_id: str) -> tuple[str, int]:
        now = int(self._clock.now())
        exp = now + self.ttl_seconds
        claims = {"sub": username, "uid": user_id, "fam": family_id, "typ": "access", "iss": self.issuer,
                  "aud": self.audience, "iat": now, "nbf": now, "exp": exp, "jti": uuid.uuid4().hex}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM), exp

    def verify(self, token: str) -> AccessClaims:
        """Decode with the algorithm pinned; our clock (not the wall clock) decides expiry."""
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], audience=self.audience, issuer=self.issuer,
                options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"], "verify_exp": False,
                         "verify_nbf": False, "verify_iat": False},
            )
        except jwt.InvalidTokenError as exc:
            raise TokenError("invalid_token", f"access token rejected: {exc}") from None
        now = self._clock.now()
        if not all(isinstance(claims.get(k), int) for k in ("exp", "iat", "nbf", "uid")):
            raise TokenError("invalid_token", "access token rejected: malformed claims")
        if claims["exp"] <= now - LEEWAY_SECONDS:
            raise TokenError("token_expired", "access token expired; log in again or refresh it")
        if claims["nbf"] > now + LEEWAY_SECONDS or claims["iat"] > now + LEEWAY_SECONDS:
            raise TokenError("invalid_token", "access token rejected: not valid yet")
        if claims.get("typ") != "access" or not isinstance(claims.get("fam"), str):
            raise TokenError("invalid_token", "access token rejected: wrong token type")
        return AccessClaims(claims["sub"], claims["uid"], claims["fam"], claims["exp"])
