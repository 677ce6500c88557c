"""Bytes to text: BOMs first, then UTF-8 (also with a few stray bytes of another encoding),
then charset-normalizer's guess; binary is refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from workbench.wording import counted

BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class InputError(Exception):
    """Input the workbench refuses; the message is one line for the user."""


BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not whitespace, not ESC


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace and ESC in more than 1% of the text."""
    return "\x00" in text or len(BINARY_CONTROL.findall(text)) > len(text) / 100


def _stray_byte(error: UnicodeError) -> tuple[str, int]:
    """Read a byte that is not UTF-8 as Windows-1252, the encoding such strays mostly come from
    (Latin-1 where Windows-1252 leaves the byte undefined)."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start:error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("workbench-stray-byte", _stray_byte)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Text that is UTF-8 but for a few stray bytes (a file pasted together from two sources),
    and how many; None if it is not mostly UTF-8. Decoding all of it in a legacy encoding would
    garble every accented letter of the UTF-8 part."""
    valid = data.decode("utf-8", "ignore")
    stray = len(data) - len(valid.encode("utf-8"))
    if len(valid) - len(valid.encode("ascii", "ignore")) <= stray:  # no more UTF-8 letters than strays
        return None
    return data.decode("utf-8", "workbench-stray-byte"), stray


def _guessed(data: bytes, name: str, wide: bool) -> str:
    """Text in the encoding charset-normalizer guesses. With NUL bytes (`wide`) only UTF-16 or
    UTF-32 without a byte-order mark is text. Escape characters are left out of the guess: with
    them it takes a Latin-1 file for binary, and an ESC byte reads the same in every encoding it
    can pick."""
    best = from_bytes(data if wide else data.replace(b"\x1b", b"")).best()
    if best is not None and (not wide or best.encoding.startswith(("utf_16", "utf_32"))):
        try:
            return data.decode(best.encoding)
        except UnicodeDecodeError:
            pass
    raise InputError(f"{name}: binary file (not text)" if wide else f"{name}: binary file or unknown text encoding")


def _unmarked(data: bytes, name: str, notes: list[str] | None) -> str:
    """Text without a byte-order mark or NUL bytes: UTF-8, UTF-8 with stray bytes, or a guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        mixed = _mostly_utf8(data)
    if mixed is None:
        return _guessed(data, name, wide=False)
    text, stray = mixed
    if notes is not None:
        notes.append(f"{name}: {counted(stray, 'byte')} not valid UTF-8, read as Windows-1252")
    return text


def decode(data: bytes, name: str, notes: list[str] | None = None) -> str:
    """Decode file content, refusing binary data with an InputError that names the file. What
    had to be repaired on the way is appended to `notes`, to be shown to the user."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        text = _guessed(data, name, wide=True) if b"\x00" in data else _unmarked(data, name, notes)
    if _looks_binary(text):
        raise InputError(f"{name}: binary file (not text)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
