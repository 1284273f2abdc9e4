"""Checking of statements and of non-call expressions: literals, names, operators, casts,
blocks, conditionals, loops, jumps, indexing and fields."""

from __future__ import annotations

from vais.sema import codes
from vais.sema.check_core import BodyCheckerBase, LoopFrame
from vais.sema.context import did_you_mean
from vais.sema.items import ConstInfo, FnInfo, TypeInfo, VariantInfo
from vais.sema.program import (
    CompoundRes,
    ConstRes,
    FieldRes,
    LiteralRes,
    MethodRes,
    OperatorRes,
    PipeRes,
    StructRes,
    VariantRes,
)
from vais.sema.rust_refs import reads_like_rust_reference, yields_rust_reference
from vais.sema.traits import MethodCandidate
from vais.sema.types import (
    BOOL,
    CHAR,
    ERROR,
    F32,
    F64,
    NEVER,
    PRIMS,
    STR,
    UNIT,
    Adt,
    Dyn,
    ErrorType,
    FnType,
    InferVar,
    Param,
    Prim,
    Ptr,
    Ref,
    TraitRef,
    Tuple,
    Type,
    int_range,
    int_widens_to,
    is_float,
    is_int,
    is_iterator,
    is_numeric,
    prune,
    strip_refs,
    subst,
    zonk,
)
from vais.sema.unify import unify
from vais.syntax import ast
from vais.syntax.diagnostics import Label

# What the error for a non-function item inside a body calls it.
_ITEM_WORDS = {"StructDecl": "struct", "EnumDecl": "enum", "TraitDecl": "trait", "ImplDecl": "impl",
               "TypeAlias": "type alias", "ConstDecl": "constant", "GlobalDecl": "global", "UseDecl": "`U` import",
               "MacroDecl": "macro", "ExternBlock": "extern block"}
_ARITH = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "rem"}
# operator method -> its trait; `a += b` first tries the trait + "Assign" (`AddAssign::add_assign`)
_OP_TRAIT = {"add": "Add", "sub": "Sub", "mul": "Mul", "div": "Div", "rem": "Rem"}
_BITWISE = {"&", "|", "^"}
_SHIFTS = {"<<", ">>"}
_COMPARE = {"<", ">", "<=", ">="}
_EQUALITY = {"==", "!="}
# (left type, operator) -> [(right operand: a type name or "int", result type name)]
_TIME_ARITH: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("Duration", "+"): [("Duration", "Duration")],
    ("Duration", "-"): [("Duration", "Duration")],
    ("Duration", "*"): [("int", "Duration")],
    ("Duration", "/"): [("int", "Duration")],
    ("Instant", "+"): [("Duration", "Instant")],
    ("Instant", "-"): [("Instant", "Duration"), ("Duration", "Instant")],
}


