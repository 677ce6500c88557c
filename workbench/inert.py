"""Text from files shown inert: control characters and escape sequences become visible symbols,
so nothing an article contains can drive the terminal."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """`text` with every control character (ESC included) replaced by its Unicode picture or `\\xNN`."""
    return CONTROL.sub(lambda m: chr(0x2400 + ord(m[0])) if ord(m[0]) < 32 else f"\\x{ord(m[0]):02x}", text)
