"""Where alignments are computed: in this process, in worker processes, or on a Dask cluster.

Workers get plain data (`AlignTask`s) and return plain data (`AlignResult`s); they never touch
the database, so SQLite only ever sees one writer and a cluster node needs no access to the
database file. Worker processes start from a fork server that has the aligner loaded (the
caller may have threads, which must not be forked) and die with the process that asked for
them, killed or not.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import connection, get_context, parent_process
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.align.collection import AlignResult, AlignTask

ALIGNER = "workbench.jobs.alignment"  # what a worker process has loaded before its first task


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for the aligner. Make it before a Textual app runs: its queue starts
    multiprocessing's resource tracker, which is handed standard error, and a running app has
    replaced standard error by an object without a file descriptor."""
    context = get_context("forkserver")
    context.set_forkserver_preload([ALIGNER])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent)


def _exit_with_parent() -> None:
    """Worker initializer: the worker exits as soon as the process that asked for it dies, even
    by kill -9 (a watcher thread waits for the pipe to it to close). Idle workers wait for work
    on a pipe they hold both ends of, so they never see it close; they, the fork server (which
    waits for every worker) and the resource tracker (which waits for both) outlived a killed
    `align --workers 2` by 13 minutes and more."""
    parent = parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_closed, args=(parent.sentinel,), daemon=True).start()


def _exit_when_closed(sentinel: int) -> None:
    connection.wait([sentinel])
    os._exit(1)


def _windowed(submit: Callable, chunks: Iterable[list[AlignTask]], window: int,
              first_done: Callable) -> Iterator[list[AlignResult]]:
    """Results of `compute` over chunks, keeping at most `window` chunks in flight (so tasks are
    read from the store only as workers become free), in the order they finish."""
    from workbench.align.collection import compute
    pending: set = set()

    def finished() -> Iterator[list[AlignResult]]:
        for future in first_done(pending):
            pending.discard(future)
            yield future.result()

    for chunk in chunks:
        pending.add(submit(compute, chunk))
        while len(pending) >= window:
            yield from finished()
    while pending:
        yield from finished()


def mapped(fn: Callable, items: Iterable, workers: int = 1, chunk: int = 16) -> Iterator:
    """`fn` of each item, in order: here, or in `workers` worker processes (`fn` and the items
    cross to them, so they must be plain data and a module-level function)."""
    if workers <= 1:
        yield from map(fn, items)
        return
    with process_pool(workers) as pool:
        yield from pool.map(fn, items, chunksize=chunk)


def _first_done_local(pending: set) -> set:
    return wait(pending, return_when=FIRST_COMPLETED).done


def computed(tasks: Iterable[AlignTask], workers: int = 1, scheduler: str | None = None,
             ) -> Iterator[list[AlignResult]]:
    """Results of every task, a chunk at a time (see `align.collection.chunks`): here (one
    worker), in worker processes, or on a Dask cluster. (The aligner is imported here, not at
    the top: the review makes its process pool with this module and starts without it.)"""
    from workbench.align.collection import chunks, compute_here
    if scheduler:
        from distributed import Client
        from distributed import wait as dask_wait
        with Client(scheduler) as client:
            window = 2 * max(1, len(client.scheduler_info()["workers"]))
            yield from _windowed(lambda fn, chunk: client.submit(fn, chunk, pure=False), chunks(tasks), window,
                                 lambda pending: dask_wait(list(pending), return_when="FIRST_COMPLETED").done)
    elif workers > 1:
        with process_pool(workers) as pool:
            yield from _windowed(pool.submit, chunks(tasks), 2 * workers, _first_done_local)
    else:
        yield from compute_here(tasks)
