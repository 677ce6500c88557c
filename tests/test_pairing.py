"""Pairing a real site at the default settings (corpora/react-docs-pairing: near-identical pages,
decoys on both sides, a page half in English, an untranslated page in the Spanish folder), and
`pair-collection` on bad input, run as a user runs it: a process of its own on a real SQLite
file, its exit status, its one line per refused file, the database left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPORA, dump, run_on_terminal, run_process
from workbench.align.mt import apertium_modes
from workbench.display import uncell
from workbench.jobs.pairing import DEFAULT_THRESHOLD

SITE = CORPORA / "react-docs-pairing"
ARCHIVE = CORPORA / "archive"
UNTRANSLATED = "doc-a1c03e.md"  # an English page in the Spanish folder (see the corpus's README)
FRENCH = ("La Déclaration des droits de l'homme et du citoyen fut adoptée par l'Assemblée nationale "
          "constituante au cours de l'été mil sept cent quatre-vingt-neuf. Elle énonce les droits naturels "
          "et imprescriptibles de chaque personne, ainsi que les conditions de leur mise en oeuvre, et elle "
          "demeure aujourd'hui l'un des textes fondateurs de la République française.\n")


def truth() -> dict[str, str]:
    return dict(line.split("\t")[:2] for line in (SITE / "truth.tsv").read_text().splitlines())


def pairs(out: str) -> dict[str, tuple[str, float]]:
    """English file name -> (Spanish file name, score) from `--tsv` lines."""
    rows = [line.split("\t") for line in out.splitlines()]
    return {Path(uncell(r[0])).name: (Path(uncell(r[1])).name, float(r[2])) for r in rows}


@pytest.mark.skipif(not apertium_modes(), reason="Apertium is not installed (CI installs it)")
def test_a_real_site_pairs_right_at_the_default_settings(tmp_path: Path) -> None:
    """Every true pair found and no false one, whatever the scores' exact values: the half
    English page kept, the untranslated page named and left out, the decoys unpaired."""
    db = tmp_path / "wb.db"
    done = run_process("--db", str(db), "pair-collection", str(SITE / "en"), str(SITE / "es"), "--tsv", "--explain")
    assert done.returncode == 0, done.stderr
    found = pairs(done.stdout)
    assert {en: es for en, (es, _) in found.items()} == truth()
    assert all(score >= DEFAULT_THRESHOLD for _, score in found.values())
    assert all(len(line.split("\t")) == 8 for line in done.stdout.splitlines())  # --explain's five columns
    left_out = [line for line in done.stderr.splitlines() if line.startswith("left out: ")]
    assert len(left_out) == 1 and UNTRANSLATED in left_out[0] and "in en" in left_out[0]
    unpaired = sorted(Path(line.split(": ", 1)[1]).name for line in done.stderr.splitlines()
                      if line.startswith("unpaired: "))
    assert unpaired == ["doc-2dbbf7.md", "doc-324f3e.md", "doc-5dbe44.md", "doc-bf9703.md"]
    assert "9 pairs proposed (9 new, to review); 3 en and 1 es articles unpaired" in done.stderr


def test_ranking_and_verification_show_their_progress_on_a_terminal(tmp_path: Path) -> None:
    code, out, terminal = run_on_terminal("--db", str(tmp_path / "wb.db"), "pair-collection", str(ARCHIVE / "en"),
                                          str(ARCHIVE / "es"), "--no-mt", "--explain")
    assert code == 0 and "ranking candidates" in terminal and "verifying candidates" in terminal
    assert len(out.splitlines()) == 8 and all("of the text aligns" in line for line in out.splitlines())


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A database holding the pairs of the sample archive (without MT: quick)."""
    db = tmp_path / "wb.db"
    assert run_process("--db", str(db), "pair-collection", str(ARCHIVE / "en"), str(ARCHIVE / "es"), "--no-mt").returncode == 0
    return db


def copy_archive(tmp_path: Path) -> tuple[Path, Path]:
    for lang in ("en", "es"):
        shutil.copytree(ARCHIVE / lang, tmp_path / lang)
    return tmp_path / "en", tmp_path / "es"


def pair(db: Path, en: Path, es: Path, *flags: str):
    return run_process("--db", str(db), "pair-collection", str(en), str(es), "--no-mt", *flags)


def test_thousands_of_empty_and_binary_files_are_refused_one_line_each(stored: Path, tmp_path: Path) -> None:
    before = dump(stored)
    en, _ = copy_archive(tmp_path)
    junk = tmp_path / "junk"
    junk.mkdir()
    for k in range(2000):
        (junk / f"empty-{k:04d}.txt").write_bytes(b"")
    for k in range(1000):
        (junk / f"binary-{k:04d}.bin").write_bytes(bytes(range(256)) * 4)
    done = pair(stored, en, junk)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert sum(line.startswith("refused: ") for line in lines) == 3000
    assert lines[-1].endswith("3000 of 3010 articles refused, nothing imported (--skip-bad imports the others)")
    assert dump(stored) == before
    done = pair(stored, en, junk, "--skip-bad")
    assert done.returncode == 2 and done.stderr.strip().endswith("no articles left on one side")
    assert dump(stored) == before


def test_a_file_in_neither_language_is_refused(stored: Path, tmp_path: Path) -> None:
    before = dump(stored)
    en, es = copy_archive(tmp_path)
    (es / "french.txt").write_text(FRENCH, encoding="utf-8")
    done = pair(stored, en, es)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"workbench: error: {es / 'french.txt'}: declared es but detected fr (p=1.00); use --no-language-check if "
        "this is right; nothing imported (--skip-bad imports the others)"]
    assert dump(stored) == before
    done = pair(stored, en, es, "--skip-bad")
    assert done.returncode == 1 and "skipped: " in done.stderr and len(done.stdout.splitlines()) == 8


def test_two_identical_files_in_one_folder_are_named_and_the_first_kept(stored: Path, tmp_path: Path) -> None:
    before = dump(stored)
    en, es = copy_archive(tmp_path)
    first = sorted(es.iterdir())[0]
    shutil.copy(first, es / "zz-copy.txt")
    done = pair(stored, en, es)
    assert done.returncode == 2 and done.stdout == ""
    assert f"{es / 'zz-copy.txt'}: identical to {first}" in done.stderr
    assert dump(stored) == before
    done = pair(stored, en, es, "--skip-bad")
    assert done.returncode == 1 and len(done.stdout.splitlines()) == 8 and "zz-copy" not in done.stdout


@pytest.mark.parametrize("second", ["same", "dot", "inside"])
def test_a_folder_given_twice_is_refused_in_one_line(stored: Path, tmp_path: Path, second: str) -> None:
    before = dump(stored)
    en, _ = copy_archive(tmp_path)
    (en / "inner").mkdir()
    other = {"same": en, "dot": en / "inner" / "..", "inside": en / "inner"}[second]
    done = pair(stored, en, other)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and done.stdout == "" and len(lines) == 1
    assert lines[0].startswith("workbench: error: ") and ("same folder" in lines[0] or "inside the other" in lines[0])
    assert dump(stored) == before
