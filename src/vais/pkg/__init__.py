"""The package manager: manifest, semver, resolver, lock file, sources, cache.

Only the compiler hook is imported here, so that `vais run` can ask for dependency roots without
loading the rest of the package manager.
"""

from vais.pkg.roots import dependency_source_roots

__all__ = ["dependency_source_roots"]
