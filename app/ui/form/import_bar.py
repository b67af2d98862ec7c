"""Under the form: ``importHint`` (what stands before an import, or the first warning, or why the
document cannot be imported now), the ``importButton`` (Import into Pennylane, or Save changes in
edit mode) and, for an imported invoice, ``editImportedButton`` (Edit in Pennylane…).

Whether the invoice is ready is :func:`app.jobs.prepare.prepare`'s answer; :meth:`ImportBar.show_readiness`
only says it, with what the form's widgets cannot read yet (a half-typed amount)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.text import after_colon
from app.ui.form.widgets import FindingLabel, severity_name


class ImportBar(QObject):
    def __init__(self, import_action: QAction, parent: QWidget) -> None:
        """The widgets are children of ``parent`` (the form lays them out); ``import_action`` is
        the window's Ctrl+Enter, enabled with the button."""
        super().__init__(parent)
        self.action = import_action
        self.hint = FindingLabel(parent, "importHint")
        self.button = QPushButton(self.tr("I&mport into Pennylane"), parent)
        self.button.setObjectName("importButton")
        self.button.setDefault(False)
        self.button.setEnabled(False)
        self.button.setMinimumHeight(self.button.sizeHint().height() + 6)
        self.edit_imported_button = QPushButton(self.tr("&Edit in Pennylane…"), parent)
        self.edit_imported_button.setObjectName("editImportedButton")
        self.edit_imported_button.setToolTip(self.tr("This invoice is in Pennylane: open it in edit mode to change it there"))
        self.edit_imported_button.hide()

    def widgets(self) -> list[QWidget]:
        return [self.hint, self.button, self.edit_imported_button]

    def set_editing(self, editing: bool) -> None:
        """Edit mode: the same button saves the changes (never an import)."""
        self.button.setText(self.tr("&Save changes") if editing else self.tr("I&mport into Pennylane"))
        self.action.setText(self.tr("Save changes") if editing else self.tr("Import into Pennylane"))

    def disable(self) -> None:
        """Nothing to import (the form shows its placeholder)."""
        self.button.setEnabled(False)
        self.action.setEnabled(False)
        self.hint.clear()

    def not_importable(self, row: Any) -> tuple[str, str] | None:
        """(severity, why) when the row's status forbids an import now — imported, a duplicate,
        being imported — or None."""
        status = getattr(getattr(row, "status", None), "value", None)
        imports = getattr(row, "imports", None)
        invoice_id = getattr(imports, "invoice_id", None)
        if status == "imported":
            if invoice_id is None:
                return "ok", self.tr("This document is already in Pennylane.")
            return "ok", self.tr("This document is already in Pennylane (invoice #%1).").replace("%1", str(invoice_id))
        if status == "duplicate":
            reason = getattr(row, "reason", None)
            text = self.tr("Already imported: %1 To import it again all the same, use “Import anyway…” in the "
                           "queue's context menu.").replace("%1", str(reason) if reason else "")
            return "warning", text
        if status == "importing":
            return "info", self.tr("Being imported…")
        return None

    def show_readiness(self, prepared: Any, findings: list[Any], blocking: list[str], row: Any, editing: bool) -> None:
        """Enable Import or say why not. ``blocking``: what the widgets cannot turn into a value yet."""
        from app.jobs.prepare import P_ROUTE

        # Readiness is prepare()'s (the findings are its own, shown one by one); what the widgets
        # cannot turn into a value yet (a half-typed amount) blocks too.
        errors = [str(f.message) for f in findings if severity_name(f.severity) == "error"]
        errors += [str(p.text) for p in prepared.problems if p.code == P_ROUTE] + blocking
        not_now = None if editing else self.not_importable(row)
        ok = prepared.ready and not blocking and row is not None and not_now is None
        self.button.setEnabled(ok)
        self.action.setEnabled(ok)
        self.hint.setToolTip("")
        if not_now:  # imported, a duplicate, being imported: a fact, not an error
            severity, text = not_now
            self.hint.set_message(severity, text)
            self.button.setToolTip(text)
            self.button.setAccessibleDescription(text)
        elif errors:
            # the rest in this message's own tooltip: the Import button is disabled, its tooltip unreachable
            more = self.tr("(and %1 more: point at this message)").replace("%1", str(len(errors) - 1)) if len(errors) > 1 else ""
            before = self.tr("Before saving:") if editing else self.tr("Before importing:")
            self.hint.set_message("error", f"{before} {after_colon(errors[0])} {more}".strip())
            self.hint.setToolTip("\n".join(f"• {e}" for e in errors))
            self.button.setToolTip("\n".join(f"• {e}" for e in errors))
            self.button.setAccessibleDescription(self.hint.message())
        else:
            warnings = [str(w.text) for w in prepared.warnings if w.field != "kind" and w.code != "iban_changed"]
            warnings += [str(f.message) for f in findings if severity_name(f.severity) == "warning"]
            if warnings:
                self.hint.set_message("warning", warnings[0])
            else:
                self.hint.clear()
            self.button.setToolTip(self.tr("Send the changes to Pennylane (Ctrl+Enter)") if editing
                                   else self.tr("Import this invoice into Pennylane (Ctrl+Enter)"))
            self.button.setAccessibleDescription("")
