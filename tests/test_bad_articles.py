"""Bad articles at the command line (issue 23): a Markdown file that is only front matter, only
code or has unbalanced fences, MDX of only components or comments, a web page without article
text, a 5 MB table, control characters in a heading. Each is imported by the real command in a
process of its own, next to a sane partner file, into a real database that holds a pair already:
it is refused in one line that names the file and says why, the database left as it was, or it
is imported sensibly, within a time bound, never with a traceback or a hang."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, dump, run_process

GOOD_EN = "# The castle\n\nCandide lived in the castle of the baron. He was a young man of gentle manners.\n"
PARTNER_ES = "# El castillo\n\nCándido vivía en el castillo del barón. Era un joven de costumbres muy dulces.\n"
BODY = "Candide lived in the castle of the baron. He was a young man of gentle manners.\n"
BODY_SENTENCES = [("paragraph", "Candide lived in the castle of the baron."),
                  ("paragraph", "He was a young man of gentle manners.")]
TIMEOUT = 60  # seconds for a small file: far more than it takes, far less than a hang


def _workbench(*args: object, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """`python -m workbench ARGS` run from this checkout; a hang fails the test by its timeout."""
    return run_process(*map(str, args), cwd=REPO, timeout=timeout)


@pytest.fixture(scope="module")
def one_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding one good pair, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("one-pair")
    (folder / "good.en.md").write_text(GOOD_EN)
    (folder / "good.es.md").write_text(PARTNER_ES)
    db = folder / "wb.db"
    done = _workbench("--db", db, "import", folder / "good.en.md", folder / "good.es.md")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def db(one_pair: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(one_pair, tmp_path / "wb.db"))


@pytest.fixture
def partner(tmp_path: Path) -> Path:
    path = tmp_path / "partner.es.md"
    path.write_text(PARTNER_ES)
    return path


def _stored(db: Path, path: Path) -> list[tuple[str, str]]:
    """The kind and text of each sentence stored for the document read from `path`."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT s.kind, s.text FROM sentences s JOIN documents d ON d.id = s.document_id "
                            "WHERE d.path = ? ORDER BY s.position", (str(path),)).fetchall()


