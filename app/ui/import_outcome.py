"""What the window says about an import's outcome: the ``importOutcome`` box under the form (what
happened to the shown document's import, with Open in Pennylane / Import anyway… / Retry), and the
sentences the queue and the status bar show for a result (:class:`ImportTexts`: a duplicate's
evidence, a failure, a stop half-way, a step, a batch's summary).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QToolButton, QWidget

from app.domain.text import format_day
from app.ui.banner import Banner
from app.ui.lazy import lazy_module
from app.ui.queue_model import DocumentRow, DocumentStatus

# The pipeline and the journal (sqlite3) are imported when first used, not at start-up.
J = lazy_module("app.jobs.journal")
P = lazy_module("app.jobs.pipeline")


class OutcomeBox(Banner):
    """Under the form: what happened to the selected document's import, and what to do next.

    Shows the row's import outcome (imported with its Pennylane id, duplicate with the evidence,
    failure with the reason, progress) with the matching actions: Open in Pennylane, Import
    anyway…, Retry. Hidden for a document that was never sent.
    """

    _TONES = {  # app/ui/colours: light or dark with the palette
        DocumentStatus.IMPORTED: "ok",
        DocumentStatus.DUPLICATE: "duplicate",
        DocumentStatus.ERROR: "error",
        DocumentStatus.IMPORTING: "info",
        DocumentStatus.READY: "warning",
        DocumentStatus.NEEDS_ATTENTION: "warning",
    }

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__("importOutcome", parent, icon=True, buttons_below=True)
        self.controller = controller
        self.row: DocumentRow | None = None
        self.text = self.label
        self.text.setObjectName("importOutcomeText")
        self.text.setTextFormat(Qt.TextFormat.AutoText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QToolButton] = {}
        for key, act in (("open", controller.open_in_pennylane_action), ("force", controller.force_action),
                         ("retry", controller.retry_action)):
            button = QToolButton(self)
            button.setDefaultAction(act)
            button.setObjectName(f"importOutcome{key.capitalize()}Button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[key] = button
            self.add_button(button)
        self.hide()

    def set_row(self, row: DocumentRow | None) -> None:
        self.row = row
        self.refresh()

    def refresh(self) -> None:
        row = self.row
        if not outcome_shown(row):
            self.hide()
            return
        self.text.setText(str(row.reason))
        self.set_tone(self._TONES.get(row.status, "busy"))
        self.buttons["open"].setVisible(row.imports.invoice_id is not None)
        self.buttons["force"].setVisible(row.status is DocumentStatus.DUPLICATE)
        self.buttons["retry"].setVisible(row.status is DocumentStatus.ERROR and row.imports.failed)
        self.show()


def outcome_shown(row: DocumentRow | None) -> bool:
    """Whether the outcome box has something to say about ``row`` (sent, or being imported)."""
    if row is None or row.reason is None:
        return False
    return row.imports.sent or row.status is DocumentStatus.IMPORTING



class ImportTexts(QObject):
    """The sentences a result leaves on its row and in the status bar (one place for each)."""

    def duplicate(self, result: P.JobResult) -> str:
        """"Duplicate of invoice #12" on the first line (the queue's column), the evidence below."""
        dup = result.duplicate
        evidence = dup.evidence[0] if dup is not None and dup.evidence else None
        if result.invoice_id is not None:
            head = self.tr("Duplicate of Pennylane invoice #%1").replace("%1", str(result.invoice_id))
        elif evidence is not None and evidence.file_name:
            head = self.tr("Duplicate of “%1”").replace("%1", evidence.file_name)
        else:
            head = self.tr("Duplicate of another document")
        lines = [head]
        if result.reason is not None:
            lines.append(str(result.reason))  # the evidence, in the person's language
        elif evidence is not None and evidence.what == "same_file":
            lines.append(self.tr("Same file already imported on %1 as invoice #%2.")
                         .replace("%1", format_day(evidence.date)).replace("%2", str(evidence.invoice_id)))
        elif evidence is not None:
            where = self.tr("in Pennylane") if evidence.source == "pennylane" else self.tr("in this app's journal")
            lines.append(self.tr("Same counterpart and invoice number %1 found %2.")
                         .replace("%1", evidence.invoice_number or "?").replace("%2", where))
        return "\n".join(lines)

    def failure(self, result: P.JobResult) -> str:
        reason = str(result.reason) if result.reason is not None else self.tr("The import failed.")
        return reason + "\n" + self.tr("Nothing is lost: the document stays in the queue; right-click → Retry.")

    def cancelled(self, result: P.JobResult | None = None) -> str:
        state = getattr(result, "state", None)
        if state in (J.IMPORTED, J.CATEGORIZED) and result.invoice_id is not None:
            return self.tr("Import stopped half-way: Pennylane already holds it as invoice #%1; import it again to "
                           "finish the checks (it is not created twice).").replace("%1", str(result.invoice_id))
        if state in (J.UPLOADED, J.IMPORTED, J.CATEGORIZED):
            return self.tr("Import stopped half-way: what was already sent is kept; import it again to finish.")
        return self.tr("Import stopped before anything was sent: import it again when you are ready.")

    def step(self, step: str) -> str:
        return {
            P.STEP_CHECK: self.tr("Checking for duplicates…"),
            P.STEP_UPLOAD: self.tr("Sending the PDF…"),
            P.STEP_IMPORT: self.tr("Creating the invoice…"),
            P.STEP_CATEGORIES: self.tr("Setting the categories…"),
            P.STEP_VERIFY: self.tr("Checking the invoice in Pennylane…"),
            P.STEP_DONE: self.tr("Done"),
        }.get(step, step)

    def finished(self, results: list[Any]) -> str:
        """A batch's summary: "Import finished: 3 imported, 1 duplicate."."""
        counts = {s: sum(1 for r in results if r.status == s) for s in P.STATUSES}

        def count(n: int, one: str, many: str) -> str:
            return one if n == 1 else many.replace("%1", str(n))

        parts = [count(counts[P.VERIFIED], self.tr("1 imported"), self.tr("%1 imported"))]
        if counts[P.DUPLICATE]:
            parts.append(count(counts[P.DUPLICATE], self.tr("1 duplicate"), self.tr("%1 duplicates")))
        if counts[P.FAILED]:
            parts.append(count(counts[P.FAILED], self.tr("1 failed (see its reason)"), self.tr("%1 failed (see their reason)")))
        if counts[P.CANCELLED]:
            parts.append(count(counts[P.CANCELLED], self.tr("1 stopped"), self.tr("%1 stopped")))
        return self.tr("Import finished: %1.").replace("%1", ", ".join(parts))
