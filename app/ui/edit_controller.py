"""Editing an invoice already in Pennylane from the window (issue 8).

:class:`EditController` wraps the invoice form (:class:`~app.ui.form_panel.InvoiceFormPanel`)
in an *editing mode*; the Qt-free work is :mod:`app.jobs.editing`.

- Action ``openImportedAction`` — "Open an imported invoice…" (**Ctrl+Shift+E**: Ctrl+Shift+O is
  already "Add folder") opens :class:`~app.ui.open_invoice_dialog.OpenInvoiceDialog` (by Pennylane
  id or by invoice number, supplier or customer). :meth:`EditController.open_invoice` (kind, id)
  is the hook for other panels (the history dialog's "Edit" action).
- Loading (GET invoice + lines) runs through :func:`app.ui.tasks.run_task`; so do the PDF
  download (into the cache directory; ``public_file_url`` expires after 30 minutes, a stale one is
  refreshed first) and the save.
- In editing mode the form shows the banner ``editBanner`` ("Editing supplier invoice F-12
  (#456)") with "Close" (and "Reload" after a conflict); the form's **Import button keeps its
  objectName ``importButton``** and becomes "Save changes": the form emits ``save_requested``
  instead of ``import_requested`` (an edited invoice can never be imported a second time) and the
  button keeps the form's live gating by the balance rules. Type and credit-note switches are
  locked; analytic categories are saved by their own endpoint after the invoice; the header label is read-only for a
  customer invoice (``update_imported`` has no label). The lines show their accounting period.
- Two groups are added under the totals: ``transactionReferenceBox`` (banking provider, field
  name, field value, with what it does) and ``eurAmountsBox`` (only for an invoice not in euros).
- Saving: balance rules, freshness check (``updated_at``), PUT, journal — see
  :func:`app.jobs.editing.save_edit`. A conflict shows its sentence and a "Reload" button; a
  success says "Changes saved" and reloads the invoice.
- Selecting a document of the queue leaves editing mode.
- Unsaved changes are never dropped silently: selecting another document of the queue, opening
  another invoice, the banner's "Close" and closing the window ask first (:meth:`EditController.confirm_leave`,
  ``unsavedChangesDialog``: Save / Don't save / Cancel) — only when the form differs from what
  was loaded (:func:`app.jobs.editing.edit_body` is not empty). Cancel keeps the person where they
  were (the queue's selection goes back); Save runs the save in the worker and goes on only once
  it succeeded.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.banner import Banner
from app.ui.keys import key_text
from app.ui.tasks import run_task

log = logging.getLogger(__name__)

OPEN_SHORTCUT = "Ctrl+Shift+E"


def _save_job(client: Any, journal_path: Any, company_id: Any, before: Any, edit: Any) -> Any:
    """Worker: open the journal, save, close it (SQLite stays off the GUI thread)."""
    from app.jobs.editing import save_edit
    from app.jobs.journal import Journal

    journal = None
    try:
        journal = Journal(journal_path)
    except Exception:  # noqa: BLE001 — the edit matters more than its trace; said in the result
        log.exception("cannot open the journal to record an edit")
    try:
        return save_edit(client, journal, company_id, before, edit)
    finally:
        if journal is not None:
            journal.close()


def _cache_dir() -> Path:
    from app.config import app_dirs

    return app_dirs().cache / "invoices"


class EditBanner(Banner):
    """``editBanner``: what is being edited, the last outcome, Reload / Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("editBanner", parent, title=True)
        self.message = self.label
        self.message.setObjectName("editBannerMessage")
        self.message.hide()
        self.reload_button = QPushButton(self.tr("&Reload"), self)
        self.reload_button.setObjectName("reloadEditButton")
        self.reload_button.setToolTip(self.tr("Load the invoice again from Pennylane (your unsaved changes are lost)"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeEditButton")
        self.close_button.setToolTip(self.tr("Stop editing this invoice"))
        self.add_button(self.reload_button)
        self.add_button(self.close_button)
        self.set_state("info")

    def set_state(self, state: str, message: str = "") -> None:
        self.set_tone(state)
        self.state = state
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.setAccessibleDescription(message)


class EditController(QObject):
    """See the module docstring. ``message(str)`` goes to the status bar."""

    message = Signal(str)
    loaded = Signal(object)  # LoadedInvoice, once shown
    open_failed = Signal(int, str)  # invoice id, why it could not be opened (whole: History shows it itself)
    saved = Signal(object)  # EditResult

    def __init__(self, window: Any, session: Any, form_panel: Any, preview_panel: Any = None,
                 queue_panel: Any = None, *, journal_path: str | Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.form = form_panel
        self.preview = preview_panel
        self.journal_path = journal_path
        self.loaded_invoice: Any = None  # app.jobs.editing.LoadedInvoice
        self.row: Any = None  # the DocumentRow the form edits
        self.busy = False
        self._ticket = 0
        self._dialog: Any = None
        self._widgets_built = False
        self._pending_message: tuple[str, str] | None = None
        self._splitter_sizes: list[int] | None = None
        self._after_save: Callable[[], None] | None = None  # what to do once a save asked for by confirm_leave succeeded
        self.queue = queue_panel

        self.open_action = QAction(self.tr("Open an imported &invoice…"), window)
        self.open_action.setObjectName("openImportedAction")
        self.open_action.setShortcut(QKeySequence(OPEN_SHORTCUT))
        self.open_action.setToolTip(self.tr("Open an invoice already in Pennylane to correct it (%1)").replace(
            "%1", key_text(OPEN_SHORTCUT)))
        self.open_action.triggered.connect(self.open_dialog)
        if isinstance(window, QWidget):
            window.addAction(self.open_action)

        self.banner = EditBanner(self.form)
        self.banner.hide()
        self.banner.reload_button.clicked.connect(self.reload)
        self.banner.close_button.clicked.connect(self.request_close)
        self.form.place("edit_banner", self.banner)
        self.form.save_requested.connect(self.save)
        if queue_panel is not None and hasattr(queue_panel, "current_changed"):
            queue_panel.current_changed.connect(self._queue_row_selected)
        if queue_panel is not None and hasattr(queue_panel, "leave_guard"):
            queue_panel.leave_guard = self._may_select_row

    # ------------------------------------------------------------------------------------------
    @property
    def editing(self) -> bool:
        return self.loaded_invoice is not None

    def _client(self) -> Any:
        return getattr(self.session, "client", None)

    def _company_id(self) -> Any:
        return getattr(getattr(self.session, "company", None), "id", None)

    def open_dialog(self) -> None:
        from app.ui.open_invoice_dialog import OpenInvoiceDialog

        kind = self.loaded_invoice.kind if self.loaded_invoice is not None else "supplier"
        dialog = OpenInvoiceDialog(self.session, self.window if isinstance(self.window, QWidget) else None, kind)
        dialog.chosen.connect(self.open_invoice)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def open_invoice(self, kind: str, invoice_id: int) -> None:
        """Load invoice ``invoice_id`` of ``kind`` ("supplier"/"customer") and show it for editing
        (after asking about the unsaved changes of the invoice being edited, if any)."""
        if self.confirm_leave(lambda: self._open(kind, invoice_id)):
            self._open(kind, invoice_id)

    def _open(self, kind: str, invoice_id: int) -> None:
        client = self._client()
        if client is None:
            text = self.tr("Not connected to Pennylane: sign in first.")
            self.message.emit(text)
            self.open_failed.emit(int(invoice_id), text)
            return
        from app.jobs.editing import load_invoice

        self._ticket += 1
        ticket = self._ticket
        self.busy = True
        if self.editing:
            self.banner.set_state("busy", self.tr("Loading…"))
        self.message.emit(self.tr("Loading invoice #%1 from Pennylane…").replace("%1", str(invoice_id)))
        run_task(load_invoice, client, kind, int(invoice_id),
                 on_result=lambda loaded: self._loaded(ticket, loaded),
                 on_error=lambda exc: self._load_failed(ticket, kind, invoice_id, exc), context=self)

    def reload(self) -> None:
        if self.loaded_invoice is not None:
            self._open(self.loaded_invoice.kind, self.loaded_invoice.invoice_id)

    def request_close(self) -> None:
        """The banner's "Close": leave editing mode, asking first when there are unsaved changes."""
        if self.confirm_leave(lambda: None):
            self.close_edit()

    def close_edit(self) -> None:
        """Leave editing mode (unsaved changes are dropped: :meth:`request_close` asks first)."""
        self._ticket += 1
        self._after_save = None
        self.loaded_invoice = None
        self.row = None
        self.banner.hide()
        self._widen_form(False)
        if self._widgets_built:
            self.extra_box.hide()
        # back to what the queue has selected (or nothing): the form, the preview and the import
        # boxes show that row again, and the status bar no longer says "Editing …"
        selected = getattr(self.queue, "current_row", None)
        was_editing = getattr(self.form, "editing", False)
        if was_editing:
            self.form.set_editing(False)
        if was_editing or (self.form.row is not None and getattr(self.form.row, "edit", None) is not None):
            self.form.set_document(selected)
        if self.preview is not None and getattr(self.preview, "_row", None) is not None and \
                getattr(self.preview._row, "edit", None) is not None:
            self.preview.show_document(selected)
        if was_editing:
            self.message.emit("")

    # ------------------------------------------------------------------------------------------
    # unsaved changes
    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the invoice as loaded (what a save would send is not empty)."""
        if self.loaded_invoice is None or not self._widgets_built or self.row is None or self.form.row is not self.row:
            return False
        from app.jobs.editing import has_changes

        try:
            return has_changes(self.loaded_invoice, self.current_edit())
        except Exception:  # noqa: BLE001 — a change the API cannot take is still a change
            return True

    def confirm_leave(self, proceed: Callable[[], None]) -> bool:
        """Before the invoice being edited is left: True to go on now (nothing would be lost, or the
        person chose "Don't save"); False to stay — Cancel, or Save: then ``proceed`` runs (after
        leaving editing mode) once the save succeeded, and not at all if it failed."""
        if not self.has_unsaved_changes():
            return True
        if self.busy:
            self.message.emit(self.tr("Wait until the invoice is saved or loaded."))
            return False
        choice = self.ask_unsaved()
        if choice == "discard":
            return True
        if choice == "save":
            self._after_save = proceed
            self.save()
            if not self.busy:  # the save could not start (not connected): said in the banner
                self._after_save = None
        return False

    def ask_unsaved(self) -> str:
        """"save" | "discard" | "cancel", from ``unsavedChangesDialog`` (tests monkeypatch ``QMessageBox.exec``)."""
        draft = self.loaded_invoice.draft
        number, invoice_id = draft.invoice_number, str(self.loaded_invoice.invoice_id)
        if draft.credit_note:
            text = (self.tr("Save the changes to credit note %1 (#%2)?") if number
                    else self.tr("Save the changes to credit note #%2?"))
        else:
            text = (self.tr("Save the changes to invoice %1 (#%2)?") if number
                    else self.tr("Save the changes to invoice #%2?"))
        text = text.replace("%2", invoice_id).replace("%1", number or "")
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"), text,
                          buttons.Save | buttons.Discard | buttons.Cancel,
                          self.window if isinstance(self.window, QWidget) else None)
        box.setObjectName("unsavedChangesDialog")
        box.setInformativeText(self.tr("If you don't save, your changes are lost."))
        box.button(buttons.Save).setText(self.tr("&Save"))
        box.button(buttons.Discard).setText(self.tr("Do&n't save"))
        box.button(buttons.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        result = box.exec()
        clicked = box.clickedButton()
        if clicked is not None:
            result = box.standardButton(clicked)
        value = getattr(result, "value", result)
        if value == buttons.Save.value:
            return "save"
        if value == buttons.Discard.value:
            return "discard"
        return "cancel"

    def _may_select_row(self, row: Any) -> bool:
        """The queue's ``leave_guard``: False keeps the selection (put back, then asked, next turn of the loop)."""
        if row is None or not self.has_unsaved_changes():
            return True
        QTimer.singleShot(0, lambda: self._ask_before_row(row))
        return False

    def _ask_before_row(self, row: Any) -> None:
        queue = self.queue
        queue.restore_selection()  # back to where the person was while they decide
        if self.confirm_leave(lambda: queue.select(row)):
            self.close_edit()
            queue.select(row)

    def _queue_row_selected(self, row: Any) -> None:
        if self.editing and row is not None:
            self.close_edit()
            self.form.set_document(row)

    # ------------------------------------------------------------------------------------------
    # showing
    def _loaded(self, ticket: int, loaded: Any) -> None:
        if ticket != self._ticket:
            return
        from app.jobs.document import DocumentRow, DocumentStatus, FormState

        self.busy = False
        self.loaded_invoice = loaded
        draft = loaded.draft.model_copy(deep=True)
        reference = getattr(self.session, "reference_data", None)
        if reference is not None and draft.counterpart_id is not None:
            found = reference.counterpart(loaded.kind, draft.counterpart_id)
            draft.counterpart_name = getattr(found, "name", None)
        self.row = DocumentRow(
            path=_cache_dir() / f"{loaded.kind}-{loaded.invoice_id}.pdf",
            name=loaded.filename or "",
            status=DocumentStatus.READY,
            draft=draft,
            edit=loaded,
            form=FormState(kind_decided=loaded.kind, matched_kind=loaded.kind, counterpart_decided=True),
        )
        self.form.set_editing(True)
        self._build_widgets()
        self.form.set_document(self.row)
        self.form.label_edit.setReadOnly(loaded.kind == "customer")
        self.form.label_edit.setToolTip(
            self.tr("Pennylane cannot change the label of a customer invoice through its API")
            if loaded.kind == "customer" else "")
        self._fill_extra(loaded)
        title = loaded.title()
        self.banner.title.setText(self.tr("Editing %1").replace("%1", str(title)))
        state, text = self._pending_message or ("info", "")
        self._pending_message = None
        self.banner.set_state(state, text)
        self.banner.reload_button.setVisible(state == "error")
        self.banner.show()
        self._widen_form(True)
        self.message.emit(self.tr("Editing %1").replace("%1", str(title)))
        self._show_pdf(ticket, loaded)
        self.loaded.emit(loaded)

    def _widen_form(self, on: bool) -> None:
        """While editing, the (unused) queue gives room to the form: the lines show two more columns."""
        from PySide6.QtWidgets import QSplitter

        splitter = self.window.findChild(QSplitter, "mainSplitter") if isinstance(self.window, QWidget) else None
        if splitter is None or splitter.count() < 3:
            return
        if on and self._splitter_sizes is None:
            sizes = splitter.sizes()
            give = max(0, sizes[0] - 190)
            if give:
                self._splitter_sizes = sizes
                splitter.setSizes([sizes[0] - give, sizes[1], sizes[2] + give, *sizes[3:]])
        elif not on and self._splitter_sizes is not None:
            splitter.setSizes(self._splitter_sizes)
            self._splitter_sizes = None

    def _load_failed(self, ticket: int, kind: str, invoice_id: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        from app.domain.text import error_text

        self.busy = False
        text = str(error_text(exc))
        if self.editing:
            self.banner.set_state("error", text)
            self.banner.reload_button.show()
        message = self.tr("Invoice #%1 could not be loaded: %2").replace("%1", str(invoice_id)).replace("%2", text)
        self.message.emit(message)
        self.open_failed.emit(int(invoice_id), message)

    def _show_pdf(self, ticket: int, loaded: Any) -> None:
        if self.preview is None:
            return
        if not loaded.public_file_url and not loaded.filename:
            self.preview.show_document(None)
            return
        from app.jobs.editing import fetch_file

        run_task(fetch_file, self._client(), loaded, _cache_dir(),
                 on_result=lambda path: self._pdf_ready(ticket, path),
                 on_error=lambda exc: self._pdf_failed(ticket, exc), context=self)

    def _pdf_ready(self, ticket: int, path: Any) -> None:
        if ticket != self._ticket or self.row is None:
            return
        if path is None:
            self.preview.show_document(None)
            return
        self.row.path = Path(path)
        self.preview.show_document(self.row)

    def _pdf_failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        # not str(exc): an httpx error names the file's signed public address, which is not to be shown or logged
        from app.domain.text import error_text

        log.warning("cannot download the invoice's PDF: %s", type(exc).__name__)
        self.message.emit(self.tr("The invoice's PDF could not be downloaded from Pennylane (%1).")
                          .replace("%1", str(error_text(exc))))

    # ------------------------------------------------------------------------------------------
    # the extra fields: transaction reference, EUR amounts
    def _build_widgets(self) -> None:
        if self._widgets_built:
            return
        self._widgets_built = True
        from app.ui.form.widgets import AmountEdit

        body = self.form.body
        self.extra_box = QWidget(body)
        self.extra_box.setObjectName("editExtraFields")
        outer = QVBoxLayout(self.extra_box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)

        self.eur_box = QGroupBox(self.tr("Amounts in euros"), self.extra_box)
        self.eur_box.setObjectName("eurAmountsBox")
        eur_form = QFormLayout(self.eur_box)
        eur_note = QLabel(self.tr("The invoice is in another currency: Pennylane books it in euros. "
                                  "Left as they are, these follow the currency amounts at the invoice's exchange rate."),
                          self.eur_box)
        eur_note.setWordWrap(True)
        self.amount_eur_edit = AmountEdit(self.eur_box)
        self.amount_eur_edit.setObjectName("amountEurEdit")
        self.tax_eur_edit = AmountEdit(self.eur_box)
        self.tax_eur_edit.setObjectName("taxEurEdit")
        eur_form.addRow(eur_note)
        eur_form.addRow(self.tr("Total incl. tax (EUR):"), self.amount_eur_edit)
        eur_form.addRow(self.tr("VAT (EUR):"), self.tax_eur_edit)
        self.amount_eur_edit.setAccessibleName(self.tr("Total incl. tax in euros"))
        self.tax_eur_edit.setAccessibleName(self.tr("VAT in euros"))

        self.reference_box = QGroupBox(self.tr("Transaction reference"), self.extra_box)
        self.reference_box.setObjectName("transactionReferenceBox")
        ref_form = QFormLayout(self.reference_box)
        explain = QLabel(self.tr(
            "Tells Pennylane which bank transaction to match this invoice with: the transaction of the "
            "banking provider below whose field has this value (for example the transaction whose label "
            "contains the invoice number). Leave empty to let Pennylane match it as usual."), self.reference_box)
        explain.setObjectName("transactionReferenceHelp")
        explain.setWordWrap(True)
        self.provider_edit = QLineEdit(self.reference_box)
        self.provider_edit.setObjectName("bankingProviderEdit")
        self.provider_edit.setPlaceholderText(self.tr("e.g. bank"))
        self.field_name_edit = QLineEdit(self.reference_box)
        self.field_name_edit.setObjectName("providerFieldNameEdit")
        self.field_name_edit.setPlaceholderText(self.tr("e.g. label"))
        self.field_value_edit = QLineEdit(self.reference_box)
        self.field_value_edit.setObjectName("providerFieldValueEdit")
        self.field_value_edit.setPlaceholderText(self.tr("e.g. VIR F-2025-001"))
        ref_form.addRow(explain)
        for text, edit in ((self.tr("Banking &provider:"), self.provider_edit),
                           (self.tr("Field &name:"), self.field_name_edit),
                           (self.tr("Field &value:"), self.field_value_edit)):
            label = QLabel(text, self.reference_box)
            label.setBuddy(edit)
            edit.setAccessibleName(text.replace("&", "").rstrip(" :"))
            ref_form.addRow(label, edit)
        outer.addWidget(self.eur_box)
        outer.addWidget(self.reference_box)

        self.form.place("edit_extra", self.extra_box)
        self.form.currency_combo.currentTextChanged.connect(self._currency_changed)

    def _fill_extra(self, loaded: Any) -> None:
        ref = loaded.transaction_reference
        self.provider_edit.setText(ref.banking_provider if ref else "")
        self.field_name_edit.setText(ref.provider_field_name if ref else "")
        self.field_value_edit.setText(ref.provider_field_value if ref else "")
        self.amount_eur_edit.set_value(loaded.amount_eur)
        self.tax_eur_edit.set_value(loaded.tax_eur)
        self.extra_box.show()
        self._currency_changed(loaded.draft.currency)

    def _currency_changed(self, currency: str) -> None:
        if self._widgets_built:
            self.eur_box.setVisible(self.editing and currency != "EUR")

    def current_edit(self) -> Any:
        """The :class:`~app.jobs.editing.InvoiceEdit` the form and the extra fields describe."""
        from app.jobs.editing import InvoiceEdit, TransactionReference

        parts = [w.text().strip() for w in (self.provider_edit, self.field_name_edit, self.field_value_edit)]
        ref = TransactionReference(*parts) if any(parts) else None
        loaded = self.loaded_invoice
        eur = self.form.draft.currency != "EUR"
        amount_eur = self.amount_eur_edit.value() if eur else None
        tax_eur = self.tax_eur_edit.value() if eur else None
        return InvoiceEdit(self.form.draft, ref,
                           amount_eur if eur else loaded.amount_eur, tax_eur if eur else loaded.tax_eur)

    # ------------------------------------------------------------------------------------------
    # saving
    def save(self, row: Any = None, draft: Any = None) -> None:
        if self.loaded_invoice is None or self.busy:
            return
        client = self._client()
        if client is None:
            self.banner.set_state("error", self.tr("Not connected to Pennylane: sign in first."))
            return
        self.busy = True
        self.form.import_button.setEnabled(False)
        self.banner.set_state("busy", self.tr("Saving…"))
        self.banner.reload_button.hide()
        self._ticket += 1
        ticket = self._ticket
        before, edit = self.loaded_invoice, self.current_edit()
        run_task(_save_job, client, self.journal_path, self._company_id(), before, edit,
                 on_result=lambda result: self._saved(ticket, result),
                 on_error=lambda exc: self._save_failed(ticket, exc), context=self)

    def _saved(self, ticket: int, result: Any) -> None:
        if ticket != self._ticket:
            return
        self.busy = False
        self.saved.emit(result)
        then, self._after_save = self._after_save, None
        if then is not None:  # saved on the way out (confirm_leave): leave editing mode, then go on
            text = self.tr("Changes saved") if result.sent else self.tr("Nothing to save: the invoice is as in Pennylane.")
            if result.journal_error:
                text += " " + self.tr("(they could not be written to the history: %1)").replace("%1", result.journal_error)
            self.message.emit(text)
            self.close_edit()
            then()
            return
        if not result.sent:
            self.banner.set_state("info", self.tr("Nothing to save: the invoice is as in Pennylane."))
            self.form.recheck()
            return
        text = self.tr("Changes saved")
        if result.journal_error:
            text += " " + self.tr("(they could not be written to the history: %1)").replace("%1", result.journal_error)
        state = "ok"
        if getattr(result, "categories_error", None) is not None:
            state = "warning"  # the invoice is saved; only the categories are to set again
            text += " " + self.tr("— but not the analytic categories: %1 Set them again, then save.").replace(
                "%1", str(result.categories_error))
        self.message.emit(text)
        self._pending_message = (state, text)
        self.reload()

    def _save_failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        from app.jobs.editing import StaleInvoice
        from app.domain.text import error_text

        self.busy = False
        self._after_save = None  # the person stays on the invoice, with the reason in the banner
        self.banner.set_state("error", str(error_text(exc)))
        self.banner.reload_button.setVisible(isinstance(exc, StaleInvoice))
        if isinstance(exc, StaleInvoice):
            self.banner.reload_button.setFocus()
        self.form.recheck()
