"""All-or-nothing output: every file of an export is written beside its final name and renamed
into place only when all of them are complete; an interrupted export leaves nothing behind.
What is not a regular file (a pipe, a terminal, /dev/null) is written to directly: renaming
over it would replace the device itself. What an export replaces is only ever a regular file
the user named: never the database or the files SQLite keeps beside it, and a file behind a
symbolic link only with --follow-symlink. `-`, /dev/stdout, /dev/stderr and /dev/fd/N name a descriptor
this process already has open (a shell's `> out.tsv` or `| gzip`): it is written to as it is."""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Iterator


COMPANIONS = {"": "the database", "-wal": "the database's write-ahead log", "-shm": "the database's shared memory",
              "-journal": "the database's rollback journal"}


DESCRIPTOR = re.compile(r"^(?:-|/dev/std(out|err)|/(?:dev|proc/self)/fd/(\d+))$")


def descriptor(path: Path) -> int | None:
    """The open descriptor `path` names (`-` and /dev/stdout are 1), None for a file name."""
    found = DESCRIPTOR.match(str(path))
    if found is None:
        return None
    return int(found[2]) if found[2] else 2 if found[1] == "err" else 1


def _identity(path: Path | str | int) -> tuple[int, int] | None:
    """The device and inode `path` (or an open descriptor) leads to, None if nothing is there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _refuse_database_files(path: Path, database: Path) -> None:
    """Refuse `path` if it is the database or one of its companion files: by inode, which catches
    symbolic and hard links, and by resolved name, which catches a -journal or -wal SQLite has not
    created yet (it would, beside an export that then vanishes or breaks the database)."""
    fd = descriptor(path)
    here, resolved = _identity(path if fd is None else fd), os.path.realpath(path)
    for suffix, what in COMPANIONS.items():
        companion = f"{database}{suffix}"
        if resolved == os.path.realpath(companion) or (here is not None and here == _identity(companion)):
            raise ValueError(f"{path} is {what} ({companion}); export to another file")


def check_targets(paths: list[Path], database: Path | None, follow_symlink: bool) -> None:
    """Refuse paths an export must not write, before anything is written."""
    for path in paths:
        if descriptor(path) is not None:
            if database is not None:
                _refuse_database_files(path, database)
            continue
        if path.is_dir():
            raise ValueError(f"{path} is a directory; give a file name")
        if not path.parent.exists():
            raise ValueError(f"{path.parent}: no such folder")
        if database is not None:
            _refuse_database_files(path, database)
        if path.is_symlink() and not follow_symlink and not _streamed(path):
            raise ValueError(f"{path} is a symbolic link to {os.path.realpath(path)}; "
                             "--follow-symlink replaces the file it points to")
        if path.is_file() and not path.stat().st_mode & 0o222:
            raise ValueError(f"{path} is read-only; export to another file")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _streamed(path: Path) -> bool:
    """Whether `path` is written as it is: an open descriptor, or not a regular file."""
    return descriptor(path) is not None or (path.exists() and not path.is_file())


@contextmanager
def atomic_files(paths: list[Path], binary: bool = False) -> Iterator[list[IO]]:
    """Open temporary files for `paths` (checked by `check_targets`); on success rename them all
    into place."""
    streamed = [_streamed(path) for path in paths]
    targets = [path if direct else path.resolve() for path, direct in zip(paths, streamed)]
    text = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    temps: list[Path | None] = []
    try:
        with ExitStack() as stack:
            handles = []
            for target, direct in zip(targets, streamed):
                if (fd := descriptor(target)) is not None:  # not closed here: it is the caller's
                    temps.append(None)
                    handles.append(stack.enter_context(open(fd, "wb" if binary else "w", closefd=False, **text)))
                    continue
                if direct:
                    temps.append(None)
                    handles.append(stack.enter_context(open(target, "wb" if binary else "w", **text)))
                    continue
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
                temps.append(Path(name))
                handles.append(stack.enter_context(os.fdopen(fd, "wb" if binary else "w", **text)))
            yield handles
        mode = 0o666 & ~_umask()
        for temp, target in zip(temps, targets):
            if temp is not None:
                os.chmod(temp, mode)
                os.replace(temp, target)
    except OSError as exc:  # a failed write or close (a full disk) names no file: say which files
        if exc.filename is None and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, ", ".join(map(str, paths))) from exc
        raise
    finally:
        for temp in temps:
            if temp is not None:
                temp.unlink(missing_ok=True)
