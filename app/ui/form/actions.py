"""The form's keyboard actions: each has a shortcut, said in its tooltip as :mod:`app.ui.keys`
writes it ("Ctrl+Entrée", not "Ctrl+Retour"), and acts on the form it belongs to. The lines'
actions are the lines section's buttons too; Remove is the lines table's own (Delete is the
window's one deleteAction)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.keys import with_keys


def make_action(owner: QWidget, name: str, text: str, shortcuts: list, slot: Any, tip: str, widget: QWidget | None = None,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
    """An action of ``owner`` (the form), named, with its shortcuts in its tooltip, added to
    ``widget`` (default: the owner) so that its shortcut works there."""
    action = QAction(text, owner)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(context)
    action.setToolTip(with_keys(tip, shortcuts))  # app/ui/keys: "Ctrl+Entrée", not "Ctrl+Retour"
    action.triggered.connect(slot)
    (widget or owner).addAction(action)
    return action


class FormActions(QObject):
    """The actions on the form's fields, built with them (``form``: the InvoiceFormPanel)."""

    def __init__(self, form: Any, lines_view: QWidget) -> None:
        super().__init__(form)
        self.add_line = make_action(
            form, "addLineAction", self.tr("Add"), [QKeySequence.StandardKey.New, Qt.Key.Key_Insert], form.add_line, self.tr("Add a line"))
        self.duplicate_line = make_action(
            form, "duplicateLineAction", self.tr("Duplicate"), ["Ctrl+D"], form.duplicate_line, self.tr("Duplicate the selected line"))
        self.remove_line = make_action(
            form, "removeLineAction", self.tr("Remove"), [], form.remove_lines,  # Delete: the window's deleteAction
            self.tr("Remove the selected lines"), widget=lines_view, context=Qt.ShortcutContext.WidgetShortcut)
        self.lines_from_totals = make_action(
            form, "linesFromTotalsAction", self.tr("One line from the totals"), ["Ctrl+T"], form.lines_from_totals,
            self.tr("Replace the lines with a single line made from the declared totals"))
        self.lines_per_rate = make_action(
            form, "linesPerRateAction", self.tr("One line per VAT rate"), ["Ctrl+R"], form.lines_per_rate,
            self.tr("Replace the lines with one line per VAT rate of the Factur-X breakdown"))
        self.product = make_action(
            form, "productAction", self.tr("Product…"), ["Ctrl+P"], form.pick_product,
            self.tr("Fill the selected line from the product catalogue"))
        self.create_counterpart = make_action(
            form, "createCounterpartAction", self.tr("Create…"), ["Ctrl+Shift+N"], form.create_counterpart,
            self.tr("Create the counterpart in Pennylane"))
        self.refresh = make_action(
            form, "refreshReferenceAction", self.tr("Refresh"), [QKeySequence.StandardKey.Refresh], form.refresh_reference,
            self.tr("Reload customers, suppliers, accounts, products and categories from Pennylane"))
        self.add_category = make_action(
            form, "addCategoryAction", self.tr("Add a category"), ["Ctrl+Shift+K"], form.add_category,
            self.tr("Add an analytic category"))

    def lines(self) -> list[QAction]:
        """The lines section's buttons, in their order: four on the title's row, the rest under the table."""
        return [self.add_line, self.duplicate_line, self.remove_line, self.product, self.lines_from_totals, self.lines_per_rate]

    def set_read_only(self, read_only: bool) -> None:
        """The actions that change the draft whatever the document (the others follow the document)."""
        for action in (self.add_line, self.duplicate_line, self.remove_line, self.lines_from_totals,
                       self.create_counterpart, self.add_category):
            action.setEnabled(not read_only)
