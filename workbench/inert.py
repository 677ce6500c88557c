"""Text from files shown inert: control characters and escape sequences become visible symbols,
so nothing an article contains can drive the terminal. So do the bidirectional overrides and
isolates and the line and paragraph separators: they would reorder or break what a reviewer
sees without showing why (the "Trojan Source" trick)."""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def _symbol(char: str) -> str:
    """The visible stand-in of a control character: its Unicode picture, `\\xNN` or `\\uNNNN`."""
    code = ord(char)
    if code < 32:
        return chr(0x2400 + code)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every control character (ESC included) replaced by a visible symbol."""
    return CONTROL.sub(lambda m: _symbol(m[0]), text)


def cell(text: str) -> str:
    """`text` inert and on one line without tabs, as a cell of tab-separated output: a tab or a
    line break in a title, a path or a sentence given one a line would shift every column after it."""
    return inert(text).replace("\t", "\u2409").replace("\n", "\u2424")
