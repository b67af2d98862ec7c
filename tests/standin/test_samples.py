"""The demo invoices (app.standin.samples) read back through the app's own reader, match the
stand-in's seeded counterparts and are addressed to (or sent by) the demo company."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.balance import check
from app.jobs.matching import match_counterpart
from app.pdf.draft import to_draft
from app.pdf.reader import read_document
from app.pennylane.reference_cache import Company
from app.standin import facturx as standin_facturx
from app.standin import samples
from app.standin.seed import seed
from app.standin.state import State

# file -> source, kind, number, date, due date, HT, VAT, TTC, seller SIREN, counterpart
EXPECTED = {
    "au-bon-moulin-AM-2026-1187.pdf":
        ("facturx", "invoice", "AM-2026-1187", "2026-10-05", "2026-11-04", "459.00", "30.32", "489.32", "999999998", "Au bon moulin"),
    "imprimerie-roux-IR-26-0452.pdf":
        ("facturx", "invoice", "IR-26-0452", "2026-10-08", "2026-11-07", "1290.00", "171.00", "1461.00", None, "Imprimerie Roux & Cie"),
    "papeterie-garnier-PG-2026-00318.pdf":
        ("facturx", "invoice", "PG-2026-00318", "2026-10-12", "2026-10-27", "125.00", "25.00", "150.00", None, "Papeterie Garnier"),
    "avoir-mercier-AV-2026-014.pdf":
        ("facturx", "credit_note", "AV-2026-014", "2026-10-15", "2026-11-14", "240.00", "48.00", "288.00", None, "Locations Mercier"),
    "telecom-horizon-TH-2026-10-04417.pdf":
        ("text", "invoice", "TH-2026-10-04417", "2026-10-16", "2026-11-15", "149.87", "29.97", "179.84", None, "Télécom Horizon SAS"),
    "transports-girard-TGL-26-0588.pdf":
        ("text", "invoice", "TGL-26-0588", "2026-10-19", "2026-11-18", "553.00", "110.60", "663.60", None, "Transports Girard Logistique"),
    "vente-pages-vives-AD-2026-0042.pdf":
        ("facturx", "invoice", "AD-2026-0042", "2026-10-20", "2026-11-19", "1692.00", "132.21", "1824.21", None, "Librairie Les Pages Vives"),
    "fiduciaire-blanc-FBC-2026-118.pdf":
        ("facturx", "invoice", "FBC-2026-118", "2026-10-22", "2026-11-21", "620.00", "124.00", "744.00", None, "Fiduciaire Blanc Conseil"),
    "au-bon-moulin-AM-2026-1254.pdf":
        ("text", "invoice", "AM-2026-1254", "2026-10-26", "2026-11-25", "230.00", "17.73", "247.73", None, "Au bon moulin"),
}  # fmt: skip
SPECS = {s.filename: s for s in samples.sample_specs()}


@pytest.fixture(scope="module")
def demo():
    state = State()
    return state.companies[seed(state)["demo"]]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    paths = samples.write_samples(tmp_path_factory.mktemp("samples") / "demo")
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def readings(written):
    return {name: read_document(path) for name, path in written.items()}


def test_the_set_is_the_expected_one(written):
    assert list(written) == list(SPECS) and set(written) == set(EXPECTED)
    kinds = [(s.facturx, s.language, s.direction, s.balanced) for s in SPECS.values() if s.invoice.type_code == "380"]
    assert kinds.count((True, "fr", "supplier", True)) == 3  # three Factur-X purchases...
    assert sum(1 for s in SPECS.values() if s.invoice.type_code == "381") == 1  # ...a credit note
    assert (False, "fr", "supplier", True) in kinds and (False, "en", "supplier", True) in kinds  # plain text FR, EN
    assert (True, "fr", "customer", True) in kinds  # a sale
    assert [s.balanced for s in SPECS.values()].count(False) == 1
    rates = {line.vat_rate for s in SPECS.values() for line in s.invoice.lines}
    assert {D(20), D("5.5")} <= rates


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_sample_reads_back_with_its_values(readings, demo, name):
    source, kind, number, issued, due, ht, tax, ttc, siren, counterpart = EXPECTED[name]
    spec = SPECS[name]
    r = readings[name]
    assert r.error is None and r.source == source and r.pages == 1
    inv = r.invoice
    assert (inv.kind, inv.invoice_number, inv.date, inv.deadline) == (kind, number, date.fromisoformat(issued), date.fromisoformat(due))
    assert (inv.amount_before_tax, inv.tax, inv.amount) == (D(ht), D(tax), D(ttc))
    assert inv.currency == "EUR"
    seller = spec.invoice.seller
    assert inv.seller.siren == (siren or seller.siren) and inv.seller.vat_number == seller.vat
    assert inv.seller.iban == seller.iban
    if source == "facturx":
        assert r.profile == "EN 16931" and r.xml_name == "factur-x.xml"
        assert inv.seller.name == seller.name and inv.buyer.name == spec.invoice.buyer.name
        assert [line.label for line in inv.lines] == [line.label for line in spec.invoice.lines]
        assert {(b.vat_rate, b.base, b.tax) for b in inv.vat_breakdown} == set(spec.invoice.breakdown())
    # the demo company: the buyer of a purchase, the seller of a sale
    ours = inv.buyer if spec.direction == "supplier" else inv.seller
    assert ours.siren == demo.reg_no


def test_the_unbalanced_sample_declares_more_than_its_lines(readings):
    for name, r in readings.items():
        inv = r.invoice
        if EXPECTED[name][0] != "facturx":
            continue
        lines_ht = sum(line.amount_before_tax for line in inv.lines)
        if SPECS[name].balanced:
            assert lines_ht == inv.amount_before_tax, name
        else:
            assert (lines_ht, inv.amount_before_tax) == (D("570.00"), D("620.00"))


def test_only_the_unbalanced_sample_has_balance_errors(readings):
    for name, r in readings.items():
        spec = SPECS[name]
        draft = to_draft(r, spec.direction)
        codes = {f.code for f in check(draft) if f.code not in ("required",)}  # the counterpart is picked later
        if spec.balanced:
            assert codes == set(), (name, [str(f) for f in check(draft)])
        else:
            assert "lines_sum" in codes
            [finding] = [f for f in check(draft) if f.field == "amount_before_tax"]
            assert "570.00" in finding.message.en and "620.00" in finding.message.en


def test_counterparts_are_the_seeded_ones_and_the_company_is_ours(readings, demo):
    from app.jobs.kind import CUSTOMER, SUPPLIER, preset_kind

    company = Company(demo.id, demo.name, demo.reg_no)
    for name, r in readings.items():
        spec = SPECS[name]
        if spec.direction == "supplier":
            match = match_counterpart(r.invoice.seller, demo.suppliers.values())
        else:
            match = match_counterpart(r.invoice.buyer, demo.customers.values())
        assert match.counterpart_name == EXPECTED[name][-1], name
        assert match.key in ("siret", "siren"), name
        preset = preset_kind(to_draft(r, spec.direction), company)
        assert preset.kind == (SUPPLIER if spec.direction == "supplier" else CUSTOMER), name
        assert preset.key == "siren"


def test_one_sample_has_bank_details_other_than_its_seeded_supplier(readings, demo):
    from app.jobs.matching import iban_changed

    changed = [name for name, r in readings.items() if SPECS[name].direction == "supplier"
               and iban_changed(r.invoice.seller.iban, match_counterpart(r.invoice.seller, demo.suppliers.values()).counterpart)]
    assert changed == ["au-bon-moulin-AM-2026-1254.pdf"]


def test_the_stand_in_reads_the_factur_x_samples_alike(written):
    for name, path in written.items():
        spec = SPECS[name]
        if not spec.facturx:
            continue
        einvoice = standin_facturx.parse(path.read_bytes())
        assert (einvoice.number, einvoice.net, einvoice.tax, einvoice.total) == (
            spec.invoice.number, spec.invoice.net, spec.invoice.tax, spec.invoice.total)
        assert einvoice.credit_note == spec.invoice.credit_note
        assert einvoice.seller.siren == spec.invoice.seller.siren and einvoice.buyer.siren == spec.invoice.buyer.siren


def test_the_printed_page_shows_the_invoice(written):
    text = PdfReader(written["au-bon-moulin-AM-2026-1187.pdf"]).pages[0].extract_text()
    for expected in ("Au bon moulin", "FACTURE", "N° de facture AM-2026-1187", "FACTURÉ À", "Atelier Demo SAS",
                     "Farine de blé T65 bio, sac de 25 kg", "Total HT 459,00", "Total TTC 489,32", "Échéance 04/11/2026"):
        assert expected in text.replace("\xa0", " "), expected


def test_writing_twice_gives_the_same_files(tmp_path, written):
    again = samples.write_samples(tmp_path)
    assert [p.read_bytes() for p in again] == [written[p.name].read_bytes() for p in again]


def test_text_widths_are_the_core_font_metrics():
    metrics = pytest.importorskip("pypdf._codecs.core_font_metrics").CORE_FONT_METRICS
    for bold, font in ((False, "Helvetica"), (True, "Helvetica-Bold")):
        widths = metrics[font].character_widths
        for ch in [chr(c) for c in range(32, 127)] + list("€«»°éèàçôœ–—’·×"):
            if ch in widths:
                assert samples.text_width(ch, 1000, bold) == widths[ch], (font, ch)


def test_a_text_pdf_keeps_accents_and_the_euro_sign(tmp_path):
    path = samples.text_pdf(tmp_path / "t.pdf", [["Échéance : 15/11/2026", "Total TTC 1 234,50 €", "« Noël » (œuvre)"]])
    text = PdfReader(path).pages[0].extract_text()
    assert text.splitlines() == ["Échéance : 15/11/2026", "Total TTC 1 234,50 €", "« Noël » (œuvre)"]
