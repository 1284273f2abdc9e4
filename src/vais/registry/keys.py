"""Authors' Ed25519 public keys: registration, listing and revocation."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vais.pkg.signing import SigningError, key_id, load_public_key
from vais.registry.auth import Principal
from vais.registry.clock import Clock, iso, utc
from vais.registry.db.engine import Database
from vais.registry.db.models import SigningKey
from vais.registry.errors import ApiError, bad_request, forbidden, not_found


def key_json(row: SigningKey) -> dict[str, object]:
    return {"key_id": row.key_id, "public_key_pem": row.public_key_pem, "owner": row.user.username,
            "revoked": row.revoked_at is not None, "created_at": iso(row.created_at),
            "revoked_at": iso(row.revoked_at) if row.revoked_at else None}


class KeyService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def add(self, principal: Principal, public_key_pem: str) -> SigningKey:
        principal.require("keys")
        try:
            public = load_public_key(public_key_pem)
        except SigningError as exc:
            raise bad_request(str(exc), "invalid_key") from None
        row = SigningKey(key_id=key_id(public), user_id=principal.user_id,
                         public_key_pem=public_key_pem.strip() + "\n", created_at=utc(self.clock.now()))
        try:
            with self.db.write() as session:
                session.add(row)
                session.flush()
                session.refresh(row, ["user"])
        except IntegrityError:
            raise ApiError(409, "key_exists", f"key {row.key_id} is already registered") from None
        return row

    def list(self, owner: str | None = None) -> list[SigningKey]:
        with self.db.read() as session:
            rows = list(session.scalars(select(SigningKey).order_by(SigningKey.id)))
            for row in rows:
                _ = row.user.username  # load while the session is open
        return [r for r in rows if owner is None or r.user.username == owner]

    def revoke(self, principal: Principal, key_id_: str) -> SigningKey:
        principal.require("keys")
        with self.db.write() as session:
            row = session.scalar(select(SigningKey).where(SigningKey.key_id == key_id_))
            if row is None:
                raise not_found(f"key {key_id_}")
            if row.user_id != principal.user_id and not principal.is_admin:
                raise forbidden("only the key's owner or an administrator can revoke it")
            if row.revoked_at is None:
                row.revoked_at = utc(self.clock.now())
            _ = row.user.username
        return row

    def active_keys(self, user_id: int) -> dict[str, str]:
        """key id -> public key PEM of the user's unrevoked keys."""
        with self.db.read() as session:
            rows = session.scalars(select(SigningKey).where(SigningKey.user_id == user_id,
                                                            SigningKey.revoked_at.is_(None)))
            return {r.key_id: r.public_key_pem for r in rows}
