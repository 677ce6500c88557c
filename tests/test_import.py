"""Import: real files into a real SQLite file; bad input refused with the database untouched."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPORA, dump, run_on_terminal
from workbench import ingest

EN = ("The Russian military have established contacts with leaders of the Syrian opposition and field "
      "commanders of a number of armed groups, the general said on Tuesday. He underscored that Russia "
      "had repeatedly said it was ready to cooperate with all patriotic forces in the country.\n")
ES = ("Los militares rusos han establecido contactos con los líderes de la oposición siria y con los "
      "comandantes de varios grupos armados, dijo el general el martes. Subrayó que Rusia había dicho "
      "muchas veces que estaba dispuesta a cooperar con todas las fuerzas patrióticas del país.\n")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, es = tmp_path / "art.en.txt", tmp_path / "art.es.txt"
    en.write_text(EN, encoding="utf-8")
    es.write_text(ES, encoding="utf-8")
    return en, es


def test_import_list_show(cli, pair) -> None:
    code, out, _ = cli("import", *pair, "--title", "Syria [b]talks[/b]")
    assert code == 0 and out.startswith("1\t")
    _, out, _ = cli("list", "--json")
    (row,) = json.loads(out)
    assert (row["title"], row["src_lang"], row["tgt_lang"], row["src_sentences"], row["tgt_sentences"]) == (
        "Syria [b]talks[/b]", "en", "es", 2, 2)
    code, out, _ = cli("align", "1")
    assert code == 0
    _, out, _ = cli("show", "1")
    assert "[0]:[0]" in out and "Los militares rusos" in out


def test_same_content_twice_does_nothing(cli, db, pair) -> None:
    cli("import", *pair)
    before = dump(db)
    code, _, err = cli("import", *pair)
    assert code == 0 and "already imported" in err
    assert dump(db) == before


def test_import_dir_finds_pairs_by_name_and_lists_loners(cli, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPORA / "articles" / "udhr.en.txt", folder / "UDHR.EN.txt")
    shutil.copy(CORPORA / "articles" / "udhr.es.txt", folder / "udhr.es.txt")
    (folder / "lonely.en.txt").write_text(EN)
    (folder / "en").mkdir()
    (folder / "es").mkdir()
    (folder / "en" / "syria.txt").write_text(EN)
    (folder / "es" / "syria.txt").write_text(ES)
    code, out, err = cli("import-dir", folder)
    assert code == 0
    assert sorted(line.split("\t")[1] for line in out.splitlines()) == ["syria", "udhr"]
    assert "no partner" in err and "lonely.en.txt" in err


def test_sample_corpus_imports_with_right_languages(cli) -> None:
    assert cli("import-dir", CORPORA / "articles")[0] == 0
    assert cli("import-dir", CORPORA / "candide", "--presplit")[0] == 0
    _, out, _ = cli("list", "--json")
    rows = {r["title"]: r for r in json.loads(out)}
    assert set(rows) == {"udhr", "europarl-1999-10-04", "candide-00", "candide-01", "candide-02", "candide-03"}
    assert rows["candide-01"]["src_sentences"] == len((CORPORA / "candide" / "candide-01.en").read_text().splitlines())
    assert rows["europarl-1999-10-04"]["src_sentences"] > 100


def test_europarl_keeps_intervention_ids(db, cli) -> None:
    cli("import", CORPORA / "articles" / "europarl-1999-10-04.en.xml", CORPORA / "articles" / "europarl-1999-10-04.es.xml")
    import sqlite3
    rows = sqlite3.connect(db).execute("select distinct paragraph from sentences where document_id = 1").fetchall()
    assert ("1-004",) in rows and ("1-006",) in rows


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings_import_without_mojibake(cli, tmp_path, pair, encoding) -> None:
    es = tmp_path / "enc.es.txt"
    es.write_bytes(ES.replace("\n", "\r\n").encode(encoding))
    code, _, err = cli("import", pair[0], es)
    assert code == 0, err
    _, out, _ = cli("align", "1")
    _, out, _ = cli("show", "1")
    assert "oposición siria" in out and "patrióticas del país." in out and "\r" not in out


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16"])
def test_xml_in_its_declared_encoding_imports(cli, tmp_path, pair, encoding) -> None:
    body = "".join(f"<p>{sentence}.</p>" for sentence in ES.split(". "))
    xml = tmp_path / "declared.es.xml"
    xml.write_text(f'<?xml version="1.0" encoding="{encoding}"?>\n<text><intervention id="1-004">{body}'
                   "</intervention></text>\n", encoding=encoding)
    code, _, err = cli("import", pair[0], xml)
    assert code == 0, err
    cli("align", "1")
    _, out, _ = cli("show", "1")
    assert "oposición siria" in out


def test_stray_bytes_in_utf8_are_read_as_windows_1252(cli, tmp_path, pair) -> None:
    es = tmp_path / "stray.es.txt"
    es.write_bytes(ES.encode("utf-8").replace(b"siria", b"siria \x93roja\x94 \xe9", 1))
    code, _, err = cli("import", pair[0], es)
    assert code == 0 and "stray.es.txt: 3 bytes not valid UTF-8, read as Windows-1252" in err
    cli("align", "1")
    _, out, _ = cli("show", "1")
    assert "oposición siria “roja” é y" in out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252", "latin-1"])
def test_escape_sequences_are_stored_and_shown_inert(cli, db, tmp_path, pair, encoding) -> None:
    es = tmp_path / "esc.es.txt"
    es.write_text(ES.replace("siria", "siria \x1b[31mroja\x1b[0m", 1), encoding=encoding)
    code, _, err = cli("import", pair[0], es)
    assert code == 0, err
    import sqlite3
    texts = [r[0] for r in sqlite3.connect(db).execute("select text from sentences")]
    assert any("oposición siria \x1b[31mroja\x1b[0m" in t for t in texts)
    cli("align", "1")
    _, out, _ = cli("show", "1")
    assert "\x1b" not in out and "siria \\x1b[31mroja" in out  # as a TSV cell: escaped, and reversibly


def test_bidi_overrides_are_shown_inert(cli, tmp_path, pair) -> None:
    es = tmp_path / "bidi.es.txt"
    es.write_text(ES.replace("siria", "siria \u202eaterc al\u202c", 1), encoding="utf-8")
    assert cli("import", pair[0], es)[0] == 0
    cli("align", "1")
    _, out, _ = cli("show", "1")
    assert "\u202e" not in out and "siria \\u202eaterc al\\u202c" in out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    png = tmp_path / "image.en.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    archive = tmp_path / "archive.en.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "x" * 1000)
    empty = tmp_path / "empty.en.txt"
    empty.write_text("")
    blank = tmp_path / "blank.en.txt"
    blank.write_text("  \n\n\t \n")
    big = tmp_path / "big.en.txt"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    return {"missing": tmp_path / "missing.en.txt", "directory": tmp_path, "empty": empty,
            "whitespace": blank, "png": png, "zip": archive, "too big": big}


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "whitespace", "png", "zip", "too big"])
@pytest.mark.parametrize("existing_db", [False, True])
def test_bad_input_is_refused_and_changes_nothing(cli, db, tmp_path, pair, case, existing_db) -> None:
    if existing_db:
        cli("import", *pair)
        cli("align", "1")
    before = dump(db) if existing_db else None
    bad = _bad_inputs(tmp_path)[case]
    code, out, err = cli("import", bad, pair[1])
    assert code != 0
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("workbench: error:")
    if existing_db:
        assert dump(db) == before
    else:
        assert not db.exists()


def test_wrong_language_refused_unless_forced(cli, db, pair) -> None:
    code, _, err = cli("import", pair[1], pair[0])
    assert code != 0 and "declared en but detected es" in err and len(err.strip().splitlines()) == 1
    assert not db.exists()
    assert cli("import", pair[1], pair[0], "--no-language-check")[0] == 0


def test_both_files_in_the_same_language_refused(cli, db, tmp_path, pair) -> None:
    other = tmp_path / "other.es.txt"
    other.write_text(EN.replace("Tuesday", "Monday"))
    code, _, err = cli("import", pair[0], other)
    assert code != 0 and "detected en" in err and not db.exists()


def test_unknown_language_accepted_with_notice(cli, tmp_path, pair) -> None:
    eu = tmp_path / "art.eu.txt"
    eu.write_text("Errusiako militarrek harremanak ezarri dituzte Siriako oposizioko buruzagiekin "
                  "eta talde armatu batzuen komandanteekin, esan zuen jeneralak asteartean. " * 3)
    code, _, err = cli("import", pair[0], eu, "--tgt-lang", "eu")
    assert code == 0 and "does not know eu" in err


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<text><intervention id="1"><p>&lol3;</p></intervention></text>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE text [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<text><intervention id="1"><p>&xxe;</p></intervention></text>"""
HTML_DTD = """<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<html><body><article><p>&xxe; Los militares rusos han establecido contactos.</p></article></body></html>"""


