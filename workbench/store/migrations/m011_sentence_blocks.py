"""Each sentence keeps the block it came from: its kind (heading, paragraph, list_item, quote,
table_cell, code, caption), the block's number in the document (from 0) and its level (a
heading's level or a list item's depth); each document keeps its front matter other than the
title as JSON metadata. Sentences stored before are paragraphs', their blocks numbered by their
paragraph ids as the aligner reads them (a new block wherever the id changes)."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["sentences"].add_column("kind", str, not_null_default="paragraph")
    db["sentences"].add_column("block", int)
    db["sentences"].add_column("level", int)
    db["documents"].add_column("metadata", str)
    db.execute("""update sentences set block = numbered.block from
                  (select id, sum(starts) over (partition by document_id order by position) - 1 as block from
                     (select id, document_id, position,
                             case when paragraph is lag(paragraph) over (partition by document_id order by position)
                                  then 0 else 1 end as starts
                      from sentences)) as numbered
                  where sentences.id = numbered.id""")
