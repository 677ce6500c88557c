"""Sentence positions GAP apart (store/gaps.py), as bead positions are: a sentence split
during review rewrote every later sentence row of the document (12,000 rows, most of the
database's part of the edit and of its write-ahead log)."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.store.gaps import GAP


def migrate(db: Database) -> None:
    db.execute(f"""update sentences set position = ranked.k * {GAP} from
                   (select id, row_number() over (partition by document_id order by position) - 1 as k
                    from sentences) as ranked
                   where sentences.id = ranked.id""")