@pytest.mark.parametrize(("name", "content"), [("bomb.es.xml", BILLION_LAUGHS), ("xxe.es.xml", EXTERNAL),
                                               ("xxe.es.html", HTML_DTD)])
def test_malicious_xml_refused(cli, db, tmp_path, pair, name, content) -> None:
    cli("import", *pair)
    before = dump(db)
    bad = tmp_path / name
    bad.write_text(content)
    code, _, err = cli("import", pair[0], bad)
    assert code != 0 and "entity declarations" in err and len(err.strip().splitlines()) == 1
    assert dump(db) == before


def test_html_main_text_extracted(cli, tmp_path, pair) -> None:
    page = tmp_path / "page.es.html"
    paragraphs = "".join(f"<p>{s}</p>" for s in ES.strip().split(". "))
    page.write_text(f"<html><head><title>t</title><script>var x = 'Menú';</script></head><body>"
                    f"<nav><a href='/'>Inicio</a> | <a href='/d'>Donar</a></nav><article>{paragraphs}</article>"
                    f"<footer>Todos los derechos reservados</footer></body></html>")
    code, out, _ = cli("segment", page, "--lang", "es")
    assert code == 0
    assert "Los militares rusos" in out and "Inicio" not in out and "var x" not in out
    assert "derechos reservados" not in out


