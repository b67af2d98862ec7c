"""Cancel and pause of an import: one token shared by the window (or the batch) and its workers.
Qt-free.

Pause takes effect at the pipeline's checkpoints (between steps); cancel at the checkpoints and
between the chunks of an upload (:meth:`CancelToken.is_cancelled` is the client's callback).
"""

from __future__ import annotations

import threading


class JobCancelled(Exception):
    """Raised at a checkpoint when the token was cancelled."""


class CancelToken:
    """Shared by the UI thread (pause/resume/cancel) and the workers (checkpoints). Thread-safe."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._running.set()  # wake paused workers so they can stop

    def pause(self) -> None:
        if not self._cancelled.is_set():
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def is_cancelled(self) -> bool:  # a plain callable for the client's upload loop
        return self._cancelled.is_set()

    def wait_cancelled(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, woken early by a cancel; True if cancelled."""
        return self._cancelled.wait(timeout)

    def checkpoint(self) -> None:
        """Wait while paused; raise :class:`JobCancelled` if cancelled."""
        self._running.wait()
        if self._cancelled.is_set():
            raise JobCancelled()
