"""Strict and lax precision, recall and F1 of alignments against gold beads (counts summed over
documents), as defined in Sennrich & Volk 2011 and used by the Vecalign and Bertalign evaluations;
and review effort, the boundary fixes a reviewer makes to turn an output into the gold."""

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


def _rungs(beads: list[Bead]) -> set[tuple[int, int]]:
    """An alignment's rungs: the cumulative sentence counts of both sides after each bead."""
    i = j = 0
    out = set()
    for bead in beads:
        i, j = i + len(bead.src), j + len(bead.tgt)
        out.add((i, j))
    return out


SHIFTS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def boundary_fixes(gold: list[Bead], output: list[Bead]) -> int:
    """The boundary fixes that turn output into gold: a gold rung missing from the output is a
    split, an extra output rung a merge, and a missing rung with an extra one a sentence away on
    one side is one shift (a boundary moved), not two fixes. The reference definition is the
    evaluation's `review_effort.py`; its numbers are matched exactly (neighbours tried in its
    order)."""
    expected, found = _rungs(gold), _rungs(output)
    missing, extra = expected - found, found - expected
    for i, j in sorted(missing):
        near = next(((i + di, j + dj) for di, dj in SHIFTS if (i + di, j + dj) in extra), None)
        if near is not None:
            extra.discard(near)
    return len(missing) + len(extra)


def score(documents: Iterable[tuple[list[Bead], list[Bead]]]) -> dict[str, float]:
    """Scores of (gold, output) bead lists; precision over all output beads, recall over gold beads
    with both sides; `fixes_per_100` is review effort, boundary fixes per 100 gold beads."""
    documents = list(documents)
    prec = [0, 0, 0, 0]
    rec = [0, 0, 0, 0]
    fixes = sum(boundary_fixes(gold, output) for gold, output in documents)
    gold_beads = sum(len(gold) for gold, _ in documents)
    for gold, output in documents:
        prec = [a + b for a, b in zip(prec, _hits(_links(gold), _links(output)))]
        rec = [a + b for a, b in zip(rec, _hits(_links(output, True), _links(gold, True)))]
    ps, pl = _ratio(prec[0], prec[1]), _ratio(prec[2], prec[3])
    rs, rl = _ratio(rec[0], rec[1]), _ratio(rec[2], rec[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl),
            "fixes_per_100": 100 * fixes / gold_beads if gold_beads else 0.0}