class ExprChecker(BodyCheckerBase):
    """Statements and most expressions; calls live in `CallChecker`, patterns in `PatternChecker`."""

    _dispatch: dict[type, object] = {}  # ast class -> `_check_<Class>` method, filled by checker.py

    def check(self, e: ast.Expr, expected: Type | None = None, used: bool = True) -> Type:
        e.res = None
        method = self._dispatch.get(type(e))
        if method is None:
            self.ctx.error(codes.BAD_OPERAND, f"unsupported expression `{type(e).__name__}`", e.span, "")
            ty: Type = ERROR
        else:
            ty = method(self, e, expected, used)  # type: ignore[operator]
        e.ty = ty
        self.annotated.append(e)
        return ty

    def check_as(self, e: ast.Expr, expected: Type, code: str = codes.MISMATCH) -> Type:
        """Check `e` against `expected`, reporting `code` on a mismatch; returns the actual type."""
        actual = self.check(e, expected)
        self.expect_type(actual, expected, e.span, code)
        return actual

    # -- statements -----------------------------------------------------------------------------

    def check_block_items(self, block: ast.Block, expected: Type | None, used: bool) -> Type:
        items = self.declare_block_fns(block)
        try:
            return self.check_block_stmts(block, expected, used)
        finally:
            if items:
                self.block_items.pop()

    def declare_block_fns(self, block: ast.Block) -> bool:
        """Nested `F` items are visible in their whole block (so callable before their definition, by
        each other and by themselves); like Rust's, they capture nothing of the enclosing function."""
        fns = [s.item for s in block.stmts if isinstance(s, ast.ItemStmt) and isinstance(s.item, ast.FnDecl)]
        if not fns:
            return False
        items: dict[str, FnInfo] = {}
        self.block_items.append(items)
        for decl in fns:
            if decl.name in items:
                self.ctx.error(codes.DUPLICATE_DEFINITION, f"the name `{decl.name}` is defined multiple times",
                               decl.name_span, f"`{decl.name}` redefined here",
                               secondary=[Label(items[decl.name].decl.name_span, f"previous definition of "
                                                                                  f"`{decl.name}` here")],
                               help=f"rename one of the two functions `{decl.name}`")
                continue
            items[decl.name] = self.sema.collector.nested_fn(self.module, decl, self.block_items)
        return True

    def check_block_stmts(self, block: ast.Block, expected: Type | None, used: bool) -> Type:
        tail = block.tail
        diverges = warned = False
        for stmt in block.stmts:
            if stmt is not None and tail is not None and isinstance(stmt, ast.ExprStmt) and stmt.expr is tail:
                break
            if diverges and not warned:
                warned = self.warn_unreachable(stmt)
            if self.check_stmt(stmt):
                diverges = True
        if tail is not None:
            if diverges and not warned:
                self.warn_unreachable(tail)
            ty = self.check(tail, expected, used)
            return NEVER if diverges and not used else ty
        return NEVER if diverges else UNIT

    def warn_unreachable(self, node: ast.Node) -> bool:
        self.ctx.warning(codes.UNREACHABLE_CODE, "unreachable code", node.span,
                         "this never runs: the code before it always returns, breaks or panics",
                         help="remove it, or move it before the `R`, `B`, `C` or panic")
        return True

    def check_stmt(self, stmt: ast.Stmt) -> bool:
        """Check one statement; True when it certainly diverges (return, break, panic...)."""
        if isinstance(stmt, ast.ExprStmt):
            return prune(self.check(stmt.expr, None, used=False)) is NEVER
        if isinstance(stmt, ast.LetStmt):
            return self.check_let(stmt)
        if isinstance(stmt, ast.DeferStmt):
            self.check(stmt.expr, None, used=False)
            return False
        if isinstance(stmt, ast.ItemStmt):
            item = stmt.item
            if isinstance(item, ast.FnDecl):
                fn = self.lookup_block_fn(item.name)
                if fn is not None and fn.decl is item:  # (not a duplicate, already reported)
                    fn.outer_locals = frozenset(name for scope in self.scopes for name in scope)
                    if not fn.is_template and item.body is not None:
                        self.sema.check_fn(fn)  # (a template is checked per call, like a top-level one)
                return False
            what = _ITEM_WORDS.get(type(item).__name__, "item")
            self.ctx.error(codes.BAD_OPERAND, f"a {what} cannot be declared inside a function body", stmt.span,
                           "only `F` items may be nested",
                           help=f"move this {what} to the top level of the module")
        return False

    def lookup_block_fn(self, name: str) -> FnInfo | None:
        for items in reversed(self.block_items):
            found = items.get(name)
            if found is not None:
                return found
        return None

    def check_let(self, stmt: ast.LetStmt) -> bool:
        if stmt.ty is not None:
            declared = self.types.resolve(stmt.ty, self.scope_for_body())
            actual = self.check(stmt.value, declared)
            self.expect_type(actual, declared, stmt.value.span)
            ty = declared
        else:
            ty = self.check(stmt.value)
        self.bind_irrefutable(stmt.pattern, ty, stmt.mutable)
        if isinstance(stmt.pattern, ast.IdentPat) and yields_rust_reference(stmt.value):
            local = self.find_local(stmt.pattern.name)
            if local is not None:
                local.rust_ref = True
        return prune(ty) is NEVER

    def scope_for_body(self):
        scope = self.scope
        if not scope.allow_infer:
            scope = type(scope)(scope.module, scope.generics, scope.self_type, True)
        return scope

    # -- literals -------------------------------------------------------------------------------

    def _check_IntLit(self, e: ast.IntLit, expected: Type | None, used: bool) -> Type:
        if e.suffix:
            ty: Type = PRIMS.get(e.suffix, ERROR)
            if ty is ERROR:
                self.ctx.error(codes.MISMATCH, f"invalid suffix `{e.suffix}` for an integer literal", e.span, "")
        else:
            exp = prune(expected) if expected is not None else None
            if isinstance(exp, Ref):
                exp = prune(exp.inner)
            if (isinstance(exp, Prim) and exp.kind == "int") or (isinstance(exp, InferVar) and exp.kind == "int"):
                ty = exp
            else:
                ty = self.fresh("int")
        self.pending_literals.append((e, ty))
        return ty

    def _check_FloatLit(self, e: ast.FloatLit, expected: Type | None, used: bool) -> Type:
        if e.suffix:
            return F32 if e.suffix == "f32" else F64
        exp = prune(expected) if expected is not None else None
        if isinstance(exp, Prim) and exp.kind == "float":
            return exp
        if isinstance(exp, InferVar) and exp.kind == "float":
            return exp
        return self.fresh("float")

    def _check_BoolLit(self, e, expected, used) -> Type:
        return BOOL

    def _check_CharLit(self, e, expected, used) -> Type:
        return CHAR

    def _check_UnitLit(self, e, expected, used) -> Type:
        return UNIT

    def _check_DurationLit(self, e, expected, used) -> Type:
        return Adt(self.ctx.type_info("Duration"))

    def _check_StrLit(self, e: ast.StrLit, expected: Type | None, used: bool) -> Type:
        for part in e.parts:
            if isinstance(part, ast.Interpolation) and part.expr is not None:
                self.require_printable(self.check(part.expr), part.expr.span)
        return STR

    def require_printable(self, ty: Type, span) -> None:
        """Every value prints, except functions and iterators (their engine objects are no Vais value)."""
        t = strip_refs(ty)
        if isinstance(t, FnType):
            self.ctx.error(codes.BAD_FORMAT, "a function cannot be printed", span, "a function value",
                           help="print the result of calling it instead")
        elif is_iterator(t):
            self.ctx.error(codes.BAD_FORMAT, "an iterator cannot be printed", span, "an iterator",
                           help="collect it first: `.collect::<Vec<_>>()`")

    # -- names ----------------------------------------------------------------------------------

    def _check_Name(self, e: ast.Name, expected: Type | None, used: bool) -> Type:
        local = self.find_local(e.name)
        if local is not None:
            self.use_local(local, e)
            return local.ty
        found = self.lookup_value(e.name, expected, e.span)
        if found is None:
            self.unknown_name(e.name, e.span)
            return ERROR
        return self.value_type(found, e, expected)

    def lookup_value(self, name: str, expected: Type | None = None, span=None):
        """A value-namespace item visible here: module item, import, prelude item, unqualified variant.
        A variant name several enums share is resolved by the `expected` type; without one, it is
        ambiguous (reported at `span` when given)."""
        if self.block_items:
            nested = self.lookup_block_fn(name)
            if nested is not None:
                return nested
        module = self.module
        found = module.values.get(name)
        if found is not None:
            if name in module.imported:
                module.used_imports.add(name)
            return found
        prelude = self.ctx.prelude
        if prelude is not None and module is not prelude:
            found = prelude.values.get(name)
            if found is not None:
                return found
        variants = module.variants.get(name)
        if not variants and prelude is not None:
            variants = prelude.variants.get(name)
        if not variants:
            return None
        if len(variants) > 1:
            wanted = self.autoderef(expected)[0] if expected is not None else None
            for v in variants:
                if isinstance(wanted, Adt) and wanted.info is v.enum:
                    return v
            if span is not None and not isinstance(wanted, ErrorType):
                options = " or ".join(f"`{v.qualname}`" for v in variants)
                self.ctx.error(codes.UNKNOWN_NAME, f"`{name}` is ambiguous: it may be {options}", span,
                               "ambiguous variant", help=f"qualify it: `{variants[0].qualname}`")
        return variants[0]

    def unknown_name(self, name: str, span) -> None:
        fn = getattr(self, "current_fn", None)
        if fn is not None and name in fn.outer_locals and len(self.frames) <= 1:
            self.ctx.error(codes.UNKNOWN_NAME, f"the nested function `{fn.name}` cannot use `{name}`, a local "
                           "variable of the enclosing function", span, "not visible in a nested `F`",
                           help=f"pass `{name}` as a parameter, or use a closure (`{fn.name} := |...| ...`), "
                                "which captures it")
            return
        hidden = next((m for m in self.module.modules.values() if name in m.values and name not in m.pub_names), None)
        help = (f"`{hidden.name}` has a `{name}`, but it is private: mark it `P` (pub) in {hidden.path}"
                if hidden is not None else did_you_mean(name, self.visible_names()))
        self.ctx.error(codes.UNKNOWN_NAME, f"cannot find value `{name}` in this scope", span,
                       "not found in this scope", help=help)

    def value_type(self, found, e: ast.Expr, expected: Type | None) -> Type:
        """The type of an item used as a value (not called)."""
        if isinstance(found, ConstInfo):
            e.res = ConstRes(found)
            return self.sema.const_type(found)
        if isinstance(found, VariantInfo):
            return self.variant_value(found, e, expected)
        if isinstance(found, FnInfo):
            return self.fn_value(found, e, expected)
        if isinstance(found, TypeInfo):
            if found.tuple_struct:
                args = [self.fresh() for _ in found.generics]
                mapping = dict(zip(found.generics, args, strict=True))
                e.res = StructRes(found, args)
                return FnType(tuple(subst(f.ty, mapping) for f in found.fields), Adt(found, tuple(args)))
            if not found.fields and found.is_struct:
                e.res = StructRes(found, [])
                return Adt(found, ())
            self.ctx.error(codes.UNKNOWN_NAME, f"`{found.name}` is a type, not a value", e.span,
                           "expected a value", help=f"build one with `{found.name} {{ ... }}`")
            return ERROR
        return ERROR

    def variant_value(self, variant: VariantInfo, e: ast.Expr, expected: Type | None) -> Type:
        args = [self.fresh() for _ in variant.enum.generics]
        result = Adt(variant.enum, tuple(args))
        self.apply_variant_turbofish(e, args)  # `None::<i64>`, `Option::<i64>::None`
        exp = prune(expected) if expected is not None else None
        if isinstance(exp, Adt) and exp.info is variant.enum:
            unify(result, exp)
        e.res = VariantRes(variant, args)
        if variant.kind == "unit":
            return result
        if variant.kind == "tuple":
            mapping = dict(zip(variant.enum.generics, args, strict=True))
            return FnType(tuple(subst(f.ty, mapping) for f in variant.fields), result)
        self.ctx.error(codes.MISMATCH, f"the struct variant `{variant.qualname}` needs its fields", e.span,
                       "expected a value", help=f"write `{variant.qualname} {{ ... }}`")
        return ERROR

    def apply_variant_turbofish(self, path: ast.Expr, args: list[Type]) -> None:
        """The enum's type arguments written on a variant path, after the variant or the enum
        (`None::<i64>`, `Ok::<i64, Str>`, `Option::<i64>::None`), fix its fresh `args`."""
        if not isinstance(path, ast.PathExpr):
            return
        written = next((a for a in reversed(path.generic_args[-2:]) if a), None)
        if written is not None and len(written) == len(args):
            for arg, texpr in zip(args, written, strict=True):
                unify(arg, self.types.resolve(texpr, self.scope_for_body()))

    def _check_PathExpr(self, e: ast.PathExpr, expected: Type | None, used: bool) -> Type:
        found = self.resolve_path(e)
        if found is None:
            return ERROR
        if isinstance(found, LiteralRes):
            e.res = found
            return self.prim_owner(e)
        return self.value_type(found, e, expected) if not isinstance(found, tuple) else self.assoc_value(found, e)

    def prim_owner(self, e: ast.PathExpr) -> Type:
        owner = PRIMS.get(e.segments[0])
        return owner if owner is not None and e.segments[-1] != "BITS" else PRIMS["u32"]

    def _check_SelfRecur(self, e: ast.SelfRecur, expected: Type | None, used: bool) -> Type:
        return self.recursion_target(e)

    # -- operators ------------------------------------------------------------------------------

    def _check_Unary(self, e: ast.Unary, expected: Type | None, used: bool) -> Type:
        op = e.op
        if op in ("&", "&mut"):
            wanted = prune(expected) if expected is not None else None
            inner_expected = prune(wanted.inner) if isinstance(wanted, Ref) else None
            ty = self.check(e.operand, inner_expected)
            if op == "&mut":
                self.require_mutable(e.operand, "borrow as mutable", through_method=True)
            return Ref(ty, op == "&mut")
        if op == "*":
            ty = prune(self.check(e.operand))
            if isinstance(ty, (Ref, Ptr)):
                return ty.inner
            if self._is_box(ty):
                return ty.args[0]  # type: ignore[union-attr]
            if isinstance(ty, ErrorType):
                return ERROR
            if isinstance(ty, InferVar) and ty.kind is None:
                return ty
            if reads_like_rust_reference(e.operand):  # `|x| *x * 2` over `v.iter()`: Rust's `&T` is a value here
                return ty
            self.ctx.error(codes.BAD_OPERAND, f"type `{self.show(ty)[1:-1]}` cannot be dereferenced", e.span,
                           "not a reference", help="remove the `*`")
            return ERROR
        if op == "-" and isinstance(e.operand, ast.IntLit):
            self.negated_literals.add(id(e.operand))
        ty = self.check(e.operand, expected)
        base = strip_refs(ty)
        if isinstance(base, ErrorType):
            return ERROR
        if op == "-":
            if isinstance(base, Adt):
                return self.user_operator(e, "neg", "Neg", base, None) or ERROR
            if isinstance(prune(base), Param):
                return base if self.param_bound(e, prune(base), "Neg") else ERROR  # type: ignore[arg-type]
            self.pending_numeric.append((e.span, base, "-"))
            return base
        if op == "!":
            if base is BOOL or is_int(base):
                return base
            if isinstance(base, Adt):
                return self.user_operator(e, "not", "Not", base, None) or ERROR
            if isinstance(prune(base), Param):
                return base if self.param_bound(e, prune(base), "Not") else ERROR  # type: ignore[arg-type]
            if isinstance(base, InferVar):
                unify(base, BOOL)
                return BOOL
            self.ctx.error(codes.BAD_OPERAND, f"cannot apply unary operator `!` to type `{base}`", e.span,
                           "expected `bool` or an integer")
            return ERROR
        if op == "~":
            if is_int(base):
                return base
            self.ctx.error(codes.BAD_OPERAND, f"cannot apply `~` to type `{base}`", e.span,
                           "bitwise not needs an integer")
            return ERROR
        return ERROR

    def _check_Binary(self, e: ast.Binary, expected: Type | None, used: bool) -> Type:
        op = e.op
        if op in ("&&", "||"):
            self.check_as(e.left, BOOL)
            self.check_as(e.right, BOOL)
            return BOOL
        left_expected = expected if op in _ARITH or op in _BITWISE or op in _SHIFTS else None
        lt = self.check(e.left, left_expected)
        lb = strip_refs(lt)
        if op in _SHIFTS:
            self.check(e.right)
            rb = strip_refs(e.right.ty)  # type: ignore[attr-defined]
            if not is_int(lb) and not isinstance(lb, ErrorType):
                self._bad_operands(e, lb, rb)
                return ERROR
            if not is_int(rb) and not isinstance(rb, ErrorType):
                self._bad_operands(e, lb, rb)
            return lb
        rt = self.check(e.right, lb if not isinstance(lb, InferVar) or lb.kind else None)
        rb = strip_refs(rt)
        if isinstance(lb, ErrorType) or isinstance(rb, ErrorType):
            return BOOL if op in _COMPARE or op in _EQUALITY else ERROR
        if op in _EQUALITY:
            if not unify(lb, rb) and not self.coerce(rb, lb) and not self.coerce(lb, rb):
                self._bad_operands(e, lb, rb)
            elif isinstance(prune(lb), FnType):
                self.ctx.error(codes.BAD_OPERAND, f"functions cannot be compared with `{op}`", e.span,
                               "function values have no equality", help="compare the results of calling them")
            elif is_iterator(lb):
                method = "eq" if op == "==" else "ne"
                self.ctx.error(codes.BAD_OPERAND, f"iterators cannot be compared with `{op}`", e.span,
                               "iterators have no equality", help=f"compare their items: `a.{method}(b)`")
            return BOOL
        if op in _COMPARE:
            if not unify(lb, rb) and self.widened(lb, rb) is None:
                self._bad_operands(e, lb, rb)
            else:
                ord_trait = self.well_known_trait("PartialOrd") or self.well_known_trait("Ord")
                if ord_trait is not None:
                    self.require_bound(e.span, lb, ord_trait, f"values of type `{lb}` cannot be compared with `{op}`")
            return BOOL
        if op in _BITWISE:
            base = prune(lb) if unify(lb, rb) else self.widened(lb, rb)
            if base is None:
                self._bad_operands(e, lb, rb)
                return ERROR
            if not (is_int(base) or base is BOOL or isinstance(base, InferVar)):
                self._bad_operands(e, lb, rb)
                return ERROR
            return base
        # arithmetic
        if isinstance(prune(lb), Adt) and prune(lb).info.builtin:  # type: ignore[union-attr]
            result = self.time_operator(e, prune(lb), rb)  # type: ignore[arg-type]
            if result is not None:
                return result
        if isinstance(prune(lb), Adt):
            result = self.user_operator(e, _ARITH[op], _OP_TRAIT[_ARITH[op]], prune(lb), e.right)
            return result if result is not None else ERROR
        if prune(lb) is STR:
            if op == "+" and prune(rb) is STR:
                return STR
            self._bad_operands(e, lb, rb)
            return ERROR
        if isinstance(prune(lb), Param):
            return self.param_operator(e, prune(lb), rb, _OP_TRAIT[_ARITH[op]])
        result = lb if unify(lb, rb) else self.widened(lb, rb)
        if result is None:
            self._bad_operands(e, lb, rb)
            return ERROR
        self.pending_numeric.append((e.span, result, op))
        return result

    def time_operator(self, e: ast.Binary, lb: Adt, rb: Type) -> Type | None:
        """`Duration` and `Instant` arithmetic, which the runtime implements on its values."""
        for rhs, result in _TIME_ARITH.get((lb.info.name, e.op), ()):
            r = prune(rb)
            if (is_int(r) if rhs == "int" else isinstance(r, Adt) and r.info.builtin and r.info.name == rhs):
                return lb if result == lb.info.name else self.ctx.adt(result)  # (a prelude type: Duration)
        return None

    def widened(self, a: Type, b: Type) -> Prim | None:
        """The wider of two integer types of one signedness (operands widen implicitly), else None."""
        a, b = prune(a), prune(b)
        if isinstance(a, Prim) and isinstance(b, Prim):
            if int_widens_to(a, b):
                return b
            if int_widens_to(b, a):
                return a
        return None

    def _bad_operands(self, e: ast.Binary, lt: Type, rt: Type) -> None:
        self.ctx.error(codes.MISMATCH, f"mismatched types: cannot apply `{e.op}` to `{self.show(lt)[1:-1]}` and "
                       f"`{self.show(rt)[1:-1]}`", e.span,
                       f"no implementation for `{self.show(lt)[1:-1]} {e.op} {self.show(rt)[1:-1]}`",
                       help=self._operand_help(e.op, lt, rt))

    def _operand_help(self, op: str, lt: Type, rt: Type) -> str | None:
        lt, rt = prune(lt), prune(rt)
        if op in _BITWISE and (lt is BOOL) != (rt is BOOL):
            return "`&`, `|` and `^` bind looser than `==`: parenthesise, e.g. `(a & b) == c`"
        if (is_float(lt) and is_int(rt)) or (is_int(lt) and is_float(rt)):
            return "convert one side explicitly, e.g. `x as f64`"
        if isinstance(lt, Prim) and isinstance(rt, Prim) and lt.is_int and rt.is_int:
            return f"integers of different signedness do not mix: convert one side, e.g. `x as {lt}`"
        if STR in (lt, rt):
            return "build strings with interpolation (`\"{a}{b}\"`) or convert with `Str(x)`"
        return None

    def param_operator(self, e: ast.Binary, lb: Param, rb: Type, trait_name: str) -> Type:
        if not unify(lb, rb):
            self._bad_operands(e, lb, rb)
            return ERROR
        return lb if self.param_bound(e, lb, trait_name) else ERROR

    def param_bound(self, e: ast.Binary | ast.Unary, ty: Param, trait_name: str) -> bool:
        """Does the generic `ty` support operator `e` (a bound on its trait, or `Num`/`Integer`/`Float`;
        `Not` only through `Integer`)? Reported when not."""
        numeric = ("Integer",) if trait_name == "Not" else ("Num", "Integer", "Float")
        if any(b.info.name == trait_name or b.info.name in numeric for b in ty.bounds):
            return True
        self.ctx.error(codes.TRAIT_BOUND, f"cannot apply `{e.op}` to values of the generic type `{ty}`", e.span,
                       f"`{ty}` might not support `{e.op}`", help=f"add a bound: `{ty}: {trait_name}`")
        return False

    def user_operator(self, e: ast.Expr, method: str, trait_name: str, lt: Type, right: ast.Expr | None,
                      compound: bool = False) -> Type | None:
        """An operator on a user type through its trait method (`a + b` is `a.add(b)`); `compound` for
        `a += b` without an `AddAssign` impl, whose error then suggests both traits."""
        cand = self.traits.lookup_method(lt, method)
        if cand is None or cand.trait is None or cand.trait.name != trait_name:
            if isinstance(e, ast.Binary):
                rt = self.check(right) if right is not None and getattr(right, "ty", None) is None else right.ty  # type: ignore[union-attr]
                op = e.op + "=" if compound else e.op
                help = (f"implement the `{trait_name}` trait: `X {lt}: {trait_name} {{ F {method}(self, "
                        f"other: {lt}) -> {lt} = ... }}`")
                if compound:
                    help = (f"implement the `{trait_name}Assign` trait: `X {lt}: {trait_name}Assign {{ F {method}_assign"
                            f"(&mut self, other: {lt}) {{ ... }} }}`, or {help[0].lower()}{help[1:]}")
                wrapper = prune(lt)
                if isinstance(wrapper, Adt) and wrapper.info.builtin and wrapper.info.name in ("Option", "Result"):
                    what = "an Option" if wrapper.info.name == "Option" else "a Result"
                    help = (f"this is {what}: take the value out first, with `?`, `!`, `.unwrap_or(..)` or "
                            f"`M value {{ ... }}`")
                self.ctx.error(codes.MISMATCH, f"cannot apply `{op}` to `{lt}`", e.span,
                               f"no implementation for `{lt} {op} {self.show(rt)[1:-1]}`", help=help)
            else:
                self.ctx.error(codes.BAD_OPERAND, f"cannot apply unary `{e.op}` to `{lt}`", e.span,  # type: ignore[attr-defined]
                               f"no implementation of `{trait_name}`",
                               help=f"implement the `{trait_name}` trait: `X {lt}: {trait_name} {{ F {method}(self) "
                                    f"-> {lt} = ... }}`")
            return None
        return self.operator_res(e, cand, right)

    def index_operator(self, e: ast.Index, base: Adt) -> Type:
        """`g[i]` on a user type: the call `*g.index(i)` of its `X G: Index<I> { T Output = ...; F index(&self,
        i: I) -> &Self::Output }` (read only: there is no `IndexMut`)."""
        cand = self.traits.lookup_method(base, "index")
        if cand is None or cand.trait is None or cand.trait.name != "Index":
            it = prune(strip_refs(self.check(e.index)))
            idx = "i64" if isinstance(it, InferVar) and it.kind == "int" else self.show(it)[1:-1]
            self.ctx.error(codes.BAD_INDEX, f"cannot index into a value of type `{base}`", e.span, "not indexable",
                           help=f"implement the `Index` trait: `X {base}: Index<{idx}> {{ T Output = ...; "
                                f"F index(&self, i: {idx}) -> &Self::Output = ... }}`")
            return ERROR
        return strip_refs(self.operator_res(e, cand, e.index))

    def operator_res(self, e: ast.Expr, cand, right: ast.Expr | None) -> Type:
        """Resolve `e` to the user trait method `cand` (checking its operand `right`); its result type."""
        fn = cand.fn
        mapping = dict(cand.mapping)
        fresh = {p: self.fresh() for p in fn.generics}
        mapping.update(fresh)
        params = [subst(p.ty, mapping) for p in fn.params[1:] if p.ty is not None]
        if right is not None and params:
            self.check_as(right, params[0])
        type_args = [mapping.get(p, ERROR) for p in fn.all_generics]
        e.res = OperatorRes(cand, type_args)
        return subst(fn.ret, mapping)

    def _check_Assign(self, e: ast.Assign, expected: Type | None, used: bool) -> Type:
        target = e.target
        if (e.op == "=" and isinstance(target, ast.Name) and self.find_local(target.name) is None
                and self.lookup_value(target.name) is None):
            return self.assign_undeclared(target, e.value)
        target_ty = self.check_place(target)
        self.require_mutable(e.target, "assign to")
        if e.op == "=":
            actual = self.check(e.value, strip_refs(target_ty) if isinstance(prune(target_ty), Ref) else target_ty)
            self.expect_type(actual, target_ty, e.value.span)
            return UNIT
        binary = ast.Binary(e.op[:-1], e.target, e.value, e.span)
        binary.ty = None  # type: ignore[attr-defined]
        op = e.op[:-1]
        tb = strip_refs(target_ty)
        if op in _SHIFTS:
            self.check(e.value)
            if not is_int(tb) and not isinstance(tb, ErrorType):
                self._bad_operands(binary, tb, e.value.ty)  # type: ignore[attr-defined]
            return UNIT
        if isinstance(prune(tb), Adt) and prune(tb) is not STR:
            if self.assign_operator(e, op, prune(tb)):  # type: ignore[arg-type]
                return UNIT
            result = self.user_operator(binary, _ARITH.get(op, op), _OP_TRAIT.get(_ARITH.get(op, ""), op), prune(tb),
                                        e.value, compound=op in _ARITH)
            e.res = binary.res if result is not None else None
            return UNIT
        if isinstance(prune(tb), Param) and op in _ARITH:  # `a += b` of a generic `T: AddAssign` or `T: Add`
            if not self.assign_operator(e, op, prune(tb)):  # type: ignore[arg-type]
                self.param_operator(binary, prune(tb), strip_refs(self.check(e.value, tb)),  # type: ignore[arg-type]
                                    _OP_TRAIT[_ARITH[op]])
            return UNIT
        vt = self.check(e.value, tb)
        vb = strip_refs(vt)
        if prune(tb) is STR:
            if op != "+" or prune(vb) is not STR:
                self._bad_operands(binary, tb, vb)
            return UNIT
        if not (unify(tb, vb) or self.coerce(vb, tb)):
            self._bad_operands(binary, tb, vb)
            return UNIT
        if op in _ARITH:
            self.pending_numeric.append((e.span, tb, op))
        elif op in _BITWISE and not (is_int(tb) or prune(tb) is BOOL or isinstance(prune(tb), (InferVar, ErrorType))):
            self._bad_operands(binary, tb, vb)
        return UNIT

    def assign_operator(self, e: ast.Assign, op: str, target: Adt | Param) -> bool:
        """`a += b` with a user `X T: AddAssign { F add_assign(&mut self, other: T) }` (likewise `-=`,
        `*=`, `/=`, `%=`): checked and lowered as the call `a.add_assign(b)`, which changes `a` in place.
        False when the type has no such impl (then `a = a + b` through `Add`, see `docs/language.md`)."""
        name = _ARITH.get(op)
        if name is None:
            return False
        method = f"{name}_assign"
        cand = self.traits.lookup_method(target, method)
        if cand is None or cand.trait is None or cand.trait.name != _OP_TRAIT[name] + "Assign":
            return False
        call = ast.MethodCall(e.target, method, [], [e.value], e.span, e.span)
        call.res = None
        self.check(call, UNIT, used=False)
        e.res = CompoundRes(call)
        return True

    def assign_undeclared(self, target: ast.Name, value: ast.Expr) -> Type:
        """`x = v` without an `x` in scope: Rust's `let x = v` is `x := v` in Vais. Reported with that
        fix; `x` is then declared so that its later uses are not reported again."""
        name = target.name
        self.ctx.error(codes.UNKNOWN_NAME, f"cannot find value `{name}` in this scope", target.span,
                       "not found in this scope",
                       help=f"to declare a new variable, write `{name} := ...` (`{name} := mut ...` to change it later)")
        local = self.declare(name, self.check(value), True, target.span)
        local.used = local.assigned = True
        return UNIT

    def _check_Ternary(self, e: ast.Ternary, expected: Type | None, used: bool) -> Type:
        self.check_as(e.cond, BOOL)
        return self.join_branches([(e.then, None), (e.otherwise, None)], expected, used)

    def join_branches(self, branches: list[tuple[ast.Expr, object]], expected: Type | None, used: bool,
                      checker=None) -> Type:
        """Check branch expressions and give them one type (when the value is used).

        With a known expected type (an annotation, a parameter, the declared return type) that some
        branch has, every branch is held to it (each wrong one reported, as the value it is) and
        the whole has that type; otherwise the first branch's type is the one the others must have
        (and a whole that then differs from the expected type is reported once, by the caller)."""
        result: Type | None = None
        exp = prune(expected) if expected is not None else None
        strict = used and exp is not None and not isinstance(exp, (InferVar, ErrorType))
        typed = []
        for expr, _ in branches:
            ty = checker(expr) if checker is not None else self.check(expr, expected, used)
            typed.append((expr, ty, not strict or prune(ty) is NEVER or self.coerce(ty, expected)))  # type: ignore[arg-type]
        if strict and any(fit and prune(ty) is not NEVER for _, ty, fit in typed):
            code = codes.RETURN_MISMATCH if expected is self.return_expected else codes.MISMATCH
            for expr, ty, fit in typed:
                if not fit:
                    span = expr.tail.span if isinstance(expr, ast.Block) and expr.tail is not None else expr.span
                    self.report_mismatch(ty, expected, span, code)  # type: ignore[arg-type]
            return expected  # type: ignore[return-value]
        for expr, ty, _ in typed:
            if not used:
                continue
            if prune(ty) is NEVER:
                continue
            if result is None:
                result = ty
                if expected is not None and self.coerce(ty, expected):
                    result = expected if not isinstance(prune(expected), InferVar) else ty
            elif not (unify(result, ty) or self.coerce(ty, result)):
                if self.coerce(result, ty):
                    result = ty
                else:
                    span = expr.tail.span if isinstance(expr, ast.Block) and expr.tail is not None else expr.span
                    self.ctx.error(codes.MISMATCH, "`I` and `E` have incompatible types" if checker is None
                                   else "match arms have incompatible types", span,
                                   f"expected {self.show(result)}, found {self.show(ty)}",
                                   help="every branch of a conditional used as a value must have the same type")
        if not used:
            return UNIT
        return result if result is not None else NEVER

    def _check_Pipe(self, e: ast.Pipe, expected: Type | None, used: bool) -> Type:
        right = e.right
        if isinstance(right, ast.Call):
            call = ast.Call(right.callee, [e.left, *right.args], e.span)
        elif isinstance(right, ast.MethodCall) and isinstance(right.receiver, ast.Name) and self.find_local(
                right.receiver.name) is None:
            call = ast.MethodCall(right.receiver, right.name, right.generic_args, [e.left, *right.args], e.span,
                                  right.name_span)
        else:
            call = ast.Call(right, [e.left], e.span)
        call.res = None
        e.res = PipeRes(call)
        return self.check(call, expected, used)

    def _check_Range(self, e: ast.Range, expected: Type | None, used: bool) -> Type:
        elem: Type = self.fresh()
        exp = prune(expected) if expected is not None else None
        if isinstance(exp, Adt) and exp.info.name == "Range" and exp.args:
            elem = exp.args[0]
        for bound in (e.start, e.end):
            if bound is not None:
                ty = self.check(bound, elem)
                if not unify(elem, strip_refs(ty)):
                    self.report_mismatch(ty, elem, bound.span)
        if not (is_int(elem) or prune(elem) is CHAR or isinstance(prune(elem), (InferVar, ErrorType))):
            self.ctx.error(codes.MISMATCH, f"ranges need integers or chars, not `{prune(elem)}`", e.span,
                           "not a range of integers")
        return Adt(self.ctx.type_info("Range"), (elem,))

    def _check_Cast(self, e: ast.Cast, expected: Type | None, used: bool) -> Type:
        source = strip_refs(self.check(e.expr))
        target = self.types.resolve(e.target, self.scope_for_body())
        if isinstance(prune(source), InferVar) and prune(source).kind is None:
            return target
        if not self._castable(prune(source), prune(target)):
            self.ctx.error(codes.BAD_CAST, f"non-primitive cast: `{self.show(source)[1:-1]}` as `{target}`", e.span,
                           "invalid cast", help=self._cast_help(prune(source), prune(target)))
            return target
        if isinstance(e.expr, ast.IntLit) and isinstance(prune(target), Prim) and prune(target).kind == "int":
            self._warn_lossy_literal(e.expr, prune(target))  # type: ignore[arg-type]
        return target

    def _castable(self, s: Type, t: Type) -> bool:
        if isinstance(s, ErrorType) or isinstance(t, ErrorType):
            return True
        if isinstance(s, InferVar):
            return isinstance(t, Prim) and (t.is_numeric or (t is CHAR and s.kind == "int"))
        if isinstance(s, Prim) and isinstance(t, Prim):
            if s is t:
                return True
            if s.is_numeric and t.is_numeric:
                return True
            if s.kind in ("bool", "char") and t.kind == "int":
                return True
            return s.kind == "int" and t.kind == "char"
        if isinstance(s, Adt) and s.info.is_enum and isinstance(t, Prim) and t.kind == "int":
            return all(v.kind == "unit" for v in s.info.variants)
        if isinstance(s, (Ptr, Ref)) and isinstance(t, (Ptr, Prim)):
            return not isinstance(t, Prim) or t.kind == "int"
        if isinstance(self.autoderef(t)[0], Dyn):  # `Box::new(sq) as Box<dyn Shape>`: an explicit upcast
            return self.coerce(s, t)
        # otherwise, as in Rust, `as` may spell out a coercion (`Box::new(|x| x + 1) as Box<dyn Fn(i64) -> i64>`)
        return s == t or (not isinstance(s, Prim) and not isinstance(t, Prim) and self.coerce(s, t))

    def _cast_help(self, s: Type, t: Type) -> str | None:
        if isinstance(self.autoderef(t)[0], Dyn):
            return self._conversion_help(s, t)
        if s is STR and isinstance(t, Prim) and t.is_numeric:
            return f"parse the string instead: `s.parse()` with a `{t}` annotation"
        if isinstance(t, Prim) and t.kind == "bool" and is_numeric(s):
            return "compare instead: `n != 0`"
        if t is STR:
            return "convert with `Str(x)`"
        return "`as` converts only between numeric types, and from bool or char to integers"

    def _warn_lossy_literal(self, lit: ast.IntLit, target: Prim) -> None:
        lo, hi = int_range(target)
        if not lo <= lit.value <= hi:
            self.ctx.warning(codes.LOSSY_LITERAL_CAST, f"literal out of range for `{target}`: `{lit.text}` wraps",
                             lit.span, f"wraps to a different value in `{target}`")

    # -- access ---------------------------------------------------------------------------------

    def _check_Field(self, e: ast.Field, expected: Type | None, used: bool) -> Type:
        recv = self.check(e.receiver)
        base, derefs = self.autoderef(recv)
        if isinstance(base, ErrorType):
            return ERROR
        if isinstance(base, Tuple):
            if e.name.isdigit() and int(e.name) < len(base.elems):
                e.res = FieldRes(e.name, int(e.name), derefs)
                return base.elems[int(e.name)]
            self.ctx.error(codes.UNKNOWN_FIELD, f"no field `{e.name}` on tuple type `{base}`", e.name_span,
                           f"the tuple has {len(base.elems)} element(s), indexed from 0")
            return ERROR
        if isinstance(base, Adt) and base.info.is_struct and not base.info.builtin:
            info = base.info
            fi = info.field(e.name)
            if fi is not None:
                e.res = FieldRes(e.name, fi.index, derefs)
                return subst(fi.ty, dict(zip(info.generics, base.args, strict=True)))
            methods = self.traits.method_names(base)
            hint = (f"`{e.name}` is a method: call it with `{e.name}()`" if e.name in methods
                    else did_you_mean(e.name, [f.name for f in info.fields]))
            self.ctx.error(codes.UNKNOWN_FIELD, f"no field `{e.name}` on type `{base}`", e.name_span,
                           "unknown field", help=hint or f"available fields: "
                           f"{', '.join('`' + f.name + '`' for f in info.fields) or 'none'}")
            return ERROR
        if isinstance(base, InferVar) and base.kind is not None:  # a number literal: no fields whatever its type
            self.ctx.error(codes.UNKNOWN_FIELD, f"no field `{e.name}` on a number", e.name_span, "unknown field",
                           help="numbers have no fields" + (" (`1.2.3` is `1.2` then `.3`)" if e.name.isdigit() else ""))
            return ERROR
        if isinstance(base, InferVar):
            self.ctx.error(codes.CANNOT_INFER, "type annotations needed", e.receiver.span,
                           "the type of this value must be known to access a field",
                           help="add a type annotation to the binding")
            self.cannot_infer_reported = True
            return ERROR
        self.ctx.error(codes.UNKNOWN_FIELD, f"no field `{e.name}` on type `{self.show(base)[1:-1]}`", e.name_span,
                       "unknown field")
        return ERROR

    def autoderef(self, t: Type) -> tuple[Type, int]:
        """Strip references and boxes: the type whose fields/methods a `.` reaches."""
        t = prune(t)
        n = 0
        while True:
            if isinstance(t, Ref):
                t = prune(t.inner)
            elif self._is_box(t):
                t = prune(t.args[0])  # type: ignore[union-attr]
            else:
                return t, n
            n += 1

    def _check_Index(self, e: ast.Index, expected: Type | None, used: bool) -> Type:
        recv = self.check(e.receiver)
        base, _ = self.autoderef(recv)
        if isinstance(e.index, ast.Range):
            full = e.index.start is None and e.index.end is None  # `s[..]`: nothing fixes the bound type
            self.check(e.index, Adt(self.ctx.type_info("Range"), (PRIMS["i64"],)) if full else None)
            if base is STR or self.ctx.is_adt(base, "Vec") or isinstance(base, (InferVar, ErrorType)):
                return base
            self.ctx.error(codes.BAD_INDEX, f"cannot slice a value of type `{base}`", e.span, "not sliceable",
                           help="slicing works on `Vec` and `Str`")
            return ERROR
        if isinstance(base, Adt) and not base.info.builtin:
            return self.index_operator(e, base)
        if self.ctx.is_adt(base, "HashMap"):
            key = base.args[0]  # type: ignore[union-attr]
            self.check_as(e.index, key)
            return base.args[1]  # type: ignore[union-attr]
        it = self.check(e.index)
        if not is_int(strip_refs(it)) and not isinstance(prune(it), ErrorType):
            self.ctx.error(codes.MISMATCH, f"the index must be an integer, not `{self.show(it)[1:-1]}`", e.index.span,
                           "expected an integer index")
        if self.ctx.is_adt(base, "Vec"):
            return base.args[0]  # type: ignore[union-attr]
        if isinstance(base, ErrorType):
            return ERROR
        if isinstance(base, InferVar) and base.kind is None:
            elem = self.fresh()
            unify(base, Adt(self.ctx.type_info("Vec"), (elem,)))
            return elem
        if base is STR:
            self.ctx.error(codes.BAD_INDEX, "strings cannot be indexed by an integer", e.span, "`Str` index",
                           help="take a one-character slice `s[i..i + 1]` or use `s.chars()`")
            return ERROR
        self.ctx.error(codes.BAD_INDEX, f"cannot index into a value of type `{base}`", e.span, "not indexable",
                       help="indexing works on `Vec`, slices and `HashMap`")
        return ERROR

    # -- control flow ---------------------------------------------------------------------------

    def _check_Block(self, e: ast.Block, expected: Type | None, used: bool) -> Type:
        self.push_scope()
        try:
            return self.check_block_items(e, expected, used)
        finally:
            self.pop_scope()

    def _check_If(self, e: ast.If, expected: Type | None, used: bool) -> Type:
        cond = self.check(e.cond, BOOL)
        if not self.coerce(cond, BOOL):
            self.ctx.error(codes.MISMATCH, "mismatched types", e.cond.span,
                           f"expected `bool`, found {self.show(cond)}",
                           help=self._conversion_help(prune(cond), BOOL) or "conditions must be `bool`")
        if e.otherwise is None:
            self.check(e.then, None, used=False)
            return UNIT
        return self.join_branches([(e.then, None), (e.otherwise, None)], expected, used)

    def _check_Loop(self, e: ast.Loop, expected: Type | None, used: bool) -> Type:
        frame = LoopFrame("loop", expected if used else None)
        self.frame.loops.append(frame)
        self.check(e.body, None, used=False)
        self.frame.loops.pop()
        if not frame.has_break:
            return NEVER
        return frame.break_type if frame.break_type is not None else UNIT

    def _check_While(self, e: ast.While, expected: Type | None, used: bool) -> Type:
        self.check_as(e.cond, BOOL)
        self.frame.loops.append(LoopFrame("while"))
        self.check(e.body, None, used=False)
        self.frame.loops.pop()
        return UNIT

    def _check_For(self, e: ast.For, expected: Type | None, used: bool) -> Type:
        it = self.check(e.iterable)
        elem = self.element_type(it, e.iterable)
        self.push_scope()
        self.bind_irrefutable(e.pattern, elem, False, kind="loop")
        self.frame.loops.append(LoopFrame("for"))
        self.check(e.body, None, used=False)
        self.frame.loops.pop()
        self.pop_scope()
        return UNIT

    def element_type(self, it: Type, node: ast.Expr) -> Type:
        base = strip_refs(it)
        outer = prune(it)
        if isinstance(outer, Ref) and outer.mutable and self.ctx.is_adt(base, "Vec"):
            return Ref(base.args[0], True)  # type: ignore[union-attr]  # `L b in v` over `&mut Vec`: elements by `&mut`
        if isinstance(base, Adt) and base.info.builtin:
            name = base.info.name
            if name in ("Vec", "HashSet", "Range", "Iter", "Option", "Peekable") and base.args:
                return base.args[0]
            if name == "HashMap":
                return Tuple((base.args[0], base.args[1]))
        if base is STR:
            return CHAR
        if isinstance(base, ErrorType):
            return ERROR
        if isinstance(base, InferVar):
            elem = self.fresh()
            if not base.kind and unify(base, Adt(self.ctx.type_info("Vec"), (elem,))):
                return elem
        if isinstance(base, (Adt, Param)):
            item = self.traits.iterator_item(base)
            if item is not None:
                return item
            cand = self.traits.lookup_method(base, "iter")
            if cand is not None:
                ret = prune(subst(cand.fn.ret, cand.mapping))
                if isinstance(ret, Adt) and ret.info.builtin and ret.info.name == "Iter":
                    return ret.args[0]
        self.ctx.error(codes.NOT_ITERABLE, f"`{self.show(base)[1:-1]}` is not iterable", node.span,
                       "cannot loop over this value", help=self._not_iterable_help(base))
        return ERROR

    def _not_iterable_help(self, base: Type) -> str:
        """For a user type: how to make it iterable (and what is wrong with a `next` it already has)."""
        if not (isinstance(base, Adt) and not base.info.builtin):
            return "loop over a range (`0..n`), a `Vec`, a `Str`, a `HashMap`/`HashSet` or an iterator"
        name = base.info.name
        cand = self.traits.lookup_method(base, "next")
        found = "" if cand is None else "its `next` is not `F next(&mut self) -> Option<T>`; "
        return f"{found}implement `Iterator` for it: `X {name}: Iterator {{ T Item = T; " \
               "F next(&mut self) -> Option<T> { ... } }`"

    def _loop_frame(self, e: ast.Expr, what: str) -> LoopFrame | None:
        if not self.frame.loops:
            inside = "a closure" if self.frame.is_closure else "a function"
            self.ctx.error(codes.BREAK_OUTSIDE_LOOP, f"`{what}` outside of a loop", e.span,
                           f"cannot `{what}` outside of a loop",
                           help=f"`{what}` only works inside a loop of the same {inside.split()[-1]}"
                                + ("; a closure body is not part of the loop around it" if self.frame.is_closure
                                   else ""))
            return None
        return self.frame.loops[-1]

    def _check_Break(self, e: ast.Break, expected: Type | None, used: bool) -> Type:
        frame = self._loop_frame(e, "B")
        if e.value is not None:
            if frame is not None and frame.kind != "loop":
                self.check(e.value)
                self.ctx.error(codes.MISMATCH, "`B` with a value is only allowed in `L { }` loops", e.span,
                               "this loop cannot return a value", help="remove the value, or use `L { ... }`")
                return NEVER
            ty = self.check(e.value, frame.break_type if frame is not None else None)
            if frame is not None:
                if frame.break_type is None or (isinstance(prune(frame.break_type), InferVar) and not frame.has_break):
                    if frame.break_type is not None:
                        unify(frame.break_type, ty)
                    else:
                        frame.break_type = ty
                elif not self.coerce(ty, frame.break_type):
                    self.report_mismatch(ty, frame.break_type, e.value.span)
        elif frame is not None and frame.kind == "loop" and frame.break_type is not None and frame.has_break:
            if not unify(frame.break_type, UNIT):
                self.report_mismatch(UNIT, frame.break_type, e.span)
        elif frame is not None and frame.kind == "loop" and frame.break_type is None:
            frame.break_type = UNIT
        if frame is not None:
            frame.has_break = True
        return NEVER

    def _check_Continue(self, e: ast.Continue, expected: Type | None, used: bool) -> Type:
        self._loop_frame(e, "C")
        return NEVER

    def _check_Return(self, e: ast.Return, expected: Type | None, used: bool) -> Type:
        ret = self.frame.ret
        if e.value is None:
            if not self.coerce(UNIT, ret):
                self.ctx.error(codes.RETURN_MISMATCH, "mismatched return type", e.span,
                               f"expected {self.show(ret)}, found `()`", help="return a value: `R value`")
            return NEVER
        saved, self.return_expected = self.return_expected, ret
        actual = self.check(e.value, ret)
        self.return_expected = saved
        self.expect_type(actual, ret, e.value.span, codes.RETURN_MISMATCH)
        return NEVER

    # -- compound literals ----------------------------------------------------------------------

    def _check_TupleLit(self, e: ast.TupleLit, expected: Type | None, used: bool) -> Type:
        exp = prune(expected) if expected is not None else None
        exps = exp.elems if isinstance(exp, Tuple) and len(exp.elems) == len(e.elems) else [None] * len(e.elems)
        return Tuple(tuple(self.check(x, t) for x, t in zip(e.elems, exps, strict=True)))

    def _check_ArrayLit(self, e: ast.ArrayLit, expected: Type | None, used: bool) -> Type:
        elem = self._expected_elem(expected)
        known = not isinstance(prune(elem), (InferVar, ErrorType))
        misfits: list[tuple[ast.Expr, Type]] = []
        for x in e.elems:
            ty = self.check(x, elem)
            if not (self.coerce(ty, elem)):
                misfits.append((x, ty))
        if known and misfits and len(misfits) == len(e.elems) and all(
                unify(strip_refs(ty), strip_refs(misfits[0][1])) for _, ty in misfits):
            # `x: Vec<Str> = [1, 2]`: the literal as a whole is of another type, reported once by
            # whoever expected the Vec (a binding, an argument, a return)
            return Adt(self.ctx.type_info("Vec"), (strip_refs(misfits[0][1]),))
        for x, ty in misfits:
            self.ctx.error(codes.MISMATCH, "mismatched types", x.span,
                           f"expected {self.show(elem)}, found {self.show(ty)}",
                           help="all elements of a `Vec` literal must have the same type")
        return Adt(self.ctx.type_info("Vec"), (elem,))

    def _expected_elem(self, expected: Type | None) -> Type:
        exp = strip_refs(expected) if expected is not None else None
        if exp is not None and self.ctx.is_adt(exp, "Vec"):
            return exp.args[0]  # type: ignore[union-attr]
        return self.fresh()

    def _check_ArrayRepeat(self, e: ast.ArrayRepeat, expected: Type | None, used: bool) -> Type:
        elem = self._expected_elem(expected)
        self.check_as(e.value, elem)
        count = self.check(e.count)
        if not is_int(count) and not isinstance(prune(count), ErrorType):
            self.report_mismatch(count, PRIMS["i64"], e.count.span)
        return Adt(self.ctx.type_info("Vec"), (elem,))

    # -- Option / Result -------------------------------------------------------------------------

    def _check_Try(self, e: ast.Try, expected: Type | None, used: bool) -> Type:
        ty = self.check(e.expr)
        base = strip_refs(ty)
        if isinstance(base, ErrorType):
            return ERROR
        option, result = self.ctx.type_info("Option"), self.ctx.type_info("Result")
        if not (isinstance(base, Adt) and base.info in (option, result)):
            if isinstance(base, InferVar) and base.kind is None:
                self.ctx.error(codes.CANNOT_INFER, "type annotations needed", e.expr.span,
                               "the type of this value must be known to use `?`")
                return ERROR
            self.ctx.error(codes.BAD_OPERAND, f"the `?` operator can only be applied to `Result` or `Option`, "
                           f"not `{self.show(base)[1:-1]}`", e.span, "cannot use `?` here")
            return ERROR
        ret = prune(self.frame.ret)
        if isinstance(ret, InferVar):  # a closure whose return type is being inferred
            unify(ret, Adt(base.info, tuple(self.fresh() for _ in base.args)))
            ret = prune(ret)
        what = "Result" if base.info is result else "Option"
        if not (isinstance(ret, Adt) and ret.info in (option, result)):
            where = "closure" if self.frame.is_closure else "function"
            self.ctx.error(codes.TRY_OUTSIDE_RESULT,
                           f"the `?` operator can only be used in a {where} that returns `Result` or `Option`",
                           e.span, f"cannot use `?` in a {where} that returns `{self.show(ret)[1:-1]}`",
                           help=f"change the return type to `Result<{self.show(ret)[1:-1]}>`, or handle the "
                                f"{what} with `M` or `!`")
            return base.args[0]
        if ret.info is not base.info:
            self.ctx.error(codes.TRY_ERROR_CONVERSION,
                           f"`?` on an `{what}` in a function that returns `{ret.info.name}`", e.span,
                           f"this is an `{what}`",
                           help="convert it first: `.ok_or(\"message\")?` turns an Option into a Result"
                           if what == "Option" else "use `.ok()?` to turn a Result into an Option")
            return base.args[0]
        if base.info is result:
            source_err, target_err = base.args[1], ret.args[1]
            if not self._error_converts(source_err, target_err) and not self.try_from_impl(e, source_err, target_err):
                self.ctx.error(codes.TRY_ERROR_CONVERSION,
                               f"`?` cannot convert the error type `{self.show(source_err)[1:-1]}` into "
                               f"`{self.show(target_err)[1:-1]}`", e.span, "incompatible error types",
                               help="return `Result<T>` (whose `Error` accepts any error), or map the error "
                                    "with `.map_err(|e| ...)`")
        return base.args[0]

    def try_from_impl(self, e: ast.Try, source: Type, target: Type) -> bool:
        """`?` converting with the user's `X From<Source> for Target`: its `from` becomes `e.res`."""
        from_trait = self.well_known_trait("From")
        if from_trait is None:
            return False
        found = self.traits.find_impl(prune(target), TraitRef(from_trait.info, (zonk(source),)))
        if found is None or "from" not in found[0].methods:
            return False
        impl, mapping = found
        fn = impl.methods["from"]
        cand = MethodCandidate(fn, impl, {**mapping, from_trait.info.self_param: target}, from_trait.info, target)
        _, type_args = self.instantiate(fn, cand.mapping, e.span)
        e.res = MethodRes(cand, type_args, static=True)
        return True

    def _error_converts(self, source: Type, target: Type) -> bool:
        t = prune(target)
        if isinstance(t, Adt) and t.info is self.ctx.type_info("Error"):
            return True  # any error value converts into the std Error
        return unify(source, target)

    def _check_Unwrap(self, e: ast.Unwrap, expected: Type | None, used: bool) -> Type:
        ty = self.check(e.expr)
        base = strip_refs(ty)
        if isinstance(base, ErrorType):
            return ERROR
        if isinstance(base, Adt) and base.info in (self.ctx.type_info("Option"), self.ctx.type_info("Result")):
            return base.args[0]
        self.ctx.error(codes.BAD_OPERAND, f"postfix `!` unwraps a `Result` or an `Option`, not "
                       f"`{self.show(base)[1:-1]}`", e.span, "cannot unwrap this value",
                       help="remove the `!`")
        return ERROR

    # -- async ----------------------------------------------------------------------------------

    def _check_Await(self, e: ast.Await, expected: Type | None, used: bool) -> Type:
        if self.frames and any(f.is_closure for f in self.frames):
            self.ctx.error(codes.AWAIT_OUTSIDE_ASYNC, "`await` inside a closure is not supported", e.span,
                           "closures cannot await", help="move this code into an `A F` function and call it")
        elif self.frames and not self.frames[0].is_async:
            self.ctx.error(codes.AWAIT_OUTSIDE_ASYNC, "`await` is only allowed inside `A F` functions", e.span,
                           "only allowed inside async functions", help="mark the function async: `A F name(...)`")
        ty = self.check(e.expr)
        base = strip_refs(ty)
        if isinstance(base, Adt) and base.info.builtin and base.info.name in ("Task", "Future") and base.args:
            return base.args[0]
        if not isinstance(base, ErrorType):
            self.ctx.error(codes.BAD_OPERAND, f"`{self.show(base)[1:-1]}` cannot be awaited", e.span,
                           "not a future", help="only the result of calling an `A F` function or `spawn` can be awaited")
        return ERROR

    def _check_Spawn(self, e: ast.Spawn, expected: Type | None, used: bool) -> Type:
        ty = self.check(e.expr)
        base = strip_refs(ty)
        if isinstance(base, Adt) and base.info.builtin and base.info.name in ("Task", "Future") and base.args:
            return Adt(self.ctx.type_info("Task"), (base.args[0],))
        if not isinstance(base, ErrorType):
            self.ctx.error(codes.BAD_OPERAND, f"`spawn` needs a future, not `{self.show(base)[1:-1]}`", e.span,
                           "not a future", help="spawn the call of an `A F` function: `spawn fetch(url)`")
        return ERROR
