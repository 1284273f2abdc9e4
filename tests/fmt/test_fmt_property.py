"""Property tests: conformance programs with their layout scrambled in meaning-preserving ways
(re-indented lines, more or fewer spaces between tokens, tokens joined where they still lex
apart, extra blank lines, line breaks inside parentheses, added comments) still format
idempotently to the same tree with every comment kept; and changes that only move tokens
within their lines do not change the output at all."""

from __future__ import annotations

from fmt_support import PROGRAMS, SEEDS, assert_round_trip, corpus_text, fmt, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vais.syntax import lex, parse_source
from vais.syntax.format import verbatim_regions

CORPUS = [corpus_text(p) for p in PROGRAMS + SEEDS]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HORIZONTAL = ("indent", "spaces", "join")
VERTICAL = ("blank", "break", "comment")


def pieces(text: str) -> tuple[list[str], list[str], list[str]]:
    """The source as tokens and the gaps between them (gap i precedes token i), plus for each gap
    the kind of the innermost bracket it sits in ("" at block level, "=" inside user macro calls
    and rules, which are kept as written)."""
    tokens: list[tuple] = []
    for t in lex(text, "m.vais")[0]:
        if not tokens or t[2] >= tokens[-1][3]:  # not a token of an interpolation inside a string
            tokens.append(t)
    verbatim = verbatim_regions(parse_source(text, "m.vais")[0])
    spans = [(t[2], t[3]) for t in tokens]
    words = [text[a:b] for a, b in spans]
    gaps = [text[:spans[0][0]]] + [text[spans[i - 1][1]:spans[i][0]] for i in range(1, len(spans))]
    inside: list[str] = []
    stack: list[str] = []
    for t in tokens:
        kept = any(lo < t[2] < hi for lo, hi in verbatim)
        inside.append("=" if kept else stack[-1] if stack else "")
        if t[0] in ("(", "[", "{", "#["):
            stack.append(t[0])
        elif t[0] in (")", "]", "}") and stack:
            stack.pop()
    return words, gaps, inside


def lexes_apart(left: str, right: str) -> bool:
    tokens = lex(left + right, "j.vais")[0]
    return [t[1] for t in tokens[:-1]] == [left, right]


@st.composite
def scrambled(draw: st.DrawFn, kinds: tuple[str, ...]) -> tuple[str, str]:
    text = draw(st.sampled_from(CORPUS))
    words, gaps, inside = pieces(text)
    for _ in range(draw(st.integers(1, 25))):
        i = draw(st.integers(1, len(gaps) - 1))
        gap = gaps[i]
        if "#" in gap or inside[i] == "=":
            continue
        kind = draw(st.sampled_from(kinds))
        if "\n" in gap:
            head = gap[:gap.rindex("\n") + 1]
            if kind == "indent":
                gaps[i] = head + draw(st.sampled_from(["", " ", "  ", "\t", "        ", "             "]))
            elif kind == "blank":
                gaps[i] = "\n" * draw(st.integers(1, 3)) + gap
            elif kind == "comment":
                gaps[i] = f" # note {i}" + gap
        elif kind == "spaces" and gap:
            gaps[i] = draw(st.sampled_from([" ", "  ", "\t", "    "]))
        elif kind == "join" and gap and lexes_apart(words[i - 1], words[i]):
            gaps[i] = ""
        elif kind in ("break", "comment") and inside[i] in ("(", "["):
            gaps[i] = (f" # note {i}" if kind == "comment" else "") + "\n" + draw(st.sampled_from(["", "    ", "  "]))
    return text, "".join(g + w for g, w in zip(gaps, words, strict=True))


@PROPERTY
@given(scrambled(HORIZONTAL + VERTICAL))
def test_scrambled_layout_round_trips(case: tuple[str, str]) -> None:
    original, mutated = case
    assert tree(mutated) == tree(original), "the mutation itself changed the program"
    assert_round_trip(mutated)


@PROPERTY
@given(scrambled(HORIZONTAL))
def test_layout_within_lines_does_not_matter(case: tuple[str, str]) -> None:
    original, mutated = case
    assert fmt(mutated) == fmt(original)
