"""The classic dialect's memory built-ins on a flat byte heap (language.md section 8).

Pointers are i64 addresses into one `bytearray`; the first 64 bytes are never handed out, so 0 is
null and small integers are invalid pointers. `malloc` returns zeroed, 8-aligned blocks and reuses
freed blocks of the same size. Accesses outside the heap, double frees and frees of addresses
`malloc` did not return panic.
"""

from __future__ import annotations

import struct

from vais.runtime.ints import wrap_i64
from vais.runtime.panic import VaisPanic

_BASE = 64
_WORD = struct.Struct("<q")


class Heap:
    __slots__ = ("free_blocks", "live", "mem")

    def __init__(self) -> None:
        self.mem = bytearray(_BASE)
        self.live: dict[int, int] = {}  # address -> block size
        self.free_blocks: dict[int, list[int]] = {}  # block size -> freed addresses

    def malloc(self, n: int) -> int:
        if n < 0:
            raise VaisPanic(f"malloc: negative size {n}")
        size = max(8, (n + 7) & ~7)
        reusable = self.free_blocks.get(size)
        if reusable:
            addr = reusable.pop()
            self.mem[addr:addr + size] = bytes(size)
        else:
            addr = len(self.mem)
            self.mem.extend(bytes(size))
        self.live[addr] = size
        return addr

    def free(self, addr: int) -> None:
        if addr == 0:
            return
        size = self.live.pop(addr, None)
        if size is None:
            raise VaisPanic(f"free: {addr} is not an allocated address (double free or invalid pointer)")
        self.free_blocks.setdefault(size, []).append(addr)

    def check(self, addr: int, n: int) -> None:
        if addr < _BASE or addr + n > len(self.mem):
            raise VaisPanic(f"memory access out of range: {n} bytes at address {addr}")


_heap = Heap()


def fn_malloc(n: int) -> int:
    return _heap.malloc(n)


def fn_free(p: int) -> None:
    _heap.free(p)


def fn_load_i64(p: int) -> int:
    _heap.check(p, 8)
    return _WORD.unpack_from(_heap.mem, p)[0]


def fn_store_i64(p: int, v: int) -> None:
    _heap.check(p, 8)
    _WORD.pack_into(_heap.mem, p, wrap_i64(v))


def fn_load_byte(p: int) -> int:
    _heap.check(p, 1)
    return _heap.mem[p]


def fn_store_byte(p: int, v: int) -> None:
    _heap.check(p, 1)
    _heap.mem[p] = v & 0xFF


def fn_memcpy(dst: int, src: int, n: int) -> int:
    """Copy `n` bytes (overlapping ranges are handled like memmove); returns `dst`."""
    if n < 0:
        raise VaisPanic(f"memcpy: negative length {n}")
    _heap.check(src, n)
    _heap.check(dst, n)
    _heap.mem[dst:dst + n] = _heap.mem[src:src + n]
    return dst
