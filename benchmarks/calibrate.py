"""Fit the confidence model (workbench/align/confidence.py) on the dev sets and print its
coefficients and a reliability table: for beads the model puts in each probability bin, the
share that really is in the gold. Run: python benchmarks/calibrate.py"""

from __future__ import annotations

import numpy as np

from benchmarks.common import FileCache, load_set, require_shared
from workbench.align import AlignOptions, Side, align_sentences, confidence
from workbench.align.mt import Apertium

NAMES = ["bias", "similarity", "length", "extra", "chrf", "margin"]


def collect(data: list[tuple], src_lang: str, tgt_lang: str, translator) -> tuple[np.ndarray, np.ndarray, list[bool]]:
    """Feature rows and labels of every output bead with both sides, and labels of skip beads."""
    seen: list[tuple] = []
    real = confidence.estimate
    confidence.estimate = lambda *args: seen.append(args) or real(*args)
    rows, labels, skips = [], [], []
    try:
        for _, src, tgt, gold in data:
            seen.clear()
            out = align_sentences(Side(src, src_lang), Side(tgt, tgt_lang), AlignOptions(translator=translator))
            truth = {(b.src, b.tgt) for b in gold}
            for bead, (a, b, sim, lpen, chrf, margin, _) in zip(out, seen):
                right = (bead.src, bead.tgt) in truth
                if a and b:
                    rows.append([v for v in confidence.features(a, b, sim, lpen, chrf, margin).values()])
                    labels.append(right)
                else:
                    skips.append(right)
    finally:
        confidence.estimate = real
    return np.array(rows), np.array(labels, dtype=float), skips


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


def main() -> None:
    require_shared()
    cache = FileCache()
    candide = load_set("candide-dev", "en", "es")
    textberg = load_set("textberg-de-fr", "de", "fr", ["dev"])
    sets = {True: [(candide, "en", "es", Apertium(cache))],
            False: [(candide, "en", "es", None), (textberg, "de", "fr", None)]}
    collected = {mt: [collect(d, s, t, tr) for d, s, t, tr in parts] for mt, parts in sets.items()}
    skips = [s for parts in collected.values() for _, _, part in parts for s in part]
    share = float(np.mean(skips))
    print(f"skip beads (1-0, 0-1), both settings pooled: {len(skips)}, right: {share:.3f}")
    for mt, parts in collected.items():
        x, y = np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        w = fit(x, y)
        coef = dict(zip(NAMES, np.round(w, 3).tolist())) | {"skip": round(float(np.log(share / (1 - share))), 3)}
        print(f"MT {'on' if mt else 'off'}: {len(y)} beads with both sides")
        print(f"  COEF[{mt}] = {coef}")
        predicted = 1 / (1 + np.exp(-x @ w))
        print(f"  AUC {auc(predicted, y):.3f} (without the margin feature: "
              f"{auc(1 / (1 + np.exp(-x[:, :-1] @ fit(x[:, :-1], y))), y):.3f})")
        reliability(predicted, y)
    cache.save()


if __name__ == "__main__":
    main()
