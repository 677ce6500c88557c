"""The review session: the pair's beads in memory, and every database action on one worker
thread that owns its own connection (a sqlite3 connection belongs to the thread that opened
it), so writes reach the database in the order they were made without blocking the screen."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench import edits, store
from workbench.align.beads import format_bead, parse_beads
from workbench.edits import Change, ReviewBead, TextEdit


class Session:
    """One open database; `pair` selects the pair under review."""

    def __init__(self, db_path: Path) -> None:
        self._local: dict[str, Any] = {}
        self.db_path = db_path
        self._aligner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-realign")
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-db",
                                        initializer=self._open, initargs=(db_path,))
        self.pair = 0
        self.beads: list[ReviewBead] = []
        self.src: list[str] = []
        self.tgt: list[str] = []

    def _open(self, db_path: Path) -> None:
        self._local["db"] = store.open_database(db_path)

    def call(self, action: Callable[..., Any], *args: Any) -> Future:
        """Run `action(db, *args)` on the database thread."""
        return self._pool.submit(lambda: action(self._local["db"], *args))

    def summaries(self) -> list[store.PairSummary]:
        return self.call(store.pair_summaries).result()

    def open_pair(self, pair_id: int) -> None:
        texts = self.call(store.pair_texts, pair_id).result()
        self.pair, self.src, self.tgt = pair_id, texts.src, texts.tgt
        self.beads = self.call(self._read_beads, pair_id).result()

    def _read_beads(self, db: Database, pair_id: int) -> list[ReviewBead]:
        beads = store.review_beads(db, pair_id)
        self._local["seen"] = store.data_version(db)
        return beads

    def _write(self, db: Database, action: Callable[..., Any], *args: Any) -> Any:
        """Run a bead write or undo, comparing the rows it replaces with what it expects only
        when another connection committed since this one last read or wrote: otherwise the
        database holds what this thread wrote, which is what the screen shows (a bulk
        confirmation of 11,000 beads would re-read and compare them all)."""
        trusted = self._local.pop("seen", None) == store.data_version(db)
        done = action(db, self.pair, *args, check=not trusted)
        self._local["seen"] = store.data_version(db)
        return done

    def edit(self, change: Change, on_error: Callable[[Exception], None]) -> None:
        """Apply a change on screen at once and in the database in the background."""
        self.beads = edits.apply(self.beads, change)
        self._background(self.call(self._write, store.apply_edit, change), on_error)

    @staticmethod
    def _background(future: Future, on_error: Callable[[Exception], None]) -> None:
        future.add_done_callback(lambda f: f.exception() and on_error(f.exception()))

    def history(self, undo: bool) -> Change | None:
        """Undo or redo the last edit in the database and here; the change to the beads (for a
        text edit, to the bead holding it), None when there was nothing to undo or redo."""
        done = self.call(self._write, store.undo if undo else store.redo).result()
        if isinstance(done, TextEdit):
            return self._retext(done)
        if done is not None:
            self.beads = edits.apply(self.beads, done)
        return done

    def edit_text(self, k: int, side: str, lines: list[str], on_error: Callable[[Exception], None]) -> Change:
        """Replace the sentences of one side of bead k by `lines` here at once and in the
        database in the background (which checks them; on_error gets its refusal)."""
        ids = self.beads[k].on(side)
        edit = TextEdit(side, ids[0], self.texts(side)[ids[0]:ids[-1] + 1], lines)
        self._background(self.call(store.edit_text, self.pair, edit), on_error)
        return self._retext(edit)

    def _retext(self, edit: TextEdit) -> Change:
        """The texts and beads after a text edit, as the store makes them; the change of the
        bead holding it."""
        self.texts(edit.side)[edit.start:edit.start + len(edit.old)] = edit.new
        self.beads, change = edits.text_change(self.beads, edit)
        return change

    def texts(self, side: str) -> list[str]:
        """The sentences of one side (`src` or `tgt`) of the pair under review."""
        return self.src if side == "src" else self.tgt

    def reload(self) -> None:
        """Read the pair again (a write was refused: the database is what holds)."""
        self.open_pair(self.pair)

    def search(self, text: str) -> list[int]:
        """Indexes of the beads holding a sentence that matches `text` (full-text index)."""
        src, tgt = self.call(store.matching_sentences, self.pair, text).result()
        return edits.beads_holding(self.beads, src, tgt)

    def anchors(self) -> list[ReviewBead]:
        """Beads re-alignment keeps: confirmed or edited."""
        return [b for b in self.beads if b.status == "confirmed" or b.edited]

    def _process(self, command: list[str], stdin: str = "") -> Future:
        """Run the aligner in another process (the search is CPU-bound) off the UI thread; the
        future gives its standard output, or raises with its last error line."""
        def run() -> str:
            done = subprocess.run([sys.executable, "-m", *command], input=stdin, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError((done.stderr.strip().splitlines() or ["the aligner failed"])[-1])
            return done.stdout
        return self._aligner.submit(run)

    def realign(self) -> Future:
        """Start re-aligning everything but the anchors; the future gives the beads' text."""
        anchors = "".join(format_bead(b.as_bead(), with_confidence=False) + "\n" for b in self.anchors())
        return self._process(["workbench.aligning", str(self.db_path), str(self.pair)], anchors)

    def set_pair_status(self, pair_id: int, status: str) -> None:
        """Accept or reject a proposed pair."""
        self.call(store.set_pair_status, pair_id, status).result()

    def align(self, pair_id: int) -> Future:
        """Align an accepted pair in another process that stores its beads (`workbench align`)."""
        return self._process(["workbench", "--db", str(self.db_path), "align", str(pair_id)])

    def realigned(self, output: str) -> Change:
        """The change from the current beads to a re-alignment (anchors keep status and note)."""
        beads = parse_beads(output)
        kept = {(b.src, b.tgt): b for b in self.anchors()}
        new = tuple(kept.get((b.src, b.tgt)) or ReviewBead(b.src, b.tgt, b.confidence) for b in beads)
        return Change("realign", 0, tuple(self.beads), new)

    def flush(self) -> None:
        """Wait until every submitted database action is done."""
        self.call(lambda db: None).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._aligner.shutdown(wait=False, cancel_futures=True)
