"""Resolver speed: a synthetic registry of 2 000 packages x 20 versions, a root with 50 direct deps.

Prints the resolve time and its ratio to the 1 s target, first with an in-memory provider, then
through a local directory registry (`file://`, the real source code path: JSON index documents).
Run: `python bench/resolve_speed.py [--seed N] [--packages N] [--versions N] [--direct N]`.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from vais.pkg.config import RegistryConfig
from vais.pkg.index import IndexDep, IndexVersion, PackageIndex
from vais.pkg.install import SourceProvider
from vais.pkg.local_registry import init_registry
from vais.pkg.manifest import parse_manifest
from vais.pkg.resolver import Candidate, Resolution, resolve
from vais.pkg.semver import Version, VersionReq
from vais.pkg.sources import SourceConfig

TARGET_SECONDS = 1.0


def synthetic_registry(seed: int, packages: int, versions: int) -> dict[str, list[tuple[Version, list[tuple[str, str]]]]]:
    """name -> ascending [(version, [(dep, req)])]; deps point to higher-numbered packages (plus some cycles)."""
    rng = random.Random(seed)
    names = [f"p{i:04d}" for i in range(packages)]
    registry = {}
    for i, name in enumerate(names):
        entries = []
        for n in range(versions):
            version = Version(1 + n // 5, n % 5, 0)
            deps = []
            for _ in range(rng.randint(0, 3)):
                j = rng.randrange(i + 1, packages) if i + 1 < packages and rng.random() < 0.97 else rng.randrange(packages)
                if names[j] != name and names[j] not in {d for d, _ in deps}:
                    deps.append((names[j], rng.choice(["^1.0", "^2.0", "^3.0", "^4.0", ">=1.2", "^2.3", "*", ">=2.0, <4.0"])))
            entries.append((version, deps))
        registry[name] = entries
    return registry


class MemoryProvider:
    def __init__(self, registry: dict[str, list[tuple[Version, list[tuple[str, str]]]]]) -> None:
        self.registry = registry

    def candidates(self, name: str) -> list[Candidate]:
        return [Candidate(v, tuple((d, VersionReq.parse(r)) for d, r in deps)) for v, deps in self.registry.get(name, [])]


def root_deps(seed: int, packages: int, direct: int) -> list[tuple[str, str]]:
    rng = random.Random(seed + 1)
    chosen = rng.sample(range(packages), direct)
    return [(f"p{i:04d}", rng.choice(["*", ">=1.0", "^1.0", "^2.0", "^3.0", "^4.0"])) for i in sorted(chosen)]


def write_local_registry(root: Path, registry: dict[str, list[tuple[Version, list[tuple[str, str]]]]]) -> str:
    """Index documents only: resolution never needs archives."""
    url = init_registry(root, "bench")
    for name, entries in registry.items():
        index = PackageIndex(name, tuple(
            IndexVersion(v, "0" * 64, tuple(IndexDep(d, VersionReq.parse(r)) for d, r in deps)) for v, deps in entries
        ))
        (root / "index" / f"{name}.json").write_text(json.dumps(index.to_json()))
    return url


def timed(label: str, action) -> tuple[float, Resolution]:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.3f} s resolving {len(result.versions)} packages "
          f"({elapsed / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:.0f} s target)")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--packages", type=int, default=2000)
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--direct", type=int, default=50)
    args = parser.parse_args()
    registry = synthetic_registry(args.seed, args.packages, args.versions)
    deps = root_deps(args.seed, args.packages, args.direct)
    root = Candidate(Version(1, 0, 0), tuple((d, VersionReq.parse(r)) for d, r in deps))
    print(f"registry: {args.packages} packages x {args.versions} versions, root with {len(deps)} direct dependencies")
    _, memory = timed("in-memory source", lambda: resolve("root", root, MemoryProvider(registry)))
    with tempfile.TemporaryDirectory() as tmp:
        url = write_local_registry(Path(tmp) / "registry", registry)
        text = "[package]\nname = \"root\"\nversion = \"1.0.0\"\n[dependencies]\n" + "".join(
            f'{d} = "{r}"\n' for d, r in deps)
        manifest = parse_manifest(text, Path(tmp) / "Vais.toml")
        provider = SourceProvider(manifest, RegistryConfig(url, {}), url, SourceConfig(Path(tmp) / "home"))
        _, local = timed("local directory registry (file://)",
                         lambda: resolve("root", provider.root_candidate, provider))
    assert local.versions == memory.versions, "both sources must give the same resolution"


if __name__ == "__main__":
    main()
