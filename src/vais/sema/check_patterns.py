"""Checking of patterns against the matched type, and binding of pattern variables."""

from __future__ import annotations

from vais.sema import codes
from vais.sema.check_calls import CallChecker, module_value
from vais.sema.context import did_you_mean
from vais.sema.items import ConstInfo, TypeInfo, VariantInfo
from vais.sema.program import ConstRes, Local, LocalRes, StructRes, VariantRes
from vais.sema.types import (
    CHAR,
    ERROR,
    STR,
    UNIT,
    Adt,
    ErrorType,
    InferVar,
    Tuple,
    Type,
    is_int,
    is_mut_ref,
    prune,
    strip_refs,
    subst,
)
from vais.sema.unify import unify
from vais.syntax import ast


class PatternChecker(CallChecker):
    or_bindings: dict[str, Local] = {}  # variables of the first alternative, while checking later ones
    or_bound: set[str] = set()  # names a later alternative bound so far

    def bind_irrefutable(self, pat: ast.Pattern, ty: Type, mutable: bool, kind: str = "let") -> None:
        """Bind a `:=`, parameter or loop pattern, which must match every value of `ty`."""
        self.check_pattern(pat, ty, mutable, kind)
        if not _irrefutable(pat):
            self.ctx.error(codes.REFUTABLE_PATTERN, "refutable pattern in a binding", pat.span,
                           "this pattern does not match every value",
                           help="use `M value { pattern => ..., _ => ... }` to handle the other cases")

    def check_pattern(self, pat: ast.Pattern, ty: Type, mutable: bool = False, kind: str = "pattern") -> None:
        if not isinstance(pat, ast.IdentPat):
            ty = self.autoderef(ty)[0]
        elif kind == "pattern" and not is_mut_ref(ty):
            # match arms bind the referent (Rust's default binding mode), but a `&mut` payload stays a
            # reference: `Some(v)` of `m.get_mut(k)` is the way to change the element (`*v += 1`)
            ty = strip_refs(ty)
        pat.ty = ty
        method = getattr(self, "_pat_" + type(pat).__name__)
        method(pat, ty, mutable, kind)

    def _pat_WildcardPat(self, pat, ty, mutable, kind) -> None:
        pass

    def _pat_RestPat(self, pat, ty, mutable, kind) -> None:
        pass

    def _pat_IdentPat(self, pat: ast.IdentPat, ty: Type, mutable: bool, kind: str) -> None:
        if pat.sub is None and not pat.mutable and kind == "pattern":
            found = self.lookup_value(pat.name, ty, pat.span)
            if isinstance(found, VariantInfo):
                self._unit_variant(pat, found, ty)
                return
            if isinstance(found, ConstInfo) and not found.is_global:
                pat.res = ConstRes(found)
                self._unify_pat(pat, self.sema.const_type(found), ty)
                return
            if isinstance(found, TypeInfo) and found.is_struct and not found.fields:
                pat.res = StructRes(found, [])
                return
            base = self.autoderef(ty)[0]
            name = pat.name
            if name[:1].isupper() and not name.isupper() and isinstance(base, Adt) and base.info.variants:
                hint = did_you_mean(name, [v.name for v in base.info.variants])
                if hint:  # `M c { Red => .., Gren => .. }`: a misspelt variant, not a catch-all binding
                    self.ctx.error(codes.UNKNOWN_NAME, f"no variant named `{name}` in enum `{base.info.name}`",
                                   pat.span, "not a variant", help=hint)
                    local = self.declare(name, ERROR, False, pat.span, kind)
                    local.used = True
                    pat.res = LocalRes(local)
                    return
        if pat.sub is not None:
            self.check_pattern(pat.sub, ty, mutable, kind)
        shared = self.or_bindings.get(pat.name)
        if shared is not None:  # a later alternative of an or-pattern binds the first alternative's variable
            if not unify(shared.ty, ty):
                self.ctx.error(codes.MISMATCH, "mismatched types", pat.span,
                               f"`{pat.name}` is {self.show(shared.ty)} in the first alternative, {self.show(ty)} here",
                               help="every alternative of an or-pattern must bind its variables at one type")
            pat.res = LocalRes(shared)
            self.or_bound.add(pat.name)
            return
        local = self.declare(pat.name, ty, mutable or pat.mutable, pat.span, kind)
        pat.res = LocalRes(local)

    def _unit_variant(self, pat: ast.Pattern, variant: VariantInfo, ty: Type) -> None:
        args = [self.fresh() for _ in variant.enum.generics]
        self._unify_pat(pat, Adt(variant.enum, tuple(args)), ty)
        pat.res = VariantRes(variant, args)
        if variant.kind != "unit":
            self.ctx.error(codes.BAD_PATTERN, f"`{variant.qualname}` has fields: match them", pat.span,
                           "variant with a payload",
                           help=f"write `{variant.qualname}(..)`" if variant.kind == "tuple"
                           else f"write `{variant.qualname} {{ .. }}`")

    def _unify_pat(self, pat: ast.Pattern, pat_ty: Type, scrutinee: Type) -> bool:
        if unify(self.autoderef(pat_ty)[0], self.autoderef(scrutinee)[0]) or self.coerce(scrutinee, pat_ty):
            return True
        self.ctx.error(codes.MISMATCH, "mismatched types", pat.span,
                       f"expected {self.show(scrutinee)}, found {self.show(pat_ty)}",
                       help="this pattern cannot match values of the matched type")
        return False

    def _pat_LiteralPat(self, pat: ast.LiteralPat, ty: Type, mutable, kind) -> None:
        lit_ty = self.check(pat.value, ty)
        self._unify_pat(pat, lit_ty, ty)

    def _pat_RangePat(self, pat: ast.RangePat, ty: Type, mutable, kind) -> None:
        for bound in (pat.lo, pat.hi):
            if bound is not None:
                self._unify_pat(pat, self.check(bound, ty), ty)
        base = prune(ty)
        if not (is_int(base) or base is CHAR or isinstance(base, (InferVar, ErrorType))):
            self.ctx.error(codes.BAD_PATTERN, f"range patterns need integers or chars, not `{base}`", pat.span,
                           "invalid range pattern")

    def _pat_TuplePat(self, pat: ast.TuplePat, ty: Type, mutable, kind) -> None:
        base = prune(ty)
        rest = [i for i, p in enumerate(pat.elems) if isinstance(p, ast.RestPat)]
        if isinstance(base, InferVar):
            if rest:
                self.ctx.error(codes.CANNOT_INFER, "type annotations needed", pat.span,
                               "the tuple's size must be known to use `..`")
                return
            unify(base, Tuple(tuple(self.fresh() for _ in pat.elems)))
            base = prune(base)
        if isinstance(base, ErrorType):
            for p in pat.elems:
                self.check_pattern(p, ERROR, mutable, kind)
            return
        if base is UNIT and not pat.elems:
            return  # `()` matches the unit value
        if not isinstance(base, Tuple):
            self.ctx.error(codes.MISMATCH, "mismatched types", pat.span,
                           f"expected {self.show(base)}, found a tuple pattern")
            for p in pat.elems:
                self.check_pattern(p, ERROR, mutable, kind)
            return
        elems = list(base.elems)
        fixed = [p for p in pat.elems if not isinstance(p, ast.RestPat)]
        if rest:
            before = pat.elems[: rest[0]]
            after = pat.elems[rest[0] + 1:]
            if len(before) + len(after) > len(elems):
                self._arity_error(pat, len(elems), len(fixed))
                return
            pairs = list(zip(before, elems, strict=False)) + list(
                zip(after, elems[len(elems) - len(after):], strict=False))
        else:
            if len(fixed) != len(elems):
                self._arity_error(pat, len(elems), len(fixed))
                for p in fixed:
                    self.check_pattern(p, ERROR, mutable, kind)
                return
            pairs = list(zip(fixed, elems, strict=True))
        for p, t in pairs:
            self.check_pattern(p, t, mutable, kind)

    def _arity_error(self, pat: ast.Pattern, expected: int, found: int) -> None:
        self.ctx.error(codes.MISMATCH, "mismatched types", pat.span,
                       f"expected a tuple with {expected} elements, found one with {found} elements")

    def _pat_PathPat(self, pat: ast.PathPat, ty: Type, mutable, kind) -> None:
        found = self._path_pattern_target(pat.segments, pat, ty)
        if isinstance(found, VariantInfo):
            self._unit_variant(pat, found, ty)
        elif isinstance(found, ConstInfo):
            pat.res = ConstRes(found)
            self._unify_pat(pat, self.sema.const_type(found), ty)

    def _path_pattern_target(self, segs: list[str], pat: ast.Pattern, ty: Type | None = None):
        if len(segs) == 1:
            found = self.lookup_value(segs[0], ty, pat.span)
            if found is None:
                self.ctx.error(codes.UNKNOWN_NAME, f"cannot find variant `{segs[0]}` in this scope", pat.span,
                               "not found", help=did_you_mean(segs[0], self.visible_names()))
            return found
        owner = self.path_type(segs[:-1], ast.PathExpr(segs, [[] for _ in segs], pat.span))
        if isinstance(owner, Adt) and owner.info.is_enum:
            variant = owner.info.variant(segs[-1])
            if variant is not None:
                return variant
            self.ctx.error(codes.UNKNOWN_NAME, f"no variant named `{segs[-1]}` in enum `{owner.info.name}`",
                           pat.span, "unknown variant",
                           help=did_you_mean(segs[-1], [v.name for v in owner.info.variants]))
            return None
        if isinstance(owner, Adt) and owner.info.is_struct and len(segs) >= 1:
            return owner.info
        module = self.path_module(segs[:-1])
        if module is not None:
            found = module_value(module, segs[-1])
            if found is None:
                found = module.types.get(segs[-1])
            if found is not None:
                return found
        self.ctx.error(codes.UNKNOWN_NAME, f"cannot find `{'::'.join(segs)}`", pat.span, "not found")
        return None

    def _pat_TupleStructPat(self, pat: ast.TupleStructPat, ty: Type, mutable, kind) -> None:
        found = self._path_pattern_target(pat.segments, pat, ty)
        if isinstance(found, VariantInfo):
            args = self._pattern_args(found.enum.generics, ty)
            self._unify_pat(pat, Adt(found.enum, tuple(args)), ty)
            pat.res = VariantRes(found, args)
            mapping = dict(zip(found.enum.generics, args, strict=True))
            if found.kind != "tuple":
                self.ctx.error(codes.BAD_PATTERN, f"`{found.qualname}` is not a tuple variant", pat.span,
                               "expected a tuple variant",
                               help=f"write `{found.qualname}`" if found.kind == "unit" else
                               f"write `{found.qualname} {{ .. }}`")
                for p in pat.elems:
                    self.check_pattern(p, ERROR, mutable, kind)
                return
            self._payload(pat, [subst(f.ty, mapping) for f in found.fields], pat.elems, mutable, kind,
                          found.qualname)
        elif isinstance(found, TypeInfo) and found.tuple_struct:
            args = self._pattern_args(found.generics, ty)
            self._unify_pat(pat, Adt(found, tuple(args)), ty)
            pat.res = StructRes(found, args)
            mapping = dict(zip(found.generics, args, strict=True))
            self._payload(pat, [subst(f.ty, mapping) for f in found.fields], pat.elems, mutable, kind, found.name)
        else:
            if found is not None:
                self.ctx.error(codes.BAD_PATTERN, f"`{'::'.join(pat.segments)}` is not a tuple variant or tuple struct",
                               pat.span, "not a tuple variant")
            for p in pat.elems:
                self.check_pattern(p, ERROR, mutable, kind)

    def _pattern_args(self, generics: list, ty: Type) -> list[Type]:
        """Type arguments of a variant or struct pattern; against a value whose type already failed,
        the error type (bindings then absorb their uses instead of asking for annotations)."""
        if isinstance(prune(ty), ErrorType):
            return [ERROR for _ in generics]
        return [self.fresh() for _ in generics]

    def _payload(self, pat: ast.Pattern, types: list[Type], elems: list[ast.Pattern], mutable, kind, name: str) -> None:
        rest = [i for i, p in enumerate(elems) if isinstance(p, ast.RestPat)]
        if rest:
            before = elems[: rest[0]]
            after = elems[rest[0] + 1:]
            pairs = list(zip(before, types, strict=False)) + list(zip(after, types[len(types) - len(after):], strict=False))
        else:
            if len(elems) != len(types):
                self.ctx.error(codes.ARG_COUNT, f"this pattern has {len(elems)} field{'s' if len(elems) != 1 else ''}, "
                               f"but `{name}` has {len(types)}", pat.span,
                               f"expected {len(types)} field{'s' if len(types) != 1 else ''}",
                               help="use `..` to ignore the rest")
                for p in elems:
                    self.check_pattern(p, ERROR, mutable, kind)
                return
            pairs = list(zip(elems, types, strict=True))
        for p, t in pairs:
            self.check_pattern(p, t, mutable, kind)

    def _pat_StructPat(self, pat: ast.StructPat, ty: Type, mutable, kind) -> None:
        segs = pat.segments
        found = self._path_pattern_target(segs, pat) if len(segs) > 1 else None
        if len(segs) == 1:
            info = self.path_type(segs, ast.PathExpr(segs, [[]], pat.span))
            if isinstance(info, Adt) and info.info.is_struct:
                found = info.info
            else:
                found = self.lookup_value(segs[0], ty, pat.span)
                if not isinstance(found, VariantInfo):
                    self.ctx.error(codes.UNKNOWN_TYPE, f"cannot find struct or variant `{segs[0]}`", pat.span,
                                   "not found", help=did_you_mean(segs[0], self.visible_names()))
                    found = None
        if isinstance(found, VariantInfo):
            args = self._pattern_args(found.enum.generics, ty)
            self._unify_pat(pat, Adt(found.enum, tuple(args)), ty)
            pat.res = VariantRes(found, args)
            mapping = dict(zip(found.enum.generics, args, strict=True))
            fields = found.fields
            label = found.qualname
        elif isinstance(found, TypeInfo) and found.is_struct:
            args = self._pattern_args(found.generics, ty)
            self._unify_pat(pat, Adt(found, tuple(args)), ty)
            pat.res = StructRes(found, args)
            mapping = dict(zip(found.generics, args, strict=True))
            fields = found.fields
            label = found.name
        else:
            for fp in pat.fields:
                if fp.pattern is not None:
                    self.check_pattern(fp.pattern, ERROR, mutable, kind)
            return
        declared = {f.name: f for f in fields}
        seen: set[str] = set()
        unknown = False
        for fp in pat.fields:
            fi = declared.get(fp.name)
            seen.add(fp.name)
            if fi is None:
                unknown = True
                self.ctx.error(codes.UNKNOWN_FIELD, f"`{label}` has no field named `{fp.name}`", fp.span,
                               "unknown field", help=did_you_mean(fp.name, declared))
                if fp.pattern is None:  # `Pt { x, yy }`: `yy` is still bound (silently) for the arm's body
                    fp.pattern = ast.IdentPat(fp.name, fp.span, mutable=fp.mutable)
                    self.check_pattern(fp.pattern, ERROR, mutable, kind)
                    local = self.find_local(fp.name)
                    if local is not None:
                        local.used = True
                else:
                    self.check_pattern(fp.pattern, ERROR, mutable, kind)
                continue
            fty = subst(fi.ty, mapping)
            if fp.pattern is None:
                shorthand = ast.IdentPat(fp.name, fp.span, mutable=fp.mutable)
                fp.pattern = shorthand
            self.check_pattern(fp.pattern, fty, mutable, kind)
        missing = [n for n in declared if n not in seen]
        if missing and not pat.has_rest and not unknown:  # (a misspelt field is reported once, as unknown)
            names = ", ".join(f"`{n}`" for n in missing)
            self.ctx.error(codes.BAD_PATTERN, f"pattern does not mention field{'s' if len(missing) > 1 else ''} {names}",
                           pat.span, f"missing {names}", help="add the fields, or `..` to ignore them")

    def _pat_OrPat(self, pat: ast.OrPat, ty: Type, mutable, kind) -> None:
        """Alternatives after the first bind the first one's locals (one variable, whichever matched)."""
        outer_bindings, outer_bound = self.or_bindings, self.or_bound
        before = len(self.locals)
        self.check_pattern(pat.alts[0], ty, mutable, kind)
        first = {local.name: local for local in self.locals[before:]}
        names = [set(first)]
        self.or_bindings = outer_bindings | first
        for alt in pat.alts[1:]:
            self.or_bound = set()
            before = len(self.locals)
            self.check_pattern(alt, ty, mutable, kind)
            names.append(self.or_bound | {local.name for local in self.locals[before:]})
        self.or_bindings, self.or_bound = outer_bindings, outer_bound
        if any(n != names[0] for n in names[1:]):
            odd = sorted(set().union(*names) - set.intersection(*names))
            self.ctx.error(codes.BAD_PATTERN, "every alternative of an or-pattern must bind the same variables",
                           pat.span, f"{', '.join(f'`{n}`' for n in odd)} not bound in every alternative",
                           help="bind the same names in each alternative, with `_` for the parts you do not need")

    def _pat_SlicePat(self, pat: ast.SlicePat, ty: Type, mutable, kind) -> None:
        base = prune(ty)
        if isinstance(base, InferVar):
            unify(base, Adt(self.ctx.type_info("Vec"), (self.fresh(),)))
            base = prune(base)
        if isinstance(base, ErrorType):
            elem: Type = ERROR
        elif self.ctx.is_adt(base, "Vec"):
            elem = base.args[0]  # type: ignore[union-attr]
        elif base is STR:
            elem = CHAR
        else:
            self.ctx.error(codes.MISMATCH, "mismatched types", pat.span,
                           f"expected {self.show(base)}, found a slice pattern")
            elem = ERROR
        for p in pat.elems:
            if isinstance(p, ast.RestPat):
                continue
            if isinstance(p, ast.IdentPat) and isinstance(p.sub, ast.RestPat):
                self.check_pattern(p, base, mutable, kind)
                continue
            self.check_pattern(p, elem, mutable, kind)

    def _pat_RefPat(self, pat: ast.RefPat, ty: Type, mutable, kind) -> None:
        self.check_pattern(pat.inner, ty, mutable, kind)


def _irrefutable(pat: ast.Pattern) -> bool:
    if isinstance(pat, (ast.WildcardPat, ast.RestPat)):
        return True
    if isinstance(pat, ast.IdentPat):
        return not isinstance(pat.res, VariantRes) or _single_variant(pat.res)
    if isinstance(pat, ast.TuplePat):
        return all(_irrefutable(p) for p in pat.elems)
    if isinstance(pat, ast.StructPat):
        if isinstance(pat.res, VariantRes) and not _single_variant(pat.res):
            return False
        return all(fp.pattern is None or _irrefutable(fp.pattern) for fp in pat.fields)
    if isinstance(pat, ast.TupleStructPat):
        if isinstance(pat.res, VariantRes) and not _single_variant(pat.res):
            return False
        return all(_irrefutable(p) for p in pat.elems)
    if isinstance(pat, ast.RefPat):
        return _irrefutable(pat.inner)
    return False


def _single_variant(res: VariantRes) -> bool:
    return len(res.variant.enum.variants) == 1
