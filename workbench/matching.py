"""Which article translates which: pure scoring of two collections of documents.

Each document becomes a bag of what survives translation: numbers, and the character 4- and
5-grams of its accent-folded words (which catch names and cognates, like chrF does) and of its
machine translation when there is one. Bags are compared by TF-IDF cosine, computed block by block so that memory stays
proportional to the collection, never to all pairs of documents. A cosine means little alone
(long articles on one subject share many words), so a candidate is scored by its margin over
the usual similarity of both documents to their other nearest neighbours, and by how far its
length ratio is from the collection's. One-to-one pairs then come from competitive linking:
the best remaining candidate first, each document used once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from workbench.align.features import WORD, fold, tokens

NEIGHBOURS = 4  # nearest neighbours whose mean similarity a candidate's margin is taken over
CANDIDATES = 10  # nearest neighbours of each document considered as its partner
BLOCK = 256  # source documents compared at a time
DEFAULT_THRESHOLD = 0.5
NGRAMS = (4, 5)
NUMBERS = frozenset({"numbers"})
MIDPOINT, SLOPE = 0.9, 10.0  # the margin (length-discounted) that scores 0.5, and the steepness


@dataclass(frozen=True)
class Proposal:
    """A proposed pair: indexes into the source and target collections, and its score (0-1)."""

    src: int
    tgt: int
    score: float


@dataclass(frozen=True)
class Pairing:
    """Proposed pairs (best first) and the documents left without a partner."""

    proposals: list[Proposal]
    unpaired_src: list[int]
    unpaired_tgt: list[int]


def bag(sentences: list[str], translations: list[str] | None = None) -> Counter[str]:
    """The tokens of a document that can match the other language, with their counts."""
    found: Counter[str] = Counter()
    for text in sentences + (translations or []):
        found.update(tokens(text, kinds=NUMBERS))
        for word in WORD.findall(fold(text)):
            padded = f" {word} "
            for n in NGRAMS:
                found.update(padded[k:k + n] for k in range(max(1, len(padded) - n + 1)))
    return found


def _tfidf(src_bags: list[Counter[str]], tgt_bags: list[Counter[str]]):
    """L2-normalised TF-IDF rows of both collections over one vocabulary."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    counts = DictVectorizer().fit_transform(src_bags + tgt_bags)
    weights = TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32).tocsr()
    return weights[: len(src_bags)], weights[len(src_bags):]


def _nearest(rows, cols, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row document: its k most similar column documents and their cosines."""
    n, k = rows.shape[0], min(k, cols.shape[0])
    index = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    for start in range(0, n, BLOCK):
        block = (rows[start:start + BLOCK] @ cols.T).toarray()
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        index[start:start + BLOCK] = np.take_along_axis(top, order, axis=1)
        sims[start:start + BLOCK] = np.take_along_axis(top_sims, order, axis=1)
    return index, sims


def _numbers(counts: Counter[str]) -> frozenset[str]:
    return frozenset(t for t in counts if t.startswith("#"))


def _agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when the numbers of two documents agree or one has none; down to 0.5 when both have
    numbers and share none (`Article 5` is not `Artículo 4`)."""
    return 1.0 if not (a and b) else 0.5 + 0.5 * len(a & b) / len(a | b)


def candidates(src_bags: list[Counter[str]], tgt_bags: list[Counter[str]], src_sizes: list[int],
               tgt_sizes: list[int]) -> list[tuple[int, int, float, float, float]]:
    """Candidate pairs (each document's nearest neighbours, both ways) with their cosine,
    margin (times the numbers' agreement) and length deviation."""
    if not src_bags or not tgt_bags:
        return []
    xs, xt = _tfidf(src_bags, tgt_bags)
    s_index, s_sims = _nearest(xs, xt, CANDIDATES)
    t_index, t_sims = _nearest(xt, xs, CANDIDATES)
    s_mean, t_mean = s_sims[:, :NEIGHBOURS].mean(axis=1), t_sims[:, :NEIGHBOURS].mean(axis=1)
    pairs = {(i, int(j)): float(c) for i in range(len(src_bags)) for j, c in zip(s_index[i], s_sims[i])}
    pairs.update({(int(i), j): float(c) for j in range(len(tgt_bags)) for i, c in zip(t_index[j], t_sims[j])})
    ratio = np.log(max(sum(tgt_sizes), 1) / max(sum(src_sizes), 1))
    src_numbers, tgt_numbers = [_numbers(b) for b in src_bags], [_numbers(b) for b in tgt_bags]
    out = []
    for (i, j), cos in sorted(pairs.items()):
        agreement = _agreement(src_numbers[i], tgt_numbers[j])
        margin = agreement * cos / max(1e-6, (s_mean[i] + t_mean[j]) / 2)
        length = abs(np.log(max(tgt_sizes[j], 1) / max(src_sizes[i], 1)) - ratio)
        out.append((i, j, cos, margin, float(length)))
    return out


def score(margin: float, length: float) -> float:
    """A candidate's score from 0 to 1: its margin, discounted by its length deviation, through
    a logistic centred where true and false candidates part on the benchmark archive."""
    return float(1.0 / (1.0 + np.exp(-SLOPE * (margin * np.exp(-length) - MIDPOINT))))


def propose(src_bags: list[Counter[str]], tgt_bags: list[Counter[str]], src_sizes: list[int],
            tgt_sizes: list[int], threshold: float = DEFAULT_THRESHOLD,
            exclude: set[tuple[int, int]] | None = None) -> Pairing:
    """One-to-one pairs scoring at least `threshold`, by competitive linking (best first; ties
    broken by position, so the result is deterministic). Pairs in `exclude` are never made."""
    scored = sorted(((-score(margin, length), i, j) for i, j, _, margin, length
                     in candidates(src_bags, tgt_bags, src_sizes, tgt_sizes)))
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    proposals = []
    for neg, i, j in scored:
        if -neg < threshold:
            break
        if i not in used_src and j not in used_tgt and (i, j) not in (exclude or ()):
            used_src.add(i)
            used_tgt.add(j)
            proposals.append(Proposal(i, j, round(-neg, 4)))
    return Pairing(proposals, [i for i in range(len(src_bags)) if i not in used_src],
                   [j for j in range(len(tgt_bags)) if j not in used_tgt])
