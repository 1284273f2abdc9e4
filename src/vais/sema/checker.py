"""The body checker: `M` (match) with exhaustiveness, and checking of whole function bodies."""

from __future__ import annotations

from vais.sema import codes
from vais.sema.check_core import Frame
from vais.sema.check_expr import ExprChecker
from vais.sema.check_patterns import PatternChecker
from vais.sema.exhaustive import Exhaustiveness, render
from vais.sema.items import FnInfo
from vais.sema.program import TemplateInstance
from vais.sema.types import BOOL, NEVER, UNIT, ErrorType, InferVar, Type, prune, strip_refs
from vais.sema.unify import unify
from vais.syntax import ast
from vais.syntax.source import Span


class BodyChecker(PatternChecker):
    current_fn: FnInfo | None = None
    template: TemplateInstance | None = None

    def _check_Match(self, e: ast.Match, expected: Type | None, used: bool) -> Type:
        scrutinee = self.check(e.scrutinee)
        pattern_errors = 0

        def arm(a: ast.MatchArm) -> Type:
            nonlocal pattern_errors
            self.push_scope()
            before = self.ctx.error_count
            top = strip_refs(scrutinee) if isinstance(a.pattern, ast.IdentPat) else scrutinee  # `M r { x => }`
            self.check_pattern(a.pattern, top)
            pattern_errors += self.ctx.error_count - before
            if a.guard is not None:
                self.check_as(a.guard, BOOL)
            ty = self.check(a.body, expected, used)
            self.pop_scope()
            return ty

        bodies = [(a.body, a) for a in e.arms]
        arms_by_body = {id(a.body): a for a in e.arms}
        result = self.join_branches(bodies, expected, used, checker=lambda body: arm(arms_by_body[id(body)]))
        if not e.arms:
            result = NEVER
        if not pattern_errors and not isinstance(prune(scrutinee), ErrorType):
            self.check_exhaustive(e, scrutinee)  # (after a bad pattern it would only add noise)
        return result

    def check_exhaustive(self, e: ast.Match, scrutinee: Type) -> None:
        ex = Exhaustiveness(self.ctx.type_info("Vec"))
        rows = []
        for a in e.arms:
            pat = ex.lower(a.pattern, scrutinee)
            synthetic = a.pattern.span is e.span  # the `_ => false` of a `matches!(...)`
            if rows is not None and not synthetic and not ex.useful(rows, [pat], [scrutinee]):
                if e.sugar is not None:  # the `_` arm of an `I let` / `LW let`
                    first = e.arms[0].pattern
                    self.ctx.warning(codes.UNREACHABLE_ARM, "irrefutable `let` pattern", first.span,
                                     "this pattern always matches", help="bind it directly: `pattern := value`")
                    continue
                self.ctx.warning(codes.UNREACHABLE_ARM, "unreachable pattern", a.pattern.span,
                                 "this arm can never match: earlier arms cover every value it matches",
                                 help="remove this arm or move it before the arms that shadow it")
            if a.guard is None:
                rows.append([pat])
        witnesses = ex.useful(rows, [ex.lower(ast.WildcardPat(e.span), scrutinee)], [scrutinee])
        if witnesses:
            shown = [render(w[0], scrutinee, ex) for w in witnesses]
            listed = " and ".join(f"`{s}`" for s in shown[:3]) + (" and more" if len(shown) > 3 else "")
            noun = "pattern" if len(shown) == 1 else "patterns"
            help = "add a catch-all arm `_ => ...`" if shown == ["_"] else \
                f"add an arm for {listed}, or a catch-all arm `_ => ...`"
            if any(a.guard is not None for a in e.arms):
                help += " (arms with an `I` guard do not count towards exhaustiveness)"
            self.ctx.error(codes.NOT_EXHAUSTIVE, f"non-exhaustive patterns: {listed} not covered", e.span,
                           f"{noun} {listed} not covered", help=help)

    # -- whole bodies ---------------------------------------------------------------------------

    def check_function(self, fn: FnInfo, param_types: list[Type], ret: Type, decl: ast.FnDecl) -> list:
        """Check `decl`'s body with the given parameter types; returns the parameters' locals."""
        self.current_fn = fn
        frame = Frame(ret, 0, recur_name=fn.name)
        frame.returns_try = True
        frame.is_async = fn.is_async
        self.frames.append(frame)
        params = []
        for p, ty in zip(decl.params, param_types, strict=True):
            if p.self_kind is not None:
                params.append(self.declare("self", ty, p.mutable, p.span, "self"))
            elif p.pattern is not None:
                self.bind_irrefutable(p.pattern, ty, p.mutable, kind="param")
            else:
                params.append(self.declare(p.name, ty, p.mutable, p.span, "param"))
        body = decl.body
        if body is not None:
            returns_unit = prune(ret) is UNIT
            self.return_expected = None if returns_unit else ret
            actual = self.check(body, None if returns_unit else ret, used=not returns_unit)
            self.return_expected = None
            if not returns_unit and prune(actual) is not NEVER:
                span = body.span
                if isinstance(body, ast.Block):
                    tail = body.tail
                    span = tail.span if tail is not None else _closing_brace(body)
                    if (tail is None or isinstance(tail, (ast.While, ast.For))) and decl.ret is not None and \
                            prune(actual) is UNIT:
                        span = decl.ret.span  # no value at all: Rust's "implicitly returns `()`", at `-> T`
                if isinstance(prune(ret), InferVar):
                    unify(ret, actual)
                self.expect_type(actual, ret, span, codes.RETURN_MISMATCH)
        self.pop_scope()
        self.frames.pop()
        return params


def _closing_brace(block: ast.Block) -> Span:
    return Span(block.span.source, max(block.span.start, block.span.end - 1), block.span.end)


def _install_dispatch() -> None:
    for name in dir(ast):
        node = getattr(ast, name)
        if isinstance(node, type) and issubclass(node, ast.Expr):
            method = getattr(BodyChecker, f"_check_{name}", None)
            if method is not None:
                ExprChecker._dispatch[node] = method


_install_dispatch()
