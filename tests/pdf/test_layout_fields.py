"""The layout-aware field reader on layouts made here: label vocabularies in six languages, values
right of or below their labels, two-column headers, both parties, cross-checks. Pages are built as
words with boxes (what the text layer and OCR both give), so each layout is explicit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from decimal import Decimal as D

from app.pdf.fields import read_fields
from app.pdf.sources import usable
from app.pdf.words import PageWords  # noqa: F401 - the type of page()
from tests.pdf.layouts import page

SIREN_A, VAT_A = "732829320", "FR44732829320"  # the seller in these tests
SIREN_B, VAT_B = "552081317", "FR03552081317"  # the buyer
IBAN_A = "FR7630006000011234567890189"
IBAN_B = "DE89370400440532013000"


def test_french_two_column_header_and_totals_box():
    inv = read_fields(page(
        (40, [(40, "ACME SAS"), (380, "FACTURE")]),
        (60, [(40, "12 rue des Lilas"), (380, "N° de facture :"), (480, "FA-2024-117")]),
        (75, [(40, "75011 Paris"), (380, "Date de facture :"), (480, "05/03/2024")]),
        (90, [(380, "Date d'échéance :"), (480, "04/04/2024")]),
        (130, [(330, "Facturé à :")]),
        (145, [(330, "Boulangerie Martin SARL")]),
        (160, [(330, "3 place du Marché")]),
        (175, [(330, f"N° TVA : {VAT_B}")]),
        (400, [(380, "Total HT"), (500, "1 250,00 €")]),
        (415, [(380, "TVA 20 %"), (500, "250,00 €")]),
        (430, [(380, "Total TTC"), (500, "1 500,00 €")]),
        (760, [(40, f"ACME SAS au capital de 10 000 € - RCS Paris {SIREN_A} - TVA {VAT_A}")]),
        (775, [(40, f"IBAN : {IBAN_A}")]),
    ))
    assert inv.invoice_number == "FA-2024-117"
    assert (inv.date, inv.deadline) == (date(2024, 3, 5), date(2024, 4, 4))
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (Decimal("1250.00"), Decimal("250.00"), Decimal("1500.00"))
    assert inv.kind == "invoice"
    assert (inv.seller.siren, inv.seller.vat_number, inv.seller.iban) == (SIREN_A, VAT_A, IBAN_A)
    assert inv.seller.name == "ACME SAS"
    assert (inv.buyer.name, inv.buyer.vat_number) == ("Boulangerie Martin SARL", VAT_B)
    # every value says where it sits
    assert inv.locations["invoice_number"].x0 == 480 and inv.locations["amount"].top == 430
    assert inv.provenance["amount"] == "text"


def test_english_values_below_their_headings_and_month_names():
    inv = read_fields(page(
        (40, [(40, "Northwind Ltd"), (420, "INVOICE")]),
        (80, [(40, "Invoice No."), (160, "Invoice Date"), (280, "Due Date")]),
        (95, [(40, "INV-0042"), (160, "March 5, 2024"), (280, "April 4, 2024")]),
        (300, [(350, "Subtotal"), (480, "1,000.00")]),
        (315, [(350, "VAT 20%"), (480, "200.00")]),
        (330, [(350, "Total"), (480, "1,200.00")]),
    ))
    assert inv.invoice_number == "INV-0042"
    assert (inv.date, inv.deadline) == (date(2024, 3, 5), date(2024, 4, 4))
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (Decimal("1000.00"), Decimal("200.00"), Decimal("1200.00"))


def test_dutch_labels():
    inv = read_fields(page(
        (60, [(40, "Factuurnummer:"), (150, "2024-117")]),
        (75, [(40, "Factuurdatum:"), (150, "12-03-2024")]),
        (90, [(40, "Vervaldatum:"), (150, "11-04-2024")]),
        (300, [(300, "Totaal excl. btw"), (480, "100,00")]),
        (315, [(300, "Btw 21%"), (480, "21,00")]),
        (330, [(300, "Totaal incl. btw"), (480, "121,00")]),
    ))
    assert inv.invoice_number == "2024-117"
    assert (inv.date, inv.deadline) == (date(2024, 3, 12), date(2024, 4, 11))
    assert inv.amount == Decimal("121.00") and inv.amount_before_tax == Decimal("100.00")


def test_spanish_labels_and_spelled_date():
    inv = read_fields(page(
        (60, [(40, "Factura nº A-2024/15")]),
        (75, [(40, "Fecha: 15 de marzo de 2024")]),
        (300, [(300, "Base imponible"), (480, "200,00")]),
        (315, [(300, "IVA 21%"), (480, "42,00")]),
        (330, [(300, "Importe total"), (480, "242,00")]),
    ))
    assert inv.invoice_number == "A-2024/15"
    assert inv.date == date(2024, 3, 15)
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (Decimal("200.00"), Decimal("42.00"), Decimal("242.00"))


def test_italian_labels():
    inv = read_fields(page(
        (60, [(40, "Fattura n. 15/2024"), (300, "Data"), (360, "03/04/2024")]),
        (300, [(300, "Imponibile"), (480, "100,00")]),
        (315, [(300, "IVA 22%"), (480, "22,00")]),
        (330, [(300, "Totale documento"), (480, "122,00")]),
    ))
    assert inv.invoice_number == "15/2024"
    assert inv.date == date(2024, 4, 3)  # day first in Italian
    assert inv.amount == Decimal("122.00")


def test_a_printed_due_date_beats_the_payment_terms():
    inv = read_fields(page(
        (60, [(40, "Rechnung Nr. 4711 vom 05.03.2018")]),
        (300, [(40, "Zahlbar innerhalb von 30 Tagen netto bis 04.04.2018")]),
    ))
    assert inv.date == date(2018, 3, 5)
    assert inv.deadline == date(2018, 4, 4)  # not 5 March + 30 days


def test_the_buyers_direct_debit_account_is_not_the_sellers():
    inv = read_fields(page(
        (60, [(40, "Facture n° 12 du 05/03/2024")]),
        (300, [(40, "Montant prélevé par prélèvement SEPA sur votre compte")]),
        (315, [(40, f"IBAN : {IBAN_B}")]),
    ))
    assert inv.seller.iban is None


def test_identifiers_must_pass_their_checks():
    inv = read_fields(page(
        (60, [(40, "Facture n° 12 du 05/03/2024")]),
        (760, [(40, "SAS au capital de 1 000 € - RCS Paris 732 829 321 - TVA FR45732829320")]),
    ))
    assert inv.seller.siren is None and inv.seller.vat_number is None


def test_totals_that_do_not_add_up_are_suggested_not_filled():
    inv = read_fields(page(
        (60, [(40, "Facture n° 12 du 05/03/2024")]),
        (300, [(300, "Total HT"), (480, "100,00")]),
        (315, [(300, "Total TVA"), (480, "25,00")]),
        (330, [(300, "Total TTC"), (480, "120,00")]),
    ))
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (None, None, None)
    assert inv.suggestions["amount"] == "120.00"


def test_net_to_pay_after_a_deposit_is_not_the_total():
    inv = read_fields(page(
        (60, [(40, "Facture n° 12 du 05/03/2024")]),
        (300, [(300, "Total HT"), (480, "100,00")]),
        (315, [(300, "TVA 20 %"), (480, "20,00")]),
        (330, [(300, "Total TTC"), (480, "120,00")]),
        (345, [(300, "Acompte versé"), (480, "20,00")]),
        (360, [(300, "Net à payer"), (480, "100,00")]),
    ))
    assert inv.amount == Decimal("120.00") and inv.amount_due == Decimal("100.00")


def test_a_credit_note_by_its_title_and_by_negative_totals():
    titled = read_fields(page((40, [(40, "AVOIR n° AV-12")]), (300, [(300, "Total TTC"), (480, "10,00 €")])))
    assert titled.kind == "credit_note"
    negative = read_fields(page(
        (40, [(40, "FACTURE n° F-12")]),
        (300, [(300, "Total HT"), (480, "- 100,00")]),
        (315, [(300, "Total TVA"), (480, "- 20,00")]),
        (330, [(300, "Total TTC"), (480, "- 120,00")]),
    ))
    assert negative.kind == "credit_note" and negative.amount == Decimal("120.00")


def test_a_garbage_text_layer_is_not_usable():
    cid = page((60, [(40, "(cid:12)(cid:13)(cid:14) (cid:15)(cid:16) (cid:17) (cid:18) (cid:19)")]))
    assert not usable(cid)
    assert not usable(page((60, [(40, "")])))
    assert usable(page((60, [(40, "Facture n° 12 du 05/03/2024 Total TTC 120,00 €")])))


def test_a_pdf_without_readable_text_says_so(tmp_path):
    from app.pdf.reader import read_document
    from tests.pdf.makepdf import make_pdf

    reading = read_document(make_pdf(tmp_path / "blank.pdf", [[]]))
    assert reading.ok and reading.invoice is None
    assert "no readable text" in reading.page_note.en and "aucun champ" in reading.page_note.fr
    assert reading.to_json()["note"] == reading.page_note.get()


def test_inspect_json_gives_each_page_value_its_box(tmp_path):
    from app.pdf.reader import read_document
    from tests.pdf.makepdf import make_pdf

    path = make_pdf(tmp_path / "plain.pdf", ["ACME SAS", "Facture n° FA-77 du 05/03/2024", "Total HT 100,00 €",
                                              "TVA 20 % 20,00 €", "Total TTC 120,00 €"])
    data = read_document(path).to_json()
    assert data["source"] == "text" and data["invoice_number"] == "FA-77" and data["amount"] == "120.00"
    box = data["locations"]["amount"]
    assert box["page"] == 1 and 0 < box["x0"] < box["x1"] and 0 < box["top"] < box["bottom"]
    assert data["provenance"]["amount"] == "text"


def _table(*rows: tuple[str, str, str, str, str], y0: float = 200) -> list[tuple[float, list[tuple[float, str]]]]:
    return [(y0 + 15 * i, [(40, a), (260, b), (330, c), (420, d), (500, e)]) for i, (a, b, c, d, e) in enumerate(rows)]


def test_lines_from_the_table_when_they_add_up():
    inv = read_fields(page(
        (60, [(40, "Facture n° 12 du 05/03/2024")]),
        *_table(("Désignation", "Qté", "Prix unitaire", "TVA", "Montant HT"),
                ("Farine de blé T65, sac de 25 kg", "8", "32,50", "5,5 %", "260,00"),
                ("Livraison sur palette", "1", "35,00", "20 %", "35,00")),
        (300, [(380, "Total HT"), (500, "295,00")]),
        (315, [(380, "Total TVA"), (500, "21,30")]),
        (330, [(380, "Total TTC"), (500, "316,30")]),
    ))
    assert [(l.label, l.quantity, l.unit_price, l.amount_before_tax, l.vat_rate) for l in inv.lines] == [
        ("Farine de blé T65, sac de 25 kg", D("8"), D("32.50"), D("260.00"), D("5.5")),
        ("Livraison sur palette", D("1"), D("35.00"), D("35.00"), D("20")),
    ]
    assert [l.vat_code for l in inv.lines] == ["FR_55", "FR_200"] and inv.provenance["lines"] == "text"


def test_lines_that_do_not_add_up_are_not_taken():
    inv = read_fields(page(
        (60, [(40, "Rechnung Nr. 7 vom 05.03.2024")]),
        *_table(("Beschreibung", "Menge", "Einzelpreis", "USt", "Betrag"),
                ("Beratung", "2", "100,00", "19 %", "200,00")),
        (300, [(380, "Nettobetrag"), (500, "250,00")]),  # another line was not printed on this page
        (315, [(380, "Umsatzsteuer"), (500, "47,50")]),
        (330, [(380, "Gesamtbetrag"), (500, "297,50")]),
    ))
    assert inv.amount_before_tax == D("250.00") and inv.lines == []


def test_a_party_named_by_its_own_label_and_a_two_line_column_heading():
    inv = read_fields(page(
        (40, [(40, "Customer name:"), (160, "Globex Corporation")]),
        (60, [(40, "Invoice No."), (160, "INV-9")]),
        (200, [(300, "Total"), (420, "Total")]),
        (212, [(300, "excl. VAT"), (420, "incl. VAT")]),
        (230, [(300, "100.00"), (420, "120.00")]),
        (260, [(40, "VAT 20 %"), (160, "20.00")]),
    ))
    assert inv.buyer.name == "Globex Corporation"
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D("100.00"), D("20.00"), D("120.00"))


def test_month_first_dates_by_the_documents_country_and_by_due_after_issue():
    us = read_fields(page(
        (60, [(40, "Invoice No."), (160, "A-1")]),
        (75, [(40, "Invoice Date:"), (160, "04/05/2024")]),
        (300, [(300, "Total due (USD)"), (480, "$1,200.00")]),
    ))
    assert us.date == date(2024, 4, 5)
    swapped = read_fields(page(
        (60, [(40, "Invoice No."), (160, "A-2")]),
        (75, [(40, "Invoice Date:"), (160, "03/05/2024")]),  # 3 May? then due 4 March: before it
        (90, [(40, "Due Date:"), (160, "04/03/2024")]),
    ))
    assert (swapped.date, swapped.deadline) == (date(2024, 3, 5), date(2024, 4, 3))
    french = read_fields(page((60, [(40, "Date de facture :"), (160, "04/05/2024")]), (75, [(40, "Facture n° F-9")])))
    assert french.date == date(2024, 5, 4)


def test_ocr_totals_that_do_not_cross_check_are_suggested_a_lone_total_is_filled():
    rows = ((60, [(40, "Facture n° 12 du 05/03/2024")]), (300, [(300, "Total HT"), (480, "100,00")]),
            (315, [(300, "Total TVA"), (480, "20,00")]), (330, [(300, "Total TTC"), (480, "126,00")]))  # 6 for 0
    misread = read_fields(page(*rows), "ocr")
    assert (misread.amount_before_tax, misread.amount) == (None, None) and misread.suggestions["amount"] == "126.00"
    assert read_fields(page(*rows), "text").amount is None  # on a text layer too: the three disagree
    lone = read_fields(page(rows[0], (330, [(300, "Total TTC"), (480, "126,00")])), "ocr")
    assert lone.amount == D("126.00") and lone.provenance["amount"] == "ocr"


def test_the_recipients_address_block_names_the_buyer_when_no_heading_does():
    inv = read_fields(page(
        (40, [(40, "Boulangerie Martin SARL"), (380, "FACTURE N° F-31")]),
        (55, [(40, "3 place du Marché"), (380, "Date : 05/03/2024")]),
        (70, [(40, "69001 Lyon")]),
        (130, [(330, "Café des Arts")]),
        (145, [(330, "12 quai Saint-Antoine")]),
        (160, [(330, "69002 Lyon")]),
        (760, [(40, f"Boulangerie Martin SARL au capital de 8 000 € - RCS Lyon {SIREN_A}")]),
    ))
    assert inv.seller.name == "Boulangerie Martin SARL" and inv.buyer.name == "Café des Arts"


def test_a_vat_table_read_by_ocr_gives_its_total_row_under_each_heading():
    """OCR's boxes are taller than the glyphs and their tops differ by a pixel along a line. Under a
    row of column headings ("TAX: | % Base amount: | Tax amount: | Total:"), each column's values are
    one a row and its last row sums the rows above — the heading's box reaching the first row is not
    "a value a little lower than its label", and a neighbour's value a pixel higher is not another row."""
    from tests.pdf.layouts import ocr_page

    inv = read_fields(ocr_page(
        (47, 616, "TAX:"), (119, 616, "% Base amount:"), (264, 616, "Tax amount:"), (396, 616, "Total:"), (527, 615, "Curr.:"),
        (70, 636, "VAT"), (105, 636, "6.00"), (229, 634, "16.98"), (368, 633, "1.02"), (490, 631, "18.00 EUR"),
        (67, 654, "VAT 21.00"), (216, 653, "1136.36"), (353, 652, "238.64"), (477, 649, "1375.00 EUR"),
        (216, 670, "1153.34"), (353, 670, "239.66"), (478, 669, "1393.00 EUR"),
    ), source="ocr")
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D("1153.34"), D("239.66"), D("1393.00"))