def _metadata(db: Path, path: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT metadata FROM documents WHERE path = ?", (str(path),)).fetchone()[0]
    return json.loads(stored or "{}")


def _imported(db: Path, path: Path, partner: Path) -> subprocess.CompletedProcess[str]:
    """Import `path` with its partner, which must succeed."""
    done = _workbench("--db", db, "import", path, partner)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


NO_TEXT = "workbench: error: {path}: no text to import ({why})\n"
NO_ARTICLE = "workbench: error: {name}: no article text found in this HTML (only menus, scripts or markup)\n"
NAV_SCRIPT_FOOTER = """<!DOCTYPE html><html><head><title>Example</title>
<script>var greeting = "Candide lived in the castle of the baron.";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
<script>document.write("He was a young man of gentle manners.")</script>
<footer><p>© 2024 Example Corp. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


@pytest.mark.parametrize(("name", "content", "message"), [
    pytest.param("empty.en.md", "", NO_TEXT.replace("{why}", "empty or only whitespace"), id="empty"),
    pytest.param("yaml.en.md", "---\nauthor: Jane Doe\ntags: [castle, baron]\n---\n",
                 NO_TEXT.replace("{why}", "only front matter"), id="only-yaml-front-matter"),
    pytest.param("toml.en.md", '+++\nauthor = "Jane Doe"\ndate = 2023-05-03\n+++\n',
                 NO_TEXT.replace("{why}", "only front matter"), id="only-toml-front-matter"),
    pytest.param("fenced.en.md", '```python\nprint("Candide lived in the castle.")\n```\n',
                 NO_TEXT.replace("{why}", "only code"), id="only-fenced-code"),
    pytest.param("indented.en.md", '    print("Candide lived in the castle.")\n    x = 1\n',
                 NO_TEXT.replace("{why}", "only code"), id="only-indented-code"),
    pytest.param("components.en.md", '<Intro />\n\n<Note>\n</Note>\n\n<Diagram src="a.png">\n</Diagram>\n',
                 NO_TEXT.replace("{why}", "only markup or page furniture"), id="only-jsx-components"),
    pytest.param("comments.en.mdx", "{/* a comment */}\n\n{/* another\nlonger comment */}\n",
                 NO_TEXT.replace("{why}", "only markup or page furniture"), id="only-mdx-comments"),
    pytest.param("menus.en.html", NAV_SCRIPT_FOOTER, NO_ARTICLE, id="html-only-nav-script-footer"),
])
def test_a_file_without_text_is_refused_in_one_line_and_nothing_is_stored(
        db: Path, partner: Path, tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    expected = message.format(path=path, name=name)
    before = dump(db)
    imported = _workbench("--db", db, "import", path, partner)
    assert (imported.returncode, imported.stdout, imported.stderr) == (2, "", expected)
    assert dump(db) == before
    segmented = _workbench("segment", path)
    assert (segmented.returncode, segmented.stdout, segmented.stderr) == (2, "", expected)


def test_a_target_file_without_text_is_named_as_the_source_would_be(db: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "good.en.md", tmp_path / "front.es.md"
    source.write_text(GOOD_EN)
    target.write_text("---\nautor: Juana\n---\n")
    before = dump(db)
    done = _workbench("--db", db, "import", source, target)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == NO_TEXT.format(path=target, why="only front matter")
    assert dump(db) == before


def test_front_matter_with_only_a_title_imports_as_a_heading(db: Path, partner: Path, tmp_path: Path) -> None:
    """The title of front matter is the article's first heading: such a file is a file of one
    heading, imported as `# The castle` alone would be; the rest is metadata."""
    path = tmp_path / "title.en.md"
    path.write_text("---\ntitle: The castle\nauthor: Jane Doe\n---\n")
    _imported(db, path, partner)
    assert _stored(db, path) == [("heading", "The castle")]
    assert _metadata(db, path) == {"author": "Jane Doe"}


def test_front_matter_that_is_not_yaml_is_read_as_key_value_lines(db: Path, partner: Path, tmp_path: Path) -> None:
    """An unquoted colon in the title and an unclosed bracket: YAML refuses it, the writer meant
    `key: value` lines; the title is kept, the body imported, and the user told."""
    path = tmp_path / "broken.en.md"
    path.write_text(f"---\ntitle: Candide: the castle\ntags: [castle, baron\n---\n\n{BODY}")
    done = _imported(db, path, partner)
    assert (f"{path.name}: the front matter is not a table of YAML keys; read as `key: value` lines"
            in done.stderr.splitlines())
    assert _stored(db, path) == [("heading", "Candide: the castle"), *BODY_SENTENCES]
    assert _metadata(db, path) == {"tags": "[castle, baron"}


@pytest.mark.parametrize(("fence", "closer"), [pytest.param("```", "", id="never-closed"),
                                               pytest.param("```", "~~~", id="closed-by-another-marker"),
                                               pytest.param("~~~~", "~~~", id="closed-by-a-shorter-run")])
def test_an_unclosed_fence_runs_to_the_end_of_the_file(db: Path, partner: Path, tmp_path: Path,
                                                       fence: str, closer: str) -> None:
    """As CommonMark says, the code runs to the end of the file; the prose before it is
    imported, and the user is told on which line the fence opened."""
    path = tmp_path / "fence.en.md"
    path.write_text(f"# The castle\n\n{BODY}\n{fence}python\nprint(1)\n{closer}\n\nProse after the fence?\n")
    done = _imported(db, path, partner)
    assert (f"{path.name}: the code fence opened on line 5 is never closed; the rest of the file is read as code"
            in done.stderr.splitlines())
    assert _stored(db, path) == [("heading", "The castle"), *BODY_SENTENCES,
                                 ("code", f"print(1)\n{closer}\n\nProse after the fence?")]


@pytest.mark.parametrize(("heading", "stored", "notice"), [
    pytest.param("The \x00castle", "The castle", "1 NUL byte (not text) left out", id="nul-byte"),
    pytest.param("The castle \x1b[31mred\x1b[0m \x1b]0;title\x07", "The castle \x1b[31mred\x1b[0m \x1b]0;title\x07",
                 None, id="escape-codes"),
])
def test_control_characters_in_a_heading_are_imported_as_inert_text(
        db: Path, partner: Path, tmp_path: Path, heading: str, stored: str, notice: str | None) -> None:
    """A stray NUL byte no longer has a text refused as binary: it is left out, and said. Escape
    codes are stored as the text they are, and shown escaped, never sent to the terminal."""
    path = tmp_path / "control.en.md"
    path.write_bytes(f"# {heading}\n\n{BODY}".encode())
    done = _imported(db, path, partner)
    if notice is not None:
        assert f"{path}: {notice}" in done.stderr.splitlines()
    assert _stored(db, path) == [("heading", stored), *BODY_SENTENCES]
    segmented = _workbench("segment", path)
    assert segmented.returncode == 0, segmented.stderr
    assert not any(char in segmented.stdout for char in "\x00\x1b\x07")
    assert segmented.stdout.splitlines()[0] == stored.encode("unicode_escape").decode()


def _table(size: int) -> tuple[str, int]:
    """A Markdown table of two columns, about `size` bytes, and its number of rows."""
    rows = ["# A big table", "", "| Name | Description |", "| --- | --- |"]
    length, count = 0, 0
    while length < size:
        rows.append(f"| Item {count} | The castle number {count} has a door and windows. |")
        length += len(rows[-1]) + 1
        count += 1
    return "\n".join(rows) + "\n", count


@pytest.mark.slow  # about 9 s on a quiet machine
def test_a_5_mb_table_imports_every_cell(db: Path, partner: Path, tmp_path: Path) -> None:
    path = tmp_path / "table.en.md"
    table, rows = _table(5 * 2**20)
    path.write_text(table)
    done = _workbench("--db", db, "import", path, partner, timeout=120)
    assert done.returncode == 0, done.stderr
    stored = _stored(db, path)
    assert len(stored) == 1 + 2 * (rows + 1)
    assert stored[:5] == [("heading", "A big table"), ("table_cell", "Name"), ("table_cell", "Description"),
                          ("table_cell", "Item 0"), ("table_cell", "The castle number 0 has a door and windows.")]
    assert stored[-1] == ("table_cell", f"The castle number {rows - 1} has a door and windows.")
