"""Keeping the database warm between requests without keeping an ingest out.

Owns: :class:`Reader`, the lease on one read-only handle that the server's requests share.
Must not: run queries (each request opens its own connection, see ``app.reading``).

Why. DuckDB lets one process write a file or several read it, never both. A handle opened per
request is always cold: DuckDB reads the catalogue and every block a query needs again, which
made a request on a 10,000-article database 2 to 4 times slower than the same query on an open
handle. Within one process, a connection to a file that is already open shares that open
database and its cache. So the reader keeps one handle (the anchor) open while requests come,
and each request connects beside it (cheap, warm, its own connection for its own thread).

The lease. The anchor is released when no request has used it for ``idle`` seconds, and at the
latest ``hold`` seconds after it was opened (once the requests using it finish); after that
forced release, no request reopens it for ``pause`` seconds, longer than the longest pause
between an ingest's tries to take the file (``store.database``: 0.5 s), so a waiting writer
always gets its turn; the requests of that moment wait for it, then read its committed batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..store import Database

HOLD_S = 20.0
IDLE_S = 0.5
PAUSE_S = 0.6


class Reader:
    """A shared, time-limited read-only handle on ``path`` (see the module docstring)."""

    def __init__(self, path: str, wait: float, *, hold: float = HOLD_S, idle: float = IDLE_S,
                 pause: float = PAUSE_S) -> None:
        self.path, self.wait = path, wait
        self.hold, self.idle, self.pause = hold, idle, pause
        self._anchor: Database | None = None
        self._opened = 0.0
        self._released = float("-inf")  # when the last forced release happened
        self._users = 0
        self._last_used = 0.0
        self._state = threading.Condition()
        self._idle_timer: threading.Timer | None = None

    def _expired(self, now: float) -> bool:
        return self._anchor is not None and now - self._opened >= self.hold

    def _release(self, forced: bool) -> None:
        assert self._anchor is not None and self._users == 0
        self._anchor.close()
        self._anchor = None
        if forced:
            self._released = time.monotonic()
        self._state.notify_all()

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep the anchor open for the duration of one request (opening it if need be)."""
        with self._state:
            while True:
                now = time.monotonic()
                if self._expired(now):
                    if self._users == 0:
                        self._release(forced=True)
                    else:
                        self._state.wait(0.05)  # the requests on the old lease finish first
                    continue
                if self._anchor is None:
                    left = self._released + self.pause - now
                    if left > 0:
                        self._state.wait(left)  # a writer's turn
                        continue
                    self._anchor = Database(self.path, read_only=True, wait=self.wait)
                    self._opened = time.monotonic()
                break
            self._users += 1
        try:
            yield
        finally:
            with self._state:
                self._users -= 1
                self._last_used = time.monotonic()
                if self._users == 0:
                    if self._expired(self._last_used):
                        self._release(forced=True)
                    else:
                        self._schedule_idle_release()
                self._state.notify_all()

    def _schedule_idle_release(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._idle_timer = threading.Timer(self.idle, self._release_if_idle)
        self._idle_timer.daemon = True
        self._idle_timer.start()

    def _release_if_idle(self) -> None:
        with self._state:
            if self._anchor is not None and self._users == 0 and time.monotonic() - self._last_used >= self.idle * 0.9:
                self._release(forced=False)

    def close(self) -> None:
        """Release the anchor now (the app is shutting down)."""
        with self._state:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            if self._anchor is not None and self._users == 0:
                self._release(forced=False)
