"""The compiler hook: where each dependency's modules live, from Vais.lock alone (no network, no TOML editing)."""

from __future__ import annotations

from pathlib import Path

from vais.pkg.errors import PkgError
from vais.pkg.layout import unpacked_dir, vais_home
from vais.pkg.lockfile import read_lockfile


def dependency_source_roots(project_dir: Path) -> dict[str, Path]:
    """Import name (`-` → `_`) → the `src/` directory of every dependency in the project's Vais.lock.

    Path dependencies point at their own directory; registry packages at their read-only copy in
    the cache. A project without Vais.lock has no dependencies to offer (empty map). A locked
    registry package that is not in the cache is an error telling the user to run `vais install`.
    """
    project_dir = Path(project_dir)
    lock = read_lockfile(project_dir)
    if lock is None:
        return {}
    home = vais_home()
    roots: dict[str, Path] = {}
    for package in lock.packages:
        if package.source is None:
            continue
        kind, _, location = package.source.partition("+")
        if kind == "path":
            base = (project_dir / location).resolve()
        else:
            base = unpacked_dir(home, package.name, str(package.version), package.checksum or "")
            if not base.is_dir():
                raise PkgError(
                    f"dependency {package.name} {package.version} is locked but not installed in {base.parent}: "
                    "run `vais install`"
                )
        roots[package.name.replace("-", "_")] = base / "src"
    return roots
