"""Full-text search over a pair's sentences (accent-insensitive, any user text escaped)."""

from __future__ import annotations

from sqlite_utils import Database


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word a quoted phrase, so `al-Nusra` or `"quoted"` work."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def matching_beads(db: Database, pair_id: int, text: str) -> list[int]:
    """Positions of the pair's beads holding a sentence that matches `text`, in order."""
    if not text.split():
        return []
    rows = db.query(
        """select distinct b.position from sentences s
           join sentences_fts f on f.rowid = s.id
           join pairs p on p.id = ?
           join beads b on b.pair_id = p.id and (
             (s.document_id = p.src_doc and s.position >= b.src_start and s.position < b.src_end) or
             (s.document_id = p.tgt_doc and s.position >= b.tgt_start and s.position < b.tgt_end))
           where sentences_fts match ? order by b.position""", [pair_id, fts_query(text)])
    return [r["position"] for r in rows]
