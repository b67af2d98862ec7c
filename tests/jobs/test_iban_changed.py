"""A known supplier's IBAN differs from the document's: the fraud signal (app.jobs.matching.iban_changed)."""

from __future__ import annotations

import pytest

from app.jobs.matching import iban_changed, mask_iban
from app.pennylane.reference_cache import Counterpart

KNOWN = "FR7630006000011234567890189"
OTHER = "FR7630076020112134657890134"  # valid, different account


def supplier(iban: str | None) -> Counterpart:
    return Counterpart(id=1, name="Au bon moulin", kind="supplier", iban=iban)


def test_a_different_valid_iban_is_a_change():
    assert iban_changed(OTHER, supplier(KNOWN))
    assert iban_changed(OTHER, {"id": 1, "iban": KNOWN})  # an API dict
    assert iban_changed(OTHER, {"id": 1, "billing_iban": KNOWN})  # a customer's


@pytest.mark.parametrize("document", [KNOWN, "fr76 3000 6000 0112 3456 7890 189", "FR76-3000-6000-0112-3456-7890-189",
                                      "FR76.3000.6000.0112.3456.7890.189", "FR76\u00a03000 6000 0112 3456 7890 189"])
def test_the_same_iban_written_differently_is_no_change(document):
    assert not iban_changed(document, supplier(KNOWN))
    assert not iban_changed(KNOWN, supplier(document.lower()))


@pytest.mark.parametrize("document, known", [(None, KNOWN), ("", KNOWN), (OTHER, None), (OTHER, ""), (None, None)])
def test_nothing_to_compare_is_no_change(document, known):
    assert not iban_changed(document, supplier(known))


def test_no_counterpart_is_no_change():
    assert not iban_changed(OTHER, None)


def test_an_invalid_document_iban_is_a_misread_not_a_change():
    misread = OTHER[:-1] + "5"  # one digit off: the check digits fail
    assert not iban_changed(misread, supplier(KNOWN))


def test_mask_keeps_country_check_digits_and_last_four():
    assert mask_iban("fr76 3000 6000 0112 3456 7890 189") == "FR76 …0189"
    assert mask_iban(None) == "" and mask_iban("FR76") == "FR76"
