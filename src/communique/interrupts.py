"""Ctrl-C that a library swallowed on its way up.

Owns: remembering that SIGINT arrived while a long job (an ingest) runs, so that the job stops
even when the KeyboardInterrupt was turned into something else before it reached us. DuckDB
checks for signals inside a query and reports one as ``RuntimeError: Query interrupted`` or,
inside a scan of an Arrow table (how the store inserts a batch), as an ``InvalidInputException``
("reading the schema", "exporting a stream"): a ``duckdb.Error``, which the store takes for a bad
row and retries article by article. The retry succeeded, the interrupt was lost, and a Ctrl-C
pressed during a commit let the ingest run on to the end and exit 0.
Must not: install anything outside :func:`noticing_ctrl_c`, or act off the main thread (only it
receives Python signal handlers).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pressed = threading.Event()


@contextmanager
def noticing_ctrl_c() -> Iterator[None]:
    """Within this block, Ctrl-C raises KeyboardInterrupt as usual and is also remembered, so
    :func:`stop_if_pressed` raises it again where a library swallowed it. A process that
    ignores SIGINT (a pool worker) keeps ignoring it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        yield
        return

    def remember(signum: int, frame: object) -> None:
        _pressed.set()
        if callable(previous):
            previous(signum, frame)  # Python's own handler raises KeyboardInterrupt
        else:
            raise KeyboardInterrupt  # SIG_DFL, or a handler installed outside Python

    _pressed.clear()
    signal.signal(signal.SIGINT, remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _pressed.clear()


def stop_if_pressed() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed inside :func:`noticing_ctrl_c` (whatever
    became of the first one)."""
    if _pressed.is_set():
        raise KeyboardInterrupt
