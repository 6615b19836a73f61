"""A time limit on the analysis of one article, for worker threads that cannot use signals.

Owns: :func:`deadline`, which raises :class:`TimeLimit` in the calling thread once ``seconds``
have passed inside the ``with`` block. Dask runs tasks in worker threads, where ``signal.alarm``
is unavailable, so a watchdog thread raises the exception asynchronously in the task's thread
(``PyThreadState_SetAsyncExc``). The exception arrives at the next Python bytecode: it stops the
extractors (Python code, where the unbounded costs live), not a call stuck inside C code.
Must not: be used around code whose state an exception at any line could corrupt beyond the
block (here: one article's extraction, whose partial results are thrown away).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimit(Exception):  # noqa: N818 - it is not an error of the code, it is the limit reached
    """Raised inside a :func:`deadline` block whose time ran out."""


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Run the block with a time limit (no limit when ``seconds`` <= 0)."""
    if seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True}
    finished = threading.Event()

    def watch() -> None:
        if finished.wait(seconds):
            return
        with lock:
            if state["armed"]:
                _set_async_exc(target, ctypes.py_object(TimeLimit))

    watchdog = threading.Thread(target=watch, name="communique-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
        finished.set()
        watchdog.join()
        # An exception raised by the watchdog just as the block ended may still be pending:
        # clear it, so it cannot go off outside the block.
        _set_async_exc(target, ctypes.py_object())
