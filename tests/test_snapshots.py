"""Snapshots of both screens (pytest-textual-snapshot), with rows holding `[b]markup[/b]` and a
terminal escape sequence, which must show as plain text. Update after a deliberate change of the
look with `pytest tests/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

from workbench.review.app import ReviewApp
from tests.test_review import db_path  # noqa: F401  (the fixture: a pair with hostile text)


def test_pairs_screen(snap_compare, db_path) -> None:  # noqa: F811
    assert snap_compare(ReviewApp(db_path), terminal_size=(130, 16))


def test_alignment_screen(snap_compare, db_path) -> None:  # noqa: F811
    assert snap_compare(ReviewApp(db_path, 1), press=["space", "x", "down"], terminal_size=(110, 16))
