"""Review edits as pure functions over a pair's bead list.

Every edit is a `Change`: the beads at [start, start + len(old)) are replaced by `new`. Its
inverse swaps `old` and `new`, so undo and redo are the same operation, and the edit log stores
the change once. Every function keeps the coverage invariant (each sentence of both sides in exactly one
bead, in order) and raises EditError when an edit does not apply, leaving nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from workbench.align.beads import Bead
from workbench.align.confidence import DEFAULT_THRESHOLD as THRESHOLD
from workbench.model import BeadStatus


class EditError(Exception):
    """An edit that does not apply here (say, merging the last bead); one line for the user."""


class ReviewBead(NamedTuple):
    """A bead as the reviewer sees it: spans, status, whether a person changed it, a note. A
    named tuple, not a dataclass: a text edit renumbers thousands of beads and a frozen
    dataclass is several times slower to build; logged as its fields in this order."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float | None = None
    status: str = BeadStatus.AUTO
    edited: bool = False
    note: str | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def on(self, side: str) -> tuple[int, ...]:
        """The bead's sentences on one side (`src` or `tgt`)."""
        return self.src if side == "src" else self.tgt

    def as_bead(self) -> Bead:
        return Bead(self.src, self.tgt, self.confidence)


class Statuses(NamedTuple):
    """What a change that only sets statuses does: the beads at `offsets` (from the change's
    start) go from status `old` to `new`, and nothing else of any bead changes. Known to the
    edit that makes it, so the screen and the database process need not compare 11,000 beads
    to find it."""

    old: str
    new: str
    offsets: tuple[int, ...]

    def inverse(self) -> Statuses:
        return Statuses(self.new, self.old, self.offsets)


@dataclass(frozen=True)
class Change:
    """Replace beads[start:start + len(old)] by new. `texts`: a text edit changed the sentences
    of these beads, so the screen measures them again even where their spans are the same.
    `statuses`: set when the change only sets statuses (see Statuses)."""

    action: str
    start: int
    old: tuple[ReviewBead, ...]
    new: tuple[ReviewBead, ...]
    texts: bool = False
    statuses: Statuses | None = None

    def inverse(self) -> Change:
        return Change(f"undo {self.action}", self.start, self.new, self.old, self.texts,
                      self.statuses and self.statuses.inverse())


class StatusChange(NamedTuple):
    """A change that only sets statuses, without its beads: the form in which it crosses to
    the database process and back (pickling a bulk confirmation's 21,000 beads takes 30 ms,
    its offsets under 1 ms). `expand` makes the Change again from the beads on either side."""

    action: str
    start: int
    count: int
    statuses: Statuses


def compact(step: Change | TextEdit) -> Change | StatusChange | TextEdit:
    """The form of an edit sent to another process (only a status change is shortened)."""
    if not isinstance(step, Change) or step.statuses is None:
        return step
    return StatusChange(step.action, step.start, len(step.old), step.statuses)


def expand(beads: list[ReviewBead], sent: Change | StatusChange | TextEdit | None,
           ) -> Change | TextEdit | None:
    """What a compacted edit stands for, over `beads` (the list it applies to); anything but a
    StatusChange is as it was sent."""
    if not isinstance(sent, StatusChange):
        return sent
    old = beads[sent.start:sent.start + sent.count]
    new, make, status = list(old), tuple.__new__, sent.statuses.new
    for k in sent.statuses.offsets:
        src, tgt, confidence, _, edited, note = old[k]
        new[k] = make(ReviewBead, (src, tgt, confidence, status, edited, note))
    return Change(sent.action, sent.start, tuple(old), tuple(new), statuses=sent.statuses)


class TextEdit(NamedTuple):
    """Sentences [start, start + len(old)) of one side (`src` or `tgt`) became `new`."""

    side: str
    start: int
    old: list[str]
    new: list[str]

    def inverse(self) -> TextEdit:
        return self._replace(old=self.new, new=self.old)


def apply(beads: list[ReviewBead], change: Change) -> list[ReviewBead]:
    """The bead list after the change (checked against what it expects to replace)."""
    end = change.start + len(change.old)
    if tuple(beads[change.start:end]) != change.old:
        raise EditError("the beads changed since this edit was made")
    return beads[:change.start] + list(change.new) + beads[end:]


