"""Shared helpers: run the real command line in-process on a real SQLite file."""

from __future__ import annotations

import os
import pty
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workbench.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"
DATA = Path(__file__).resolve().parent / "data"
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def dump(db: Path) -> str:
    """The database's content as SQL text, like `sqlite3 DB .dump`."""
    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump())


class Cli:
    """Runs `workbench --db DB ...` in-process and returns (exit code, stdout, stderr)."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", str(self.db), *map(str, args)])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "wb.db"


@pytest.fixture
def cli(db: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db, capsys)


def run_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 600,
                ) -> subprocess.CompletedProcess[str]:
    """`python -m workbench ARGS` in a separate process (standard input closed)."""
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


def run_on_terminal(*args: str, timeout: float = 600) -> tuple[int, str, str]:
    """`python -m workbench ARGS` with standard error on a pseudo-terminal, where progress bars
    are drawn (standard output stays a pipe). Returns the exit status, standard output and all
    the terminal received."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=subprocess.PIPE, stderr=follower,
                               stdin=subprocess.DEVNULL, text=True,
                               env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(follower)
    received: list[bytes] = []

    def drain() -> None:  # a full terminal would stop the process
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process has closed the terminal
                return
            if not chunk:
                return
            received.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = process.communicate(timeout=timeout)
    reader.join(timeout)
    os.close(leader)
    return process.returncode, out, b"".join(received).decode("utf-8", "replace")
