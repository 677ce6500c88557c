"""Strict and lax precision, recall and F1 of alignments against gold beads (counts summed over
documents), as defined in Sennrich & Volk 2011 and used by the Vecalign and Bertalign evaluations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from workbench.align import AlignOptions, Side
from workbench.align.beads import Bead, format_bead
from workbench.align.collection import align_documents
from workbench.ingest import InputError, read_beads, read_decoded

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


def read_lines(path: Path, lang: str | None = None, notes: list[str] | None = None) -> list[str]:
    """Sentences of a one-sentence-a-line file in `lang` (trailing empty lines dropped); what
    decoding it guessed or repaired is appended to `notes`."""
    lines = read_decoded(path, notes, lang).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise InputError(f"{path}: no text to align (empty or only whitespace)")
    return lines


def _gold(path: Path, src_count: int, tgt_count: int) -> list[Bead]:
    """The gold beads of a document, which must name only sentences its files have."""
    gold = read_beads(path)
    src_top = max((i for bead in gold for i in bead.src), default=-1)
    tgt_top = max((j for bead in gold for j in bead.tgt), default=-1)
    if src_top >= src_count or tgt_top >= tgt_count:
        raise InputError(f"{path}: names sentence {max(src_top, tgt_top)} but the documents have "
                         f"{src_count} and {tgt_count} sentences (ids count from 0)")
    return gold


def gold_names(folder: Path, names: list[str] | None = None) -> list[str]:
    """The documents of an evaluation folder: those named, or every NAME with a NAME.gold."""
    return names or sorted(p.stem for p in folder.glob("*.gold"))


def evaluate_dir(folder: Path, names: list[str], src_lang: str, tgt_lang: str, no_mt: bool,
                 out_dir: Path | None = None, on_done: Callable[[int], None] | None = None,
                 notes: list[str] | None = None, options: AlignOptions | None = None) -> dict[str, dict[str, float]]:
    """Align NAME.<src>/NAME.<tgt> for every name, as one collection, exactly as `workbench
    align` aligns them once imported (see `workbench.align.collection`), and score against
    NAME.gold; the result maps each name to its scores, plus `"total"` over all of them. With
    out_dir, keeps NAME.beads there. What decoding the files guessed or repaired is appended to
    `notes`."""
    documents = [(Side(read_lines(folder / f"{n}.{src_lang}", src_lang, notes), src_lang),
                  Side(read_lines(folder / f"{n}.{tgt_lang}", tgt_lang, notes), tgt_lang)) for n in names]
    golds = [_gold(folder / f"{n}.gold", len(src.sentences), len(tgt.sentences))
             for n, (src, tgt) in zip(names, documents)]  # checked before the long part
    outputs = align_documents(documents, options, no_mt, on_done=on_done)
    scored, results = [], {}
    for name, output, gold in zip(names, outputs, golds):
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{name}.beads").write_text("".join(format_bead(b) + "\n" for b in output))
        scored.append((gold, output))
        results[name] = score([(gold, output)])
    results["total"] = score(scored)
    return results
