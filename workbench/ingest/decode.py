"""Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer; binary is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class InputError(Exception):
    """Input the workbench refuses; the message is one line for the user."""


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace and ESC in more than 1% of the text."""
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v\x1b")
    return "\x00" in text or controls > len(text) / 100


def _legacy(data: bytes, name: str) -> str:
    """Text in a legacy encoding, as charset-normalizer guesses it. Escape characters are left
    out of the guess: with them it takes a Latin-1 file for binary, and an ESC byte reads the
    same in every encoding it can pick."""
    best = from_bytes(data.replace(b"\x1b", b"")).best()
    try:
        if best is not None:
            return data.decode(best.encoding)
    except UnicodeDecodeError:
        pass
    raise InputError(f"{name}: binary file or unknown text encoding")


def decode(data: bytes, name: str) -> str:
    """Decode file content, refusing binary data with an InputError that names the file."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        if b"\x00" in data:
            raise InputError(f"{name}: binary file (not text)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy(data, name)
    if _looks_binary(text):
        raise InputError(f"{name}: binary file (not text)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
