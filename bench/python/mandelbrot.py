"""Mandelbrot set membership over a 400x400 grid: float arithmetic in tight loops."""


def main():
    size = 400
    inside = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = zi = 0.0
            i = 0
            while i < 50 and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            if i == 50:
                inside += 1
    print(f"points inside: {inside}")


main()
