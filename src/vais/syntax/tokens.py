"""Token representation and the keyword/operator tables shared by the lexer and the parser.

A token is a plain 6-tuple `(kind, text, start, end, nl, val)` because tuples are an order of
magnitude cheaper to build than objects and the lexer makes one per token. `Token` names the
fields for readers and for the few places that keep tokens around (`MacroCall.tokens`).

- `kind`: the canonical kind. Operators and punctuation are their own text (`"+"`, `"=>"`);
  keywords are their canonical spelling (`fn` → `"F"`, `enum` → `"EN"`, `and` → `"&&"`);
  other kinds are `ID INT FLOAT DUR STR CHAR ERR EOF`, and `HOLE_END`, which closes the tokens of
  an interpolation hole (they follow the `STR` token holding the hole).
- `text`: the source spelling (kept for the formatter: `fn` vs `F`).
- `start`, `end`: character offsets into the source text.
- `nl`: True when a newline (or the start of the file) precedes the token.
- `val`: the decoded value of literals (see the lexer), otherwise None.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int
    nl: bool
    val: Any


# Spelling -> canonical kind. Long forms are synonyms of the letters (section 2 of the reference).
KEYWORDS: dict[str, str] = {
    # single letters
    "F": "F", "S": "S", "E": "E", "I": "I", "L": "L", "M": "M", "R": "R", "B": "B", "C": "C",
    "T": "T", "U": "U", "P": "P", "W": "W", "X": "X", "D": "D", "O": "O", "N": "N", "G": "G",
    "A": "A", "Y": "Y",
    # two letters
    "EN": "EN", "EL": "EL", "LF": "LF", "LW": "LW",
    # long-form synonyms
    "fn": "F", "struct": "S", "enum": "EN", "else": "EL", "match": "M", "return": "R",
    "break": "B", "continue": "C", "pub": "P", "trait": "W", "impl": "X", "use": "U",
    "type": "T", "defer": "D", "extern": "N", "global": "G", "async": "A", "if": "I",
    "loop": "L", "while": "LW", "for": "LF",
    # operator words
    "and": "&&", "or": "||",
    "_": "_",
}
_WORDS = (
    "mut", "self", "Self", "true", "false", "await", "yield", "const", "comptime", "dyn", "macro", "as",
    "pure", "io", "unsafe", "partial", "linear", "affine", "move", "where", "in", "spawn",
)
KEYWORDS.update((word, word) for word in _WORDS)

# Every operator and punctuator, longest first (the lexer's alternation relies on the order).
OPERATORS: tuple[str, ...] = (
    "..=", "...", "<<=", ">>=",
    "::", ":=", "->", "=>", "|>", "..", "==", "!=", "<=", ">=", "<<", ">>", "&&", "||",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "#[",
    "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^",
    "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "?", "@", "$",
)

OPENERS = {"(": ")", "[": "]", "{": "}", "#[": "]"}
CLOSERS = frozenset((")", "]", "}"))

# Binary operators: kind -> precedence level of the reference's table (smaller binds tighter).
BINARY_PREC: dict[str, int] = {
    "*": 3, "/": 3, "%": 3,
    "+": 4, "-": 4,
    "<<": 5, ">>": 5,
    "<": 6, ">": 6, "<=": 6, ">=": 6,
    "..": 7, "..=": 7,
    "==": 8, "!=": 8,
    "&": 9,
    "^": 10,
    "|": 11,
    "&&": 12,
    "||": 13,
}
NON_ASSOC_LEVELS = frozenset((6, 7, 8))
ASSIGN_OPS = frozenset(("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="))

LITERAL_KINDS = frozenset(("INT", "FLOAT", "DUR", "STR", "CHAR", "true", "false"))

# Kinds that can begin an expression (used for optional operands: `R`, `B`, open ranges).
EXPR_START = frozenset((
    "ID", "INT", "FLOAT", "DUR", "STR", "CHAR", "true", "false", "self", "Self", "_",
    "(", "[", "{", "|", "||", "move", "-", "!", "~", "&", "&&", "*", "@", "..", "..=",
    "I", "M", "L", "LW", "LF", "R", "B", "C", "spawn", "await",
))

# Kinds that begin an item (used by recovery and by block statements).
ITEM_START = frozenset((
    "F", "S", "EN", "X", "W", "U", "T", "const", "G", "N", "P", "O", "A", "macro", "#[",
))

DURATION_UNITS = frozenset(("ns", "us", "ms", "s", "m", "h", "d"))
INT_SUFFIXES = frozenset((
    "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "isize", "usize",
))
FLOAT_SUFFIXES = frozenset(("f32", "f64"))
# Primitive type names never take generic arguments, so `x as i64 < y` is a comparison.
PRIMITIVE_TYPES = INT_SUFFIXES | FLOAT_SUFFIXES | frozenset(("bool", "char", "str", "Str"))


def describe(tok: tuple) -> str:
    """How a token is named in a diagnostic ("`}`", "identifier `x`", "end of file")."""
    kind = tok[0]
    if kind == "EOF":
        return "end of file"
    if kind == "ID":
        return f"identifier `{tok[1]}`"
    if kind in ("INT", "FLOAT", "DUR"):
        return f"number `{tok[1]}`"
    if kind == "STR":
        return "string literal"
    if kind == "CHAR":
        return "char literal"
    if kind == "ERR":
        return "invalid token"
    if kind == "HOLE_END":
        return "the end of the interpolation"
    if tok[1].isalpha():
        return f"keyword `{tok[1]}`"
    return f"`{tok[1]}`"

# What each keyword letter means, for errors about a keyword used as a name.
KEYWORD_MEANING = {
    "F": "function", "S": "struct", "E": "enum/else", "EN": "enum", "EL": "else", "I": "if", "L": "loop",
    "LF": "for", "LW": "while", "M": "match", "R": "return", "B": "break", "C": "continue/const",
    "T": "type alias", "U": "use", "P": "pub", "W": "trait", "X": "impl", "D": "defer", "O": "union",
    "N": "extern", "G": "global", "A": "async", "Y": "await",
}
