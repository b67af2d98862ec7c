"""The three official Factur-X samples, checked against ../shared/samples/README.md exactly."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from app.pdf import facturx
from app.pdf.reader import read_document
from tests.pdf.conftest import BASICWL, CREDIT_NOTE, MINIMUM

SELLER = {"name": "Au bon moulin", "siren": "999999998", "siret": "99999999800010", "vat_number": "FR11999999998"}
BUYER = {"name": "Ma jolie boutique", "siren": "787878784", "siret": "78787878400035", "vat_number": "FR19787878784"}


def _xml_only(path):
    data = PdfReader(str(path)).attachments["factur-x.xml"][0]
    return facturx.extract(data)


def _check_parties(inv):
    for key, value in SELLER.items():
        assert getattr(inv.seller, key) == value, key
    for key, value in BUYER.items():
        assert getattr(inv.buyer, key) == value, key


def test_basicwl(samples):
    r = read_document(BASICWL)
    assert r.error is None and r.pages == 1
    assert r.source == "facturx" and r.profile == "BASIC WL"
    assert r.attachments == ["factur-x.xml"]
    assert r.metadata["author"] == "Au bon moulin" and r.metadata["creation_date"].startswith("2018-06-10")
    inv = r.invoice
    assert inv.invoice_number == "FA-2017-0010" and inv.type_code == "380" and inv.kind == "invoice"
    assert inv.date == date(2017, 11, 13) and inv.deadline == date(2017, 12, 13)
    assert inv.currency == "EUR"
    _check_parties(inv)
    assert (inv.amount_before_tax, inv.tax, inv.amount, inv.amount_due) == (D("624.90"), D("46.25"), D("671.15"), D("470.15"))
    assert [(b.vat_rate, b.base, b.tax, b.category, b.vat_code) for b in inv.vat_breakdown] == [
        (D("20.00"), D("81.90"), D("16.38"), "S", "FR_200"),
        (D("5.50"), D("543.00"), D("29.87"), "S", "FR_55"),
    ]
    assert inv.lines == []
    assert inv.seller.iban == "FR2012421242124212421242124"
    assert all(v == "xml" for v in inv.provenance.values())
    assert r.text == ""  # the XML gave everything: no text extraction


def test_minimum_xml_and_text_fallback(samples):
    kind, profile, xml = _xml_only(MINIMUM)
    assert (kind, profile) == ("cii", "MINIMUM")
    assert xml.invoice_number == "FA-2017-0010" and xml.type_code == "380"
    assert xml.date == date(2017, 11, 13)
    assert xml.deadline is None and xml.vat_breakdown == [] and xml.lines == []
    _check_parties(xml)
    assert (xml.amount_before_tax, xml.tax, xml.amount, xml.amount_due) == (D("624.90"), D("46.25"), D("671.15"), D("470.15"))

    r = read_document(MINIMUM)
    assert r.error is None and r.source == "facturx" and r.profile == "MINIMUM"
    inv = r.invoice
    # the due date printed on the PDF (13/12/2017) fills the gap, marked as coming from the text
    assert inv.deadline == date(2017, 12, 13) and inv.provenance["deadline"] == "text"
    assert inv.provenance["amount"] == "xml" and inv.provenance["invoice_number"] == "xml"
    assert [(b.vat_rate, b.base, b.tax, b.vat_code) for b in inv.vat_breakdown] == [
        (D("20.0"), D("81.90"), D("16.38"), "FR_200"),
        (D("5.5"), D("543.00"), D("29.87"), "FR_55"),
    ]
    assert inv.provenance["vat_breakdown"] == "text"
    assert inv.amount == D("671.15")


def test_credit_note(samples):
    r = read_document(CREDIT_NOTE)
    assert r.error is None and r.source == "facturx" and r.profile == "BASIC"
    inv = r.invoice
    assert inv.invoice_number == "AV-2017-0005" and inv.type_code == "381" and inv.kind == "credit_note"
    assert inv.date == date(2017, 11, 16) and inv.deadline == date(2017, 11, 16)
    assert inv.currency == "EUR"
    _check_parties(inv)
    # positive as in the XML: the sign comes from the kind
    assert (inv.amount_before_tax, inv.tax, inv.amount, inv.amount_due) == (D("218.48"), D("14.99"), D("233.47"), D("233.47"))
    assert [(b.vat_rate, b.base, b.tax, b.vat_code) for b in inv.vat_breakdown] == [
        (D("20.00"), D("20.48"), D("4.10"), "FR_200"),
        (D("5.50"), D("198.00"), D("10.89"), "FR_55"),
    ]
    assert len(inv.lines) == 2
    assert sum(line.amount_before_tax for line in inv.lines) == D("218.48")
    assert [line.vat_code for line in inv.lines] == ["FR_200", "FR_55"]


def test_samples_json_shape(samples):
    data = read_document(BASICWL).to_json()
    assert list(data) == [
        "file", "sha256", "pages", "error", "source", "profile", "note", "kind", "invoice_number", "date",
        "deadline", "currency", "amount_before_tax", "tax", "amount", "amount_due", "seller", "buyer",
        "vat_breakdown", "lines", "provenance", "locations", "suggestions",
    ]
    assert data["amount"] == "671.15" and data["amount_due"] == "470.15" and data["date"] == "2017-11-13"
    assert list(data["seller"]) == ["name", "siren", "siret", "vat_number", "iban"]
    assert data["vat_breakdown"][0] == {"vat_rate": "20.00", "base": "81.90", "tax": "16.38"}
    lines = read_document(CREDIT_NOTE).to_json()["lines"]
    assert list(lines[0]) == ["label", "quantity", "unit_price", "amount_before_tax", "vat_rate"]


def test_complete_xml_skips_the_page_text(samples):
    """The speed of reading lives in bench/reading.py; here: a complete e-invoice is not read twice."""
    assert read_document(BASICWL).text == ""
    assert read_document(MINIMUM).text != ""  # MINIMUM lacks the due date: the page is read