def renumbered(beads: list[ReviewBead], k: int, side: str, delta: int) -> list[ReviewBead]:
    """The beads after a text edit in bead k made its sentences on one side `delta` more (a
    sentence split in two) or fewer (two joined): bead k grows or shrinks, later beads shift,
    earlier ones are kept as they are. What the store does to its rows, done in memory for
    some 11,000 beads an edit, so built as plain tuples (twice as fast as the named tuple's
    constructor), a one-sentence side written out (most are: 6 -> 4 ms)."""
    make, later, d = tuple.__new__, beads[k + 1:], delta
    if side == "src":
        src, *rest = beads[k]
        return beads[:k] + [make(ReviewBead, (tuple(range(src[0], src[-1] + 1 + delta)), *rest))] + [
            make(ReviewBead, ((s[0] + d,) if len(s) == 1 else tuple([i + d for i in s]), t, c, st, e, n))
            for s, t, c, st, e, n in later]
    src, tgt, *rest = beads[k]
    return beads[:k] + [make(ReviewBead, (src, tuple(range(tgt[0], tgt[-1] + 1 + delta)), *rest))] + [
        make(ReviewBead, (s, (t[0] + d,) if len(t) == 1 else tuple([j + d for j in t]), c, st, e, n))
        for s, t, c, st, e, n in later]


def text_change(beads: list[ReviewBead], edit: TextEdit) -> tuple[list[ReviewBead], Change]:
    """The beads after a text edit (renumbered when a sentence was split or joined), and the
    change of the bead holding it, marked as a text change (the only bead the screen measures
    again: the others keep their text)."""
    k = holding(beads, edit.side, edit.start)
    delta = len(edit.new) - len(edit.old)
    after = renumbered(beads, k, edit.side, delta) if delta else beads
    return after, Change("edit text", k, (beads[k],), (after[k],), texts=True)


def holding(beads: list[ReviewBead], side: str, sentence: int) -> int:
    """The index of the bead holding a sentence of one side: a binary search (a walk from the
    first bead cost an edit near the end of 11,000 beads 3 ms). Beads with no sentence on this
    side are stepped over to the next one that has some."""
    index = 0 if side == "src" else 1
    lo, hi, found = 0, len(beads), None
    while lo < hi:
        mid = (lo + hi) // 2
        k = next((k for k in range(mid, hi) if beads[k][index]), None)
        if k is not None and beads[k][index][-1] < sentence:
            lo = k + 1
        else:
            found, hi = (k if k is not None else found), mid
    if found is None or sentence not in beads[found][index]:
        raise EditError(f"no bead holds {side} sentence {sentence + 1}")
    return found


def beads_holding(beads: list[ReviewBead], src: list[int], tgt: list[int]) -> list[int]:
    """Indexes of the beads that hold any of these source or target sentences (each list in
    order), in order: one walk over the beads, no map of every sentence."""
    found = set()
    for index, wanted in ((0, src), (1, tgt)):
        w = 0
        for k, bead in enumerate(beads):
            span = bead[index]
            while w < len(wanted) and span and wanted[w] <= span[-1]:
                if wanted[w] >= span[0]:
                    found.add(k)
                w += 1
            if w == len(wanted):
                break
    return sorted(found)


def _at(beads: list[ReviewBead], k: int) -> ReviewBead:
    if not 0 <= k < len(beads):
        raise EditError(f"there is no bead {k + 1}")
    return beads[k]


def doubtful(bead: ReviewBead) -> bool:
    """Whether a bead asks for a look before a bulk confirmation: under the low-confidence
    threshold, or with a note."""
    return (bead.confidence or 0.0) < THRESHOLD or bool(bead.note)


def _edited(bead: ReviewBead, src: tuple[int, ...], tgt: tuple[int, ...]) -> ReviewBead:
    """A bead changed by hand from `bead`: unconfirmed, marked edited, and keeping its confidence
    (a fix must not make it look like a bead that needs a look; re-scoring would load the aligner)."""
    return ReviewBead(src, tgt, bead.confidence, BeadStatus.AUTO, True, bead.note)


def set_status(beads: list[ReviewBead], k: int, status: str) -> Change:
    """Confirm (`confirmed`), reject (`rejected`) or reopen (`auto`) bead k."""
    bead = _at(beads, k)
    if bead.status == status:
        raise EditError(f"this bead is {'unconfirmed' if status == BeadStatus.AUTO else status} already")
    return Change(status, k, (bead,), (bead._replace(status=status),), statuses=Statuses(bead.status, status, (0,)))


def set_note(beads: list[ReviewBead], k: int, note: str | None) -> Change:
    bead = _at(beads, k)
    return Change("note", k, (bead,), (bead._replace(note=note or None),))


