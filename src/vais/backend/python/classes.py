"""Python classes for Vais structs and enums.

One class per struct and per enum variant (shared by every instantiation of a generic type):
`__slots__`, positional `__init__`, structural `__eq__`/`__hash__`, ordering by fields (enum
variants first by declaration order), and `_copy` for value semantics. Unit variants are singletons.
The boilerplate is written as Python source and parsed, which is clearer than building it node
by node; positions point at the Vais declaration.
"""

from __future__ import annotations

import ast as py

from vais.backend.python.typeinfo import needs_copy
from vais.sema.items import FieldInfo, TypeInfo, VariantInfo
from vais.sema.types import Type


def struct_class_name(info: TypeInfo) -> str:
    return f"S_{_ident(info.module.name if info.module else '')}_{info.name}"


def enum_class_name(info: TypeInfo) -> str:
    return f"E_{_ident(info.module.name if info.module else '')}_{info.name}"


def variant_class_name(variant: VariantInfo) -> str:
    return f"{enum_class_name(variant.enum)}_{variant.name}"


def unit_instance_name(variant: VariantInfo) -> str:
    return variant_class_name(variant) + "_i"


def slot_name(field: FieldInfo) -> str:
    """Python attribute of a field: its name, or `_0`, `_1` for positional payloads."""
    return f"_{field.name}" if field.name.isdigit() else field.name


def class_names(info: TypeInfo) -> list[str]:
    """Every Python class of a struct or enum: the struct's, or the enum's base then its variants'."""
    if info.is_struct:
        return [struct_class_name(info)]
    return [enum_class_name(info), *(variant_class_name(v) for v in info.variants)]


def _ident(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


def _copy_expr(value: str, ty: Type, copier: str) -> str:
    return f"{copier}({value})" if needs_copy(ty) else value


def _record_methods(cls: str, slots: list[str], copies: list[str], index: int | None) -> list[str]:
    args = ", ".join(slots)
    body = [f"    __slots__ = ({''.join(repr(s) + ', ' for s in slots)})"]
    if slots:
        body.append(f"    def __init__(self, {args}):")
        body += [f"        self.{s} = {s}" for s in slots]
        key = "(" + "".join(f"self.{s}, " for s in slots) + ")"
        okey = "(" + "".join(f"other.{s}, " for s in slots) + ")"
        body.append("    def __eq__(self, other):")
        body.append(f"        return other.__class__ is self.__class__ and {key} == {okey}")
        body.append("    def __hash__(self):")
        body.append(f"        return hash({key})")
        body.append("    def _copy(self):")
        body.append(f"        return {cls}({', '.join(copies)})")
        body.append("    def _key(self):")
        body.append(f"        return ({index}, {key})" if index is not None else f"        return {key}")
    else:
        body.append("    def _copy(self):")
        body.append("        return self")
        body.append("    def _key(self):")
        body.append(f"        return ({index}, ())" if index is not None else "        return ()")
    return body


_ORDER = [
    "    def __lt__(self, other):",
    "        return self._key() < other._key()",
    "    def __le__(self, other):",
    "        return self._key() <= other._key()",
    "    def __gt__(self, other):",
    "        return self._key() > other._key()",
    "    def __ge__(self, other):",
    "        return self._key() >= other._key()",
]


def struct_source(info: TypeInfo, copier: str) -> str:
    cls = struct_class_name(info)
    slots = [slot_name(f) for f in info.fields]
    copies = [_copy_expr(f"self.{slot_name(f)}", f.ty, copier) for f in info.fields]
    lines = [f"class {cls}:", *_record_methods(cls, slots, copies, None), *_ORDER]
    return "\n".join(lines)


def enum_source(info: TypeInfo, copier: str) -> str:
    base = enum_class_name(info)
    lines = [f"class {base}:", "    __slots__ = ()", *_ORDER]
    for variant in info.variants:
        cls = variant_class_name(variant)
        slots = [slot_name(f) for f in variant.fields]
        copies = [_copy_expr(f"self.{slot_name(f)}", f.ty, copier) for f in variant.fields]
        lines.append(f"class {cls}({base}):")
        lines += _record_methods(cls, slots, copies, variant.index)
        if variant.kind == "unit":
            lines.append(f"{unit_instance_name(variant)} = {cls}()")
    return "\n".join(lines)


def class_statements(source: str, line: int) -> list[py.stmt]:
    """Parse generated class source, giving every node the Vais declaration's line."""
    module = py.parse(source)
    for node in py.walk(module):
        if hasattr(node, "lineno"):
            node.lineno = line
            node.end_lineno = line
            node.col_offset = 0
            node.end_col_offset = 0
    return module.body
