"""Opening a database: pragmas, migrations, and refusing files the code must not touch."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from workbench.store.migrations import migrations

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """A database that cannot be used as asked; the message is one line for the user."""


def _refuse_newer(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise StoreError(f"database schema is newer than this workbench "
                         f"(unknown migration {unknown[0]}); upgrade workbench")


def _unopenable(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """Why SQLite could not open `path`. Its own words blame the file ("unable to open database
    file", "attempt to write a readonly database") when the folder is at fault: a WAL database
    cannot even be read unless its -wal and -shm files exist or can be created beside it."""
    folder = path.absolute().parent
    if exc.sqlite_errorname in ("SQLITE_CANTOPEN", "SQLITE_READONLY_DIRECTORY") and not os.access(folder, os.W_OK):
        if not path.exists():
            return StoreError(f"cannot create {path}: the folder {folder} is not writable")
        return StoreError(f"cannot open {path}: the folder {folder} is not writable, and SQLite needs to create "
                          f"{path.name}-wal and {path.name}-shm there, even to read (make the folder writable, "
                          "or copy the database to one that is)")
    if path.exists() and not os.access(path, os.R_OK):
        return StoreError(f"cannot open {path}: permission denied")
    return StoreError(f"{path} is not a workbench database ({exc})")


def open_database(path: Path, write: bool = True) -> Database:
    """Open (and create, when `write`) the database at `path`, its schema upgraded: a command
    that only reads an older database still needs the columns this code reads.

    A file that is not SQLite, or whose schema is newer than this code, raises StoreError and
    is left untouched. So does what is not a regular file: SQLite would open /dev/null as an
    empty database and create /dev/null-journal beside it.
    """
    if not write and not path.exists():
        raise StoreError(f"no database at {path}")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a regular file (a device or a pipe), so it cannot be a database")
    if write and path.exists() and not path.stat().st_mode & 0o222:
        raise StoreError(f"{path} is read-only; this command writes to the database")
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    uri = f"file:{path}?mode={'rwc' if write else 'ro'}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _unopenable(path, exc) from None
    db = Database(conn)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    _refuse_newer(db)
    if not write and migrations.pending(db):
        conn.close()
        return _upgraded(path)
    if write and migrations.pending(db):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            migrations.apply(db)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {path}: {exc}") from None
    return db


def _upgraded(path: Path) -> Database:
    """An older database opened for writing, which upgrades its schema."""
    try:
        return open_database(path, write=True)
    except StoreError as exc:
        raise StoreError(f"{path} was made by an older version of the workbench and its schema cannot be "
                         f"upgraded: {exc}") from None


def database_file(db: Database) -> Path | None:
    """The file SQLite opened (it resolves links; the -wal, -shm and -journal files are named
    after it), or None for a database in memory."""
    name = db.execute("PRAGMA database_list").fetchone()[2]
    return Path(name) if name else None


def batch_writes(db: Database) -> None:
    """Commits that do not wait for the disk: in WAL mode, SQLite's synchronous=NORMAL writes a
    commit to disk at the next checkpoint. A power cut may then lose the last pairs of a batch
    import (never damage the database; a killed process loses nothing), and the batch run again
    stores them; waiting for the disk at every pair took half the time of 20,000 pairs."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        db.execute("PRAGMA synchronous = NORMAL")


def insert_rows(db: Database, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert rows with one plain statement. For review edits, which run beside the screen:
    sqlite-utils' insert looks the schema up first (three more queries), and each query is one
    more wait for the interpreter lock while the screen is drawing."""
    db.conn.executemany(f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})", rows)


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One write transaction (a savepoint inside another). It takes the write lock first
    (BEGIN IMMEDIATE), waiting for another writer up to the busy timeout. With a plain BEGIN,
    SQLite asks for the lock only at the first write; a transaction that read first and found
    another process had committed in the meantime then fails at once with "database is
    locked", busy timeout or not (seen: `workbench align` while the review saved a note)."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
