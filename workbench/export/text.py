"""Cleaning text for each format (the characters XML forbids: see `workbench.xmlchars`)."""

from __future__ import annotations

import re

LINE_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")


def one_line(sentences: list[str]) -> str:
    """A bead side as one line: sentences joined by a space, tabs and line breaks as spaces."""
    return LINE_BREAKS.sub(" ", " ".join(sentences)).strip()

