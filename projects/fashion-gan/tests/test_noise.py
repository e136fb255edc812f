"""The portable noise: splitmix64 as published, normals with the right moments, one seed one vector."""

import math

import numpy as np
import pytest

from fashion_gan.noise import splitmix64, standard_normal
from fashion_gan.predict import MAX_SEED

DRAWS = 200_000


def test_splitmix64_gives_the_reference_sequence():
    # The first outputs of Vigna's splitmix64.c from state 0, as its reference implementation prints them.
    assert [int(x) for x in splitmix64(0, 3)] == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]


def test_one_seed_always_draws_the_same_noise_and_its_first_row_whatever_the_count():
    noise = standard_normal(5, (4, 64))
    assert noise.shape == (4, 64) and noise.dtype == np.float64
    np.testing.assert_array_equal(noise, standard_normal(5, (4, 64)))
    np.testing.assert_array_equal(noise[0], standard_normal(5, (1, 64))[0])


@pytest.mark.parametrize("seed, other", [(0, 1), (1, 2), (MAX_SEED - 1, MAX_SEED)])
def test_distinct_seeds_draw_unrelated_noise(seed, other):
    a, b = standard_normal(seed, (DRAWS // 10,)), standard_normal(other, (DRAWS // 10,))
    assert not np.isclose(a, b).any()
    assert abs(np.corrcoef(a, b)[0, 1]) < 5 / math.sqrt(len(a))  # five standard errors of a zero correlation


@pytest.mark.parametrize("seed", [0, 12345, MAX_SEED])
def test_the_noise_is_standard_normal(seed):
    z = standard_normal(seed, (DRAWS,))
    assert np.isfinite(z).all()
    se = 1 / math.sqrt(DRAWS)
    assert abs(z.mean()) < 5 * se
    assert abs(z.var() - 1) < 5 * math.sqrt(2) * se
    assert abs((z**3).mean()) < 5 * math.sqrt(15) * se  # skewness 0
    assert abs((z**4).mean() - 3) < 5 * math.sqrt(96) * se  # kurtosis 3
    for x in (1, 2, 3, 4):  # the tails: the share beyond +-x is a standard normal's
        expected = math.erfc(x / math.sqrt(2))
        assert abs((np.abs(z) > x).mean() - expected) < 5 * math.sqrt(expected * (1 - expected)) * se
