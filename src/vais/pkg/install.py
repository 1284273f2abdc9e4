"""`vais install` / `vais update`: manifest + lock + sources → resolution → Vais.lock → cache.

The provider tells the resolver what exists: path dependencies (one version each, found by
walking `path` entries from the project) and registry packages (from the registry named by the
dependency, else the depender's registry, else the default). Optional dependencies are included
when a feature enabled for their package names them (`default`, plus features the project asks
for in its own dependency entries).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vais.pkg.cache import Cache
from vais.pkg.config import RegistryConfig, load_registry_config
from vais.pkg.credentials import trust_policy
from vais.pkg.errors import PkgError
from vais.pkg.fsutil import atomic_write
from vais.pkg.index import IndexVersion
from vais.pkg.layout import vais_home
from vais.pkg.lockfile import LOCK_NAME, LockedPackage, Lockfile, read_lockfile
from vais.pkg.manifest import DependencySpec, Manifest, display_path, load_manifest
from vais.pkg.resolver import Candidate, Resolution, resolve
from vais.pkg.semver import Version, VersionReq
from vais.pkg.sources import PackageSource, PathSource, Progress, SourceConfig, source_for_url


@dataclass(frozen=True)
class InstallOptions:
    locked: bool = False  # fail instead of changing Vais.lock
    frozen: bool = False  # --locked, and no network
    registry: str | None = None
    prefer_lowest: bool = False
    update: tuple[str, ...] | None = None  # None: honour the lock; (): re-resolve all; names: only those
    username: str | None = None
    token: str | None = None


@dataclass(frozen=True)
class InstallResult:
    manifest: Manifest
    lockfile: Lockfile
    lock_written: bool
    changes: tuple[str, ...]  # human-readable lock changes ("a 1.0.0 -> 1.1.0")
    installed: tuple[str, ...] = field(default=())  # "name version" newly unpacked into the cache


def active_optional(features: Mapping[str, Iterable[str]], requested: Iterable[str]) -> set[str]:
    """Names of optional dependencies switched on by the requested features (followed transitively)."""
    enabled: set[str] = set()
    seen: set[str] = set()
    todo = list(requested)
    while todo:
        item = todo.pop()
        if item in seen:
            continue
        seen.add(item)
        if item in features:
            todo.extend(features[item])
        else:
            enabled.add(item.removeprefix("dep:").split("/")[0])
    return enabled


class SourceProvider:
    """The resolver's view of path packages and registries, remembering where each package came from."""

    def __init__(self, manifest: Manifest, registries: RegistryConfig, default_registry: str | None,
                 source_config: SourceConfig) -> None:
        self.manifest = manifest
        self.registries = registries
        self.default_registry = default_registry
        self.source_config = source_config
        self.paths = _collect_path_sources(manifest)
        self.package_registry: dict[str, str] = {}
        self.entries: dict[str, dict[Version, IndexVersion]] = {}
        self._sources: dict[str, PackageSource] = {}
        self._requested = {
            d.name: ({"default"} if d.default_features else set()) | set(d.features) for d in manifest.all_dependencies
        }
        self.root_candidate = Candidate(manifest.version, self._deps_of(manifest.all_dependencies, manifest.features,
                                                                        {"default"}, None))

    def source(self, url: str) -> PackageSource:
        if url not in self._sources:
            self._sources[url] = source_for_url(url, self.source_config)
        return self._sources[url]

    def _registry_for(self, registry: str | None, inherited: str | None) -> str | None:
        if registry is not None:
            return self.registries.url_for(registry)
        return inherited or self.default_registry

    def _deps_of(self, deps: Iterable[DependencySpec], features: Mapping[str, Iterable[str]],
                 requested: set[str], inherited: str | None) -> tuple[tuple[str, VersionReq], ...]:
        deps = tuple(deps)
        optional = active_optional(features, requested) if any(d.optional for d in deps) else set()
        result = []
        for dep in deps:
            if dep.optional and dep.name not in optional:
                continue
            if dep.name not in self.paths:
                url = self._registry_for(dep.registry, inherited)
                if url is not None:
                    self.package_registry.setdefault(dep.name, url)
            result.append((dep.name, dep.req))
        return tuple(result)

    def candidates(self, name: str) -> list[Candidate]:
        path = self.paths.get(name)
        requested = self._requested.get(name, {"default"})
        if path is not None:
            m = path.manifest
            return [Candidate(m.version, self._deps_of(m.dependencies, m.features, requested, None))]
        url = self.package_registry.get(name) or self.default_registry
        if url is None:
            raise PkgError(
                f"dependency {name} comes from a registry, but none is configured: pass --registry URL "
                f'(e.g. file:///path/to/registry) or set [registry] default = "URL" in .vais/config.toml'
            )
        self.package_registry[name] = url
        index = self.source(url).index(name)
        if index is None:
            return []
        self.entries[name] = {v.version: v for v in index.versions}
        candidates = []
        for entry in index.versions:
            specs = [DependencySpec(d.name, d.req, registry=d.registry, optional=d.optional)
                     for d in entry.deps if d.kind == "normal"]
            candidates.append(Candidate(entry.version, self._deps_of(specs, entry.features, requested, url),
                                        entry.yanked))
        return candidates

    def lock_entry(self, name: str, version: Version, deps: tuple[str, ...]) -> LockedPackage:
        if name == self.manifest.name:
            return LockedPackage(name, version, None, None, deps)
        if name in self.paths:
            return LockedPackage(name, version, f"path+{self.paths[name].url}", None, deps)
        url = self.package_registry[name]
        return LockedPackage(name, version, f"registry+{url}", self.entries[name][version].cksum, deps)


