"""The invoice form, driven as a person would: typing, keyboard shortcuts, watching the balance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from app.domain.invoice import CustomerLine, Party, Provenance, SupplierLine, new_draft
from app.pennylane.reference_cache import (
    Category,
    CategoryGroup,
    Company,
    Counterpart,
    LedgerAccount,
    Product,
    ReferenceData,
)

COMPANY = Company(id=1, name="Atelier Demo SAS", reg_no="552100554")


def Row(draft: Any, name: str = "facture.pdf", reading: Any = None, **kw: Any) -> Any:
    """A queue row (app.jobs.document.DocumentRow) holding ``draft``, as intake leaves it."""
    from app.jobs.document import DocumentRow, DocumentStatus

    kw.setdefault("status", DocumentStatus.READY)
    return DocumentRow(path=Path(name), name=name, draft=draft, reading=reading, **kw)


def reference() -> ReferenceData:
    return ReferenceData(
        company=COMPANY,
        suppliers=[
            Counterpart(10, "Au bon moulin", "supplier", reg_no="999999998", vat_number="FR11999999998"),
            Counterpart(11, "Papeterie Garnier", "supplier", reg_no="732829320", iban="FR7630006000011234567890189"),
            Counterpart(12, "Télécom Horizon SAS", "supplier", vat_number="BE0403170701"),
        ],
        customers=[Counterpart(20, "Ma jolie boutique", "customer", reg_no="787878784")],
        ledger_accounts=[
            LedgerAccount(1, "706", "Prestations de services"),
            LedgerAccount(2, "606", "Achats non stockés"),
            LedgerAccount(3, "6064", "Fournitures administratives"),
        ],
        products=[Product(30, "Vase en céramique", Decimal("45.00"), "piece", "FR_200", 1)],
        category_groups=[CategoryGroup(40, "Projets"), CategoryGroup(41, "Établissements")],
        categories=[Category(50, "Salon", 40), Category(51, "Boutique", 40), Category(52, "Lyon", 41)],
    )


@pytest.fixture
def session(qtbot):
    from app.ui.session import Session

    s = Session()
    s.company = COMPANY
    s.reference_data = reference()
    return s


@pytest.fixture
def form(qtbot, session):
    from app.ui.form_panel import InvoiceFormPanel

    panel = InvoiceFormPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    panel.resize(620, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def supplier_draft(**fields: Any):
    values = dict(
        date=dt.date(2026, 3, 2),
        deadline=dt.date(2026, 4, 1),
        invoice_number="F-001",
        seller=Party(name="Au bon moulin", siren="999999998"),
        buyer=Party(name="Atelier Demo SAS", siren="552100554"),
    )
    values.update(fields)
    return new_draft("supplier", **values)


def w(form, name: str, cls: type = QWidget) -> Any:
    found = form.findChild(cls, name)
    assert found is not None, name
    return found


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def edit_cell(qtbot, form, row: int, column: str, text: str, *, commit: bool = True) -> QLineEdit:
    from app.ui.form.lines import COL

    view = form.lines_view
    index = form.lines_model.index(row, COL[column])
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if commit:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits and closes through a queued call
    return editor


# --- names -------------------------------------------------------------------------------------
def test_the_form_has_its_stable_object_names(form):
    form.set_document(Row(supplier_draft()))
    for name in ("kindSelector", "counterpartCombo", "invoiceNumberEdit", "dateEdit", "deadlineEdit", "currencyCombo",
                 "linesTable", "totalBeforeTaxEdit", "totalTaxEdit", "totalEdit", "balanceStatus", "importButton"):
        assert form.findChild(QWidget, name) is not None, name
    assert form.objectName() == "invoiceForm"
    for name in ("kindSelector", "counterpartCombo", "dateEdit", "totalEdit", "linesTable"):
        assert w(form, name).accessibleName(), name


# --- typing, lines, balance -----------------------------------------------------------------------
def test_typing_lines_and_french_totals_balances_and_enables_import(qtbot, form):
    row = Row(supplier_draft())
    form.set_document(row)
    button = w(form, "importButton")
    assert not button.isEnabled()
    assert "line" in button.toolTip().lower()

    form.lines_view.setFocus()
    qtbot.keyClick(form.lines_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(row.draft.lines) == 1
    edit_cell(qtbot, form, 0, "label", "Farine de ble")
    editor = edit_cell(qtbot, form, 0, "amount_before_tax", "1 000,50", commit=False)
    # Computed cells follow the keystrokes, before the cell is even committed.
    assert row.draft.lines[0].amount_before_tax == Decimal("1000.50")
    assert row.draft.lines[0].tax == Decimal("200.10")
    assert row.draft.lines[0].amount == Decimal("1200.60")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()

    type_into(qtbot, w(form, "totalBeforeTaxEdit", QLineEdit), "1 000,50")
    type_into(qtbot, w(form, "totalTaxEdit", QLineEdit), "200,10")
    assert w(form, "balanceStatus").state == "warning"  # the total incl. tax is still missing
    assert not button.isEnabled()
    type_into(qtbot, w(form, "totalEdit", QLineEdit), "1 200,60")
    assert row.draft.amount == Decimal("1200.60")
    assert w(form, "balanceStatus").state == "ok"
    assert button.isEnabled(), form.import_hint.message()


def test_an_unbalanced_total_shows_the_reason_next_to_it_and_blocks_import(qtbot, form):
    draft = supplier_draft(amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120"))
    draft.lines.append(SupplierLine(label="x", amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
    form.set_document(Row(draft))
    assert form.import_button.isEnabled()

    type_into(qtbot, w(form, "totalEdit", QLineEdit), "130,00")
    status = w(form, "balanceStatus")
    assert status.state == "error"
    assert "10" in status.text()
    finding = w(form, "totalEditFinding")
    assert finding.isVisible()
    assert finding.severity == "error"
    assert "difference" in finding.message()
    assert not form.import_button.isEnabled()
    assert form.import_hint.isVisible() and form.import_hint.message()

    type_into(qtbot, w(form, "totalEdit", QLineEdit), "120")
    assert status.state == "ok" and not finding.isVisible()
    assert form.import_button.isEnabled()


def test_an_unreadable_amount_is_kept_and_said(qtbot, form):
    draft = supplier_draft()
    form.set_document(Row(draft))
    type_into(qtbot, w(form, "totalBeforeTaxEdit", QLineEdit), "12,,5")
    finding = w(form, "totalBeforeTaxEditFinding")
    assert finding.isVisible() and "12,,5" in finding.message()
    assert not form.import_button.isEnabled()


def test_keyboard_add_duplicate_remove_lines(qtbot, form):
    draft = supplier_draft()
    draft.lines.append(SupplierLine(label="a", amount_before_tax=Decimal("10"), tax=Decimal("2"), amount=Decimal("12")))
    form.set_document(Row(draft))
    view = form.lines_view
    view.setFocus()
    view.setCurrentIndex(form.lines_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [line.label for line in draft.lines] == ["a", "a"]
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert len(draft.lines) == 3
    view.setCurrentIndex(form.lines_model.index(2, 0))
    form.remove_line_action.trigger()  # Delete is the window's one deleteAction (tests/ui/test_menus.py)
    assert len(draft.lines) == 2


def test_vat_code_and_account_cells_accept_what_people_type(qtbot, form):
    draft = supplier_draft()
    draft.lines.append(SupplierLine(label="a", amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
    form.set_document(Row(draft))
    edit_cell(qtbot, form, 0, "vat_rate", "5,5 %")
    assert draft.lines[0].vat_rate == "FR_55"
    assert draft.lines[0].tax == Decimal("5.50") and draft.lines[0].amount == Decimal("105.50")
    edit_cell(qtbot, form, 0, "ledger_account_id", "6064")
    assert draft.lines[0].ledger_account_id == 3
    edit_cell(qtbot, form, 0, "ledger_account_id", "999")
    assert form.lines_model.problems()
    assert not form.import_button.isEnabled()


def test_one_line_from_the_totals(qtbot, form):
    draft = supplier_draft(amount_before_tax=Decimal("250"), tax=Decimal("50"), amount=Decimal("300"))
    form.set_document(Row(draft))
    form.setFocus()
    form.lines_view.setFocus()
    qtbot.keyClick(form.lines_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(draft.lines) == 1
    line = draft.lines[0]
    assert (line.amount_before_tax, line.tax, line.amount, line.vat_rate) == (Decimal("250"), Decimal("50"), Decimal("300"), "FR_200")
    assert form.balance_status.state == "ok"


def test_a_vat_breakdown_becomes_one_line_per_rate(qtbot, form):
    from app.pdf.extracted import ExtractedInvoice, VatBreakdown

    invoice = ExtractedInvoice(vat_breakdown=[
        VatBreakdown(Decimal("20"), "S", Decimal("81.90"), Decimal("16.38"), "FR_200"),
        VatBreakdown(Decimal("5.5"), "S", Decimal("543.00"), Decimal("29.87"), "FR_55"),
    ])
    reading = type("Reading", (), {"invoice": invoice})()
    draft = supplier_draft(amount_before_tax=Decimal("624.90"), tax=Decimal("46.25"), amount=Decimal("671.15"))
    form.set_document(Row(draft, reading=reading))
    assert form.lines_per_rate_action.isEnabled()
    form.lines_per_rate_action.trigger()
    assert [(line.vat_rate, line.amount_before_tax) for line in draft.lines] == [("FR_200", Decimal("81.90")), ("FR_55", Decimal("543.00"))]
    assert form.balance_status.state == "ok"


# --- kind preset ----------------------------------------------------------------------------------
def test_the_buyer_being_the_company_makes_a_purchase(form):
    row = Row(new_draft("customer", buyer=Party(name="Atelier Demo", siret="55210055400013"), seller=Party(name="Au bon moulin")))
    form.set_document(row)
    assert w(form, "kindSelector", QComboBox).currentData() == "supplier"
    assert row.draft.kind == "supplier"
    assert not form.kind_warning.isVisible()


def test_the_seller_being_the_company_makes_a_sale(form):
    row = Row(supplier_draft(seller=Party(name="Atelier Demo SAS", vat_number="FR 83 552100554"),
                             buyer=Party(name="Ma jolie boutique", siren="787878784")))
    form.set_document(row)
    assert w(form, "kindSelector", QComboBox).currentData() == "customer"
    assert row.draft.kind == "customer"
    assert form.counterpart.combo.currentText() == "Ma jolie boutique"  # matched among customers


def test_an_invoice_for_someone_else_is_flagged(form):
    row = Row(supplier_draft(buyer=Party(name="Autre société", siren="123456782")))
    form.set_document(row)
    assert form.kind_warning.isVisible()
    assert "not addressed to your company" in form.kind_warning.message()


def test_the_person_may_change_the_kind_and_it_sticks(qtbot, form):
    row = Row(supplier_draft())
    form.set_document(row)
    selector = w(form, "kindSelector", QComboBox)
    selector.setCurrentIndex(selector.findData("customer"))
    assert row.draft.kind == "customer"
    assert "Customer" in form.counterpart_label.text()
    form.set_document(Row(supplier_draft()))
    form.set_document(row)  # coming back: the person's choice is kept
    assert row.draft.kind == "customer"


# --- counterpart ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "seller, expected, key",
    [
        (Party(name="Moulin (autre nom)", siren="999999998"), "Au bon moulin", "SIREN"),
        (Party(name="?", vat_number="BE 0403.170.701"), "Télécom Horizon SAS", "VAT number"),
        (Party(name="?", iban="FR76 3000 6000 0112 3456 7890 189"), "Papeterie Garnier", "IBAN"),
        (Party(name="TELECOM HORIZON"), "Télécom Horizon SAS", "name"),
    ],
)
def test_the_counterpart_is_matched_and_the_key_is_shown(form, seller, expected, key):
    row = Row(supplier_draft(seller=seller))
    form.set_document(row)
    combo = w(form, "counterpartCombo", QComboBox)
    assert combo.currentText() == expected
    assert row.draft.counterpart_id == next(c.id for c in reference().suppliers if c.name == expected)
    assert f"Found in Pennylane: {expected} (by {key}" in form.counterpart.match_label.message()
    assert not form.counterpart.create_button.isVisible()  # found: not offered for creation


def test_no_match_invites_to_choose_or_create(qtbot, form):
    row = Row(supplier_draft(seller=Party(name="Inconnu SARL", siren="123456782")))
    form.set_document(row)
    assert row.draft.counterpart_id is None
    assert "create" in form.counterpart.match_label.message()
    assert not form.import_button.isEnabled()
    combo = w(form, "counterpartCombo", QComboBox)
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "Papeterie Garnier")
    assert row.draft.counterpart_id == 11


def test_creating_the_supplier_through_the_api(qtbot, form, session):
    class FakeClient:
        def __init__(self) -> None:
            self.bodies = []

        def create_supplier(self, body):
            self.bodies.append(body)
            return {"id": 99, "name": body["name"], "reg_no": body.get("reg_no")}

    session.client = FakeClient()
    row = Row(supplier_draft(seller=Party(name="Nouveau Fournisseur", siret="73282932000074", vat_number="FR44732829320",
                                           address="1 rue A", postal_code="75001", city="Paris", country="FR",
                                           iban="FR76 3000 6000 0112 3456 7890 189")))
    form.set_document(row)
    form._update_actions()
    form.create_counterpart()
    dialog = form._dialog
    assert dialog.name_edit.text() == "Nouveau Fournisseur"
    assert dialog.siren_edit.text() == "732829320"
    with qtbot.waitSignal(dialog.created, timeout=5000):
        dialog.submit()
    body = session.client.bodies[0]
    assert body["reg_no"] == "732829320" and body["establishment_no"] == "73282932000074"
    assert body["postal_address"] == {"address": "1 rue A", "postal_code": "75001", "city": "Paris", "country_alpha2": "FR"}
    assert body["iban"] == "FR7630006000011234567890189"
    assert row.draft.counterpart_id == 99
    assert session.reference_data.counterpart("supplier", 99) is not None
    assert w(form, "counterpartCombo", QComboBox).currentText() == "Nouveau Fournisseur"


# --- provenance -----------------------------------------------------------------------------------
def test_provenance_badges_show_until_the_field_is_edited(qtbot, form):
    draft = supplier_draft(provenance={"invoice_number": Provenance.XML, "date": Provenance.TEXT})
    form.set_document(Row(draft))
    assert form.invoice_number_badge.isVisible() and form.invoice_number_badge.text() == "Factur-X"
    assert form.date_badge.isVisible() and form.date_badge.text() == "text"
    type_into(qtbot, w(form, "invoiceNumberEdit", QLineEdit), "F-002")
    assert draft.invoice_number == "F-002"
    assert not form.invoice_number_badge.isVisible()
    assert "invoice_number" not in draft.provenance


# --- customer lines from the catalogue ----------------------------------------------------------
def test_a_customer_line_from_the_product_catalogue(qtbot, form):
    draft = new_draft("customer", date=dt.date(2026, 3, 2), deadline=dt.date(2026, 4, 1), counterpart_id=20,
                      seller=Party(siren="552100554"), buyer=Party(name="Ma jolie boutique"))
    draft.lines.append(CustomerLine(label=""))
    form.set_document(Row(draft))
    assert form.product_action.isEnabled()
    form.lines_view.setCurrentIndex(form.lines_model.index(0, 0))
    form.pick_product()
    dialog = form._dialog
    qtbot.keyClicks(dialog.filter_edit, "vase")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    line = draft.lines[0]
    assert (line.label, line.product_id, line.unit_price, line.ledger_account_id) == ("Vase en céramique", 30, Decimal("45.00"), 1)
    edit_cell(qtbot, form, 0, "quantity", "3")
    assert draft.lines[0].amount_before_tax == Decimal("135.00") and draft.lines[0].amount == Decimal("162.00")


# --- categories -----------------------------------------------------------------------------------
def test_category_weights_must_sum_to_100_per_group(qtbot, form):
    draft = supplier_draft(amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120"), counterpart_id=10)
    draft.lines.append(SupplierLine(label="x", amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
    form.set_document(Row(draft))
    assert form.import_button.isEnabled()
    editor = form.categories
    first = editor.add_row()
    first.combo.setCurrentIndex(first.combo.findText("Projets › Salon"))
    first.weight.setValue(60)
    second = editor.add_row()
    second.combo.setCurrentIndex(second.combo.findText("Projets › Boutique"))
    second.weight.setValue(30)
    assert not form.import_button.isEnabled()
    assert "90" in editor.sums_label.message()
    second.weight.setValue(40)
    assert form.import_button.isEnabled(), form.import_hint.message()
    assert [(c.category_id, c.weight) for c in draft.categories] == [(50, Decimal("60")), (51, Decimal("40"))]
    third = editor.add_row()
    third.combo.setCurrentIndex(third.combo.findText("Établissements › Lyon"))
    assert third.weight.value() == 100  # the rest of its group
    assert form.import_button.isEnabled()


# --- import ---------------------------------------------------------------------------------------
def test_import_emits_the_row_and_its_draft(qtbot, form):
    draft = supplier_draft(amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120"))
    draft.lines.append(SupplierLine(label="x", amount_before_tax=Decimal("100"), tax=Decimal("20"), amount=Decimal("120")))
    row = Row(draft)
    form.set_document(row)
    with qtbot.waitSignal(form.import_requested, timeout=1000) as blocker:
        qtbot.mouseClick(form.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [row, draft]


def test_no_document_shows_the_placeholder(form):
    form.set_document(None)
    assert form.stack.currentWidget() is form.placeholder
    assert not form.import_button.isEnabled()


def test_mnemonics_have_buddies(form):
    from PySide6.QtWidgets import QLabel

    form.set_document(Row(supplier_draft()))
    buddies = {label.buddy().objectName() for label in form.findChildren(QLabel) if label.buddy() is not None}
    assert {"kindSelector", "counterpartCombo", "dateEdit", "deadlineEdit", "invoiceNumberEdit", "currencyCombo",
            "linesTable", "totalBeforeTaxEdit", "totalTaxEdit", "totalEdit"} <= buddies
