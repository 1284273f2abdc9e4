"""String building: interpolation, concatenation, splitting and joining."""


def main():
    parts = []
    for i in range(200000):
        parts.append(f"item-{i}:{i * 3}")
    joined = ",".join(parts)
    total = 0
    for piece in joined.split(","):
        total += len(piece)
    s = ""
    for i in range(20000):
        s = s + str(i % 10)
    print(f"{len(parts)} parts, {len(joined)} chars, {total} total, tail {len(s)}")


main()
