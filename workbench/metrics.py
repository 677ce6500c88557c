"""Strict and lax precision, recall and F1 of alignments against gold beads (counts summed over
documents), as defined in Sennrich & Volk 2011 and used by the Vecalign and Bertalign evaluations."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.align.beads import Bead

Link = tuple[tuple[int, ...], tuple[int, ...]]


def _links(beads: Iterable[Bead | Link], both_sides: bool = False) -> set[Link]:
    out = set()
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
        if (src and tgt) if both_sides else (src or tgt):
            out.add((tuple(src), tuple(tgt)))
    return out


def _hits(reference: set[Link], candidate: set[Link]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of candidate links against reference."""
    targets_of: dict[int, set[int]] = {}
    for src, tgt in reference:
        for s in src:
            targets_of.setdefault(s, set()).update(tgt)
    strict = lax = 0
    for src, tgt in candidate:
        if (src, tgt) in reference:
            strict += 1
            lax += 1
        elif any(targets_of.get(s, set()) & set(tgt) for s in src):
            lax += 1
    return strict, len(candidate) - strict, lax, len(candidate) - lax


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(documents: Iterable[tuple[list[Bead], list[Bead]]]) -> dict[str, float]:
    """Scores of (gold, output) bead lists; precision over all output beads, recall over gold beads
    with both sides."""
    prec = [0, 0, 0, 0]
    rec = [0, 0, 0, 0]
    for gold, output in documents:
        prec = [a + b for a, b in zip(prec, _hits(_links(gold), _links(output)))]
        rec = [a + b for a, b in zip(rec, _hits(_links(output, True), _links(gold, True)))]
    ps, pl = _ratio(prec[0], prec[1]), _ratio(prec[2], prec[3])
    rs, rl = _ratio(rec[0], rec[1]), _ratio(rec[2], rec[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl)}
