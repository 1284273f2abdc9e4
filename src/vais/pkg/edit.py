"""`vais add` / `vais remove`: edit Vais.toml in place, keeping the user's comments and layout.

tomlkit round-trips the document, so only the touched entry changes. The result is validated
before it is written (atomically); a caller can roll back with `restore` if a later step fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.items import Table

from vais.pkg.errors import PkgError
from vais.pkg.fsutil import atomic_write
from vais.pkg.manifest import NAME_HELP, NAME_RE, display_path, find_manifest, parse_manifest
from vais.pkg.semver import VersionReq


@dataclass(frozen=True)
class NewDependency:
    name: str
    req: str | None = None
    path: str | None = None
    registry: str | None = None
    features: tuple[str, ...] = ()
    optional: bool = False
    dev: bool = False


@dataclass(frozen=True)
class ManifestEdit:
    """The manifest before and after an edit, so the caller can undo it."""

    path: Path
    before: str
    after: str

    def restore(self) -> None:
        atomic_write(self.path, self.before)


def parse_name_req(spec: str) -> tuple[str, str | None]:
    """Split `NAME[@REQ]` and validate both parts."""
    name, _, req = spec.partition("@")
    if not NAME_RE.match(name):
        raise PkgError(f"invalid package name {name!r}: {NAME_HELP}")
    if req:
        VersionReq.parse(req)
    return name, req or None


def _section(doc: tomlkit.TOMLDocument, key: str) -> Table:
    if key not in doc:
        doc[key] = tomlkit.table()
    table = doc[key]
    if not isinstance(table, Table):
        raise PkgError(f"[{key}] in Vais.toml is not a table: fix it by hand first")
    return table


def add_dependency(project_dir: Path, dep: NewDependency) -> ManifestEdit:
    """Add or replace a dependency entry; return the edit (already written)."""
    if dep.req is None and dep.path is None:
        raise PkgError(f"internal: dependency {dep.name} needs a requirement or a path")
    path = find_manifest(project_dir)
    before = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(before)
    table = _section(doc, "dev-dependencies" if dep.dev else "dependencies")
    fields = {"version": dep.req, "path": dep.path, "registry": dep.registry,
              "features": list(dep.features) or None, "optional": dep.optional or None}
    present = {k: v for k, v in fields.items() if v is not None}
    if list(present) == ["version"]:
        table[dep.name] = dep.req
    else:
        entry = tomlkit.inline_table()
        entry.update(present)
        table[dep.name] = entry
    return _write_checked(path, before, doc.as_string())


def remove_dependency(project_dir: Path, name: str) -> ManifestEdit:
    """Remove `name` from [dependencies] and [dev-dependencies], and from feature lists naming it."""
    path = find_manifest(project_dir)
    before = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(before)
    removed = False
    for key in ("dependencies", "dev-dependencies"):
        table = doc.get(key)
        if isinstance(table, Table) and name in table:
            del table[name]
            removed = True
    if not removed:
        current = sorted({d for key in ("dependencies", "dev-dependencies") for d in (doc.get(key) or {})})
        raise PkgError(f"{display_path(path)} has no dependency named {name!r} "
                       f"(dependencies: {', '.join(current) or 'none'})")
    features = doc.get("features")
    if isinstance(features, Table):
        for members in features.values():
            for member in [m for m in members if str(m).removeprefix("dep:").split("/")[0] == name]:
                members.remove(member)
    return _write_checked(path, before, doc.as_string())


def _write_checked(path: Path, before: str, after: str) -> ManifestEdit:
    parse_manifest(after, path)  # never write a manifest we would reject
    atomic_write(path, after)
    return ManifestEdit(path, before, after)
