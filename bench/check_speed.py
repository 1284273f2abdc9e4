"""`vais check` throughput on a generated ~50 000-line multi-module project.

The project is built from the conformance programs (../shared/conformance/programs): every program
is adapted by renaming its top-level items with a per-copy suffix (so many copies can share one
module), copies are concatenated into ~20 modules of ~2 500 lines, and `src/main.vais` imports them
all and calls each module's `run()`. The whole `vais check` pipeline (module loading, parsing,
macro expansion, type checking, exhaustiveness, monomorphisation) then runs in-process on the
project directory; the parse time of the same files is measured alone as a baseline.
Prints lines/s and the ratio to the 25 000 lines/s target.
Run: `python bench/check_speed.py [--lines N] [--modules N] [--repeat N] [--profile N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import re
import tempfile
import time
from pathlib import Path

from vais.cli import cmd_check
from vais.sema import analyse
from vais.syntax import ast, parse_source

TARGET_LINES_PER_SECOND = 25_000
PROGRAMS = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "programs"
PRELUDE = Path(__file__).resolve().parents[1] / "src" / "vais" / "std" / "prelude.vais"
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Template:
    """A conformance program whose top-level items can be renamed: `render(tag)` gives a copy."""

    def __init__(self, name: str, text: str, renamed: set[str]):
        self.name = name
        lines = text.splitlines()
        self.uses = [ln for ln in lines if ln.startswith("U ")]
        body = "\n".join(ln for ln in lines if not ln.startswith("U "))
        self.pattern = re.compile(r"(?<![.\w])(" + "|".join(sorted(renamed, key=len, reverse=True)) + r")(?!\w)")
        self.body = body
        self.lines = body.count("\n") + 1

    def render(self, tag: str) -> str:
        return self.pattern.sub(lambda m: f"{m.group(1)}_{tag}", self.body)


def item_names(module: ast.Module) -> tuple[set[str], set[str]]:
    """(top-level item and variant names, member names: methods and fields, which are never renamed)."""
    items: set[str] = set()
    members: set[str] = set()
    for item in module.items:
        if isinstance(item, (ast.FnDecl, ast.StructDecl, ast.EnumDecl, ast.TraitDecl, ast.TypeAlias, ast.ConstDecl,
                             ast.GlobalDecl, ast.MacroDecl)):
            items.add(item.name)
        if isinstance(item, ast.EnumDecl):
            items.update(v.name for v in item.variants)
            members.update(f.name for v in item.variants for f in v.struct_fields or [])
        if isinstance(item, ast.StructDecl):
            members.update(f.name for f in item.fields)
        for method in getattr(item, "methods", None) or []:
            members.add(method.name)
    return items, members


def templates() -> list[Template]:
    """Every conformance program that stays clean when its items are renamed."""
    reserved = set(IDENT.findall(PRELUDE.read_text(encoding="utf-8")))
    out = []
    for path in sorted(PROGRAMS.glob("*.vais")):
        text = path.read_text(encoding="utf-8")
        module, diags = parse_source(text, str(path))
        items, members = item_names(module)
        called_as_member = set(re.findall(r"\.([A-Za-z_]\w*)", text))
        if diags or items & (members | reserved | called_as_member):
            continue  # a renamed item would also rename a method, field or std name
        template = Template(path.stem, text, items)
        probe = "\n".join(template.uses) + "\n" + template.render("probe") + "\n"
        result = analyse(Path(f"{path.stem}.vais"), text=probe)
        if result.ok:
            out.append(template)
    return out


def generate(root: Path, total_lines: int, modules: int) -> tuple[int, int]:
    """Write the project under `root`; returns (lines, files)."""
    pool = templates()
    if not pool:
        raise SystemExit(f"no usable conformance programs under {PROGRAMS}")
    src = root / "src"
    src.mkdir(parents=True)
    (root / "Vais.toml").write_text('[package]\nname = "bench"\nversion = "0.1.0"\n', encoding="utf-8")
    per_module = total_lines // modules
    written = 0
    next_template = 0
    for m in range(modules):
        uses: list[str] = []
        parts: list[str] = []
        mains: list[str] = []
        lines = 0
        copy = 0
        while lines < per_module:
            template = pool[next_template % len(pool)]
            next_template += 1
            tag = f"m{m}c{copy}"
            copy += 1
            parts.append(template.render(tag))
            uses += [u for u in template.uses if u not in uses]
            mains.append(f"main_{tag}")
            lines += template.lines
        run = "P F run() {\n" + "".join(f"    _ := {name}()\n" for name in mains) + "}\n"
        text = "\n".join(uses) + "\n\n" + "\n\n".join(parts) + "\n\n" + run
        (src / f"gen{m:02d}.vais").write_text(text, encoding="utf-8")
        written += text.count("\n")
    main = "".join(f"U gen{m:02d}\n" for m in range(modules))
    main += "\nF main() {\n" + "".join(f"    gen{m:02d}::run()\n" for m in range(modules)) + "}\n"
    (src / "main.vais").write_text(main, encoding="utf-8")
    return written + main.count("\n"), modules + 1


def check(project: Path) -> tuple[float, int, int]:
    """Run `vais check PROJECT` in-process: (seconds, exit code, error count)."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cmd_check.check_paths([str(project)], "json")
    elapsed = time.perf_counter() - start
    return elapsed, code, out.getvalue().count('"severity": "error"')


def parse_only(project: Path) -> float:
    start = time.perf_counter()
    for path in sorted((project / "src").glob("*.vais")):
        parse_source(path.read_text(encoding="utf-8"), str(path))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000, help="approximate size of the program")
    parser.add_argument("--modules", type=int, default=20, help="generated modules imported by main")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (the best one is reported)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N hottest functions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vais-check-bench-") as tmp:
        project = Path(tmp) / "bench"
        lines, files = generate(project, args.lines, args.modules)
        print(f"generated {lines} lines in {files} modules under {project}")
        runs = [check(project) for _ in range(args.repeat)]
        best, code, errors = min(runs)
        if code != 0:
            raise SystemExit(f"the generated program does not check clean: exit {code}, {errors} errors")
        parse = min(parse_only(project) for _ in range(args.repeat))
        rate = lines / best
        print(f"vais check: {best:.3f} s (best of {args.repeat}) = {rate:,.0f} lines/s, "
              f"ratio to the {TARGET_LINES_PER_SECOND:,} lines/s target: {rate / TARGET_LINES_PER_SECOND:.2f}")
        print(f"baseline, parsing alone: {parse:.3f} s = {lines / parse:,.0f} lines/s "
              f"({parse / best:.0%} of the check); semantic analysis: {best - parse:.3f} s")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            check(project)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
