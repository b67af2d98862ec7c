"""A known supplier's bank details changed (fraud signal): the form warns next to the counterpart,
amber with an icon and a sentence, and the import is not blocked."""

from __future__ import annotations

import pytest

from app.domain.invoice import Party
from tests.ui.test_form import Row, form, reference, session, supplier_draft  # noqa: F401 (fixtures)

KNOWN = "FR7630006000011234567890189"  # Papeterie Garnier's IBAN in the reference data
OTHER = "FR7630076020112134657890134"


def garnier(iban: str | None) -> Party:
    return Party(name="Papeterie Garnier", siren="732829320", iban=iban)


def balanced(**fields):
    from decimal import Decimal

    from app.domain.invoice import SupplierLine, compute_line, with_computed_totals

    lines = [compute_line(SupplierLine(label="Ramettes A4", amount_before_tax=Decimal("49.00")))]
    return with_computed_totals(supplier_draft(lines=lines, **fields))


def test_a_different_iban_is_a_warning_next_to_the_supplier_that_blocks_nothing(form):
    form.set_document(Row(balanced(seller=garnier(OTHER))))
    warning = form.counterpart.iban_warning
    assert form.counterpart.combo.currentText() == "Papeterie Garnier"
    assert warning.isVisible() and warning.severity == "warning"
    assert warning.icon.pixmap() is not None and not warning.icon.pixmap().isNull()  # not colour only
    assert warning.text.text() == (
        "Warning: this invoice's IBAN (FR76 …0134) differs from the one known for Papeterie Garnier "
        "(FR76 …0189). Check with the supplier before paying.")
    assert "FR76 3007 6020 1121 3465 7890 134" in warning.toolTip() and "FR76 3000 6000 0112 3456 7890 189" in warning.toolTip()
    assert form.import_button.isEnabled()  # a warning, not a block


@pytest.mark.parametrize("iban", [KNOWN, "fr76 3000 6000 0112 3456 7890 189", None])
def test_the_same_iban_or_none_says_nothing(form, iban):
    form.set_document(Row(balanced(seller=garnier(iban))))
    assert form.counterpart.combo.currentText() == "Papeterie Garnier"
    assert not form.counterpart.iban_warning.isVisible()


def test_it_follows_the_supplier_the_person_picks(form):
    form.set_document(Row(balanced(seller=Party(name="Quelqu'un d'autre", iban=OTHER))))
    assert not form.counterpart.iban_warning.isVisible()  # nothing matched, nothing known
    combo = form.counterpart.combo
    combo.setCurrentIndex(combo.findText("Papeterie Garnier"))
    assert form.counterpart.iban_warning.isVisible()
    combo.setCurrentIndex(combo.findText("Au bon moulin"))  # no IBAN known in Pennylane
    assert not form.counterpart.iban_warning.isVisible()


def test_switching_documents_clears_it(form):
    form.set_document(Row(balanced(seller=garnier(OTHER))))
    assert form.counterpart.iban_warning.isVisible()
    form.set_document(Row(balanced(seller=garnier(KNOWN))))
    assert not form.counterpart.iban_warning.isVisible()


def test_the_warning_is_french_in_french(form, french):
    form.set_document(Row(balanced(seller=garnier(OTHER))))
    assert form.counterpart.iban_warning.text.text() == (
        "Attention : l’IBAN de cette facture (FR76 …0134) diffère de celui connu pour Papeterie Garnier "
        "(FR76 …0189). Vérifiez auprès du fournisseur avant de payer.")
