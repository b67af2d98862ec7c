"""The form's header section (``invoiceHeaderBox``): the type (purchase or sale) and credit note,
the counterpart (supplier or customer) with its match and IBAN check, then the plain fields —
date, due date, number, currency, label — each with its provenance badge and finding.

A view of the draft, like the totals: :meth:`HeaderSection.load` shows it, :meth:`show_findings`
and the ``show_*`` methods show what :func:`app.jobs.prepare.prepare` found; edits leave through
the section's signals (and the counterpart picker's own ``chosen`` / ``create_requested``).

:class:`HeaderField` is one plain field (editor, badge, finding), read and written the same way
whatever the editor is; the section builds them from a field table.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.form.widgets import FindingLabel, OptionalDateEdit, ProvenanceBadge, fill_line_edit

SUPPLIER = "supplier"
CUSTOMER = "customer"


def kind_of(draft: Any) -> str:
    """The draft's kind as a string: "supplier" (a purchase) or "customer" (a sale)."""
    return str(getattr(draft.kind, "value", draft.kind))


def party_known(draft: Any) -> bool:
    """Whether the document names the counterpart at all (else there is nothing to match)."""
    party = draft.counterpart_party if draft is not None else None
    return party is not None and any(getattr(party, k, None) for k in ("name", "siren", "siret", "vat_number", "iban"))


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


