"""Full-text search over a pair's sentences (accent-insensitive, any user text escaped)."""

from __future__ import annotations

from sqlite_utils import Database


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word a quoted phrase, so `al-Nusra` or `"quoted"` work."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def matching_sentences(db: Database, pair_id: int, text: str) -> tuple[list[int], list[int]]:
    """Positions of the pair's source and of its target sentences that match `text`. (The
    caller, holding the beads, finds the beads: joining beads here by span ranges took seconds
    on a pair of 10,000 beads.)"""
    if not text.split():
        return [], []
    rows = db.execute(
        """select s.document_id = p.src_doc, s.position from sentences_fts f
           join sentences s on s.id = f.rowid
           join pairs p on p.id = ? and s.document_id in (p.src_doc, p.tgt_doc)
           where sentences_fts match ? order by s.position""", [pair_id, fts_query(text)])
    src: list[int] = []
    tgt: list[int] = []
    for is_src, position in rows:
        (src if is_src else tgt).append(position)
    return src, tgt
