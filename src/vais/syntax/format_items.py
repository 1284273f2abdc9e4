"""Formatter: items and the module.

Items are separated by one blank line, except that consecutive one-line items of the same kind
(`U` lines, constants, `T` aliases, one-line functions) keep the user's choice of none or one.
Keywords are printed in their single-letter form (`F S E W X T U G N A P`), constants as `const`.
Member lists (`{ fields, variants, methods }`) stay on one line only when the user wrote them
on one line and they fit; user macro rules (and attributes with a comment inside) are printed
as written.
"""

from __future__ import annotations

from vais.syntax import ast
from vais.syntax.format_comments import comment_text
from vais.syntax.format_layout import INDENT, Elem, end_col, fits, line_indent, pad
from vais.syntax.format_stmt import StmtPrinter


class ItemPrinter(StmtPrinter):
    def module(self, m: ast.Module) -> str:
        pool = self.pool
        out: list[str] = []
        anchor = 0
        previous: tuple[type, bool] | None = None
        for k, it in enumerate(m.items):
            comments = pool.take_until(it.span.start)
            text = self.item(it, 0)
            current = (type(it), "\n" not in text)
            first_line = pool.line(comments[0].span.start if comments else it.span.start)
            if previous is not None and (previous != current or not current[1]
                                         or pool.blank_between(anchor, first_line)):
                out.append("\n")
            for comment in comments:
                line = pool.line(comment.span.start)
                if out and out[-1] != "\n" and pool.blank_between(anchor, line):
                    out.append("\n")
                out.append(comment_text(comment) + "\n")
                anchor = line
            if comments and pool.blank_between(anchor, pool.line(it.span.start)):
                out.append("\n")
            tail: list[str] = [text]
            limit = m.items[k + 1].span.start if k + 1 < len(m.items) else len(self.src.text)
            anchor = max(pool.line(it.span.end - 1), self.after_comments(tail, it.span.end, limit, 0))
            out.append("".join(tail) + "\n")
            previous = current
        for comment in pool.take_until(len(self.src.text) + 1):
            line = pool.line(comment.span.start)
            if out and pool.blank_between(anchor, line):
                out.append("\n")
            out.append(comment_text(comment) + "\n")
            anchor = line
        return "".join(out)

    def item(self, it: ast.Item, ind: int) -> str:
        """An item whose first line starts at column `ind`: attributes (as written, one per
        line) and then the item itself."""
        text = ""
        for attr in getattr(it, "attrs", []):
            nxt = self.toks.starts[self.toks.index_after(attr.span.end)]
            lines = [self.attribute(attr)]
            self.after_comments(lines, attr.span.end, nxt, ind)
            lines.extend(pad(ind) + comment_text(c) for c in self.pool.take_until(nxt))
            text += "".join(lines) + pad(ind)
        render = getattr(self, "item_" + type(it).__name__)
        return text + render(it, ind, end_col(text, ind))

    def attribute(self, a: ast.Attribute) -> str:
        """`#[name(arg, arg)]` / `#[name = value]`; as written when a comment sits inside."""
        if self.pool.has_comment(a.span.start, a.span.end):
            return self.source_of(a)
        text = "#[" + a.name + (f"({', '.join(a.args)})" if a.args else "")  # each argument's text is kept
        return text + (f" = {a.value}" if a.value is not None else "") + "]"

    @staticmethod
    def vis(it: ast.Item) -> str:
        return "P " if getattr(it, "is_pub", False) else ""

    # ---- functions ----------------------------------------------------------------------------

    def item_FnDecl(self, f: ast.FnDecl, ind: int, col: int, extern_prefix: bool = True) -> str:
        head = self.vis(f) + ("A " if f.is_async else "") + ("X " if f.is_extern and extern_prefix else "")
        head += f"F {f.name}{self.generics(f.generics)}"
        after = (f" -> {self.type(f.ret)}" if f.ret is not None else "") + self.where(f.where)
        start = f.generics[-1].span.end if f.generics else f.name_span.end
        open_at = self.toks.starts[self.toks.kinds.index("(", self.toks.index_after(start))]
        close_at = self.toks.starts[self.toks.partner[self.toks.at_start[open_at]]]
        params = [self.param(p) for p in f.params]
        params_text = self.delimited("(", ")", params, ind, col + len(head), len(after) + 2,
                                     open_at, close_at + 1)
        sig = head + params_text + after
        if f.body is None:
            return sig
        here = end_col(sig, col)
        if f.expr_body:
            return sig + " = " + self.expr(f.body, line_indent(sig, ind), here + 3)
        return sig + " " + self.bare(f.body, ind, here + 1, 0)

    def param(self, p: ast.Param) -> Elem:
        if p.self_kind is not None:
            by_value = ("mut " if p.mutable else "") + "self"
            text = {"ref": "&self", "mut": "&mut self"}.get(p.self_kind, by_value)
            return Elem(p.span.start, p.span.end, text, lambda ind: text)
        name = self.pattern(p.pattern, no_or=True) if p.pattern is not None else p.name
        head = ("mut " if p.mutable else "") + name + (f": {self.type(p.ty)}" if p.ty is not None else "")
        if p.default is None:
            return Elem(p.span.start, p.span.end, head, lambda ind: head)
        return self.arg(p.default, head + " = ")

    # ---- type-like items ----------------------------------------------------------------------

    def item_StructDecl(self, s: ast.StructDecl, ind: int, col: int) -> str:
        head = self.vis(s) + ("O " if s.is_union else "S ") + s.name
        head += self.generics(s.generics) + self.where(s.where)
        if s.tuple_struct:
            return head + f"({self.types([f.ty for f in s.fields])})"
        members: list[ast.Node] = [*s.fields, *s.methods]
        if not members and not self.pool.has_comment(s.name_span.end, s.span.end):
            return head
        return head + " " + self.members(members, s.span.end - 1, ind, col + len(head) + 1)

    def item_EnumDecl(self, e: ast.EnumDecl, ind: int, col: int) -> str:
        head = self.vis(e) + "E " + e.name + self.generics(e.generics) + self.where(e.where) + " "
        return head + self.members([*e.variants, *e.methods], e.span.end - 1, ind, col + len(head))

    def item_TraitDecl(self, t: ast.TraitDecl, ind: int, col: int) -> str:
        supers = f": {self.bounds(t.supertraits)}" if t.supertraits else ""
        head = self.vis(t) + "W " + t.name + self.generics(t.generics) + supers + self.where(t.where) + " "
        return head + self.members([*t.assoc_types, *t.methods], t.span.end - 1, ind, col + len(head))

    def item_ImplDecl(self, x: ast.ImplDecl, ind: int, col: int) -> str:
        head = "X" + self.generics(x.generics) + " " + self.type(x.target, no_optional=True)
        if x.trait is not None:
            head += ": " + self.type(x.trait, no_optional=True)
        head += self.where(x.where) + " "
        return head + self.members([*x.assoc_types, *x.methods], x.span.end - 1, ind, col + len(head))

    def item_ExternBlock(self, n: ast.ExternBlock, ind: int, col: int) -> str:
        head = "N " + (f'"{n.abi}" ' if n.abi is not None else "")
        return head + self.members(list(n.fns), n.span.end - 1, ind, col + len(head), extern_block=True)

    def members(self, members: list[ast.Node], close: int, ind: int, col: int,
                extern_block: bool = False) -> str:
        """`{ a, b }` when the user wrote it on one line and it fits, else one member per line
        (fields and variants end with `,`, methods and associated types stand alone)."""
        members = sorted(members, key=lambda m: m.span.start)
        open_at = self.toks.opener_of(close)
        if self.pool.line(open_at) == self.pool.line(close) and not self.pool.has_comment(open_at, close):
            mark = self.pool.cursor
            parts = [self.member(m, ind, extern_block) for m in members]
            self.pool.cursor = mark
            flat = "".join(p + ("" if k == len(parts) - 1 else "; " if _is_fn_like(m) else ", ")
                           for k, (p, m) in enumerate(zip(parts, members, strict=True)))
            flat = f"{{ {flat} }}" if flat else "{}"
            if "\n" not in flat and fits(flat, col):
                return flat
        elems = [Elem(m.span.start, m.span.end, None, lambda i, m=m: self.member(m, i, extern_block),
                      "" if _is_fn_like(m) else ",") for m in members]
        return "{" + self.vertical(elems, ind + INDENT, open_at, close, blanks=True) + pad(ind) + "}"

    def member(self, m: ast.Node, ind: int, extern_block: bool) -> str:
        kind = type(m)
        if kind is ast.FieldDecl:
            return ("P " if m.is_pub else "") + f"{m.name}: {self.type(m.ty)}"
        if kind is ast.FnDecl:
            if extern_block:
                return self.item_FnDecl(m, ind, ind, extern_prefix=False)
            return self.item(m, ind)
        if kind is ast.AssocType:
            bounds = f": {self.bounds(m.bounds)}" if m.bounds else ""
            return f"T {m.name}{bounds}" + (f" = {self.type(m.value)}" if m.value is not None else "")
        return self.variant(m, ind)

    def variant(self, v: ast.Variant, ind: int) -> str:
        text = v.name
        if v.kind == "tuple":
            text += f"({self.types(v.tuple_fields)})"
        elif v.kind == "struct":
            end = v.discriminant.span.start if v.discriminant is not None else v.span.end
            close = self.toks.starts[self.toks.index_after(end) - (2 if v.discriminant is not None else 1)]
            text += " " + self.members(list(v.struct_fields), close, ind, ind + len(text) + 1)
        if v.discriminant is not None:
            text += " = " + self.expr(v.discriminant, ind, end_col(text, ind) + 3)
        return text

    # ---- other items --------------------------------------------------------------------------

    def item_TypeAlias(self, t: ast.TypeAlias, ind: int, col: int) -> str:
        return self.vis(t) + f"T {t.name}{self.generics(t.generics)} = {self.type(t.ty)}"

    def item_UseDecl(self, u: ast.UseDecl, ind: int, col: int) -> str:
        text = self.vis(u) + "U " + "/".join(u.path)
        if u.glob:
            text += ".*"
        elif u.names is not None:
            alias = f" as {u.alias}" if u.alias else ""
            if len(u.names) == 1:
                return text + f".{u.names[0]}" + alias
            flat = text + ".{" + ", ".join(u.names) + "}" + alias
            if fits(flat, col, 0):
                return flat
            return text + ".{" + _filled(u.names, ind + INDENT) + pad(ind) + "}" + alias
        return text + (f" as {u.alias}" if u.alias else "")

    def item_ConstDecl(self, c: ast.ConstDecl | ast.GlobalDecl, ind: int, col: int) -> str:
        keyword = "G " if type(c) is ast.GlobalDecl else "const "
        head = self.vis(c) + keyword + c.name + (f": {self.type(c.ty)}" if c.ty is not None else "") + " = "
        return head + self.expr(c.value, ind, col + len(head))

    item_GlobalDecl = item_ConstDecl

    def item_MacroDecl(self, m: ast.MacroDecl, ind: int, col: int) -> str:
        """Rules are token patterns: each is printed exactly as written."""
        head = self.vis(m) + f"macro {m.name}! "
        close = m.span.end - 1
        open_at = self.toks.opener_of(close)
        rules = [self.src.text[r.span.start:r.span.end] for r in m.rules]
        if (len(rules) == 1 and self.pool.line(open_at) == self.pool.line(close)
                and not self.pool.has_comment(open_at, close)):
            return head + f"{{ {rules[0]} }}"
        elems = [Elem(r.span.start, r.span.end, None, lambda i, text=text: text, "")
                 for r, text in zip(m.rules, rules, strict=True)]
        return head + "{" + self.vertical(elems, ind + INDENT, open_at, close, blanks=True) + pad(ind) + "}"


def _is_fn_like(m: ast.Node) -> bool:
    return type(m) in (ast.FnDecl, ast.AssocType)


def _filled(names: list[str], ind: int) -> str:
    """Names of a long import list, as many per line as fit (like rustfmt's), each followed by `,`."""
    lines: list[str] = []
    for name in names:
        if lines and fits(f"{lines[-1]} {name},", ind, 0):
            lines[-1] += f" {name},"
        else:
            lines.append(f"{name},")
    return "".join(pad(ind) + line for line in lines)
