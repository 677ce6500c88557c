"""Bytes to text: BOMs first, then UTF-8 (also with a few stray bytes of another encoding),
then a legacy code page; binary is refused. Whatever is not plain UTF-8 is announced."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from workbench.display import counted

BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]

# The Windows code page of a Latin-script language when it is not Windows-1252, the page of
# English, Spanish and the other Western languages. Other scripts are left to charset-normalizer,
# which tells them apart well (it is the Latin pages it confuses: "naïve" read as cp1250 "naďve").
LEGACY_PAGES = {lang: page for page, langs in {"cp1250": "bs cs hr hu pl ro sk sl sq", "cp1254": "az tr",
                                               "cp1257": "et lt lv"}.items() for lang in langs.split()}

SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")  # a UTF-16 surrogate encoded as if UTF-8
SURROGATE_PAIR = re.compile(rb"\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]")  # CESU-8
ALONE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")  # a non-ASCII byte between ASCII ones
NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
SAMPLE_BYTES = 32_768


class InputError(Exception):
    """Input the workbench refuses; the message is one line for the user."""


BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not whitespace, not ESC


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace and ESC in more than 1% of the text."""
    return "\x00" in text or len(BINARY_CONTROL.findall(text)) > len(text) / 100


def _undefined_byte(error: UnicodeError) -> tuple[str, int]:
    """A byte a code page leaves undefined, read as the Latin-1 control character of the same
    number, as web browsers read such bytes in Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.start + 1].decode("latin-1"), error.start + 1


def _stray_byte(error: UnicodeError) -> tuple[str, int]:
    """Repair a place that is not UTF-8: a UTF-16 surrogate pair encoded byte by byte (CESU-8,
    as Oracle's UTF8 and Java's modified UTF-8 write) is the character it encodes; a lone encoded surrogate encodes
    nothing and is U+FFFD; any other byte is read as Windows-1252, the encoding such strays
    mostly come from."""
    assert isinstance(error, UnicodeDecodeError)
    start = error.start
    if (pair := SURROGATE_PAIR.match(error.object, start)) is not None:
        surrogates = pair.group().decode("utf-8", "surrogatepass")
        return surrogates.encode("utf-16", "surrogatepass").decode("utf-16"), pair.end()
    if (lone := SURROGATE.match(error.object, start)) is not None:
        return "\ufffd", lone.end()
    return error.object[start:start + 1].decode("cp1252", "workbench-undefined-byte"), start + 1


codecs.register_error("workbench-undefined-byte", _undefined_byte)
codecs.register_error("workbench-stray-byte", _stray_byte)


@dataclass(frozen=True)
class Utf8Census:
    """What a file that is not valid UTF-8 holds: the evidence for UTF-8 (bytes of valid
    multi-byte sequences, encoded surrogates, which only UTF-8 encoders write, lines with
    non-ASCII bytes that are valid UTF-8) and against it (stray bytes, how many of them stand
    alone between ASCII bytes, the lines that hold them)."""

    multibyte: int
    surrogates: int
    pairs: int
    strays: int
    alone: int
    utf8_lines: int
    stray_lines: int

    @classmethod
    def of(cls, data: bytes) -> Utf8Census:
        valid = data.decode("utf-8", "ignore")
        valid_bytes = len(valid.encode("utf-8"))
        surrogates = len(SURROGATE.findall(data))
        lines = NON_ASCII_LINE.findall(data)
        stray_lines = sum(1 for line in lines if len(line.decode("utf-8", "ignore").encode("utf-8")) < len(line))
        return cls(multibyte=valid_bytes - len(valid.encode("ascii", "ignore")), surrogates=surrogates,
                   pairs=len(SURROGATE_PAIR.findall(data)), strays=len(data) - valid_bytes - 3 * surrogates,
                   alone=len(ALONE.findall(data)), utf8_lines=len(lines) - stray_lines, stray_lines=stray_lines)

    def is_utf8(self) -> bool:
        """UTF-8 with strays, not a legacy file. A legacy file has no valid multi-byte sequence,
        or a few by accident among its non-ASCII bytes, which stand in runs wherever its script
        is not Latin (Cyrillic words, CJK, where accidental sequences are up to half of the
        non-ASCII bytes), in nearly every line with non-ASCII bytes. A UTF-8 file with strays
        has its strays few next to its multi-byte sequences, or standing alone between ASCII
        letters (a Windows-1252 accented letter or quote pasted into English), or in fewer lines
        than its valid UTF-8 (a paragraph pasted from a legacy file), however few multi-byte
        sequences the file has."""
        evidence = self.multibyte + 3 * self.surrogates
        if not self.strays or not evidence:
            return bool(evidence)
        return 4 * self.strays <= evidence or 2 * self.alone > self.strays or self.utf8_lines > self.stray_lines

    def notices(self, name: str) -> list[str]:
        """One line for each kind of repair the file needs."""
        lone = self.surrogates - 2 * self.pairs
        found = [(self.strays, f"{counted(self.strays, 'byte')} not valid UTF-8, read as Windows-1252"),
                 (self.pairs, f"{counted(self.pairs, 'character')} encoded as UTF-16 surrogate pairs (CESU-8), "
                              "not valid UTF-8, read as the characters they encode"),
                 (lone, f"{counted(lone, 'lone surrogate')} encoded in UTF-8 (not valid UTF-8), replaced by U+FFFD")]
        return [f"{name}: {line}" for count, line in found if count]


def _label(encoding: str) -> str:
    """The name users know an encoding by: Windows-1252 for cp1252, UTF-16-LE, KOI8-R."""
    name = codecs.lookup(encoding).name
    return f"Windows-{name[2:]}" if re.fullmatch(r"cp125\d", name) else name.upper()


def _mess(data: bytes, encoding: str) -> float:
    """How garbled (charset-normalizer's mess ratio) the lines with non-ASCII bytes read in this
    encoding; the ASCII lines read the same in every candidate."""
    sample = b"\n".join(NON_ASCII_LINE.findall(data[:16 * SAMPLE_BYTES]))[:SAMPLE_BYTES]
    return mess_ratio(sample.decode(encoding, "workbench-undefined-byte"), maximum_threshold=1.0)


def _guess(data: bytes, name: str, wide: bool) -> str:
    """The encoding charset-normalizer guesses. With NUL bytes (`wide`) only UTF-16 or UTF-32
    without a byte-order mark is text. Escape characters are left out of the guess: with them it
    takes a Latin-1 file for binary, and an ESC byte reads the same in every encoding it can pick."""
    best = from_bytes(data if wide else data.replace(b"\x1b", b"")).best()
    if best is None or (wide and not best.encoding.startswith(("utf_16", "utf_32"))):
        raise InputError(f"{name}: binary file (not text)" if wide else f"{name}: binary file or unknown text encoding")
    return best.encoding


def _wide_guess(data: bytes, name: str) -> str:
    """The encoding of a file with NUL bytes and no byte-order mark: charset-normalizer's guess
    (UTF-16 or UTF-32 only); else UTF-16 in the byte order where nine in ten NULs stand, when a
    quarter of the bytes are NULs, as in Latin text (charset-normalizer gives up on UTF-16 with a
    lone surrogate)."""
    try:
        return _guess(data, name, wide=True)
    except InputError:
        odd, even = data[1::2].count(0), data[0::2].count(0)
        if odd + even >= len(data) / 4 and 10 * max(odd, even) >= 9 * (odd + even):
            return "utf-16-le" if odd > even else "utf-16-be"
        raise


def _legacy(data: bytes, name: str, lang: str | None) -> str:
    """The encoding of a file that is not UTF-8: the Windows code page of its language (the one
    its author's editor most likely saved it in) unless charset-normalizer's guess reads it more
    cleanly (another script, a DOS or Mac page). Windows-1252 when the language is not known."""
    page = LEGACY_PAGES.get((lang or "").split("-")[0], "cp1252")
    guess = _guess(data, name, wide=False)
    return page if guess == page or _mess(data, page) <= _mess(data, guess) else guess


def _utf8_or_legacy(data: bytes, name: str, lang: str | None, notes: list[str], marked: bool) -> str:
    """Text after a UTF-8 byte-order mark (`marked`) or without a mark or NUL bytes: UTF-8;
    UTF-8 whose places that are not UTF-8 are repaired (see _stray_byte) when they say it is UTF-8
    still, as the mark always does; or else a legacy file. What is repaired or guessed is said."""
    codec = "utf-8-sig" if marked else "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        census = Utf8Census.of(data)
    if marked or census.is_utf8():
        notes += census.notices(name)
        return data.decode(codec, "workbench-stray-byte")
    encoding = _legacy(data, name, lang)
    notes.append(f"{name}: not UTF-8; read as {_label(encoding)}")
    return data.decode(encoding, "workbench-undefined-byte")


def _wide(data: bytes, encoding: str, name: str, notes: list[str]) -> str:
    """UTF-16 or UTF-32; a lone surrogate or a cut-off last character is U+FFFD, and said."""
    text = data.decode(encoding, "replace")
    if (bad := text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")):
        notes.append(f"{name}: {counted(bad, 'code unit')} not valid {_label(encoding)} (a lone surrogate "
                     "or a cut-off character), replaced by U+FFFD")
    return text


def _stray_nuls(data: bytes) -> bool:
    """NUL bytes, fewer than one in ten, in what is UTF-8 without them: strays in a text (a
    paste from a terminal, an editor's accident) that would have it refused as binary. UTF-16
    and UTF-32 text of a Latin script is half NUL bytes or more, of another script is not UTF-8
    without them, and neither is binary data."""
    nuls = data.count(0)
    if not nuls or nuls * 10 > len(data):
        return False
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, name: str, notes: list[str] | None = None, lang: str | None = None) -> str:
    """Decode file content, refusing binary data with an InputError that names the file. What
    had to be guessed or repaired on the way is appended to `notes`, to be shown to the user;
    `lang`, the declared language, names the likeliest legacy code page."""
    notes = [] if notes is None else notes
    marked = next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)
    if marked not in ("utf-16", "utf-32") and _stray_nuls(data):
        notes.append(f"{name}: {counted(data.count(0), 'NUL byte')} (not text) left out")
        data = data.replace(b"\x00", b"")
    if marked in ("utf-16", "utf-32"):
        text = _wide(data, marked, name, notes)
    elif marked is None and b"\x00" in data:
        encoding = _wide_guess(data, name)
        notes.append(f"{name}: no byte-order mark; read as {_label(encoding)}")
        text = _wide(data, encoding, name, notes)
    else:
        text = _utf8_or_legacy(data, name, lang, notes, marked is not None)
    if _looks_binary(text):
        raise InputError(f"{name}: binary file (not text)")
    return unix_line_ends(text)


def unix_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as "\\n", as every reader expects them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
