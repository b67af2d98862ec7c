"""Creating a supplier/customer that already exists: the 409 selects the existing one (issue #17)."""

from __future__ import annotations

import pytest

from app.jobs.remote import CUSTOMER, SUPPLIER, create_counterpart
from app.pennylane.errors import ConflictError


def test_a_supplier_that_exists_is_found_not_refused(client, standin):
    body = {"name": "Au bon moulin (copie)", "reg_no": "999999998"}  # the demo supplier's SIREN
    found, existed = create_counterpart(client, SUPPLIER, body)
    assert existed and found.name == "Au bon moulin" and found.reg_no == "999999998"
    created, existed = create_counterpart(client, SUPPLIER, {"name": "Menuiserie Caron", "reg_no": "732829320"})
    assert not existed and created.name == "Menuiserie Caron"
    again, existed = create_counterpart(client, SUPPLIER, {"name": "Menuiserie Caron", "reg_no": "732829320"})
    assert existed and again.id == created.id


def test_a_customer_that_exists_is_found_by_its_siren(client, standin):
    co = standin.state.company(standin.demo_company_id)
    existing = next(c for c in co.customers.values() if c.get("reg_no"))
    body = {"name": "Quelqu'un", "reg_no": existing["reg_no"], "billing_address": {
        "address": "1 rue de la Paix", "postal_code": "75002", "city": "Paris", "country_alpha2": "FR"}}
    found, existed = create_counterpart(client, CUSTOMER, body)
    assert existed and found.id == existing["id"]


def test_an_existing_counterpart_that_cannot_be_found_says_so(client, standin, monkeypatch):
    monkeypatch.setattr(client, "suppliers", lambda filter=None: iter(()))
    with pytest.raises(ConflictError) as info:
        create_counterpart(client, SUPPLIER, {"name": "X", "reg_no": "999999998"})
    assert "already exists" in info.value.text.en and "invoice" not in info.value.text.en.lower()


def test_the_existing_counterpart_is_found_whatever_the_spacing_of_its_identifiers(client, standin, monkeypatch):
    """Pennylane refuses a second supplier with the same SIREN; the one it has may be written
    "999 999 998" or carry a SIRET, and its VAT number "FR 12 999999998": found all the same,
    compared as app.jobs.matching compares identifiers."""
    from types import SimpleNamespace

    from app.domain.text import Text

    stored = [SimpleNamespace(id=7, name="Au Bon Moulin SARL", reg_no="999 999 998 00012", vat_number="FR 12 999999998"),
              SimpleNamespace(id=8, name="Autre", reg_no="732829320", vat_number=None)]
    monkeypatch.setattr(client, "suppliers", lambda filter=None: iter(stored))

    def conflict(body):
        raise ConflictError(Text("Existe déjà", "Resource already exists"), status=409)

    monkeypatch.setattr(client, "create_supplier", conflict)
    found, existed = create_counterpart(client, SUPPLIER, {"name": "Boulangerie", "reg_no": "999999998"})
    assert existed and found.id == 7
    found, existed = create_counterpart(client, SUPPLIER, {"name": "Boulangerie", "vat_number": "FR12999999998"})
    assert existed and found.id == 7
    found, existed = create_counterpart(client, SUPPLIER, {"name": "au bon moulin"})  # no identifier: the name
    assert existed and found.id == 7
