"""Module loading: the prelude, std modules, project modules and dependencies, following `U`.

Paths: `U std/x` is `<std>/x.vais`; `U dep/x` is `<dependency root>/x.vais` (`U dep` is the
dependency's `lib.vais`); anything else is relative to the project's source root (`U a/b` →
`a/b.vais` or `a/b/mod.vais`), which is the entry file's directory outside a project. `/` and `::`
are the same separator.
"""

from __future__ import annotations

from pathlib import Path

from vais.sema import codes
from vais.sema.context import SemaContext, did_you_mean
from vais.sema.items import ModuleInfo
from vais.sema.resolve import RUST_STD_MODULES
from vais.syntax import ast
from vais.syntax.diagnostics import Diagnostic, Label, Severity
from vais.syntax.files import read_source

STD_DIR = Path(__file__).resolve().parent.parent / "std"
PRELUDE = "prelude"


class ModuleLoader:
    def __init__(self, ctx: SemaContext, source_root: Path | None, dependency_roots: dict[str, Path] | None = None):
        self.ctx = ctx
        self.source_root = source_root
        self.dependency_roots = dependency_roots or {}
        self.modules: dict[str, ModuleInfo] = {}
        self.by_path: dict[str, ModuleInfo] = {}
        self.use_targets: dict[int, ModuleInfo] = {}
        self.syntax_errors = 0
        self._loading: list[ModuleInfo] = []
        self._using: list[ast.UseDecl] = []  # the `U` being followed in each module of `_loading`
        self.order: list[ModuleInfo] = []

    # -- entry points ---------------------------------------------------------------------------

    def load_prelude(self) -> ModuleInfo:
        prelude = self._load_std(PRELUDE)
        assert prelude is not None, "the std prelude is missing"
        self.ctx.prelude = prelude
        return prelude

    def load_entry(self, path: Path, text: str | None = None, name: str = "main") -> ModuleInfo:
        if self.source_root is None:  # without a project, the entry's directory is the root of every import
            self.source_root = path.parent
        return self._load(name, path, text, is_std=False)

    # -- loading --------------------------------------------------------------------------------

    def _load(self, name: str, path: Path, text: str | None, is_std: bool) -> ModuleInfo:
        from vais.syntax import parse_source

        key = str(path.resolve()) if text is None else f"{path}#inline"
        existing = self.by_path.get(key)
        if existing is not None:
            return existing
        if text is None:
            text, not_utf8 = read_source(path)
            if not_utf8 is not None:  # one error, not one per undecodable byte; nothing of it is parsed
                self._take_syntax([not_utf8])
                text = ""
        module_ast, diags = parse_source(text, str(path))
        self._take_syntax(diags)
        info = ModuleInfo(name, str(path), module_ast, is_std=is_std)
        self.by_path[key] = info
        self.modules[name] = info
        self.ctx.modules[name] = info
        self._expand_macros(info)
        self._loading.append(info)
        try:
            for item in module_ast.items:
                if isinstance(item, ast.UseDecl):
                    self._using.append(item)
                    try:
                        target = self.resolve_use(info, item)
                    finally:
                        self._using.pop()
                    if target is not None:
                        self.use_targets[id(item)] = target
        finally:
            self._loading.pop()
        self.order.append(info)  # post-order: a module comes after everything it imports
        return info

    def _take_syntax(self, diags: list[Diagnostic]) -> None:
        for d in diags:
            self.ctx.diagnostics.append(d)
            if d.severity is Severity.ERROR:
                self.syntax_errors += 1

    def _expand_macros(self, info: ModuleInfo) -> None:
        from vais.syntax import expand_macros

        self._take_syntax(expand_macros(info.ast))

    def _load_std(self, name: str) -> ModuleInfo | None:
        path = STD_DIR / f"{name}.vais"
        if not path.is_file():
            return None
        return self._load(f"std/{name}", path, None, is_std=True)

    def resolve_use(self, module: ModuleInfo, use: ast.UseDecl) -> ModuleInfo | None:
        segments = list(use.path)
        if segments and segments[0] == "std":
            target = self._load_std("/".join(segments[1:])) if len(segments) > 1 else None
            if target is None and len(segments) > 1:
                target = self._rust_std_use(use, segments)
            if target is None:
                self._unknown(use, "/".join(segments), sorted(p.stem for p in STD_DIR.glob("*.vais")))
            return self._guard_cycle(module, use, target)
        if segments and segments[0] in self.dependency_roots:
            root = self.dependency_roots[segments[0]]
            rest = segments[1:] or ["lib"]
            path = root.joinpath(*rest[:-1], rest[-1] + ".vais")
            if not path.is_file():
                self._unknown(use, "/".join(segments), sorted(p.stem for p in root.glob("*.vais")))
                return None
            return self._guard_cycle(module, use, self._load("/".join(segments), path, None, False))
        base = self.source_root or Path(module.path).parent
        for candidate in (base.joinpath(*segments[:-1], segments[-1] + ".vais"), base.joinpath(*segments, "mod.vais")):
            if candidate.is_file():
                target_name = "/".join(segments)
                existing = self.by_path.get(str(candidate.resolve()))
                if existing is not None:
                    return self._guard_cycle(module, use, existing)
                return self._guard_cycle(module, use, self._load(target_name, candidate, None, False))
        options = sorted(p.stem for p in base.glob("*.vais")) + sorted(self.dependency_roots)
        self._unknown(use, "/".join(segments), options)
        return None

    def _rust_std_use(self, use: ast.UseDecl, segments: list[str]) -> ModuleInfo | None:
        """Rust's spellings of std imports: `U std::collections::HashMap` (an item after the module path)
        is `U std/collections.{HashMap}`, and a module of Rust's std whose items are in the prelude
        (`U std::fmt`, `U std::process`, `U std::cmp::Ordering`) imports from the prelude."""
        parent = segments[1:-1] if use.names is None else segments[1:]
        if use.names is None and len(segments) == 2 and segments[1] in RUST_STD_MODULES:
            return self.ctx.prelude  # `U std::fmt` for `fmt::Display`
        if not parent:
            return None
        target = self._load_std("/".join(parent))
        if target is None and len(parent) == 1 and parent[0] in RUST_STD_MODULES:
            target = self.ctx.prelude
        if target is not None and use.names is None:
            use.path, use.names = segments[:-1], [segments[-1]]
        return target if use.names is not None else None

    def _guard_cycle(self, module: ModuleInfo, use: ast.UseDecl, target: ModuleInfo | None) -> ModuleInfo | None:
        if target is None:
            return None
        if target in self._loading:
            start = self._loading.index(target)
            chain = [m.name for m in self._loading[start:]] + [target.name]
            # reported at the checked file's own `U` that leads into the cycle (as Go does), where the
            # reader can act; the `U` that closes the cycle is a secondary label
            entry_use = self._using[0] if self._using else use
            closing = [] if entry_use is use else [
                Label(use.span, f"`{module.name}` imports `{target.name}` here, which closes the cycle")]
            self.ctx.error(codes.IMPORT_CYCLE, f"import cycle: {' → '.join(chain)}", entry_use.span,
                           f"`{module.name}` imports `{target.name}` here, which closes the cycle" if not closing
                           else "this import leads into the cycle",
                           help="move the shared items into a third module that both import", secondary=closing)
            return target
        return target

    def _unknown(self, use: ast.UseDecl, name: str, options: list[str]) -> None:
        self.ctx.error(codes.UNKNOWN_MODULE, f"cannot find module `{name}`", use.span, "no such module",
                       help=did_you_mean(name.split("/")[-1], options) or
                       "modules are files relative to the source root (`U a/b` is `a/b.vais`); "
                       "std modules start with `std/`")

