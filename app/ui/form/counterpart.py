"""The counterpart (supplier or customer): a searchable combo, the reason it was matched, and a
"Create the supplier/customer…" dialog pre-filled from the document, creating it through the API."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.jobs.matching import digits
from app.pennylane.reference_cache import CUSTOMER, Counterpart, ReferenceData, counterpart_from_api
from app.ui.form.widgets import FindingLabel, fill_line_edit, widen_combo_popup, widen_popup

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CounterpartPicker(QWidget):
    """``counterpartCombo`` + the match reason + the create button. Emits ``chosen(Counterpart | None)``."""

    chosen = Signal(object)
    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "supplier"
        self.data: ReferenceData | None = None
        self._setting = False

        self.combo = QComboBox(self)
        self.combo.setObjectName("counterpartCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(16)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model = QStandardItemModel(self)
        self.combo.setModel(self.model)
        completer = QCompleter(self.model, self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        widen_popup(completer)
        self.combo.setCompleter(completer)
        widen_combo_popup(self.combo)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.combo.editTextChanged.connect(self._text_edited)

        self.create_button = QPushButton(self)
        self.create_button.setObjectName("createCounterpartButton")
        self.create_button.clicked.connect(self.create_requested)

        self.match_label = FindingLabel(self, "counterpartMatch")
        self.iban_warning = FindingLabel(self, "ibanChangedWarning")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.create_button)
        self.tools = row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.match_label)
        layout.addWidget(self.iban_warning)
        self.set_kind("supplier")

    # --- content ---
    def set_kind(self, kind: str) -> None:
        self.kind = kind
        if kind == CUSTOMER:
            self.create_button.setText(self.tr("Create the customer…"))
            self.create_button.setToolTip(self.tr("Create this customer in Pennylane from the document (Ctrl+Shift+N)"))
            self.combo.setAccessibleName(self.tr("Customer"))
            self.combo.lineEdit().setPlaceholderText(self.tr("Search a customer…"))
        else:
            self.create_button.setText(self.tr("Create the supplier…"))
            self.create_button.setToolTip(self.tr("Create this supplier in Pennylane from the document (Ctrl+Shift+N)"))
            self.combo.setAccessibleName(self.tr("Supplier"))
            self.combo.lineEdit().setPlaceholderText(self.tr("Search a supplier…"))
        self._fill()

    def set_reference(self, data: ReferenceData | None) -> None:
        self.data = data
        self._fill()
        self.create_button.setEnabled(data is not None)

    def _fill(self) -> None:
        current = self.current_id()
        self._setting = True
        try:
            self.model.clear()
            counterparts = sorted(self.data.counterparts(self.kind), key=lambda c: c.name.casefold()) if self.data else []
            for c in counterparts:
                item = QStandardItem(c.name)
                item.setData(c.id, ID_ROLE)
                details = [f"SIREN {c.siren}" if c.siren else "", f"TVA {c.vat_number}" if c.vat_number else "", c.city or ""]
                item.setToolTip(" · ".join(d for d in details if d) or c.name)
                self.model.appendRow(item)
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
        finally:
            self._setting = False
        if current is not None:
            self.set_current(current)

    def set_current(self, counterpart_id: int | None, name: str | None = None) -> bool:
        """Select a counterpart by id without emitting ``chosen``; False if it is not in the list.
        The name reads from its start (a long one is not scrolled to its end) and is the tooltip."""
        self._setting = True
        try:
            for row in range(self.model.rowCount()):
                if self.model.item(row).data(ID_ROLE) == counterpart_id and counterpart_id is not None:
                    self.combo.setCurrentIndex(row)
                    return True
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText(name or "")
            return False
        finally:
            fill_line_edit(self.combo.lineEdit(), self.combo.currentText(), tip=True)
            self._setting = False

    def offer_creation(self, offered: bool, enabled: bool) -> None:
        """"Create the supplier…" only while no counterpart is chosen: one found in Pennylane (by
        SIRET, SIREN, VAT number, IBAN or name) or picked by the person is not created again."""
        self.create_button.setVisible(offered)
        self.create_button.setEnabled(offered and enabled)

    def current_id(self) -> int | None:
        index = self.combo.currentIndex()
        if index < 0 or self.combo.currentText() != self.combo.itemText(index):
            return None
        return self.combo.itemData(index, ID_ROLE)

    def current(self) -> Counterpart | None:
        return self.data.counterpart(self.kind, self.current_id()) if self.data else None

    # --- match reason ---
    def show_match(self, key: str | None, value: str | None, *, ambiguous: bool = False, searched: bool = True,
                   name: str | None = None) -> None:
        """Why the counterpart is the one shown: "Found in Pennylane: NAME (by SIRET 123…)", several
        candidates, or none (then creating it is offered: see :meth:`offer_creation`)."""
        keys = {
            "siret": self.tr("SIRET"),
            "siren": self.tr("SIREN"),
            "vat_number": self.tr("VAT number"),
            "iban": self.tr("IBAN"),
            "name": self.tr("name"),
        }
        if key and not ambiguous:
            how = keys.get(key, key) + (f" {value}" if value and key != "name" else "")
            text = (self.tr("Found in Pennylane: %1 (by %2)", "%1: the supplier or customer; %2: SIRET 12345678900012")
                    .replace("%1", name or self.combo.currentText()).replace("%2", how))
            self.match_label.set_message("ok", text)
        elif key and ambiguous:
            self.match_label.set_message(
                "warning", self.tr("Several share this %1 (%2): choose the right one").replace("%1", keys.get(key, key)).replace("%2", value or "")
            )
        elif searched:
            if self.kind == CUSTOMER:
                msg = self.tr("No customer in Pennylane matches the document: choose one or create it")
            else:
                msg = self.tr("No supplier in Pennylane matches the document: choose one or create it")
            self.match_label.set_message("warning", msg)
        else:
            self.match_label.clear()

    # --- bank details ---
    def show_iban_check(self, document_iban: str | None, counterpart: Counterpart | None) -> bool:
        """Warn (amber, icon + sentence; it blocks nothing) that the document's IBAN differs from the
        one Pennylane knows for ``counterpart`` — the classic fraud signal — or clear the warning
        when ``counterpart`` is None. Whether it differs is :func:`app.jobs.prepare.prepare`'s to say
        (the form passes the counterpart only when it warned). True if shown."""
        from app.domain.identifiers import format_iban
        from app.jobs.matching import mask_iban

        if self.kind == CUSTOMER or counterpart is None or not document_iban:
            self.iban_warning.clear()
            self.iban_warning.setToolTip("")
            return False
        text = self.tr("Warning: this invoice's IBAN (%1) differs from the one known for %2 (%3). "
                       "Check with the supplier before paying.")
        text = text.replace("%1", mask_iban(document_iban)).replace("%3", mask_iban(counterpart.iban)).replace("%2", counterpart.name)
        self.iban_warning.set_message("warning", text)
        self.iban_warning.setAccessibleName(text)
        self.iban_warning.setToolTip(
            self.tr("IBAN on this invoice: %1\nIBAN in Pennylane: %2")
            .replace("%1", format_iban(document_iban)).replace("%2", format_iban(counterpart.iban)))
        return True

    # --- user edits ---
    def _index_changed(self, _index: int) -> None:
        if not self._setting:
            self.match_label.clear()
            self.chosen.emit(self.current())

    def _text_edited(self, text: str) -> None:
        if self._setting:
            return
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)  # emits through _index_changed
            return
        self.match_label.clear()
        self.chosen.emit(self.current())


class CounterpartDialog(QDialog):
    """Create a supplier/customer in Pennylane, pre-filled from the document's party.

    Opened with ``open()`` (window-modal, never blocks the event loop); the creation runs in the
    background; ``created(Counterpart)`` then the dialog closes. Errors stay in the dialog.
    """

    created = Signal(object)

    def __init__(self, kind: str, party: Any, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterpartDialog")
        self.kind = kind
        self.session = session
        customer = kind == CUSTOMER
        self.setWindowTitle(self.tr("New customer") if customer else self.tr("New supplier"))

        def field(name: str, value: Any, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            fill_line_edit(edit, str(value or ""))
            edit.setPlaceholderText(placeholder)
            return edit

        get = (lambda k: getattr(party, k, None)) if party is not None else (lambda k: None)
        siret = digits(get("siret"))
        siren = digits(get("siren")) or siret[:9]
        if len(siren) == 14:  # a SIRET where a SIREN was expected
            siret, siren = siret or siren, siren[:9]
        self.name_edit = field("nameEdit", get("name"))
        self.siren_edit = field("sirenEdit", siren, "123456789")
        self.siret_edit = field("siretEdit", siret, "12345678900012")
        self.vat_edit = field("vatEdit", get("vat_number"), "FR12345678901")
        self.address_edit = field("addressEdit", get("address"))
        self.postal_code_edit = field("postalCodeEdit", get("postal_code"))
        self.city_edit = field("cityEdit", get("city"))
        vat_prefix = str(get("vat_number") or "").strip().upper()[:2]
        country = get("country") or ({"EL": "GR"}.get(vat_prefix, vat_prefix) if vat_prefix.isalpha() else "FR")
        self.country_edit = field("countryEdit", country, "FR")
        self.country_edit.setMaxLength(2)
        self.iban_edit = field("ibanEdit", get("iban"), "FR76 …")

        form = QFormLayout()
        rows = [
            (self.tr("&Name:"), self.name_edit),
            (self.tr("&SIREN:"), self.siren_edit),
            (self.tr("SIRE&T:"), self.siret_edit),
            (self.tr("&VAT number:"), self.vat_edit),
            (self.tr("&Address:"), self.address_edit),
            (self.tr("&Postal code:"), self.postal_code_edit),
            (self.tr("&City:"), self.city_edit),
            (self.tr("C&ountry (2 letters):"), self.country_edit),
            (self.tr("&IBAN:"), self.iban_edit),
        ]
        for text, edit in rows:
            label = QLabel(text, self)
            label.setBuddy(edit)
            edit.setAccessibleName(text.replace("&", "").rstrip(" :"))
            form.addRow(label, edit)
        if customer:
            self.siret_edit.setEnabled(False)  # company customers have no SIRET field in the API
            self.siret_edit.setToolTip(self.tr("Pennylane keeps no SIRET for customers"))
        self.error_label = FindingLabel(self, "counterpartDialogError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create in Pennylane"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def body(self) -> dict[str, Any]:
        """The request body (``POST /suppliers`` or ``POST /company_customers``); raises ValueError with a message."""
        name = self.name_edit.text().strip()
        if not name:
            raise ValueError(self.tr("The name is required."))
        body: dict[str, Any] = {"name": name}
        siren = digits(self.siren_edit.text())
        if siren:
            if len(siren) != 9:
                raise ValueError(self.tr("A SIREN has 9 digits."))
            body["reg_no"] = siren
        siret = digits(self.siret_edit.text())
        if siret and self.kind != CUSTOMER:
            if len(siret) != 14:
                raise ValueError(self.tr("A SIRET has 14 digits."))
            body["establishment_no"] = siret
        vat = re.sub(r"[\s.]", "", self.vat_edit.text()).upper()
        if vat:
            body["vat_number"] = vat
        iban = re.sub(r"\s", "", self.iban_edit.text()).upper()
        if iban:
            body["billing_iban" if self.kind == CUSTOMER else "iban"] = iban
        address = {
            "address": self.address_edit.text().strip(),
            "postal_code": self.postal_code_edit.text().strip(),
            "city": self.city_edit.text().strip(),
            "country_alpha2": self.country_edit.text().strip().upper(),
        }
        filled = [v for v in address.values() if v]
        if self.kind == CUSTOMER:
            if len(filled) < 4:
                raise ValueError(self.tr("Pennylane needs the customer's full address: street, postal code, city and country."))
            body["billing_address"] = address
        elif filled:
            if len(filled) < 4:
                raise ValueError(self.tr("Fill in the whole address (street, postal code, city, country) or leave it empty."))
            body["postal_address"] = address
        return body

    def submit(self) -> None:
        try:
            body = self.body()
        except ValueError as exc:
            self.error_label.set_message("error", str(exc))
            return
        client = getattr(self.session, "client", None)
        if client is None:
            self.error_label.set_message("error", self.tr("Not connected to Pennylane."))
            return
        from app.domain.text import error_text
        from app.ui.tasks import run_task

        from app.jobs.remote import create_counterpart

        kind = self.kind
        self.ok_button.setEnabled(False)
        self.error_label.set_message("info", self.tr("Creating in Pennylane…"))

        def create(payload: dict) -> Any:
            # a 409 means it exists already: that one is found and selected (not an error)
            created, _existed = create_counterpart(client, kind, payload)
            return created

        def done(result: Any) -> None:
            counterpart = counterpart_from_api(result, self.kind)
            if hasattr(self.session, "add_counterpart"):
                self.session.add_counterpart(counterpart)
            self.created.emit(counterpart)
            self.accept()

        def fail(exc: BaseException) -> None:
            self.ok_button.setEnabled(True)
            self.error_label.set_message("error", str(error_text(exc)))

        run_task(create, body, on_result=done, on_error=fail)
