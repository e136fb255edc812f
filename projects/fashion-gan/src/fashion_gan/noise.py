"""Seeded noise that a web page can draw too: the generator's input for a seed, portable.

NumPy's default_rng (PCG64, SeedSequence, ziggurat) is exact only in NumPy; the site's
in-browser demo (showcase's demos/gan.mjs) would have to re-implement all three to draw the
images a seed draws here. This generator is a few lines in any language, and the browser's
copy is tested against this one:

- splitmix64 (Vigna) started at state `seed`: output j is mix(seed + (j + 1) * 0x9E3779B97F4A7C15),
  all arithmetic modulo 2**64;
- normal k takes outputs 2k and 2k + 1, keeps each one's top 53 bits as uniforms
  u1 = (a + 1) / 2**53 in (0, 1] (so the log is finite) and u2 = b / 2**53 in [0, 1),
  and is Box-Muller's sqrt(-2 ln u1) * cos(2 pi u2), in float64.

Normals fill the shape row by row, so the first row of any count is the same vector: one seed
names one noise vector, whatever else is drawn with it.
"""

from __future__ import annotations

import math

import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # splitmix64's increment, 2**64 / golden ratio
MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
TOP_BITS = np.uint64(11)  # 64 - 53: a float64 holds 53 bits exactly
ULP = 2.0**-53


def splitmix64(seed: int, count: int) -> np.ndarray:
    """The first `count` outputs of splitmix64 started at state `seed`, as uint64."""
    with np.errstate(over="ignore"):  # wrapping modulo 2**64 is the algorithm
        z = np.uint64(seed) + GOLDEN * np.arange(1, count + 1, dtype=np.uint64)
        z = (z ^ (z >> np.uint64(30))) * MIX[0]
        z = (z ^ (z >> np.uint64(27))) * MIX[1]
    return z ^ (z >> np.uint64(31))


def standard_normal(seed: int, shape: tuple[int, ...]) -> np.ndarray:
    """Normals of mean 0 and variance 1, float64, in `shape`; the same for the same seed."""
    bits = splitmix64(seed, 2 * math.prod(shape)) >> TOP_BITS
    u1 = (bits[0::2] + np.uint64(1)) * ULP
    u2 = bits[1::2] * ULP
    return (np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)).reshape(shape)
