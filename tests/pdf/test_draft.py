"""to_draft: domain drafts from readings (sign of credit notes, lines, provenance)."""

from __future__ import annotations

from decimal import Decimal as D

from app.domain.invoice import CustomerInvoiceDraft, InvoiceKind, Provenance, SupplierInvoiceDraft
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from tests.pdf.conftest import BASICWL, CREDIT_NOTE, MINIMUM
from tests.pdf.makepdf import make_pdf


def test_basicwl_one_line_per_rate(samples):
    d = to_draft(read_document(BASICWL), InvoiceKind.SUPPLIER)
    assert isinstance(d, SupplierInvoiceDraft)
    assert (d.amount_before_tax, d.tax, d.amount) == (D("624.90"), D("46.25"), D("671.15"))  # total, not 470.15 due
    assert d.credit_note is False and d.currency == "EUR" and d.invoice_number == "FA-2017-0010"
    assert d.counterpart_name == "Au bon moulin" and d.seller.siren == "999999998" and d.buyer.siret == "78787878400035"
    assert [(l.vat_rate, l.amount_before_tax, l.tax, l.amount) for l in d.lines] == [
        ("FR_200", D("81.90"), D("16.38"), D("98.28")),
        ("FR_55", D("543.00"), D("29.87"), D("572.87")),
    ]
    assert d.provenance["amount"] == Provenance.XML and d.provenance["lines[1].vat_rate"] == Provenance.XML
    assert d.provenance["seller.siren"] == Provenance.XML


def test_credit_note_is_negative(samples):
    d = to_draft(read_document(CREDIT_NOTE), "customer")
    assert isinstance(d, CustomerInvoiceDraft)
    assert d.credit_note is True
    assert (d.amount_before_tax, d.tax, d.amount) == (D("-218.48"), D("-14.99"), D("-233.47"))
    assert d.counterpart_name == "Ma jolie boutique"
    assert [l.amount_before_tax for l in d.lines] == [D("-20.48"), D("-198.00")]
    assert all(l.quantity > 0 and l.unit_price < 0 for l in d.lines)
    assert d.provenance["credit_note"] == Provenance.XML


def test_minimum_mixes_xml_and_text(samples):
    d = to_draft(read_document(MINIMUM), "supplier")
    assert d.deadline.isoformat() == "2017-12-13" and d.provenance["deadline"] == Provenance.TEXT
    assert d.provenance["amount"] == Provenance.XML
    assert len(d.lines) == 2 and d.provenance["lines[0].vat_rate"] == Provenance.TEXT


def test_plain_pdf_single_line(tmp_path):
    path = make_pdf(tmp_path / "p.pdf", ["Facture n° F-9 du 02/03/2024", "Total HT 100,00 €", "Total TVA 10,00 €", "Total TTC 110,00 €"])
    d = to_draft(read_document(path), "supplier")
    assert (d.amount_before_tax, d.tax, d.amount) == (D("100.00"), D("10.00"), D("110.00"))
    [line] = d.lines
    assert line.vat_rate == "FR_100" and line.tax == D("10.00")
    assert d.provenance["amount"] == Provenance.TEXT


def test_bad_file_gives_an_empty_draft(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"")
    d = to_draft(read_document(bad), "supplier")
    assert d.lines == [] and d.amount is None and d.provenance == {}


def test_factur_x_unit_codes_become_pennylane_units_and_breakdown_labels_read_french(tmp_path):
    from decimal import Decimal

    from app.domain.invoice import InvoiceKind
    from app.pdf.draft import to_draft, unit_of
    from app.pdf.extracted import ExtractedInvoice, ExtractedLine, VatBreakdown
    from app.pdf.reader import DocumentReading

    assert unit_of("HUR") == "hour" and unit_of(" c62 ") == "piece" and unit_of("XYZ") is None and unit_of(None) is None
    inv = ExtractedInvoice(kind="invoice", amount_before_tax=Decimal("300"), tax=Decimal("60"), amount=Decimal("360"))
    inv.lines = [ExtractedLine(label="Conseil", quantity=Decimal("3"), unit_price=Decimal("100"), unit="HUR",
                               amount_before_tax=Decimal("300"), vat_rate=Decimal("20"), vat_code="FR_200"),
                 ExtractedLine(label="Autre", quantity=Decimal("1"), unit_price=Decimal("0"), unit="XYZ",
                               amount_before_tax=Decimal("0"), vat_rate=Decimal("20"), vat_code="FR_200")]
    reading = DocumentReading(path=tmp_path / "x.pdf", name="x.pdf", source="facturx", invoice=inv)
    draft = to_draft(reading, InvoiceKind.CUSTOMER)
    assert [line.unit for line in draft.lines] == ["hour", "piece"]  # an unknown code keeps the default

    breakdown = ExtractedInvoice(kind="invoice", amount_before_tax=Decimal("100"), tax=Decimal("5.50"),
                                 amount=Decimal("105.50"))
    breakdown.vat_breakdown = [VatBreakdown(vat_rate=Decimal("5.5"), category="S", base=Decimal("100"),
                                            tax=Decimal("5.50"), vat_code="FR_55")]
    reading = DocumentReading(path=tmp_path / "y.pdf", name="y.pdf", source="facturx", invoice=breakdown)
    assert to_draft(reading, InvoiceKind.SUPPLIER).lines[0].label == "TVA 5,5 %"
