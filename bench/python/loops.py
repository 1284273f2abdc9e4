"""Nested counting loops with integer arithmetic and a data-dependent branch."""


def main():
    total = 0
    for i in range(3000):
        for j in range(1000):
            if (i + j) % 7 == 0:
                total += i * j
            else:
                total += 1
    print(f"total = {total}")


main()
