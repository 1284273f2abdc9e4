"""The flat-heap memory built-ins (conformance 076) and their panics."""

from __future__ import annotations

import pytest

from vais.runtime import memory as m
from vais.runtime.panic import VaisPanic


def test_conformance_076():
    n = 10
    buf = m.fn_malloc(n * 8)
    for i in range(n):
        m.fn_store_i64(buf + i * 8, i * i)
    assert sum(m.fn_load_i64(buf + i * 8) for i in range(n)) == 285
    assert m.fn_load_i64(buf + 24) == 9
    copy = m.fn_malloc(n * 8)
    assert m.fn_memcpy(copy, buf, n * 8) == copy
    m.fn_store_i64(buf, -5)
    assert (m.fn_load_i64(buf), m.fn_load_i64(copy), m.fn_load_i64(copy + 72)) == (-5, 0, 81)
    text = m.fn_malloc(5)
    for i in range(5):
        m.fn_store_byte(text + i, 65 + i)
    assert [m.fn_load_byte(text + i) for i in range(5)] == [65, 66, 67, 68, 69]
    for p in (text, copy, buf):
        m.fn_free(p)


def test_malloc_is_zeroed_aligned_and_reuses_blocks():
    p = m.fn_malloc(3)
    assert p > 0 and p % 8 == 0 and m.fn_load_i64(p) == 0
    m.fn_store_i64(p, -1)
    m.fn_free(p)
    q = m.fn_malloc(8)
    assert q == p and m.fn_load_i64(q) == 0  # reused and zeroed again
    m.fn_free(q)
    m.fn_free(0)  # free(null) does nothing


def test_stores_wrap_and_bad_accesses_panic():
    p = m.fn_malloc(8)
    m.fn_store_i64(p, 2 ** 64 + 5)
    assert m.fn_load_i64(p) == 5
    m.fn_store_byte(p, 300)
    assert m.fn_load_byte(p) == 44
    with pytest.raises(VaisPanic, match="out of range"):
        m.fn_load_i64(0)
    with pytest.raises(VaisPanic, match="out of range"):
        m.fn_load_i64(10 ** 12)
    m.fn_free(p)
    with pytest.raises(VaisPanic, match="double free or invalid pointer"):
        m.fn_free(p)
    with pytest.raises(VaisPanic, match="not an allocated address"):
        m.fn_free(12345)
