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
