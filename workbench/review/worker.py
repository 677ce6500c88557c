"""The review's database process: a `PairData` (every read and write of the review) served in a
process of its own, on its own connection, in the order the screen made them.

A process, not a thread: the screen's Python and the database's Python would share one
interpreter lock, and a write waited for the lock at every SQLite statement while the screen
drew (a sentence split's 9 ms of database work took 25 ms).

`Worker` is the screen's end: a call is pickled by the thread that makes it and written by one
sender thread (a process pool hands it through two threads of its own that pickle, each waiting
for the interpreter lock while the screen worked: a write started up to 20 ms late). The process is a
fresh interpreter that imports only this module: not forked (the screen's threads must not be
copied into a child), and not multiprocessing's spawn, which imports the parent's main module
again (for `workbench review`, the whole command line: 0.5 s before the first screen).
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import Future
from contextlib import suppress
from pathlib import Path
from typing import Any

from workbench.review import gc_schedule
from workbench.review.pair_data import Call, PairData

ENDED = "the database process ended; restart workbench review"


class Channel:
    """Pickled messages over a socket, each after its length. Sent with MSG_NOSIGNAL: the
    command line restores the default SIGPIPE (so that `workbench export ... | head` ends
    quietly), and a write to a database process that has died must raise, not kill the screen."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    @staticmethod
    def frame(message: Any) -> bytes:
        """A message as it goes over the socket."""
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        return len(data).to_bytes(8, "big") + data

    def send(self, message: Any) -> None:
        self.send_frame(self.frame(message))

    def send_frame(self, frame: bytes) -> None:
        self._sock.sendall(frame, socket.MSG_NOSIGNAL)

    def recv(self) -> Any:
        return pickle.loads(self._read(int.from_bytes(self._read(8), "big")))

    def _read(self, size: int) -> bytearray:
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        while got < size:
            count = self._sock.recv_into(view[got:])
            if not count:
                raise EOFError
            got += count
        return buffer

    def close(self) -> None:
        self._sock.close()


class Worker:
    """The database process, seen from the screen: `submit` sends a call, a future answers."""

    def __init__(self, db_path: Path) -> None:
        ours, theirs = socket.socketpair()
        command = f"from workbench.review.worker import main; main({theirs.fileno()}, {str(db_path)!r})"
        self._process = subprocess.Popen([sys.executable, "-c", command], pass_fds=[theirs.fileno()],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)  # the terminal is the screen's
        theirs.close()
        self._pipe = Channel(ours)
        self._waiting: deque[Future] = deque()
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._ended = False
        threading.Thread(target=self._sends, name="workbench-db-sends", daemon=True).start()
        threading.Thread(target=self._answers, name="workbench-db-answers", daemon=True).start()

    def submit(self, action: Call, *args: Any) -> Future:
        """Run `action(pair_data, *args)` (a function of PairData) in the process, after every call
        submitted before it. Pickled here; written to the socket by a thread of its own: the
        write wakes the process, and that kept the screen's thread in the system call for up
        to 5 ms (a sentence split 43-65 -> 38-43 ms)."""
        future: Future = Future()
        frame = Channel.frame((action, args))
        with self._lock:  # waiting before it is sent: the answer may come back at once
            if self._ended:
                future.set_exception(RuntimeError(ENDED))
            else:
                self._waiting.append(future)
                self._outbox.put(frame)
        return future

    def _sends(self) -> None:
        """Write each call to the socket, in order, until `close` or the process ends."""
        while (frame := self._outbox.get()) is not None:
            try:
                self._pipe.send_frame(frame)
            except OSError:
                return  # the process ended: `_answers` fails what waits

    def _answers(self) -> None:
        """Hand each answer to its future, in order; if the process ends, fail the rest."""
        while True:
            try:
                ok, value = self._pipe.recv()
            except (EOFError, OSError):
                break
            except Exception as error:  # noqa: BLE001  (read whole, but not unpickled: still in step)
                ok, value = False, RuntimeError(f"the database process's answer could not be read: {error}")
            future = self._waiting.popleft()
            future.set_result(value) if ok else future.set_exception(value)
        with self._lock:
            self._ended = True
            while self._waiting:
                self._waiting.popleft().set_exception(RuntimeError(ENDED))

    def close(self) -> None:
        """Let the process finish what it was sent, then end it."""
        self._outbox.put(Channel.frame(None))
        self._outbox.put(None)
        self._process.wait()
        self._pipe.close()


def main(fd: int, db_path: str) -> None:
    """The process's start: serve the socket the screen passed as file descriptor `fd`. As a
    batch process: woken by a write, it does not take the processor from the screen, which
    has the key's drawing to finish (a sentence split 51 -> 47 ms, median of three runs)."""
    os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    serve(Channel(socket.socket(fileno=fd)), Path(db_path))


def serve(pipe: Channel, db_path: Path) -> None:
    """The process: answer calls on one `PairData` until told to stop. A database that cannot
    be opened is every call's answer."""
    gc.disable()  # collected between calls instead
    try:
        data, failed = PairData(db_path), None
    except Exception as error:  # noqa: BLE001  (any reason: the screen shows it)
        data, failed = None, error
    with suppress(EOFError):  # the screen's end closed: it quit without saying so
        while (call := pipe.recv()) is not None:
            action, args = call
            try:
                if failed is not None:
                    raise failed
                answer = (True, action(data, *args))
            except Exception as error:  # noqa: BLE001  (the screen's future raises it)
                answer = (False, error)
            _answer(pipe, answer)
            gc_schedule.freeze()  # between calls, not during them: a pass over 11,000 new beads cost an edit 4 ms


def _answer(pipe: Channel, answer: tuple[bool, Any]) -> None:
    """Send an answer; one that cannot be pickled is sent as an error that says what it was."""
    try:
        pipe.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        pipe.send((False, RuntimeError(f"the database process could not send its answer: {error}")))