def test_presplit_keeps_line_numbers(cli, tmp_path) -> None:
    en, es = CORPORA / "candide" / "candide-02.en", CORPORA / "candide" / "candide-02.es"
    assert cli("import", en, es, "--presplit")[0] == 0
    _, out, _ = cli("list", "--json")
    row = json.loads(out)[0]
    assert row["src_sentences"] == len(en.read_text().splitlines())
    assert row["tgt_sentences"] == len(es.read_text().splitlines())


def test_presplit_paragraphs_end_at_blank_lines(tmp_path) -> None:
    """One sentence a line says nothing of paragraphs: a file without blank lines is one
    paragraph (not one a line, which would keep the aligner from joining any two sentences)."""
    text = tmp_path / "a.en"
    text.write_text("The first one.\nThe second one.\n\nA new paragraph.\nIts second sentence.\n")
    doc = ingest.read(text, "en", presplit=True)
    assert doc.sentences[2] == "" and doc.paragraphs == ["0", "0", "0", "1", "1"]
    plain = CORPORA / "candide" / "candide-02.en"
    assert set(ingest.read(plain, "en", presplit=True).paragraphs) == {"0"}


def test_presplit_jsonl_keeps_its_blocks(cli, db) -> None:
    """A `.jsonl` side imported with --presplit is stored with the blocks `eval` reads from it,
    so the aligner sees the same article in the store and in an evaluation."""
    from workbench import store
    from workbench.jobs.evaluation import read_side
    dev = Path(__file__).resolve().parent.parent / "benchmarks" / "dev" / "react-docs"
    en, es = dev / "react-canaries.en.jsonl", dev / "react-canaries.es.jsonl"
    assert cli("import", en, es, "--presplit", "--no-language-check")[0] == 0
    database = store.open_database(db)
    texts = store.pair_texts(database, store.pair_ids(database)[0])
    side = read_side(en, "en")
    assert texts.src == side.sentences and texts.src_kinds == side.kinds and texts.src_paragraphs == side.paragraphs
    assert "heading" in texts.src_kinds


