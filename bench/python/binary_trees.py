"""Binary trees (Computer Language Benchmarks Game): allocate and walk many small trees, depth 14."""


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


def make(depth):
    if depth == 0:
        return Node(None, None)
    return Node(make(depth - 1), make(depth - 1))


def check(t):
    if t is None:
        return 0
    return 1 + check(t.left) + check(t.right)


def main():
    max_depth = 14
    stretch = make(max_depth + 1)
    print(f"stretch tree of depth {max_depth + 1}\t check: {check(stretch)}")
    long_lived = make(max_depth)
    for d in range(4, max_depth + 1, 2):
        iterations = 1 << (max_depth - d + 4)
        total = 0
        for _ in range(iterations):
            total += check(make(d))
        print(f"{iterations}\t trees of depth {d}\t check: {total}")
    print(f"long lived tree of depth {max_depth}\t check: {check(long_lived)}")


main()
