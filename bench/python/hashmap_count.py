"""Word counting with a dict over a generated text of 400 000 words."""


def main():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    counts = {}
    seed = 42
    for _ in range(400000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        w = words[(seed // 65536) % 10]
        counts[w] = counts.get(w, 0) + 1
    best, best_n = "", 0
    for w, n in counts.items():
        if n > best_n:
            best, best_n = w, n
    print(f"{len(counts)} words, most common {best} ({best_n})")


main()
