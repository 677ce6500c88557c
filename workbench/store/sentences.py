"""Correcting a document's text during review: replace a run of sentences (fix a typo, split a
badly segmented sentence in two, join two) and shift everything that points past them, the
beads of every pair that uses the document included.

Beads hold sentence indexes (0, 1, 2... in document order); the rows are ordered by a
`position` stored GAP apart, so new sentences go between their neighbours and no later
sentence row is rewritten."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.edits import EditError
from workbench.store.database import insert_rows
from workbench.store.gaps import place, window


def side_document(db: Database, pair_id: int, side: str) -> int:
    column = "src_doc" if side == "src" else "tgt_doc"
    return db.execute(f"select {column} from pairs where id = ?", [pair_id]).fetchone()[0]


def _shift_beads(db: Database, document: int, end: int, delta: int) -> None:
    """Beads after the edited run move by delta; the bead holding it grows or shrinks by delta."""
    for column in ("src", "tgt"):
        pairs = f"pair_id in (select id from pairs where {column}_doc = ?)"
        # the holding bead first: after the shift, the next bead would look like it holds the run
        db.execute(f"update beads set {column}_end = {column}_end + ? where {pairs} and {column}_start < ? "
                   f"and {column}_end >= ?", [delta, document, end, end])
        db.execute(f"update beads set {column}_start = {column}_start + ?, {column}_end = {column}_end + ? "
                   f"where {pairs} and {column}_start >= ?", [delta, delta, document, end])


def replace_sentences(db: Database, document: int, start: int, old: list[str], new: list[str]) -> None:
    """Sentences [start, start + len(old)) of a document (indexes, not positions) become `new`
    (call inside a transaction)."""
    if not new or not all(t.strip() for t in new):
        raise EditError("every line must hold a sentence (use 'no counterpart' to drop a side)")
    run, before, after = window(db, "sentences", "document_id", document, start, len(old),
                                ("paragraph", "text", "kind", "block", "level"))
    if [r[3] for r in run] != old:
        raise EditError("the text changed since this view was loaded; reload")
    positions = place(db, "sentences", "document_id", document, start, len(old), len(new), before, after)
    db.execute(f"delete from sentences where id in ({','.join('?' * len(run))})", [r[0] for r in run])
    paragraph, _, kind, block, level = run[0][2:]  # corrected sentences stay in the block they came from
    insert_rows(db, "sentences", ("document_id", "position", "paragraph", "text", "kind", "block", "level"),
                [(document, position, paragraph, t, kind, block, level) for position, t in zip(positions, new)])
    if len(new) != len(old):
        _shift_beads(db, document, start + len(old), len(new) - len(old))
