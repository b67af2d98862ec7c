"""The pipeline's crash hook, for the tests of resumability. Qt-free.

``PENNYLANE_IMPORTER_CRASH_AT=<point>:<n>`` SIGKILLs the process the n-th time (1-based, counted
per process and per :class:`CrashHook`) the pipeline reaches ``<point>`` (one of
:data:`CRASH_POINTS`). Unset, :meth:`CrashHook.point` does nothing.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

log = logging.getLogger(__name__)

CRASH_ENV = "PENNYLANE_IMPORTER_CRASH_AT"
CRASH_POINTS = (
    "after_uploading_recorded",  # "uploading" committed, upload not sent
    "during_upload",  # the first chunk went out
    "after_upload_recorded",  # attachment id committed
    "before_import_post",  # "importing" committed, POST not sent
    "after_import_response_before_journal",  # Pennylane created the invoice; the journal does not know
    "after_import_recorded",  # invoice id committed
    "before_categories",
    "before_verify",
    "after_verify_before_journal",
)


def parse(value: str | None) -> tuple[str, int] | None:
    if not value:
        return None
    name, _, n = value.partition(":")
    return name.strip(), int(n or 1)


class CrashHook:
    """Reads :data:`CRASH_ENV` once; :meth:`point` kills the process at the chosen visit."""

    def __init__(self, value: str | None = None) -> None:
        self._crash = parse(os.environ.get(CRASH_ENV) if value is None else value)
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def point(self, name: str) -> None:
        if self._crash is None or self._crash[0] != name:
            return
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + 1
            hit = self._counts[name] == self._crash[1]
        if hit:
            log.warning("crash hook: SIGKILL at %s", name)
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
            time.sleep(10)  # pragma: no cover - the signal is asynchronous on some platforms
