"""A batch's progress in the status bar: the bar ``batchProgress`` ("3 / 10 imported · 42 %",
paused, stopping, waiting batches), the pause/resume/stop buttons beside it, and — polled while a
batch runs — whether it waits for Pennylane's rate limit, said on the importing rows and in the
status bar (a batch otherwise seems frozen for seconds)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressBar, QStatusBar, QToolButton

from app.ui.queue_model import DocumentStatus


def _decimal_text(value: float) -> str:
    """``2.5`` as the person's language writes it (``2,5`` in French)."""
    from app.domain.text import current_language

    text = f"{value:g}"
    return text.replace(".", ",") if current_language() == "fr" else text


class BatchProgress(QObject):
    """The status bar's part of an :class:`~app.ui.import_batch.ImportBatch`: its run, its rows and
    those waiting for it."""

    RATE_WAIT_SHOWN = 0.5  # seconds: shorter waits are not worth a word

    def __init__(self, batch: Any, status: QStatusBar, actions: list[QAction]) -> None:
        super().__init__(batch)
        self.batch = batch
        self.bar = QProgressBar(status)
        self.bar.setObjectName("batchProgress")
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(260)
        self.bar.setMinimumWidth(180)
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.buttons: list[QToolButton] = []
        status.addPermanentWidget(self.bar)
        for act in actions:
            button = QToolButton(status)
            button.setDefaultAction(act)
            button.setAutoRaise(True)
            button.setObjectName(act.objectName().replace("Action", "Button"))
            status.addPermanentWidget(button)
            self.buttons.append(button)
        self.last: Any = None  # the run's last BatchProgress
        # While a batch runs: is it waiting for Pennylane's rate limit? (polled; the limiter is
        # thread-safe and answers without I/O)
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(250)
        self._wait_timer.timeout.connect(self._check_rate_limit)
        self._rate_waiting = False
        self.show(False)

    def show(self, visible: bool) -> None:
        if visible:
            self._wait_timer.start()
        else:
            self._wait_timer.stop()
            self._rate_waiting = False
        self.bar.setVisible(visible)
        self.show_buttons(visible)

    def show_buttons(self, running: bool) -> None:
        """The pause/resume/stop buttons while a batch runs, as their actions are visible."""
        for button in self.buttons:
            button.setVisible(running and button.defaultAction().isVisible())

    def start(self) -> None:
        self.bar.setValue(0)
        self.last = None
        self.update_text()

    def set_progress(self, progress: Any) -> None:
        self.last = progress
        self.bar.setValue(int(progress.fraction * 1000))
        self.update_text()

    def update_text(self) -> None:
        b = self.batch
        total = len(b.rows)
        done = self.last.finished if self.last is not None else 0
        percent = int(self.bar.value() / 10)
        text = self.tr("%1 / %2 imported · %3 %").replace("%1", str(done)).replace("%2", str(total)).replace("%3", str(percent))
        if b.running and b.run.cancelled:
            text = self.tr("Stopping… %1 / %2").replace("%1", str(done)).replace("%2", str(total))
        elif b.running and b.run.paused:
            text = self.tr("Paused · %1 / %2").replace("%1", str(done)).replace("%2", str(total))
        if b.waiting:
            text += self.tr(" (+%1 waiting)").replace("%1", str(len(b.waiting)))
        self.bar.setFormat(text)
        self.bar.setToolTip(text)

    def _check_rate_limit(self) -> None:
        """Say on the rows being imported and in the status bar that the imports wait for
        Pennylane's rate limit, and for how long."""
        b, c = self.batch, self.batch.controller
        if not b.running or b.run.paused:
            return
        client = getattr(c.stores.pipeline_in_use, "client", None)
        limiter = getattr(client, "last_limiter", None)
        wait = limiter.wait_time() if limiter is not None else 0.0
        active = [r for r in b.rows if r.status is DocumentStatus.IMPORTING and r.progress is not None and r in c.model]
        if wait >= self.RATE_WAIT_SHOWN and active:
            seconds = max(1, round(wait))
            text = self.tr("Waiting for Pennylane's rate limit (%1 requests per %2 s): resuming in %3 s") \
                .replace("%1", str(limiter.limit)).replace("%2", _decimal_text(limiter.window)).replace("%3", str(seconds))
            for row in active:
                row.imports.waiting = text
                row.reason = text
            c.model.rows_changed(active)
            c.message.emit(text)
            self._rate_waiting = True
        elif self._rate_waiting:
            self._rate_waiting = False
            for row in active:
                row.imports.waiting = None
            c.message.emit(self.tr("Importing…"))
