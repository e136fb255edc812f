import numpy as np
import pytest
import torch

from fashion_gan.model import load_generator
from fashion_gan.predict import ALL, InvalidRequestError, Sampler, to_picture


@pytest.fixture(scope="module")
def sampler(trained):
    return Sampler(trained / "models")


def test_a_seed_always_draws_the_same_images_and_another_seed_others(sampler):
    images, names = sampler.sample("7", 3, 5)
    assert images.shape == (5, 1, 8, 8) and names == ["7"] * 5
    assert np.array_equal(images, sampler.sample("7", 3, 5)[0])
    assert not np.allclose(images, sampler.sample("7", 4, 5)[0])
    assert sampler.sample(ALL, 0, 12)[1] == [str(i % 10) for i in range(12)]


def test_the_onnx_generator_draws_what_the_torch_one_draws(sampler, trained):
    generator, _ = load_generator(trained / "models")
    z, labels = sampler.noise(11, 6), np.array([0, 1, 2, 7, 8, 9])
    with torch.no_grad():
        expected = generator(torch.from_numpy(z).float(), torch.from_numpy(labels)).numpy()
    np.testing.assert_allclose(sampler.run(z, labels), expected, atol=1e-5)


def test_interpolation_starts_and_ends_at_the_two_seeds(sampler):
    walk = sampler.interpolate("3", 1, 2, 5)
    assert walk.shape == (5, 1, 8, 8)
    np.testing.assert_allclose(walk[0], sampler.sample("3", 1, 1)[0][0], atol=1e-5)
    np.testing.assert_allclose(walk[-1], sampler.sample("3", 2, 1)[0][0], atol=1e-5)


@pytest.mark.parametrize("request_args, message", [
    (("12", 0, 4), "Unknown class '12'"),
    (("3", -1, 4), "seed must be a whole number"),
    (("3", 1.5, 4), "seed must be a whole number"),
    (("3", "abc", 4), "seed must be a whole number"),
    (("3", 0, 0), "count must be a whole number from 1 to 64"),
    (("3", 0, 1000), "count must be a whole number from 1 to 64"),
    (("3", None, 4), "seed must be a whole number"),
    # what the demo's API passes on as sent: any JSON, and numbers float() chokes on
    pytest.param(("3", 10**400, 4), "seed must be a whole number", id="seed 10**400"),
    (("3", float("nan"), 4), "seed must be a whole number from 0 to 4294967295, not nan"),
    (("3", float("inf"), 4), "seed must be a whole number"),
    (("3", "-Infinity", 4), "seed must be a whole number"),
    (("3", "1e400", 4), "seed must be a whole number"),
    (("3", [1], 4), r"seed must be a whole number from 0 to 4294967295, not \[1\]"),
    (("3", {"seed": 1}, 4), "seed must be a whole number"),
    (("3", True, 4), "seed must be a whole number"),
    (("3", " ", 4), "seed must be a whole number"),
    (("3", 0, float("nan")), "count must be a whole number"),
    (("3", 0, "x"), "count must be a whole number"),
    pytest.param(("3", 0, 10**100), "count must be a whole number", id="count 10**100"),
    ((7, 0, 4), "Unknown class 7"),
    ((["3"], 0, 4), "Unknown class"),
])
def test_bad_requests_name_the_field(sampler, request_args, message):
    with pytest.raises(InvalidRequestError, match=message):
        sampler.sample(*request_args)


@pytest.mark.parametrize("seed, expected", [
    (" 7 ", 7), ("7.0", 7), (7.0, 7), ("1_0", 10), (2.0**32 - 1, 2**32 - 1),
])
def test_a_seed_may_come_as_text_or_a_whole_float(sampler, seed, expected):
    np.testing.assert_array_equal(sampler.sample("3", seed, 2)[0], sampler.sample("3", expected, 2)[0])


def test_bad_interpolations_name_the_problem(sampler):
    with pytest.raises(InvalidRequestError, match="steps must be"):
        sampler.interpolate("3", 0, 1, 1)
    with pytest.raises(InvalidRequestError, match="Pick one class"):
        sampler.interpolate(ALL, 0, 1, 4)


def test_pictures_are_enlarged_rows_of_images():
    picture = to_picture(np.zeros((10, 1, 8, 8)), columns=4, scale=3)
    assert picture.size == (4 * 8 * 3, 3 * 8 * 3)
