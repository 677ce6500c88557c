"""How the workbench shows things to a person: text from files, and counts.

Text from files is shown inert: control characters and escape sequences become visible symbols,
so nothing an article contains can drive the terminal. So do the bidirectional overrides and
isolates and the line and paragraph separators: they would reorder or break what a reviewer
sees without showing why (the "Trojan Source" trick), and the bytes of a file name that are not
UTF-8 (`os.fsdecode` keeps them as lone surrogates, which no terminal or UTF-8 file can take)."""

from __future__ import annotations

import re

CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
CONTROL = re.compile(f"[{CONTROLS}]")
ESCAPED = re.compile(f"[\\\\\t\n{CONTROLS}]")
NAMED = {"\\": "\\\\", "\t": "\\t", "\n": "\\n"}
UNESCAPE = re.compile(r"\\(?:([\\tn])|x([0-9a-f]{2})|u([0-9a-f]{4}))")


def _undecodable_byte(char: str) -> int | None:
    """The byte of a file name `os.fsdecode` could not decode (kept as U+DC80-U+DCFF), or None."""
    code = ord(char)
    return code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else None


def _symbol(char: str) -> str:
    """The visible stand-in of a control character: its Unicode picture, `\\xNN` or `\\uNNNN`."""
    code = ord(char)
    if code < 32:
        return chr(0x2400 + code)
    if (byte := _undecodable_byte(char)) is not None:
        return f"\\x{byte:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every control character (ESC included) replaced by a visible symbol."""
    return CONTROL.sub(lambda m: _symbol(m[0]), text)


def inert_line(text: str) -> str:
    """`text` inert and on one line: a notice, or a title in the review's header."""
    return inert(text).replace("\t", "\u2409").replace("\n", "\u2424")


def _escape(char: str) -> str:
    if char in NAMED:
        return NAMED[char]
    if (byte := _undecodable_byte(char)) is not None:
        return f"\\x{byte:02x}"
    code = ord(char)  # C1 controls as \u0080-\u009f: \x80-\xff are the bytes of file names
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def cell(text: str) -> str:
    """`text` as a cell of tab-separated output: inert, without tabs or line breaks (which would
    shift every column after them), and reversibly so (`uncell` gives the text back exactly, a
    file name's undecodable bytes included): `\\t`, `\\n`, `\\\\`, `\\xNN` for an ASCII control
    character or a byte that is not UTF-8, `\\uNNNN` for the other controls and overrides."""
    return ESCAPED.sub(lambda m: _escape(m[0]), text)


def _unescape(match: re.Match[str]) -> str:
    if match[1]:
        return {"\\": "\\", "t": "\t", "n": "\n"}[match[1]]
    if match[2]:
        byte = int(match[2], 16)
        return chr(byte if byte < 0x80 else 0xDC00 + byte)
    return chr(int(match[3], 16))


def uncell(text: str) -> str:
    """The text `cell` escaped, exactly (`os.fsencode` of it gives a file name's bytes back)."""
    return UNESCAPE.sub(_unescape, text)


def counted(count: int, noun: str) -> str:
    """The count and its noun, plural unless the count is one (`1 pair`, `3 pairs`: the nouns of
    the workbench's messages, pair, sentence, bead, byte, document, take an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
