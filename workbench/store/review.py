"""Review edits in the database: each edit is one transaction that replaces a run of beads (or
corrects sentences) and logs the step; undo applies the step's inverse, so undo and redo work
across restarts."""

from __future__ import annotations

import json

from sqlite_utils import Database

from workbench.edits import Change, EditError, ReviewBead, TextEdit
from workbench.store.database import insert_rows
from workbench.store.gaps import between, spread
from workbench.store.records import _bounds, _span, now
from workbench.store.sentences import replace_sentences, side_document

COLUMNS = "src_start, src_end, tgt_start, tgt_end, confidence, status, edited, note"
ROWS_PER_STATEMENT = 30_000  # under SQLite's limit of 32,766 parameters
# offsets of the beads a change sets, by old and new (status, edited, note); see `restatus`
Restatus = dict[tuple[tuple, tuple], list[int]]


def review_beads(db: Database, pair_id: int, start: int = 0, count: int = -1) -> list[ReviewBead]:
    """The pair's beads (`count` of them from index `start`; all by default) with status,
    edited flag and note, in order."""
    return [ReviewBead(_span(a, b), _span(c, d), confidence, status, bool(edited), note)
            for a, b, c, d, confidence, status, edited, note in db.execute(
                f"select {COLUMNS} from beads where pair_id = ? order by position limit ? offset ?",
                [pair_id, count, start])]


def _fields(bead: ReviewBead) -> tuple:
    """A bead as the row values of COLUMNS."""
    return (*_bounds(bead.src), *_bounds(bead.tgt), bead.confidence, bead.status, int(bead.edited), bead.note)


def _replace(db: Database, pair_id: int, change: Change, check: bool = True) -> Restatus | None:
    """Swap the rows of change.old for change.new, refusing a stale change (unless `check` is
    off). The new rows take positions between their neighbours', so no other bead of the pair
    is rewritten; a change that keeps every span and confidence (a restatus, returned) updates
    its rows in place."""
    start, count = change.start, len(change.old)
    first = max(start - 1, 0)
    columns = f"id, position, {COLUMNS}" if check else "id, position"
    rows = db.execute(f"select {columns} from beads where pair_id = ? order by position "
                      "limit ? offset ?", [pair_id, start + count + 1 - first, first]).fetchall()
    old = rows[start - first:start - first + count]
    if len(old) != count or check and [r[2:] for r in old] != [_fields(b) for b in change.old]:
        raise EditError("the beads changed since this view was loaded (another window?); reload")
    groups = restatus(change)
    if groups is not None:
        _update_in_place(db, [r[0] for r in old], groups)
        return groups
    before = rows[0][1] if start > 0 else None
    after = rows[start - first + count][1] if len(rows) > start - first + count else None
    positions = between(before, after, len(change.new))
    if positions is None:
        spread(db, "beads", "pair_id", pair_id)
        return _replace(db, pair_id, change, check)
    db.execute(f"delete from beads where id in ({','.join('?' * count)})", [r[0] for r in old])
    insert_rows(db, "beads", ("pair_id", "position", *COLUMNS.split(", ")),
                ((pair_id, position, *_fields(b)) for position, b in zip(positions, change.new)))
    return None


def restatus(change: Change) -> Restatus | None:
    """A change that keeps every span and confidence (a confirmation, a rejection, a note) as
    the offsets of the beads it changes, grouped by their old and new (status, edited, note);
    None for any other change. A bulk confirmation is one group of 11,000 offsets."""
    if len(change.old) != len(change.new) or not all(map(_same_place, change.old, change.new)):
        return None
    groups: Restatus = {}
    for k, (old, new) in enumerate(zip(change.old, change.new)):
        if old is not new and old != new:
            groups.setdefault((old[3:], new[3:]), []).append(k)
    return groups


def _same_place(old: ReviewBead, new: ReviewBead) -> bool:
    return old[:3] == new[:3]


def _update_in_place(db: Database, ids: list[int], groups: Restatus) -> None:
    """Rewrite only the rows a restatus changes, one statement per new (status, edited, note)."""
    for (_, (status, edited, note)), offsets in groups.items():
        for k in range(0, len(offsets), ROWS_PER_STATEMENT):
            chunk = [ids[i] for i in offsets[k:k + ROWS_PER_STATEMENT]]
            db.execute(f"update beads set status = ?, edited = ?, note = ? where id in ({','.join('?' * len(chunk))})",
                       [status, int(edited), note, *chunk])


