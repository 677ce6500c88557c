"""A scripted reviewer: the React documentation page of corpora/react-docs, imported and aligned
(the alignment is right: it is the gold), with ten typical alignment errors written into the
stored beads, reviewed top to bottom through Textual's Pilot with the review UI's keys. The
reviewer reads every bead: a right one is confirmed (space, which goes on to the next), a wrong
one is fixed with the keys of `FIXES` and then confirmed. It counts every key it presses, text
typed into a question included, and checks that the stored alignment ends equal to the gold one
with every bead confirmed.

Run: python -m benchmarks.review_script [80x24|120x35]; tests/test_review_script.py runs it too.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench import store
from workbench.align import Bead
from workbench.cli import main
from workbench.store.sentences import replace_sentences, side_document

ARTICLE = Path(__file__).resolve().parent.parent / "corpora" / "react-docs" / "understanding-your-ui-as-a-tree"
Span = tuple[tuple[int, ...], tuple[int, ...]]
# A Spanish sentence with no English counterpart, put in place of target sentence 5 (a credit line
# that the aligner, or a translator's tool, paired with the English sentence beside it).
UNMATCHED = (5, "Traducción revisada por la comunidad de es.react.dev en 2024.")


@dataclass(frozen=True)
class Error:
    """Gold beads [start, start + count) stored as `wrong` instead; `keys` fix them, pressed with
    the cursor on the first wrong bead, and leave the cursor on the first fixed one."""

    what: str
    start: int
    count: int
    wrong: tuple[Span, ...]
    keys: tuple[str, ...]


# Gold bead indexes are those of the aligned page (46 beads) with target sentence 5 unmatched,
# which makes gold bead 5 a 1-0 and bead 6 a 0-1 (so beads after 5 are one further than in the
# aligner's output).
ERRORS = (
    Error("a 2-3 that is 1-1, 1-1, 1-1", 2, 3, (((2, 3), (2, 3, 4)), ((4,), ())),
          ("s", "enter", "down", "D", "up")),
    Error("a 1-1 that is 1-0 + 0-1 (an unmatched credit line)", 5, 2, (((5,), (5,)),), ("0",)),
    Error("two list items joined", 8, 2, (((7, 8), (7, 8)),), ("s", "enter")),
    Error("a missed 2-1", 11, 1, (((10,), (10,)), ((11,), ())), ("m",)),
    Error("a 1-1 cut into 1-0 + 0-1", 12, 1, (((12,), ()), ((), (11,))), ("m",)),
    Error("a Spanish caption glued to the caption before it", 20, 2, (((20,), (19, 20)), ((21,), ())), ("D",)),
    Error("a heading joined to the sentence after it", 24, 2, (((24, 25), (23, 24)),), ("s", "enter")),
    Error("an English sentence pulled into the bead before", 27, 2, (((27, 28), (26,)), ((), (27,))), ("d",)),
    Error("three code files in one bead", 32, 3, (((32, 33, 34), (31, 32, 33)),),
          ("s", "enter", "down", "s", "enter", "up")),
    Error("a Spanish sentence pushed into the next bead", 43, 2, (((43,), ()), ((44,), (42, 43))),
          ("down", "U", "up")),
)


def build(db: Path) -> list[Span]:
    """Import and align the page into `db`, make target sentence 5 unmatched and store the ten
    errors; returns the gold beads."""
    for argv in (["import", f"{ARTICLE}.en.md", f"{ARTICLE}.es.md"], ["align", "1", "--no-mt"]):
        assert main(["--db", str(db), *argv]) == 0
    conn = store.open_database(db)
    aligned = [(b.src, b.tgt) for b in store.beads(conn, 1)]
    at, text = UNMATCHED
    k = next(k for k, (_, tgt) in enumerate(aligned) if tgt == (at,))
    gold = aligned[:k] + [(aligned[k][0], ()), ((), (at,))] + aligned[k + 1:]
    document = side_document(conn, 1, "tgt")
    with store.transaction(conn):
        old = store.pair_texts(conn, 1).tgt[at]
        replace_sentences(conn, document, at, [old], [text])
    stored: list[Span] = []
    done = 0
    for error in ERRORS:
        stored += gold[done:error.start] + list(error.wrong)
        done = error.start + error.count
    stored += gold[done:]
    store.save_alignment(conn, 1, [Bead(src, tgt, 0.5 if any(s == (src, tgt) for e in ERRORS for s in e.wrong)
                                        else 0.9) for src, tgt in stored], {"aligner_version": "script"})
    conn.close()
    return gold


async def review(db: Path, gold: list[Span], size: tuple[int, int]) -> dict[str, int]:
    """Walk the pair with the keys; the keys pressed for each error, and for the right beads."""
    from workbench.review.app import ReviewApp
    app = ReviewApp(db, 1)
    counts = {"confirming right beads": 0} | {e.what: 0 for e in ERRORS}
    firsts = {e.wrong[0]: e for e in ERRORS}
    fixed: set[str] = set()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(4 * len(gold)):
            beads, cursor = app.session.beads, app.screen.view.cursor
            bead = beads[cursor]
            error = firsts.get((bead.src, bead.tgt))
            if error is not None and error.what not in fixed:
                keys = error.keys
                fixed.add(error.what)
                counts[error.what] += len(keys)
            elif bead.status != "confirmed":
                keys = ("space",)
                counts["confirming right beads"] += 1
            else:
                break  # the last bead is confirmed: space stayed on it
            await pilot.press(*keys)
            await pilot.pause()
        app.session.flush()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select src_start, src_end, tgt_start, tgt_end, status from beads where pair_id = 1 "
                            "order by position").fetchall()
    spans = [(tuple(range(a, b)) if a is not None else (), tuple(range(c, d)) if c is not None else ())
             for a, b, c, d, _ in rows]
    assert spans == gold, "the review did not end on the gold alignment"
    assert all(status == "confirmed" for *_, status in rows), "a bead is left unconfirmed"
    return counts


def run(size: tuple[int, int] = (120, 35)) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "script.db"
        return asyncio.run(review(db, build(db), size))


if __name__ == "__main__":
    width, height = (int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "120x35").split("x"))
    counts = run((width, height))
    for what, count in counts.items():
        print(f"{count:4d}  {what}")
    print(f"{sum(counts.values()):4d}  keys in all ({sum(len(e.keys) for e in ERRORS)} for the ten errors)")
