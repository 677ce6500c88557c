"""Full-text search over a pair's sentences (accent-insensitive, any user text escaped)."""

from __future__ import annotations

import bisect

from sqlite_utils import Database


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word a quoted phrase, so `al-Nusra` or `"quoted"` work."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def matching_beads(db: Database, pair_id: int, text: str) -> list[int]:
    """Indexes (in the pair's bead order) of the beads holding a sentence that matches `text`."""
    if not text.split():
        return []
    rows = db.execute(
        """select distinct b.position from sentences s
           join sentences_fts f on f.rowid = s.id
           join pairs p on p.id = ?
           join beads b on b.pair_id = p.id and (
             (s.document_id = p.src_doc and s.position >= b.src_start and s.position < b.src_end) or
             (s.document_id = p.tgt_doc and s.position >= b.tgt_start and s.position < b.tgt_end))
           where sentences_fts match ? order by b.position""", [pair_id, fts_query(text)])
    order = [r[0] for r in db.execute("select position from beads where pair_id = ? order by position", [pair_id])]
    return [bisect.bisect_left(order, position) for (position,) in rows]
