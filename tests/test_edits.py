"""Edits: the coverage invariant always holds, and undo restores exactly (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import edits
from workbench.align.beads import coverage_error
from workbench.edits import EditError, ReviewBead


@st.composite
def bead_lists(draw) -> list[ReviewBead]:
    """Random valid alignments: consecutive spans of 0-3 sentences a side."""
    beads, i, j = [], 0, 0
    for _ in range(draw(st.integers(1, 12))):
        a, b = draw(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (2, 2)]))
        beads.append(ReviewBead(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.5,
                                draw(st.sampled_from(["auto", "confirmed"]))))
        i, j = i + a, j + b
    return beads


OPERATIONS = [
    lambda b, k, d: edits.merge_next(b, k),
    lambda b, k, d: edits.split(b, k, d.draw(st.integers(0, 3)), d.draw(st.integers(0, 3))),
    lambda b, k, d: edits.no_counterpart(b, k),
    lambda b, k, d: edits.move_up(b, k, d.draw(st.sampled_from(["src", "tgt"]))),
    lambda b, k, d: edits.move_down(b, k, d.draw(st.sampled_from(["src", "tgt"]))),
    lambda b, k, d: edits.set_status(b, k, d.draw(st.sampled_from(["confirmed", "rejected", "auto"]))),
    lambda b, k, d: edits.set_note(b, k, d.draw(st.text(max_size=5))),
    lambda b, k, d: edits.confirm_range(b, 0, k + 1, d.draw(st.none() | st.floats(0, 1))),
]


@settings(max_examples=300, deadline=None)
@given(bead_lists(), st.data())
def test_every_edit_keeps_coverage_and_undoes_exactly(beads, data) -> None:
    n_src = sum(len(b.src) for b in beads)
    n_tgt = sum(len(b.tgt) for b in beads)
    current = beads
    history = []
    for _ in range(data.draw(st.integers(1, 6))):
        k = data.draw(st.integers(0, len(current) - 1))
        operation = data.draw(st.sampled_from(OPERATIONS))
        try:
            change = operation(current, k, data)
        except EditError:
            continue
        after = edits.apply(current, change)
        assert coverage_error([b.as_bead() for b in after], n_src, n_tgt) is None
        assert edits.expand(current, edits.compact(change)) == change  # what crosses between processes
        history.append((current, change))
        current = after
    for before, change in reversed(history):
        current = edits.apply(current, change.inverse())
        assert current == before


def _simple() -> list[ReviewBead]:
    return [ReviewBead((0,), (0,)), ReviewBead((1, 2), (1,)), ReviewBead((3,), (2, 3))]


def test_merge_split_and_moves() -> None:
    beads = _simple()
    merged = edits.apply(beads, edits.merge_next(beads, 0))
    assert [(b.src, b.tgt, b.edited) for b in merged] == [((0, 1, 2), (0, 1), True), ((3,), (2, 3), False)]
    split = edits.apply(beads, edits.split(beads, 1, 1, 1))
    assert [(b.src, b.tgt) for b in split][1:3] == [((1,), (1,)), ((2,), ())]
    up = edits.apply(beads, edits.move_up(beads, 1, "src"))
    assert [(b.src, b.tgt) for b in up][:2] == [((0, 1), (0,)), ((2,), (1,))]
    down = edits.apply(beads, edits.move_down(beads, 1, "tgt"))
    assert [(b.src, b.tgt) for b in down][1:] == [((1, 2), ()), ((3,), (1, 2, 3))]
    alone = edits.apply(beads, edits.no_counterpart(beads, 1))
    assert [(b.src, b.tgt) for b in alone][1:4] == [((1,), ()), ((2,), ()), ((), (1,))]


def test_edits_that_do_not_apply_are_refused() -> None:
    beads = _simple()
    with pytest.raises(EditError):
        edits.merge_next(beads, 2)
    with pytest.raises(EditError):
        edits.move_up(beads, 0, "src")
    with pytest.raises(EditError):
        edits.split(beads, 0, 1, 1)
    stale = edits.merge_next(beads, 0)
    with pytest.raises(EditError, match="changed"):
        edits.apply(edits.apply(beads, edits.set_status(beads, 0, "confirmed")), stale)


def test_edits_in_the_store_survive_a_restart_and_undo_exactly(tmp_path) -> None:
    from tests.test_store import _doc
    from workbench import store
    from workbench.align import Bead
    path = tmp_path / "e.db"
    db = store.open_database(path)
    pair = store.add_pair(db, _doc("en", ["A.", "B.", "C.", "D."]), _doc("es", ["A.", "B.", "C."]))
    store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((3,), (2,))],
                         {"aligner_version": "t"})
    states = [store.review_beads(db, pair)]
    for make in (lambda b: edits.merge_next(b, 1), lambda b: edits.set_status(b, 0, "confirmed"),
                 lambda b: edits.move_down(b, 0, "src"), lambda b: edits.set_note(b, 2, "check")):
        store.apply_edit(db, pair, make(store.review_beads(db, pair)))
        states.append(store.review_beads(db, pair))
    db.conn.close()
    db = store.open_database(path)  # a restart keeps the undo history
    for expected in reversed(states[:-1]):
        assert store.undo(db, pair) is not None
        assert store.review_beads(db, pair) == expected
    assert store.undo(db, pair) is None
    assert store.redo(db, pair) is not None and store.redo(db, pair) is not None
    assert store.review_beads(db, pair)[0].status == "confirmed"
    store.apply_edit(db, pair, edits.set_status(store.review_beads(db, pair), 1, "rejected"))
    assert store.redo(db, pair) is None  # a new edit drops the redo history


def test_stale_edit_refused(tmp_path) -> None:
    from tests.test_store import _doc
    from workbench import store
    from workbench.align import Bead
    db = store.open_database(tmp_path / "s.db")
    pair = store.add_pair(db, _doc("en", ["A.", "B."]), _doc("es", ["A.", "B."]))
    store.save_alignment(db, pair, [Bead((0,), (0,)), Bead((1,), (1,))], {"aligner_version": "t"})
    seen = store.review_beads(db, pair)
    store.apply_edit(db, pair, edits.set_status(seen, 0, "confirmed"))
    with pytest.raises(EditError, match="changed"):
        store.apply_edit(db, pair, edits.merge_next(seen, 0))


@settings(max_examples=150, deadline=None)
@given(bead_lists(), st.data())
def test_layout_and_overview_follow_edits_as_a_fresh_layout_would(beads, data) -> None:
    """The review screen lays out and flags only what an edit replaced; that must equal
    laying out and flagging the whole new list (block marks and kinds included)."""
    from workbench.review.blocks import SentenceBlocks
    from workbench.review.flags import BeadFlags
    from workbench.review.widgets.rows import Layout
    texts = [f"sentence {i} " + "word " * (i % 7) for i in range(40)]
    texts = {"src": texts, "tgt": list(texts)}
    kinds = st.lists(st.sampled_from(["paragraph", "heading", "list_item", "code"]), min_size=40, max_size=40)
    blocks = {side: SentenceBlocks(data.draw(kinds), data.draw(st.lists(st.sampled_from([None, 1, 2]), min_size=40,
                                                                         max_size=40))) for side in texts}
    both = (blocks["src"], blocks["tgt"])
    layout = Layout(texts["src"], texts["tgt"], 60, both)
    layout.update(beads, range(len(beads)))
    marks = BeadFlags(beads, both)
    current = beads
    for _ in range(data.draw(st.integers(1, 6))):
        k = data.draw(st.integers(0, len(current) - 1))
        side = data.draw(st.sampled_from(["src", "tgt"]))
        if data.draw(st.booleans()) and current[k][side == "tgt"]:  # a text edit in bead k
            start = current[k][side == "tgt"][0]
            new = data.draw(st.lists(st.sampled_from(["a", "b " * 30]), min_size=1, max_size=3))
            edit = edits.TextEdit(side, start, texts[side][start:start + 1], new)
            texts[side][start:start + 1] = new
            blocks[side].retext(start, 1, len(new))
            current, change = edits.text_change(current, edit)
        else:
            try:
                change = data.draw(st.sampled_from(OPERATIONS))(current, k, data)
            except EditError:
                continue
            current = edits.apply(current, change)
            if data.draw(st.booleans()):  # and undone
                layout.replace(current, change, range(len(current)))
                marks.apply(change)
                change = change.inverse()
                current = edits.apply(current, change)
        first, _ = layout.replace(current, change, range(len(current)))
        marks.apply(change)
        fresh = Layout(texts["src"], texts["tgt"], 60, both)
        fresh.update(current, range(len(current)))
        assert layout.starts == fresh.starts and layout.beads == current
        fresh_marks = BeadFlags(current, both)
        assert marks.bits.tolist() == fresh_marks.bits.tolist() and marks.confirmed == fresh_marks.confirmed
        assert first == fresh.starts[change.start]  # the repaint starts at the first new bead


def test_target_text_keeps_a_blank_cell_before_the_overview_strip() -> None:
    """Wrapped text of both columns, the meta column and the rule leave the last cell of the
    bead view blank at every width, so the target text never touches the strip beside it."""
    from workbench.review.widgets.rows import META_WIDTH, Layout
    for width in range(40, 200):
        column = Layout([], [], width).column
        assert META_WIDTH + 2 * column + len(" │ ") < width, width


def test_beads_holding_maps_sentences_to_beads() -> None:
    beads = [ReviewBead((0,), (0,)), ReviewBead((1, 2), ()), ReviewBead((), (1,)), ReviewBead((3,), (2, 3))]
    assert edits.beads_holding(beads, [2, 3], [1]) == [1, 2, 3]
    assert edits.beads_holding(beads, [9], []) == []


@given(bead_lists(), st.data())
def test_beads_holding_equals_looking_every_sentence_up(beads, data) -> None:
    src, tgt = ([i for b in beads for i in b[side]] for side in (0, 1))
    wanted = [sorted(data.draw(st.sets(st.sampled_from(ids)))) if ids else [] for ids in (src, tgt)]
    expected = sorted({k for k, b in enumerate(beads) if set(b.src) & set(wanted[0]) or set(b.tgt) & set(wanted[1])})
    assert edits.beads_holding(beads, *wanted) == expected


@given(bead_lists(), st.sampled_from(["src", "tgt"]))
def test_holding_finds_the_bead_of_every_sentence(beads, side) -> None:
    expected = [k for k, b in enumerate(beads) for _ in b.on(side)]
    assert [edits.holding(beads, side, i) for i in range(len(expected))] == expected
    with pytest.raises(EditError):
        edits.holding(beads, side, len(expected))


def test_confirm_range_spans_only_what_it_confirms() -> None:
    beads = [ReviewBead((k,), (k,), 0.9, "confirmed" if k in (0, 4) else "auto") for k in range(5)]
    change = edits.confirm_range(beads, 0, 5)
    assert (change.start, len(change.old)) == (1, 3)
    with pytest.raises(EditError):
        edits.confirm_range(edits.apply(beads, change), 0, 5)


def test_renumbered_follows_a_split_and_a_join() -> None:
    beads = [ReviewBead((0,), (0,)), ReviewBead((1, 2), (1,), status="confirmed"), ReviewBead((3,), (2,))]
    joined = edits.renumbered(beads, 1, "src", -1)  # sentences 1 and 2 became one
    assert [(b.src, b.tgt) for b in joined] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert joined[1].status == "confirmed" and joined[0] is beads[0]
    split = edits.renumbered(beads, 0, "tgt", 1)  # target sentence 0 became two
    assert [(b.src, b.tgt) for b in split] == [((0,), (0, 1)), ((1, 2), (2,)), ((3,), (3,))]
    assert [edits.holding(beads, "src", i) for i in range(4)] == [0, 1, 1, 2]
    with_empty = [ReviewBead((0,), ()), ReviewBead((), (0,)), ReviewBead((1,), (1,))]
    assert [(b.src, b.tgt) for b in edits.renumbered(with_empty, 1, "tgt", 1)] == [
        ((0,), ()), ((), (0, 1)), ((1,), (2,))]
