"""Layout hints (issue #20): where a corrected value sat on one invoice of a supplier is where it is
read on the next one — after its label, right of it, under it, or from an anchor — on layouts made
here whose labels the field reader does not know."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.pdf.fields import read_fields
from app.pdf.fields.remembered import LayoutHint, learn_hint, read_hinted
from app.pdf.words import PageWords
from tests.pdf.layouts import page


def invoice(number: str, issued: str, lines: int, total: str, *, ref_first: bool = False) -> list[PageWords]:
    """A supplier's own layout: 'Pièce' for the number, 'Établie le … sous réf. …' in one cell, a
    'Somme à régler' total, and a label-less subtotal just above the footer; ``lines`` item rows."""
    rows = [
        (40, [(40, "Bricolage Dupont"), (400, "Relevé de pièce")]),
        (60, [(400, "Pièce"), (480, number)]),
        (75, [(400, f"Établie le {issued} sous réf. 77")]),
        (120, [(40, "Désignation"), (400, "Montant")]),
    ]
    y = 135.0
    for i in range(lines):
        rows.append((y, [(40, f"Article {i + 1}"), (400, "10,00")]))
        y += 15
    rows.append((y + 20, [(380, "Somme à régler"), (480, total)]))
    rows.append((y + 40, [(480, "999,99")]))  # a label-less figure the next row anchors
    rows.append((y + 55, [(40, "Merci de votre confiance - pénalités de retard 3 fois le taux légal")]))
    return page(*rows)


def test_the_reader_alone_misses_this_layout():
    inv = read_fields(invoice("BD-0412", "05/03/2024", 2, "1 500,00"))
    assert inv.invoice_number != "BD-0412" or inv.amount != Decimal("1500.00")


def test_a_place_learned_on_one_invoice_reads_the_next_one_with_more_lines():
    first = invoice("BD-0412", "05/03/2024", 2, "1 500,00")
    hints = [
        learn_hint(first, "invoice_number", "BD-0412"),
        learn_hint(first, "date", "2024-03-05"),
        learn_hint(first, "amount", "1500.00"),
        learn_hint(first, "amount_due", "999.99"),
    ]
    assert all(hints)
    by_field = {h.field: h for h in hints}
    assert (by_field["invoice_number"].where, by_field["invoice_number"].label) == ("right", "piece")
    assert by_field["date"].where == "after" and by_field["date"].label == "etablie le"
    assert by_field["amount"].where == "right" and by_field["amount"].label == "somme a regler"
    assert by_field["amount_due"].where == "anchor" and by_field["amount_due"].label.startswith("merci de votre")

    second = invoice("BD-0513", "17/04/2024", 7, "2 345,60")  # five more lines: the totals moved down
    got = read_hinted(second, hints)
    assert got["invoice_number"].value == "BD-0513"
    assert got["date"].value == date(2024, 4, 17)
    assert got["amount"].value == Decimal("2345.60") and got["amount"].by_label
    assert got["amount_due"].value == Decimal("999.99")
    assert got["amount"].box.top > 135 + 7 * 15  # read where it is now, not where it was


def test_a_label_with_digits_matches_with_other_digits():
    first = page((60, [(380, "Facture 2024-117 du 05/03/2024")]))
    hint = learn_hint(first, "date", "2024-03-05")
    assert hint is not None and hint.label == "facture #-# du"
    second = page((60, [(380, "Facture 2024-118 du 06/04/2024")]))
    assert read_hinted(second, [hint])["date"].value == date(2024, 4, 6)


def test_nothing_is_read_where_the_place_holds_no_value_of_that_kind():
    first = invoice("BD-0412", "05/03/2024", 2, "1 500,00")
    hint = learn_hint(first, "amount", "1500.00")
    other = page((60, [(380, "Somme à régler"), (480, "voir annexe")]))
    assert read_hinted(other, [hint]) == {}


def test_a_value_not_printed_gives_no_place():
    assert learn_hint(invoice("BD-0412", "05/03/2024", 2, "1 500,00"), "amount", "42.00") is None
    assert learn_hint(invoice("BD-0412", "05/03/2024", 2, "1 500,00"), "seller.iban", "x") is None


def test_hints_round_trip_and_refuse_what_is_out_of_bounds():
    hint = learn_hint(invoice("BD-0412", "05/03/2024", 2, "1 500,00"), "amount_due", "999.99")
    assert LayoutHint.from_json(hint.to_json()) == LayoutHint.from_json(LayoutHint.from_json(hint.to_json()).to_json())
    good = hint.to_json()
    for bad in (
        {**good, "field": "seller.iban"},
        {**good, "where": "anywhere"},
        {**good, "label": "x" * 81},
        {**good, "page": 10**9},
        {**good, "region": [0, 0, 2, 1]},
        {**good, "region": [0, 0, float("nan"), 1]},
        {**good, "offset": [1e300, 0]},
        {**good, "nth": True},
        "not an object",
    ):
        with pytest.raises(ValueError):
            LayoutHint.from_json(bad)


def test_other_places_are_kept_for_an_invoice_that_prints_only_one_of_them():
    """A total printed in the totals box and again in the VAT breakdown: the next invoice's pages
    read hold only the breakdown (its totals box went to page 3) — the other place finds it."""
    from app.pdf.fields.remembered import learn_hints

    first = page(
        (400, [(60, "Art"), (350, "Basisbetrag"), (500, "Steuerbetrag")]),
        (415, [(60, "Umsatzsteuer (S)"), (350, "20.000,00"), (500, "3.800,00")]),
        (460, [(220, "Rechnungssumme ohne USt."), (500, "20.000,00")]),
    )
    places = learn_hints(first, "amount_before_tax", "20000.00")
    assert [(p.where, p.label) for p in places[:2]] == [("right", "rechnungssumme ohne ust."), ("below", "basisbetrag")]
    second = page(
        (400, [(60, "Art"), (350, "Basisbetrag"), (500, "Steuerbetrag")]),
        (415, [(60, "Umsatzsteuer (S)"), (350, "45.000,00"), (500, "8.550,00")]),
    )
    assert read_hinted(second, places[:1]) == {}  # the best place is not on these pages: no guess
    got = next(found for p in places if (found := read_hinted(second, [p]).get("amount_before_tax")))
    assert got.value == Decimal("45000.00") and got.by_label
