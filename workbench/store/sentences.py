"""Correcting a document's text during review: replace a run of sentences (fix a typo, split a
badly segmented sentence in two, join two) and shift everything that points past them, the
beads of every pair that uses the document included."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.edits import EditError


def side_document(db: Database, pair_id: int, side: str) -> int:
    return db["pairs"].get(pair_id)["src_doc" if side == "src" else "tgt_doc"]


def _texts(db: Database, document: int, start: int, end: int) -> list[str]:
    return [r["text"] for r in db.query("select text from sentences where document_id = ? and position >= ? "
                                        "and position < ? order by position", [document, start, end])]


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
    """Sentences [start, start + len(old)) of a document become `new` (call inside a transaction)."""
    end = start + len(old)
    if _texts(db, document, start, end) != old:
        raise EditError("the text changed since this view was loaded; reload")
    if not new or not all(t.strip() for t in new):
        raise EditError("every line must hold a sentence (use 'no counterpart' to drop a side)")
    paragraph = next(db.query("select paragraph from sentences where document_id = ? and position = ?",
                              [document, start]))["paragraph"]
    db.execute("delete from sentences where document_id = ? and position >= ? and position < ?", [document, start, end])
    delta = len(new) - len(old)
    if delta:  # one pass: the position index is not unique (schema m006)
        db.execute("update sentences set position = position + ? where document_id = ? and position >= ?",
                   [delta, document, end])
        _shift_beads(db, document, end, delta)
    db["sentences"].insert_all({"document_id": document, "position": start + k, "paragraph": paragraph, "text": t}
                               for k, t in enumerate(new))
