"""Grammar of items (functions, structs, enums, traits, impls, aliases, uses, consts, globals,
extern blocks, macro declarations, attributes) and of the module, with item-level recovery."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from vais.syntax import ast
from vais.syntax.parser_core import ParseError, make_span
from vais.syntax.parser_stmt import StmtMixin
from vais.syntax.parser_types import is_name_token
from vais.syntax.source import Span
from vais.syntax.tokens import CLOSERS, KEYWORD_MEANING, OPENERS, Token, describe


class ItemMixin(StmtMixin):
    def module(self, comments: list[ast.Comment]) -> ast.Module:
        items: list[ast.Item] = []
        while True:
            self.nl_sig = True
            self.no_struct = False
            self.depth = 0
            kind = self.kind
            if kind == "EOF":
                break
            if kind == ";":
                self.next()
                continue
            first = self.i
            try:
                items.append(self.item())
            except ParseError:
                self.sync_item(first)
        return ast.Module(items, make_span(self.src, 0, len(self.text)), comments)

    def prefix(self) -> tuple[int, list[ast.Attribute], bool]:
        """What may precede an item or a member: its start, `#[...]` attributes and `P` (pub)."""
        start = self.tok[2]
        attrs: list[ast.Attribute] = []
        while self.kind == "#[":
            attrs.append(self.attribute())
        is_pub = self.kind == "P"
        if is_pub:
            self.next()
        return start, attrs, is_pub

    def item(self) -> ast.Item:
        start, attrs, is_pub = self.prefix()
        if self.kind == "A":
            self.next()
            if self.kind != "F":
                self.expected("`F` after `A` (async)", help="only functions can be async: `A F name() { ... }`")
            return self.fn_decl(start, attrs, is_pub, is_async=True)
        kind = self.kind
        if kind == "F":
            return self.fn_decl(start, attrs, is_pub)
        handler = _ITEMS.get(kind)
        if handler is None or (kind == "C" and self.tok[1] == "continue"):
            self.not_an_item()
        return handler(self, start, attrs, is_pub)

    def not_an_item(self) -> NoReturn:
        tok = self.tok
        if tok[0] in CLOSERS:
            self.fail("E0014", f"unexpected closing delimiter `{tok[0]}`", label="no matching opener",
                      help="remove it, or add the opening delimiter it belongs to")
        help = "items start with `F`, `S`, `E`, `X`, `W`, `T`, `U`, `C`/`const`, `G`, `N` or `macro`; " \
               "statements belong inside a function body"
        keyword = _MISSPELT_KEYWORDS.get(tok[1]) if tok[0] == "ID" else None
        previous = self.toks[self.i - 1] if self.i else None
        if keyword is not None:  # `Fn main() {`, `func main()`, `def f()`
            help = f"`{tok[1]}` is not a keyword: write `{keyword}`"
        elif tok[4] and previous is not None and previous[0] == ")" and tok[0] not in ("EOF",):
            help = "if the line above is a function signature, its body is missing: add `{` at its end"
        elif tok[4] and previous is not None and previous[0] == "}" and self.src.line_col(tok[2])[1] > 1:
            line = self.src.line_col(previous[2])[0]
            help = (f"this line is indented like a statement: the `}}` on line {line} may close the function "
                    "too early")
        self.fail("E0020", f"expected an item, found {describe(tok)}", label="expected an item", help=help)

    def item_name(self, what: str) -> tuple[str, Span]:
        """The name after an item keyword: a keyword or a missing name is reported, and parsing goes on."""
        tok = self.tok
        kind = tok[0]
        if kind == "ID":
            self.next()
            return tok[1], self.tok_span(tok)
        if kind == "EOF" or kind == "ERR":
            self.expected(f"a {what} name")
        if tok[1][:1].isalpha():
            meaning = KEYWORD_MEANING.get(kind, "")
            help = (f"`{tok[1]}` is the {meaning} keyword; pick another name" if meaning
                    else f"`{tok[1]}` is a keyword; pick another name")
            self.report("E0017", f"expected a {what} name, found keyword `{tok[1]}`", tok[2], tok[3],
                        "a keyword cannot be a name", help)
            self.next()
            return tok[1], self.tok_span(tok)
        self.report("E0010", f"expected a {what} name, found {describe(tok)}", tok[2], tok[3],
                    f"expected a {what} name here", f"give the {what} a name")
        return "", make_span(self.src, tok[2], tok[2])

    # ---- functions ----------------------------------------------------------------------------

    def fn_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool, is_async: bool = False,
                is_extern: bool = False) -> ast.FnDecl:
        keyword = self.next()
        name, name_span = self.item_name("function")
        generics = self.generic_params() if self.kind == "<" else []
        params = self.fn_params()
        ret = None
        if self.kind == "->":
            self.next()
            ret = self.type()
        where = self.where_clause() if self.kind == "where" else []
        body: ast.Expr | None = None
        expr_body = False
        if self.kind == "=":
            self.next()
            body = self.expr()
            expr_body = True
        elif self.kind == "{":
            body = self.block()
        return ast.FnDecl(name, generics, params, ret, where, body, self.sp(start), name_span, expr_body,
                          is_pub, is_async, is_extern, attrs, keyword[1])

    def fn_params(self) -> list[ast.Param]:
        if self.kind != "(":
            self.expected("`(` and the parameter list", help="functions are written `F name(a: i64) -> i64 { ... }`")
        opener = self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        self.nl_sig = self.no_struct = False
        params: list[ast.Param] = []
        while self.kind != ")":
            params.append(self.param())
            if self.kind == ",":
                self.next()
            elif self.kind != ")":
                self.bad_delim(opener, ")", "between parameters")
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns
        return params

    def param(self) -> ast.Param:
        """`a: T`, `mut a: T`, `a` (inferred), `a: T = default`, `(a, b): T`, `self`, `&self`, `&mut self`."""
        tok = self.tok
        start = tok[2]
        kind = tok[0]
        if kind == "&":
            self.next()
            mutable = False
            if self.kind == "mut":
                self.next()
                mutable = True
            if self.kind != "self":
                self.expected("`self` after `&` in the parameter list")
            self.next()
            return ast.Param("self", None, self.sp(start), self_kind="mut" if mutable else "ref")
        mutable = False
        if kind == "mut":
            self.next()
            mutable = True
        if self.kind == "self":
            self.next()
            return ast.Param("self", None, self.sp(start), mutable=mutable, self_kind="value")
        pattern = None
        if self.kind == "ID" or self.kind == "_":
            name = self.next()[1]
        else:
            pattern = self.pattern_no_or()
            name = ""
        ty = None
        if self.kind == ":":
            self.next()
            ty = self.type()
        default = None
        if self.kind == "=":
            self.next()
            default = self.expr()
        return ast.Param(name, ty, self.sp(start), mutable, None, pattern, default)

    # ---- type-like items ----------------------------------------------------------------------

    def struct_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.StructDecl:
        keyword = self.next()
        name, name_span = self.item_name("struct")
        generics = self.generic_params() if self.kind == "<" else []
        where = self.where_clause() if self.kind == "where" else []
        fields: list[ast.FieldDecl] = []
        methods: list[ast.FnDecl] = []
        tuple_struct = self.kind == "("
        if tuple_struct:
            for index, ty in enumerate(self.type_list("(", ")")):
                fields.append(ast.FieldDecl(str(index), ty, ty.span))
        elif self.kind == "{":
            self.members("struct", lambda: self.field_or_method(fields, methods))
        return ast.StructDecl(name, generics, fields, methods, self.sp(start), name_span, where, is_pub, attrs,
                              keyword[0] == "O", tuple_struct, keyword[1])

    def field_or_method(self, fields: list[ast.FieldDecl], methods: list[ast.FnDecl]) -> None:
        start = self.tok[2]
        if self.kind in ("F", "A", "#[") or (self.kind == "P" and self.peek_kind() in ("F", "A")):
            methods.append(self.method())
            return
        is_pub = False
        if self.kind == "P":
            self.next()
            is_pub = True
        fields.append(self.field_decl(start, is_pub))

    def field_decl(self, start: int, is_pub: bool) -> ast.FieldDecl:
        name = self.tok
        if name[0] != "ID":
            self.expected("a field name", help="fields are written `name: Type`")
        self.next()
        if self.kind != ":":
            found = self.tok[1] if is_name_token(self.tok) else "Type"
            self.fail("E0010", f"expected `:` after the field name `{name[1]}`, found {describe(self.tok)}",
                      label="expected `:`", help=f"write `{name[1]}: {found}`")
        self.next()
        ty = self.type()
        return ast.FieldDecl(name[1], ty, self.sp(start), is_pub)

    def method(self) -> ast.FnDecl:
        """A function member (of a struct, enum, trait, impl or extern block), with attributes/P/A."""
        start, attrs, is_pub = self.prefix()
        is_async = False
        if self.kind == "A":
            self.next()
            is_async = True
        if self.kind != "F":
            self.expected("`F` and a method", help="members here are methods: `F name(&self) { ... }`" + (
                "; declare the constant at item level (`const MAX: i64 = 10` outside the block)"
                if self.kind in ("const", "C") else ""))
        return self.fn_decl(start, attrs, is_pub, is_async)

    def members(self, what: str, member: Callable[[], None]) -> None:
        """`{ member, member \\n member; member }` with recovery per member (cursor on `{`)."""
        self.next()
        saved_nl, saved_ns = self.nl_sig, self.no_struct
        depth = self.depth
        while True:
            self.nl_sig = True
            self.no_struct = False
            kind = self.kind
            if kind == "}":
                break
            if kind == "," or kind == ";":
                self.next()
                continue
            if kind == "EOF":
                self.expected(f"`}}` to close the {what}")
            first = self.i
            try:
                member()
                kind = self.kind
                if kind == "," or kind == ";":
                    self.next()
                elif kind != "}" and not self.tok[4] and self.toks[self.i - 1][0] != "}":
                    self.fail("E0010", f"expected `,`, `;` or a newline after the {what} member, found "
                              f"{describe(self.tok)}", label="expected a separator",
                              help="put each member on its own line or separate them with `,`")
            except ParseError:
                self.depth = depth
                self.sync(first, commas=True)
        self.next()
        self.nl_sig, self.no_struct = saved_nl, saved_ns

    def enum_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.EnumDecl:
        keyword = self.next()
        name, name_span = self.item_name("enum")
        generics = self.generic_params() if self.kind == "<" else []
        where = self.where_clause() if self.kind == "where" else []
        variants: list[ast.Variant] = []
        methods: list[ast.FnDecl] = []
        if self.kind != "{":
            self.expected("`{` and the variants", help="enums are written `E Name { A, B(i64), C { x: i64 } }`")

        def member() -> None:
            if self.kind in ("F", "A", "#[", "P"):
                methods.append(self.method())
            else:
                variants.append(self.variant())

        self.members("enum", member)
        return ast.EnumDecl(name, generics, variants, self.sp(start), name_span, methods, where, is_pub, attrs,
                            keyword[1])

    def variant(self) -> ast.Variant:
        tok = self.tok
        if tok[0] != "ID":
            meaning = KEYWORD_MEANING.get(tok[0], "") if tok[1][:1].isalpha() else ""
            self.expected("a variant name", help=f"`{tok[1]}` is the {meaning} keyword; pick another name"
                          if meaning else None)
        self.next()
        kind = "unit"
        tuple_fields: list[ast.TypeExpr] = []
        struct_fields: list[ast.FieldDecl] = []
        if self.kind == "(":
            kind = "tuple"
            tuple_fields = self.type_list("(", ")")
        elif self.kind == "{":
            kind = "struct"
            self.members("variant", lambda: struct_fields.append(self.field_decl(self.tok[2], False)))
        discriminant = None
        if self.kind == "=":
            self.next()
            discriminant = self.expr()
        return ast.Variant(tok[1], kind, tuple_fields, struct_fields, self.sp(tok[2]), discriminant)

    def trait_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.TraitDecl:
        keyword = self.next()
        name, name_span = self.item_name("trait")
        generics = self.generic_params() if self.kind == "<" else []
        supertraits: list[ast.TypeExpr] = []
        if self.kind == ":":
            self.next()
            supertraits = self.bounds()
        where = self.where_clause() if self.kind == "where" else []
        methods: list[ast.FnDecl] = []
        assoc: list[ast.AssocType] = []
        if self.kind != "{":
            self.expected("`{` and the trait's methods")
        self.members("trait", lambda: self.assoc_or_method(methods, assoc))
        return ast.TraitDecl(name, generics, supertraits, methods, self.sp(start), name_span, assoc, where,
                             is_pub, attrs, keyword[1])

    def assoc_or_method(self, methods: list[ast.FnDecl], assoc: list[ast.AssocType]) -> None:
        """A member of a trait or impl: a method or `T Name [: Bounds] [= Type]`."""
        if self.kind != "T":
            methods.append(self.method())
            return
        start = self.next()[2]
        name = self.expect("ID", "the associated type's name")[1]
        bounds: list[ast.TypeExpr] = []
        if self.kind == ":":
            self.next()
            bounds = self.bounds()
        value = None
        if self.kind == "=":
            self.next()
            value = self.type()
        assoc.append(ast.AssocType(name, bounds, value, self.sp(start)))

    def impl_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.Item:
        """`X<T> Type<T>: Trait where ... { }`, `X Trait for Type { }`, or `X F name(...)` (extern fn)."""
        if self.peek_kind() == "F":
            self.next()
            return self.fn_decl(start, attrs, is_pub, is_extern=True)
        keyword = self.next()
        if is_pub:
            self.fail("E0020", "an impl cannot be marked `P`", keyword, "remove `P` here",
                      "mark the methods inside the impl `P` instead")
        generics = self.generic_params() if self.kind == "<" else []
        target = self.type(optional_ok=False)
        trait = None
        style = ":"
        if self.kind == ":":
            self.next()
            trait = self.type(optional_ok=False)
        elif self.kind == "LF" and self.tok[1] == "for":
            self.next()
            trait, target = target, self.type(optional_ok=False)
            style = "for"
        where = self.where_clause() if self.kind == "where" else []
        methods: list[ast.FnDecl] = []
        assoc: list[ast.AssocType] = []
        if self.kind != "{":
            self.expected("`{` and the methods of the impl")
        self.members("impl", lambda: self.assoc_or_method(methods, assoc))
        return ast.ImplDecl(generics, target, trait, methods, self.sp(start), assoc, where, attrs, style,
                            keyword[1])

    def type_alias(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.TypeAlias:
        keyword = self.next()
        name, name_span = self.item_name("type alias")
        generics = self.generic_params() if self.kind == "<" else []
        self.expect("=", "`=` and the aliased type", help="type aliases are written `T Name = Type`")
        ty = self.type()
        return ast.TypeAlias(name, generics, ty, self.sp(start), name_span, is_pub, attrs, keyword[1])

    # ---- other items --------------------------------------------------------------------------

    def use_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.UseDecl:
        """`U std/math`, `U std::math`, `U a/b.{X, Y}`, `U a::{X}`, `U a.X`, `U a::*`, `U a as b`."""
        keyword = self.next()
        path = [self.path_segment()]
        separator = ""
        names: list[str] | None = None
        glob = False
        while self.kind in ("/", "::", "."):
            sep = self.next()[0]
            if self.kind == "{":
                names = self.use_names()
                break
            if self.kind == "*":
                self.next()
                glob = True
                break
            if sep == ".":
                names = [self.path_segment()]
                break
            separator = separator or sep
            path.append(self.path_segment())
        alias = None
        if self.kind == "as":
            self.next()
            alias = self.expect("ID", "a name after `as`")[1]
        return ast.UseDecl(path, names, self.sp(start), separator or "/", alias, is_pub, glob, keyword[1])

    def path_segment(self) -> str:
        if not is_name_token(self.tok) or self.tok[4]:  # (a path never goes on onto the next line: `U std/`)
            self.expected("a module path segment", help="write `U std/math` or `U mymod`")
        return self.next()[1]

    def use_names(self) -> list[str]:
        return self.comma_list(self.next(), "}", self.imported_name, "in the imported names")

    def imported_name(self) -> str:
        """A name inside `U a.{X, Y}`: unlike path segments, the list may go on over several lines."""
        if not is_name_token(self.tok):
            self.expected("an imported name", help="write `U std/collections.{HashMap, HashSet}`")
        return self.next()[1]

    def const_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.Item:
        """`C NAME: T = v`, `const NAME: T = v`, `G NAME: T = v` (also `= mut v` for globals)."""
        keyword = self.next()
        is_global = keyword[0] == "G"
        name, name_span = self.item_name("global" if is_global else "constant")
        ty = None
        if self.kind == ":":
            self.next()
            ty = self.type()
        self.expect("=", "`=` and a value", help=f"write `{keyword[1]} {name or 'NAME'}: Type = value`")
        if is_global and self.kind == "mut":
            self.next()
        value = self.expr()
        if is_global:
            return ast.GlobalDecl(name, ty, value, self.sp(start), name_span, is_pub, attrs, keyword[1])
        return ast.ConstDecl(name, ty, value, self.sp(start), name_span, is_pub, attrs, keyword[1])

    def extern_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.Item:
        """`N "C" { F malloc(size: i64) -> *u8 }` or `N F name(...)`."""
        if self.peek_kind() == "F":
            self.next()
            return self.fn_decl(start, attrs, is_pub, is_extern=True)
        keyword = self.next()
        abi = None
        if self.kind == "STR":
            abi = self.str_lit(self.next()).plain_value
        if self.kind != "{":
            self.expected("`{` and the extern declarations", help='write `N "C" { F name(x: i64) -> i64 }`')
        fns: list[ast.FnDecl] = []

        def member() -> None:
            fn = self.method()
            fn.is_extern = True
            fns.append(fn)

        self.members("extern block", member)
        return ast.ExternBlock(abi, fns, self.sp(start), attrs, keyword[1])

    def macro_decl(self, start: int, attrs: list[ast.Attribute], is_pub: bool) -> ast.MacroDecl:
        """`macro name! { (pattern) => { body } ... }` (rules separated by `;`, `,` or newlines)."""
        self.next()
        name, name_span = self.item_name("macro")
        self.expect("!", "`!` after the macro name", help="macros are declared `macro name! { ($x:expr) => { ... } }`")
        if self.kind != "{":
            self.expected("`{` and the macro rules")
        self.next()
        rules: list[ast.MacroRule] = []
        while self.kind != "}":
            kind = self.kind
            if kind == ";" or kind == ",":
                self.next()
                continue
            rule_start = self.tok[2]
            pattern = self.token_tree("the macro pattern")
            self.expect("=>", "`=>` between the macro pattern and its body")
            body = self.token_tree("the macro body")
            rules.append(ast.MacroRule(pattern, body, self.sp(rule_start)))
        self.next()
        return ast.MacroDecl(name, rules, self.sp(start), name_span, is_pub, attrs)

    def token_tree(self, what: str) -> list[Token]:
        """The tokens between a bracket pair (cursor on the opener), kept raw."""
        if self.kind not in ("(", "[", "{"):
            self.expected(f"`(`, `[` or `{{` starting {what}")
        close = self.match_close(self.i)
        if close < 0:
            self.seek(len(self.toks) - 1)
            self.expected(f"the end of {what}")
        tokens = [Token(*t) for t in self.toks[self.i + 1:close]]
        self.seek(close + 1)
        return tokens

    def attribute(self) -> ast.Attribute:
        """`#[name]`, `#[name(arg, ...)]`, `#[name = value]`; arguments are kept as raw text."""
        opener = self.next()
        if not is_name_token(self.tok):
            self.expected("an attribute name", help="attributes look like `#[test]` or `#[derive(Debug)]`")
        name = self.next()[1]
        while self.kind == "::":
            self.next()
            name += "::" + self.path_segment()
        args: list[str] = []
        value = None
        if self.kind == "(":
            close = self.match_close(self.i)
            if close < 0:
                self.seek(len(self.toks) - 1)
                self.expected("`)` closing the attribute arguments")
            args = self.raw_args(self.i + 1, close)
            self.seek(close + 1)
        elif self.kind == "=":
            self.next()
            first = self.i
            while self.kind not in ("]", "EOF") and not self.tok[4]:
                self.next()
            value = self.text[self.toks[first][2]:self.toks[self.i - 1][3]] if self.i > first else ""
        if self.kind != "]":
            self.bad_delim(opener, "]", "in the attribute")
        self.next()
        return ast.Attribute(name, args, self.sp(opener[2]), value)

    def raw_args(self, first: int, end: int) -> list[str]:
        """Source texts of the comma-separated token runs in toks[first:end] (outside brackets)."""
        args: list[str] = []
        depth = 0
        run = first
        toks = self.toks
        for j in range(first, end + 1):
            kind = toks[j][0]
            if j == end or (kind == "," and depth == 0):
                if j > run:
                    args.append(self.text[toks[run][2]:toks[j - 1][3]])
                run = j + 1
            elif kind in OPENERS:
                depth += 1
            elif kind in CLOSERS:
                depth -= 1
        return args


_ITEMS: dict[str, Callable[[ItemMixin, int, list[ast.Attribute], bool], ast.Item]] = {
    "S": ItemMixin.struct_decl, "O": ItemMixin.struct_decl,
    "E": ItemMixin.enum_decl, "EN": ItemMixin.enum_decl,
    "W": ItemMixin.trait_decl, "X": ItemMixin.impl_decl, "T": ItemMixin.type_alias,
    "U": ItemMixin.use_decl, "C": ItemMixin.const_decl, "const": ItemMixin.const_decl,
    "G": ItemMixin.const_decl, "N": ItemMixin.extern_decl, "macro": ItemMixin.macro_decl,
}


# Spellings from other languages of item keywords, for a clearer E0020.
_MISSPELT_KEYWORDS = {"Fn": "F", "FN": "F", "func": "F", "function": "F", "def": "F", "Struct": "S",
                      "class": "S", "Enum": "E", "Impl": "X", "Trait": "W", "interface": "W", "Use": "U",
                      "import": "U"}
