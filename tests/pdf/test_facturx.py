"""Generated Factur-X (CII) and UBL PDFs, and the mapping rules."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from app.pdf import facturx
from app.pdf.reader import read_document
from tests.pdf.makepdf import UBL_CREDIT_NOTE, cii_xml, make_pdf

ROOT = Path(__file__).resolve().parents[2]


def test_generated_facturx_en16931(tmp_path):
    path = make_pdf(tmp_path / "fx.pdf", ["Facture F-2024-042"], attachments={"notes.txt": b"hello", "factur-x.xml": cii_xml()})
    r = read_document(path)
    assert r.error is None and r.source == "facturx" and r.profile == "EN 16931"
    assert sorted(r.attachments) == ["factur-x.xml", "notes.txt"]
    inv = r.invoice
    assert inv.invoice_number == "F-2024-042" and inv.kind == "invoice"
    assert inv.date == date(2024, 3, 15) and inv.deadline == date(2024, 4, 14)
    assert inv.tax == D("200.00")  # the TaxTotalAmount in the invoice currency, not the USD one
    assert inv.amount == D("1200.00") and inv.amount_due == D("1000.00")  # total, not the amount due
    assert inv.seller.siren == "732829320" and inv.seller.siret is None
    assert inv.seller.vat_number == "FR44732829320"  # normalized
    assert inv.seller.iban == "FR7630006000011234567890189"
    assert inv.buyer.siret == "55208131766522" and inv.buyer.siren == "552081317"  # schemeID 0009
    [line] = inv.lines
    assert (line.line_id, line.label, line.quantity, line.unit, line.unit_price, line.amount_before_tax) == (
        "1", "Conseil", D("2"), "HUR", D("500.00"), D("1000.00"))
    assert (line.vat_rate, line.vat_category, line.vat_code) == (D("20"), "S", "FR_200")


@pytest.mark.parametrize(
    "name", ["factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml", "invoice-data.xml"]
)
def test_xml_found_under_any_name(tmp_path, name):
    path = make_pdf(tmp_path / "fx.pdf", ["x"], attachments={name: cii_xml()})
    r = read_document(path)
    assert r.source == "facturx" and r.xml_name == name and r.invoice.invoice_number == "F-2024-042"


def test_unrelated_xml_is_not_an_invoice(tmp_path):
    path = make_pdf(tmp_path / "o.pdf", ["Invoice No. 77", "Total 10.00"], attachments={"other.xml": b"<config><a/></config>"})
    r = read_document(path)
    assert r.error is None and r.source == "text"


def test_broken_facturx_falls_back_to_text_with_a_note(tmp_path):
    path = make_pdf(tmp_path / "b.pdf", ["Facture n° T-9", "Total TTC 12,00 €"], attachments={"factur-x.xml": b"<rsm:CrossIndustryInvoice"})
    r = read_document(path)
    assert r.error is None and r.source == "text" and r.invoice.invoice_number == "T-9"
    assert "factur-x.xml" in r.xml_note.en


@pytest.mark.parametrize(
    "code, kind", [("380", "invoice"), ("381", "credit_note"), ("261", "credit_note"), ("396", "credit_note"),
                   ("384", "invoice"), ("389", "invoice"), ("386", "invoice"), ("751", "invoice")]
)
def test_type_codes(code, kind):
    _, _, inv = facturx.extract(cii_xml(type_code=code))
    assert inv.type_code == code and inv.kind == kind
    assert inv.amount == D("1200.00")


def test_negative_invoice_becomes_a_credit_note():
    xml = cii_xml().replace(b">1200.00<", b">-1200.00<").replace(b">1000.00</ram:TaxBasis", b">-1000.00</ram:TaxBasis")
    _, _, inv = facturx.extract(xml)
    assert inv.kind == "credit_note" and inv.amount == D("1200.00") and inv.amount_before_tax == D("1000.00")


@pytest.mark.parametrize(
    "urn, name",
    [
        ("urn:factur-x.eu:1p0:minimum", "MINIMUM"),
        ("urn:factur-x.eu:1p0:basicwl", "BASIC WL"),
        ("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "BASIC"),
        ("urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic", "BASIC"),
        ("urn:cen.eu:en16931:2017", "EN 16931"),
        ("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", "EXTENDED"),
        ("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", "XRECHNUNG"),
    ],
)
def test_profiles(urn, name):
    _, profile, _ = facturx.extract(cii_xml(profile=urn))
    assert profile == name


def test_siret_where_a_siren_is_expected():
    _, _, inv = facturx.extract(cii_xml(seller_siren="73282932000074"))
    assert inv.seller.siret == "73282932000074" and inv.seller.siren == "732829320"


def test_ubl_credit_note(tmp_path):
    path = make_pdf(tmp_path / "ubl.pdf", ["Gutschrift GS-77"], attachments={"xrechnung.xml": UBL_CREDIT_NOTE})
    r = read_document(path)
    assert r.error is None and r.source == "ubl" and r.profile == "XRECHNUNG"
    inv = r.invoice
    assert (inv.invoice_number, inv.type_code, inv.kind) == ("GS-77", "381", "credit_note")
    assert inv.date == date(2024, 5, 2) and inv.deadline == date(2024, 6, 1) and inv.currency == "EUR"
    assert (inv.amount_before_tax, inv.tax, inv.amount, inv.amount_due) == (D("100.00"), D("19.00"), D("119.00"), D("119.00"))
    assert inv.seller.name == "Muster GmbH" and inv.seller.vat_number == "DE136695976"
    assert inv.seller.siren is None  # HRB number (scheme 0204) is not a SIREN
    assert inv.seller.iban == "DE89370400440532013000" and inv.seller.country == "DE"
    assert inv.buyer.siren == "732829320" and inv.buyer.vat_number == "FR44732829320"
    assert [(b.vat_rate, b.base, b.tax, b.vat_code) for b in inv.vat_breakdown] == [(D("19"), D("100.00"), D("19.00"), "DE_190")]
    [line] = inv.lines
    assert (line.label, line.quantity, line.unit_price, line.amount_before_tax, line.unit) == ("Widget", D("4"), D("25.00"), D("100.00"), "C62")


def test_inspect_cli_on_the_samples(samples):
    proc = subprocess.run(
        [sys.executable, "-m", "app", "inspect", str(samples), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {Path(r["file"]).name: r for r in map(json.loads, proc.stdout.splitlines())}
    assert len(rows) == 3
    wl = rows["facturx_FR_BASICWL_FA-2017-0010.pdf"]
    assert (wl["invoice_number"], wl["date"], wl["deadline"], wl["amount"], wl["amount_due"]) == (
        "FA-2017-0010", "2017-11-13", "2017-12-13", "671.15", "470.15")
    assert wl["seller"]["siren"] == "999999998" and wl["profile"] == "BASIC WL" and wl["error"] is None
    cn = rows["facturx_FR_BASIC_creditnote381_AV-2017-0005.pdf"]
    assert cn["kind"] == "credit_note" and cn["amount"] == "233.47" and len(cn["lines"]) == 2
    human = subprocess.run([sys.executable, "-m", "app", "inspect", str(samples)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert human.returncode == 0 and "FA-2017-0010" in human.stdout


@pytest.mark.parametrize("old, new, field", [
    (b"<ram:GrandTotalAmount>1200.00<", b"<ram:GrandTotalAmount>1E999999999<", "GrandTotalAmount"),
    (b'unitCode="HUR">2<', b'unitCode="HUR">1E999999999<', "BilledQuantity"),
    (b"<ram:RateApplicablePercent>20<", b"<ram:RateApplicablePercent>1E99999999<", "RateApplicablePercent"),
    (b"<ram:ID>F-2024-042<", b"<ram:ID>" + b"9" * 100_000 + b"<", "ID"),
    (b"<ram:Name>Conseil Durand SAS<", b"<ram:Name>" + b"A" * 2_000_000 + b"<", "Name"),
])  # fmt: skip
def test_a_value_out_of_bounds_refuses_the_xml_with_its_reason(tmp_path, old, new, field):
    from app.pdf.draft import to_draft

    xml = cii_xml()
    assert old in xml
    path = make_pdf(tmp_path / "fx.pdf", ["Facture"], attachments={"factur-x.xml": xml.replace(old, new, 1)})
    r = read_document(path)
    assert r.error is None and r.source != "facturx"  # the PDF is fine; its XML is not used
    assert field in r.xml_note.en and field in r.xml_note.fr and len(r.xml_note.en) < 500
    assert r.to_json()["note"] == str(r.xml_note)
    to_draft(r, "supplier")  # no decimal.Overflow further down
