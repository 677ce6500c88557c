"""Review edits in the database: each edit is one transaction that replaces a run of beads and
logs the change with its inverse, so undo and redo work across restarts."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlite_utils import Database

from workbench.edits import Change, EditError, ReviewBead
from workbench.store.records import now

COLUMNS = "src_start, src_end, tgt_start, tgt_end, confidence, status, edited, note"


def _bead(row: dict) -> ReviewBead:
    span = lambda a, b: tuple(range(a, b)) if a is not None else ()  # noqa: E731
    return ReviewBead(span(row["src_start"], row["src_end"]), span(row["tgt_start"], row["tgt_end"]),
                      row["confidence"], row["status"], bool(row["edited"]), row["note"])


def review_beads(db: Database, pair_id: int) -> list[ReviewBead]:
    """The pair's beads with status, edited flag and note, in order."""
    return [_bead(r) for r in db.query(f"select {COLUMNS} from beads where pair_id = ? order by position", [pair_id])]


def _row(pair_id: int, position: int, bead: ReviewBead) -> dict:
    return {"pair_id": pair_id, "position": position,
            "src_start": bead.src[0] if bead.src else None, "src_end": bead.src[-1] + 1 if bead.src else None,
            "tgt_start": bead.tgt[0] if bead.tgt else None, "tgt_end": bead.tgt[-1] + 1 if bead.tgt else None,
            "confidence": bead.confidence, "status": bead.status, "edited": int(bead.edited), "note": bead.note}


def _replace(db: Database, pair_id: int, change: Change) -> None:
    """Swap the rows of change.old for change.new, refusing a stale change."""
    start, end = change.start, change.start + len(change.old)
    rows = [_bead(r) for r in db.query(f"select {COLUMNS} from beads where pair_id = ? and position >= ? "
                                       "and position < ? order by position", [pair_id, start, end])]
    if tuple(rows) != change.old:
        raise EditError("the beads changed since this view was loaded (another window?); reload")
    db.execute("delete from beads where pair_id = ? and position >= ? and position < ?", [pair_id, start, end])
    shift = len(change.new) - len(change.old)
    if shift:  # two steps, so the unique (pair, position) index never sees a clash
        db.execute("update beads set position = -position - 1 where pair_id = ? and position >= ?", [pair_id, end])
        db.execute("update beads set position = -position - 1 + ? where pair_id = ? and position < 0", [shift, pair_id])
    db["beads"].insert_all(_row(pair_id, start + k, b) for k, b in enumerate(change.new))


def _dump(change: Change) -> str:
    return json.dumps({"action": change.action, "start": change.start,
                       "old": [asdict(b) for b in change.old], "new": [asdict(b) for b in change.new]})


def _load(text: str) -> Change:
    data = json.loads(text)
    beads = lambda items: tuple(ReviewBead(**{**b, "src": tuple(b["src"]), "tgt": tuple(b["tgt"])}) for b in items)  # noqa: E731
    return Change(data["action"], data["start"], beads(data["old"]), beads(data["new"]))


def apply_edit(db: Database, pair_id: int, change: Change) -> None:
    """Apply a reviewer's edit and log it (the redo history after an undo is dropped)."""
    with db.atomic():
        _replace(db, pair_id, change)
        db.execute("delete from edits where pair_id = ? and undone = 1", [pair_id])
        db["edits"].insert({"pair_id": pair_id, "at": now(), "action": change.action,
                            "forward": _dump(change), "inverse": _dump(change.inverse()), "undone": 0})


def undo(db: Database, pair_id: int) -> Change | None:
    """Undo the pair's last edit; None when there is nothing to undo."""
    with db.atomic():
        row = next(db.query("select id, inverse from edits where pair_id = ? and undone = 0 "
                            "order by id desc limit 1", [pair_id]), None)
        if row is None:
            return None
        change = _load(row["inverse"])
        _replace(db, pair_id, change)
        db.execute("update edits set undone = 1 where id = ?", [row["id"]])
        return change


def redo(db: Database, pair_id: int) -> Change | None:
    """Redo the edit undone last; None when there is nothing to redo."""
    with db.atomic():
        row = next(db.query("select id, forward from edits where pair_id = ? and undone = 1 "
                            "order by id limit 1", [pair_id]), None)
        if row is None:
            return None
        change = _load(row["forward"])
        _replace(db, pair_id, change)
        db.execute("update edits set undone = 0 where id = ?", [row["id"]])
        return change
