"""Values and simple one-column layouts: dates, identifiers (checked), totals, FR/EN/DE texts, read
by the field reader from lines of text laid out one under the other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.pdf.reader import read_document
from app.pdf.fields import read_fields
from app.pdf.fields.values import find_dates, find_ibans, is_valid_de_vat, parse_date
from app.pdf.words import PageWords, Word
from tests.pdf.makepdf import make_pdf


def extract_from_text(text: str):
    """The field reader on ``text`` laid out as a page: one line a row, words 5 pt a character."""
    words = []
    for i, line in enumerate(l for l in text.splitlines() if l.strip()):
        x = 40.0
        for token in line.split():
            words.append(Word(token, 0, x, 40.0 + 14 * i, x + 5 * len(token), 50.0 + 14 * i))
            x += 5 * len(token) + 3
    return read_fields([PageWords(0, 595, 842, words)])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("02 juillet 2015", date(2015, 7, 2)),
        ("1er août 2024", date(2024, 8, 1)),
        ("13/12/2017", date(2017, 12, 13)),
        ("2017-11-13", date(2017, 11, 13)),
        ("13.12.2017", date(2017, 12, 13)),
        ("13-12-2017", date(2017, 12, 13)),
        ("2 July 2015", date(2015, 7, 2)),
        ("July 2, 2015", date(2015, 7, 2)),
        ("2nd July 2015", date(2015, 7, 2)),
        ("2. Juli 2015", date(2015, 7, 2)),
        ("3. März 2024", date(2024, 3, 3)),
        ("12/13/2017", date(2017, 12, 13)),  # month first only when day first is impossible
        ("05/11/2017", date(2017, 11, 5)),  # otherwise day first
        ("13/12/17", date(2017, 12, 13)),
    ],
)
def test_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2017", "2017-13-01", "1 234,56", "Page 1 / 2", "v1.2.3", "20 %"])
def test_not_dates(text):
    assert find_dates(text) == []


def test_identifiers_are_checked():
    good = extract_from_text("ACME SAS\nSIRET : 732 829 320 00074\nTVA intracom : FR 44 732829320\nIBAN : FR76 3000 6000 0112 3456 7890 189 - BIC BNPAFRPP")
    assert good.seller.siret == "73282932000074" and good.seller.siren == "732829320"
    assert good.seller.vat_number == "FR44732829320"
    assert good.seller.iban == "FR7630006000011234567890189"
    bad = extract_from_text("ACME SAS\nSIREN : 732 829 321\nSIRET : 732 829 320 00075\nTVA : FR45732829320\nIBAN : FR76 3000 6000 0112 3456 7890 188")
    assert bad.seller.siren is None and bad.seller.siret is None  # wrong Luhn key: not reported
    assert bad.seller.vat_number is None  # wrong VAT key
    assert bad.seller.iban is None  # wrong mod-97


def test_siren_from_rcs_and_buyer_ids():
    inv = extract_from_text("RCS Paris 443 061 841\nN° TVA client : FR03552081317")
    assert inv.seller.siren == "443061841"
    assert inv.buyer.vat_number == "FR03552081317" and inv.buyer.siren == "552081317"


def test_german_vat_and_iban():
    assert is_valid_de_vat("DE136695976") and not is_valid_de_vat("DE136695977")
    assert find_ibans("IBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX") == ["DE89370400440532013000"]


def test_totals_need_consistency_or_clear_labels():
    # weak labels only, consistent → taken
    inv = extract_from_text("Subtotal 100.00\nVAT 20.00\nTotal 120.00")
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D("100.00"), D("20.00"), D("120.00"))
    # weak labels, inconsistent → nothing
    inv = extract_from_text("Subtotal 100.00\nVAT 25.00\nTotal 120.00")
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (None, None, None)
    # a clear label alone is enough
    inv = extract_from_text("Total TTC : 1 234,56 €")
    assert inv.amount == D("1234.56") and inv.amount_before_tax is None
    # a rate is never read as an amount
    inv = extract_from_text("TVA 20,00 %\nTotal HT 50,00\nTotal TTC 60,00")
    assert inv.tax == D("10.00")


FRENCH = [
    "Plomberie Dupont SARL - 3 rue des Lilas - 75011 Paris",
    "SIRET 732 829 320 00074 - TVA FR44732829320",
    "FACTURE",
    "Facture n° FA-2024-117",
    "Date de facture : 02 juillet 2024",
    "Date d'échéance : 01/08/2024",
    "Client : Martin SARL - N° TVA client FR03552081317",
    "Désignation Qté PU HT Montant HT",
    "Réparation chauffe-eau 1 150,00 € 150,00 €",
    "Total HT 150,00 €",
    "TVA 20 % 30,00 €",
    "Total TTC 180,00 €",
    "Net à payer 180,00 €",
    "IBAN : FR76 3000 6000 0112 3456 7890 189",
]
ENGLISH = [
    "Bright Ideas Ltd",
    "INVOICE",
    "Invoice No.: INV-0042",
    "Invoice date: 2 July 2015",
    "Due date: 1 August 2015",
    "Description Qty Price Amount",
    "Consulting 10 £50.00 £500.00",
    "Subtotal £500.00",
    "VAT (20%) £100.00",
    "Total £600.00",
]
GERMAN = [
    "Muster GmbH · Hauptstr. 1 · 10115 Berlin",
    "Rechnung",
    "Rechnungsnummer: RE-2015-007",
    "Rechnungsdatum: 2. Juli 2015",
    "Zahlbar bis: 16.07.2015",
    "USt-IdNr.: DE136695976",
    "Nettobetrag 1.000,00 EUR",
    "zzgl. 19 % MwSt. 190,00 EUR",
    "Gesamtbetrag 1.190,00 EUR",
    "IBAN DE89 3704 0044 0532 0130 00",
]


def test_french_pdf(tmp_path):
    r = read_document(make_pdf(tmp_path / "fr.pdf", FRENCH))
    assert r.error is None and r.source == "text" and r.profile is None
    inv = r.invoice
    assert (inv.kind, inv.invoice_number, inv.date, inv.deadline, inv.currency) == (
        "invoice", "FA-2024-117", date(2024, 7, 2), date(2024, 8, 1), "EUR")
    assert (inv.amount_before_tax, inv.tax, inv.amount, inv.amount_due) == (D("150.00"), D("30.00"), D("180.00"), D("180.00"))
    assert (inv.seller.name, inv.seller.siret, inv.seller.siren, inv.seller.vat_number) == (
        "Plomberie Dupont SARL", "73282932000074", "732829320", "FR44732829320")
    assert inv.seller.iban == "FR7630006000011234567890189"
    assert inv.buyer.vat_number == "FR03552081317"
    assert [(b.vat_rate, b.base, b.tax, b.vat_code) for b in inv.vat_breakdown] == [(D("20"), D("150.00"), D("30.00"), "FR_200")]
    assert set(inv.provenance.values()) == {"text"}
    assert "Réparation chauffe-eau" in r.text  # accents survive (WinAnsiEncoding)


def test_english_pdf(tmp_path):
    inv = read_document(make_pdf(tmp_path / "en.pdf", ENGLISH)).invoice
    assert (inv.kind, inv.invoice_number, inv.date, inv.deadline, inv.currency) == (
        "invoice", "INV-0042", date(2015, 7, 2), date(2015, 8, 1), "GBP")
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D("500.00"), D("100.00"), D("600.00"))
    assert inv.seller.name == "Bright Ideas Ltd"


def test_german_pdf(tmp_path):
    inv = read_document(make_pdf(tmp_path / "de.pdf", GERMAN)).invoice
    assert (inv.kind, inv.invoice_number, inv.date, inv.deadline, inv.currency) == (
        "invoice", "RE-2015-007", date(2015, 7, 2), date(2015, 7, 16), "EUR")
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D("1000.00"), D("190.00"), D("1190.00"))
    assert inv.seller.vat_number == "DE136695976" and inv.seller.iban == "DE89370400440532013000"
    assert inv.seller.name == "Muster GmbH"
    assert [(b.vat_rate, b.vat_code) for b in inv.vat_breakdown] == [(D("19"), "DE_190")]


def test_credit_notes_in_three_languages():
    assert extract_from_text("AVOIR n° AV-12\nTotal TTC 10,00 €").kind == "credit_note"
    assert extract_from_text("Credit note No. CN-3\nTotal 10.00").kind == "credit_note"
    assert extract_from_text("Gutschrift Nr. G-5\nGesamtbetrag 10,00 €").kind == "credit_note"
    assert extract_from_text("Facture n° F-1\nVous pouvez avoir un escompte\nTotal TTC 10,00 €").kind == "invoice"


def test_only_text_from_the_first_two_pages(tmp_path):
    pages = [["Facture n° P-1"], ["Page deux"], ["Total TTC 999,00 €"]]
    r = read_document(make_pdf(tmp_path / "3p.pdf", pages))
    assert r.pages == 3 and "Page deux" in r.text and "999" not in r.text


def test_nothing_found_means_source_none(tmp_path):
    r = read_document(make_pdf(tmp_path / "blank.pdf", ["Bonjour", "Rien à voir ici"]))
    assert r.error is None and r.source == "none" and r.invoice is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Conditions de paiement : 30 jours", date(2024, 4, 14)),
        ("Paiement à 45 jours fin de mois", date(2024, 4, 30)),
        ("Règlement à réception de facture", date(2024, 3, 15)),
        ("Payment terms: Net 30", date(2024, 4, 14)),
        ("Payable within 14 days", date(2024, 3, 29)),
        ("Zahlbar innerhalb von 10 Tagen ohne Abzug", date(2024, 3, 25)),
        ("Livraison sous 30 jours", None),  # not a payment term
        ("Total TTC 120,00 €", None),
    ],
)
def test_printed_payment_terms_give_the_due_date(line, expected):
    from app.pdf.fields.values import due_from_terms

    assert due_from_terms(["Facture n° F-1", line], date(2024, 3, 15)) == expected
    assert due_from_terms([line], None) is None


def test_terms_fill_the_deadline_only_when_no_due_date_is_printed():
    inv = extract_from_text("Facture n° F-7\nDate de facture : 15/03/2024\nPaiement à 30 jours\nTotal TTC 120,00 €")
    assert inv.date == date(2024, 3, 15) and inv.deadline == date(2024, 4, 14)
    assert inv.provenance["deadline"] == "text"
    inv = extract_from_text("Facture n° F-8\nDate de facture : 15/03/2024\nÉchéance : 20/03/2024\nPaiement à 30 jours")
    assert inv.deadline == date(2024, 3, 20)
