"""Helpers for the benchmarks: the evaluation data in ../shared/data and a persistent MT cache."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
MT_CACHE = Path("/tmp/workbench-bench-mt-cache.json")


def peak_mb() -> float:
    """This process's peak resident memory in MB. Linux's VmHWM belongs to the program: the
    ru_maxrss of a process started by fork and exec also counts its parent's size at the fork,
    so a benchmark section run after a large one printed the parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        hwm = next((line for line in status.read_text().splitlines() if line.startswith("VmHWM:")), None)
        if hwm:
            return int(hwm.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def require_shared() -> None:
    """Exit with a message when the evaluation data is not beside the repo."""
    if not SHARED.is_dir():
        sys.exit(f"benchmarks need the evaluation data in {SHARED}")


def load_set(folder: str, src_lang: str, tgt_lang: str, names: list[str] | None = None) -> list[tuple]:
    """(name, source sentences, target sentences, gold beads) for each gold document of a set."""
    from workbench.align import parse_beads
    from workbench.jobs.evaluation import gold_names, read_side
    path = SHARED / folder
    return [(n, read_side(path / f"{n}.{src_lang}", src_lang).sentences,
             read_side(path / f"{n}.{tgt_lang}", tgt_lang).sentences, parse_beads((path / f"{n}.gold").read_text()))
            for n in gold_names(path, names)]


class FileCache(dict):
    """An MT cache kept in a JSON file between benchmark runs."""

    def __init__(self) -> None:
        super().__init__(json.loads(MT_CACHE.read_text()) if MT_CACHE.exists() else {})

    def save(self) -> None:
        MT_CACHE.write_text(json.dumps(self))
