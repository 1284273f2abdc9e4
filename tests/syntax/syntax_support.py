"""Helpers shared by the syntax tests: corpus locations, parse helpers, a compact tree printer,
and ways to run the `vais` CLI (in-process and as a subprocess)."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

from vais.syntax import ast, parse_source
from vais.syntax.diagnostics import Diagnostic

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONFORMANCE = SHARED / "conformance"
PROGRAMS = sorted((CONFORMANCE / "programs").glob("*.vais"))
SEEDS = sorted((CONFORMANCE / "seed_snippets").glob("*.vais"))
SYNTAX_ERRORS = sorted((CONFORMANCE / "errors" / "syntax").glob("*.vais"))
TYPE_ERRORS = sorted((CONFORMANCE / "errors" / "types").glob("*.vais"))
# Seed snippets that are statement sequences (seed_snippets/README.md): parsed inside a function.
FRAGMENTS = {"11_deflate.vais", "15_orm_queries.vais"}
EXPECT = re.compile(r"#\s*expect-error:\s*SYNTAX line (\d+)")


def seed_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return f"F main() {{\n{text}\n}}\n" if path.name in FRAGMENTS else text


def expected_lines(path: Path) -> list[int]:
    return sorted(int(n) for n in EXPECT.findall(path.read_text(encoding="utf-8")))


def parse_ok(text: str) -> ast.Module:
    module, diags = parse_source(text, "test.vais")
    assert not diags, "\n".join(f"{d.code} {d.span.line}:{d.span.col} {d.message}" for d in diags)
    return module


def errors(text: str) -> list[Diagnostic]:
    return parse_source(text, "test.vais")[1]


def stmts(body: str) -> list[ast.Stmt]:
    """The statements of `body` parsed inside `F main() { ... }`."""
    fn = parse_ok(f"F main() {{\n{body}\n}}\n").items[0]
    assert isinstance(fn, ast.FnDecl) and isinstance(fn.body, ast.Block)
    return fn.body.stmts


def expr(text: str) -> ast.Expr:
    """One expression, parsed as the value of a binding."""
    (stmt,) = stmts(f"__v := {text}")
    assert isinstance(stmt, ast.LetStmt)
    return stmt.value


def sx(node: object) -> str:
    """A compact s-expression of a tree, for readable assertions about its shape."""
    if node is None:
        return "_"
    if isinstance(node, list):
        return " ".join(sx(x) for x in node)
    if isinstance(node, str):
        return repr(node)
    match node:
        case ast.Name(name=name):
            return name
        case ast.IntLit(text=text) | ast.FloatLit(text=text) | ast.DurationLit(text=text):
            return text
        case ast.BoolLit(value=value):
            return str(value).lower()
        case ast.CharLit(value=value):
            return repr(value)
        case ast.StrLit(parts=parts):
            return "(str " + " ".join(sx(p) for p in parts) + ")" if not node.is_plain else repr(node.plain_value)
        case ast.Interpolation(expr=e, spec=spec):
            return "{" + sx(e) + (f":{spec}" if spec is not None else "") + "}"
        case ast.UnitLit():
            return "()"
        case ast.Binary(op=op, left=left, right=right):
            return f"({op} {sx(left)} {sx(right)})"
        case ast.Unary(op=op, operand=operand):
            return f"({op} {sx(operand)})"
        case ast.Assign(op=op, target=target, value=value):
            return f"({op} {sx(target)} {sx(value)})"
        case ast.Ternary(cond=c, then=t, otherwise=o):
            return f"(?: {sx(c)} {sx(t)} {sx(o)})"
        case ast.Pipe(left=left, right=right):
            return f"(|> {sx(left)} {sx(right)})"
        case ast.Range(start=s, end=e, inclusive=inc):
            return f"({'..=' if inc else '..'} {sx(s)} {sx(e)})"
        case ast.Cast(expr=e, target=t):
            return f"(as {sx(e)} {sx(t)})"
        case ast.Try(expr=e):
            return f"(try {sx(e)})"
        case ast.Unwrap(expr=e):
            return f"(unwrap {sx(e)})"
        case ast.Await(expr=e, style=style):
            return f"(await.{style} {sx(e)})"
        case ast.Spawn(expr=e):
            return f"(spawn {sx(e)})"
        case ast.Call(callee=callee, args=args):
            return f"(call {sx(callee)}{''.join(' ' + sx(a) for a in args)})"
        case ast.MethodCall(receiver=r, name=name, args=args, generic_args=g):
            turbofish = f"::<{', '.join(sx(t) for t in g)}>" if g else ""
            return f"(.{name}{turbofish} {sx(r)}{''.join(' ' + sx(a) for a in args)})"
        case ast.Field(receiver=r, name=name):
            return f"(. {sx(r)} {name})"
        case ast.Index(receiver=r, index=i):
            return f"([] {sx(r)} {sx(i)})"
        case ast.PathExpr(segments=segs, generic_args=g):
            return "::".join(s + (f"<{', '.join(sx(t) for t in args)}>" if args else "") for s, args in zip(segs, g, strict=True))
        case ast.SelfRecur():
            return "@"
        case ast.TupleLit(elems=elems):
            return f"(tuple {sx(elems)})"
        case ast.ArrayLit(elems=elems):
            return f"[{sx(elems)}]"
        case ast.ArrayRepeat(value=v, count=c):
            return f"[{sx(v)}; {sx(c)}]"
        case ast.StructLit(segments=segs, fields=fields, base=base):
            inits = " ".join(f.name + (f":{sx(f.value)}" if f.value is not None else "") for f in fields)
            return f"(struct {'::'.join(segs)} {inits}{' ..' + sx(base) if base is not None else ''})"
        case ast.Closure(params=params, body=body, is_move=is_move):
            ps = ",".join(sx(p.pattern) + (f":{sx(p.ty)}" if p.ty else "") for p in params)
            return f"({'move ' if is_move else ''}|{ps}| {sx(body)})"
        case ast.MacroCall(name=name, args=args, semicolon_after=semi):
            shown = [(a.name + "=" if a.name else "") + sx(a.value) for a in args]
            if semi is not None:
                shown.insert(semi + 1, ";")
            return f"({name}! {' '.join(shown)})"
        case ast.Block(stmts=body):
            return "{" + "; ".join(sx(s) for s in body) + "}"
        case ast.ExprStmt(expr=e, semicolon=semi):
            return sx(e) + (";" if semi else "")
        case ast.LetStmt(pattern=p, ty=ty, value=v, mutable=m, loop_prefix=lp):
            return f"(let{' L' if lp else ''}{' mut' if m else ''} {sx(p)}{':' + sx(ty) if ty else ''} {sx(v)})"
        case ast.DeferStmt(expr=e):
            return f"(defer {sx(e)})"
        case ast.If(cond=c, then=t, otherwise=o):
            return f"(if {sx(c)} {sx(t)}{' ' + sx(o) if o is not None else ''})"
        case ast.Match(scrutinee=s, arms=arms):
            shown = " ".join(f"[{sx(a.pattern)}{' if ' + sx(a.guard) if a.guard else ''} => {sx(a.body)}]" for a in arms)
            return f"(match {sx(s)} {shown})"
        case ast.Loop(body=b):
            return f"(loop {sx(b)})"
        case ast.While(cond=c, body=b):
            return f"(while {sx(c)} {sx(b)})"
        case ast.For(pattern=p, iterable=it, body=b, style=style):
            return f"(for{style} {sx(p)} {sx(it)} {sx(b)})"
        case ast.Break(value=v):
            return f"(break {sx(v)})" if v is not None else "(break)"
        case ast.Continue():
            return "(continue)"
        case ast.Return(value=v):
            return f"(return {sx(v)})" if v is not None else "(return)"
        # patterns
        case ast.WildcardPat():
            return "_"
        case ast.IdentPat(name=name, mutable=m, sub=sub):
            return ("mut " if m else "") + name + (f" @ {sx(sub)}" if sub is not None else "")
        case ast.LiteralPat(value=v):
            return sx(v)
        case ast.RangePat(lo=lo, hi=hi, inclusive=inc):
            return f"{sx(lo)}{'..=' if inc else '..'}{sx(hi)}"
        case ast.TuplePat(elems=elems):
            return f"(tuple {sx(elems)})"
        case ast.PathPat(segments=segs):
            return "::".join(segs)
        case ast.TupleStructPat(segments=segs, elems=elems):
            return f"({'::'.join(segs)} {sx(elems)})"
        case ast.StructPat(segments=segs, fields=fields, has_rest=rest):
            shown = " ".join(f.name + (f":{sx(f.pattern)}" if f.pattern else "") for f in fields)
            return f"(struct {'::'.join(segs)} {shown}{' ..' if rest else ''})"
        case ast.OrPat(alts=alts):
            return "(| " + " ".join(sx(a) for a in alts) + ")"
        case ast.SlicePat(elems=elems):
            return f"[{sx(elems)}]"
        case ast.RestPat():
            return ".."
        case ast.RefPat(inner=inner):
            return f"&{sx(inner)}"
        # types
        case ast.PathType(segments=segs, args=args):
            return "::".join(segs) + (f"<{', '.join(sx(a) for a in args)}>" if args else "")
        case ast.TupleType(elems=elems):
            return f"({', '.join(sx(e) for e in elems)})"
        case ast.ArrayType(elem=e, size=size):
            return f"[{sx(e)}{'; ' + sx(size) if size is not None else ''}]"
        case ast.RefType(inner=inner, mutable=m):
            return f"&{'mut ' if m else ''}{sx(inner)}"
        case ast.PtrType(inner=inner):
            return f"*{sx(inner)}"
        case ast.FnType(params=params, ret=ret, closure_syntax=cs, style=style):
            inner = ", ".join(sx(p) for p in params)
            head = f"|{inner}|" if cs else f"{style or 'fn'}({inner})"
            return head + (f" -> {sx(ret)}" if ret is not None else "")
        case ast.OptionalType(inner=inner):
            return f"{sx(inner)}?"
        case ast.DynType(bounds=bounds):
            return "dyn " + " + ".join(sx(b) for b in bounds)
        case ast.NeverType():
            return "!"
        case ast.InferType():
            return "_"
    return type(node).__name__


def run_vais(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `vais ARGS` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "vais.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def vais_in_process(*args: str) -> tuple[int, str, str]:
    """Run `vais ARGS` in this process: (exit code, stdout, stderr)."""
    from vais.cli import main as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()
