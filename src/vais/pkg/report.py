"""Read-only views of a resolved project: `vais tree` (unicode tree) and `vais metadata` (JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vais.pkg.errors import PkgError
from vais.pkg.layout import unpacked_dir, vais_home
from vais.pkg.lockfile import LockedPackage, Lockfile, read_lockfile
from vais.pkg.manifest import Manifest, import_name, load_manifest

METADATA_FORMAT = 1


def _load(project_dir: Path) -> tuple[Manifest, Lockfile]:
    manifest = load_manifest(project_dir)
    lock = read_lockfile(manifest.root)
    if lock is None:
        raise PkgError(f"{manifest.root} has no Vais.lock yet: run `vais install` first")
    return manifest, lock


def package_dir(project_root: Path, package: LockedPackage) -> Path:
    """Where a locked package's files are (project, path dependency, or cache copy)."""
    if package.source is None:
        return project_root
    kind, _, location = package.source.partition("+")
    if kind == "path":
        return (project_root / location).resolve()
    return unpacked_dir(vais_home(), package.name, str(package.version), package.checksum or "")


def _label(package: LockedPackage, project_root: Path) -> str:
    text = f"{package.name} v{package.version}"
    if package.source is None or package.source.startswith("path+"):
        text += f" ({package_dir(project_root, package)})"
    return text


def render_tree(project_dir: Path) -> str:
    """The dependency tree like `cargo tree`: repeats of an expanded package are marked (*)."""
    manifest, lock = _load(project_dir)
    by_id = {f"{p.name} {p.version}": p for p in lock.packages}
    root = lock.root
    if root is None:
        raise PkgError("Vais.lock has no entry for the project itself: run `vais install` to rewrite it")
    dev_names = {d.name for d in manifest.dev_dependencies} - {d.name for d in manifest.dependencies}
    lines = [_label(root, manifest.root)]
    expanded: set[str] = set()

    def walk(ids: list[str], prefix: str) -> None:
        for i, dep_id in enumerate(ids):
            last = i == len(ids) - 1
            package = by_id[dep_id]
            repeat = dep_id in expanded and bool(package.dependencies)
            lines.append(f"{prefix}{'└── ' if last else '├── '}{_label(package, manifest.root)}{' (*)' if repeat else ''}")
            if not repeat:
                expanded.add(dep_id)
                walk(sorted(package.dependencies), prefix + ("    " if last else "│   "))

    normal = [d for d in sorted(root.dependencies) if d.split(" ")[0] not in dev_names]
    dev = [d for d in sorted(root.dependencies) if d.split(" ")[0] in dev_names]
    walk(normal, "")
    if dev:
        lines += ["", "[dev-dependencies]"]
        walk(dev, "")
    return "\n".join(lines)


def metadata(project_dir: Path) -> dict[str, Any]:
    """Machine-readable description of the project, its packages and the resolve graph."""
    manifest, lock = _load(project_dir)
    packages = []
    for p in sorted(lock.packages, key=lambda p: (p.name, p.version)):
        where = package_dir(manifest.root, p)
        entry: dict[str, Any] = {
            "name": p.name, "version": str(p.version), "id": f"{p.name} {p.version}", "source": p.source,
            "checksum": p.checksum, "import_name": import_name(p.name), "root_dir": str(where),
            "src_dir": str(where / "src"), "manifest_path": str(where / "Vais.toml"),
        }
        if p.is_root:
            entry["dependencies"] = [
                {"name": d.name, "req": str(d.req) if d.version_given else None, "kind": "dev" if d.dev else "normal",
                 "path": d.path, "registry": d.registry, "optional": d.optional, "features": list(d.features)}
                for d in manifest.all_dependencies
            ]
        packages.append(entry)
    root = lock.root
    return {
        "format": METADATA_FORMAT,
        "workspace_root": str(manifest.root),
        "manifest_path": str(manifest.path),
        "lockfile_path": str(manifest.root / "Vais.lock"),
        "packages": packages,
        "resolve": {
            "root": f"{root.name} {root.version}" if root else None,
            "nodes": [{"id": f"{p.name} {p.version}", "dependencies": sorted(p.dependencies)}
                      for p in sorted(lock.packages, key=lambda p: (p.name, p.version))],
        },
        "source_roots": {import_name(p.name): str(package_dir(manifest.root, p) / "src")
                         for p in lock.packages if not p.is_root},
    }
