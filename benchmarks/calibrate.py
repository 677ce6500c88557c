"""Fit the confidence model (workbench/align/confidence.py) on the dev sets and print its
coefficients and a reliability table: for beads the model puts in each probability bin, the
share that really is in the gold; then the same for the shipped model on Text+Berg test, which
it was not fitted on. Run: python -m benchmarks.calibrate"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from benchmarks.align_bench import run_set
from benchmarks.common import FileCache, load_set, require_shared
from workbench.align import AlignOptions, Side, align_sentences, confidence
from workbench.align.features import is_debris
from workbench.align.mt import Apertium

NAMES = ["bias", "similarity", "length", "extra", "chrf", "margin", "posterior"]


@dataclass
class Labelled:
    """Beads of the dev sets with what the confidence model saw of them and whether they are right."""

    rows: list[list[float]] = field(default_factory=list)  # beads with both sides: features
    right: list[bool] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)  # sentences the search left unaligned: logit posterior
    alone_right: list[bool] = field(default_factory=list)
    debris_right: list[bool] = field(default_factory=list)


def collect(data: list[tuple], src_lang: str, tgt_lang: str, translator, into: Labelled) -> None:
    """Align each document alone and label every output bead with what the model saw of it. The
    model is called in path order for every bead but debris, which `_restore` adds later."""
    calls: list[tuple] = []
    real = confidence.estimate, confidence.estimate_unaligned
    confidence.estimate = lambda *args: calls.append(args) or real[0](*args)
    confidence.estimate_unaligned = lambda p: calls.append((p,)) or real[1](p)
    try:
        for _, src, tgt, gold in data:
            calls.clear()
            out = align_sentences(Side(src, src_lang), Side(tgt, tgt_lang), AlignOptions(translator=translator))
            truth = {(b.src, b.tgt) for b in gold}
            seen = iter(calls)
            for bead in out:
                right = (bead.src, bead.tgt) in truth
                if bead.src and bead.tgt:
                    into.rows.append(list(confidence.features(*next(seen)[:-1]).values()))
                    into.right.append(right)
                elif is_debris(src[bead.src[0]] if bead.src else tgt[bead.tgt[0]]):
                    into.debris_right.append(right)
                else:
                    into.alone.append(confidence.logit(next(seen)[0]))
                    into.alone_right.append(right)
    finally:
        confidence.estimate, confidence.estimate_unaligned = real


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01) -> np.ndarray:
    """Logistic regression by Newton's method with a small L2 penalty (bias not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        w -= np.linalg.solve(hess, grad)
    return w


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """Chance that a right bead gets a higher confidence than a wrong one."""
    right, wrong = p[y == 1], p[y == 0]
    if not len(right) or not len(wrong):
        return float("nan")
    return float(((right[:, None] > wrong[None, :]).mean() + 0.5 * (right[:, None] == wrong[None, :]).mean()))


def reliability(p: np.ndarray, y: np.ndarray) -> None:
    print("  predicted   beads  mean predicted  share right")
    for lo in np.arange(0, 1, 0.2):
        mask = (p >= lo) & (p < lo + 0.2 + (lo >= 0.8))
        if mask.any():
            print(f"  {lo:.1f}-{lo + 0.2:.1f}  {mask.sum():7d}  {p[mask].mean():14.3f}  {y[mask].mean():11.3f}")


def report(label: str, x: np.ndarray, y: np.ndarray, names: list[str]) -> dict[str, float]:
    """Fit, print the coefficients, the AUC with and without the posterior, and a reliability table."""
    w = fit(x, y)
    predicted = 1 / (1 + np.exp(-x @ w))
    without = 1 / (1 + np.exp(-x[:, :-1] @ fit(x[:, :-1], y)))
    print(f"{label}: {len(y)} beads, {y.mean():.3f} right; AUC {auc(predicted, y):.3f} "
          f"(without the posterior: {auc(without, y):.3f}), Brier {np.mean((predicted - y) ** 2):.4f} "
          f"({np.mean((without - y) ** 2):.4f})")
    reliability(predicted, y)
    return dict(zip(names, np.round(w, 3).tolist()))


def main() -> None:
    require_shared()
    cache = FileCache()
    candide = load_set("candide-dev", "en", "es")
    textberg = load_set("textberg-de-fr", "de", "fr", ["dev"])
    labelled = {True: Labelled(), False: Labelled()}
    collect(candide, "en", "es", Apertium(cache), labelled[True])
    collect(candide, "en", "es", None, labelled[False])
    collect(textberg, "de", "fr", None, labelled[False])
    for mt, found in labelled.items():
        coef = report(f"MT {'on' if mt else 'off'}", np.array(found.rows), np.array(found.right, dtype=float), NAMES)
        print(f"  COEF[{mt}] = {coef}")
    alone = np.array([[1.0, v] for found in labelled.values() for v in found.alone])
    alone_right = np.array([r for found in labelled.values() for r in found.alone_right], dtype=float)
    print(f"  UNALIGNED = {report('unaligned sentences', alone, alone_right, ['bias', 'posterior'])}")
    debris = [r for found in labelled.values() for r in found.debris_right]
    print(f"  DEBRIS = {np.mean(debris):.3f}  ({len(debris)} debris sentences)")
    held_out()
    cache.save()


def held_out() -> None:
    """The shipped model on data it was not fitted on: Text+Berg test0-6, aligned as `workbench
    eval` aligns them (one collection, no MT)."""
    test = load_set("textberg-de-fr", "de", "fr", [f"test{k}" for k in range(7)])
    beads = [(b.confidence, (b.src, b.tgt) in truth) for gold, out in run_set(test, "de", "fr", AlignOptions())
             for truth in [{(g.src, g.tgt) for g in gold}] for b in out]
    p, y = np.array([c for c, _ in beads]), np.array([ok for _, ok in beads], dtype=float)
    lowest = p <= np.quantile(p, 0.1)
    print(f"held out, Text+Berg test0-6 (the shipped model): {len(y)} beads, {y.mean():.3f} right; AUC "
          f"{auc(p, y):.3f}, Brier {np.mean((p - y) ** 2):.4f}; the lowest tenth of confidences holds "
          f"{(1 - y[lowest]).sum() / (1 - y).sum():.0%} of the wrong beads; under {confidence.DEFAULT_THRESHOLD}: "
          f"{(p < confidence.DEFAULT_THRESHOLD).mean():.1%} of the beads, {(1 - y[p < confidence.DEFAULT_THRESHOLD]).sum():.0f} "
          f"of the {(1 - y).sum():.0f} wrong ones")
    reliability(p, y)


if __name__ == "__main__":
    main()