def test_import_dir_names_every_refused_pair_and_can_skip_them(cli, db, tmp_path, pair) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("good", "empty", "binary"):
        shutil.copy(pair[0], folder / f"{name}.en.txt")
    shutil.copy(pair[1], folder / "good.es.txt")
    (folder / "empty.es.txt").write_text("")
    (folder / "binary.es.txt").write_bytes(bytes(range(256)) * 4)
    code, out, err = cli("import-dir", folder)
    assert code == 2 and out == "" and not db.exists()
    assert "refused: " in err and "empty.es.txt: no text" in err and "binary.es.txt: binary" in err
    assert err.strip().endswith("2 of 3 pairs refused, nothing imported (--skip-bad imports the others)")
    code, out, err = cli("import-dir", folder, "--skip-bad")
    assert code == 1 and [line.split("\t")[1] for line in out.splitlines()] == ["good"]
    assert err.count("skipped: ") == 2


def test_reading_a_large_pair_reports_its_phases(tmp_path) -> None:
    from workbench.jobs.imports import Reading, read_pair
    en, es = tmp_path / "long.en.txt", tmp_path / "long.es.txt"
    en.write_text("\n\n".join(f"The committee heard witness number {k} about the prison." for k in range(2500)))
    es.write_text("\n\n".join(f"El comité escuchó al testigo número {k} sobre la cárcel." for k in range(2500)))
    heard: list[tuple[str, float]] = []
    src, tgt, _ = read_pair(en, es, Reading("en", "es"), on_progress=lambda phase, share: heard.append((phase, share)))
    assert len(src.sentences) == len(tgt.sentences) == 2500
    assert list(dict.fromkeys(phase for phase, _ in heard)) == [
        f"{phase}: {name}" for name in ("long.en.txt", "long.es.txt")
        for phase in ("reading", "splitting", "checking the language")]
    shares = [share for phase, share in heard if phase == "splitting: long.es.txt"]
    assert len(shares) > 2 and shares == sorted(shares) and shares[0] == 0 and shares[-1] < 1


def test_an_html_fragment_imports_and_an_empty_page_says_why(tmp_path) -> None:
    from workbench import ingest
    fragment = tmp_path / "fragment.en.html"
    fragment.write_text("The opposition met in Geneva on Tuesday, the spokesman of the group said.<br>"
                        "<p>Nobody was hurt in the attack on the convoy, according to the statement.</p>")
    assert len(ingest.read(fragment, "en").sentences) == 2
    empty = tmp_path / "empty.en.html"
    empty.write_text("<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>")
    with pytest.raises(ingest.InputError, match="no article text found in this HTML"):
        ingest.read(empty, "en")


def _undecodable_folder(tmp_path: Path, pair: tuple[Path, Path]) -> Path:
    """A folder of two pairs, one of them named `z` and the byte 0xff (not UTF-8), made through
    bytes paths as another system's file names arrive."""
    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copy(pair[0], folder / "a.en.txt")
    shutil.copy(pair[1], folder / "a.es.txt")
    for src, lang in ((pair[0], b"en"), (pair[1], b"es")):
        with open(os.fsencode(folder) + b"/z\xff." + lang + b".txt", "wb") as handle:
            handle.write(src.read_bytes().replace(b".", b", said the spokesman.", 1))
    return folder


