"""Package queries and owner actions: metadata, sparse index, search, downloads, yank, owners."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from vais.pkg.semver import SemverError, Version
from vais.registry.auth import Principal
from vais.registry.clock import Clock, iso, utc
from vais.registry.db.engine import Database
from vais.registry.db.models import Package, PackageOwner, User
from vais.registry.db.models import Version as VersionRow
from vais.registry.errors import ApiError, bad_request, forbidden, not_found

MAX_PER_PAGE = 100
SEARCH_CANDIDATES = 2000


def version_key(text: str) -> str:
    """Identity of a version: build metadata does not count (`1.0.0+a` == `1.0.0`)."""
    try:
        v = Version.parse(text)
    except SemverError as exc:
        raise bad_request(str(exc), "invalid_version") from None
    return str(Version(v.major, v.minor, v.patch, v.pre))


def sorted_versions(rows: list[VersionRow]) -> list[VersionRow]:
    return sorted(rows, key=lambda r: Version.parse(r.version))


def newest(rows: list[VersionRow]) -> VersionRow | None:
    """The version users get by default: newest non-yanked stable, else newest non-yanked, else newest."""
    ordered = sorted_versions(rows)
    for pool in ([r for r in ordered if not r.yanked and not Version.parse(r.version).is_prerelease],
                 [r for r in ordered if not r.yanked], ordered):
        if pool:
            return pool[-1]
    return None


@dataclass(frozen=True)
class Page:
    items: list[dict[str, object]]
    total: int
    page: int
    per_page: int

    def to_json(self) -> dict[str, object]:
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": max(1, -(-self.total // self.per_page))}


@dataclass(frozen=True)
class IndexDocument:
    body: bytes
    etag: str


@dataclass(frozen=True)
class Download:
    storage_key: str
    size: int
    filename: str
    cksum: str


def version_json(row: VersionRow) -> dict[str, object]:
    return {"version": row.version, "cksum": row.cksum, "size": row.size, "yanked": row.yanked,
            "signature": row.signature, "signer_key_id": row.signer_key_id, "downloads": row.downloads,
            "published_at": iso(row.published_at), "deps": json.loads(row.deps_json),
            "features": json.loads(row.features_json)}


def package_summary(pkg: Package) -> dict[str, object]:
    top = newest(pkg.versions)
    return {"name": pkg.name, "description": pkg.description, "keywords": pkg.keywords.split(),
            "downloads": pkg.downloads, "max_version": top.version if top else None,
            "updated_at": iso(pkg.updated_at)}


class PackageService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- reads -------------------------------------------------------------------------------------

    def _load(self, session: Session, name: str) -> Package:
        pkg = session.scalar(select(Package).where(Package.name == name)
                             .options(selectinload(Package.versions)))
        if pkg is None:
            raise not_found(f"package '{name}'")
        return pkg

    def owners(self, session: Session, pkg: Package) -> list[str]:
        return list(session.scalars(select(User.username).join(PackageOwner, PackageOwner.user_id == User.id)
                                    .where(PackageOwner.package_id == pkg.id).order_by(User.username)))

    def package_detail(self, name: str) -> dict[str, object]:
        with self.db.read() as session:
            pkg = self._load(session, name)
            detail = package_summary(pkg) | {
                "license": pkg.license, "repository": pkg.repository, "homepage": pkg.homepage,
                "readme": pkg.readme, "created_at": iso(pkg.created_at), "owners": self.owners(session, pkg),
                "versions": [version_json(v) for v in reversed(sorted_versions(pkg.versions))],
            }
        return detail

    def version_detail(self, name: str, version: str) -> dict[str, object]:
        with self.db.read() as session:
            pkg = self._load(session, name)
            row = _find_version(pkg, version)
            return {"name": pkg.name, **version_json(row), "readme": row.readme}

    def index(self, name: str) -> IndexDocument:
        with self.db.read() as session:
            pkg = self._load(session, name)
            versions = [
                {"version": v.version, "cksum": v.cksum, "deps": json.loads(v.deps_json),
                 "features": json.loads(v.features_json), "yanked": v.yanked, "signature": v.signature,
                 "signer_key_id": v.signer_key_id, "published_at": iso(v.published_at)}
                for v in sorted_versions(pkg.versions)
            ]
        body = json.dumps({"name": name, "versions": versions}, separators=(",", ":"), sort_keys=True).encode()
        return IndexDocument(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')

    def listing(self, page: int, per_page: int, sort: str) -> Page:
        order = {"downloads": (Package.downloads.desc(), Package.name), "name": (Package.name,),
                 "recent": (Package.updated_at.desc(), Package.name)}.get(sort)
        if order is None:
            raise bad_request("sort must be one of downloads, name, recent")
        page, per_page = _page_args(page, per_page)
        with self.db.read() as session:
            total = session.scalar(select(func.count()).select_from(Package)) or 0
            query: Select[tuple[Package]] = (select(Package).options(selectinload(Package.versions))
                                             .order_by(*order).offset((page - 1) * per_page).limit(per_page))
            items = [package_summary(p) for p in session.scalars(query)]
        return Page(items, total, page, per_page)

    def search(self, query: str, page: int, per_page: int) -> Page:
        """Match every term against name, description or keywords; rank name hits above the rest."""
        terms = [t for t in query.lower().split() if t][:8]
        if not terms:
            return self.listing(page, per_page, "downloads")
        page, per_page = _page_args(page, per_page)
        conditions = [or_(Package.name.contains(t, autoescape=True),
                          func.lower(Package.description).contains(t, autoescape=True),
                          func.lower(Package.keywords).contains(t, autoescape=True)) for t in terms]
        with self.db.read() as session:
            candidates = list(session.scalars(
                select(Package).where(*conditions).options(selectinload(Package.versions))
                .order_by(Package.downloads.desc()).limit(SEARCH_CANDIDATES)))
            ranked = sorted(candidates, key=lambda p: (-_score(p, terms, query.lower().strip()), -p.downloads, p.name))
            items = [package_summary(p) for p in ranked[(page - 1) * per_page: page * per_page]]
        return Page(items, len(candidates), page, per_page)

    def download(self, name: str, version: str) -> Download:
        """Count the download and say where the archive is; yanked versions stay downloadable."""
        with self.db.write() as session:
            pkg = session.scalar(select(Package).where(Package.name == name))
            if pkg is None:
                raise not_found(f"package '{name}'")
            row = session.scalar(select(VersionRow).where(VersionRow.package_id == pkg.id,
                                                          VersionRow.version_key == version_key(version)))
            if row is None:
                raise not_found(f"{name} version {version}")
            session.execute(update(VersionRow).where(VersionRow.id == row.id)
                            .values(downloads=VersionRow.downloads + 1))
            session.execute(update(Package).where(Package.id == pkg.id).values(downloads=Package.downloads + 1))
            return Download(row.storage_key, row.size, f"{name}-{row.version}.tar.gz", row.cksum)

    # --- owner actions -----------------------------------------------------------------------------

    def _require_owner(self, session: Session, pkg: Package, principal: Principal) -> None:
        owned = session.scalar(select(PackageOwner).where(PackageOwner.package_id == pkg.id,
                                                          PackageOwner.user_id == principal.user_id))
        if owned is None and not principal.is_admin:
            raise forbidden(f"you are not an owner of '{pkg.name}'")

    def set_yanked(self, principal: Principal, name: str, version: str, yanked: bool) -> dict[str, object]:
        principal.require("yank")
        with self.db.write() as session:
            pkg = self._load(session, name)
            self._require_owner(session, pkg, principal)
            row = _find_version(pkg, version)
            row.yanked = yanked
            row.yanked_at = utc(self.clock.now()) if yanked else None
            pkg.updated_at = utc(self.clock.now())
            return version_json(row)

    def list_owners(self, name: str) -> list[str]:
        with self.db.read() as session:
            return self.owners(session, self._load(session, name))

    def add_owners(self, principal: Principal, name: str, usernames: list[str]) -> list[str]:
        principal.require("owners")
        with self.db.write() as session:
            pkg = self._load(session, name)
            self._require_owner(session, pkg, principal)
            users = _users(session, usernames)
            current = set(self.owners(session, pkg))
            for user in users:
                if user.username not in current:
                    session.add(PackageOwner(package_id=pkg.id, user_id=user.id, added_at=utc(self.clock.now())))
            session.flush()
            return self.owners(session, pkg)

    def remove_owners(self, principal: Principal, name: str, usernames: list[str]) -> list[str]:
        principal.require("owners")
        with self.db.write() as session:
            pkg = self._load(session, name)
            self._require_owner(session, pkg, principal)
            ids = [u.id for u in _users(session, usernames)]
            remaining = [o for o in self.owners(session, pkg) if o not in usernames]
            if not remaining:
                raise ApiError(409, "last_owner", "a package must keep at least one owner")
            session.execute(delete(PackageOwner).where(PackageOwner.package_id == pkg.id,
                                                       PackageOwner.user_id.in_(ids)))
            return self.owners(session, pkg)


def _find_version(pkg: Package, version: str) -> VersionRow:
    key = version_key(version)
    for row in pkg.versions:
        if row.version_key == key:
            return row
    raise not_found(f"{pkg.name} version {version}")


def _users(session: Session, usernames: list[str]) -> list[User]:
    if not usernames:
        raise bad_request("give at least one user name")
    users = list(session.scalars(select(User).where(User.username.in_(usernames))))
    missing = sorted(set(usernames) - {u.username for u in users})
    if missing:
        raise not_found(f"user {', '.join(missing)}")
    return users


def _page_args(page: int, per_page: int) -> tuple[int, int]:
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise bad_request(f"page must be >= 1 and per_page between 1 and {MAX_PER_PAGE}")
    return page, per_page


def _score(pkg: Package, terms: list[str], whole: str) -> int:
    keywords = set(pkg.keywords.lower().split())
    description = pkg.description.lower()
    score = 1000 if pkg.name == whole else 0
    for term in terms:
        if pkg.name == term:
            score += 100
        elif pkg.name.startswith(term):
            score += 40
        elif term in pkg.name:
            score += 20
        if term in keywords:
            score += 15
        if term in description:
            score += 5
    return score
