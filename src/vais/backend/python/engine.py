"""The Python engine's front door: check a program, compile it (or take it from the cache)."""

from __future__ import annotations

from vais.backend.python.cache import BytecodeCache
from vais.backend.python.cached_warnings import pack, unpack

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from vais.backend.python.launch import CompiledProgram
    from vais.syntax.diagnostics import Diagnostic


class Build:
    __slots__ = ("cached", "compiled", "diagnostics")

    def __init__(self, compiled: CompiledProgram | None, diagnostics: list[Diagnostic], cached: bool = False):
        self.compiled = compiled
        self.diagnostics = diagnostics
        self.cached = cached


def build(entry: Path, source_root: Path | None = None, dependency_roots: dict[str, Path] | None = None,
          use_cache: bool = True) -> Build:
    """Compile the program whose entry module is `entry`; diagnostics come back on failure (and
    warnings on success, also when the build comes from the cache)."""
    context = {"root": str(source_root) if source_root else None,
               "deps": {k: str(v) for k, v in sorted((dependency_roots or {}).items())}}
    cache = BytecodeCache() if use_cache else None
    if cache is not None:
        hit = cache.lookup(entry, context)
        if hit is not None:
            compiled, warnings = hit
            try:
                return Build(compiled, unpack(warnings), cached=True)
            except (OSError, ValueError, TypeError, IndexError):
                pass  # a warning that no longer fits its file: compile again
    import time
    from pathlib import Path

    from vais.backend.python.compile import compile_program
    from vais.sema import analyse

    started_ns = time.time_ns()
    analysis = analyse(Path(entry), source_root=Path(source_root) if source_root else None,
                       dependency_roots=dependency_roots)
    if not analysis.ok:
        return Build(None, analysis.diagnostics)
    compiled = compile_program(analysis.program, analysis.sema)  # type: ignore[arg-type]
    if cache is not None:
        sources = [m.path for m in analysis.program.modules if not m.is_std]  # type: ignore[union-attr]
        cache.store(entry, context, sources, compiled, started_ns, [pack(d) for d in analysis.diagnostics])
    return Build(compiled, analysis.diagnostics)
