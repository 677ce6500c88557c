"""Full-text search over a pair's sentences (accent-insensitive, any user text escaped)."""

from __future__ import annotations

import bisect

from sqlite_utils import Database


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word a quoted phrase, so `al-Nusra` or `"quoted"` work."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def matching_sentences(db: Database, pair_id: int, text: str) -> tuple[list[int], list[int]]:
    """Indexes of the pair's source and of its target sentences that match `text`. (The
    caller, holding the beads, finds the beads: joining beads here by span ranges took seconds
    on a pair of 10,000 beads.)"""
    if not text.split():
        return [], []
    pair = db["pairs"].get(pair_id)
    found: dict[int, list[int]] = {pair["src_doc"]: [], pair["tgt_doc"]: []}
    for document, position in db.execute(
            """select s.document_id, s.position from sentences_fts f join sentences s on s.id = f.rowid
               where sentences_fts match ? and s.document_id in (?, ?) order by s.position""",
            [fts_query(text), pair["src_doc"], pair["tgt_doc"]]):
        found[document].append(position)
    return _indexes(db, pair["src_doc"], found[pair["src_doc"]]), _indexes(db, pair["tgt_doc"], found[pair["tgt_doc"]])


def _indexes(db: Database, document: int, positions: list[int]) -> list[int]:
    """Sentence indexes of these stored positions (positions have gaps; see store/gaps.py)."""
    if not positions:
        return []
    every = [r[0] for r in db.execute("select position from sentences where document_id = ? order by position",
                                      [document])]
    return [bisect.bisect_left(every, p) for p in positions]