def confirm_range(beads: list[ReviewBead], start: int, end: int, min_confidence: float | None = None,
                  skip_noted: bool = False) -> Change:
    """Confirm every bead in [start, end) (at or above `min_confidence`, if given; without a note,
    with `skip_noted`). The change spans
    only from the first to the last bead it confirms, so confirming ten thousand beads twice
    writes nothing the second time."""
    floor = -1.0 if min_confidence is None else min_confidence
    wanted = [k for k, b in enumerate(beads[start:end], start)
              if b.status == BeadStatus.AUTO and (b.confidence or 0.0) >= floor and not (skip_noted and b.note)]
    if not wanted:
        raise EditError("no unconfirmed bead there" + ("" if min_confidence is None else " at that confidence"))
    first = wanted[0]
    statuses = Statuses(BeadStatus.AUTO, BeadStatus.CONFIRMED, tuple([k - first for k in wanted]))
    return expand(beads, StatusChange("confirm range", first, wanted[-1] + 1 - first, statuses))


def merge_next(beads: list[ReviewBead], k: int) -> Change:
    """Bead k and bead k+1 become one."""
    first, second = _at(beads, k), _at(beads, k + 1) if k + 1 < len(beads) else None
    if second is None:
        raise EditError("the last bead has no next bead to merge with")
    scores = [b.confidence for b in (first, second) if b.confidence is not None]
    merged = _edited(first, first.src + second.src, first.tgt + second.tgt)._replace(  # the lower of the two
        confidence=min(scores) if scores else None)
    return Change("merge", k, (first, second), (merged,))


def split(beads: list[ReviewBead], k: int, src_at: int, tgt_at: int) -> Change:
    """Bead k becomes two: its first src_at source and tgt_at target sentences, and the rest."""
    bead = _at(beads, k)
    if not (0 <= src_at <= len(bead.src) and 0 <= tgt_at <= len(bead.tgt)):
        raise EditError("the split point is outside the bead")
    head = (bead.src[:src_at], bead.tgt[:tgt_at])
    tail = (bead.src[src_at:], bead.tgt[tgt_at:])
    if not (head[0] or head[1]) or not (tail[0] or tail[1]):
        raise EditError("a split must leave a sentence on each side of it")
    return Change("split", k, (bead,), (_edited(bead, *head), _edited(bead, *tail)))


def no_counterpart(beads: list[ReviewBead], k: int) -> Change:
    """Bead k's sentences have no translation: one 1-0 bead per source and 0-1 per target sentence."""
    bead = _at(beads, k)
    if not (bead.src and bead.tgt):
        raise EditError("this bead already has an empty side")
    parts = [_edited(bead, (i,), ()) for i in bead.src] + [_edited(bead, (), (j,)) for j in bead.tgt]
    return Change("no counterpart", k, (bead,), tuple(parts))


def _with(bead: ReviewBead, side: str, ids: tuple[int, ...]) -> ReviewBead:
    return _edited(bead, ids, bead.tgt) if side == "src" else _edited(bead, bead.src, ids)


def _drop_empty(beads: tuple[ReviewBead, ...]) -> tuple[ReviewBead, ...]:
    return tuple(b for b in beads if b.src or b.tgt)


def move_up(beads: list[ReviewBead], k: int, side: str) -> Change:
    """The first sentence of one side of bead k moves into the previous bead (a bead left with
    no sentence at all disappears)."""
    return _move(beads, k, k - 1, side)


def move_down(beads: list[ReviewBead], k: int, side: str) -> Change:
    """The last sentence of one side of bead k moves into the next bead."""
    return _move(beads, k, k + 1, side)


def _move(beads: list[ReviewBead], k: int, to: int, side: str) -> Change:
    bead = _at(beads, k)
    ids = bead.on(side)
    if not ids:
        raise EditError(f"this bead has no {side} sentence to move")
    if not 0 <= to < len(beads):
        raise EditError("there is no bead to move it into")
    other = beads[to]
    if to < k:
        pair = (_with(other, side, other.on(side) + ids[:1]), _with(bead, side, ids[1:]))
    else:
        pair = (_with(bead, side, ids[:-1]), _with(other, side, ids[-1:] + other.on(side)))
    start = min(k, to)
    return Change(f"move {side} {'up' if to < k else 'down'}", start, tuple(beads[start:start + 2]),
                  _drop_empty(pair))
