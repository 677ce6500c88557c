"""Real articles (issue 23): every true pair of ../shared/data/react-docs-en-es imported from its
Markdown as a user would (`import-dir` of a folder of NAME.en.md + NAME.es.md) and aligned
(`align --all`), by this checkout and, with --before, by an earlier revision of the workbench,
side by side: per pair the headings and code blocks each side has (as the reader found them),
the share of 1-1 beads and the share of low-confidence beads.

    python -m benchmarks.articles_bench                      # this checkout
    python -m benchmarks.articles_bench --before 81fb3a3     # and the revision before issue 23
    python -m benchmarks.articles_bench --no-mt

Each revision runs as its own `python -m workbench` processes in a checkout of it, so an older
revision is measured with its own reader and aligner; its database is read with plain SQL (a
revision before the block kinds has no headings or code to count: "-").
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import REPO, SHARED, require_shared
from workbench.align.confidence import DEFAULT_THRESHOLD

ARCHIVE = SHARED / "react-docs-en-es"


@dataclass(frozen=True)
class PairFigures:
    """What the benchmark prints for one pair aligned by one revision."""

    headings: tuple[int, int] | None  # English, Spanish; None when the store has no kinds
    code: tuple[int, int] | None
    beads: int
    one_to_one: int
    low: int


def _archive(folder: Path) -> list[str]:
    """Copies NAME.en.md and NAME.es.md of every true pair of truth.tsv (import-dir follows no
    link out of its folder); their names (the original paths, flattened)."""
    names = []
    for line in (ARCHIVE / "truth.tsv").read_text().splitlines():
        en, es, original = line.split("\t")
        name = original.removeprefix("src/content/").removesuffix(".md").replace("/", "--")
        shutil.copy(ARCHIVE / "en" / en, folder / f"{name}.en.md")
        shutil.copy(ARCHIVE / "es" / es, folder / f"{name}.es.md")
        names.append(name)
    return names


def _workbench(checkout: Path, db: Path, *args: str) -> None:
    """Run one command of the workbench of `checkout` (this Python, that code)."""
    done = subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), *args], cwd=checkout,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{checkout}: workbench {args[0]} failed:\n{done.stderr}")


def _kind_counts(con: sqlite3.Connection, doc: int, has_kinds: bool) -> tuple[int, int] | None:
    """(headings, code blocks) of a document, or None without kinds in the store."""
    if not has_kinds:
        return None
    row = con.execute("select sum(kind = 'heading'), sum(kind = 'code') from sentences where document_id = ?",
                      (doc,)).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def figures(db: Path) -> dict[str, PairFigures]:
    """Each pair's figures, by title (the NAME of its files, lower-cased as import-dir stores it)."""
    con = sqlite3.connect(db)
    has_kinds = any(row[1] == "kind" for row in con.execute("pragma table_info(sentences)"))
    out = {}
    for pid, title, src, tgt in con.execute("select id, title, src_doc, tgt_doc from pairs"):
        beads = con.execute("select src_end - src_start, tgt_end - tgt_start, confidence from beads "
                            "where pair_id = ?", (pid,)).fetchall()
        src_k, tgt_k = _kind_counts(con, src, has_kinds), _kind_counts(con, tgt, has_kinds)
        out[title.lower()] = PairFigures(
            (src_k[0], tgt_k[0]) if src_k and tgt_k else None, (src_k[1], tgt_k[1]) if src_k and tgt_k else None,
            len(beads), sum(s == 1 and t == 1 for s, t, _ in beads),
            sum(c is not None and c < DEFAULT_THRESHOLD for *_, c in beads))
    return out


def run(checkout: Path, folder: Path, db: Path, no_mt: bool) -> dict[str, PairFigures]:
    """Import the archive and align it with one revision's workbench."""
    _workbench(checkout, db, "import-dir", str(folder))
    _workbench(checkout, db, "align", "--all", *(["--no-mt"] if no_mt else []))
    return figures(db)


def _pair_of(counts: tuple[int, int] | None) -> str:
    return "-" if counts is None else f"{counts[0]}/{counts[1]}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def report(names: list[str], runs: dict[str, dict[str, PairFigures]]) -> None:
    """One line a pair and a total line: for each revision, headings and code (en/es), beads,
    1-1 share, low-confidence share."""
    labels = list(runs)
    print("pair\t" + "\t".join(f"{label}: {column}" for label in labels
                               for column in ("headings en/es", "code en/es", "beads", "1-1", "low-confidence")))
    for name in names:
        cells = []
        for label in labels:
            f = runs[label].get(name.lower())
            cells += ["(not imported)"] * 5 if f is None else [
                _pair_of(f.headings), _pair_of(f.code), str(f.beads), _share(f.one_to_one, f.beads),
                _share(f.low, f.beads)]
        print(name, *cells, sep="\t")
    totals = []
    for label in labels:
        pairs = runs[label].values()
        beads = sum(f.beads for f in pairs)
        totals += ["", "", str(beads), _share(sum(f.one_to_one for f in pairs), beads),
                   _share(sum(f.low for f in pairs), beads)]
    print(f"total ({len(names)} pairs)", *totals, sep="\t")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="a git revision to measure beside this checkout")
    parser.add_argument("--no-mt", action="store_true")
    args = parser.parse_args(argv)
    require_shared()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "archive"
        folder.mkdir()
        names = _archive(folder)
        checkouts = {"after": REPO}
        if args.before:
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(root / "before"),
                            args.before], check=True)
            checkouts = {"before": root / "before", **checkouts}
        try:
            runs = {label: run(checkout, folder, root / f"{label}.db", args.no_mt)
                    for label, checkout in checkouts.items()}
        finally:
            if args.before:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(root / "before")])
        report(names, runs)


if __name__ == "__main__":
    main()
