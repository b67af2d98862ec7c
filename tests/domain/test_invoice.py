"""Invoice draft models: validation, conversions, JSON round trip, line computation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from app.domain.invoice import (
    DRAFT_ADAPTER,
    CategoryWeight,
    CustomerInvoiceDraft,
    CustomerLine,
    InvoiceKind,
    Party,
    Provenance,
    SupplierInvoiceDraft,
    SupplierLine,
    compute_line,
    convert_kind,
    draft_from_json,
    draft_to_json,
    new_draft,
    with_computed_totals,
)


def test_new_draft_by_kind():
    assert isinstance(new_draft(InvoiceKind.CUSTOMER), CustomerInvoiceDraft)
    assert isinstance(new_draft("supplier"), SupplierInvoiceDraft)
    draft = new_draft(InvoiceKind.SUPPLIER, invoice_number="F-1")
    assert draft.kind == InvoiceKind.SUPPLIER and draft.invoice_number == "F-1"
    assert draft.currency == "EUR" and draft.lines == [] and draft.provenance == {}
    assert draft.credit_note is False


def test_defaults_of_lines():
    line = CustomerLine()
    assert line.vat_rate == "FR_200" and line.quantity == 1 and line.unit == "piece"
    assert line.amount_before_tax == line.tax == line.amount == Decimal(0)
    assert SupplierLine().vat_rate == "FR_200"


def test_vat_codes_are_normalized_on_creation_and_assignment():
    line = SupplierLine(vat_rate="FR_055")
    assert line.vat_rate == "FR_55"
    line.vat_rate = "20 %"
    assert line.vat_rate == "FR_200"
    with pytest.raises(ValidationError) as caught:
        line.vat_rate = "FR_20"
    assert "FR_200" in str(caught.value)  # the nearest code is named
    assert line.vat_rate == "FR_200"


def test_currency_is_checked_and_upper_cased():
    assert new_draft("customer", currency="usd").currency == "USD"
    with pytest.raises(ValidationError):
        new_draft("customer", currency="XYZ")
    draft = new_draft("customer")
    with pytest.raises(ValidationError):
        draft.currency = "EURO"


def test_floats_are_refused_strings_and_ints_accepted():
    with pytest.raises(ValidationError):
        SupplierLine(amount=12.5)
    with pytest.raises(ValidationError):
        new_draft("customer", amount=0.1)
    with pytest.raises(ValidationError):
        CustomerLine(unit_price=0.1)
    assert SupplierLine(amount="12.50").amount == Decimal("12.50")
    assert SupplierLine(amount=12).amount == Decimal(12)
    with pytest.raises(ValidationError):
        SupplierLine(amount="NaN")


def test_models_are_mutable():
    draft = new_draft("customer")
    draft.invoice_number = "2025-001"
    draft.lines.append(CustomerLine(label="Conseil"))
    draft.provenance["invoice_number"] = Provenance.TEXT
    assert draft.lines[0].label == "Conseil"
    assert draft.provenance_of("invoice_number") == Provenance.TEXT
    assert draft.provenance_of("date") == Provenance.TYPED


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        new_draft("customer", customer_id=3)


def test_category_weight():
    assert CategoryWeight(category_id=1, weight=Decimal(50)).api_weight() == "0.5"
    assert CategoryWeight(category_id=1, weight=Decimal(100)).api_weight() == "1"
    assert CategoryWeight(category_id=1, weight=Decimal("33.33")).api_weight() == "0.3333"
    assert CategoryWeight(category_id=1, weight=Decimal("12.345")).api_weight() == "0.1235"  # half-up, 4 decimals
    assert CategoryWeight(category_id=1, weight=Decimal(0)).api_weight() == "0"
    with pytest.raises(ValidationError):
        CategoryWeight(category_id=1, weight=Decimal(101))
    with pytest.raises(ValidationError):
        CategoryWeight(category_id=1, weight=Decimal(-1))


def test_compute_customer_line():
    line = compute_line(CustomerLine(quantity=Decimal(3), unit_price=Decimal("10.005"), vat_rate="FR_55"))
    assert line.amount_before_tax == Decimal("30.02")  # 30.015 rounded half-up
    assert line.tax == Decimal("1.65")  # 1.6511
    assert line.amount == Decimal("31.67")


def test_compute_line_returns_a_copy():
    original = CustomerLine(quantity=Decimal(2), unit_price=Decimal(10))
    computed = compute_line(original)
    assert original.amount == 0 and computed.amount == Decimal("24.00")


def test_compute_supplier_and_special_lines():
    assert compute_line(SupplierLine(amount_before_tax=Decimal(100), vat_rate="FR_100")).amount == Decimal("110.00")
    assert compute_line(SupplierLine(amount_before_tax=Decimal(100), vat_rate="intracom_55")).tax == 0
    mixed = compute_line(SupplierLine(amount_before_tax=Decimal(100), tax=Decimal("12.34"), vat_rate="mixed"))
    assert mixed.tax == Decimal("12.34") and mixed.amount == Decimal("112.34")
    credit = compute_line(CustomerLine(quantity=Decimal(1), unit_price=Decimal("-12.50"), vat_rate="FR_21"))
    assert (credit.amount_before_tax, credit.tax, credit.amount) == (Decimal("-12.50"), Decimal("-0.26"), Decimal("-12.76"))


def test_with_computed_totals():
    draft = new_draft(
        "supplier",
        lines=[
            compute_line(SupplierLine(amount_before_tax=Decimal(100))),
            compute_line(SupplierLine(amount_before_tax=Decimal(50), vat_rate="FR_55")),
        ],
    )
    totals = with_computed_totals(draft)
    assert (totals.amount_before_tax, totals.tax, totals.amount) == (Decimal("150"), Decimal("22.75"), Decimal("172.75"))
    assert draft.amount is None  # a copy


def _sample() -> CustomerInvoiceDraft:
    return new_draft(
        "customer",
        counterpart_id=42,
        counterpart_name="ACME",
        date=dt.date(2025, 3, 1),
        deadline=dt.date(2025, 3, 31),
        invoice_number="F-2025-001",
        amount_before_tax=Decimal("1234.56"),
        tax=Decimal("246.91"),
        amount=Decimal("1481.47"),
        categories=[CategoryWeight(category_id=7, group_id=1, weight=Decimal(100))],
        seller=Party(name="Moi SARL", siren="732829320"),
        buyer=Party(name="ACME SA", vat_number="FR40303265045"),
        provenance={"amount": Provenance.XML, "lines[0].unit_price": Provenance.TEXT, "counterpart_id": Provenance.TEXT},
        lines=[
            CustomerLine(
                label="Audit",
                quantity=Decimal("1.5"),
                unit_price=Decimal("823.04"),
                amount_before_tax=Decimal("1234.56"),
                tax=Decimal("246.91"),
                amount=Decimal("1481.47"),
                product_id=5,
                imputation_start=dt.date(2025, 1, 1),
                imputation_end=dt.date(2025, 12, 31),
            )
        ],
    )


def test_json_round_trip_keeps_decimals_exact():
    draft = _sample()
    text = draft_to_json(draft)
    assert '"1234.56"' in text and "1234.56," not in text  # amounts as strings, never JSON floats
    back = draft_from_json(text)
    assert back == draft and isinstance(back, CustomerInvoiceDraft)
    assert DRAFT_ADAPTER.validate_python({"kind": "supplier"}).kind == InvoiceKind.SUPPLIER


def test_convert_customer_to_supplier_and_back():
    customer = _sample()
    supplier = convert_kind(customer, InvoiceKind.SUPPLIER)
    assert isinstance(supplier, SupplierInvoiceDraft)
    assert supplier.counterpart_id is None  # a customer id is not a supplier id
    assert supplier.counterpart_name == "Moi SARL"  # the seller is the counterpart of a purchase
    line = supplier.lines[0]
    assert isinstance(line, SupplierLine)
    assert (line.label, line.vat_rate, line.amount_before_tax, line.tax, line.amount) == (
        "Audit", "FR_200", Decimal("1234.56"), Decimal("246.91"), Decimal("1481.47"),
    )  # fmt: skip
    assert line.imputation_start == dt.date(2025, 1, 1)
    assert supplier.amount == customer.amount and supplier.categories == customer.categories
    assert supplier.provenance == {"amount": Provenance.XML}
    assert customer.counterpart_id == 42  # untouched

    again = convert_kind(supplier, "customer")
    assert isinstance(again, CustomerInvoiceDraft)
    assert again.lines[0].quantity == 1 and again.lines[0].unit_price == Decimal("1234.56")
    assert again.counterpart_name == "ACME SA"


def test_convert_to_the_same_kind_is_a_copy():
    draft = _sample()
    copy = convert_kind(draft, "customer")
    assert copy == draft and copy is not draft
    copy.lines[0].label = "changed"
    assert draft.lines[0].label == "Audit"