def test_a_file_name_that_is_not_utf8_imports_under_its_escaped_name(cli, db, tmp_path, pair) -> None:
    folder = _undecodable_folder(tmp_path, pair)
    code, out, err = cli("import-dir", folder)
    assert code == 0, err
    # the title is the text z\xff; a TSV cell escapes its backslash as it would any other
    assert [line.split("\t")[1] for line in out.splitlines()] == ["a", "z\\\\xff"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select title from pairs order by id").fetchall() == [("a",), ("z\\xff",)]
        paths = [r[0] for r in conn.execute("select path from documents order by id")]
    assert paths[2:] == [f"{folder}/z\\xff.en.txt", f"{folder}/z\\xff.es.txt"]


def test_a_refused_file_with_an_undecodable_name_is_named_and_nothing_changes(cli, db, tmp_path, pair) -> None:
    cli("import", CORPORA / "articles" / "udhr.en.txt", CORPORA / "articles" / "udhr.es.txt")
    before = dump(db)
    folder = _undecodable_folder(tmp_path, pair)
    with open(os.fsencode(folder) + b"/z\xff.es.txt", "wb"):
        pass  # empty: refused
    code, out, err = cli("import-dir", folder)
    assert code == 2 and out == "" and dump(db) == before
    assert err.strip().splitlines() == [f"workbench: error: {folder}/z\\xff.es.txt: no text to import (empty or only "
                                        "whitespace); nothing imported (--skip-bad imports the others)"]


def test_a_file_of_millions_of_short_lines_imports_showing_each_phase(tmp_path) -> None:
    """Issue 21: 4.9 million lines of `Dr.` (here 200,000) took 70 s with nothing shown."""
    dr = tmp_path / "dr.en.txt"
    dr.write_text("Dr.\n" * 200_000)
    db = tmp_path / "dr.db"
    code, out, screen = run_on_terminal("--db", str(db), "import", str(dr), str(CORPORA / "articles" / "udhr.es.txt"),
                                        "--no-language-check")
    assert code == 0, screen
    assert out.startswith("1\tdr\t200000 en / ")
    for phase in ("reading: dr.en.txt", "splitting: dr.en.txt", "checking the language: dr.en.txt",
                  "splitting: udhr.es.txt", "storing sentences"):
        assert phase in screen
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from sentences where text = 'Dr.'").fetchone()[0] == 200_000


def test_a_translation_memory_of_many_documents_imports_showing_each_phase(tmp_path) -> None:
    """Issue 21: a TMX of 20,000 documents (here 2,000) took 69 s with nothing shown."""
    from benchmarks.import_bench import write_tmx
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, 2000)
    code, out, screen = run_on_terminal("--db", str(tmp_path / "m.db"), "import-tmx", str(memory))
    assert code == 0, screen
    assert len(out.splitlines()) == 2000 and out.splitlines()[0] == "1\tdoc 0\t3 units en-es"
    assert "3 units en-es" not in screen  # results go to standard output, not with the bar to the terminal
    for phase in ("reading", "checking the languages", "storing", "imported 2000 pairs"):
        assert phase in screen


def test_a_translation_memory_named_with_a_byte_that_is_not_utf8_imports(cli, db, tmp_path) -> None:
    from benchmarks.import_bench import write_tmx
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, 1)
    named = os.fsencode(tmp_path) + b"/m\xff.tmx"
    os.rename(memory, named)
    text = Path(os.fsdecode(named)).read_text().replace('<prop type="x-document">doc 0</prop>', "")
    Path(os.fsdecode(named)).write_text(text)
    code, out, err = cli("import-tmx", os.fsdecode(named))
    assert code == 0, err
    assert out == "1\tm\\\\xff\t3 units en-es\n"  # the title m\\xff in a TSV cell
