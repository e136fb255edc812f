"""How close generated images are to real ones, in the evaluator's feature space.

- Fréchet distance (Heusel et al., 2017): fit a Gaussian to each set's features and measure
  the distance between the two Gaussians. With the evaluator's features instead of
  Inception's we call it FCD (Fréchet classifier distance). Lower is better; two samples of
  real images are not at 0, so `fcd_protocol` measures that floor beside it.
- Precision and recall (Kynkäänniemi et al., 2019): precision is the share of generated
  images that fall inside the real images' manifold (a ball around each real feature reaching
  its k-th nearest real neighbour); recall is the share of real images inside the generated
  manifold. Low precision means unrealistic samples; low recall means missing variety.
- Nearest-neighbour distance to the training images, in pixels: a generator that copied its
  training set would sit far closer to it than unseen real images do.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def psd_sqrt(matrix: np.ndarray) -> np.ndarray:
    """The square root of a symmetric positive semi-definite matrix, by eigendecomposition.
    Eigenvalues that rounding made slightly negative are set to 0, so it stays finite and real
    even for a singular covariance (fewer samples than features, or dead ReLU units)."""
    values, vectors = np.linalg.eigh(matrix)
    return (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """||mu_a - mu_b||^2 + tr(C_a + C_b - 2 (C_a C_b)^(1/2)) between features a and b, (N, D) each.

    tr (C_a C_b)^(1/2) is computed as tr (S C_b S)^(1/2) with S = C_a^(1/2): the same eigenvalues,
    but of a symmetric PSD matrix, so no complex numbers and no blow-up when C_a is singular
    (scipy.linalg.sqrtm on C_a C_b can return both)."""
    mu_a, mu_b = a.mean(0), b.mean(0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = psd_sqrt(cov_a)
    product = root @ cov_b @ root
    trace_sqrt = np.sqrt(np.clip(np.linalg.eigvalsh((product + product.T) / 2), 0, None)).sum()
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(cov_a) + np.trace(cov_b) - 2 * trace_sqrt)


def pairwise_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distances between every row of a and every row of b, (len(a), len(b))."""
    squared = (a**2).sum(1)[:, None] + (b**2).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.clip(squared, 0, None))


def manifold_coverage(references: np.ndarray, queries: np.ndarray, k: int = 3) -> float:
    """The share of queries inside the union of balls around the references, each ball reaching
    its reference's k-th nearest other reference."""
    within = pairwise_distances(references, references)
    radii = np.sort(within, axis=1)[:, k]  # column 0 is the reference itself
    return float((pairwise_distances(queries, references) <= radii[None, :]).any(axis=1).mean())


def precision_recall(real: np.ndarray, generated: np.ndarray, k: int = 3) -> tuple[float, float]:
    """(precision, recall) of generated features against real ones, k-NN manifolds."""
    return manifold_coverage(real, generated, k), manifold_coverage(generated, real, k)


def mean_nearest_distance(queries: np.ndarray, references: np.ndarray, chunk: int = 500) -> float:
    """Mean distance from each query to its nearest reference (flattened images or features),
    `chunk` queries at a time so that 54,000 references take a few hundred MB, not gigabytes."""
    flat_q, flat_r = queries.reshape(len(queries), -1), references.reshape(len(references), -1)
    nearest = [pairwise_distances(flat_q[i: i + chunk], flat_r).min(axis=1)
               for i in range(0, len(flat_q), chunk)]
    return float(np.concatenate(nearest).mean())


def stratified_halves(labels: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two disjoint halves of the indices, each class split evenly between them."""
    rng = np.random.default_rng(seed)
    first = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[: (labels == c).sum() // 2]
                            for c in np.unique(labels)])
    first = np.sort(first)
    return first, np.setdiff1d(np.arange(len(labels)), first)


Sampler = Callable[[np.ndarray, int], np.ndarray]
"""(labels, seed) -> images of those classes, (N, C, H, W): a generator as the protocol sees it."""


def fcd_protocol(embed: Callable[[np.ndarray], np.ndarray], images: np.ndarray, labels: np.ndarray,
                 samplers: dict[str, Sampler], splits: int = 10) -> dict[str, list[float]]:
    """FCDs at equal sample size over `splits` stratified A/B splits of the held-out real images.

    For each split, every sampler draws as many images as half A holds, of the same classes, and
    is compared with half B; "floor" is half A itself against half B (real against real). One
    split at a few hundred images is noisy, so the mean and spread over splits is what counts.
    """
    scores: dict[str, list[float]] = {"floor": [], **{name: [] for name in samplers}}
    for split in range(splits):
        a, b = stratified_halves(labels, seed=split)
        reference = embed(images[b])
        scores["floor"].append(frechet_distance(embed(images[a]), reference))
        for name, sample in samplers.items():
            scores[name].append(frechet_distance(embed(sample(labels[a], split)), reference))
    return scores