def _collect_path_sources(manifest: Manifest) -> dict[str, PathSource]:
    """Every package reachable through `path` entries (dev ones only from the project itself)."""
    found: dict[str, PathSource] = {}
    todo: list[tuple[Manifest, tuple[DependencySpec, ...]]] = [(manifest, manifest.all_dependencies)]
    while todo:
        owner, deps = todo.pop()
        for dep in deps:
            if dep.path is None:
                continue
            where = (owner.root / dep.path).resolve()
            if dep.name in found:
                if found[dep.name].root != where:
                    raise PkgError(f"package {dep.name} is used from two paths: {found[dep.name].root} and {where}; "
                                   "point every dependency on it at one directory")
                continue
            if not where.is_dir():
                raise PkgError(f"{display_path(owner.path)}: dependency {dep.name} has path {dep.path!r}, "
                               f"but {where} is not a directory: fix the path")
            source = PathSource(where, manifest.root)
            if source.manifest.name != dep.name:
                raise PkgError(f"{display_path(owner.path)}: dependency {dep.name} points to {where}, whose package "
                               f"is named {source.manifest.name!r}: rename the dependency or fix the path")
            found[dep.name] = source
            todo.append((source.manifest, source.manifest.dependencies))
    return found


def _lock_from(resolution: Resolution, provider: SourceProvider) -> Lockfile:
    packages = []
    for name, version in resolution.versions.items():
        deps = tuple(f"{d} {resolution.versions[d]}" for d in resolution.graph.get(name, ()))
        packages.append(provider.lock_entry(name, version, deps))
    return Lockfile(tuple(packages))


def _locked_versions(old: Lockfile | None, update: tuple[str, ...] | None) -> dict[str, Version]:
    if old is None or update == ():
        return {}
    names = set(update or ())
    unknown = sorted(n for n in names if old.find(n) is None)
    if unknown:
        raise PkgError(f"package {', '.join(unknown)} is not in Vais.lock: `vais update` takes names of locked "
                       f"packages ({', '.join(sorted(p.name for p in old.packages if not p.is_root))})")
    return {p.name: p.version for p in old.packages if not p.is_root and p.name not in names}


def manifest_changes(manifest: Manifest, old: Lockfile) -> list[str]:
    """Direct dependencies of Vais.toml that Vais.lock does not reflect."""
    lines = []
    root = old.root
    locked_direct = set(root.dependency_names()) if root else set()
    wanted = {d.name for d in manifest.all_dependencies}
    for dep in manifest.all_dependencies:
        locked = old.find(dep.name)
        if dep.name not in locked_direct or locked is None:
            lines.append(f"dependency {dep.name} was added to Vais.toml")
        elif dep.version_given and not dep.req.matches(locked.version):
            lines.append(f"dependency {dep.name}: Vais.toml requires {dep.req} but {LOCK_NAME} has {locked.version}")
    lines += [f"dependency {n} was removed from Vais.toml" for n in sorted(locked_direct - wanted)]
    return lines


