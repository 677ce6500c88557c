"""Decoding: UTF-8 stays UTF-8 whatever a few stray bytes say, a legacy file is read in the code
page its language makes likeliest, and every repair or guess is announced with the file's name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPORA, dump
from workbench.ingest import decode

UDHR_EN = (CORPORA / "articles" / "udhr.en.txt").read_bytes()
UDHR_ES = CORPORA / "articles" / "udhr.es.txt"


def _segment(cli, path, lang: str = "en") -> tuple[list[str], str]:
    code, out, err = cli("segment", path, "--lang", lang)
    assert code == 0, err
    return out.splitlines(), err


@pytest.mark.parametrize(("stray", "count", "notice", "read_as"), [
    (b"\xe9", 10, "udhr.en.txt: 10 bytes not valid UTF-8, read as Windows-1252", "é"),
    (b"\xed\xa0\x80", 3, "udhr.en.txt: 3 lone surrogates encoded in UTF-8 (not valid UTF-8), replaced by U+FFFD",
     "\ufffd"),
])
def test_a_few_strays_leave_the_english_udhr_utf8(cli, db, tmp_path, stray, count, notice, read_as) -> None:
    """Issue 21: ten cp1252 é bytes, or three encoded surrogates, in a UTF-8 file whose only
    other non-ASCII characters are six hyphens (‐) made the whole file a legacy code page
    (co‐operation read as coÔÇÉoperation), silently."""
    clean = tmp_path / "clean" / "udhr.en.txt"
    clean.parent.mkdir()
    clean.write_bytes(UDHR_EN)
    dirty = tmp_path / "udhr.en.txt"
    dirty.write_bytes(UDHR_EN.replace(b"the ", b"the " + stray, count))
    expected, clean_err = _segment(cli, clean)
    sentences, err = _segment(cli, dirty)
    assert notice in err and clean_err == ""
    assert len(expected) == 102 and [s.replace(read_as, "") for s in sentences] == expected
    assert any("co‐operation" in s for s in sentences)
    code, _, err = cli("import", dirty, UDHR_ES)
    assert code == 0 and notice in err
    assert "co‐operation" in dump(db) and "coÔÇÉoperation" not in dump(db)


def test_a_windows_1252_file_is_not_read_as_another_latin_page(cli, tmp_path) -> None:
    """Issue 21: "naïve" in a cp1252 file was stored as "naďve" (charset-normalizer's cp1250)."""
    path = tmp_path / "naive.en.txt"
    path.write_bytes("A naïve approach to the café problem.\n".encode("cp1252"))
    sentences, err = _segment(cli, path)
    assert sentences == ["A naïve approach to the café problem."]
    assert f"{path}: not UTF-8; read as Windows-1252" in err


SPANISH = "El niño comió piña junto a la canción. ¿Qué pasó? ¡Nadie resultó herido, señor!\n"
RUSSIAN = "Все люди рождаются свободными и равными в своем достоинстве и правах.\n"
CZECH = "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Příliš žluťoučký kůň.\n"
TURKISH = "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. Akıl ve vicdana sahiptirler.\n"
JAPANESE = "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。\n"


@pytest.mark.parametrize(("text", "encoding", "lang", "label"), [
    (SPANISH, "cp1252", "es", "Windows-1252"),
    (SPANISH * 40, "cp1252", "es", "Windows-1252"),
    ("A naïve reader thinks the café is open.\n" * 3, "cp1252", "en", "Windows-1252"),  # was cp775: na’ve, cafķ
    ("Plain English with one odd byte \xff here.\n", "cp1252", "en", "Windows-1252"),  # was cp1250: ˙
    (SPANISH * 3 + "Con controles de Latin-1: \x85 y \x81.\n", "latin-1", "es", "Windows-1252"),
    (CZECH, "cp1250", "cs", "Windows-1250"),
    (TURKISH, "cp1254", "tr", "Windows-1254"),
    (RUSSIAN, "cp1251", "ru", "Windows-1251"),
    (RUSSIAN, "koi8-r", "ru", "KOI8-R"),
    (JAPANESE, "shift_jis", "ja", "CP932"),
], ids=["es", "es-long", "en", "en-one-byte", "latin-1-c1", "cs", "tr", "ru-1251", "ru-koi8", "ja"])
def test_a_legacy_file_is_read_in_its_likeliest_code_page(text, encoding, lang, label) -> None:
    notes: list[str] = []
    expected = text.replace("\x85", "…")  # Windows-1252 has … where Latin-1 has a control; \x81 it leaves undefined
    assert decode(text.encode(encoding), "x.txt", notes, lang) == expected
    assert notes == [f"x.txt: not UTF-8; read as {label}"]


def test_strays_that_stand_alone_keep_a_file_utf8_with_few_multibyte_characters() -> None:
    """One UTF-8 apostrophe and five cp1252 strays: the strays are read as Windows-1252 and the
    apostrophe stays one character (read as cp1252, it would be â€™)."""
    data = "It’s a test. ".encode() + b"\x93quoted\x94 na\xefve caf\xe9 \x96 dash\n"
    notes: list[str] = []
    assert decode(data, "x.txt", notes) == "It’s a test. “quoted” naïve café – dash\n"
    assert notes == ["x.txt: 5 bytes not valid UTF-8, read as Windows-1252"]


def test_a_paragraph_pasted_from_a_legacy_file_leaves_the_rest_utf8() -> None:
    """Its strays stand in runs and outnumber the six hyphens, but hold one line of seven."""
    russian = "Все люди рождаются свободными и равными.\n".encode("cp1251")
    notes: list[str] = []
    text = decode(UDHR_EN + russian, "x.txt", notes, "en")
    assert text.startswith(UDHR_EN.decode()) and "co‐operation" in text
    assert notes == ["x.txt: 34 bytes not valid UTF-8, read as Windows-1252"]


def test_a_utf8_byte_order_mark_keeps_utf8_despite_strays() -> None:
    """A BOM says UTF-8: a stray byte after it is repaired, not a codec error naming no file."""
    notes: list[str] = []
    assert decode(b"\xef\xbb\xbfHello caf\xe9 world\n", "x.txt", notes) == "Hello café world\n"
    assert notes == ["x.txt: 1 byte not valid UTF-8, read as Windows-1252"]


def test_a_surrogate_pair_encoded_as_cesu8_is_its_character() -> None:
    notes: list[str] = []
    assert decode(b"Smile \xed\xa0\xbd\xed\xb8\x80 please\n", "x.txt", notes) == "Smile 😀 please\n"
    assert notes == ["x.txt: 1 character encoded as UTF-16 surrogate pairs (CESU-8), not valid UTF-8, "
                     "read as the characters they encode"]


def test_a_utf16_file_with_a_lone_surrogate_imports_and_names_the_file(cli, db, tmp_path) -> None:
    """Issue 21: a lone surrogate in a UTF-16 file gave a codec error that named no file."""
    path = tmp_path / "lone.en.txt"
    path.write_bytes(b"\xff\xfe" + "The opposition met in Geneva on Tuesday. Nobody was ".encode("utf-16-le")
                     + b"\x00\xd8" + "hurt in the talks.\n".encode("utf-16-le"))
    sentences, err = _segment(cli, path)
    assert sentences == ["The opposition met in Geneva on Tuesday.", "Nobody was \ufffdhurt in the talks."]
    assert f"{path}: 1 code unit not valid UTF-16 (a lone surrogate or a cut-off character), replaced by U+FFFD" in err
    code, _, err = cli("import", path, UDHR_ES, "--no-language-check")
    assert code == 0 and str(path) in err and "\ufffdhurt" in dump(db)


def test_utf16_without_a_byte_order_mark_is_announced() -> None:
    notes: list[str] = []
    assert decode("La oposición se reunió.\n".encode("utf-16-le"), "x.txt", notes) == "La oposición se reunió.\n"
    assert notes == ["x.txt: no byte-order mark; read as UTF-16-LE"]


def test_utf16_without_a_byte_order_mark_and_with_a_lone_surrogate_is_not_called_binary() -> None:
    notes: list[str] = []
    data = "La oposición ".encode("utf-16-be") + b"\xdc\x00" + "se reunió.\n".encode("utf-16-be")
    assert decode(data, "x.txt", notes) == "La oposición \ufffdse reunió.\n"
    assert notes == ["x.txt: no byte-order mark; read as UTF-16-BE", "x.txt: 1 code unit not valid UTF-16-BE "
                     "(a lone surrogate or a cut-off character), replaced by U+FFFD"]


# Text with at least four bytes of multi-byte characters; strays go between characters, never
# two together (two strays side by side could make a valid sequence, é from C3 A9).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"], exclude_characters="\ufeff"),
               min_size=1, max_size=60).filter(lambda t: len(t.encode()) - len(t.encode("ascii", "ignore")) >= 4)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.data())
