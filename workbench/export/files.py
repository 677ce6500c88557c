"""All-or-nothing output: every file of an export is written beside its final name and renamed
into place only when all of them are complete; an interrupted export leaves nothing behind.
A name that is a link is followed, and what is not a regular file (a pipe, /dev/stdout) is
written to directly: renaming over it would replace the link or the device itself."""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Iterator


def check_target(path: Path) -> None:
    """Refuse paths that cannot be written as an export file."""
    if path.is_dir():
        raise ValueError(f"{path} is a directory; give a file name")
    if not path.parent.exists():
        raise ValueError(f"{path.parent}: no such folder")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _streamed(path: Path) -> bool:
    """Whether `path` is written as it is: it exists and is not a regular file."""
    return path.exists() and not path.is_file()


@contextmanager
def atomic_files(paths: list[Path], binary: bool = False) -> Iterator[list[IO]]:
    """Open temporary files for `paths`; on success rename them all into place."""
    for path in paths:
        check_target(path)
    streamed = [_streamed(path) for path in paths]
    targets = [path if direct else path.resolve() for path, direct in zip(paths, streamed)]
    text = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    temps: list[Path | None] = []
    try:
        with ExitStack() as stack:
            handles = []
            for target, direct in zip(targets, streamed):
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
    finally:
        for temp in temps:
            if temp is not None:
                temp.unlink(missing_ok=True)
