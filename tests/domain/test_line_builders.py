"""app.domain.line_builders: lines made from the declared totals or the VAT breakdown."""

from __future__ import annotations

from decimal import Decimal

from app.domain.invoice import Party, new_draft
from app.domain.line_builders import line_from_totals, lines_per_rate
from app.pdf.extracted import VatBreakdown


def test_one_line_from_the_totals_finds_the_rate_that_gives_the_tax():
    draft = new_draft("supplier", amount_before_tax=Decimal("100.00"), tax=Decimal("5.50"), amount=Decimal("105.50"),
                      invoice_number="F-1", seller=Party(name="Moulin", country="FR"))
    values = line_from_totals(draft)
    assert values["vat_rate"] == "FR_55" and values["amount"] == Decimal("105.50") and values["label"] == "F-1"
    assert line_from_totals(new_draft("supplier")) is None
    odd = new_draft("supplier", amount_before_tax=Decimal("100.00"), tax=Decimal("7.77"))
    assert line_from_totals(odd)["vat_rate"] == "mixed"
    assert line_from_totals(new_draft("supplier", amount_before_tax=Decimal("10"), tax=Decimal(0)))["vat_rate"] == "exempt"


def test_one_line_per_rate_keeps_base_and_tax_and_signs_a_credit_note():
    breakdown = [VatBreakdown(Decimal("20"), "S", Decimal("81.90"), Decimal("16.38"), "FR_200"),
                 VatBreakdown(Decimal("5.5"), "S", Decimal("543.00"), Decimal("29.87"), None)]
    lines = lines_per_rate(new_draft("supplier"), breakdown)
    assert [(rate, v["vat_rate"], v["amount_before_tax"], v["tax"]) for rate, v in lines] == [
        (Decimal("20"), "FR_200", Decimal("81.90"), Decimal("16.38")),
        (Decimal("5.5"), "FR_55", Decimal("543.00"), Decimal("29.87"))]
    credit = lines_per_rate(new_draft("supplier", credit_note=True), breakdown[:1])
    assert credit[0][1]["amount"] == Decimal("-98.28")
