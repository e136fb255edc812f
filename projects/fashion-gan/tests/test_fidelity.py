import numpy as np
import pytest
from scipy import linalg

from fashion_gan.fidelity import (
    fcd_protocol,
    frechet_distance,
    mean_nearest_distance,
    precision_recall,
    stratified_halves,
)

RNG = np.random.default_rng(0)


def test_frechet_distance_is_zero_for_the_same_set_and_the_squared_shift_for_a_moved_one():
    a = RNG.standard_normal((500, 6))
    assert frechet_distance(a, a) == pytest.approx(0, abs=1e-8)
    assert frechet_distance(a, a + 2.0) == pytest.approx(6 * 4.0)  # 6 dimensions, shift 2


def test_frechet_distance_agrees_with_scipy_where_scipy_is_well_conditioned():
    a, b = RNG.standard_normal((400, 5)), 1.5 * RNG.standard_normal((400, 5)) + 0.3
    ca, cb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    reference = ((a.mean(0) - b.mean(0)) ** 2).sum() + np.trace(ca + cb - 2 * linalg.sqrtm(ca @ cb).real)
    assert frechet_distance(a, b) == pytest.approx(reference, rel=1e-6)


def test_frechet_distance_stays_finite_when_the_covariance_is_singular():
    a = np.zeros((20, 64))  # fewer samples than features, and dead units
    a[:, :3] = RNG.standard_normal((20, 3))
    b = RNG.standard_normal((20, 64))
    assert np.isfinite(frechet_distance(a, b)) and frechet_distance(a, b) > 0


def test_precision_and_recall_tell_missing_variety_from_unrealistic_samples():
    real = RNG.standard_normal((300, 2))
    assert precision_recall(real, real.copy()) == (1.0, 1.0)
    collapsed = np.zeros((300, 2))  # every sample the same, in the middle of the real ones
    precision, recall = precision_recall(real, collapsed)
    assert precision == 1.0 and recall < 0.2
    assert precision_recall(real, real + 100)[0] == 0.0  # far away: nothing realistic


def test_nearest_distance_is_zero_for_copies():
    train = RNG.random((50, 1, 8, 8))
    assert mean_nearest_distance(train[:10], train) == pytest.approx(0, abs=1e-6)
    assert mean_nearest_distance(train[:10] + 0.5, train) > 0


def test_halves_are_disjoint_and_stratified():
    labels = np.repeat(np.arange(5), 10)
    a, b = stratified_halves(labels, seed=3)
    assert len(np.intersect1d(a, b)) == 0 and len(a) + len(b) == len(labels)
    assert np.bincount(labels[a]).tolist() == [5] * 5


def test_protocol_puts_real_samples_at_the_floor_and_noise_far_above():
    labels = np.repeat(np.arange(2), 200)
    images = RNG.standard_normal((400, 3)) + labels[:, None]

    def real_like(wanted, seed):  # fresh draws from the same distribution
        return np.random.default_rng(seed).standard_normal((len(wanted), 3)) + wanted[:, None]

    def noise(wanted, seed):
        return 5 * np.random.default_rng(seed).standard_normal((len(wanted), 3))

    scores = fcd_protocol(lambda x: x, images, labels, {"real_like": real_like, "noise": noise}, splits=5)
    assert all(len(v) == 5 for v in scores.values())
    assert np.mean(scores["real_like"]) < 3 * np.mean(scores["floor"]) < np.mean(scores["noise"])
