"""The characters XML 1.0 forbids: ingest drops them from a web page before parsing it (lxml
refuses them), export from the text of a translation memory before writing it."""

from __future__ import annotations

import re

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> tuple[str, int]:
    """Text without the characters XML 1.0 forbids, and how many were removed."""
    clean, removed = XML_FORBIDDEN.subn("", text)
    return clean, removed
