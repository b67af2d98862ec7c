"""Preferences (File → Preferences…, Ctrl+,): the language of the app, the folder Browse starts in,
and the signed-in company's usual payment terms.

The choices are the :class:`~app.config.Settings` fields ``language`` (None: the system's),
``default_folder`` and ``payment_terms`` (per company id: :class:`~app.domain.terms.PaymentTerms`,
absent for "ask me"); OK saves them through :func:`app.config.update_settings` on a worker thread
(``saved`` is emitted with the new settings). The language applies at the next start (every
window and message is built in one language); the default folder and the payment terms at once
(the window gives the saved settings to its session, which prepares every document again).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.domain.terms import MAX_DAYS, PaymentTerms
from app.domain.text import format_day
from app.ui import window_state
from app.ui.tasks import run_task

# The payment terms choice (its items' data)
ASK, ON_RECEIPT, DAYS = "ask", "on_receipt", "days"
EXAMPLE_DAY = date(2026, 1, 15)  # the example the dialog works out: 45 days end of month → 31 March


def save_preferences(language: str | None, default_folder: str | None,
                     company_id: int | None = None, terms: PaymentTerms | None = None) -> Settings:
    """Worker side: write the preferences, keeping every other setting as saved. ``company_id``:
    the signed-in company, whose usual payment terms become ``terms`` (None: ask); None when not
    signed in (no company's terms change)."""
    from app.config import update_settings

    def change(settings: Settings) -> None:
        settings.language = language
        settings.default_folder = default_folder
        if company_id is not None:
            settings.set_terms(company_id, terms)

    return update_settings(change)


class PreferencesDialog(QDialog):
    saved = Signal(object)  # Settings
    failed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, company: Any = None) -> None:
        """``company``: the signed-in company (:class:`app.pennylane.reference_cache.Company`), or None."""
        super().__init__(parent)
        self.company = company
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._initial_language = settings.language

        self.language = QComboBox(self)
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("As the system"), None)
        self.language.addItem("Français", "fr")  # each language in its own words
        self.language.addItem("English", "en")
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        self.language_note = QLabel(self.tr("The new language applies the next time the app starts."), self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_note.setVisible(self.language.currentData() != self._initial_language))

        self.folder = QLineEdit(settings.default_folder or "", self)
        self.folder.setObjectName("defaultFolder")
        self.folder.setPlaceholderText(self.tr("Your home folder"))
        self.folder.setClearButtonEnabled(True)
        self.folder.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 40)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("defaultFolderBrowse")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.language_note)
        folder_label = QLabel(self.tr("&Invoices folder:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        hint = QLabel(self.tr("Where “Browse…” opens when no invoice was added from a folder yet."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)  # a secondary line, in the palette's disabled text colour
        form.addRow("", hint)

        self.company_box = self._company_group(settings)

        self.status = QLabel(self)
        self.status.setObjectName("preferencesStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.company_box)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # --- the company's defaults ---
    def _company_group(self, settings: Settings) -> QGroupBox:
        company = self.company
        box = QGroupBox(self)
        box.setObjectName("companyDefaults")
        self.terms = QComboBox(box)
        self.terms.setObjectName("paymentTermsChoice")
        self.terms.addItem(self.tr("Ask me (leave the due date empty)"), ASK)
        self.terms.addItem(self.tr("On receipt (the invoice date)"), ON_RECEIPT)
        self.terms.addItem(self.tr("After a number of days"), DAYS)
        self.days = QSpinBox(box)
        self.days.setObjectName("paymentTermsDays")
        self.days.setRange(0, MAX_DAYS)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days after the invoice date"))
        self.end_of_month = QCheckBox(self.tr("&End of month"), box)
        self.end_of_month.setObjectName("paymentTermsEndOfMonth")
        self.end_of_month.setToolTip(self.tr("Due on the last day of the month in which the days end "
                                             "(“30 days, end of month”)"))
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addWidget(self.end_of_month)
        days_row.addStretch(1)
        self.terms_note = QLabel(self.tr("For a document that prints no due date. The terms remembered for its "
                                         "supplier or customer come first."), box)
        self.terms_note.setObjectName("paymentTermsNote")
        self.terms_note.setWordWrap(True)
        self.terms_note.setEnabled(False)  # a secondary line, like the folder's hint
        self.terms_example = QLabel(box)
        self.terms_example.setObjectName("paymentTermsExample")
        self.terms_example.setWordWrap(True)
        # room for two lines from the start: the dialog does not grow as the choice changes its text
        self.terms_example.setMinimumHeight(self.terms_example.fontMetrics().lineSpacing() * 2)
        terms_label = QLabel(self.tr("Usual payment &terms:"), box)
        terms_label.setBuddy(self.terms)
        self.days_label = QLabel(self.tr("&Due after:"), box)
        self.days_label.setBuddy(self.days)
        form = QFormLayout(box)
        form.addRow(terms_label, self.terms)
        form.addRow("", self.terms_note)
        form.addRow(self.days_label, days_row)
        form.addRow("", self.terms_example)

        current = settings.terms_for(company.id) if company is not None else None
        if current is None:
            self.terms.setCurrentIndex(self.terms.findData(ASK))
        elif current.is_on_receipt:
            self.terms.setCurrentIndex(self.terms.findData(ON_RECEIPT))
        else:
            self.terms.setCurrentIndex(self.terms.findData(DAYS))
            self.days.setValue(current.days)
            self.end_of_month.setChecked(current.end_of_month)
        if company is None:
            box.setTitle(self.tr("Company"))
            self.terms_note.setText(self.tr("Sign in to a Pennylane company to choose its usual payment terms."))
            self.terms_note.setEnabled(True)
            self.terms_example.hide()
            for widget in (self.terms, self.days, self.end_of_month, terms_label, self.days_label):
                widget.setEnabled(False)
        else:
            box.setTitle(self.tr("Company: %1").replace("%1", company.name or f"#{company.id}"))
            self.terms.currentIndexChanged.connect(self._terms_changed)
            self.days.valueChanged.connect(self._terms_changed)
            self.end_of_month.toggled.connect(self._terms_changed)
            self._terms_changed()
        return box

    def chosen_terms(self) -> PaymentTerms | None:
        """The payment terms chosen (None: ask me)."""
        choice = self.terms.currentData()
        if choice == ON_RECEIPT:
            return PaymentTerms.on_receipt()
        if choice == DAYS:
            return PaymentTerms(self.days.value(), self.end_of_month.isChecked())
        return None

    def _terms_changed(self) -> None:
        days = self.terms.currentData() == DAYS
        for widget in (self.days, self.end_of_month, self.days_label):
            widget.setEnabled(days)
        terms = self.chosen_terms()
        if terms is None:
            text = self.tr("Such a document waits for you to enter its due date (Pennylane requires one).")
        else:
            text = self.tr("Example: an invoice dated %1 is due on %2.").replace(
                "%1", format_day(EXAMPLE_DAY.isoformat())).replace("%2", format_day(terms.due(EXAMPLE_DAY).isoformat()))
        self.terms_example.setText(text)

    def _browse(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Invoices folder"), start)
        if folder:
            self.folder.setText(folder)

    def chosen_folder(self) -> str | None:
        text = self.folder.text().strip()
        return text if window_state.folder_setting(text) is not None else None

    def save(self) -> None:
        text = self.folder.text().strip()
        if text and self.chosen_folder() is None:
            self.status.setText(self.tr("The invoices folder must be a full path, such as %1.").replace("%1", str(Path.home())))
            return
        self.buttons.setEnabled(False)
        company_id = self.company.id if self.company is not None else None
        run_task(save_preferences, self.language.currentData(), self.chosen_folder(), company_id, self.chosen_terms(),
                 on_result=self._saved, on_error=self._failed, context=self)

    def _saved(self, settings: Settings) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(settings)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        text = self.tr("The preferences could not be saved: %1").replace("%1", str(exc) or type(exc).__name__)
        self.status.setText(text)
        self.failed.emit(text)
