"""Accepting a new package version: validate everything, store the archive, then commit the row.

Order of work (docs/registry.md, "Publishing is atomic"):
1. checks that need nothing stored: checksum, archive safety and manifest (`inspect_archive`),
   signature against the uploader's unrevoked keys, ownership, duplicate version;
2. the archive is written to storage under a content-addressed key (`put` is atomic: temp file
   and rename, or one S3 PutObject);
3. one DB transaction inserts the version (a unique constraint settles concurrent publishes).
Downloads are always resolved through a committed row, so a crash after 2 leaves an unreferenced
blob that is never served; `vais-registry gc` removes such blobs after a grace period.
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vais.pkg.archive import ArchiveError, ArchiveInfo, ArchiveLimits, inspect_archive
from vais.pkg.index import index_version_for
from vais.pkg.signing import sha256_hex, verify_digest
from vais.registry.auth import Principal
from vais.registry.clock import Clock, utc
from vais.registry.db.engine import Database
from vais.registry.db.models import Package, PackageOwner
from vais.registry.db.models import Version as VersionRow
from vais.registry.errors import ApiError, bad_request, forbidden
from vais.registry.keys import KeyService
from vais.registry.packages import newest, version_key
from vais.registry.storage import Storage

BLOB_PREFIX = "archives/"
MAX_README_BYTES = 512 * 1024


def blob_key(cksum: str) -> str:
    return f"{BLOB_PREFIX}{cksum[:2]}/{cksum}.tar.gz"


@dataclass(frozen=True)
class Upload:
    name: str
    version: str
    data: bytes
    declared_cksum: str | None
    signature: str | None
    key_id: str | None


@dataclass(frozen=True)
class Checked:
    info: ArchiveInfo
    cksum: str
    signature: str | None
    key_id: str | None
    readme: str


class PublishService:
    def __init__(self, db: Database, storage: Storage, clock: Clock, keys: KeyService, limits: ArchiveLimits,
                 require_signatures: bool) -> None:
        self.db = db
        self.storage = storage
        self.clock = clock
        self.keys = keys
        self.limits = limits
        self.require_signatures = require_signatures

    def publish(self, principal: Principal, upload: Upload) -> VersionRow:
        principal.require("publish")
        checked = self.check(principal, upload)
        self._precheck_db(principal, upload.name, checked.info.version)
        key = blob_key(checked.cksum)
        self.storage.put(key, upload.data)
        try:
            return self._commit(principal, checked, key, len(upload.data))
        except BaseException:
            self._drop_unreferenced(checked.cksum, key)
            raise

    def check(self, principal: Principal, upload: Upload) -> Checked:
        """Everything that can be verified without storing anything; raises 4xx ApiErrors."""
        cksum = sha256_hex(upload.data)
        if upload.declared_cksum is not None and upload.declared_cksum.lower() != cksum:
            raise bad_request(f"checksum mismatch: the client declared sha256 {upload.declared_cksum} but the "
                              f"uploaded archive has sha256 {cksum}", "checksum_mismatch")
        try:
            info = inspect_archive(upload.data, self.limits)
        except ArchiveError as exc:
            raise ApiError(422, "invalid_archive", exc.message) from None
        if info.name != upload.name or version_key(info.version) != version_key(upload.version):
            raise bad_request(f"archive holds {info.name} {info.version}, but the upload is for "
                              f"{upload.name} {upload.version}", "name_mismatch")
        path_deps = [d.name for d in info.manifest.dependencies if d.path is not None and not d.version_given]
        if path_deps:
            raise ApiError(422, "invalid_archive", f"dependencies without a version: {', '.join(path_deps)}")
        key_id = self._check_signature(principal, cksum, upload.signature, upload.key_id)
        return Checked(info, cksum, upload.signature if key_id else None, key_id, _readme(upload.data, info))

    def _check_signature(self, principal: Principal, cksum: str, signature: str | None,
                         key_id: str | None) -> str | None:
        if not signature:
            if self.require_signatures:
                raise bad_request("this registry requires signed packages: publish with --sign-key",
                                  "signature_required")
            return None
        keys = self.keys.active_keys(principal.user_id)
        candidates = {key_id: keys[key_id]} if key_id in keys else {} if key_id else keys
        if not candidates:
            raise bad_request(
                f"key {key_id} is not one of {principal.username}'s registered, unrevoked keys; "
                "register it with `vais keys add`" if key_id else
                f"{principal.username} has no registered, unrevoked signing keys; register one with `vais keys add`",
                "unknown_key")
        for kid, pem in candidates.items():
            if verify_digest(pem, cksum, signature):
                return kid
        raise bad_request(f"signature does not verify against key {key_id or ', '.join(candidates)} for "
                          f"sha256 {cksum}", "invalid_signature")

    def _precheck_db(self, principal: Principal, name: str, version: str) -> None:
        """Fail fast (before storing) on the common refusals; the commit re-checks under the lock."""
        with self.db.read() as session:
            pkg = session.scalar(select(Package).where(Package.name == name))
            if pkg is None:
                return
            self._check_can_publish(session, pkg, principal, version)

    def _check_can_publish(self, session: Session, pkg: Package, principal: Principal, version: str) -> None:
        owner = session.scalar(select(PackageOwner).where(PackageOwner.package_id == pkg.id,
                                                          PackageOwner.user_id == principal.user_id))
        if owner is None and not principal.is_admin:
            raise forbidden(f"you are not an owner of '{pkg.name}'; an owner can add you with `vais owner add`")
        exists = session.scalar(select(VersionRow.version).where(VersionRow.package_id == pkg.id,
                                                                 VersionRow.version_key == version_key(version)))
        if exists is not None:
            raise _duplicate(pkg.name, exists)

    def _commit(self, principal: Principal, checked: Checked, key: str, size: int) -> VersionRow:
        """Insert the version in one transaction; on a lost race, retry once to report the right error."""
        try:
            return self._insert(principal, checked, key, size)
        except IntegrityError:
            pass  # lost a race (same version, or a brand-new package created concurrently): look again
        try:
            return self._insert(principal, checked, key, size)
        except IntegrityError:
            raise ApiError(409, "conflict", "a concurrent publish changed this package; retry") from None

    def _insert(self, principal: Principal, checked: Checked, key: str, size: int) -> VersionRow:
        info, manifest = checked.info, checked.info.manifest
        now = utc(self.clock.now())
        with self.db.write() as session:
            pkg = session.scalar(select(Package).where(Package.name == info.name))
            if pkg is None:
                pkg = Package(name=info.name, created_at=now, updated_at=now, downloads=0, description="",
                              keywords="", license="", repository="", homepage="", readme="")
                session.add(pkg)
                session.flush()
                session.add(PackageOwner(package_id=pkg.id, user_id=principal.user_id, added_at=now))
            else:
                self._check_can_publish(session, pkg, principal, info.version)
            entry = index_version_for(manifest, checked.cksum).to_json()
            row = VersionRow(
                package_id=pkg.id, version=info.version, version_key=version_key(info.version), cksum=checked.cksum,
                size=size, storage_key=key, signature=checked.signature, signer_key_id=checked.key_id,
                deps_json=json.dumps(entry["deps"]), features_json=json.dumps(entry["features"], sort_keys=True),
                readme=checked.readme, published_by=principal.user_id, published_at=now, yanked=False, downloads=0,
            )
            session.add(row)
            session.flush()
            session.refresh(pkg, ["versions"])
            if newest(pkg.versions) is row:
                pkg.description = manifest.description or ""
                pkg.keywords = " ".join(manifest.keywords)
                pkg.license = manifest.license or ""
                pkg.repository = manifest.repository or ""
                pkg.homepage = manifest.homepage or ""
                pkg.readme = checked.readme
            pkg.updated_at = now
        return row

    def _drop_unreferenced(self, cksum: str, key: str) -> None:
        """Remove the blob we stored unless a committed version (the race winner) uses it."""
        with self.db.read() as session:
            used = session.scalar(select(VersionRow.id).where(VersionRow.cksum == cksum).limit(1))
        if used is None:
            self.storage.delete(key)

    def collect_garbage(self, min_age_seconds: float) -> list[str]:
        """Delete stored archives no version references and older than the grace period."""
        with self.db.read() as session:
            referenced = set(session.scalars(select(VersionRow.storage_key)))
        cutoff = self.clock.now() - min_age_seconds
        removed = []
        for obj in self.storage.list(BLOB_PREFIX):
            if obj.key not in referenced and obj.modified <= cutoff:
                self.storage.delete(obj.key)
                removed.append(obj.key)
        return removed


def _duplicate(name: str, existing: str) -> ApiError:
    return ApiError(409, "version_exists", f"{name} {existing} is already published; versions are immutable, "
                    "bump the version in Vais.toml")


def _readme(data: bytes, info: ArchiveInfo) -> str:
    """The README text to show on the package page (the archive was already validated as safe)."""
    wanted = info.manifest.readme or next((f for f in info.files if "/" not in f and f.upper().startswith("README")),
                                          None)
    if wanted is None or wanted not in info.files:
        return ""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        member = tar.getmember(f"{info.name}-{info.version}/{wanted}")
        if member.size > MAX_README_BYTES:
            return ""
        reader = tar.extractfile(member)
        return reader.read().decode("utf-8", errors="replace") if reader else ""