def test_a_few_stray_bytes_in_utf8_are_read_as_windows_1252_and_counted(text, data) -> None:
    multibyte = len(text.encode()) - len(text.encode("ascii", "ignore"))
    k = data.draw(st.integers(1, multibyte // 4))
    places = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=k, max_size=k, unique=True)))
    strays = data.draw(st.lists(st.integers(0x80, 0xFF), min_size=k, max_size=k))
    raw, expected, last = b"", "", 0
    for place, stray in zip(places, strays):
        byte = bytes([stray])
        raw += text[last:place].encode() + byte
        expected += text[last:place] + (byte.decode("cp1252", "ignore") or byte.decode("latin-1"))
        last = place
    raw += text[last:].encode()
    expected += text[last:]
    notes: list[str] = []
    assert decode(raw, "x.txt", notes) == expected
    assert notes == [f"x.txt: {k} byte{'s' * (k > 1)} not valid UTF-8, read as Windows-1252"]


def test_align_pair_and_eval_announce_what_decoding_guessed(cli, tmp_path) -> None:
    """They read files as import does, and say so as import does."""
    en, es = tmp_path / "doc.en", tmp_path / "doc.es"
    en.write_bytes("The opposition met in Geneva.\nNobody was hurt.\n".encode("utf-16-le"))
    es.write_bytes("La oposición se reunió en Ginebra.\nNadie resultó herido.\n".encode("cp1252"))
    (tmp_path / "doc.gold").write_text("[0]:[0]\n[1]:[1]\n")
    expected = [f"{en}: no byte-order mark; read as UTF-16-LE", f"{es}: not UTF-8; read as Windows-1252"]
    code, out, err = cli("align-pair", en, es, "--no-mt")
    assert code == 0 and [line.rsplit(":", 1)[0] for line in out.splitlines()] == ["[0]:[0]", "[1]:[1]"]
    assert [line for line in err.splitlines() if "read as" in line] == expected
    code, out, err = cli("eval", tmp_path, "--no-mt", "--json")
    assert code == 0 and '"f1_strict": 1.0' in out
    assert [line for line in err.splitlines() if "read as" in line] == expected
