"""Learning from reviewers (issue 25): an oracle reviewer corrects an archive document by
document, and the documents not reviewed yet are re-aligned after each with what the store has
learnt from the reviews.

    python -m benchmarks.learning_bench              # candide-dev and the article dev sets, MT on and off
    python -m benchmarks.learning_bench candide --no-mt
    python -m benchmarks.learning_bench articles

The archive is a real SQLite store made as a user makes one: each pair imported (`--presplit`,
so that sentence k is the gold's k; a `.jsonl` side keeps its blocks) and all of them aligned
(`workbench align --all`). Then, in a fixed order (by name), the reviewer opens a document,
counts the boundary fixes its beads need (as `workbench eval` counts them, before any
correction), and stores the gold beads as confirmed (edited where the beads changed) in one
review edit; the documents not reviewed yet are re-aligned (`workbench align --realign` of
them), and the next one is opened. No document is reviewed twice, and none is scored after its
own gold was stored.

"without" is the first alignment, which no reviewer input reached: the aligner as it is without
a reviewer. The curve shows, per document in review order, its gold beads and the fixes it
needed without and with learning.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import REPO, SHARED, require_shared

SETS = {"candide": [SHARED / "candide-dev"],
        "articles": [REPO / "benchmarks" / "dev" / "react-docs", REPO / "benchmarks" / "dev" / "react-docs-divergent"]}


@dataclass
class Document:
    """One pair of the archive: its name, stored pair id and gold beads."""

    name: str
    pair_id: int
    gold: list


def build(db, folders: list[Path], src_lang: str = "en", tgt_lang: str = "es") -> list[Document]:
    """Import every gold document of the folders into the store as `workbench import --presplit
    --no-language-check` does, in review order."""
    from workbench import store
    from workbench.jobs import imports
    from workbench.jobs.evaluation import gold_names, side_file
    from workbench.ingest import read_beads
    reading = imports.Reading(src_lang, tgt_lang, presplit=True, check_languages=False)
    found = []
    for folder in folders:
        for name in gold_names(folder):
            src, tgt, _ = imports.read_pair(side_file(folder, name, src_lang), side_file(folder, name, tgt_lang),
                                            reading, name)
            found.append(Document(name, store.add_pair(db, src, tgt), read_beads(folder / f"{name}.gold")))
    return found


def review(db, pair_id: int, gold: list) -> None:
    """What the reviewer does once satisfied: the pair's beads become the gold, every bead
    confirmed, those that were not there before marked edited, in one undoable edit."""
    from workbench import store
    from workbench.edits import Change, ReviewBead
    from workbench.model import BeadStatus
    old = store.review_beads(db, pair_id)
    before = {(b.src, b.tgt): b.confidence for b in old}
    new = tuple(ReviewBead(b.src, b.tgt, before.get((b.src, b.tgt)), BeadStatus.CONFIRMED,
                           (b.src, b.tgt) not in before) for b in gold)
    store.apply_edit(db, pair_id, Change("oracle review", 0, tuple(old), new))


def run(folders: list[Path], no_mt: bool, db_path: Path) -> tuple[int, int, int]:
    """Review the archive of `folders`; print the curve, return gold beads and fixes without and
    with learning."""
    from workbench import store
    from workbench.jobs.alignment import align_pairs
    from workbench.metrics import boundary_fixes
    db = store.open_database(db_path)
    documents = build(db, folders)
    align_pairs(db, [d.pair_id for d in documents], no_mt)
    without = [boundary_fixes(d.gold, store.beads(db, d.pair_id)) for d in documents]
    learnt = []
    for k, document in enumerate(documents):
        learnt.append(boundary_fixes(document.gold, store.beads(db, document.pair_id)))
        review(db, document.pair_id, document.gold)
        if rest := [d.pair_id for d in documents[k + 1:]]:
            align_pairs(db, rest, no_mt, realign=True)
    print(f"{'document':32} {'gold':>5} {'without':>8} {'with':>5}   cumulative per 100: without, with")
    beads = fixes_without = fixes_with = 0
    for document, a, b in zip(documents, without, learnt):
        beads, fixes_without, fixes_with = beads + len(document.gold), fixes_without + a, fixes_with + b
        print(f"{document.name:32} {len(document.gold):5} {a:8} {b:5}   "
              f"{100 * fixes_without / beads:6.1f} {100 * fixes_with / beads:6.1f}")
    return beads, fixes_without, fixes_with


def main() -> None:
    require_shared()
    args = sys.argv[1:]
    names = [a for a in args if a in SETS] or list(SETS)
    settings = [True] if "--no-mt" in args else [False, True]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            for no_mt in settings:
                print(f"\n{name}, MT {'off' if no_mt else 'on'}:")
                beads, without, learnt = run(SETS[name], no_mt, Path(tmp) / f"{name}-{no_mt}.db")
                print(f"fixes per 100 gold beads over the archive ({beads} beads): without learning "
                      f"{100 * without / beads:.1f}, with {100 * learnt / beads:.1f} "
                      f"(ratio {learnt / without if without else 1:.2f}; target at most 0.67)")


if __name__ == "__main__":
    main()