def labelled(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A field's label: its buddy takes the mnemonic, and its accessible name from the text."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    buddy.setAccessibleName(text.replace("&", "").rstrip(" :"))
    return label


def _with_badge(editor: QWidget, badge: ProvenanceBadge, finding: FindingLabel | None, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    outer = QVBoxLayout(box)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(editor, 1)
    row.addWidget(badge)
    outer.addLayout(row)
    if finding is not None:
        outer.addWidget(finding)
    return box


class HeaderSection(QGroupBox):
    kind_chosen = Signal(str)  # SUPPLIER or CUSTOMER, picked by the person
    credit_note_toggled = Signal(bool)
    field_edited = Signal(str, object)  # a plain field's draft name, its value

    def __init__(self, refresh_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Invoice"), parent)
        self.setObjectName("invoiceHeaderBox")
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.kind_selector = QComboBox(self)
        self.kind_selector.setObjectName("kindSelector")
        self.kind_selector.addItem(self.tr("Purchase (supplier invoice)"), SUPPLIER)
        self.kind_selector.addItem(self.tr("Sale (customer invoice)"), CUSTOMER)
        self.kind_selector.currentIndexChanged.connect(lambda _i: self.kind_chosen.emit(self.kind_selector.currentData()))
        self.credit_note_check = QCheckBox(self.tr("Credit n&ote"), self)
        self.credit_note_check.setObjectName("creditNoteCheck")
        self.credit_note_check.setToolTip(self.tr("A credit note: its amounts are negative"))
        self.credit_note_check.toggled.connect(self.credit_note_toggled)
        self.kind_badge = ProvenanceBadge(self)
        kind_row = QHBoxLayout()
        kind_row.setSpacing(8)
        kind_row.addWidget(self.kind_selector, 1)
        kind_row.addWidget(self.credit_note_check)
        kind_row.addWidget(self.kind_badge)
        self.kind_warning = FindingLabel(self, "kindWarning")
        grid.addWidget(labelled(self.tr("&Type:"), self.kind_selector, self), 0, 0)
        grid.addLayout(kind_row, 0, 1, 1, 3)
        grid.addWidget(self.kind_warning, 1, 1, 1, 3)

        from app.ui.form.counterpart import CounterpartPicker

        self.counterpart = CounterpartPicker(self)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("refreshReferenceButton")
        refresh_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.refresh_button.setDefaultAction(refresh_action)
        self.refresh_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.refresh_button.setAccessibleName(refresh_action.text())
        self.counterpart.tools.addWidget(self.refresh_button)
        self.counterpart_label = labelled(self.tr("&Supplier:"), self.counterpart.combo, self)
        self.counterpart_finding = FindingLabel(self, "counterpartFinding")
        # Level with the combo, not centred on the combo and the messages under it.
        self.counterpart_label.setMinimumHeight(self.counterpart.combo.sizeHint().height())
        grid.addWidget(self.counterpart_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.counterpart, 2, 1, 1, 3)
        grid.addWidget(self.counterpart_finding, 3, 1, 1, 3)

        # The plain fields, one row each (a new field is one row): draft field, label, object name,
        # editor, grid row, column, column span, finding under it.
        table = (
            ("date", self.tr("&Date:"), "dateEdit", "date", 4, 0, 1, True),
            ("deadline", self.tr("D&ue date:"), "deadlineEdit", "date", 4, 2, 1, True),
            ("invoice_number", self.tr("&Number:"), "invoiceNumberEdit", "text", 5, 0, 1, True),
            ("currency", self.tr("Cu&rrency:"), "currencyCombo", "currency", 5, 2, 1, True),
            ("label", self.tr("&Label:"), "labelEdit", "text", 6, 0, 3, False),
        )
        self.fields: dict[str, HeaderField] = {}
        for field, text, object_name, editor_kind, row, column, span, with_finding in table:
            header = HeaderField.build(field, editor_kind, object_name, self, with_finding)
            header.edited.connect(lambda value, f=field: self.field_edited.emit(f, value))
            grid.addWidget(labelled(text, header.editor, self), row, column)
            grid.addWidget(_with_badge(header.editor, header.badge, header.finding, self), row, column + 1, 1, span)
            self.fields[field] = header
        label_edit = self.fields["label"].editor
        label_edit.setMaxLength(2000)
        label_edit.setPlaceholderText(self.tr("Accounting label (optional: Pennylane writes one)"))

    def tab_chain(self) -> list[QWidget]:
        """The section's Tab stops, top to bottom."""
        return [self.kind_selector, self.credit_note_check, self.counterpart.combo, self.counterpart.create_button,
                self.refresh_button, *(f.editor for f in self.fields.values())]

    # -- draft -> widgets -------------------------------------------------------------------------
    def load(self, draft: Any, remembered: Callable[[str], Any] = lambda _field: None) -> None:
        """The type, credit note and plain fields of ``draft`` (the counterpart: :meth:`show_counterpart`)."""
        kind = kind_of(draft)
        self.kind_selector.setCurrentIndex(self.kind_selector.findData(kind))
        self.credit_note_check.setChecked(bool(draft.credit_note))
        self.kind_badge.set_provenance(draft.provenance.get("credit_note"))
        self.counterpart_label.setText(self.tr("&Customer:") if kind == CUSTOMER else self.tr("&Supplier:"))
        self.counterpart.combo.setAccessibleName(self.counterpart_label.text().replace("&", "").rstrip(" :"))
        self.counterpart.set_kind(kind)
        for name, header in self.fields.items():
            header.set_value(getattr(draft, name))
            header.badge.set_provenance(draft.provenance.get(name), remembered(name))

    def show_counterpart(self, draft: Any, state: Any, searched: bool) -> None:
        """The chosen counterpart and why it was matched (``state``: the row's FormState);
        ``searched``: the reference data was searched for the document's party and nothing fitted."""
        found = self.counterpart.set_current(draft.counterpart_id, draft.counterpart_name)
        match = state.match
        if draft.counterpart_id is not None and found and match and match.key and not match.ambiguous:
            self.counterpart.show_match(match.key, match.value, name=self.counterpart.combo.currentText())
        elif match and match.ambiguous:
            self.counterpart.show_match(match.key, match.value, ambiguous=True)
        elif draft.counterpart_id is None and searched:
            self.counterpart.show_match(None, None, searched=True)
        else:
            self.counterpart.show_match(None, None, searched=False)

    # -- the check ----------------------------------------------------------------------------------
    def show_findings(self, about: Callable[[str], list[Any]]) -> None:
        """Each field's findings under it (``about(field)``: the rules' findings for that field)."""
        self.counterpart_finding.set_findings(about("counterpart_id"))
        for name, header in self.fields.items():
            if header.finding is not None:
                header.finding.set_findings(about(name))

    def show_kind_warning(self, prepared: Any, company: Any) -> None:
        """What :func:`app.jobs.prepare.prepare` warns about the kind (not addressed, contradicted)."""
        from app.jobs.prepare import W_KIND_DIFFERS, W_NOT_ADDRESSED

        preset = prepared.preset if prepared is not None else None
        if prepared is None or company is None:
            self.kind_warning.clear()
        elif prepared.warning(W_NOT_ADDRESSED) is not None:
            self.kind_warning.set_message(
                "warning",
                self.tr("This invoice is not addressed to your company (%1): check the buyer and the seller.").replace("%1", company.name),
            )
        elif prepared.warning(W_KIND_DIFFERS) is not None and preset is not None:
            self.kind_warning.set_message(
                "warning",
                self.tr("Your company is the buyer: this looks like a purchase.") if preset.kind == SUPPLIER
                else self.tr("Your company is the seller: this looks like a sale."),
            )
        else:
            self.kind_warning.clear()

    def show_iban_warning(self, draft: Any, prepared: Any) -> None:
        """prepare() warns that the seller's IBAN differs from the chosen supplier's: say so beside it."""
        from app.jobs.prepare import W_IBAN_CHANGED, W_REMEMBERED

        party = draft.counterpart_party if draft is not None else None
        changed = prepared is not None and prepared.draft is draft and prepared.warning(W_IBAN_CHANGED) is not None
        shown = self.counterpart.show_iban_check(getattr(party, "iban", None), prepared.counterpart if changed else None)
        if not shown and prepared is not None and prepared.draft is draft:
            # another IBAN than the one remembered for this supplier (issue #20): the same place
            remembered = next((w for w in prepared.warnings if w.code == W_REMEMBERED and (w.field or "").endswith(".iban")), None)
            if remembered is not None:
                self.counterpart.iban_warning.set_message("warning", str(remembered.text))
                self.counterpart.iban_warning.setAccessibleName(str(remembered.text))

    # -- read-only ----------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool, editing: bool) -> None:
        """Locked for an imported invoice; in edit mode the type and credit note stay locked
        (Pennylane cannot change them) and the label is the edit controller's to decide."""
        self.kind_selector.setEnabled(not read_only and not editing)
        self.credit_note_check.setEnabled(not read_only and not editing)
        self.counterpart.setEnabled(not read_only)
        for name in ("date", "deadline", "currency"):
            self.fields[name].editor.setEnabled(not read_only)
        self.fields["invoice_number"].editor.setReadOnly(read_only)
        if not editing:  # in edit mode the edit controller decides (a customer invoice's label)
            self.fields["label"].editor.setReadOnly(read_only)
