"""The database side of a review: one connection, the open pair, and every read and write the
screen asks for, in the order it asked. `Session` (the screen's side) owns the bead list the
reviewer sees and changes it at once; this side keeps a replica that moves only by the changes
the screen sends, so what crosses between them stays small (a bulk confirmation of 11,000 beads
is sent as its offsets, see `edits.StatusChange`; a search answers with bead indexes), and it
writes each change to the store, which holds the truth that both read when a pair opens or a
write is refused.

It runs in a process of its own (`worker`) for the screen, or in the caller's process
(`InProcess`) for tests and benchmarks that want the same behaviour without a second process.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from workbench import edits, store
from workbench.edits import Change, ReviewBead, StatusChange, TextEdit


class PairData:
    """The open pair's replica of beads and the connection that writes its changes."""

    def __init__(self, db_path: Path) -> None:
        self.db = store.open_database(db_path)
        self.pair = 0
        self.beads: list[ReviewBead] = []
        self.seen: int | None = None  # the database's data_version after this side's last read or write

    def run(self, action: Callable[..., Any], *args: Any) -> Any:
        """`action(db, *args)`: any store function that needs no bead of the open pair."""
        return action(self.db, *args)

    def open_pair(self, pair_id: int) -> list[ReviewBead]:
        """Read a pair's beads: the screen's copy and this side's."""
        self.pair, self.beads = pair_id, store.review_beads(self.db, pair_id)
        self.seen = store.data_version(self.db)
        return self.beads

    def _write(self, action: Callable[..., Any], *args: Any) -> Any:
        """Run a bead write or undo, comparing the rows it replaces with what it expects only
        when another connection committed since this one last read or wrote: otherwise the
        database holds what this side wrote, which is what the screen shows (a bulk
        confirmation of 11,000 beads would re-read and compare them all). Both readings of
        `data_version` are made holding the write lock, so no commit can fall between them and
        the write."""
        with store.transaction(self.db):
            trusted, self.seen = self.seen == store.data_version(self.db), None
            done = action(self.db, self.pair, *args, check=not trusted)
            self.seen = store.data_version(self.db)
        return done

    def edit(self, sent: Change | StatusChange) -> None:
        """Store a change the screen made (and shows already)."""
        change = edits.expand(self.beads, sent)
        self._write(store.apply_edit, change)
        self.beads = edits.apply(self.beads, change)

    def edit_text(self, edit: TextEdit) -> None:
        """Store a correction of sentences (the store checks the texts it replaces)."""
        store.edit_text(self.db, self.pair, edit)
        self.beads = edits.text_change(self.beads, edit)[0]

    def history(self, undo: bool, expected: Change | StatusChange | TextEdit | None = None,
                ) -> Change | StatusChange | TextEdit | None:
        """Undo or redo the pair's last edit; what it did, in the form that crosses back
        (nothing when the screen did it already and says what it did in `expected`: see
        `store.undo`)."""
        expected = edits.expand(self.beads, expected)
        step = store.undo if undo else store.redo
        done = self._write(lambda db, pair, check: step(db, pair, check, None if check else self.beads, expected))
        if isinstance(done, TextEdit):
            self.beads = edits.text_change(self.beads, done)[0]
            return None if expected is not None else done
        if done is None:
            return None
        self.beads = edits.apply(self.beads, done)
        return None if expected is not None else edits.compact(done)

    def search(self, text: str) -> list[int]:
        """Indexes of the beads holding a sentence that matches `text` (full-text index)."""
        src, tgt = store.matching_sentences(self.db, self.pair, text)
        return edits.beads_holding(self.beads, src, tgt)

    def done(self) -> None:
        """Nothing: answered once everything submitted before it is done."""


Call = Callable[..., Any]  # a function of PairData, called with the PairData first


class InProcess:
    """`PairData` in this process, behind the interface of the database process (`worker.Worker`):
    each call runs at once and its future is done when `submit` returns."""

    def __init__(self, db_path: Path) -> None:
        self._data: PairData | None = None
        self._failed: Exception | None = None
        try:
            self._data = PairData(db_path)
        except Exception as error:  # noqa: BLE001  (as the process does: every call's answer)
            self._failed = error

    def submit(self, action: Call, *args: Any) -> Future:
        future: Future = Future()
        try:
            if self._data is None:
                raise self._failed or RuntimeError("no database")
            future.set_result(action(self._data, *args))
        except Exception as error:  # noqa: BLE001  (the caller's future raises it)
            future.set_exception(error)
        return future

    def close(self) -> None:
        self._data = None
        self._failed = RuntimeError("closed")
