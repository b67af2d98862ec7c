"""``importRoute``: which route the import of the selected invoice takes — the form's values, or
Pennylane's e-invoice import for a Factur-X BASIC / EN 16931 file — why, and the person's choice.

:func:`route_of` is the one rule of the route a row's import takes (the import controller builds
its jobs with it); the box sits under the form, above the Import button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui import colours
from app.ui.lazy import lazy_module
from app.ui.queue_model import DocumentRow, DocumentStatus

# The pipeline and the journal (sqlite3) are imported when first used, not at start-up.
J = lazy_module("app.jobs.journal")
P = lazy_module("app.jobs.pipeline")


def e_invoice_profile(row: DocumentRow | None) -> str | None:
    """The Factur-X profile of the row's file ("EN 16931", "MINIMUM"…), or None for other PDFs."""
    reading = getattr(row, "reading", None)
    if reading is None or getattr(reading, "source", None) != "facturx":
        return None
    return (getattr(reading, "profile", None) or "?").upper()



def can_use_e_invoice(profile: str | None) -> bool:
    return bool(profile) and profile in P.E_INVOICE_PROFILES



class RouteBox(QWidget):
    """Which route the import takes for the selected Factur-X file, why, and the choice."""

    route_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importRoute")
        self.row: DocumentRow | None = None
        self.combo = QComboBox(self)
        self.combo.setObjectName("importRouteCombo")
        self.combo.addItem(self.tr("Import the form's values"), J.ROUTE_IMPORT)
        self.combo.addItem(self.tr("Pennylane e-invoice import"), J.ROUTE_E_INVOICE)
        self.combo.setAccessibleName(self.tr("Import route"))
        self.combo.currentIndexChanged.connect(self._chosen)
        self.caption = QLabel(self.tr("Route:"), self)
        self.caption.setBuddy(self.combo)
        self.note = QLabel(self)
        self.note.setObjectName("importRouteNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {colours.muted()};")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption)
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        self.hide()

    def set_row(self, row: DocumentRow | None, *, editing: bool = False) -> None:
        """Shown for every invoice still to import, in the same place (the form does not jump
        between a Factur-X row and another): the choice is enabled only where there is one, and
        the combo's tooltip says why not. Hidden with no invoice, for an imported one (or on its
        way) and in edit mode (an invoice already in Pennylane)."""
        self.row = row
        if row is None or row.draft is None or editing or row.status in (DocumentStatus.IMPORTED, DocumentStatus.IMPORTING):
            self.hide()
            return
        profile = e_invoice_profile(row)
        eligible = can_use_e_invoice(profile)
        route = route_of(row)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(route)))
        self.combo.blockSignals(False)
        self.combo.setEnabled(eligible)
        self._explain(profile, eligible, route)
        self.show()

    def _explain(self, profile: str | None, eligible: bool, route: str) -> None:
        if profile is None:
            text = self.tr("Not a Factur-X e-invoice: the form's values are sent (only a Factur-X file with its "
                           "lines can go through Pennylane's e-invoice import).")
        elif not eligible:
            text = self.tr("Factur-X %1 carries no invoice lines: standard import with the form's values.")
        elif route == J.ROUTE_E_INVOICE:
            text = self.tr("Factur-X %1: Pennylane will read the lines of the electronic invoice. "
                           "Your edits to the lines are not sent; the counterpart and categories are.")
        else:
            text = self.tr("Factur-X %1: the form's values are sent. Choose the e-invoice import to let "
                           "Pennylane read the lines of the electronic invoice instead.")
        text = text.replace("%1", profile or "")
        self.note.setText(text)
        self.combo.setToolTip(text)
        self.combo.setAccessibleDescription(text)
        # Under the combo only when the person chose the e-invoice import (their line edits are not
        # sent): otherwise one line, the same height for every row; the rest is in the tooltip.
        self.note.setVisible(eligible and route == J.ROUTE_E_INVOICE)

    def _chosen(self, _index: int) -> None:
        if self.row is None:
            return
        route = self.combo.currentData()
        self.row.imports.route = route
        self._explain(e_invoice_profile(self.row) or "?", True, route)
        self.route_changed.emit(route)


def route_of(row: DocumentRow) -> str:
    """The route the row's import takes: the person's choice, else the form's values."""
    route = row.imports.route or J.ROUTE_IMPORT
    if route == J.ROUTE_E_INVOICE and not can_use_e_invoice(e_invoice_profile(row)):
        return J.ROUTE_IMPORT
    return route
