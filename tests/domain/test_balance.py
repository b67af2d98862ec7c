"""Balance rules: one passing and one failing example per rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.domain.balance import (
    Finding,
    Severity,
    check,
    errors,
    findings_for,
    has_errors,
    tolerance_for,
    totals_of_lines,
    warnings,
)
from app.domain.invoice import (
    CustomerLine,
    SupplierLine,
    compute_line,
    new_draft,
    with_computed_totals,
)
from app.domain.text import Text


def customer(**changes):
    lines = changes.pop("lines", None) or [
        compute_line(CustomerLine(label="Conseil", quantity=D(2), unit_price=D(50))),  # 100 + 20
        compute_line(CustomerLine(label="Livre", quantity=D(1), unit_price=D(20), vat_rate="FR_55")),  # 20 + 1.10
    ]
    draft = new_draft(
        "customer",
        counterpart_id=1,
        date=dt.date(2025, 1, 31),
        deadline=dt.date(2025, 3, 2),
        invoice_number="F-001",
        lines=lines,
    )
    draft = with_computed_totals(draft)
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def supplier(**changes):
    lines = changes.pop("lines", None) or [compute_line(SupplierLine(label="Loyer", amount_before_tax=D(1000)))]
    draft = with_computed_totals(
        new_draft(
            "supplier",
            counterpart_id=2,
            date=dt.date(2025, 1, 1),
            deadline=dt.date(2025, 1, 1),
            invoice_number="A-17",
            lines=lines,
        )
    )
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def codes(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.field, f.code) for f in findings}


def test_valid_drafts_have_no_findings():
    assert check(customer()) == []
    assert check(supplier()) == []
    assert totals_of_lines(customer()) == (D("120.00"), D("21.10"), D("141.10"))


# --- at least one line ------------------------------------------------------------------------


def test_no_lines_is_an_error():
    draft = customer()
    draft.lines = []
    found = check(draft)
    assert ("lines", "no_lines") in codes(found)
    assert has_errors(found)


# --- lines sum to the totals within 1 cent per line ----------------------------------------------


@pytest.mark.parametrize("field", ["amount_before_tax", "tax", "amount"])
def test_lines_sum_within_tolerance_passes(field):
    draft = customer()
    setattr(draft, field, getattr(draft, field) + D("0.02"))  # 2 lines → 2 cents allowed
    assert not any(f.code == "lines_sum" for f in check(draft))


@pytest.mark.parametrize("field", ["amount_before_tax", "tax", "amount"])
def test_lines_sum_beyond_tolerance_fails(field):
    draft = customer()
    setattr(draft, field, getattr(draft, field) + D("0.03"))
    found = [f for f in check(draft) if f.code == "lines_sum"]
    assert [(f.field, f.severity) for f in found] == [(field, Severity.ERROR)]
    assert "0,03" in found[0].message.fr and "0.03" in found[0].message.en


def test_lines_sum_message_says_by_how_much():
    draft = customer(amount_before_tax=D(100))
    (finding,) = [f for f in check(draft) if f.code == "lines_sum"]
    assert finding.message == Text(
        "Les lignes totalisent 120,00\u00a0€ HT mais le total HT déclaré est 100,00\u00a0€ (écart 20,00\u00a0€).",
        "The lines add up to €120.00 before tax but the declared total is €100.00 (difference €20.00).",
    )


def test_tolerance_is_one_cent_per_line():
    assert tolerance_for(1) == D("0.01") and tolerance_for(7) == D("0.07")


def test_missing_totals():
    draft = customer(amount=None)
    found = check(draft)
    assert ("amount", "missing_total") in codes(found)
    (finding,) = [f for f in found if f.code == "missing_total"]
    assert "141.10" in finding.message.en
    assert not any(f.code == "missing_total" for f in check(customer()))


# --- each line's tax matches its VAT code ---------------------------------------------------------


def test_line_tax_within_a_cent_passes():
    draft = customer()
    line = draft.lines[0]
    line.tax += D("0.01")
    line.amount += D("0.01")
    assert not any(f.code == "line_tax_rate" for f in check(draft))


def test_line_tax_off_by_more_than_a_cent_fails():
    draft = supplier()
    line = draft.lines[0]
    line.vat_rate = "FR_100"  # 10 % of 1000 is 100, the line says 200
    found = [f for f in check(draft) if f.code == "line_tax_rate"]
    assert [(f.field, f.severity) for f in found] == [("lines[0].tax", Severity.ERROR)]
    assert "100.00" in found[0].message.en and "Line 1" in found[0].message.en
    assert "Ligne 1" in found[0].message.fr


def test_mixed_lines_skip_the_tax_check():
    line = SupplierLine(vat_rate="mixed", amount_before_tax=D(100), tax=D("13.37"), amount=D("113.37"))
    assert check(supplier(lines=[line])) == []


def test_reverse_charge_line_with_zero_tax_passes():
    line = compute_line(SupplierLine(vat_rate="intracom_100", amount_before_tax=D(500)))
    assert line.tax == 0
    assert check(supplier(lines=[line])) == []


def test_reverse_charge_line_with_the_self_assessed_tax_warns():
    line = SupplierLine(vat_rate="intracom_100", amount_before_tax=D(500), tax=D(50), amount=D(550))
    found = check(supplier(lines=[line]))
    assert codes(found) == {("lines[0].tax", "line_tax_reverse")}
    assert not has_errors(found)


def test_exempt_line_with_tax_fails():
    line = SupplierLine(vat_rate="exempt", amount_before_tax=D(500), tax=D(100), amount=D(600))
    assert ("lines[0].tax", "line_tax_rate") in codes(check(supplier(lines=[line])))


# --- customer line HT = quantity × unit price ----------------------------------------------------


def test_quantity_times_price_within_a_cent_passes():
    line = CustomerLine(quantity=D(3), unit_price=D("3.333333"), amount_before_tax=D("10.00"), tax=D("2.00"), amount=D("12.00"))
    assert check(customer(lines=[line])) == []  # 9.999999 → 10.00


def test_quantity_times_price_mismatch_fails():
    draft = customer()
    draft.lines[0].quantity = D(3)  # 3 × 50 = 150, the line says 100
    found = [f for f in check(draft) if f.code == "line_quantity_price"]
    assert [(f.field, f.severity) for f in found] == [("lines[0].amount_before_tax", Severity.ERROR)]
    assert "150.00" in found[0].message.en and "50.00" in found[0].message.en


def test_supplier_lines_have_no_quantity_rule():
    assert not any(f.code == "line_quantity_price" for f in check(supplier()))


# --- HT + TVA = TTC exactly (line and header) ----------------------------------------------------


def test_line_ttc_must_be_exact():
    draft = customer()
    draft.lines[1].amount += D("0.01")  # the header's sum stays within the 2-cent tolerance
    assert codes(check(draft)) == {("lines[1].amount", "line_ttc")}


def test_header_ttc_must_be_exact():
    draft = customer()
    draft.amount += D("0.01")  # within the 2-cent lines tolerance, but HT + TVA ≠ TTC
    found = check(draft)
    assert codes(found) == {("amount", "header_ttc")}
    assert "0.01" in found[0].message.en


# --- deadline not before date -----------------------------------------------------------------


def test_deadline_same_day_passes():
    assert check(supplier()) == []  # deadline == date


def test_deadline_before_date_fails():
    draft = customer(deadline=dt.date(2025, 1, 30))
    found = [f for f in check(draft) if f.field == "deadline"]
    assert [(f.code, f.severity) for f in found] == [("deadline_before_date", Severity.ERROR)]
    assert "1 day" in found[0].message.en


# --- currency ----------------------------------------------------------------------------------


def test_supported_currency_passes():
    assert check(customer(currency="USD")) == []


def test_unsupported_currency_fails():
    draft = customer().model_copy(update={"currency": "XYZ"})  # bypasses the model's own validation
    assert ("currency", "currency") in codes(check(draft))


# --- required fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["customer", "supplier"])
@pytest.mark.parametrize("field", ["date", "deadline", "counterpart_id"])
def test_required_fields(kind, field):
    draft = customer() if kind == "customer" else supplier()
    setattr(draft, field, None)
    found = check(draft)
    assert [(f.field, f.code, f.severity) for f in found] == [(field, "required", Severity.ERROR)]


def test_counterpart_message_names_the_kind():
    draft = supplier(counterpart_id=None, counterpart_name="EDF")
    (finding,) = check(draft)
    assert "supplier" in finding.message.en and "EDF" in finding.message.en
    assert "fournisseur" in finding.message.fr


def test_missing_invoice_number_is_a_warning():
    draft = customer(invoice_number=None)
    found = check(draft)
    assert [(f.field, f.severity) for f in found] == [("invoice_number", Severity.WARNING)]
    assert not has_errors(found) and warnings(found) == found and errors(found) == []
    assert check(customer(invoice_number="  ")) == found


# --- accounting period of a line ------------------------------------------------------------------


def test_line_period_with_both_dates_passes():
    draft = supplier()
    draft.lines[0].imputation_start = dt.date(2025, 1, 1)
    draft.lines[0].imputation_end = dt.date(2025, 12, 31)
    assert check(draft) == []


def test_line_period_with_one_date_or_reversed_fails():
    draft = supplier()
    draft.lines[0].imputation_start = dt.date(2025, 1, 1)
    assert codes(check(draft)) == {("lines[0].imputation_end", "imputation_dates")}
    draft.lines[0].imputation_end = dt.date(2024, 12, 31)
    found = check(draft)
    assert codes(found) == {("lines[0].imputation_end", "imputation_dates")}
    assert "2024-12-31" in found[0].message.en


# --- sign of credit notes ------------------------------------------------------------------------


def negative_lines():
    return [
        compute_line(CustomerLine(quantity=D(1), unit_price=D("-100"))),
        compute_line(CustomerLine(quantity=D(2), unit_price=D("-10"), vat_rate="FR_55")),
    ]


def test_negative_credit_note_passes():
    assert check(customer(lines=negative_lines(), credit_note=True)) == []


def test_positive_credit_note_fails_and_explains():
    found = check(customer(credit_note=True))
    sign = [f for f in found if f.code == "credit_note_sign"]
    assert ("amount", "credit_note_sign") in codes(sign)
    assert ("lines[0].amount", "credit_note_sign") in codes(sign)
    assert all(f.severity == Severity.ERROR for f in sign)
    assert "type" in sign[0].message.fr and "type" in sign[0].message.en


def test_negative_invoice_fails_and_suggests_a_credit_note():
    found = check(customer(lines=negative_lines()))
    assert codes(found) == {("amount", "invoice_sign")}
    assert "credit note" in found[0].message.en and "avoir" in found[0].message.fr


def test_an_invoice_may_have_a_negative_discount_line():
    lines = [
        compute_line(CustomerLine(quantity=D(1), unit_price=D(100))),
        compute_line(CustomerLine(label="Remise", quantity=D(1), unit_price=D(-10))),
    ]
    assert check(customer(lines=lines)) == []


def test_findings_for_a_line():
    draft = customer()
    draft.lines[1].amount += D(1)
    assert [f.code for f in findings_for(check(draft), "lines[1]")] == ["line_ttc"]
    assert str(check(draft)[0]) in {f.message.en for f in check(draft)}


def test_a_rounded_unit_price_only_warns_and_the_exact_one_is_sent():
    from app.domain.balance import exact_unit_price

    draft = customer()
    line = draft.lines[0]
    line.quantity, line.unit_price = D(5), D("4.10")  # AV-2017-0005: 5 × 4.10 = 20.50 for 20.48
    line.amount_before_tax = D("20.48")
    found = [f for f in check(draft) if f.code == "line_quantity_price"]
    assert [(f.field, f.severity) for f in found] == [("lines[0].amount_before_tax", Severity.WARNING)]
    assert "rounded" in found[0].message.en
    assert exact_unit_price(line) == D("4.096000")
    line.amount_before_tax = D("20.50")
    assert exact_unit_price(line) == D("4.10")


def test_a_category_weight_of_zero_is_an_error():
    from app.domain.invoice import CategoryWeight

    draft = customer()
    draft.categories = [CategoryWeight(category_id=1, group_id=1, weight=D(100)),
                        CategoryWeight(category_id=2, group_id=2, weight=D("0.001"))]  # rounds to "0"
    found = [f for f in check(draft) if f.code == "category_weight"]
    assert [(f.field, f.severity) for f in found] == [("categories", Severity.ERROR)]
    draft.categories = draft.categories[:1]
    assert not any(f.code == "category_weight" for f in check(draft))
