"""Review edits in the database: each edit is one transaction that replaces a run of beads (or
corrects sentences) and logs the step; undo applies the step's inverse, so undo and redo work
across restarts."""

from __future__ import annotations

import json

from sqlite_utils import Database

from workbench.edits import Change, EditError, ReviewBead, TextEdit
from workbench.store.records import GAP, _bead_row, _bounds, _span, now
from workbench.store.sentences import replace_sentences, side_document

COLUMNS = "src_start, src_end, tgt_start, tgt_end, confidence, status, edited, note"
ROWS_PER_STATEMENT = 30_000  # under SQLite's limit of 32,766 parameters


def review_beads(db: Database, pair_id: int) -> list[ReviewBead]:
    """The pair's beads with status, edited flag and note, in order."""
    return [ReviewBead(_span(a, b), _span(c, d), confidence, status, bool(edited), note)
            for a, b, c, d, confidence, status, edited, note in db.execute(
                f"select {COLUMNS} from beads where pair_id = ? order by position", [pair_id])]


def _fields(bead: ReviewBead) -> tuple:
    """A bead as the row values of COLUMNS."""
    return (*_bounds(bead.src), *_bounds(bead.tgt), bead.confidence, bead.status, int(bead.edited), bead.note)


def _row(pair_id: int, position: int, bead: ReviewBead) -> dict:
    return {**_bead_row(pair_id, position, bead), "status": bead.status, "edited": int(bead.edited),
            "note": bead.note}


def _replace(db: Database, pair_id: int, change: Change) -> None:
    """Swap the rows of change.old for change.new, refusing a stale change. The new rows take
    positions between their neighbours', so no other bead of the pair is rewritten."""
    start, count = change.start, len(change.old)
    first = max(start - 1, 0)
    rows = db.execute(f"select id, position, {COLUMNS} from beads where pair_id = ? order by position "
                      "limit ? offset ?", [pair_id, start + count + 1 - first, first]).fetchall()
    old = rows[start - first:start - first + count]
    if [r[2:] for r in old] != [_fields(b) for b in change.old]:
        raise EditError("the beads changed since this view was loaded (another window?); reload")
    if [(b.src, b.tgt) for b in change.old] == [(b.src, b.tgt) for b in change.new]:
        _update_in_place(db, old, change)
        return
    before = rows[0][1] if start > 0 else None
    after = rows[start - first + count][1] if len(rows) > start - first + count else None
    positions = between(before, after, len(change.new))
    if positions is None:
        spread(db, pair_id)
        return _replace(db, pair_id, change)
    db.execute(f"delete from beads where id in ({','.join('?' * count)})", [r[0] for r in old])
    db["beads"].insert_all(_row(pair_id, position, b) for position, b in zip(positions, change.new))


def _update_in_place(db: Database, rows: list[tuple], change: Change) -> None:
    """Same spans, new status or note (a confirmation): rewrite only the rows that differ, one
    statement per new (status, edited, note)."""
    groups: dict[tuple, list[int]] = {}
    for row, old, new in zip(rows, change.old, change.new):
        if old != new:
            groups.setdefault((new.status, int(new.edited), new.note), []).append(row[0])
    for values, ids in groups.items():
        for k in range(0, len(ids), ROWS_PER_STATEMENT):
            chunk = ids[k:k + ROWS_PER_STATEMENT]
            db.execute(f"update beads set status = ?, edited = ?, note = ? where id in ({','.join('?' * len(chunk))})",
                       [*values, *chunk])


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


def spread(db: Database, pair_id: int) -> None:
    """Renumber the pair's beads GAP apart (when repeated splits at one place used up the room)."""
    db.execute("""update beads set position = ranked.k * ? from
                  (select id, row_number() over (order by position) - 1 as k from beads where pair_id = ?) as ranked
                  where beads.id = ranked.id""", [GAP, pair_id])


def _dumps(change: Change) -> str:
    """The change as JSON, each bead a list of its fields (a ReviewBead is a tuple of them):
    a confirmation of ten thousand beads is logged in some 20 ms (`dataclasses.asdict` took
    700). Undo inverts the logged change, so it is written once."""
    head = json.dumps({"action": change.action, "start": change.start})[:-1]
    return f'{head}, "old": {json.dumps(change.old)}, "new": {json.dumps(change.new)}}}'


def _load(data: dict) -> Change:
    """A logged change (beads as lists, or as objects in logs of earlier versions)."""
    return Change(data["action"], data["start"], tuple(map(_logged, data["old"])), tuple(map(_logged, data["new"])))


def _logged(item: list | dict) -> ReviewBead:
    src, tgt, confidence, status, edited, note = item if isinstance(item, list) else (
        item["src"], item["tgt"], item["confidence"], item["status"], item["edited"], item["note"])
    return ReviewBead(tuple(src), tuple(tgt), confidence, status, edited, note)


def _log(db: Database, pair_id: int, action: str, step: str) -> None:
    db.execute("delete from edits where pair_id = ? and undone = 1", [pair_id])
    db["edits"].insert({"pair_id": pair_id, "at": now(), "action": action, "step": step, "undone": 0})


def apply_edit(db: Database, pair_id: int, change: Change) -> None:
    """Apply a reviewer's edit and log it (the redo history after an undo is dropped)."""
    with db.atomic():
        _replace(db, pair_id, change)
        _log(db, pair_id, change.action, _dumps(change))


def edit_text(db: Database, pair_id: int, edit: TextEdit) -> None:
    """Correct the text of a run of sentences (a typo fixed, one sentence split in two, two
    joined) as one logged, undoable edit."""
    with db.atomic():
        _retext(db, pair_id, edit)
        _log(db, pair_id, "edit text", json.dumps({"kind": "text", **edit._asdict()}))


def _retext(db: Database, pair_id: int, edit: TextEdit) -> None:
    replace_sentences(db, side_document(db, pair_id, edit.side), edit.start, edit.old, edit.new)


def _replay(db: Database, pair_id: int, text: str, undo: bool) -> Change | TextEdit:
    """Apply a logged step, or its inverse to undo it, and return what was applied."""
    data = json.loads(text)
    is_text = data.get("kind") == "text"
    step = TextEdit(data["side"], data["start"], data["old"], data["new"]) if is_text else _load(data)
    step = step.inverse() if undo else step
    if is_text:
        _retext(db, pair_id, step)
    else:
        _replace(db, pair_id, step)
    return step


def undo(db: Database, pair_id: int) -> Change | TextEdit | None:
    """Undo the pair's last edit. Returns what it did (a bead change or a text edit), None when
    there is nothing to undo."""
    return _step(db, pair_id, "undone = 0 order by id desc", True)


def redo(db: Database, pair_id: int) -> Change | TextEdit | None:
    """Redo the edit undone last (same return values as undo)."""
    return _step(db, pair_id, "undone = 1 order by id", False)


def _step(db: Database, pair_id: int, which: str, undo: bool) -> Change | TextEdit | None:
    with db.atomic():
        row = next(db.query(f"select id, step from edits where pair_id = ? and {which} limit 1", [pair_id]), None)
        if row is None:
            return None
        change = _replay(db, pair_id, row["step"], undo)
        db.execute("update edits set undone = ? where id = ?", [int(undo), row["id"]])
        return change