def _dumps(change: Change, groups: Restatus | None) -> str:
    """The change as JSON. A restatus (see `restatus`) is logged as its groups, which undo
    applies to the rows it reads back: a confirmation of 11,000 beads is some 60 kB, not 2 MB.
    Any other change is logged as its beads, each a list of its fields (a ReviewBead is a
    tuple of them). Undo inverts the logged change, so it is written once."""
    head = json.dumps({"action": change.action, "start": change.start, "count": len(change.old)})[:-1]
    if groups is not None:
        return f'{head}, "restatus": {json.dumps([[*key, offsets] for key, offsets in groups.items()])}}}'
    return f'{head}, "old": {json.dumps(change.old)}, "new": {json.dumps(change.new)}}}'


def _load(data: dict) -> Change:
    """A change logged as its beads (lists, or objects in logs of earlier versions)."""
    return Change(data["action"], data["start"], tuple(map(_logged, data["old"])), tuple(map(_logged, data["new"])))


def _restatused(db: Database, pair_id: int, data: dict, undo: bool) -> Change:
    """A logged restatus as a change of the beads it covers, built from the rows, which hold
    its new state when it is undone and its old one when it is redone (checked: a stale log
    is refused)."""
    current = review_beads(db, pair_id, data["start"], data["count"])
    stale = EditError("the beads changed since this edit was made (another window?); reload")
    if len(current) != data["count"]:
        raise stale
    other = list(current)
    for before, after, offsets in data["restatus"]:
        held, put = (after, before) if undo else (before, after)
        for k in offsets:
            if list(current[k][3:]) != held:
                raise stale
            other[k] = ReviewBead(*current[k][:3], *put)
    old, new = (other, current) if undo else (current, other)
    return Change(data["action"], data["start"], tuple(old), tuple(new))


def _logged(item: list | dict) -> ReviewBead:
    src, tgt, confidence, status, edited, note = item if isinstance(item, list) else (
        item["src"], item["tgt"], item["confidence"], item["status"], item["edited"], item["note"])
    return ReviewBead(tuple(src), tuple(tgt), confidence, status, edited, note)


def _log(db: Database, pair_id: int, action: str, step: str) -> None:
    db.execute("delete from edits where pair_id = ? and undone = 1", [pair_id])
    insert_rows(db, "edits", ("pair_id", "at", "action", "step", "undone"), [(pair_id, now(), action, step, 0)])


def apply_edit(db: Database, pair_id: int, change: Change, check: bool = True) -> None:
    """Apply a reviewer's edit and log it (the redo history after an undo is dropped).
    `check=False` skips comparing change.old with the rows: for a caller that knows they hold
    it (it read or wrote them last on this connection and `data_version` has not moved);
    comparing eleven thousand rows costs more than writing them."""
    with db.atomic():
        groups = _replace(db, pair_id, change, check)
        _log(db, pair_id, change.action, _dumps(change, groups))


def edit_text(db: Database, pair_id: int, edit: TextEdit) -> None:
    """Correct the text of a run of sentences (a typo fixed, one sentence split in two, two
    joined) as one logged, undoable edit."""
    with db.atomic():
        _retext(db, pair_id, edit)
        _log(db, pair_id, "edit text", json.dumps({"kind": "text", **edit._asdict()}))


def _retext(db: Database, pair_id: int, edit: TextEdit) -> None:
    replace_sentences(db, side_document(db, pair_id, edit.side), edit.start, edit.old, edit.new)


def _replay(db: Database, pair_id: int, text: str, undo: bool, check: bool) -> Change | TextEdit:
    """Apply a logged step, or its inverse to undo it, and return what was applied."""
    data = json.loads(text)
    if data.get("kind") == "text":
        edit = TextEdit(data["side"], data["start"], data["old"], data["new"])
        edit = edit.inverse() if undo else edit
        _retext(db, pair_id, edit)
        return edit
    if "restatus" in data:  # built from the rows just read: nothing more to check
        change, check = _restatused(db, pair_id, data, undo), False
    else:
        change = _load(data)
    change = change.inverse() if undo else change
    _replace(db, pair_id, change, check)
    return change


def undo(db: Database, pair_id: int, check: bool = True) -> Change | TextEdit | None:
    """Undo the pair's last edit. Returns what it did (a bead change or a text edit), None when
    there is nothing to undo. `check` as for apply_edit."""
    return _step(db, pair_id, "undone = 0 order by id desc", True, check)


def redo(db: Database, pair_id: int, check: bool = True) -> Change | TextEdit | None:
    """Redo the edit undone last (same return values and `check` as undo)."""
    return _step(db, pair_id, "undone = 1 order by id", False, check)


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the database (not on this one's own
    commits): while it stays the same, what this connection read and wrote is what holds."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def _step(db: Database, pair_id: int, which: str, undo: bool, check: bool) -> Change | TextEdit | None:
    with db.atomic():
        row = next(db.query(f"select id, step from edits where pair_id = ? and {which} limit 1", [pair_id]), None)
        if row is None:
            return None
        change = _replay(db, pair_id, row["step"], undo, check)
        db.execute("update edits set undone = ? where id = ?", [int(undo), row["id"]])
        return change
