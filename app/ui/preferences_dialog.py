"""Preferences (File → Preferences…, Ctrl+,): the language of the app and the folder Browse starts in.

The choices are the :class:`~app.config.Settings` fields ``language`` (None: the system's) and
``default_folder``; OK saves them through :func:`app.config.update_settings` on a worker thread
(``saved`` is emitted with the new settings). The language applies at the next start (every
window and message is built in one language); the default folder at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.ui import window_state
from app.ui.tasks import run_task


def save_preferences(language: str | None, default_folder: str | None) -> Settings:
    """Worker side: write the two preferences, keeping every other setting as saved."""
    from app.config import update_settings

    def change(settings: Settings) -> None:
        settings.language = language
        settings.default_folder = default_folder

    return update_settings(change)


class PreferencesDialog(QDialog):
    saved = Signal(object)  # Settings
    failed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

        self.status = QLabel(self)
        self.status.setObjectName("preferencesStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

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
        run_task(save_preferences, self.language.currentData(), self.chosen_folder(),
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