def package_changes(old: Lockfile | None, new: Lockfile) -> list[str]:
    """Per-package differences between two lock files."""
    before = {p.name: p for p in old.packages} if old else {}
    after = {p.name: p for p in new.packages}
    lines = []
    for name in sorted(before.keys() | after.keys()):
        b, a = before.get(name), after.get(name)
        if b is None and a is not None:
            if not a.is_root:
                lines.append(f"added {name} {a.version}")
        elif a is None and b is not None:
            lines.append(f"removed {name} {b.version}")
        elif a is not None and b is not None and a != b:
            what = f"{b.version} -> {a.version}" if a.version != b.version else "its source or dependencies changed"
            lines.append(f"{name}: {what}")
    return lines


def _refuse(flag: str, changes: list[str]) -> PkgError:
    details = "\n".join(f"  - {line}" for line in changes)
    return PkgError(f"{LOCK_NAME} is out of date with Vais.toml and {flag} forbids updating it:\n{details}\n"
                    f"help: run `vais install` without {flag} to update {LOCK_NAME}, then commit it")


def install(project_dir: Path, options: InstallOptions,
            progress: Callable[[str], Progress | None] | None = None) -> InstallResult:
    """Resolve, write Vais.lock if it changed (never with --locked/--frozen), and fill the cache."""
    manifest = load_manifest(project_dir)
    home = vais_home()
    registries = load_registry_config(manifest.root, home)
    default = registries.url_for(options.registry) if options.registry else registries.default
    source_config = SourceConfig(home, offline=options.frozen, username=options.username, token=options.token,
                                 trust=trust_policy(manifest.root))
    provider = SourceProvider(manifest, registries, default, source_config)
    old = read_lockfile(manifest.root)
    strict = options.locked or options.frozen
    flag = "--frozen" if options.frozen else "--locked"
    if strict and old is None:
        raise PkgError(f"{flag} needs an existing {LOCK_NAME}, and there is none: run `vais install` first")
    if strict and old is not None and (stale := manifest_changes(manifest, old)):
        raise _refuse(flag, stale)
    resolution = resolve(manifest.name, provider.root_candidate, provider,
                         locked=_locked_versions(old, options.update), prefer_lowest=options.prefer_lowest)
    new = _lock_from(resolution, provider)
    new_text = old_text = new.to_toml()
    if old is not None:
        old_text = (manifest.root / LOCK_NAME).read_text(encoding="utf-8")
    changed = old is None or old_text != new_text
    changes = package_changes(old, new) if changed else []
    if changed and strict:
        raise _refuse(flag, changes or ["the file's layout differs from what this vais writes"])
    installed = _fill_cache(provider, new, Cache(home), progress)  # fails before the lock changes
    if changed:
        atomic_write(manifest.root / LOCK_NAME, new_text)
    return InstallResult(manifest, new, changed, tuple(changes), installed)


def _fill_cache(provider: SourceProvider, lock: Lockfile, cache: Cache,
                progress: Callable[[str], Progress | None] | None) -> tuple[str, ...]:
    todo = [p for p in lock.packages if p.source and p.source.startswith("registry+") and p.checksum
            and not cache.is_installed(p.name, p.version, p.checksum)]
    installed = []
    if not todo:
        return ()
    with cache.locked():
        for package in todo:
            assert package.source is not None and package.checksum is not None
            source = provider.source(package.source.removeprefix("registry+"))
            label = f"{package.name} {package.version}"
            cache.ensure(source, package.name, package.version, package.checksum,
                         progress(label) if progress else None)
            installed.append(label)
    return tuple(installed)


def newest_requirement(project_dir: Path, name: str, registry: str | None) -> str:
    """`^X.Y.Z` for the newest non-yanked stable version of `name` in the registry (for `vais add NAME`)."""
    home = vais_home()
    registries = load_registry_config(project_dir, home)
    url = registries.url_for(registry) if registry else registries.default
    if url is None:
        raise PkgError(f"no version given for {name} and no registry configured: use `vais add {name}@^1.0`, "
                       f"`vais add {name} --path DIR`, or pass --registry URL")
    index = source_for_url(url, SourceConfig(home)).index(name)
    versions = [v.version for v in index.versions if not v.yanked and not v.version.pre] if index else []
    if not versions:
        raise PkgError(f"registry {url} has no released version of {name}: check the name, or give a path")
    return f"^{max(versions)}"
