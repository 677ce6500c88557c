"""A sentence split during review renumbers every later sentence of the document; the
full-text trigger fired on any update and rewrote each of their index entries (12,000 on
the review benchmark, most of a 500 ms edit). The index holds only the text."""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute("drop trigger if exists sentences_au")
    db.execute("""create trigger sentences_au after update of text on sentences begin
                    insert into sentences_fts (sentences_fts, rowid, text) values ('delete', old.rowid, old.text);
                    insert into sentences_fts (rowid, text) values (new.rowid, new.text);
                  end""")