def test_a_letterhead_name_ends_at_a_dash_that_ocr_left_half_spaced_but_keeps_a_hyphenated_name():
    """"Au bon moulin SARL -1242 chemin de l'olive - 84340 Malaucène": OCR dropped the space after a
    separating dash, and the address went into the supplier's name. A dash spaced on one side still
    separates when the name keeps its legal form; "Hotel- und Gaststätten GmbH" stays one name."""
    def seller(letterhead: str) -> str | None:
        return read_fields(page(
            (30, [(40, letterhead)]),
            (90, [(40, "FACTURE FA-2017-0010")]),
            (400, [(380, "Total HT"), (500, "100,00")]),
            (415, [(380, "TVA 20 %"), (500, "20,00")]),
            (430, [(380, "Total TTC"), (500, "120,00")]),
        ), source="ocr").seller.name

    assert seller("Au bon moulin SARL -1242 chemin de l'olive - 84340 Malaucène - France") == "Au bon moulin SARL"
    assert seller("Au bon moulin SARL- 1242 chemin de l'olive") == "Au bon moulin SARL"
    assert seller("Hotel- und Gaststätten Müller GmbH - Hauptstraße 1 - 10115 Berlin") == "Hotel- und Gaststätten Müller GmbH"


def test_the_recipients_address_block_is_found_when_ocr_glued_its_postcode_to_the_town():
    """The recipient's block (name, street, postcode and town) with no heading names the buyer; OCR
    wrote "69001Lyon" for "69001 Lyon", and the block was no longer taken for an address."""
    inv = read_fields(page(
        (30, [(40, "ACME SAS - 12 rue des Lilas - 75011 Paris")]),
        (90, [(40, "FACTURE FA-2017-0010")]),
        (130, [(330, "Boulangerie Martin")]),
        (145, [(330, "3 place du Marché")]),
        (160, [(330, "69001Lyon")]),
        (175, [(330, "France")]),
        (400, [(380, "Total HT"), (500, "100,00")]),
        (415, [(380, "TVA 20 %"), (500, "20,00")]),
        (430, [(380, "Total TTC"), (500, "120,00")]),
    ), source="ocr")
    assert inv.buyer.name == "Boulangerie Martin"
