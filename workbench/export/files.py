"""All-or-nothing output: every file of an export is written beside its final name and renamed
into place only when all of them are complete; an interrupted export leaves nothing behind."""

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


@contextmanager
def atomic_files(paths: list[Path], binary: bool = False) -> Iterator[list[IO]]:
    """Open temporary files for `paths`; on success rename them all into place."""
    for path in paths:
        check_target(path)
    temps: list[Path] = []
    try:
        with ExitStack() as stack:
            handles = []
            for path in paths:
                fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
                temps.append(Path(name))
                mode = "wb" if binary else "w"
                handles.append(stack.enter_context(os.fdopen(fd, mode, **({} if binary else {"encoding": "utf-8", "newline": "\n"}))))
            yield handles
        mode = 0o666 & ~_umask()
        for temp, path in zip(temps, paths):
            os.chmod(temp, mode)
            os.replace(temp, path)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
