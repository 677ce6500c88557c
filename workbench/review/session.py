"""The review session: the screen's side of a review. It owns the bead list the reviewer sees
and changes it at once; every database action goes to a `PairData` (see its module), in a
process of its own (`worker`) so that writes reach the database in the order they were made
without blocking the screen, or in this process for tests and benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from workbench import edits, store
from workbench.align.beads import Bead
from workbench.edits import Change, ReviewBead, TextEdit
from workbench.jobs.removal import remove_pairs
from workbench.jobs.workers import process_pool
from workbench.review import gc_schedule, worker
from workbench.review.blocks import SentenceBlocks
from workbench.review.pair_data import InProcess, PairData
from workbench.model import BeadStatus


def _realign(db_path: Path, pair_id: int, anchors: list[Bead]) -> list[Bead]:
    """`jobs.alignment.realign_pair`, imported in the aligner process only: the screen's process
    never loads the aligner (half a second of imports)."""
    from workbench.jobs.alignment import realign_pair
    return realign_pair(db_path, pair_id, anchors)


def _align(db_path: Path, pair_id: int) -> None:
    """`jobs.alignment.align_stored` for one pair, imported in the aligner process only."""
    from workbench.jobs.alignment import align_stored
    align_stored(db_path, [pair_id])


class Session:
    """One open database; `pair` selects the pair under review."""

    def __init__(self, db_path: Path, in_process: bool = False) -> None:
        self.db_path = db_path
        self._aligner = process_pool(1)  # made before the screen starts: see process_pool
        self._db = InProcess(db_path) if in_process else worker.Worker(db_path)
        self.pair = 0
        self.beads: list[ReviewBead] = []
        self.src: list[str] = []
        self.tgt: list[str] = []
        # the block of each sentence of both sides, in step with the texts
        self.blocks = (SentenceBlocks([], []), SentenceBlocks([], []))
        # this session's edits, as the edit log holds them: undone and redone from memory
        self._undo: list[Change | TextEdit] = []
        self._redo: list[Change | TextEdit] = []

    def _call(self, action: Callable[..., Any], *args: Any) -> Future:
        """Run one of `PairData`'s functions on the database side."""
        return self._db.submit(action, *args)

    def summaries(self) -> list[store.PairSummary]:
        return self._call(PairData.run, store.pair_summaries).result()

    def open_pair(self, pair_id: int) -> None:
        asked = self._call(PairData.run, store.pair_texts, pair_id), self._call(PairData.open_pair, pair_id)
        texts, beads = (future.result() for future in asked)
        self.pair, self.src, self.tgt = pair_id, texts.src, texts.tgt
        self.blocks = (SentenceBlocks(texts.src_kinds, texts.src_levels),
                       SentenceBlocks(texts.tgt_kinds, texts.tgt_levels))
        self.beads = beads
        self._undo, self._redo = [], []

    def edit(self, change: Change, on_error: Callable[[Exception], None]) -> None:
        """Apply a change on screen at once and in the database in the background."""
        self.beads = edits.apply(self.beads, change)
        self._done(change)
        self._background(self._call(PairData.edit, edits.compact(change)), on_error)

    def _done(self, step: Change | TextEdit) -> None:
        """An edit made here: undoable from memory, and the end of what could be redone."""
        self._undo.append(step)
        self._redo.clear()

    @staticmethod
    def _background(future: Future, on_error: Callable[[Exception], None]) -> None:
        future.add_done_callback(lambda f: f.exception() and on_error(f.exception()))

    def history(self, undo: bool, on_error: Callable[[Exception], None]) -> Change | None:
        """Undo or redo the last edit here and in the database; the change to the beads (for a
        text edit, to the bead holding it), None when there was nothing to undo or redo.
        An edit made in this session is undone on screen at once, like an edit, and in the
        database in the background (which refuses if its log says otherwise); an older one is
        read from the edit log first."""
        here, there = (self._undo, self._redo) if undo else (self._redo, self._undo)
        if not here:
            return self._from_log(undo, there)
        step = here.pop()
        there.append(step)
        applied = step.inverse() if undo else step
        self._background(self._call(PairData.history, undo, edits.compact(applied)), on_error)
        return self._applied(applied)

    def _from_log(self, undo: bool, there: list[Change | TextEdit]) -> Change | None:
        done = self._call(PairData.history, undo).result()
        if done is None:
            return None
        with gc_schedule.lasting():
            applied = edits.expand(self.beads, done)
        there.append(applied.inverse() if undo else applied)
        return self._applied(applied)

    def _applied(self, step: Change | TextEdit) -> Change:
        """Apply an undo or redo here; the change to the beads."""
        if isinstance(step, TextEdit):
            return self._retext(step)
        self.beads = edits.apply(self.beads, step)
        return step

    def edit_text(self, k: int, side: str, lines: list[str], on_error: Callable[[Exception], None]) -> Change:
        """Replace the sentences of one side of bead k by `lines` here at once and in the
        database in the background (which checks them; on_error gets its refusal)."""
        ids = self.beads[k].on(side)
        edit = TextEdit(side, ids[0], self.texts(side)[ids[0]:ids[-1] + 1], lines)
        self._done(edit)
        self._background(self._call(PairData.edit_text, edit), on_error)
        return self._retext(edit)

    def _retext(self, edit: TextEdit) -> Change:
        """The texts and beads after a text edit, as the store makes them; the change of the
        bead holding it."""
        self.texts(edit.side)[edit.start:edit.start + len(edit.old)] = edit.new
        self.blocks[0 if edit.side == "src" else 1].retext(edit.start, len(edit.old), len(edit.new))
        with gc_schedule.lasting():
            self.beads, change = edits.text_change(self.beads, edit)
        return change

    def texts(self, side: str) -> list[str]:
        """The sentences of one side (`src` or `tgt`) of the pair under review."""
        return self.src if side == "src" else self.tgt

    def reload(self) -> bool:
        """Read the pair again (a write was refused: the database is what holds); False when
        the pair is gone (removed in another window)."""
        try:
            self.open_pair(self.pair)
        except store.StoreError:
            return False
        return True

    def search(self, text: str) -> list[int]:
        """Indexes of the beads holding a sentence that matches `text` (full-text index)."""
        return self._call(PairData.search, text).result()

    def anchors(self) -> list[ReviewBead]:
        """Beads re-alignment keeps: confirmed or edited."""
        return [b for b in self.beads if b.status == BeadStatus.CONFIRMED or b.edited]

    def _in_aligner(self, action: Callable[..., Any], *args: Any) -> Future:
        """Run `action` in the aligner process (the search is CPU-bound and must not hold the
        screen's interpreter lock); the process starts at the first use."""
        return self._aligner.submit(action, *args)

    def realign(self) -> Future:
        """Start re-aligning everything but the anchors; the future gives the beads."""
        anchors = [b.as_bead() for b in self.anchors()]
        return self._in_aligner(_realign, self.db_path, self.pair, anchors)

    def set_pair_status(self, pair_id: int, status: str) -> None:
        """Accept or reject a proposed pair."""
        self._call(PairData.run, store.set_pair_status, pair_id, status).result()

    def remove_pair(self, pair_id: int) -> None:
        """Delete a pair that holds no reviewed bead (see `store.remove_pairs`)."""
        self._call(PairData.run, remove_pairs, [pair_id]).result()

    def align(self, pair_id: int) -> Future:
        """Align an accepted pair in the aligner process, which stores its beads."""
        return self._in_aligner(_align, self.db_path, pair_id)

    def realigned(self, beads: list[Bead]) -> Change:
        """The change from the current beads to a re-alignment (anchors keep status and note)."""
        kept = {(b.src, b.tgt): b for b in self.anchors()}
        new = tuple(kept.get((b.src, b.tgt)) or ReviewBead(b.src, b.tgt, b.confidence) for b in beads)
        return Change("realign", 0, tuple(self.beads), new)

    def flush(self) -> None:
        """Wait until every submitted database action is done."""
        self._call(PairData.done).result()

    def close(self) -> None:
        self._db.close()
        self._aligner.shutdown(wait=False, cancel_futures=True)
