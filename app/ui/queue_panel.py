"""The document queue (left): the drop zone's empty state, then one row per dropped file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QStackedWidget, QVBoxLayout, QWidget


class QueuePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentQueuePanel")
        self.stack = QStackedWidget(self)
        self.empty_state = QLabel(self.tr("Drop your invoice PDFs here\n\nor press Ctrl+O to browse"), self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("QLabel#emptyState { border: 2px dashed palette(mid); border-radius: 8px; padding: 24px; color: palette(dark); font-size: 15px; }")
        self.list = QListWidget(self)
        self.list.setObjectName("documentQueue")
        self.list.setAccessibleName(self.tr("Document queue"))
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.stack)

    def browse(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add invoice PDFs"), "", self.tr("PDF files (*.pdf)"))
        self.add_paths([Path(f) for f in files])

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            self.list.addItem(path.name)
        if self.list.count():
            self.stack.setCurrentWidget(self.list)
