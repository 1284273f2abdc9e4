"""Naive doubly recursive Fibonacci: function-call heavy."""


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main():
    print(f"fib(30) = {fib(30)}")


main()
