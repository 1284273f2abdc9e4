"""char methods: a char is a one-character Python str.

Unicode classes follow Python's (`isalpha`, `isnumeric`, `isspace`, ...); the `is_ascii_*` family
and `to_digit` look at ASCII only, as in Rust. `to_uppercase`/`to_lowercase` return a char: the
one-character mapping, or the char unchanged when its mapping has several characters (`ß`).
"""

from __future__ import annotations

from vais.runtime.panic import VaisPanic
from vais.runtime.values import Some


def char_is_alphabetic(c: str) -> bool:
    return c.isalpha()


def char_is_numeric(c: str) -> bool:
    return c.isnumeric()


def char_is_alphanumeric(c: str) -> bool:
    return c.isalnum()


def char_is_whitespace(c: str) -> bool:
    return c.isspace()


def char_is_uppercase(c: str) -> bool:
    return c.isupper()


def char_is_lowercase(c: str) -> bool:
    return c.islower()


def char_is_control(c: str) -> bool:
    o = ord(c)
    return o < 0x20 or 0x7F <= o < 0xA0


def char_is_ascii(c: str) -> bool:
    return c < "\x80"


def char_is_ascii_digit(c: str) -> bool:
    return "0" <= c <= "9"


def char_is_ascii_hexdigit(c: str) -> bool:
    return "0" <= c <= "9" or "a" <= c <= "f" or "A" <= c <= "F"


def char_is_ascii_alphabetic(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def char_is_ascii_alphanumeric(c: str) -> bool:
    return char_is_ascii_alphabetic(c) or "0" <= c <= "9"


def char_is_ascii_uppercase(c: str) -> bool:
    return "A" <= c <= "Z"


def char_is_ascii_lowercase(c: str) -> bool:
    return "a" <= c <= "z"


def char_is_ascii_punctuation(c: str) -> bool:
    return c < "\x80" and c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def char_is_ascii_whitespace(c: str) -> bool:
    return c in " \t\n\x0c\r"


def char_to_digit(c: str, radix: int) -> Some | None:
    """The digit value of an ASCII digit or letter in `radix` (2..=36)."""
    if not 2 <= radix <= 36:
        raise VaisPanic(f"to_digit: radix is too high (maximum 36), got {radix}")
    o = ord(c)
    if 48 <= o <= 57:
        d = o - 48
    elif 97 <= (o | 32) <= 122:
        d = (o | 32) - 87
    else:
        return None
    return Some(d) if d < radix else None


def char_is_digit(c: str, radix: int) -> bool:
    return char_to_digit(c, radix) is not None


def char_from_digit(d: int, radix: int) -> Some | None:
    if not 2 <= radix <= 36:
        raise VaisPanic(f"from_digit: radix is too high (maximum 36), got {radix}")
    return Some("0123456789abcdefghijklmnopqrstuvwxyz"[d]) if 0 <= d < radix else None


def char_from_u32(n: int) -> Some | None:
    return Some(chr(n)) if 0 <= n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else None


def char_to_uppercase(c: str) -> str:
    u = c.upper()
    return u if len(u) == 1 else c


def char_to_lowercase(c: str) -> str:
    lo = c.lower()
    return lo if len(lo) == 1 else c


char_to_upper = char_to_uppercase
char_to_lower = char_to_lowercase


def char_to_ascii_uppercase(c: str) -> str:
    return chr(ord(c) - 32) if "a" <= c <= "z" else c


def char_to_ascii_lowercase(c: str) -> str:
    return chr(ord(c) + 32) if "A" <= c <= "Z" else c


def char_eq_ignore_ascii_case(a: str, b: str) -> bool:
    return char_to_ascii_lowercase(a) == char_to_ascii_lowercase(b)


def char_len_utf8(c: str) -> int:
    return len(c.encode("utf-8", "surrogatepass"))


def char_to_string(c: str) -> str:
    return c

