"""Structured-quantity conversion: our path (conversion factors cached per unit pair) against a naive
`ureg.Quantity(v, u).to(target)` per value, on the same 100,000 quantities, in one run.

Prints conversions per second for both and the ratio. Target: at least 10x, and 200,000/s on one core.

    .venv/bin/python bench/units.py [--n 100000]
"""

import argparse
import random
import time

from localize.adapt.units import convert_measurements, ureg

UNITS = [("kg", "[mass]"), ("g", "[mass]"), ("lb", "[mass]"), ("cm", "[length]"), ("mm", "[length]"),
         ("inch", "[length]")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(0)
    quantities = [(round(rng.uniform(0.1, 500), 2), *rng.choice(UNITS)) for _ in range(args.n)]
    naive_targets = {"[mass]": "pound", "[length]": "inch"}

    started = time.perf_counter()
    ours = [convert_measurements((value, ), unit, system="us", dimension=dim)[0] for value, unit, dim in quantities]
    ours_s = time.perf_counter() - started

    started = time.perf_counter()
    naive = [ureg.Quantity(value, unit).to(naive_targets[dim]).magnitude for value, unit, dim in quantities]
    naive_s = time.perf_counter() - started

    assert len(ours) == len(naive) == args.n
    print(f"{args.n} quantities, us system")
    print(f"ours   {ours_s:7.3f} s  {args.n / ours_s:12,.0f} conversions/s")
    print(f"naive  {naive_s:7.3f} s  {args.n / naive_s:12,.0f} conversions/s")
    print(f"speed-up ours vs naive: {naive_s / ours_s:.1f}x   (target >= 10x, and >= 200,000/s)")


if __name__ == "__main__":
    main()
