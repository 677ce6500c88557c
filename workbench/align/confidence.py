"""Confidence of a bead: a logistic estimate of the probability that it is right.

Inputs: the bead's token coverage and its margin over the same spans moved by one sentence
(search.path_features), its length penalty, how many sentences it joins, the chrF (sacrebleu) of
the two sides as compared (machine translation against source where MT is on), and its posterior
over the paths near the chosen one (search.posteriors), which is what tells a near-tie from a
sure bead. A sentence left unaligned gets the posterior that it has no counterpart. The
coefficients were fitted by logistic regression on the dev sets (whether each output bead is in
the gold), one set with MT and one without: `python -m benchmarks.calibrate` prints them, the
AUC and a reliability table.
"""

from __future__ import annotations

import math
from functools import lru_cache

DEFAULT_THRESHOLD = 0.6  # beads below it are "low-confidence" (workbench list --threshold)
# Printed by benchmarks/calibrate.py, as are the two below. Coverage ("similarity") on its own
# ranks beads the wrong way round on the dev sets without MT (AUC 0.44, and 0.45 among 1-1 beads
# only), so its weight is negative beside the margin and the posterior, which build on it.
COEF = {
    True: {"bias": 5.687, "similarity": -8.964, "length": -0.021, "extra": 0.048, "chrf": 7.329, "margin": 1.687,
           "posterior": 1.903},
    False: {"bias": 6.758, "similarity": -9.04, "length": -0.284, "extra": 0.731, "chrf": -0.28, "margin": 4.118,
            "posterior": 2.04},
}
UNALIGNED = {"bias": -0.448, "posterior": 1.474}
DEBRIS = 0.846  # share of the debris sentences (see features.is_debris) the gold leaves unaligned too


@lru_cache(maxsize=1)
def _metric():
    from sacrebleu.metrics import CHRF  # loaded on first use: most commands never score
    return CHRF()


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence chrF between 0 and 1."""
    if not hypothesis.strip() or not reference.strip():
        return 0.0
    return _metric().sentence_score(hypothesis, [reference]).score / 100.0


def logit(p: float) -> float:
    """log(p / (1 - p)), p kept a millionth away from 0 and 1."""
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def features(a: int, b: int, similarity: float, length_penalty: float, chrf_score: float, margin: float,
             posterior: float) -> dict[str, float]:
    """The model's inputs for a bead of a source and b target sentences (a, b >= 1)."""
    return {"bias": 1.0, "similarity": similarity, "length": length_penalty, "extra": a + b - 2,
            "chrf": chrf_score, "margin": margin, "posterior": logit(posterior)}


def _probability(z: float) -> float:
    """The logistic of z, to six decimals: the features are sums over numpy arrays whose last bit
    can depend on memory alignment, and the same input must give the same beads in any process."""
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 6)


def estimate(a: int, b: int, similarity: float, length_penalty: float, chrf_score: float, margin: float,
             posterior: float, mt: bool) -> float:
    """Probability that a bead with both sides is right."""
    coef = COEF[mt]
    return _probability(sum(coef[k] * v for k, v in features(a, b, similarity, length_penalty, chrf_score, margin,
                                                                  posterior).items()))


def estimate_unaligned(posterior: float) -> float:
    """Probability that a sentence the search left unaligned has no counterpart indeed, from the
    posterior that it has none (one model with MT and without: few such beads have MT)."""
    return _probability(UNALIGNED["bias"] + UNALIGNED["posterior"] * logit(posterior))
