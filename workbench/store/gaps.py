"""Ordered rows stored GAP apart: beads within a pair, sentences within a document. An edit
puts its new rows between their neighbours' positions instead of renumbering every later row
(a sentence split during review rewrote 12,000 sentence rows, a bead split 11,000 bead rows)."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.edits import EditError

GAP = 1024


def between(before: int | None, after: int | None, count: int) -> list[int] | None:
    """`count` positions strictly between two neighbours' (None: no neighbour on that side),
    evenly spread; None when the gap is too small."""
    if before is None:
        before = (after if after is not None else 0) - GAP * (count + 1)
    if after is None:
        after = before + GAP * (count + 1)
    if after - before <= count:
        return None
    return [before + (after - before) * (k + 1) // (count + 1) for k in range(count)]


def spread(db: Database, table: str, owner: str, owner_id: int) -> None:
    """Renumber the rows of one owner (`pair_id` of beads, `document_id` of sentences) GAP
    apart, keeping their order: when repeated edits at one place used the room up."""
    db.execute(f"""update {table} set position = ranked.k * ? from
                   (select id, row_number() over (order by position) - 1 as k from {table} where {owner} = ?) as ranked
                   where {table}.id = ranked.id""", [GAP, owner_id])


def window(db: Database, table: str, owner: str, owner_id: int, start: int, count: int,
           columns: tuple[str, ...] = ()) -> tuple[list[tuple], int | None, int | None]:
    """Rows [start, start + count) of one owner in order, each (id, position, *columns), and
    the positions of the rows just before and after them (None at an end): where an edit's
    new rows go. One read, whatever the gaps."""
    first = max(start - 1, 0)
    rows = db.execute(f"select {', '.join(('id', 'position', *columns))} from {table} where {owner} = ? "
                      "order by position limit ? offset ?", [owner_id, start + count + 1 - first, first]).fetchall()
    end = start - first + count
    return rows[start - first:end], rows[0][1] if start > 0 else None, rows[end][1] if len(rows) > end else None


def place(db: Database, table: str, owner: str, owner_id: int, start: int, count: int, new: int,
          before: int | None, after: int | None) -> list[int]:
    """Positions for `new` rows that replace rows [start, start + count) of one owner, between
    their neighbours' positions `before` and `after` (from `window`). With no room left there,
    the owner's rows are spread out first (their ids stay); even then, at most
    (count + 1) * GAP - 1 rows fit."""
    positions = between(before, after, new)
    if positions is None:
        spread(db, table, owner, owner_id)
        _, before, after = window(db, table, owner, owner_id, start, count)
        positions = between(before, after, new)
    if positions is None:
        raise EditError(f"{new} new rows do not fit in one place (at most {(count + 1) * GAP - 1})")
    return positions
