"""Format descriptors: one module-level runtime `Fmt` object per printed static type.

Built once at module load; struct and enum descriptors get their fields after construction so
recursive types (a tree of boxes) can refer to themselves.
"""

from __future__ import annotations

import ast as py
from typing import TYPE_CHECKING

from vais.backend.python import pyast as P
from vais.backend.python.classes import slot_name, variant_class_name
from vais.backend.python.typeinfo import is_value_ref, strip
from vais.sema.types import Adt, FnType, Param, Prim, Tuple, Type, subst, zonk

if TYPE_CHECKING:
    from vais.backend.python.module import ModuleGen

_PRIM_DESCS = {"bool": "BOOL", "char": "CHAR", "str": "STR", "unit": "UNIT", "never": "UNIT"}
_BUILTIN_LEAVES = {"Error": "ERROR", "Duration": "DURATION", "Ordering": "ORDERING", "Range": "RANGE"}


class Descriptors:
    def __init__(self, gen: ModuleGen):
        self.gen = gen
        self.by_key: dict[str, str] = {}
        self.init: list[py.stmt] = []

    def of(self, ty: Type) -> py.expr:
        """A Name for the descriptor of `ty`."""
        ty = zonk(strip(ty))
        leaf = self._leaf(ty)
        if leaf is not None:
            return leaf
        key = str(ty)
        existing = self.by_key.get(key)
        if existing is not None:
            return P.name(existing)
        var = f"D_{len(self.by_key)}"
        self.by_key[key] = var
        self._build(var, ty)
        return P.name(var)

    def _leaf(self, ty: Type) -> py.expr | None:
        rt = self.gen.rt
        if isinstance(ty, Prim):
            if ty.kind == "int":
                return rt("I64") if (ty.bits, ty.signed) == (64, True) else None
            if ty.kind == "float":
                return rt("F64") if ty.bits == 64 else rt("F32")
            return rt(_PRIM_DESCS[ty.kind])
        if isinstance(ty, Adt) and ty.info.builtin and ty.info.name in _BUILTIN_LEAVES:
            return rt(_BUILTIN_LEAVES[ty.info.name])
        if isinstance(ty, (Param, FnType)) or (isinstance(ty, Adt) and ty.info.builtin and ty.info.name in ("Iter", "Peekable")):
            return rt("ANY")
        return None

    def element(self, ty: Type) -> py.expr:
        """The descriptor of an element of a tuple, Vec, Option, ...: a `&mut` of a value type stored
        there is a place object, printed as its value."""
        if is_value_ref(ty):
            return P.call(self.gen.rt("PlaceFmt"), self.of(ty))
        return self.of(ty)

    def _emit(self, stmt: py.stmt) -> None:
        self.init.append(stmt)

    def _build(self, var: str, ty: Type) -> None:
        rt = self.gen.rt
        if isinstance(ty, Prim) and ty.kind == "int":
            self._emit(P.assign(var, P.call(rt("int_fmt"), P.const(ty.bits), P.const(ty.signed))))
            return
        if isinstance(ty, Tuple):
            self._emit(P.assign(var, P.call(rt("TupleFmt"), py.List([self.element(e) for e in ty.elems], P.LOAD))))
            return
        assert isinstance(ty, Adt), ty
        info = ty.info
        if info.builtin:
            args = [self.element(a) for a in ty.args]
            cls = {"Vec": "VecFmt", "HashSet": "SetFmt", "HashMap": "MapFmt", "Option": "OptionFmt",
                   "Result": "ResultFmt"}.get(info.name)
            if cls is None:
                self._emit(P.assign(var, rt("ANY")))
            else:
                self._emit(P.assign(var, P.call(rt(cls), *args)))
            return
        mapping = dict(zip(info.generics, ty.args, strict=False))
        display = self.gen.user_display_fn(ty)
        target = var
        if display is not None:
            target = f"{var}_inner"
        if info.is_struct:
            self._emit(P.assign(target, P.call(rt("StructFmt"), P.const(info.name))))
            fields = [py.Tuple([P.const(f.name), P.const(slot_name(f)), self.of(subst(f.ty, mapping))], P.LOAD)
                      for f in info.fields]
            self._emit(py.Assign([P.attr_store(P.name(target), "fields")], py.List(fields, P.LOAD)))
            if info.tuple_struct:
                self._emit(py.Assign([P.attr_store(P.name(target), "tuple")], P.const(True)))
        else:
            self._emit(P.assign(target, P.call(rt("EnumFmt"), P.const(info.name))))
            keys, values = [], []
            for variant in info.variants:
                fields = [py.Tuple([P.const(f.name), P.const(slot_name(f)), self.of(subst(f.ty, mapping))], P.LOAD)
                          for f in variant.fields]
                keys.append(P.name(variant_class_name(variant)))
                values.append(py.Call(rt("StructFmt"), [P.const(variant.name), py.List(fields, P.LOAD)],
                                      [py.keyword("tuple", P.const(variant.kind == "tuple"))]))
            self._emit(py.Assign([P.attr_store(P.name(target), "variants")], py.Dict(keys, values)))
        if display is not None:
            self._emit(P.assign(var, P.call(rt("UserDisplayFmt"), P.name(target), P.name(display))))
