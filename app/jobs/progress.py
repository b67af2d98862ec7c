"""The import pipeline's steps and its progress reporter. Qt-free.

``progress(step, fraction)``: ``step`` is one of :data:`STEPS`, ``fraction`` the whole job's,
0 → 1 (each step owns a slice of it, :data:`FRACTION`).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

from app.jobs import owners as O

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, float], None]

STEP_CHECK = "check"
STEP_UPLOAD = "upload"
STEP_IMPORT = "import"
STEP_CATEGORIES = "categories"
STEP_VERIFY = "verify"
STEP_DONE = "done"
STEPS = (STEP_CHECK, STEP_UPLOAD, STEP_IMPORT, STEP_CATEGORIES, STEP_VERIFY, STEP_DONE)
FRACTION = {STEP_CHECK: 0.0, STEP_UPLOAD: 0.05, STEP_IMPORT: 0.65, STEP_CATEGORIES: 0.8, STEP_VERIFY: 0.9, STEP_DONE: 1.0}


class Reporter:
    """Progress to the caller; also keeps the run's claim alive (``renew``, at most every minute)."""

    RENEW_EVERY = O.LEASE_SECONDS / 10

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.step = STEP_CHECK
        self.renew: Callable[[], Any] | None = None
        self._renewed = time.monotonic()

    def __call__(self, step: str, within: float) -> None:
        self.step = step
        if self.renew is not None and time.monotonic() - self._renewed > self.RENEW_EVERY:
            self._renewed = time.monotonic()
            try:
                self.renew()
            except Exception:  # noqa: BLE001 - a busy journal: the lease is long; try at the next step
                log.warning("could not renew the import claim", exc_info=True)
        if self.callback is None:
            return
        start = FRACTION[step]
        following = STEPS[STEPS.index(step) + 1] if step != STEP_DONE else STEP_DONE
        end = FRACTION[following]
        fraction = start + (end - start) * max(0.0, min(1.0, within))
        try:
            self.callback(step, fraction)
        except Exception:  # noqa: BLE001 - a broken progress bar must not break an import
            log.exception("progress callback failed")
