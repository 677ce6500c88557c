"""Review edits in the database: each edit is one transaction that replaces a run of beads (or
corrects sentences) and logs the step; undo applies the step's inverse, so undo and redo work
across restarts."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from workbench.edits import Change, EditError, ReviewBead, Statuses, TextEdit
from workbench.store.database import insert_rows, transaction
from workbench.store.gaps import place, window
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


def _replace(db: Database, pair_id: int, change: Change, check: bool = True) -> None:
    """Swap the rows of change.old for change.new, refusing a stale change (unless `check` is
    off). The new rows take positions between their neighbours', so no other bead of the pair
    is rewritten; a change that keeps every span and confidence (a restatus) updates its rows
    in place."""
    count = len(change.old)
    old, before, after = window(db, "beads", "pair_id", pair_id, change.start, count,
                                tuple(COLUMNS.split(", ")) if check else ())
    if len(old) != count or check and [r[2:] for r in old] != [_fields(b) for b in change.old]:
        raise EditError("the beads changed since this view was loaded (another window?); reload")
    ids = [r[0] for r in old]
    if change.statuses is not None:  # a status move: one statement, nothing to group
        _update_in_place(db, ids, change.statuses.offsets, {"status": change.statuses.new})
        return
    groups = restatus(change)
    if groups is not None:
        for (_, (status, edited, note)), offsets in groups.items():
            _update_in_place(db, ids, offsets, {"status": status, "edited": int(edited), "note": note})
        return
    positions = place(db, "beads", "pair_id", pair_id, change.start, count, len(change.new), before, after)
    db.execute(f"delete from beads where id in ({','.join('?' * count)})", ids)
    insert_rows(db, "beads", ("pair_id", "position", *COLUMNS.split(", ")),
                ((pair_id, position, *_fields(b)) for position, b in zip(positions, change.new)))


def restatus(change: Change) -> Restatus | None:
    """A change that keeps every span and confidence (a confirmation, a rejection, a note) as
    the offsets of the beads it changes, grouped by their old and new (status, edited, note);
    None for any other change. A bulk confirmation is one group of 11,000 offsets (its edit
    names them: see `Change.statuses`)."""
    if change.statuses is not None:
        offsets = change.statuses.offsets
    elif len(change.old) != len(change.new) or not all(map(_same_place, change.old, change.new)):
        return None
    else:
        offsets = [k for k, (old, new) in enumerate(zip(change.old, change.new)) if old is not new and old != new]
    groups: Restatus = {}
    for k in offsets:
        groups.setdefault((change.old[k][3:], change.new[k][3:]), []).append(k)
    return groups


def _same_place(old: ReviewBead, new: ReviewBead) -> bool:
    return old[:3] == new[:3]


def _update_in_place(db: Database, ids: list[int], offsets: Sequence[int], values: dict) -> None:
    """Set these columns of the rows at `offsets` among `ids`, as few statements as SQLite's
    parameter limit allows."""
    columns = ", ".join(f"{name} = ?" for name in values)
    for k in range(0, len(offsets), ROWS_PER_STATEMENT):
        chunk = [ids[i] for i in offsets[k:k + ROWS_PER_STATEMENT]]
        db.execute(f"update beads set {columns} where id in ({','.join('?' * len(chunk))})", [*values.values(), *chunk])


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


def _restatused(db: Database, pair_id: int, data: dict, undo: bool, known: list[ReviewBead] | None) -> Change:
    """A logged restatus as a change of the beads it covers, built from the rows (or the
    caller's `known` beads: see `undo`), which hold its new state when it is undone and its
    old one when it is redone (checked: a stale log is refused)."""
    start, count = data["start"], data["count"]
    current = known[start:start + count] if known is not None else review_beads(db, pair_id, start, count)
    stale = EditError("the beads changed since this edit was made (another window?); reload")
    if len(current) != count:
        raise stale
    other = list(current)
    make = tuple.__new__  # some 11,000 beads: the named tuple's constructor is slower
    for before, after, offsets in data["restatus"]:
        held, (status, edited, note) = (tuple(after), before) if undo else (tuple(before), after)
        for k in offsets:
            bead = current[k]
            if bead[3:] != held:
                raise stale
            other[k] = make(ReviewBead, (bead[0], bead[1], bead[2], status, edited, note))
    old, new = (other, current) if undo else (current, other)
    return Change(data["action"], data["start"], tuple(old), tuple(new), statuses=_statuses(data["restatus"]))


def _statuses(groups: list) -> Statuses | None:
    """The logged groups as one status move, when that is all they are (see `Change.statuses`;
    as the edit made it: undo inverts it)."""
    moves = {(before[0], after[0]) for before, after, _ in groups}
    if len(moves) != 1 or any(before[1:] != after[1:] for before, after, _ in groups):
        return None
    (before, after), = moves
    offsets = tuple(sorted(k for *_, offsets in groups for k in offsets))
    return Statuses(before, after, offsets)


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
    with transaction(db):
        _replace(db, pair_id, change, check)
        _log(db, pair_id, change.action, _dumps(change, restatus(change)))


def edit_text(db: Database, pair_id: int, edit: TextEdit) -> None:
    """Correct the text of a run of sentences (a typo fixed, one sentence split in two, two
    joined) as one logged, undoable edit."""
    with transaction(db):
        _retext(db, pair_id, edit)
        _log(db, pair_id, "edit text", json.dumps({"kind": "text", **edit._asdict()}))


def _retext(db: Database, pair_id: int, edit: TextEdit) -> None:
    replace_sentences(db, side_document(db, pair_id, edit.side), edit.start, edit.old, edit.new)


def _replay(db: Database, pair_id: int, text: str, undo: bool, check: bool,
            known: list[ReviewBead] | None) -> Change | TextEdit:
    """Apply a logged step, or its inverse to undo it, and return what was applied."""
    data = json.loads(text)
    if data.get("kind") == "text":
        edit = TextEdit(data["side"], data["start"], data["old"], data["new"])
        edit = edit.inverse() if undo else edit
        _retext(db, pair_id, edit)
        return edit
    if "restatus" in data:  # built from the rows just read: nothing more to check
        change, check = _restatused(db, pair_id, data, undo, known), False
    else:
        change = _load(data)
    change = change.inverse() if undo else change
    _replace(db, pair_id, change, check)
    return change


def undo(db: Database, pair_id: int, check: bool = True, known: list[ReviewBead] | None = None,
         expected: Change | TextEdit | None = None) -> Change | TextEdit | None:
    """Undo the pair's last edit. Returns what it did (a bead change or a text edit), None when
    there is nothing to undo. `check` as for apply_edit; `known`: the pair's beads, from a
    caller that knows the rows hold them (as for check=False), so that undoing a bulk
    confirmation need not read 11,000 rows back; `expected`: what the caller, which undid the
    edit on screen already, says the undo does (refused, nothing written, if the log's last
    step is another: a second window edited the pair)."""
    return _step(db, pair_id, "undone = 0 order by id desc", True, check, known, expected)


def redo(db: Database, pair_id: int, check: bool = True, known: list[ReviewBead] | None = None,
         expected: Change | TextEdit | None = None) -> Change | TextEdit | None:
    """Redo the edit undone last (same return values and arguments as undo)."""
    return _step(db, pair_id, "undone = 1 order by id", False, check, known, expected)


def _what(step: Change | TextEdit | None) -> tuple | None:
    """What a step does, whatever it is called: the beads it replaces and puts, or the text."""
    return (step.start, step.old, step.new) if isinstance(step, Change) else step


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the database (not on this one's own
    commits): while it stays the same, what this connection read and wrote is what holds."""
    return db.execute("PRAGMA data_version").fetchone()[0]


def _step(db: Database, pair_id: int, which: str, undo: bool, check: bool, known: list[ReviewBead] | None,
          expected: Change | TextEdit | None) -> Change | TextEdit | None:
    with transaction(db):
        row = next(db.query(f"select id, step from edits where pair_id = ? and {which} limit 1", [pair_id]), None)
        if row is None and expected is None:
            return None
        change = None if row is None else _replay(db, pair_id, row["step"], undo, check, known)
        if expected is not None and _what(change) != _what(expected):
            raise EditError(f"the edit log does not end with what was {'undone' if undo else 'redone'} here "
                            "(another window?); reload")
        db.execute("update edits set undone = ? where id = ?", [int(undo), row["id"]])
        return change
