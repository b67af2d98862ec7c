"""One plain field of the form's header (date, due date, number, currency, label): its editor,
provenance badge and finding, read and written the same way whatever the editor is. The form
builds them from a field table (``InvoiceFormPanel._build_header``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.ui.form.widgets import FindingLabel, OptionalDateEdit, ProvenanceBadge, fill_line_edit


class HeaderField(QObject):
    edited = Signal(object)  # the value the person gave (None for an emptied text)

    def __init__(self, name: str, editor: QWidget, badge: ProvenanceBadge, finding: FindingLabel | None) -> None:
        super().__init__(editor)
        self.name = name
        self.editor = editor
        self.badge = badge
        self.finding = finding

    @classmethod
    def build(cls, name: str, editor_kind: str, object_name: str, parent: QWidget, with_finding: bool) -> "HeaderField":
        """``editor_kind``: "date" (an optional date), "text" (a line) or "currency" (the ISO list)."""
        if editor_kind == "date":
            editor: QWidget = OptionalDateEdit(parent)
        elif editor_kind == "currency":
            from app.domain.currency import CURRENCIES

            editor = QComboBox(parent)
            editor.addItems(list(CURRENCIES))
            editor.setMaxVisibleItems(15)
        else:
            editor = QLineEdit(parent)
        editor.setObjectName(object_name)
        finding = FindingLabel(parent, object_name.replace("Edit", "").replace("Combo", "") + "Finding") if with_finding else None
        field = cls(name, editor, ProvenanceBadge(parent), finding)
        if isinstance(editor, OptionalDateEdit):
            editor.value_changed.connect(lambda value: field.edited.emit(value))
        elif isinstance(editor, QComboBox):
            editor.currentTextChanged.connect(lambda text: field.edited.emit(text))
        else:
            editor.textEdited.connect(lambda text: field.edited.emit(text.strip() or None))
        return field

    def set_value(self, value: Any) -> None:
        editor = self.editor
        if isinstance(editor, OptionalDateEdit):
            editor.set_date_value(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(value or ""), 0))
        else:
            fill_line_edit(editor, value or "", tip=True)
