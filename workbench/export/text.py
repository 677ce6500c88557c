"""Cleaning text for each format."""

from __future__ import annotations

import re

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")


def one_line(sentences: list[str]) -> str:
    """A bead side as one line: sentences joined by a space, tabs and line breaks as spaces."""
    return LINE_BREAKS.sub(" ", " ".join(sentences)).strip()


def xml_safe(text: str) -> tuple[str, int]:
    """Text without the characters XML 1.0 forbids, and how many were removed."""
    clean, removed = XML_FORBIDDEN.subn("", text)
    return clean, removed
