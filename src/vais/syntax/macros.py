"""Expansion of user macros (`macro name! { (pattern) => { body } ... }`).

`expand_macros(module)` replaces, in place, every call of a macro declared in the module (or
passed in `macros`) by the expression its first matching rule produces, and returns the
diagnostics. A call no rule matches stays a `MacroCall` and gets an E0030 diagnostic.

Rules work on tokens, like Rust's `macro_rules!`: a pattern is literal tokens, fragments
`$x:expr|ident|ty|tt|literal|pat|block` and repetitions `$( ... ) sep? *|+|?`. The body is
transcribed with each `$x:expr` wrapped in parentheses, so it stays one node (`square!(2 + 3)`
with `$x * $x` is `(2 + 3) * (2 + 3)` = 25), then parsed as a block body: a body that is a single
expression becomes that expression, otherwise a block. Tokens from the arguments keep their
positions; tokens from the macro body take the call's span, so every node of the expansion points
into the call site. Expansion is not hygienic: names in the body resolve where the macro is used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from vais.syntax import ast
from vais.syntax.diagnostics import Diagnostic, Label
from vais.syntax.parser import Parser, gc_paused
from vais.syntax.parser_core import ParseError, Shared, matching_close
from vais.syntax.source import SourceFile
from vais.syntax.tokens import CLOSERS, LITERAL_KINDS, OPENERS

MAX_EXPANSION_DEPTH = 64
FRAGMENT_KINDS = frozenset(("expr", "ident", "ty", "tt", "literal", "pat", "block"))


@dataclass(slots=True)
class _Fragment:
    name: str
    kind: str


@dataclass(slots=True)
class _Repeat:
    body: list[Any]  # matchers
    separator: str | None
    op: str  # "*", "+" or "?"


Matcher = Any  # a token tuple (literal), _Fragment or _Repeat
Bindings = dict[str, Any]  # name -> (kind, tokens) or list of Bindings-values for repetitions


class MacroError(Exception):
    """A malformed rule (reported at the declaration)."""


def expand_macros(module: ast.Module, macros: Mapping[str, ast.MacroDecl] | None = None) -> list[Diagnostic]:
    """Expand user macro calls in `module` in place; `macros` adds declarations from elsewhere."""
    decls: dict[str, ast.MacroDecl] = dict(macros or {})
    decls.update((item.name, item) for item in module.items if isinstance(item, ast.MacroDecl))
    if not decls:
        return []
    expander = _Expander(module.span.source, decls)
    if not expander.call_sites:
        return []
    with gc_paused():
        expander.visit(module, 0)
    return expander.diags


class _Expander:
    def __init__(self, source: SourceFile, decls: dict[str, ast.MacroDecl]) -> None:
        self.source = source
        self.decls = decls
        self.diags: list[Diagnostic] = []
        self.rules: dict[str, list[tuple[list[Matcher], list[tuple]]] | None] = {}
        # where `name!` occurs in the text: only subtrees whose span covers one can hold a call,
        # so the walk skips everything else (most of a module)
        names = "|".join(re.escape(n) for n in decls)
        self.call_sites = [m.start() for m in re.finditer(rf"\b(?:{names})!", source.text)]

    def may_hold_call(self, node: ast.Node) -> bool:
        span = node.span
        i = bisect_left(self.call_sites, span.start)
        return i < len(self.call_sites) and self.call_sites[i] < max(span.end, span.start + 1)

    # ---- walking the tree ---------------------------------------------------------------------

    def visit(self, node: ast.Node, depth: int) -> None:
        for name in _field_names(type(node)):
            value = getattr(node, name)
            if isinstance(value, ast.Node):
                setattr(node, name, self.visit_value(value, depth))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ast.Node):
                        value[index] = self.visit_value(item, depth)

    def visit_value(self, node: ast.Node, depth: int) -> ast.Node:
        if not self.may_hold_call(node):
            return node
        if type(node) is ast.MacroCall and node.name in self.decls:
            expanded = self.expand(node, depth)
            if expanded is not node:
                return self.visit_value(expanded, depth + 1)
        self.visit(node, depth)
        return node

    # ---- one call -----------------------------------------------------------------------------

    def expand(self, call: ast.MacroCall, depth: int) -> ast.Expr:
        span = call.span
        if depth >= MAX_EXPANSION_DEPTH:
            self.error("E0032", f"recursion limit reached while expanding `{call.name}!`", span,
                       f"a macro may expand into other macro calls at most {MAX_EXPANSION_DEPTH} levels deep")
            return call
        rules = self.compiled(self.decls[call.name])
        if rules is None:
            return call
        args = [tuple(t) for t in call.tokens]
        for matchers, body in rules:
            bindings = _match(matchers, args, 0, self.source)
            if bindings is None or bindings[1] != len(args):
                continue
            tokens = _transcribe(body, bindings[0], span.start, span.end)
            return self.parse_expansion(call, tokens)
        self.error("E0030", f"no rule of macro `{call.name}!` matches these arguments", span,
                   f"see the patterns of `macro {call.name}!`",
                   [Label(self.decls[call.name].name_span, "macro declared here")])
        return call

    def compiled(self, decl: ast.MacroDecl) -> list[tuple[list[Matcher], list[tuple]]] | None:
        if decl.name not in self.rules:
            try:
                self.rules[decl.name] = [(_compile(list(map(tuple, rule.pattern))), list(map(tuple, rule.body)))
                                         for rule in decl.rules]
            except MacroError as exc:
                self.error("E0033", f"invalid rule in macro `{decl.name}!`: {exc}", decl.name_span,
                           "fragments are written `$name:kind` with kind expr, ident, ty, tt, literal, pat or block")
                self.rules[decl.name] = None
        return self.rules[decl.name]

    def parse_expansion(self, call: ast.MacroCall, tokens: list[tuple]) -> ast.Expr:
        start, end = call.span.start, call.span.end
        wrapped = [("{", "{", start, start, False, None), *tokens, ("}", "}", end, end, True, None),
                   ("EOF", "", end, end, True, None)]
        diags: list[Diagnostic] = []
        parser = Parser(Shared(self.source, wrapped, diags, False), wrapped)
        try:
            block = parser.block()
            if parser.kind != "EOF":
                raise ParseError
        except ParseError:
            block = None
        if block is None or diags:
            detail = diags[0].message if diags else "the tokens do not form a block"
            self.error("E0031", f"the expansion of `{call.name}!` does not parse: {detail}", call.span,
                       "check the macro body and the arguments")
            return call
        result: ast.Expr = block
        if block.tail is not None and len(block.stmts) == 1:
            result = block.tail
        result.span = call.span  # the expansion stands where the call stood
        return result

    def error(self, code: str, message: str, span: Any, help: str | None = None,
              secondary: list[Label] | None = None) -> None:
        self.diags.append(Diagnostic(code, message, span, label="in this macro call" if code != "E0033" else "",
                                     help=help, secondary=secondary or []))


# ---- rules ----------------------------------------------------------------------------------


def _compile(pattern: list[tuple]) -> list[Matcher]:
    """Turn pattern tokens into matchers."""
    out: list[Matcher] = []
    i = 0
    while i < len(pattern):
        tok = pattern[i]
        if tok[0] != "$":
            out.append(tok)
            i += 1
            continue
        nxt = pattern[i + 1] if i + 1 < len(pattern) else None
        if nxt is not None and nxt[0] == "(":
            close = matching_close(pattern, i + 1)
            if close < 0:
                raise MacroError("unclosed `$(`")
            body = _compile(pattern[i + 2:close])
            j = close + 1
            separator = None
            if j < len(pattern) and pattern[j][0] not in ("*", "+", "?"):
                separator = pattern[j][0]
                j += 1
            if j >= len(pattern) or pattern[j][0] not in ("*", "+", "?"):
                raise MacroError("a repetition `$( ... )` must end with `*`, `+` or `?`")
            out.append(_Repeat(body, separator, pattern[j][0]))
            i = j + 1
            continue
        if (nxt is None or not nxt[1][:1].isalpha() or i + 3 >= len(pattern)
                or pattern[i + 2][0] != ":" or pattern[i + 3][1] not in FRAGMENT_KINDS):
            raise MacroError(f"`$` must start a fragment like `$x:expr` (at `{nxt[1] if nxt else '$'}`)")
        out.append(_Fragment(nxt[1], pattern[i + 3][1]))
        i += 4
    return out


def _match(matchers: list[Matcher], toks: list[tuple], pos: int, source: SourceFile) -> tuple[Bindings, int] | None:
    """Match `matchers` against toks[pos:]; returns (bindings, position after) or None."""
    bindings: Bindings = {}
    for matcher in matchers:
        if type(matcher) is _Fragment:
            end = _fragment_end(matcher.kind, toks, pos, source)
            if end is None:
                return None
            bindings[matcher.name] = (matcher.kind, toks[pos:end])
            pos = end
        elif type(matcher) is _Repeat:
            found = _match_repeat(matcher, toks, pos, source)
            if found is None:
                return None
            reps, pos = found
            for name in _names(matcher.body):
                bindings[name] = [rep.get(name) for rep in reps]
        else:
            if pos >= len(toks) or toks[pos][0] != matcher[0] or toks[pos][1] != matcher[1]:
                return None
            pos += 1
    return bindings, pos


def _match_repeat(rep: _Repeat, toks: list[tuple], pos: int,
                  source: SourceFile) -> tuple[list[Bindings], int] | None:
    reps: list[Bindings] = []
    while pos < len(toks):
        start = pos
        if reps and rep.separator is not None:
            if toks[pos][0] != rep.separator:
                break
            start = pos + 1
        found = _match(rep.body, toks, start, source)
        if found is None or found[1] == start:
            break
        reps.append(found[0])
        pos = found[1]
        if rep.op == "?":
            break
    if rep.op == "+" and not reps:
        return None
    return reps, pos


def _names(matchers: list[Matcher]) -> list[str]:
    out: list[str] = []
    for matcher in matchers:
        if type(matcher) is _Fragment:
            out.append(matcher.name)
        elif type(matcher) is _Repeat:
            out.extend(_names(matcher.body))
    return out


def _fragment_end(kind: str, toks: list[tuple], pos: int, source: SourceFile) -> int | None:
    """Where a fragment of `kind` starting at toks[pos] ends (exclusive), or None."""
    if pos >= len(toks):
        return None
    tok = toks[pos]
    if kind == "ident":
        return pos + 1 if tok[0] == "ID" else None
    if kind == "literal":
        if tok[0] in LITERAL_KINDS:
            return pos + 1
        if tok[0] == "-" and pos + 1 < len(toks) and toks[pos + 1][0] in ("INT", "FLOAT"):
            return pos + 2
        return None
    if kind == "tt":
        if tok[0] in OPENERS:
            close = matching_close(toks, pos)
            return close + 1 if close > 0 else None
        return None if tok[0] in CLOSERS else pos + 1
    if kind == "block" and tok[0] != "{":
        return None
    parse = _FRAGMENT_PARSERS[kind]
    rest = [*toks[pos:], ("EOF", "", tok[3], tok[3], True, None)]
    parser = Parser(Shared(source, rest, [], False), rest)
    parser.nl_sig = False
    try:
        parse(parser)
    except ParseError:
        return None
    return pos + parser.i


_FRAGMENT_PARSERS: dict[str, Callable[[Parser], object]] = {
    "expr": Parser.expr, "ty": Parser.type, "pat": Parser.pattern, "block": Parser.block,
}


def _transcribe(body: list[tuple], bindings: Bindings, start: int, end: int) -> list[tuple]:
    """Substitute bindings into the body tokens; body tokens take the call's span."""
    out: list[tuple] = []
    i = 0
    while i < len(body):
        tok = body[i]
        if tok[0] == "$" and i + 1 < len(body):
            nxt = body[i + 1]
            close = matching_close(body, i + 1) if nxt[0] == "(" else -1
            if close > 0:
                inner = body[i + 2:close]
                j = close + 1
                separator = None
                if j < len(body) and body[j][0] not in ("*", "+", "?"):
                    separator = body[j]
                    j += 1
                count = _repeat_count(inner, bindings)
                for index in range(count):
                    if index and separator is not None:
                        out.append((separator[0], separator[1], start, end, False, None))
                    out.extend(_transcribe(inner, _iteration(inner, bindings, index), start, end))
                i = j + 1
                continue
            bound = bindings.get(nxt[1])
            if bound is not None and not isinstance(bound, list):
                kind, toks = bound
                if kind == "expr":
                    out.append(("(", "(", start, start, False, None))
                    out.extend(toks)
                    out.append((")", ")", end, end, False, None))
                else:
                    out.extend(toks)
                i += 2
                continue
        out.append((tok[0], tok[1], start, end, tok[4], tok[5]))
        i += 1
    return out


def _repeat_count(inner: list[tuple], bindings: Bindings) -> int:
    for j in range(len(inner) - 1):
        if inner[j][0] == "$":
            bound = bindings.get(inner[j + 1][1])
            if isinstance(bound, list):
                return len(bound)
    return 0


def _iteration(inner: list[tuple], bindings: Bindings, index: int) -> Bindings:
    """The bindings seen by one repetition of a `$( ... )` transcriber."""
    scoped = dict(bindings)
    for name, value in bindings.items():
        if isinstance(value, list) and index < len(value) and value[index] is not None:
            scoped[name] = value[index]
    return scoped


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The fields of a node class that may hold child nodes."""
    return tuple(f.name for f in fields(cls) if f.name not in ("span", "name_span", "tokens", "sugar"))
