"""Markup read as text: nesting of any depth is read or refused in one true line, and a TMX
<tuv> the workbench cannot place (no language, a language twice) is never dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPORA, dump, run_process

UDHR = CORPORA / "articles"
PARAGRAPH = "The opposition met in Geneva on Tuesday. Nobody was hurt in the talks, the general said."
SENTENCES = ["The opposition met in Geneva on Tuesday.", "Nobody was hurt in the talks, the general said."]
HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
          'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n')


def _segment(cli, path: Path) -> list[str]:
    code, out, err = cli("segment", path, "--lang", "en")
    assert code == 0, err
    return out.splitlines()


def test_a_tmx_segment_nested_1000_deep_imports(tmp_path) -> None:
    """Issue 21: <hi> nested 1,000 deep in a <seg> ended in a 33-line RecursionError traceback."""
    tmx = tmp_path / "deep.tmx"
    tmx.write_text(HEADER + '<tu><tuv xml:lang="en"><seg>' + "<hi>" * 1000 + PARAGRAPH + "</hi>" * 1000
                   + '</seg></tuv><tuv xml:lang="es"><seg>Nadie resultó herido.</seg></tuv></tu></body></tmx>\n')
    db = str(tmp_path / "r.db")
    imported = run_process("--db", db, "import-tmx", str(tmx))
    assert (imported.returncode, imported.stderr) == (0, "imported 1 pair\n")
    shown = run_process("--db", db, "show", "1")
    assert f"[0]:[0]\t{PARAGRAPH}\tNadie resultó herido." in shown.stdout


def _deep_page(depth: int, after: str = "") -> str:
    return f"<html><body>{'<div>' * depth}<p>{PARAGRAPH}</p>{'</div>' * depth}{after}</body></html>\n"


def test_an_html_article_nested_254_divs_deep_imports(cli, tmp_path) -> None:
    """Issue 21: it was refused as "no article text found (only menus, scripts or markup)"."""
    page = tmp_path / "deep.en.html"
    page.write_text(_deep_page(254))
    assert _segment(cli, page) == SENTENCES


def test_a_deep_html_article_with_control_characters_imports_as_a_shallow_one_does(cli, tmp_path) -> None:
    """Both lose the characters XML forbids (libxml2 made the ESC a U+FFFD that left trafilatura
    with no text: "no article text found")."""
    page = tmp_path / "deep.en.html"
    page.write_text(_deep_page(300).replace("Geneva", "Gen\x1b[31meva"))
    assert _segment(cli, page) == [SENTENCES[0].replace("Geneva", "Gen[31meva"), SENTENCES[1]]


def test_html_after_a_deep_part_is_not_left_out(cli, tmp_path) -> None:
    """libxml2 stops at 256 elements deep by default: the paragraph after a deep aside was lost."""
    page = tmp_path / "aside.en.html"
    page.write_text(_deep_page(3, "<aside>" + "<div>" * 300 + "x" + "</div>" * 300 + "</aside>"
                                  "<p>A second paragraph follows the deep aside. It is article text too.</p>"))
    assert _segment(cli, page) == [*SENTENCES, "A second paragraph follows the deep aside.", "It is article text too."]


def test_html_nested_past_the_parser_limit_is_refused_in_one_true_line(cli, db, tmp_path) -> None:
    assert cli("import", UDHR / "udhr.en.txt", UDHR / "udhr.es.txt")[0] == 0
    before = dump(db)
    page = tmp_path / "deeper.en.html"
    page.write_text(_deep_page(2100))
    code, out, err = cli("import", page, UDHR / "udhr.es.txt", "--no-language-check")
    assert (code, out) == (2, "")
    assert err == (f"workbench: error: {page.name}: markup nested more than 2048 elements deep, "
                   "over the HTML parser's limit\n")
    assert dump(db) == before


@pytest.mark.parametrize(("depth", "tag"), [(3, "p"), (100_000, "p"), (100_000, "intervention")])
def test_nested_xml_is_read_once_at_any_depth(cli, tmp_path, depth, tag) -> None:
    """A <p> in a <p> repeated its text once for each level (3 deep: every sentence three times)."""
    inner = PARAGRAPH if tag != "intervention" else f"<p>{PARAGRAPH}</p>"
    xml = tmp_path / "deep.en.xml"
    xml.write_text(f"<text>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</text>\n")
    assert _segment(cli, xml) == SENTENCES


def test_nested_markdown_quotes_and_lists_lose_all_their_markers(cli, tmp_path) -> None:
    md = tmp_path / "nested.en.md"
    md.write_text("# Title of the note\n\n> > > A quote in a quote in a quote.\n\n>>> A tight quote.\n\n"
                  "> 1. A list in a quote.\n\n- - A list in a list.\n\n-\n\n- Items:\n  - two deep\n"
                  "    - three deep\n      1. four deep\n\n" + PARAGRAPH + "\n")
    assert _segment(cli, md) == ["Title of the note", "A quote in a quote in a quote.", "A tight quote.",
                                 "A list in a quote.", "A list in a list.", "Items:", "two deep", "three deep",
                                 "four deep", *SENTENCES]


def _tmx(tmp_path: Path, *units: str) -> Path:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(HEADER + "".join(f"<tu>{unit}</tu>\n" for unit in units) + "</body></tmx>\n")
    return tmx


def _tuv(text: str, lang: str | None) -> str:
    attribute = f' xml:lang="{lang}"' if lang else ""
    return f"<tuv{attribute}><seg>{text}</seg></tuv>"


BOTH = _tuv("The talks began.", "en") + _tuv("Las conversaciones empezaron.", "es")
NO_LANG = _tuv("Nobody was hurt.", "en") + _tuv("Nadie resultó herido.", None)
TWICE = _tuv("It rained.", "en") + _tuv("Llovió.", "es") + _tuv("Estuvo lloviendo.", "es")


@pytest.mark.parametrize(("units", "problem"), [
    ((BOTH, NO_LANG, NO_LANG), "2 translation units with a <tuv> without xml:lang (the first is <tu> number 2)"),
    ((BOTH, BOTH, TWICE), "1 translation unit with two <tuv>s in one language (the first is <tu> number 3)"),
    ((NO_LANG, TWICE), "1 translation unit with a <tuv> without xml:lang (the first is <tu> number 1); "
                       "1 translation unit with two <tuv>s in one language (the first is <tu> number 2)"),
    ((_tuv("Talks.", None) + _tuv("Charlas.", None),),  # was "no translation units with two languages"
     "1 translation unit with a <tuv> without xml:lang (the first is <tu> number 1)"),
])
def test_a_tmx_whose_text_would_be_lost_is_refused_with_counts(cli, db, tmp_path, units, problem) -> None:
    """Issue 21: a <tuv> without xml:lang was dropped (its unit showed []:[0]), and of two <tuv>s
    in one language only the last was kept, silently."""
    assert cli("import", UDHR / "udhr.en.txt", UDHR / "udhr.es.txt")[0] == 0
    before = dump(db)
    tmx = _tmx(tmp_path, *units)
    code, out, err = cli("import-tmx", tmx)
    assert (code, out) == (2, "")
    assert err == (f"workbench: error: {tmx}: {problem}: their text would be lost; nothing imported "
                   "(--skip-bad imports the rest)\n")
    assert dump(db) == before


def test_skip_bad_imports_a_tmx_without_the_unplaced_tuvs_and_says_so(cli, tmp_path) -> None:
    tmx = _tmx(tmp_path, BOTH, NO_LANG, TWICE)
    code, out, err = cli("import-tmx", tmx, "--skip-bad")
    assert (code, out) == (0, "1\tmemory\t3 units en-es\n")
    assert err.splitlines() == [
        f"{tmx}: 1 translation unit with a <tuv> without xml:lang (the first is <tu> number 2): left out",
        f"{tmx}: 1 translation unit with two <tuv>s in one language (the first is <tu> number 3): "
        "the first of the language kept, the others left out", "imported 1 pair"]
    _, out, _ = cli("show", "1")
    assert out.splitlines()[1:] == ["[0]:[0]\tThe talks began.\tLas conversaciones empezaron.",
                                    "[1]:[]\tNobody was hurt.\t", "[2]:[1]\tIt rained.\tLlovió."]


def test_tuvs_in_a_third_language_are_counted_on_import(cli, tmp_path) -> None:
    tmx = _tmx(tmp_path, BOTH + _tuv("Les pourparlers ont commencé.", "fr-FR"),
               NO_LANG.replace("<tuv>", '<tuv lang="es">'),  # TMX 1.1 named the language so
               _tuv("It rained.", "en") + _tuv("Llovió.", "es") + _tuv("Es regnete.", "de"))
    code, _, err = cli("import-tmx", tmx)
    assert code == 0
    assert err == f"{tmx}: 2 <tuv>s in de, fr left out (the pairs are en-es)\nimported 1 pair\n"
